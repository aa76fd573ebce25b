import type { Artist } from "./artist.js";
import type { Covers, DeezerList, DeezerPage } from "./common.js";
import type { Genre } from "./genre.js";
import type { Track } from "./track.js";

/** An album. Lists carry simplified albums; `GET /album/{id}` adds label, UPC, contributors and tracks. */
export interface Album extends Covers {
  id: number;
  title: string;
  type: "album";
  upc?: string;
  link?: string;
  share?: string;
  md5_image?: string;
  genre_id?: number;
  genres?: DeezerList<Genre>;
  label?: string;
  nb_tracks?: number;
  /** Total length in seconds. */
  duration?: number;
  fans?: number;
  rating?: number;
  /** `YYYY-MM-DD`. */
  release_date?: string;
  /** `album`, `single`, `ep`, `compile`. */
  record_type?: string;
  available?: boolean;
  tracklist?: string;
  explicit_lyrics?: boolean;
  /** 0 not explicit, 1 explicit, 2 unknown, 3 edited, 6 no advice. */
  explicit_content_lyrics?: number;
  explicit_content_cover?: number;
  contributors?: Artist[];
  artist?: Artist;
  tracks?: DeezerPage<Track>;
  /** In charts: the rank. */
  position?: number;
  /** In a user's favourites: when it was added (Unix seconds). */
  time_add?: number;
  timestamp?: number;
}
