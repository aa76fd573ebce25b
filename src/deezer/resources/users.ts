import type { RequestOptions } from "../../core/api-client.js";
import { ValidationError } from "../../core/errors.js";
import { via } from "../../core/resource.js";
import type { QueryParams } from "../../core/transport.js";
import { boolean, integer, nonBlankString } from "../../core/validate.js";
import { DeezerResource, publicWithId } from "../endpoint.js";
import { id, idList, ids, requiredText, user } from "../params.js";
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
  DeezerPages,
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
 * The query of a playlist update. Deezer only allows public playlists to be collaborative: `collaborative: true`
 * makes the playlist public, and an explicit `public: false` beside it is rejected before anything is sent.
 */
function playlistChanges(options: PlaylistDetailsOptions): QueryParams {
  const query: QueryParams = {};
  // Deezer reads the playlist's title from `title` (recording TestClient.test_create_playlist), not `name`.
  if (options.name != null) query.title = requiredText("name", options.name);
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
  if (options.album != null) query.album = requiredText("album", options.album);
  if (options.artist != null) query.artist = requiredText("artist", options.artist);
  if (options.title != null) query.title = requiredText("title", options.title);
  if (Object.keys(query).length === 0) {
    throw new ValidationError("options", "At least one of album, artist or title must be given.");
  }
  return query;
}

/**
 * The user's profile, library, recommendations and social graph. Every method needs an authorization flow, except
 * the public reads of another account (profile, favourites, playlists, followers, followings) given its id.
 */
export class UsersAPI extends DeezerResource {
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
   * What the signed-in account's subscription allows; same as {@link getUserOptions}, whose cache entry it
   * shares. Only `"me"` is accepted as `userId`. `GET /options`. Auth. Cached: static.
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
      query: { message: requiredText("message", message) },
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
  getUserRecentlyPlayed(userId?: UserId, options?: PageOptions): DeezerPages<Track> {
    return this.list("getUserRecentlyPlayed", `/user/${user(userId)}/history`, options, {
      ttl: "playback",
      permissions: ["listening_history"],
    });
  }

  /** The user's most played albums. `GET /user/{userId}/charts/albums`. Auth. Cached: popularity. */
  getUserTopAlbums(userId?: UserId, options?: PageOptions): DeezerPages<Album, ChecksummedPage<Album>> {
    return this.list("getUserTopAlbums", `/user/${user(userId)}/charts/albums`, options, {
      ttl: "popularity",
      user: true,
    });
  }

  /** The user's most played artists. `GET /user/{userId}/charts/artists`. Auth. Cached: popularity. */
  getUserTopArtists(userId?: UserId, options?: PageOptions): DeezerPages<Artist, ChecksummedPage<Artist>> {
    return this.list("getUserTopArtists", `/user/${user(userId)}/charts/artists`, options, {
      ttl: "popularity",
      user: true,
    });
  }

  /** The user's most played playlists. `GET /user/{userId}/charts/playlists`. Auth. Cached: popularity. */
  getUserTopPlaylists(
    userId?: UserId,
    options?: PageOptions,
  ): DeezerPages<Playlist, ChecksummedPage<Playlist>> {
    return this.list("getUserTopPlaylists", `/user/${user(userId)}/charts/playlists`, options, {
      ttl: "popularity",
      user: true,
    });
  }

  /** The user's most played tracks. `GET /user/{userId}/charts/tracks`. Auth. Cached: popularity. */
  getUserTopTracks(userId?: UserId, options?: PageOptions): DeezerPages<Track, ChecksummedPage<Track>> {
    return this.list("getUserTopTracks", `/user/${user(userId)}/charts/tracks`, options, {
      ttl: "popularity",
      user: true,
    });
  }

  /** Recommended albums. `GET /user/{userId}/recommendations/albums`. Auth. Not cached. */
  getUserAlbumRecommendations(userId?: UserId, options?: PageOptions): DeezerPages<Album> {
    const path = `/user/${user(userId)}/recommendations/albums`;
    return this.list("getUserAlbumRecommendations", path, options, { user: true });
  }

  /** Recommended new releases. `GET /user/{userId}/recommendations/releases`. Auth. Not cached. */
  getUserReleaseRecommendations(userId?: UserId, options?: PageOptions): DeezerPages<Album> {
    const path = `/user/${user(userId)}/recommendations/releases`;
    return this.list("getUserReleaseRecommendations", path, options, { user: true });
  }

  /** Recommended artists. `GET /user/{userId}/recommendations/artists`. Auth. Not cached. */
  getUserArtistRecommendations(userId?: UserId, options?: PageOptions): DeezerPages<Artist> {
    const path = `/user/${user(userId)}/recommendations/artists`;
    return this.list("getUserArtistRecommendations", path, options, { user: true });
  }

  /** Recommended playlists. `GET /user/{userId}/recommendations/playlists`. Auth. Not cached. */
  getUserPlaylistRecommendations(userId?: UserId, options?: PageOptions): DeezerPages<Playlist> {
    const path = `/user/${user(userId)}/recommendations/playlists`;
    return this.list("getUserPlaylistRecommendations", path, options, { user: true });
  }

