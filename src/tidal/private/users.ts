/**
 * The account and its collection: profile, session, subscription, favourites, blocks, followed mixes and
 * playlists, the my-collection folder tree, and profile relationships. Every method needs a user (an
 * authorization flow); `userId` defaults to the current user's id, resolved from the token or the profile.
 */
import type { RequestOptions } from "../../core/api-client.js";
import { PageIterator, PagePromise } from "../../core/pagination.js";
import type { DeepReadonly } from "../../core/readonly.js";
import type { QueryParams } from "../../core/transport.js";
import { TidalResource, USER_ID, type TidalSpec } from "../endpoint.js";
import {
  apiVersion,
  catalogId,
  catalogIds,
  direction,
  mixIdList,
  onMissing,
  optionalFolder,
  playlistTypes,
  playlistUuidList,
  sortOrder,
  trnList,
} from "../params.js";
import type { TidalAlbum } from "../types/album.js";
import type { TidalArtist } from "../types/artist.js";
import type { CursorPages, OffsetPage, OffsetPages, TidalId, TidalIdList } from "../types/common.js";
import type { TidalMix, MixIdsPage } from "../types/mix.js";
import type { CollectionEntry, TidalPlaylist, UserPlaylist } from "../types/playlist.js";
import type { TidalTrack } from "../types/track.js";
import type {
  BlockedItem,
  BlockedProfilesPage,
  TidalProfile,
  ProfilePage,
  ProfileSummary,
  SavedItem,
  SavedItemIds,
  TidalSession,
  TidalSubscription,
  UserClient,
  UserPlaylistEntry,
} from "../types/user.js";
import type { TidalVideo } from "../types/video.js";
import type {
  CollectionListOptions,
  CountryOptions,
  CursorOptions,
  OffsetOptions,
  SaveOptions,
  SortOptions,
  SortedCursorOptions,
  SortedPageOptions,
  TidalUserOptions,
} from "./options.js";

/** `followPlaylists` options. */
export interface FollowPlaylistsOptions extends TidalUserOptions, CountryOptions {
  /** Folder to place them in (`"root"` or a folder UUID); API version 2 only. */
  folderUuid?: string | null | undefined;
  /**
   * 2 (default): `PUT /v2/my-collection/…/add-favorites`; 1: `POST /v1/users/{user_id}/favorites/playlists`.
   */
  apiVersion?: 1 | 2 | null | undefined;
}

/** `unfollowPlaylists` options. */
export interface UnfollowPlaylistsOptions extends TidalUserOptions {
  /**
   * 2 (default): `PUT /v2/my-collection/…/remove`; 1: `DELETE /v1/users/{user_id}/favorites/playlists/{uuids}`.
   */
  apiVersion?: 1 | 2 | null | undefined;
}

/** `followMixes` options. */
export interface FollowMixesOptions extends RequestOptions {
  onMissing?: SaveOptions["onMissing"];
}

/** Profile relationship lists: `limit` is sent only when given. */
export type RelationshipOptions = CursorOptions;

/** What `getMyFollowedMixIds` returns: the first page, iterable over every followed mix id. */
export type MixIdPages = PagePromise<DeepReadonly<MixIdsPage>, string>;

function sortQuery(options: SortOptions): QueryParams {
  return { order: sortOrder(options.sortBy), orderDirection: direction(options.descending) };
}

/** A sortable v1 list of a user's collection. */
function sortedUserList(userId: unknown, options: SortedPageOptions): TidalSpec {
  return { country: true, page: "offset", query: sortQuery(options), userId, ttl: "user" };
}

/** A my-collection playlist list, optionally of one folder (sent before the paging parameters). */
function collectionList(options: CollectionListOptions, folderId?: string): TidalSpec {
  return {
    page: "collection",
    query: {
      folderId,
      limit: undefined,
      cursor: undefined,
      includeOnly: playlistTypes(options.playlistTypes),
      ...sortQuery(options),
    },
    user: true,
    ttl: "user",
  };
}

/** A profile relationship list, which sends `cursor` before `limit`. */
function relationshipList(userId: unknown): TidalSpec {
  return { page: "cursor", query: { cursor: undefined, limit: undefined }, userId, ttl: "user" };
}

