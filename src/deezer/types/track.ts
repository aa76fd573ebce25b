import type { Album } from "./album.js";
import type { Artist } from "./artist.js";

/** A track. `GET /track/{id}` adds ISRC, BPM, gain, contributors and availability. */
export interface Track {
  id: number;
  title: string;
  type: "track";
  readable?: boolean;
  title_short?: string;
  title_version?: string;
  isrc?: string;
  link?: string;
  share?: string;
  /** Length in seconds. */
  duration?: number;
  track_position?: number;
  disk_number?: number;
  rank?: number;
  release_date?: string;
  explicit_lyrics?: boolean;
  explicit_content_lyrics?: number;
  explicit_content_cover?: number;
  /** URL of a 30-second MP3 preview. */
  preview?: string;
  bpm?: number;
  gain?: number;
  available_countries?: string[];
  /** A playable replacement when this track is not readable in the caller's country. */
  alternative?: Track;
  contributors?: Artist[];
  md5_image?: string;
  track_token?: string;
  artist?: Artist;
  album?: Album;
  /** In charts: the rank. */
  position?: number;
  /** In a user's favourites or a playlist: when it was added (Unix seconds). */
  time_add?: number;
  /** In the listening history: when it was played (Unix seconds). */
  timestamp?: number;
}
