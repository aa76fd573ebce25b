import type { Pictures } from "./common.js";

/** An artist. Simplified artists (inside tracks and albums) carry only `id`, `name`, `tracklist` and `type`. */
export interface Artist extends Pictures {
  id: number;
  name: string;
  type: "artist";
  link?: string;
  share?: string;
  nb_album?: number;
  nb_fan?: number;
  /** Whether a radio built from this artist is available. */
  radio?: boolean;
  /** API URL of the artist's top tracks. */
  tracklist?: string;
  /** In contributor lists: `Main`, `Featured`, … */
  role?: string;
  /** In charts: the rank. */
  position?: number;
  /** In a user's favourites: when it was added (Unix seconds). */
  time_add?: number;
}
