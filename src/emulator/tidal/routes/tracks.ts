/**
 * Track routes: the track, contributors, credits, lyrics (a subscription only), mix, recommendations and playback
 * info. A track not available in the country asked for is answered 404.
 */
import type { EmulatorRequest, RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, country, ok, requireSubscription, requireUser, resolveCaller } from "../context.js";
import type { TrackSeed } from "../data.js";
import { notFound } from "../errors.js";
import { creditsJson, findTrack, mixTracks } from "../lookup.js";
import { offsetEnvelope, offsetPage } from "../paging.js";
import { pathNumber } from "../params.js";
import { grantTrackPlayback } from "../playback.js";
import type { TidalService } from "../service.js";
import { stableUuid } from "../util.js";

export function trackRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/tracks/:trackId", track);
  r.add("GET", "/v1/tracks/:trackId/contributors", trackContributors);
  r.add("GET", "/v1/tracks/:trackId/credits", trackCredits);
  r.add("GET", "/v1/tracks/:trackId/lyrics", trackLyrics);
  r.add("GET", "/v1/tracks/:trackId/mix", trackMix);
  r.add("GET", "/v1/tracks/:trackId/recommendations", trackRecommendations);
  r.add("GET", "/v1/tracks/:trackId/playbackinfo", trackPlaybackInfo);
}

const track: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  return ok(s.fmt.track(findTrack(s, pathNumber(req, "trackId"), country(req))));
};

const trackContributors: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const track = findTrack(s, pathNumber(req, "trackId"), country(req));
  const people = track.credits.flatMap((c) => c.contributors.map((p) => ({ name: p.name, role: c.type })));
  return ok(offsetEnvelope(people, offsetPage(req)));
};

const trackCredits: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  return ok(creditsJson(findTrack(s, pathNumber(req, "trackId"), country(req)).credits));
};

const trackLyrics: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  requireSubscription(caller);
  const track = findTrack(s, pathNumber(req, "trackId"), country(req, caller.user.countryCode));
  if (!track.lyrics) throw notFound("Lyrics");
  const lines = track.lyrics.split("\n");
  return ok({
    trackId: track.id,
    lyricsProvider: "Emulator Lyrics",
    providerCommontrackId: String(track.id * 7),
    providerLyricsId: String(track.id * 11),
    lyrics: track.lyrics,
    subtitles: lines.map((line, i) => `[00:${String(10 + i * 4).padStart(2, "0")}.00] ${line}`).join("\n"),
    isRightToLeft: false,
  });
};

const trackMix: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  return ok({ id: findTrack(s, pathNumber(req, "trackId"), country(req)).mixId });
};

const trackRecommendations: ApiHandler = (req, s) => {
  requireUser(s, req);
  const cc = country(req);
  const track = findTrack(s, pathNumber(req, "trackId"), cc);
  const mix = s.state.mixes.get(track.mixId);
  const items = mixTracks(
    s,
    (mix?.trackIds ?? []).filter((id) => id !== track.id),
    cc,
  ).map((t) => ({
    track: s.fmt.track(t),
    sources: ["SUGGESTED_TRACKS"],
  }));
  return ok(offsetEnvelope(items, offsetPage(req)));
};

/** The first playback-info route: one BTS file per track, under the same rules as the post-paywall one. */
const trackPlaybackInfo: ApiHandler = (req, s) => {
  const { track, quality, presentation } = grantTrackPlayback(s, req);
  return ok({
    trackId: track.id,
    assetPresentation: presentation,
    audioMode: "STEREO",
    audioQuality: quality,
    ...trackManifest(req, track, quality),
    albumReplayGain: track.replayGain,
    albumPeakAmplitude: track.peak,
    trackReplayGain: track.replayGain,
    trackPeakAmplitude: track.peak,
    ...sampleFormat(quality),
    licenseSecurityToken: null,
  });
};

function isLossless(quality: string): boolean {
  return quality === "LOSSLESS" || quality.startsWith("HI_RES");
}

/** A BTS manifest: base64 JSON naming one file on the resources host. */
function trackManifest(req: EmulatorRequest, track: TrackSeed, quality: string) {
  const lossless = isLossless(quality);
  const manifest = {
    mimeType: lossless ? "audio/flac" : "audio/mp4",
    codecs: lossless ? "flac" : "mp4a.40.2",
    encryptionType: "NONE",
    urls: [`${req.urls.tidalResources}/media/tracks/${track.id}/${quality}.${lossless ? "flac" : "m4a"}`],
  };
  return {
    manifestMimeType: "application/vnd.tidal.bts",
    manifestHash: stableUuid(`manifest:${track.id}:${quality}`),
    manifest: Buffer.from(JSON.stringify(manifest), "utf8").toString("base64"),
  };
}

function sampleFormat(quality: string): { bitDepth: number | null; sampleRate: number | null } {
  const lossless = isLossless(quality);
  return {
    bitDepth: quality.startsWith("HI_RES") ? 24 : lossless ? 16 : null,
    sampleRate: quality.startsWith("HI_RES") ? 96000 : lossless ? 44100 : null,
  };
}
