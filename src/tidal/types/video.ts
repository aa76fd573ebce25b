import type { AlbumRef, ArtistRef } from "./common.js";

/** A music video (`GET /v1/videos/{id}` and every list of videos). */
export interface TidalVideo {
  id: number;
  title: string;
  volumeNumber: number;
  trackNumber: number;
  releaseDate: string | null;
  imagePath: string | null;
  imageId: string | null;
  vibrantColor: string | null;
  duration: number;
  quality: string;
  streamReady: boolean;
  adSupportedStreamReady?: boolean;
  djReady?: boolean;
  stemReady?: boolean;
  streamStartDate: string | null;
  allowStreaming: boolean;
  explicit: boolean;
  popularity: number;
  type: string;
  adsUrl: string | null;
  adsPrePaywallOnly: boolean;
  artist: ArtistRef | null;
  artists: ArtistRef[];
  album: AlbumRef | null | Record<string, never>;
}

/** Video quality names of `GET /v1/videos/{id}/playbackinfo`. */
export type VideoQuality = "AUDIO_ONLY" | "LOW" | "MEDIUM" | "HIGH";

/**
 * How to play a video: a base64 manifest naming the HLS playlist. The answer of both
 * `GET /v1/videos/{id}/playbackinfo` and `GET /v1/videos/{id}/playbackinfopostpaywall`; decode the manifest with
 * `decodePlaybackManifest`.
 */
export interface VideoPlaybackInfo {
  videoId: number;
  /** `ON_DEMAND` for catalogue videos. */
  streamType: string;
  assetPresentation: "FULL" | "PREVIEW" | string;
  videoQuality: string;
  /** `application/vnd.tidal.emu` (HLS) or `application/dash+xml`. */
  manifestMimeType: string;
  manifestHash?: string;
  /** The manifest document, base64-encoded. */
  manifest: string;
  /** Present (not `null`) only on DRM-protected streams. */
  licenseSecurityToken?: string | null;
  /** Present (not `null`) only on DRM-protected streams. */
  licenseUrl?: string | null;
  streamingSessionId?: string;
  trackReplayGain?: number;
  trackPeakAmplitude?: number;
}
