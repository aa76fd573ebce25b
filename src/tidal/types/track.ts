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

/** How to play a track: the manifest (base64) and its MIME type, quality and loudness data. */
export interface TrackPlaybackInfo {
  trackId: number;
  assetPresentation: "FULL" | "PREVIEW" | string;
  audioMode: string;
  audioQuality: string;
  manifestMimeType: string;
  manifestHash?: string;
  manifest: string;
  licenseSecurityToken?: string | null;
  albumReplayGain?: number;
  albumPeakAmplitude?: number;
  trackReplayGain?: number;
  trackPeakAmplitude?: number;
  bitDepth?: number | null;
  sampleRate?: number | null;
}
