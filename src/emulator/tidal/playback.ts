/**
 * Who may play what, in which quality: the rules every playback-info route applies (`playbackinfo` and
 * `playbackinfopostpaywall`, tracks and videos), so the variants answer alike.
 *
 * - A client token alone (`x-tidal-token`) and a user without a subscription get `PREVIEW`, capped at HIGH.
 * - `OFFLINE` needs a subscription (403, subStatus 4005).
 * - The quality granted is the best at or below the one asked for that the album offers.
 * - Availability follows the account's country (the client's default country for a client token).
 */
import type { EmulatorRequest } from "../types.js";
import type { Caller, UserCaller } from "./context.js";
import { hasSubscription, requireSubscription, requireUser, resolveCaller } from "./context.js";
import type { TrackSeed, VideoSeed } from "./data.js";
import { TIDAL_SUB_STATUS, apiFailure, invalidParameter } from "./errors.js";
import { findTrack, findVideo } from "./routes/catalogue.js";
import type { TidalService } from "./service.js";
import { AUDIO_QUALITIES, VIDEO_QUALITIES, isAudioQuality, isVideoQuality, videoCeiling } from "./streams.js";
import type { AssetPresentation, AudioQuality, VideoQuality } from "./streams.js";

export type PlaybackMode = "STREAM" | "OFFLINE";

export interface TrackPlayback {
  caller: Caller;
  track: TrackSeed;
  /** The quality delivered (`audioQuality` of the answer). */
  quality: AudioQuality;
  presentation: AssetPresentation;
  mode: PlaybackMode;
}

export interface VideoPlayback {
  caller: UserCaller;
  video: VideoSeed;
  quality: VideoQuality;
  presentation: AssetPresentation;
  mode: PlaybackMode;
}

function numericParam(req: EmulatorRequest, name: string): number {
  const raw = req.params[name] ?? "";
  return /^\d+$/.test(raw) ? Number(raw) : NaN;
}

function modeParam(req: EmulatorRequest): PlaybackMode {
  const mode = (req.query.get("playbackmode") ?? "STREAM").toUpperCase();
  if (mode !== "STREAM" && mode !== "OFFLINE") throw invalidParameter("playbackmode", mode);
  return mode;
}

function presentationParam(req: EmulatorRequest): AssetPresentation {
  const presentation = (req.query.get("assetpresentation") ?? "FULL").toUpperCase();
  if (presentation !== "FULL" && presentation !== "PREVIEW")
    throw invalidParameter("assetpresentation", presentation);
  return presentation;
}

/**
 * `immersiveaudio` (`true`/`false`) is checked but changes nothing: what the service does with it is not
 * known, and every seeded answer is `audioMode: "STEREO"` either way.
 */
function checkImmersiveAudio(req: EmulatorRequest): void {
  const value = req.query.get("immersiveaudio");
  if (value !== null && value !== "true" && value !== "false")
    throw invalidParameter("immersiveaudio", value);
}

/** `countryCode`, when sent, must look like one; availability still follows the account's country. */
function checkCountryCode(req: EmulatorRequest): void {
  const value = req.query.get("countryCode");
  if (value !== null && !/^[A-Za-z]{2}$/.test(value)) throw invalidParameter("countryCode", value);
}

function lower<T extends string>(order: readonly T[], a: T, b: T): T {
  return order[Math.min(order.indexOf(a), order.indexOf(b))] as T;
}

/** The caller, track and granted quality of a track playback-info request (`:trackId` in the path). */
export function grantTrackPlayback(svc: TidalService, req: EmulatorRequest): TrackPlayback {
  const caller = resolveCaller(svc, req);
  const asked = (req.query.get("audioquality") ?? "HIGH").toUpperCase();
  if (!isAudioQuality(asked)) throw invalidParameter("audioquality", asked);
  const mode = modeParam(req);
  const presentation = presentationParam(req);
  checkImmersiveAudio(req);
  checkCountryCode(req);
  const subscribed = caller.kind === "user" && hasSubscription(caller);
  if (mode === "OFFLINE" && !subscribed) {
    throw apiFailure(
      403,
      TIDAL_SUB_STATUS.noSubscription,
      "Offline playback requires an active TIDAL subscription",
    );
  }
  const cc = caller.kind === "user" ? caller.user.countryCode : svc.config.countryCode;
  const track = findTrack(svc, numericParam(req, "trackId"), cc);
  const albumQuality = svc.state.albums.get(track.albumId)?.audioQuality ?? "LOSSLESS";
  // Without a plan the service only hands out previews in normal quality.
  const ceiling: AudioQuality = subscribed
    ? isAudioQuality(albumQuality)
      ? albumQuality
      : "LOSSLESS"
    : "HIGH";
  return {
    caller,
    track,
    quality: lower(AUDIO_QUALITIES, asked, ceiling),
    presentation: subscribed ? presentation : "PREVIEW",
    mode,
  };
}

/** The caller, video and granted quality of a video playback-info request (`:videoId` in the path). */
export function grantVideoPlayback(svc: TidalService, req: EmulatorRequest): VideoPlayback {
  const caller = requireUser(svc, req);
  requireSubscription(caller);
  const asked = (req.query.get("videoquality") ?? "HIGH").toUpperCase();
  if (!isVideoQuality(asked)) throw invalidParameter("videoquality", asked);
  const mode = modeParam(req);
  const presentation = presentationParam(req);
  checkCountryCode(req);
  const video = findVideo(svc, numericParam(req, "videoId"), caller.user.countryCode);
  return { caller, video, quality: lower(VIDEO_QUALITIES, asked, videoCeiling(video)), presentation, mode };
}
