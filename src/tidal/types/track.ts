import type { AlbumRef, ArtistRef, MediaMetadata } from "./common.js";

/** A track (`GET /v1/tracks/{id}` and every list of tracks). */
export interface TidalTrack {
  id: number;
  title: string;
  duration: number;
  replayGain?: number;
  peak?: number;
  allowStreaming: boolean;
  streamReady: boolean;
  adSupportedStreamReady?: boolean;
  djReady?: boolean;
  stemReady?: boolean;
  streamStartDate: string | null;
  premiumStreamingOnly: boolean;
  payToStream?: boolean;
  trackNumber: number;
  volumeNumber: number;
  version: string | null;
  popularity: number;
  copyright: string | null;
  bpm?: number | null;
  key?: string | null;
  keyScale?: string | null;
  url: string;
  isrc: string;
  editable: boolean;
  explicit: boolean;
  audioQuality: string;
  audioModes: string[];
  mediaMetadata?: MediaMetadata;
  upload?: boolean;
  accessType?: string | null;
  spotlighted?: boolean;
  artist: ArtistRef | null;
  artists: ArtistRef[];
  album: AlbumRef | null;
  mixes?: { TRACK_MIX?: string };
}

/** A contributor of a track (`GET /v1/tracks/{id}/contributors`). */
export interface TrackContributor {
  name: string;
  role: string;
}

/** Lyrics of a track, with time-coded LRC `subtitles` when available. */
export interface Lyrics {
  trackId: number;
  lyricsProvider: string;
  providerCommontrackId: string;
  providerLyricsId: string;
  lyrics: string;
  subtitles: string | null;
  isRightToLeft: boolean;
}

/** Audio quality names of `GET /v1/tracks/{id}/playbackinfo`. */
export type AudioQuality = "LOW" | "HIGH" | "LOSSLESS" | "HI_RES" | "HI_RES_LOSSLESS";

/** Why a stream is requested. */
export type PlaybackIntent = "STREAM" | "OFFLINE";

/**
 * How to play a track: the manifest (base64) and its MIME type, quality and loudness data. The answer of both
 * `GET /v1/tracks/{id}/playbackinfo` and `GET /v1/tracks/{id}/playbackinfopostpaywall`; decode the manifest
 * with `decodePlaybackManifest`.
 */
export interface TrackPlaybackInfo {
  trackId: number;
  /** `PREVIEW` when the caller may only hear a clip (no user token, or no subscription). */
  assetPresentation: "FULL" | "PREVIEW" | string;
  audioMode: "STEREO" | "DOLBY_ATMOS" | "SONY_360RA" | string;
  /** The quality delivered: the best available at or below the one asked for. */
  audioQuality: string;
  /** `application/vnd.tidal.bts`, `application/dash+xml` or `application/vnd.tidal.emu`. */
  manifestMimeType: string;
  manifestHash?: string;
  /** The manifest document, base64-encoded. */
  manifest: string;
  /** Present (not `null`) only on DRM-protected streams. */
  licenseSecurityToken?: string | null;
  /** Present (not `null`) only on DRM-protected streams. */
  licenseUrl?: string | null;
  streamingSessionId?: string;
  albumReplayGain?: number;
  albumPeakAmplitude?: number;
  trackReplayGain?: number;
  trackPeakAmplitude?: number;
  bitDepth?: number | null;
  sampleRate?: number | null;
  /** Epoch milliseconds; `OFFLINE` playback mode only. */
  offlineRevalidateAt?: number;
  /** Epoch milliseconds; `OFFLINE` playback mode only. */
  offlineValidUntil?: number;
}
