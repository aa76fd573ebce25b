/**
 * `GET /v1/tracks/{id}/playbackinfopostpaywall` and `GET /v1/videos/{id}/playbackinfopostpaywall`: the playback
 * answers whose manifests point at the emulated CDN (routes/cdn.ts).
 *
 * - LOW and HIGH come as `application/vnd.tidal.bts` (base64 JSON naming one file).
 * - LOSSLESS, HI_RES and HI_RES_LOSSLESS come as `application/dash+xml` (base64 MPD, FLAC in `audio/mp4`).
 * - Videos come as `application/vnd.tidal.emu` naming an HLS master playlist.
 * - A protected track (streams.ts `PROTECTED_TRACK_IDS`) adds `licenseSecurityToken`; unprotected answers leave it
 *   out, since its presence is what signals DRM.
 */
import { createHash } from "node:crypto";
import type { RoleRouter } from "../../types.js";
import { addRoute, ok, type ApiHandler } from "../context.js";
import type { Json } from "../format.js";
import { grantTrackPlayback, grantVideoPlayback } from "../playback.js";
import type { TidalService } from "../service.js";
import { audioStream, btsManifest, dashManifest, videoMasterPath, streamToken } from "../streams.js";
import { newUuid, stableUuid } from "../util.js";

const DAY_MS = 86_400_000;

function encodeManifest(document: string): { manifest: string; manifestHash: string } {
  return {
    manifest: Buffer.from(document, "utf8").toString("base64"),
    manifestHash: createHash("sha256").update(document).digest("base64"),
  };
}

/**
 * How a track plays: the grant, and a manifest of the stream the CDN serves for it (BTS for LOW/HIGH, DASH above).
 * Both playback-info routes answer with it, as no difference between them is known.
 */
export const trackPlaybackInfo: ApiHandler = (req, s) => {
  const grant = grantTrackPlayback(s, req);
  const { track } = grant;
  const stream = audioStream(track, grant.quality, grant.presentation);
  const dash = stream.format === "dash";
  const document = dash
    ? dashManifest(stream, req.urls.tidalResources)
    : JSON.stringify(btsManifest(stream, req.urls.tidalResources));
  const body: Json = {
    trackId: track.id,
    assetPresentation: grant.presentation,
    audioMode: "STEREO",
    audioQuality: grant.quality,
    manifestMimeType: dash ? "application/dash+xml" : "application/vnd.tidal.bts",
    ...encodeManifest(document),
    albumReplayGain: track.replayGain,
    albumPeakAmplitude: track.peak,
    trackReplayGain: track.replayGain,
    trackPeakAmplitude: track.peak,
    bitDepth: stream.bitDepth,
    sampleRate: stream.sampleRate,
    streamingSessionId: req.headers["x-tidal-streamingsessionid"] ?? newUuid(),
  };
  if (stream.protected) body.licenseSecurityToken = stableUuid(`license:${track.id}`);
  if (grant.mode === "OFFLINE") {
    const now = s.now();
    body.offlineRevalidateAt = now + 7 * DAY_MS;
    body.offlineValidUntil = now + 30 * DAY_MS;
  }
  return ok(body);
};

export function playbackRoutes(router: RoleRouter, svc: () => TidalService): void {
  addRoute(router, svc, "tidalApi", "GET", "/v1/tracks/:trackId/playbackinfopostpaywall", trackPlaybackInfo);
  addRoute(router, svc, "tidalApi", "GET", "/v1/videos/:videoId/playbackinfopostpaywall", (req, s) => {
    const grant = grantVideoPlayback(s, req);
    const path = videoMasterPath(grant.video.id, grant.quality);
    const manifest = {
      mimeType: "application/vnd.apple.mpegurl",
      urls: [`${req.urls.tidalResources}${path}?token=${streamToken(path)}`],
    };
    return ok({
      videoId: grant.video.id,
      streamType: "ON_DEMAND",
      assetPresentation: grant.presentation,
      videoQuality: grant.quality,
      manifestMimeType: "application/vnd.tidal.emu",
      ...encodeManifest(JSON.stringify(manifest)),
      streamingSessionId: req.headers["x-tidal-streamingsessionid"] ?? newUuid(),
    });
  });
}
