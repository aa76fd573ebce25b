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

/** How to play a video: a base64 manifest naming the HLS playlist. */
export interface VideoPlaybackInfo {
  videoId: number;
  streamType: string;
  assetPresentation: "FULL" | "PREVIEW" | string;
  videoQuality: string;
  manifestMimeType: string;
  manifestHash?: string;
  manifest: string;
  licenseSecurityToken?: string | null;
  trackReplayGain?: number;
  trackPeakAmplitude?: number;
}
