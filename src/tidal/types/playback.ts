import type { TrackPlaybackInfo } from "./track.js";
import type { VideoPlaybackInfo } from "./video.js";

/** The answer of a track or video playback-info endpoint: what `decodePlaybackManifest` reads. */
export type PlaybackInfo = TrackPlaybackInfo | VideoPlaybackInfo;

/** The manifest MIME types TIDAL sends in `manifestMimeType`. */
export type ManifestMimeType =
  "application/vnd.tidal.bts" | "application/dash+xml" | "application/vnd.tidal.emu";

/**
 * One piece of evidence that a stream is DRM-protected or encrypted. A description lists every marker found, so
 * a caller can tell a licence-bearing answer from an encrypted file.
 */
export type ProtectionMarker =
  /** A BTS or EMU manifest's `encryptionType` other than `NONE`. */
  | { source: "encryptionType"; value: string }
  /** A BTS or EMU manifest names a decryption key. */
  | { source: "keyId" }
  /** The playback info carries a licence token or licence server URL. */
  | { source: "licenseSecurityToken" | "licenseUrl" }
  /** A DASH `ContentProtection` element, with its scheme (`urn:uuid:edef8ba9-…` is Widevine). */
  | { source: "ContentProtection"; schemeIdUri: string | undefined };

interface StreamDescriptionBase {
  /** The playback info's `manifestMimeType`. */
  manifestMimeType: ManifestMimeType;
  /**
   * True when the stream is encrypted or needs a licence. minim-ts never decrypts such streams, strips their
   * protection or handles licences; `streamPlayback` refuses them.
   */
  protected: boolean;
  /** Why the stream counts as protected; empty when it does not. */
  protection: readonly ProtectionMarker[];
  /** MIME type of the media (`audio/flac`, `audio/mp4`, `application/vnd.apple.mpegurl`, …). */
  mimeType: string;
  /** Codec string as the manifest spells it (`flac`, `mp4a.40.2`), when it names one. */
  codec: string | undefined;
  /**
   * Absolute URLs whose bodies, fetched in this order and concatenated, make up the media file. They usually
   * carry a short-lived access token: treat them as secrets.
   */
  urls: readonly string[];
}

/** A BTS manifest (`application/vnd.tidal.bts`): one or more plain file URLs. */
export interface BtsStreamDescription extends StreamDescriptionBase {
  manifestType: "bts";
  /** `NONE` on unencrypted streams. */
  encryptionType: string;
  /** Base64 key identifier of an encrypted stream. */
  keyId: string | undefined;
  /** Bits per sample, from the playback info (BTS manifests do not say). */
  bitDepth: number | undefined;
  /** Samples per second, from the playback info (BTS manifests do not say). */
  sampleRate: number | undefined;
}

/** A DASH manifest (`application/dash+xml`): an initialization segment followed by numbered media segments. */
export interface DashStreamDescription extends StreamDescriptionBase {
  manifestType: "dash";
  /** The chosen `Representation@id` (`FLAC_HIRES,44100,24`, `AACLC`, …). */
  representationId: string | undefined;
  /** `Representation@bandwidth`, bits per second. */
  bandwidth: number | undefined;
  /** `audioSamplingRate`, else the playback info's `sampleRate`. */
  sampleRate: number | undefined;
  /** The last number of a comma-separated `Representation@id`, else the playback info's `bitDepth`. */
  bitDepth: number | undefined;
  /** `mediaPresentationDuration` in seconds. */
  durationSeconds: number | undefined;
  /** The initialization segment, when the manifest has one; it is also `urls[0]`. */
  initializationUrl: string | undefined;
  /** The media segments in playback order; `urls` without the initialization segment. */
  segmentUrls: readonly string[];
}

/**
 * An EMU manifest (`application/vnd.tidal.emu`, videos): usually an HLS master playlist. Fetch it and pick a
 * variant with `parseHlsMasterPlaylist`.
 */
export interface EmuStreamDescription extends StreamDescriptionBase {
  manifestType: "emu";
  /** The HLS master playlist, when the manifest points at one (`urls[0]`). */
  masterPlaylistUrl: string | undefined;
}

/** What `decodePlaybackManifest` returns; `manifestType` tells the three apart. */
export type StreamDescription = BtsStreamDescription | DashStreamDescription | EmuStreamDescription;

/** One `#EXT-X-STREAM-INF` entry of an HLS master playlist. */
export interface HlsVariant {
  /** Peak bits per second (`BANDWIDTH`). */
  bandwidth: number;
  /** `AVERAGE-BANDWIDTH`, when given. */
  averageBandwidth: number | undefined;
  /** `RESOLUTION`, when given. */
  resolution: { width: number; height: number } | undefined;
  /** `CODECS`, split at commas (`["avc1.4d401f", "mp4a.40.2"]`); empty when not given. */
  codecs: readonly string[];
  /** `FRAME-RATE`, when given. */
  frameRate: number | undefined;
  /** The variant's media playlist, resolved against the master playlist's URL. */
  uri: string;
}

/** What `parseHlsMasterPlaylist` returns. */
export interface HlsMasterPlaylist {
  /** Variants in playlist order. */
  variants: readonly HlsVariant[];
  /** True when an `#EXT-X-SESSION-KEY` with a method other than `NONE` says the media is encrypted. */
  protected: boolean;
}