/** Adding ids to a v1 user collection. */
function saveTo(form: QueryParams, options: SaveOptions): TidalSpec {
  return {
    country: true,
    form: { ...form, onArtifactNotFound: onMissing(options.onMissing) },
    userId: options.userId,
  };
}

/** Users API endpoints of the private TIDAL API. */
export class PrivateUsersAPI extends TidalResource {
  protected readonly group = "users";

  /**
   * The current account's profile. `GET https://login.tidal.com/oauth2/me`. Needs a user.
   * Cached "static" (per account).
   */
  getMe(options: RequestOptions = {}): Promise<DeepReadonly<TidalProfile>> {
    return this.get("getMe", `${this.core.loginUrl}/oauth2/me`, options, { user: true, ttl: "static" });
  }

  /**
   * The current session (session id, user, country, client). `GET /v1/sessions`. Needs a user. Cached "static".
   */
  getSession(options: RequestOptions = {}): Promise<DeepReadonly<TidalSession>> {
    return this.get("getSession", "/v1/sessions", options, { user: true, ttl: "static" });
  }

  /** Clients (apps) registered on the account. `GET /v1/users/{user_id}/clients`. Needs a user. Cached "user". */
  getUserClients(
    userId?: TidalId | null,
    options: CountryOptions = {},
  ): Promise<DeepReadonly<OffsetPage<UserClient>>> {
    return this.get("getUserClients", `/v1/users/${USER_ID}/clients`, options, {
      country: true,
      userId,
      ttl: "user",
    });
  }

  /**
   * The account's subscription (`premiumAccess` decides lyrics and video playback).
   * `GET /v1/users/{user_id}/subscription`. Needs a user. Cached "user".
   */
  getUserSubscription(
    userId?: TidalId | null,
    options: CountryOptions = {},
  ): Promise<DeepReadonly<TidalSubscription>> {
    return this.get("getUserSubscription", `/v1/users/${USER_ID}/subscription`, options, {
      country: true,
      userId,
      ttl: "user",
    });
  }

  /**
   * Ids of everything saved, per kind. `GET /v1/users/{user_id}/favorites/ids` (always with the resolved
   * `countryCode`). Needs a user. Cached "user".
   */
  getUserSavedItemIds(
    userId?: TidalId | null,
    options: RequestOptions = {},
  ): Promise<DeepReadonly<SavedItemIds>> {
    return this.get("getUserSavedItemIds", `/v1/users/${USER_ID}/favorites/ids`, options, {
      country: true,
      userId,
      ttl: "user",
    });
  }

  /** Saved albums. `GET /v1/users/{user_id}/favorites/albums`. Needs a user. Cached "user". */
  getUserSavedAlbums(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): OffsetPages<SavedItem<TidalAlbum>> {
    const path = `/v1/users/${USER_ID}/favorites/albums`;
    return this.list("getUserSavedAlbums", path, options, sortedUserList(userId, options));
  }

  /** Saves albums (up to 1 000). `POST /v1/users/{user_id}/favorites/albums` (form `albumIds`). Needs a user. */
  saveAlbums(albumIds: TidalIdList, options: SaveOptions = {}): Promise<void> {
    const form = { albumIds: catalogIds("albumIds", albumIds) };
    return this.post("saveAlbums", `/v1/users/${USER_ID}/favorites/albums`, options, saveTo(form, options));
  }

  /** Removes saved albums. `DELETE /v1/users/{user_id}/favorites/albums/{album_ids}`. Needs a user. */
  removeSavedAlbums(albumIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    const path = `/v1/users/${USER_ID}/favorites/albums/${catalogIds("albumIds", albumIds)}`;
    return this.delete("removeSavedAlbums", path, options, { userId: options.userId });
  }

  /** Blocked artists. `GET /v1/users/{user_id}/blocks/artists`. Needs a user. Cached "user". */
  getUserBlockedArtists(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): OffsetPages<BlockedItem<TidalArtist>> {
    return this.list("getUserBlockedArtists", `/v1/users/${USER_ID}/blocks/artists`, options, {
      page: "offset",
      userId,
      ttl: "user",
    });
  }

