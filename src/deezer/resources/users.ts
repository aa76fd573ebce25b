import type { RequestOptions } from "../../core/api-client.js";
import { ValidationError } from "../../core/errors.js";
import type { PageIterator } from "../../core/pagination.js";
import type { QueryParams } from "../../core/transport.js";
import { boolean, integer, nonBlankString } from "../../core/validate.js";
import { Resource, id, idList, ids, publicWithId, text, user, via } from "../core.js";
import type {
  PageOptions,
  PlaylistDetailsOptions,
  PlaylistTracksOptions,
  ResumePointOptions,
  TrackMetadataOptions,
  UserOptions,
} from "../options.js";
import type { Album } from "../types/album.js";
import type { Artist } from "../types/artist.js";
import type {
  ActionResult,
  BookmarkResult,
  ChecksummedPage,
  DeezerId,
  DeezerIdList,
  DeezerList,
  DeezerPage,
  UserId,
} from "../types/common.js";
import type { CreatedPlaylist, Playlist } from "../types/playlist.js";
import type { Podcast } from "../types/podcast.js";
import type { Radio } from "../types/radio.js";
import type { Track } from "../types/track.js";
import type { NotificationResult, Options, Permissions, User } from "../types/user.js";
import type { DeepReadonly } from "../../core/readonly.js";

const LIBRARY_REMOVAL = ["delete_library", "manage_library"] as const;

/** `GET /options` answers for the token's own account only, so another user id cannot be honoured. */
function onlyMe(userId: UserId | undefined): void {
  if (user(userId) !== "me") {
    throw new ValidationError(
      "userId",
      'userId must be "me": Deezer reports options only for the signed-in account.',
    );
  }
}

/**
 * The query of a playlist update. Deezer only allows public playlists to be collaborative: upstream silently sent
 * `public=false` with `collaborative=true` yet rejected an explicit `public: false`; here `collaborative: true`
 * makes the playlist public and an explicit contradiction is rejected.
 */
function playlistChanges(options: PlaylistDetailsOptions): QueryParams {
  const query: QueryParams = {};
  // Deezer names the playlist title `title` (recording TestClient.test_create_playlist); upstream sent `name`.
  if (options.name != null) query.title = text("name", options.name);
  if (options.description != null) {
    query.description = nonBlankString("description", options.description, { allowBlank: true });
  }
  if (options.public != null) query.public = boolean("public", options.public);
  if (options.collaborative != null) query.collaborative = boolean("collaborative", options.collaborative);
  if (query.collaborative === true) {
    if (query.public === false) {
      throw new ValidationError(
        "public",
        "public must not be false when collaborative is true: Deezer only allows public playlists to be collaborative.",
      );
    }
    query.public = true;
  }
  if (Object.keys(query).length === 0) {
    throw new ValidationError(
      "options",
      "At least one of name, description, public or collaborative must be given.",
    );
  }
  return query;
}

/** The query of an uploaded-track update; at least one field. */
function trackChanges(options: TrackMetadataOptions): QueryParams {
  const query: QueryParams = {};
  if (options.album != null) query.album = text("album", options.album);
  if (options.artist != null) query.artist = text("artist", options.artist);
  if (options.title != null) query.title = text("title", options.title);
  if (Object.keys(query).length === 0) {
    throw new ValidationError("options", "At least one of album, artist or title must be given.");
  }
  return query;
}

/**
 * The user's profile, library, recommendations and social graph. Every method needs an authorization flow, except
 * the public reads of another account (profile, favourites, playlists, followers, followings) given its id.
 */
export class UsersAPI extends Resource {
  protected readonly group = "users";

  /**
   * A user's profile (`"me"`: the signed-in user; private fields only for the token's own account).
   * `GET /user/{userId}`. Public with an explicit id (no token needed); `"me"` (the default) needs a user. Cached: user.
   */
  async getUser(userId?: UserId, options?: RequestOptions): Promise<DeepReadonly<User>> {
    const who = user(userId);
    return this.get("getUser", `/user/${who}`, options, { ttl: "user", ...publicWithId(who) });
  }