  /** Recommended radios. `GET /user/{userId}/recommendations/radios`. Auth. Not cached. */
  getUserRadioRecommendations(userId?: UserId, options?: PageOptions): DeezerPages<Radio> {
    const path = `/user/${user(userId)}/recommendations/radios`;
    return this.list("getUserRadioRecommendations", path, options, { user: true });
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
   * The user's favourite albums. `GET /user/{userId}/albums`. Public with an explicit id (no token needed);
   * `"me"` (the default) needs a user. Cached: user.
   */
  getUserSavedAlbums(userId?: UserId, options?: PageOptions): DeezerPages<Album, ChecksummedPage<Album>> {
    const who = user(userId);
    return this.list("getUserSavedAlbums", `/user/${who}/albums`, options, {
      ttl: "user",
      ...publicWithId(who),
    });
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
   * The user's favourite artists. `GET /user/{userId}/artists`. Public with an explicit id (no token needed);
   * `"me"` (the default) needs a user. Cached: user.
   */
  getUserFollowedArtists(
    userId?: UserId,
    options?: PageOptions,
  ): DeezerPages<Artist, ChecksummedPage<Artist>> {
    const who = user(userId);
    return this.list("getUserFollowedArtists", `/user/${who}/artists`, options, {
      ttl: "user",
      ...publicWithId(who),
    });
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
   * The user's playlists (own and followed). `GET /user/{userId}/playlists`. Public with an explicit id (no token
   * needed); `"me"` (the default) needs a user. Cached: user.
   */
  getUserPlaylists(userId?: UserId, options?: PageOptions): DeezerPages<Playlist, ChecksummedPage<Playlist>> {
    const who = user(userId);
    return this.list("getUserPlaylists", `/user/${who}/playlists`, options, {
      ttl: "user",
      ...publicWithId(who),
    });
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
   * Creates a playlist and returns its id. `POST /user/{userId}/playlists` (`title`). Permission: manage_library.
   * Not cached.
   */
  async createPlaylist(name: string, options?: UserOptions): Promise<DeepReadonly<CreatedPlaylist>> {
    return this.post("createPlaylist", `/user/${user(options?.userId)}/playlists`, options, {
      query: { title: requiredText("name", name) },
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
  getUserFollowedPodcasts(
    userId?: UserId,
    options?: PageOptions,
  ): DeezerPages<Podcast, ChecksummedPage<Podcast>> {
    return this.list("getUserFollowedPodcasts", `/user/${user(userId)}/podcasts`, options, {
      ttl: "user",
      user: true,
    });
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
    const path = `/episode/${id("episodeId", episodeId)}/bookmark`;
    return this.delete("removeEpisodeResumePoint", path, options, { permissions: ["manage_library"] });
  }

  /** The user's favourite radios. `GET /user/{userId}/radios`. Auth. Cached: user. */
  getUserFollowedRadios(userId?: UserId, options?: PageOptions): DeezerPages<Radio, ChecksummedPage<Radio>> {
    return this.list("getUserFollowedRadios", `/user/${user(userId)}/radios`, options, {
      ttl: "user",
      user: true,
    });
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
   * The user's favourite tracks. `GET /user/{userId}/tracks`. Public with an explicit id (no token needed);
   * `"me"` (the default) needs a user. Cached: user.
   */
  getUserSavedTracks(userId?: UserId, options?: PageOptions): DeezerPages<Track, ChecksummedPage<Track>> {
    const who = user(userId);
    return this.list("getUserSavedTracks", `/user/${who}/tracks`, options, {
      ttl: "user",
      ...publicWithId(who),
    });
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

  /** The tracks the user uploaded. `GET /user/{userId}/personal_songs`. Auth. Cached: user. */
  getUserTracks(userId?: UserId, options?: PageOptions): DeezerPages<Track> {
    return this.list("getUserTracks", `/user/${user(userId)}/personal_songs`, options, {
      ttl: "user",
      user: true,
    });
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
   * The users this user follows. `GET /user/{userId}/followings`. Public with an explicit id (no token needed);
   * `"me"` (the default) needs a user. Cached: user.
   */
  getUserFollowings(userId?: UserId, options?: PageOptions): DeezerPages<User> {
    const who = user(userId);
    return this.list("getUserFollowings", `/user/${who}/followings`, options, {
      ttl: "user",
      ...publicWithId(who),
    });
  }

  /**
   * The users following this user. `GET /user/{userId}/followers`. Public with an explicit id (no token needed);
   * `"me"` (the default) needs a user. Cached: user.
   */
  getUserFollowers(userId?: UserId, options?: PageOptions): DeezerPages<User> {
    const who = user(userId);
    return this.list("getUserFollowers", `/user/${who}/followers`, options, {
      ttl: "user",
      ...publicWithId(who),
    });
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
