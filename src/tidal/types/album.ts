import type { ArtistRef, CreditGroup, MediaMetadata } from "./common.js";
import type { TidalTrack } from "./track.js";
import type { TidalVideo } from "./video.js";

/** An album (`GET /v1/albums/{id}` and every list of albums). */
export interface TidalAlbum {
  id: number;
  title: string;
  duration: number;
  streamReady: boolean;
  adSupportedStreamReady?: boolean;
  djReady?: boolean;
  stemReady?: boolean;
  streamStartDate: string | null;
  allowStreaming: boolean;
  premiumStreamingOnly: boolean;
  payToStream?: boolean;
  /**
   * The album's full length; a country's list may be shorter (test/fixtures/tidal/yambs/album_1588184_US).
   */
  numberOfTracks: number;
  numberOfVideos: number;
  numberOfVolumes: number;
  releaseDate: string | null;
  copyright: string | null;
  /** `ALBUM`, `EP`, `SINGLE`, … */
  type: string;
  version: string | null;
  url: string;
  cover: string | null;
  vibrantColor: string | null;
  videoCover: string | null;
  explicit: boolean;
  upc: string;
  popularity: number;
  audioQuality: string;
  audioModes: string[];
  mediaMetadata?: MediaMetadata;
  upload?: boolean;
  artist?: ArtistRef | null;
  artists: ArtistRef[];
}

/** One entry of an album, playlist or mix listing: a track or a video with its kind. */
export type MediaItem = { item: TidalTrack; type: "track" } | { item: TidalVideo; type: "video" };

/** An album entry together with its credits (`GET /v1/albums/{id}/items/credits`). */
export type MediaItemWithCredits = MediaItem & { credits: CreditGroup[] };

/** `GET /v1/artists/{id}/albums` `filter` values. */
export type AlbumFilter = "COMPILATIONS" | "EPSANDSINGLES";