  /** The permissions the token was granted. `GET /user/{userId}/permissions`. Auth. Cached: static. */
  async getUserPermissions(userId?: UserId, options?: RequestOptions): Promise<DeepReadonly<Permissions>> {
    return this.get("getUserPermissions", `/user/${user(userId)}/permissions`, options, {
      ttl: "static",
      user: true,
    });
  }

  /**
   * What the signed-in account's subscription allows (`type: "options"`). `GET /options`. Auth. Cached: static.
   */
  async getUserOptions(options?: RequestOptions): Promise<DeepReadonly<Options>> {
    return this.get("getUserOptions", "/options", options, { ttl: "static", user: true });
  }

  /**
   * What the signed-in account's subscription allows; same as {@link getUserOptions}, whose cache entry it shares
   * (upstream requested `/user/{id}/options`). `GET /options`. Auth. Cached: static.
   */
  async getUserEntitlements(userId?: UserId, options?: RequestOptions): Promise<DeepReadonly<Options>> {
    onlyMe(userId);
    return this.getUserOptions(via(options, "users.getUserEntitlements"));
  }

  /** Sends a notification to the user's devices. `POST /user/{userId}/notifications` (`message`). Auth. Not cached. */
  async sendUserNotification(
    message: string,
    options?: UserOptions,
  ): Promise<DeepReadonly<NotificationResult>> {
    return this.post("sendUserNotification", `/user/${user(options?.userId)}/notifications`, options, {
      query: { message: text("message", message) },
    });
  }

  /** The user's Flow (personal mix). `GET /user/{userId}/flow`. Auth. Not cached. */
  async getUserMixTracks(
    userId?: UserId,
    options?: RequestOptions,
  ): Promise<DeepReadonly<DeezerList<Track>>> {
    return this.get("getUserMixTracks", `/user/${user(userId)}/flow`, options, { user: true });
  }

