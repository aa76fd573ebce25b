import type { RequestOptions } from "../../core/api-client.js";
import { via } from "../../core/resource.js";
import { DeezerResource } from "../endpoint.js";
import { id } from "../params.js";
import type {
  ChartOptions,
  CreatePlaylistOptions,
  PageOptions,
  PlaylistDetailsOptions,
  PlaylistTracksOptions,
  UserOptions,
} from "../options.js";
import type {
  ActionResult,
  ChecksummedPage,
  DeezerId,
  DeezerIdList,
  DeezerList,
  DeezerPages,
  UserId,
} from "../types/common.js";
import type { Comment } from "../types/comment.js";
import type { CreatedPlaylist, Playlist } from "../types/playlist.js";
import type { Track } from "../types/track.js";
import type { User } from "../types/user.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Playlists, and the playlist parts of the charts and of a user's library. */
export class PlaylistsAPI extends DeezerResource {
  protected readonly group = "playlists";

  /**
   * A playlist with its first tracks; `limit`/`offset` are sent along and bound the embedded track list.
   * `GET /playlist/{playlistId}`. No permission. Cached: user (cleared by the account's writes).
   */
  async getPlaylist(playlistId: DeezerId, options?: PageOptions): Promise<DeepReadonly<Playlist>> {
    return this.get("getPlaylist", `/playlist/${id("playlistId", playlistId)}`, options, {
      ttl: "user",
      userScoped: true,
      page: true,
    });
  }

  /** Marks a playlist as seen by the user. `POST /playlist/{playlistId}/seen`. Auth. Not cached. */
  async markPlaylistSeen(
    playlistId: DeezerId,
    options?: RequestOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.post("markPlaylistSeen", `/playlist/${id("playlistId", playlistId)}/seen`, options);
  }

  /** Users who have the playlist in their favourites. `GET /playlist/{playlistId}/fans`. No permission. Cached: popularity. */
  getPlaylistFans(playlistId: DeezerId, options?: PageOptions): DeezerPages<User> {
    return this.list("getPlaylistFans", `/playlist/${id("playlistId", playlistId)}/fans`, options, {
      ttl: "popularity",
    });
  }

  /** The playlist's tracks. `GET /playlist/{playlistId}/tracks`. No permission. Cached: user (cleared by the account's writes). */
  getPlaylistTracks(playlistId: DeezerId, options?: PageOptions): DeezerPages<Track, ChecksummedPage<Track>> {
    return this.list("getPlaylistTracks", `/playlist/${id("playlistId", playlistId)}/tracks`, options, {
      ttl: "user",
      userScoped: true,
    });
  }

  /** Comments on the playlist. `GET /playlist/{playlistId}/comments`. No permission. Cached: popularity. */
  getPlaylistComments(playlistId: DeezerId, options?: PageOptions): DeezerPages<Comment> {
    return this.list("getPlaylistComments", `/playlist/${id("playlistId", playlistId)}/comments`, options, {
      ttl: "popularity",
    });
  }

  /** Tracks of a radio built from the playlist (random each time). `GET /playlist/{playlistId}/radio`. No permission. Not cached. */
  async getPlaylistRadioTracks(
    playlistId: DeezerId,
    options?: RequestOptions,
  ): Promise<DeepReadonly<DeezerList<Track>>> {
    return this.get("getPlaylistRadioTracks", `/playlist/${id("playlistId", playlistId)}/radio`, options);
  }

  /**
   * Top playlists; same as `charts.getTopPlaylists`. `GET /chart/{genreId}/playlists` (genre 0 by default).
   * No permission. Cached: popularity.
   */
  getTopPlaylists(options?: ChartOptions): DeezerPages<Playlist> {
    return this.core.charts.getTopPlaylists(via(options, "playlists.getTopPlaylists"));
  }

  /**
   * Creates a playlist and returns its id; same as `users.createPlaylist`. Takes the title in the options
   * (`{ name }`) or, like its target, as the first argument; `userId` in the options names the account.
   * `POST /user/{userId}/playlists` (`title`). Permission: manage_library. Not cached.
   */
  createPlaylist(options: CreatePlaylistOptions): Promise<DeepReadonly<CreatedPlaylist>>;
  createPlaylist(name: string, options?: UserOptions): Promise<DeepReadonly<CreatedPlaylist>>;
  async createPlaylist(
    nameOrOptions: string | CreatePlaylistOptions,
    options?: UserOptions,
  ): Promise<DeepReadonly<CreatedPlaylist>> {
    const [name, rest] =
      typeof nameOrOptions === "object" && nameOrOptions !== null
        ? [nameOrOptions.name, nameOrOptions]
        : [nameOrOptions, options];
    return this.core.users.createPlaylist(name, via(rest, "playlists.createPlaylist"));
  }

