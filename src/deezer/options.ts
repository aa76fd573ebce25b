/** Option objects of the Deezer endpoint methods (each also takes the per-call controls of RequestOptions). */
import type { RequestOptions } from "../core/api-client.js";
import type { PageOptions } from "../core/pagination.js";
import type { DeezerId, DeezerIdList, UserId } from "./types/common.js";
import type { SearchOrder } from "./types/search.js";

export type { RequestOptions } from "../core/api-client.js";
export type { PageOptions } from "../core/pagination.js";

/** Options of the actions on a user's library; `userId` defaults to `"me"`. */
export interface UserOptions extends RequestOptions {
  userId?: UserId | undefined;
}

/** Options of `search`, `searchAlbums`, `searchTracks`, …. */
export interface SearchOptions extends PageOptions {
  /** Disables Deezer's fuzzy matching (sent as `strict=on`). */
  strict?: boolean | null | undefined;
  /**
   * The order as Deezer writes it (`RANKING`, `TRACK_ASC`, `DURATION_DESC`, …; any case); sent as `order`.
   * An alternative to `sortBy` and `descending`, not to be combined with them.
   */
  order?: SearchOrder | Lowercase<SearchOrder> | null | undefined;
  /** `RANKING`, `TRACK`, `ARTIST`, `ALBUM`, `RATING` or `DURATION` (any case); sent as `order`. */
  sortBy?: string | null | undefined;
  /** With a `sortBy` other than `RANKING`: descending instead of ascending order. */
  descending?: boolean | undefined;
}

/** Options of the chart lists (`getTopTracks`, …). */
export interface ChartOptions extends PageOptions {
  /** The genre whose chart to read; 0 (the default) is all genres. */
  genreId?: DeezerId | null | undefined;
}

/** Options of `createPlaylist`. */
export interface CreatePlaylistOptions extends UserOptions {
  /** The playlist's title. */
  name: string;
}

/** Options of `updatePlaylistDetails`; at least one change is required. */
export interface PlaylistDetailsOptions extends RequestOptions {
  /** New title. */
  name?: string | null | undefined;
  /** New description (may be blank, to clear it). */
  description?: string | null | undefined;
  public?: boolean | null | undefined;
  /** Deezer only lets public playlists be collaborative; `true` also makes the playlist public. */
  collaborative?: boolean | null | undefined;
}

/** Options of `addPlaylistTracks`, `reorderPlaylistTracks` and `removePlaylistTracks`. */
export interface PlaylistTracksOptions extends RequestOptions {
  /** The tracks to add or remove, or every track of the playlist in the new order. */
  trackIds: DeezerIdList;
}

/** Options of `setEpisodeResumePoint`. */
export interface ResumePointOptions extends RequestOptions {
  /** Where to resume, in percent of the episode (0–100). */
  position: number;
}

/** Options of `updateTrackMetadata` (uploaded tracks); at least one field is required. */
export interface TrackMetadataOptions extends RequestOptions {
  album?: string | null | undefined;
  artist?: string | null | undefined;
  title?: string | null | undefined;
}