  /** Recently played tracks. `GET /user/{userId}/history`. Permission: listening_history. Cached: playback. */
  async getUserRecentlyPlayed(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Track>>> {
    return this.get("getUserRecentlyPlayed", `/user/${user(userId)}/history`, options, {
      ttl: "playback",
      permissions: ["listening_history"],
      page: true,
    });
  }

  /** Iterates {@link getUserRecentlyPlayed} across pages. */
  iterUserRecentlyPlayed(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Track>, DeepReadonly<DeezerPage<Track>>> {
    return this.pages("getUserRecentlyPlayed", () => this.getUserRecentlyPlayed(userId, options), options);
  }

  /** The user's most played albums. `GET /user/{userId}/charts/albums`. Auth. Cached: popularity. */
  async getUserTopAlbums(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Album>>> {
    return this.get("getUserTopAlbums", `/user/${user(userId)}/charts/albums`, options, {
      ttl: "popularity",
      user: true,
      page: true,
    });
  }

  /** Iterates {@link getUserTopAlbums} across pages. */
  iterUserTopAlbums(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Album>, DeepReadonly<DeezerPage<Album>>> {
    return this.pages("getUserTopAlbums", () => this.getUserTopAlbums(userId, options), options);
  }

  /** The user's most played artists. `GET /user/{userId}/charts/artists`. Auth. Cached: popularity. */
  async getUserTopArtists(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Artist>>> {
    return this.get("getUserTopArtists", `/user/${user(userId)}/charts/artists`, options, {
      ttl: "popularity",
      user: true,
      page: true,
    });
  }

  /** Iterates {@link getUserTopArtists} across pages. */
  iterUserTopArtists(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Artist>, DeepReadonly<DeezerPage<Artist>>> {
    return this.pages("getUserTopArtists", () => this.getUserTopArtists(userId, options), options);
  }

  /** The user's most played playlists. `GET /user/{userId}/charts/playlists`. Auth. Cached: popularity. */
  async getUserTopPlaylists(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Playlist>>> {
    return this.get("getUserTopPlaylists", `/user/${user(userId)}/charts/playlists`, options, {
      ttl: "popularity",
      user: true,
      page: true,
    });
  }

  /** Iterates {@link getUserTopPlaylists} across pages. */
  iterUserTopPlaylists(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Playlist>, DeepReadonly<DeezerPage<Playlist>>> {
    return this.pages("getUserTopPlaylists", () => this.getUserTopPlaylists(userId, options), options);
  }

  /** The user's most played tracks. `GET /user/{userId}/charts/tracks`. Auth. Cached: popularity. */
  async getUserTopTracks(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Track>>> {
    return this.get("getUserTopTracks", `/user/${user(userId)}/charts/tracks`, options, {
      ttl: "popularity",
      user: true,
      page: true,
    });
  }

  /** Iterates {@link getUserTopTracks} across pages. */
  iterUserTopTracks(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Track>, DeepReadonly<DeezerPage<Track>>> {
    return this.pages("getUserTopTracks", () => this.getUserTopTracks(userId, options), options);
  }

  /** Recommended albums. `GET /user/{userId}/recommendations/albums`. Auth. Not cached. */
  async getUserAlbumRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Album>>> {
    return this.get("getUserAlbumRecommendations", `/user/${user(userId)}/recommendations/albums`, options, {
      user: true,
      page: true,
    });
  }

  /** Iterates {@link getUserAlbumRecommendations} across pages. */
  iterUserAlbumRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Album>, DeepReadonly<DeezerPage<Album>>> {
    return this.pages(
      "getUserAlbumRecommendations",
      () => this.getUserAlbumRecommendations(userId, options),
      options,
    );
  }

  /** Recommended new releases. `GET /user/{userId}/recommendations/releases`. Auth. Not cached. */
  async getUserReleaseRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Album>>> {
    return this.get(
      "getUserReleaseRecommendations",
      `/user/${user(userId)}/recommendations/releases`,
      options,
      { user: true, page: true },
    );
  }

  /** Iterates {@link getUserReleaseRecommendations} across pages. */
  iterUserReleaseRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Album>, DeepReadonly<DeezerPage<Album>>> {
    return this.pages(
      "getUserReleaseRecommendations",
      () => this.getUserReleaseRecommendations(userId, options),
      options,
    );
  }

  /**
   * Recommended artists (upstream requested the album recommendations by mistake).
   * `GET /user/{userId}/recommendations/artists`. Auth. Not cached.
   */
  async getUserArtistRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Artist>>> {
    return this.get(
      "getUserArtistRecommendations",
      `/user/${user(userId)}/recommendations/artists`,
      options,
      { user: true, page: true },
    );
  }

  /** Iterates {@link getUserArtistRecommendations} across pages. */
  iterUserArtistRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Artist>, DeepReadonly<DeezerPage<Artist>>> {
    return this.pages(
      "getUserArtistRecommendations",
      () => this.getUserArtistRecommendations(userId, options),
      options,
    );
  }

  /** Recommended playlists. `GET /user/{userId}/recommendations/playlists`. Auth. Not cached. */
  async getUserPlaylistRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Playlist>>> {
    return this.get(
      "getUserPlaylistRecommendations",
      `/user/${user(userId)}/recommendations/playlists`,
      options,
      { user: true, page: true },
    );
  }

  /** Iterates {@link getUserPlaylistRecommendations} across pages. */
  iterUserPlaylistRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Playlist>, DeepReadonly<DeezerPage<Playlist>>> {
    return this.pages(
      "getUserPlaylistRecommendations",
      () => this.getUserPlaylistRecommendations(userId, options),
      options,
    );
  }

  /** Recommended radios. `GET /user/{userId}/recommendations/radios`. Auth. Not cached. */
  async getUserRadioRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Radio>>> {
    return this.get("getUserRadioRecommendations", `/user/${user(userId)}/recommendations/radios`, options, {
      user: true,
      page: true,
    });
  }

  /** Iterates {@link getUserRadioRecommendations} across pages. */
  iterUserRadioRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Radio>, DeepReadonly<DeezerPage<Radio>>> {
    return this.pages(
      "getUserRadioRecommendations",
      () => this.getUserRadioRecommendations(userId, options),
      options,
    );
  }

  /** Recommended tracks (one page; Deezer offers no paging here). `GET /user/{userId}/recommendations/tracks`. Auth. Not cached. */
  async getUserTrackRecommendations(
    userId?: UserId,
    options?: RequestOptions,
  ): Promise<DeepReadonly<DeezerPage<Track>>> {
    return this.get("getUserTrackRecommendations", `/user/${user(userId)}/recommendations/tracks`, options, {
      user: true,
    });
  }

  /**
   * The user's favourite albums. `GET /user/{userId}/albums`.
   * Public with an explicit id (no token needed); `"me"` (the default) needs a user. Cached: user.
   */
  async getUserSavedAlbums(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Album>>> {
    const who = user(userId);
    return this.get("getUserSavedAlbums", `/user/${who}/albums`, options, {
      ttl: "user",
      ...publicWithId(who),
      page: true,
    });
  }

  /** Iterates {@link getUserSavedAlbums} across pages. */
  iterUserSavedAlbums(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Album>, DeepReadonly<DeezerPage<Album>>> {
    return this.pages("getUserSavedAlbums", () => this.getUserSavedAlbums(userId, options), options);
  }

  /** Adds albums to the favourites. `POST /user/{userId}/albums` (`album_id` or `album_ids`). Permission: manage_library. Not cached. */
  async saveAlbums(albumIds: DeezerIdList, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.post("saveAlbums", `/user/${user(options?.userId)}/albums`, options, {
      query: ids("album_id", "album_ids", "albumIds", albumIds),
      permissions: ["manage_library"],
    });
  }

  /** Removes an album from the favourites. `DELETE /user/{userId}/albums` (`album_id`). Permissions: delete_library, manage_library. Not cached. */
  async removeSavedAlbum(albumId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.delete("removeSavedAlbum", `/user/${user(options?.userId)}/albums`, options, {
      query: { album_id: id("albumId", albumId) },
      permissions: LIBRARY_REMOVAL,
    });
  }

  /**
   * The user's favourite artists. `GET /user/{userId}/artists`.
   * Public with an explicit id (no token needed); `"me"` (the default) needs a user. Cached: user.
   */
  async getUserFollowedArtists(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Artist>>> {
    const who = user(userId);
    return this.get("getUserFollowedArtists", `/user/${who}/artists`, options, {
      ttl: "user",
      ...publicWithId(who),
      page: true,
    });
  }

  /** Iterates {@link getUserFollowedArtists} across pages. */
  iterUserFollowedArtists(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Artist>, DeepReadonly<DeezerPage<Artist>>> {
    return this.pages("getUserFollowedArtists", () => this.getUserFollowedArtists(userId, options), options);
  }

  /** Follows artists. `POST /user/{userId}/artists` (`artist_id` or `artist_ids`). Permission: manage_library. Not cached. */
  async followArtists(artistIds: DeezerIdList, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.post("followArtists", `/user/${user(options?.userId)}/artists`, options, {
      query: ids("artist_id", "artist_ids", "artistIds", artistIds),
      permissions: ["manage_library"],
    });
  }

  /** Unfollows an artist. `DELETE /user/{userId}/artists` (`artist_id`). Permissions: delete_library, manage_library. Not cached. */
  async unfollowArtist(artistId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.delete("unfollowArtist", `/user/${user(options?.userId)}/artists`, options, {
      query: { artist_id: id("artistId", artistId) },
      permissions: LIBRARY_REMOVAL,
    });
  }

  /**
   * The user's playlists (own and followed). `GET /user/{userId}/playlists`.
   * Public with an explicit id (no token needed); `"me"` (the default) needs a user. Cached: user.
   */
  async getUserPlaylists(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Playlist>>> {
    const who = user(userId);
    return this.get("getUserPlaylists", `/user/${who}/playlists`, options, {
      ttl: "user",
      ...publicWithId(who),
      page: true,
    });
  }

  /** Iterates {@link getUserPlaylists} across pages. */
  iterUserPlaylists(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Playlist>, DeepReadonly<DeezerPage<Playlist>>> {
    return this.pages("getUserPlaylists", () => this.getUserPlaylists(userId, options), options);
  }

  /** Follows playlists. `POST /user/{userId}/playlists` (`playlist_id` or `playlist_ids`). Permission: manage_library. Not cached. */
  async followPlaylists(
    playlistIds: DeezerIdList,
    options?: UserOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.post("followPlaylists", `/user/${user(options?.userId)}/playlists`, options, {
      query: ids("playlist_id", "playlist_ids", "playlistIds", playlistIds),
      permissions: ["manage_library"],
    });
  }

  /** Unfollows one playlist. `DELETE /user/{userId}/playlists` (`playlist_id`). Permissions: delete_library, manage_library. Not cached. */
  async unfollowPlaylist(playlistId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.delete("unfollowPlaylist", `/user/${user(options?.userId)}/playlists`, options, {
      query: { playlist_id: id("playlistId", playlistId) },
      permissions: LIBRARY_REMOVAL,
    });
  }

  /**
   * Creates a playlist and returns its id. `POST /user/{userId}/playlists` (`title`; upstream sent `name`, which
   * Deezer ignores). Permission: manage_library. Not cached.
   */
  async createPlaylist(name: string, options?: UserOptions): Promise<DeepReadonly<CreatedPlaylist>> {
    return this.post("createPlaylist", `/user/${user(options?.userId)}/playlists`, options, {
      query: { title: text("name", name) },
      permissions: ["manage_library"],
    });
  }

  /**
   * Changes a playlist's title, description or visibility. `POST /playlist/{playlistId}` (`title`, `description`,
   * `public`, `collaborative`). Permission: manage_library. Not cached.
   */
  async updatePlaylistDetails(
    playlistId: DeezerId,
    options: PlaylistDetailsOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.post("updatePlaylistDetails", `/playlist/${id("playlistId", playlistId)}`, options, {
      query: playlistChanges(options ?? {}),
      permissions: ["manage_library"],
    });
  }

  /** Deletes a playlist the user owns. `DELETE /playlist/{playlistId}`. Permissions: delete_library, manage_library. Not cached. */
  async deletePlaylist(playlistId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<ActionResult>> {
    return this.delete("deletePlaylist", `/playlist/${id("playlistId", playlistId)}`, options, {
      permissions: LIBRARY_REMOVAL,
    });
  }

  /** Appends tracks to a playlist. `POST /playlist/{playlistId}/tracks` (`songs`). Permission: manage_library. Not cached. */
  async addPlaylistTracks(
    playlistId: DeezerId,
    options: PlaylistTracksOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.post("addPlaylistTracks", `/playlist/${id("playlistId", playlistId)}/tracks`, options, {
      query: { songs: idList("trackIds", options?.trackIds) },
      permissions: ["manage_library"],
    });
  }

  /** Reorders a playlist: `trackIds` lists its tracks in the new order. `POST /playlist/{playlistId}/tracks` (`order`). Permission: manage_library. Not cached. */
  async reorderPlaylistTracks(
    playlistId: DeezerId,
    options: PlaylistTracksOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.post("reorderPlaylistTracks", `/playlist/${id("playlistId", playlistId)}/tracks`, options, {
      query: { order: idList("trackIds", options?.trackIds) },
      permissions: ["manage_library"],
    });
  }

  /**
   * Removes tracks from a playlist. `DELETE /playlist/{playlistId}/tracks` (`songs`).
   * Permissions: delete_library, manage_library. Not cached.
   */
  async removePlaylistTracks(
    playlistId: DeezerId,
    options: PlaylistTracksOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.delete("removePlaylistTracks", `/playlist/${id("playlistId", playlistId)}/tracks`, options, {
      query: { songs: idList("trackIds", options?.trackIds) },
      permissions: LIBRARY_REMOVAL,
    });
  }

  /** The podcasts the user follows. `GET /user/{userId}/podcasts`. Auth. Cached: user. */
  async getUserFollowedPodcasts(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Podcast>>> {
    return this.get("getUserFollowedPodcasts", `/user/${user(userId)}/podcasts`, options, {
      ttl: "user",
      user: true,
      page: true,
    });
  }

  /** Iterates {@link getUserFollowedPodcasts} across pages. */
  iterUserFollowedPodcasts(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Podcast>, DeepReadonly<DeezerPage<Podcast>>> {
    return this.pages(
      "getUserFollowedPodcasts",
      () => this.getUserFollowedPodcasts(userId, options),
      options,
    );
  }

  /** Follows a podcast. `POST /user/{userId}/podcasts` (`podcast_id`). Permission: manage_library. Not cached. */
  async followPodcast(podcastId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.post("followPodcast", `/user/${user(options?.userId)}/podcasts`, options, {
      query: { podcast_id: id("podcastId", podcastId) },
      permissions: ["manage_library"],
    });
  }

  /** Unfollows a podcast. `DELETE /user/{userId}/podcasts` (`podcast_id`). Permissions: delete_library, manage_library. Not cached. */
  async unfollowPodcast(podcastId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.delete("unfollowPodcast", `/user/${user(options?.userId)}/podcasts`, options, {
      query: { podcast_id: id("podcastId", podcastId) },
      permissions: LIBRARY_REMOVAL,
    });
  }

  /** Saves where to resume an episode. `POST /episode/{episodeId}/bookmark` (`offset`, percent). Permission: manage_library. Not cached. */
  async setEpisodeResumePoint(
    episodeId: DeezerId,
    options: ResumePointOptions,
  ): Promise<DeepReadonly<BookmarkResult>> {
    return this.post("setEpisodeResumePoint", `/episode/${id("episodeId", episodeId)}/bookmark`, options, {
      query: { offset: integer("position", options?.position, { min: 0, max: 100 }) },
      permissions: ["manage_library"],
    });
  }

  /** Forgets an episode's resume point. `DELETE /episode/{episodeId}/bookmark`. Permission: manage_library. Not cached. */
  async removeEpisodeResumePoint(
    episodeId: DeezerId,
    options?: RequestOptions,
  ): Promise<DeepReadonly<BookmarkResult>> {
    return this.delete(
      "removeEpisodeResumePoint",
      `/episode/${id("episodeId", episodeId)}/bookmark`,
      options,
      {
        permissions: ["manage_library"],
      },
    );
  }

  /** The user's favourite radios. `GET /user/{userId}/radios`. Auth. Cached: user. */
  async getUserFollowedRadios(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Radio>>> {
    return this.get("getUserFollowedRadios", `/user/${user(userId)}/radios`, options, {
      ttl: "user",
      user: true,
      page: true,
    });
  }

  /** Iterates {@link getUserFollowedRadios} across pages. */
  iterUserFollowedRadios(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Radio>, DeepReadonly<DeezerPage<Radio>>> {
    return this.pages("getUserFollowedRadios", () => this.getUserFollowedRadios(userId, options), options);
  }

  /** Adds a radio to the favourites. `POST /user/{userId}/radios` (`radio_id`). Permission: manage_library. Not cached. */
  async saveRadio(radioId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.post("saveRadio", `/user/${user(options?.userId)}/radios`, options, {
      query: { radio_id: id("radioId", radioId) },
      permissions: ["manage_library"],
    });
  }

  /** Removes a radio from the favourites. `DELETE /user/{userId}/radios` (`radio_id`). Permissions: delete_library, manage_library. Not cached. */
  async removeSavedRadio(radioId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.delete("removeSavedRadio", `/user/${user(options?.userId)}/radios`, options, {
      query: { radio_id: id("radioId", radioId) },
      permissions: LIBRARY_REMOVAL,
    });
  }

  /**
   * The user's favourite tracks. `GET /user/{userId}/tracks`.
   * Public with an explicit id (no token needed); `"me"` (the default) needs a user. Cached: user.
   */
  async getUserSavedTracks(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Track>>> {
    const who = user(userId);
    return this.get("getUserSavedTracks", `/user/${who}/tracks`, options, {
      ttl: "user",
      ...publicWithId(who),
      page: true,
    });
  }

  /** Iterates {@link getUserSavedTracks} across pages. */
  iterUserSavedTracks(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Track>, DeepReadonly<DeezerPage<Track>>> {
    return this.pages("getUserSavedTracks", () => this.getUserSavedTracks(userId, options), options);
  }

  /** Adds tracks to the favourites. `POST /user/{userId}/tracks` (`track_id` or `track_ids`). Permission: manage_library. Not cached. */
  async saveTracks(trackIds: DeezerIdList, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.post("saveTracks", `/user/${user(options?.userId)}/tracks`, options, {
      query: ids("track_id", "track_ids", "trackIds", trackIds),
      permissions: ["manage_library"],
    });
  }

  /** Removes a track from the favourites. `DELETE /user/{userId}/tracks` (`track_id`). Permissions: delete_library, manage_library. Not cached. */
  async removeSavedTrack(trackId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.delete("removeSavedTrack", `/user/${user(options?.userId)}/tracks`, options, {
      query: { track_id: id("trackId", trackId) },
      permissions: LIBRARY_REMOVAL,
    });
  }

  /**
   * The tracks the user uploaded (upstream requested the favourites instead). `GET /user/{userId}/personal_songs`.
   * Auth. Cached: user.
   */
  async getUserTracks(userId?: UserId, options?: PageOptions): Promise<DeepReadonly<DeezerPage<Track>>> {
    return this.get("getUserTracks", `/user/${user(userId)}/personal_songs`, options, {
      ttl: "user",
      user: true,
      page: true,
    });
  }

  /** Iterates {@link getUserTracks} across pages. */
  iterUserTracks(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Track>, DeepReadonly<DeezerPage<Track>>> {
    return this.pages("getUserTracks", () => this.getUserTracks(userId, options), options);
  }

  /** Edits an uploaded track's tags. `POST /track/{trackId}` (`album`, `artist`, `title`). Permission: manage_library. Not cached. */
  async updateTrackMetadata(
    trackId: DeezerId,
    options: TrackMetadataOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.post("updateTrackMetadata", `/track/${id("trackId", trackId)}`, options, {
      query: trackChanges(options ?? {}),
      permissions: ["manage_library"],
    });
  }

  /** Deletes an uploaded track. `DELETE /track/{trackId}`. Permission: delete_library. Not cached. */
  async deleteTrack(trackId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<ActionResult>> {
    return this.delete("deleteTrack", `/track/${id("trackId", trackId)}`, options, {
      permissions: ["delete_library"],
    });
  }

  /**
   * The users this user follows. `GET /user/{userId}/followings`.
   * Public with an explicit id (no token needed); `"me"` (the default) needs a user. Cached: user.
   */
  async getUserFollowings(userId?: UserId, options?: PageOptions): Promise<DeepReadonly<DeezerPage<User>>> {
    const who = user(userId);
    return this.get("getUserFollowings", `/user/${who}/followings`, options, {
      ttl: "user",
      ...publicWithId(who),
      page: true,
    });
  }

  /** Iterates {@link getUserFollowings} across pages. */
  iterUserFollowings(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<User>, DeepReadonly<DeezerPage<User>>> {
    return this.pages("getUserFollowings", () => this.getUserFollowings(userId, options), options);
  }

  /**
   * The users following this user. `GET /user/{userId}/followers`.
   * Public with an explicit id (no token needed); `"me"` (the default) needs a user. Cached: user.
   */
  async getUserFollowers(userId?: UserId, options?: PageOptions): Promise<DeepReadonly<DeezerPage<User>>> {
    const who = user(userId);
    return this.get("getUserFollowers", `/user/${who}/followers`, options, {
      ttl: "user",
      ...publicWithId(who),
      page: true,
    });
  }

  /** Iterates {@link getUserFollowers} across pages. */
  iterUserFollowers(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<User>, DeepReadonly<DeezerPage<User>>> {
    return this.pages("getUserFollowers", () => this.getUserFollowers(userId, options), options);
  }

  /** Follows another user. `POST /user/{userId}/followings` (`user_id`). Permission: manage_community. Not cached. */
  async followUser(followUserId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.post("followUser", `/user/${user(options?.userId)}/followings`, options, {
      query: { user_id: id("followUserId", followUserId) },
      permissions: ["manage_community"],
    });
  }

  /** Unfollows a user. `DELETE /user/{userId}/followings` (`user_id`). Permission: manage_community. Not cached. */
  async unfollowUser(unfollowUserId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.delete("unfollowUser", `/user/${user(options?.userId)}/followings`, options, {
      query: { user_id: id("unfollowUserId", unfollowUserId) },
      permissions: ["manage_community"],
    });
  }
}