  /**
   * Changes a playlist's title, description or visibility; same as `users.updatePlaylistDetails`.
   * `POST /playlist/{playlistId}`. Permission: manage_library. Not cached.
   */
  async updatePlaylistDetails(
    playlistId: DeezerId,
    options: PlaylistDetailsOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.updatePlaylistDetails(playlistId, via(options, "playlists.updatePlaylistDetails"));
  }

  /**
   * Deletes a playlist the user owns; same as `users.deletePlaylist`. `DELETE /playlist/{playlistId}`.
   * Permissions: delete_library, manage_library. Not cached.
   */
  async deletePlaylist(playlistId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.deletePlaylist(playlistId, via(options, "playlists.deletePlaylist"));
  }

  /**
   * Appends tracks to a playlist; same as `users.addPlaylistTracks`. `POST /playlist/{playlistId}/tracks` (`songs`).
   * Permission: manage_library. Not cached.
   */
  async addPlaylistTracks(
    playlistId: DeezerId,
    options: PlaylistTracksOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.addPlaylistTracks(playlistId, via(options, "playlists.addPlaylistTracks"));
  }

  /**
   * Reorders a playlist; same as `users.reorderPlaylistTracks`. `POST /playlist/{playlistId}/tracks` (`order`).
   * Permission: manage_library. Not cached.
   */
  async reorderPlaylistTracks(
    playlistId: DeezerId,
    options: PlaylistTracksOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.reorderPlaylistTracks(playlistId, via(options, "playlists.reorderPlaylistTracks"));
  }

  /**
   * Removes tracks from a playlist; same as `users.removePlaylistTracks`.
   * `DELETE /playlist/{playlistId}/tracks` (`songs`). Permissions: delete_library, manage_library. Not cached.
   */
  async removePlaylistTracks(
    playlistId: DeezerId,
    options: PlaylistTracksOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.removePlaylistTracks(playlistId, via(options, "playlists.removePlaylistTracks"));
  }

  /** The user's playlists; same as `users.getUserPlaylists`. `GET /user/{userId}/playlists`. Public with an explicit id; `"me"` needs a user. Cached: user. */
  getUserPlaylists(userId?: UserId, options?: PageOptions): DeezerPages<Playlist, ChecksummedPage<Playlist>> {
    return this.core.users.getUserPlaylists(userId, via(options, "playlists.getUserPlaylists"));
  }

  /** Follows playlists; same as `users.followPlaylists`. `POST /user/{userId}/playlists`. Permission: manage_library. Not cached. */
  async followPlaylists(
    playlistIds: DeezerIdList,
    options?: UserOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.followPlaylists(playlistIds, via(options, "playlists.followPlaylists"));
  }

  /**
   * Unfollows one playlist; same as `users.unfollowPlaylist`. `DELETE /user/{userId}/playlists`.
   * Permissions: delete_library, manage_library. Not cached.
   */
  async unfollowPlaylist(playlistId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.unfollowPlaylist(playlistId, via(options, "playlists.unfollowPlaylist"));
  }

  /**
   * The user's most played playlists; same as `users.getUserTopPlaylists`. `GET /user/{userId}/charts/playlists`.
   * Auth. Cached: popularity.
   */
  getUserTopPlaylists(
    userId?: UserId,
    options?: PageOptions,
  ): DeezerPages<Playlist, ChecksummedPage<Playlist>> {
    return this.core.users.getUserTopPlaylists(userId, via(options, "playlists.getUserTopPlaylists"));
  }

  /**
   * Recommended playlists; same as `users.getUserPlaylistRecommendations`.
   * `GET /user/{userId}/recommendations/playlists`. Auth. Not cached.
   */
  getUserPlaylistRecommendations(userId?: UserId, options?: PageOptions): DeezerPages<Playlist> {
    return this.core.users.getUserPlaylistRecommendations(
      userId,
      via(options, "playlists.getUserPlaylistRecommendations"),
    );
  }
}
