export {
  decodePlaybackManifest,
  type DecodeManifestOptions,
  type PlaybackManifestSource,
} from "./manifest.js";
export { parseHlsMasterPlaylist } from "./hls.js";
export {
  streamPlayback,
  type PlayableStream,
  type PlaybackProgress,
  type StreamPlaybackOptions,
} from "./stream.js";
export { ManifestError, ProtectedContentError, SegmentDownloadError } from "./errors.js";
