/**
 * The media CDN on the resources host: the files and segments the playback manifests name.
 *
 * - `/media/tracks/{id}/{quality}/{full|preview}/stream.m4a` is a BTS stream's file.
 * - `/media/tracks/{id}/{quality}/{full|preview}/{n}.mp4` is DASH segment n (0 = init, 1…count = media).
 * - `/media/videos/{id}/master/{quality}.m3u8`, `/media/videos/{id}/{360p|720p|1080p|audio}/index.m3u8` and
 *   `…/{n}.ts` are a video's HLS playlists and segments.
 *
 * Every URL needs the `token` its manifest carried (403 otherwise). A segment number past the end answers
 * HTTP 500, as the real CDN does: clients that compute one URL too many, or probe for the end, meet that.
 */
import type { EmulatorReply, RoleRouter } from "../../types.js";
import type { TidalService } from "../service.js";
import {
  VIDEO_RENDITIONS,
  audioStream,
  audioStreamToken,
  btsFile,
  initSegment,
  isAudioQuality,
  isVideoQuality,
  mediaSegment,
  renditionName,
  streamToken,
  videoMasterPath,
  videoMasterPlaylist,
  videoMediaPlaylist,
  videoSegment,
} from "../streams.js";

const xmlError = (status: number, code: string, message: string): EmulatorReply => ({
  status,
  headers: { "content-type": "application/xml" },
  text: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>\n`,
});

const NOT_FOUND = xmlError(404, "NoSuchKey", "The specified key does not exist.");
const ACCESS_DENIED = xmlError(403, "AccessDenied", "Access denied");
const PAST_THE_END: EmulatorReply = {
  status: 500,
  headers: { "content-type": "text/html" },
  text: "<html><body><h1>500 Internal Server Error</h1></body></html>\n",
};

const media = (contentType: string, body: Buffer): EmulatorReply => ({
  status: 200,
  headers: { "content-type": contentType, "cache-control": "private, max-age=3600" },
  body,
});

const playlist = (text: string): EmulatorReply => ({
  status: 200,
  headers: { "content-type": "application/vnd.apple.mpegurl" },
  text,
});

export function cdnRoutes(router: RoleRouter, svc: () => TidalService): void {
  router.add("GET", "/media/tracks/:trackId/:quality/:presentation/:file", (req) => {
    const { trackId = "", quality = "", presentation = "", file = "" } = req.params;
    const track = /^\d+$/.test(trackId) ? svc().state.tracks.get(Number(trackId)) : undefined;
    if (!track || !isAudioQuality(quality) || (presentation !== "full" && presentation !== "preview"))
      return NOT_FOUND;
    const stream = audioStream(track, quality, presentation === "full" ? "FULL" : "PREVIEW");
    if (req.query.get("token") !== audioStreamToken(stream)) return ACCESS_DENIED;
    if (stream.format === "bts")
      return file === "stream.m4a" ? media("audio/mp4", btsFile(stream)) : NOT_FOUND;
    const number = /^(\d{1,6})\.mp4$/.exec(file)?.[1];
    if (number === undefined) return NOT_FOUND;
    const n = Number(number);
    const body = n === 0 ? initSegment(stream) : mediaSegment(stream, n);
    return body ? media("audio/mp4", body) : PAST_THE_END;
  });

  router.add("GET", "/media/videos/:videoId/master/:file", (req) => {
    const { videoId = "", file = "" } = req.params;
    const video = /^\d+$/.test(videoId) ? svc().state.videos.get(Number(videoId)) : undefined;
    const quality = /^([A-Z_]+)\.m3u8$/.exec(file)?.[1] ?? "";
    if (!video || !isVideoQuality(quality)) return NOT_FOUND;
    if (req.query.get("token") !== streamToken(videoMasterPath(video.id, quality))) return ACCESS_DENIED;
    return playlist(videoMasterPlaylist(video, quality, req.urls.tidalResources));
  });

  const renditions = new Set([...VIDEO_RENDITIONS.map(renditionName), renditionName(undefined)]);
  router.add("GET", "/media/videos/:videoId/:rendition/:file", (req) => {
    const { videoId = "", rendition = "", file = "" } = req.params;
    const video = /^\d+$/.test(videoId) ? svc().state.videos.get(Number(videoId)) : undefined;
    if (!video || !renditions.has(rendition)) return NOT_FOUND;
    const folder = `/media/videos/${video.id}/${rendition}`;
    if (req.query.get("token") !== streamToken(`${folder}/index.m3u8`)) return ACCESS_DENIED;
    if (file === "index.m3u8") return playlist(videoMediaPlaylist(video, rendition, req.urls.tidalResources));
    const number = /^(\d{1,6})\.ts$/.exec(file)?.[1];
    if (number === undefined) return NOT_FOUND;
    const body = videoSegment(video, rendition, Number(number));
    return body ? media("video/mp2t", body) : PAST_THE_END;
  });
}
