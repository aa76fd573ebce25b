import type { ChecksummedPage, Pictures } from "./common.js";
import type { Track } from "./track.js";
import type { User } from "./user.js";

/** A playlist. `GET /playlist/{id}` adds the creator and the first page of tracks. */
export interface Playlist extends Pictures {
  id: number;
  title: string;
  type: "playlist";
  description?: string;
  /** Total length in seconds. */
  duration?: number;
  public?: boolean;
  is_loved_track?: boolean;
  collaborative?: boolean;
  nb_tracks?: number;
  fans?: number;
  link?: string;
  share?: string;
  picture_type?: string;
  checksum?: string;
  md5_image?: string;
  tracklist?: string;
  creation_date?: string;
  add_date?: string;
  mod_date?: string;
  creator?: User;
  /** In chart and search lists, the owner is sent as `user`. */
  user?: User;
  tracks?: ChecksummedPage<Track>;
  /** In charts: the rank. */
  position?: number;
  time_add?: number;
  time_mod?: number;
}

/** `POST /user/me/playlists`: the id of the new playlist. */
export interface CreatedPlaylist {
  id: number;
}