  /** Blocks an artist. `POST /v1/users/{user_id}/blocks/artists` (form `artistId`). Needs a user. */
  blockArtist(artistId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.post("blockArtist", `/v1/users/${USER_ID}/blocks/artists`, options, {
      form: { artistId: catalogId("artistId", artistId) },
      userId: options.userId,
    });
  }

  /** Unblocks an artist. `DELETE /v1/users/{user_id}/blocks/artists/{artist_id}`. Needs a user. */
  unblockArtist(artistId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    const path = `/v1/users/${USER_ID}/blocks/artists/${catalogId("artistId", artistId)}`;
    return this.delete("unblockArtist", path, options, { userId: options.userId });
  }

  /** Followed artists. `GET /v1/users/{user_id}/favorites/artists`. Needs a user. Cached "user". */
  getUserFollowedArtists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): OffsetPages<SavedItem<TidalArtist>> {
    const path = `/v1/users/${USER_ID}/favorites/artists`;
    return this.list("getUserFollowedArtists", path, options, sortedUserList(userId, options));
  }

  /**
   * Follows artists (up to 1 000). `POST /v1/users/{user_id}/favorites/artists` (form `artistIds`). Needs a user.
   */
  followArtists(artistIds: TidalIdList, options: SaveOptions = {}): Promise<void> {
    const form = { artistIds: catalogIds("artistIds", artistIds) };
    return this.post(
      "followArtists",
      `/v1/users/${USER_ID}/favorites/artists`,
      options,
      saveTo(form, options),
    );
  }

  /** Unfollows artists. `DELETE /v1/users/{user_id}/favorites/artists/{artist_ids}`. Needs a user. */
  unfollowArtists(artistIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    const path = `/v1/users/${USER_ID}/favorites/artists/${catalogIds("artistIds", artistIds)}`;
    return this.delete("unfollowArtists", path, options, { userId: options.userId });
  }

  /** Followed mixes. `GET /v2/favorites/mixes` (`limit` 50 unless given). Needs a user. Cached "user". */
  getMyFollowedMixes(options: SortedCursorOptions = {}): CursorPages<TidalMix> {
    return this.list("getMyFollowedMixes", "/v2/favorites/mixes", options, {
      page: "collection",
      query: sortQuery(options),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Ids of followed mixes (`limit` 50 unless given); iterating it walks every id. `GET /v2/favorites/mixes/ids`.
   * Needs a user. Cached "user".
   */
  getMyFollowedMixIds(options: CursorOptions = {}): MixIdPages {
    const page = (cursor?: string): Promise<DeepReadonly<MixIdsPage>> =>
      this.get("getMyFollowedMixIds", "/v2/favorites/mixes/ids", cursor ? { ...options, cursor } : options, {
        page: "collection",
        user: true,
        ttl: "user",
      });
    // The ids come under `content`, not the `items` the shared cursor walk reads, so this list walks itself.
    const walk = (
      first: () => Promise<DeepReadonly<MixIdsPage>>,
    ): PageIterator<string, DeepReadonly<MixIdsPage>> =>
      new PageIterator(
        first,
        () => {
          const seen = new Set<string>();
          return (last) => {
            const next = last.cursor;
            if (!next || last.content.length === 0 || seen.has(next)) return null;
            seen.add(next);
            return page(next);
          };
        },
        (last) => last.content,
      );
    return new PagePromise(page(), walk);
  }

  /** Follows mixes (up to 100). `PUT /v2/favorites/mixes/add` (form `mixIds`). Needs a user. */
  followMixes(mixIds: string | Iterable<string>, options: FollowMixesOptions = {}): Promise<void> {
    return this.put("followMixes", "/v2/favorites/mixes/add", options, {
      form: { mixIds: mixIdList("mixIds", mixIds), onArtifactNotFound: onMissing(options.onMissing) },
      user: true,
    });
  }

  /** Unfollows mixes (up to 100). `PUT /v2/favorites/mixes/remove` (form `mixIds`). Needs a user. */
  unfollowMixes(mixIds: string | Iterable<string>, options: RequestOptions = {}): Promise<void> {
    return this.put("unfollowMixes", "/v2/favorites/mixes/remove", options, {
      form: { mixIds: mixIdList("mixIds", mixIds) },
      user: true,
    });
  }

  /** Followed playlists. `GET /v1/users/{user_id}/favorites/playlists`. Needs a user. Cached "user". */
  getFollowedPlaylists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): OffsetPages<SavedItem<TidalPlaylist>> {
    const path = `/v1/users/${USER_ID}/favorites/playlists`;
    return this.list("getFollowedPlaylists", path, options, sortedUserList(userId, options));
  }

  /**
   * Follows playlists. `PUT /v2/my-collection/playlists/folders/add-favorites` (query `uuids`, `folderId`), or
   * with `apiVersion: 1` `POST /v1/users/{user_id}/favorites/playlists` (form `uuids`). Needs a user.
   */
  followPlaylists(
    playlistUuids: string | Iterable<string>,
    options: FollowPlaylistsOptions = {},
  ): Promise<void> {
    const uuids = playlistUuidList("playlistUuids", playlistUuids);
    if (apiVersion(options.apiVersion) === 1) {
      return this.post("followPlaylists", `/v1/users/${USER_ID}/favorites/playlists`, options, {
        country: true,
        form: { uuids },
        userId: options.userId,
      });
    }
    return this.put("followPlaylists", "/v2/my-collection/playlists/folders/add-favorites", options, {
      query: { uuids, folderId: optionalFolder("folderUuid", options.folderUuid) },
      user: true,
    });
  }

  /**
   * Unfollows playlists. `PUT /v2/my-collection/playlists/folders/remove` (query `trns`), or with
   * `apiVersion: 1` `DELETE /v1/users/{user_id}/favorites/playlists/{playlist_uuids}`. Needs a user.
   */
  unfollowPlaylists(
    playlistUuids: string | Iterable<string>,
    options: UnfollowPlaylistsOptions = {},
  ): Promise<void> {
    if (apiVersion(options.apiVersion) === 1) {
      const path = `/v1/users/${USER_ID}/favorites/playlists/${playlistUuidList("playlistUuids", playlistUuids)}`;
      return this.delete("unfollowPlaylists", path, options, { userId: options.userId });
    }
    return this.put("unfollowPlaylists", "/v2/my-collection/playlists/folders/remove", options, {
      query: { trns: trnList("playlistUuids", playlistUuids, "playlist") },
      user: true,
    });
  }

  /**
   * The account's playlists (and, with `playlistTypes`, folders) at the top level.
   * `GET /v2/my-collection/playlists` (`limit` 50 unless given). Needs a user. Cached "user".
   */
  getMyPlaylists(options: CollectionListOptions = {}): CursorPages<CollectionEntry> {
    return this.list("getMyPlaylists", "/v2/my-collection/playlists", options, collectionList(options));
  }

  /**
   * The entries of one folder (the top level by default). `GET /v2/my-collection/playlists/folders`
   * (`folderId`; `limit` 50 unless given). Needs a user. Cached "user".
   */
  getMyFolder(folderUuid?: string | null, options: CollectionListOptions = {}): CursorPages<CollectionEntry> {
    const spec = collectionList(options, optionalFolder("folderUuid", folderUuid));
    return this.list("getMyFolder", "/v2/my-collection/playlists/folders", options, spec);
  }

  /**
   * Every folder and playlist of the account, flattened. `GET /v2/my-collection/playlists/folders/flattened`
   * (`limit` 50 unless given). Needs a user. Cached "user".
   */
  getMyFoldersAndPlaylists(options: CollectionListOptions = {}): CursorPages<CollectionEntry> {
    const path = "/v2/my-collection/playlists/folders/flattened";
    return this.list("getMyFoldersAndPlaylists", path, options, collectionList(options));
  }

  /**
   * Playlists a user created and follows. `GET /v1/users/{user_id}/playlistsAndFavoritePlaylists`. Needs a user.
   * Cached "user".
   */
  getUserPlaylists(userId?: TidalId | null, options: SortedPageOptions = {}): OffsetPages<UserPlaylistEntry> {
    const path = `/v1/users/${USER_ID}/playlistsAndFavoritePlaylists`;
    return this.list("getUserPlaylists", path, options, sortedUserList(userId, options));
  }

  /** Playlists a user created. `GET /v1/users/{user_id}/playlists`. Needs a user. Cached "user". */
  getUserCreatedPlaylists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): OffsetPages<UserPlaylistEntry> {
    const path = `/v1/users/${USER_ID}/playlists`;
    return this.list("getUserCreatedPlaylists", path, options, sortedUserList(userId, options));
  }

  /** A user's public playlists. `GET /v2/user-playlists/{user_id}/public`. Needs a user. Cached "user". */
  getUserPublicPlaylists(
    userId?: TidalId | null,
    options: RelationshipOptions = {},
  ): CursorPages<UserPlaylist> {
    const path = `/v2/user-playlists/${USER_ID}/public`;
    return this.list("getUserPublicPlaylists", path, options, relationshipList(userId));
  }

  /** A user's followers. `GET /v2/profiles/{user_id}/followers`. Needs a user. Cached "user". */
  getUserFollowers(
    userId?: TidalId | null,
    options: RelationshipOptions = {},
  ): CursorPages<ProfileSummary, ProfilePage> {
    const path = `/v2/profiles/${USER_ID}/followers`;
    return this.list("getUserFollowers", path, options, relationshipList(userId));
  }

  /** Profiles a user follows. `GET /v2/profiles/{user_id}/following`. Needs a user. Cached "user". */
  getUserFollowings(
    userId?: TidalId | null,
    options: RelationshipOptions = {},
  ): CursorPages<ProfileSummary, ProfilePage> {
    const path = `/v2/profiles/${USER_ID}/following`;
    return this.list("getUserFollowings", path, options, relationshipList(userId));
  }

  /** Follows a user. `PUT /v2/follow?trn=trn:user:{user_id}`. Needs a user, checked before anything is sent. */
  followUser(userId: TidalId, options: RequestOptions = {}): Promise<void> {
    return this.put("followUser", "/v2/follow", options, {
      query: { trn: `trn:user:${catalogId("userId", userId)}` },
      user: true,
    });
  }

  /** Unfollows a user. `DELETE /v2/follow?trn=trn:user:{user_id}`. Needs a user. */
  unfollowUser(userId: TidalId, options: RequestOptions = {}): Promise<void> {
    return this.delete("unfollowUser", "/v2/follow", options, {
      query: { trn: `trn:user:${catalogId("userId", userId)}` },
      user: true,
    });
  }

  /** Blocked profiles. `GET /v2/profiles/blocked-profiles` (offset-paged). Needs a user. Cached "user". */
  getMyBlockedUsers(options: OffsetOptions = {}): OffsetPages<ProfileSummary, BlockedProfilesPage> {
    return this.list("getMyBlockedUsers", "/v2/profiles/blocked-profiles", options, {
      page: "offset",
      user: true,
      ttl: "user",
    });
  }

  /** Blocks a user. `PUT /v2/profiles/block/{user_id}`. Needs a user. */
  blockUser(userId: TidalId, options: RequestOptions = {}): Promise<void> {
    const path = `/v2/profiles/block/${catalogId("userId", userId)}`;
    return this.put("blockUser", path, options, { user: true });
  }

  /** Unblocks a user. `DELETE /v2/profiles/block/{user_id}`. Needs a user. */
  unblockUser(userId: TidalId, options: RequestOptions = {}): Promise<void> {
    const path = `/v2/profiles/block/${catalogId("userId", userId)}`;
    return this.delete("unblockUser", path, options, { user: true });
  }

  /** Saved tracks. `GET /v1/users/{user_id}/favorites/tracks`. Needs a user. Cached "user". */
  getUserSavedTracks(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): OffsetPages<SavedItem<TidalTrack>> {
    const path = `/v1/users/${USER_ID}/favorites/tracks`;
    return this.list("getUserSavedTracks", path, options, sortedUserList(userId, options));
  }

  /** Saves tracks (up to 1 000). `POST /v1/users/{user_id}/favorites/tracks` (form `trackIds`). Needs a user. */
  saveTracks(trackIds: TidalIdList, options: SaveOptions = {}): Promise<void> {
    const form = { trackIds: catalogIds("trackIds", trackIds) };
    return this.post("saveTracks", `/v1/users/${USER_ID}/favorites/tracks`, options, saveTo(form, options));
  }

  /** Removes saved tracks. `DELETE /v1/users/{user_id}/favorites/tracks/{track_ids}`. Needs a user. */
  removeSavedTracks(trackIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    const path = `/v1/users/${USER_ID}/favorites/tracks/${catalogIds("trackIds", trackIds)}`;
    return this.delete("removeSavedTracks", path, options, { userId: options.userId });
  }

  /** Blocked tracks. `GET /v1/users/{user_id}/blocks/tracks`. Needs a user. Cached "user". */
  getUserBlockedTracks(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): OffsetPages<BlockedItem<TidalTrack>> {
    return this.list("getUserBlockedTracks", `/v1/users/${USER_ID}/blocks/tracks`, options, {
      page: "offset",
      userId,
      ttl: "user",
    });
  }

  /** Blocks a track. `POST /v1/users/{user_id}/blocks/tracks` (form `trackId`). Needs a user. */
  blockTrack(trackId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.post("blockTrack", `/v1/users/${USER_ID}/blocks/tracks`, options, {
      form: { trackId: catalogId("trackId", trackId) },
      userId: options.userId,
    });
  }

  /** Unblocks a track. `DELETE /v1/users/{user_id}/blocks/tracks/{track_id}`. Needs a user. */
  unblockTrack(trackId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    const path = `/v1/users/${USER_ID}/blocks/tracks/${catalogId("trackId", trackId)}`;
    return this.delete("unblockTrack", path, options, { userId: options.userId });
  }

  /** Saved videos. `GET /v1/users/{user_id}/favorites/videos`. Needs a user. Cached "user". */
  getUserSavedVideos(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): OffsetPages<SavedItem<TidalVideo>> {
    const path = `/v1/users/${USER_ID}/favorites/videos`;
    return this.list("getUserSavedVideos", path, options, sortedUserList(userId, options));
  }

  /** Saves videos (up to 1 000). `POST /v1/users/{user_id}/favorites/videos` (form `videoIds`). Needs a user. */
  saveVideos(videoIds: TidalIdList, options: SaveOptions = {}): Promise<void> {
    const form = { videoIds: catalogIds("videoIds", videoIds) };
    return this.post("saveVideos", `/v1/users/${USER_ID}/favorites/videos`, options, saveTo(form, options));
  }

  /** Removes saved videos. `DELETE /v1/users/{user_id}/favorites/videos/{video_ids}`. Needs a user. */
  removeSavedVideos(videoIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    const path = `/v1/users/${USER_ID}/favorites/videos/${catalogIds("videoIds", videoIds)}`;
    return this.delete("removeSavedVideos", path, options, { userId: options.userId });
  }

  /** Blocked videos. `GET /v1/users/{user_id}/blocks/videos`. Needs a user. Cached "user". */
  getUserBlockedVideos(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): OffsetPages<BlockedItem<TidalVideo>> {
    return this.list("getUserBlockedVideos", `/v1/users/${USER_ID}/blocks/videos`, options, {
      page: "offset",
      userId,
      ttl: "user",
    });
  }

  /** Blocks a video. `POST /v1/users/{user_id}/blocks/videos` (form `videoId`). Needs a user. */
  blockVideo(videoId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.post("blockVideo", `/v1/users/${USER_ID}/blocks/videos`, options, {
      form: { videoId: catalogId("videoId", videoId) },
      userId: options.userId,
    });
  }

  /** Unblocks a video. `DELETE /v1/users/{user_id}/blocks/videos/{video_id}`. Needs a user. */
  unblockVideo(videoId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    const path = `/v1/users/${USER_ID}/blocks/videos/${catalogId("videoId", videoId)}`;
    return this.delete("unblockVideo", path, options, { userId: options.userId });
  }
}
