/** Video routes: the video, its contributors, and playback info (a subscription only). */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, country, ok, resolveCaller } from "../context.js";
import { findVideo } from "../lookup.js";
import { offsetEnvelope, offsetPage } from "../paging.js";
import { pathNumber } from "../params.js";
import { grantVideoPlayback } from "../playback.js";
import type { TidalService } from "../service.js";
import { stableUuid } from "../util.js";

export function videoRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/videos/:videoId", video);
  r.add("GET", "/v1/videos/:videoId/contributors", videoContributors);
  r.add("GET", "/v1/videos/:videoId/playbackinfo", videoPlaybackInfo);
}

const video: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  return ok(s.fmt.video(findVideo(s, pathNumber(req, "videoId"), country(req))));
};

const videoContributors: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const video = findVideo(s, pathNumber(req, "videoId"), country(req));
  return ok(
    offsetEnvelope(
      video.contributors.map((c) => ({ ...c })),
      offsetPage(req),
    ),
  );
};

const videoPlaybackInfo: ApiHandler = (req, s) => {
  const { video, quality, presentation } = grantVideoPlayback(s, req);
  const manifest = {
    mimeType: "video/mp4",
    urls: [`${req.urls.tidalResources}/media/videos/${video.id}/${quality}.mp4`],
  };
  return ok({
    videoId: video.id,
    streamType: "ON_DEMAND",
    assetPresentation: presentation,
    videoQuality: quality,
    manifestMimeType: "application/vnd.tidal.emu",
    manifestHash: stableUuid(`manifest:video:${video.id}:${quality}`),
    manifest: Buffer.from(JSON.stringify(manifest), "utf8").toString("base64"),
    licenseSecurityToken: null,
    trackReplayGain: -9.5,
    trackPeakAmplitude: 0.98,
  });
};
