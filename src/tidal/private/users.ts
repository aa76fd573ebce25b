/**
 * The account and its collection: profile, session, subscription, favourites, blocks, followed mixes and
 * playlists, the my-collection folder tree, and profile relationships. Every method needs a user
 * (an authorization flow); `userId` defaults to the current user's id, resolved from the token or the
 * profile.
 */
import type { RequestOptions } from "../../core/api-client.js";
import { PageIterator } from "../../core/pagination.js";
import type { QueryParams } from "../../core/transport.js";
import { cursorPages, offsetPages, TidalResource, USER_ID } from "../core.js";
import {
  apiVersion,
  catalogId,
  catalogIds,
  cursor,
  cursorLimit,
  direction,
  mixIdList,
  offset,
  offsetLimit,
  onMissing,
  optionalCountry,
  optionalCursorLimit,
  optionalFolder,
  playlistTypes,
  playlistUuidList,
  sortOrder,
  trnList,
} from "../params.js";
import type { TidalAlbum } from "../types/album.js";
import type { TidalArtist } from "../types/artist.js";
import type { CursorPage, OffsetPage, TidalId, TidalIdList } from "../types/common.js";
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
  SortedCursorOptions,
  SortedPageOptions,
  TidalUserOptions,
} from "./options.js";
import type { DeepReadonly } from "../../core/readonly.js";

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
   * 2 (default): `PUT /v2/my-collection/…/remove`; 1: `DELETE
   * /v1/users/{user_id}/favorites/playlists/{uuids}`.
   */
  apiVersion?: 1 | 2 | null | undefined;
}

/** `followMixes` options. */
export interface FollowMixesOptions extends RequestOptions {
  onMissing?: SaveOptions["onMissing"];
}

/** Profile relationship lists: `limit` is sent only when given. */
export type RelationshipOptions = CursorOptions;

function userIdOf(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : catalogId("userId", value);
}

function countryQuery(options: CountryOptions): QueryParams {
  return { countryCode: optionalCountry(options.countryCode) };
}

function pageQuery(options: OffsetOptions): QueryParams {
  return { limit: offsetLimit(options.limit), offset: offset(options.offset) };
}

function sortedPageQuery(options: SortedPageOptions): QueryParams {
  return {
    countryCode: optionalCountry(options.countryCode),
    limit: offsetLimit(options.limit),
    offset: offset(options.offset),
    order: sortOrder(options.sortBy),
    orderDirection: direction(options.descending),
  };
}

function collectionQuery(options: CollectionListOptions, folderId?: string): QueryParams {
  return {
    ...(folderId !== undefined ? { folderId } : {}),
    limit: cursorLimit(options.limit),
    cursor: cursor(options.cursor),
    includeOnly: playlistTypes(options.playlistTypes),
    order: sortOrder(options.sortBy),
    orderDirection: direction(options.descending),
  };
}

/** Users API endpoints of the private TIDAL API. */
export class PrivateUsersAPI extends TidalResource {
  protected readonly group = "users";

  /**
   * The current account's profile. `GET https://login.tidal.com/oauth2/me`. Needs a user. Cached "static"
   * (per
   * account).
   */
  getMe(options: RequestOptions = {}): Promise<DeepReadonly<TidalProfile>> {
    return this.get("getMe", options, `${this.core.loginUrl}/oauth2/me`, { user: true, ttl: "static" });
  }

  /**
   * The current session (session id, user, country, client). `GET /v1/sessions`. Needs a user. Cached
   * "static".
   */
  getSession(options: RequestOptions = {}): Promise<DeepReadonly<TidalSession>> {
    return this.get("getSession", options, "/v1/sessions", { user: true, ttl: "static" });
  }

  /**
   * Clients (apps) registered on the account. `GET /v1/users/{user_id}/clients`. Needs a user. Cached "user".
   */
  getUserClients(
    userId?: TidalId | null,
    options: CountryOptions = {},
  ): Promise<DeepReadonly<OffsetPage<UserClient>>> {
    return this.get("getUserClients", options, `/v1/users/${USER_ID}/clients`, {
      query: countryQuery(options),
      country: true,
      userId: userIdOf(userId),
      user: true,
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
    return this.get("getUserSubscription", options, `/v1/users/${USER_ID}/subscription`, {
      query: countryQuery(options),
      country: true,
      userId: userIdOf(userId),
      user: true,
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
    return this.get("getUserSavedItemIds", options, `/v1/users/${USER_ID}/favorites/ids`, {
      query: { countryCode: undefined },
      country: true,
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /** Saved albums. `GET /v1/users/{user_id}/favorites/albums`. Needs a user. Cached "user". */
  getUserSavedAlbums(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<SavedItem<TidalAlbum>>>> {
    return this.get("getUserSavedAlbums", options, `/v1/users/${USER_ID}/favorites/albums`, {
      query: sortedPageQuery(options),
      country: true,
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every saved album, page by page. `GET /v1/users/{user_id}/favorites/albums`. Needs a user. Cached "user".
   */
  iterUserSavedAlbums(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): PageIterator<DeepReadonly<SavedItem<TidalAlbum>>, DeepReadonly<OffsetPage<SavedItem<TidalAlbum>>>> {
    return offsetPages(options, (page) => this.getUserSavedAlbums(userId, page));
  }

  /**
   * Saves albums (up to 1 000). `POST /v1/users/{user_id}/favorites/albums` (form `albumIds`). Needs a user.
   */
  saveAlbums(albumIds: TidalIdList, options: SaveOptions = {}): Promise<void> {
    return this.post("saveAlbums", options, `/v1/users/${USER_ID}/favorites/albums`, {
      query: countryQuery(options),
      country: true,
      form: { albumIds: catalogIds("albumIds", albumIds), onArtifactNotFound: onMissing(options.onMissing) },
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Removes saved albums. `DELETE /v1/users/{user_id}/favorites/albums/{album_ids}`. Needs a user. */
  removeSavedAlbums(albumIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    const ids = catalogIds("albumIds", albumIds);
    return this.delete("removeSavedAlbums", options, `/v1/users/${USER_ID}/favorites/albums/${ids}`, {
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Blocked artists. `GET /v1/users/{user_id}/blocks/artists`. Needs a user. Cached "user". */
  getUserBlockedArtists(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): Promise<DeepReadonly<OffsetPage<BlockedItem<TidalArtist>>>> {
    return this.get("getUserBlockedArtists", options, `/v1/users/${USER_ID}/blocks/artists`, {
      query: pageQuery(options),
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every blocked artist, page by page. `GET /v1/users/{user_id}/blocks/artists`. Needs a user. Cached
   * "user".
   */
  iterUserBlockedArtists(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): PageIterator<
    DeepReadonly<BlockedItem<TidalArtist>>,
    DeepReadonly<OffsetPage<BlockedItem<TidalArtist>>>
  > {
    return offsetPages(options, (page) => this.getUserBlockedArtists(userId, page));
  }

  /** Blocks an artist. `POST /v1/users/{user_id}/blocks/artists` (form `artistId`). Needs a user. */
  blockArtist(artistId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.post("blockArtist", options, `/v1/users/${USER_ID}/blocks/artists`, {
      form: { artistId: catalogId("artistId", artistId) },
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Unblocks an artist. `DELETE /v1/users/{user_id}/blocks/artists/{artist_id}`. Needs a user. */
  unblockArtist(artistId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    const id = catalogId("artistId", artistId);
    return this.delete("unblockArtist", options, `/v1/users/${USER_ID}/blocks/artists/${id}`, {
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Followed artists. `GET /v1/users/{user_id}/favorites/artists`. Needs a user. Cached "user". */
  getUserFollowedArtists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<SavedItem<TidalArtist>>>> {
    return this.get("getUserFollowedArtists", options, `/v1/users/${USER_ID}/favorites/artists`, {
      query: sortedPageQuery(options),
      country: true,
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every followed artist, page by page. `GET /v1/users/{user_id}/favorites/artists`. Needs a user. Cached
   * "user".
   */
  iterUserFollowedArtists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): PageIterator<DeepReadonly<SavedItem<TidalArtist>>, DeepReadonly<OffsetPage<SavedItem<TidalArtist>>>> {
    return offsetPages(options, (page) => this.getUserFollowedArtists(userId, page));
  }

  /**
   * Follows artists (up to 1 000). `POST /v1/users/{user_id}/favorites/artists` (form `artistIds`). Needs a
   * user.
   */
  followArtists(artistIds: TidalIdList, options: SaveOptions = {}): Promise<void> {
    return this.post("followArtists", options, `/v1/users/${USER_ID}/favorites/artists`, {
      query: countryQuery(options),
      country: true,
      form: {
        artistIds: catalogIds("artistIds", artistIds),
        onArtifactNotFound: onMissing(options.onMissing),
      },
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Unfollows artists. `DELETE /v1/users/{user_id}/favorites/artists/{artist_ids}`. Needs a user. */
  unfollowArtists(artistIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    const ids = catalogIds("artistIds", artistIds);
    return this.delete("unfollowArtists", options, `/v1/users/${USER_ID}/favorites/artists/${ids}`, {
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Followed mixes. `GET /v2/favorites/mixes` (`limit` 50 unless given). Needs a user. Cached "user". */
  getMyFollowedMixes(options: SortedCursorOptions = {}): Promise<DeepReadonly<CursorPage<TidalMix>>> {
    return this.get("getMyFollowedMixes", options, "/v2/favorites/mixes", {
      query: {
        limit: cursorLimit(options.limit),
        cursor: cursor(options.cursor),
        order: sortOrder(options.sortBy),
        orderDirection: direction(options.descending),
      },
      user: true,
      ttl: "user",
    });
  }

  /** Every followed mix, page by page. `GET /v2/favorites/mixes`. Needs a user. Cached "user". */
  iterMyFollowedMixes(
    options: SortedCursorOptions = {},
  ): PageIterator<DeepReadonly<TidalMix>, DeepReadonly<CursorPage<TidalMix>>> {
    return cursorPages(options, (page) => this.getMyFollowedMixes(page));
  }

  /**
   * Ids of followed mixes. `GET /v2/favorites/mixes/ids` (`limit` 50 unless given). Needs a user. Cached
   * "user".
   */
  getMyFollowedMixIds(options: CursorOptions = {}): Promise<DeepReadonly<MixIdsPage>> {
    return this.get("getMyFollowedMixIds", options, "/v2/favorites/mixes/ids", {
      query: { limit: cursorLimit(options.limit), cursor: cursor(options.cursor) },
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every followed mix id, page by page (the ids come under `content`). `GET /v2/favorites/mixes/ids`. Needs
   * a user. Cached "user".
   */
  iterMyFollowedMixIds(options: CursorOptions = {}): PageIterator<string, DeepReadonly<MixIdsPage>> {
    return new PageIterator(
      () => this.getMyFollowedMixIds(options),
      () => {
        const seen = new Set<string>();
        return (page: DeepReadonly<MixIdsPage>) => {
          const next = page.cursor;
          if (!next || page.content.length === 0 || seen.has(next)) return null;
          seen.add(next);
          return this.getMyFollowedMixIds({ ...options, cursor: next });
        };
      },
      (page) => page.content,
    );
  }

  /** Follows mixes (up to 100). `PUT /v2/favorites/mixes/add` (form `mixIds`). Needs a user. */
  followMixes(mixIds: string | Iterable<string>, options: FollowMixesOptions = {}): Promise<void> {
    return this.put("followMixes", options, "/v2/favorites/mixes/add", {
      form: { mixIds: mixIdList("mixIds", mixIds), onArtifactNotFound: onMissing(options.onMissing) },
      user: true,
    });
  }

  /** Unfollows mixes (up to 100). `PUT /v2/favorites/mixes/remove` (form `mixIds`). Needs a user. */
  unfollowMixes(mixIds: string | Iterable<string>, options: RequestOptions = {}): Promise<void> {
    return this.put("unfollowMixes", options, "/v2/favorites/mixes/remove", {
      form: { mixIds: mixIdList("mixIds", mixIds) },
      user: true,
    });
  }

  /** Followed playlists. `GET /v1/users/{user_id}/favorites/playlists`. Needs a user. Cached "user". */
  getFollowedPlaylists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<SavedItem<TidalPlaylist>>>> {
    return this.get("getFollowedPlaylists", options, `/v1/users/${USER_ID}/favorites/playlists`, {
      query: sortedPageQuery(options),
      country: true,
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every followed playlist, page by page. `GET /v1/users/{user_id}/favorites/playlists`. Needs a user.
   * Cached "user".
   */
  iterFollowedPlaylists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): PageIterator<
    DeepReadonly<SavedItem<TidalPlaylist>>,
    DeepReadonly<OffsetPage<SavedItem<TidalPlaylist>>>
  > {
    return offsetPages(options, (page) => this.getFollowedPlaylists(userId, page));
  }

  /**
   * Follows playlists. `PUT /v2/my-collection/playlists/folders/add-favorites` (query `uuids`, `folderId`),
   * or with
   * `apiVersion: 1` `POST /v1/users/{user_id}/favorites/playlists` (form `uuids`). Needs a user.
   */
  followPlaylists(
    playlistUuids: string | Iterable<string>,
    options: FollowPlaylistsOptions = {},
  ): Promise<void> {
    const uuids = playlistUuidList("playlistUuids", playlistUuids);
    if (apiVersion(options.apiVersion) === 1) {
      return this.post("followPlaylists", options, `/v1/users/${USER_ID}/favorites/playlists`, {
        query: countryQuery(options),
        country: true,
        form: { uuids },
        userId: userIdOf(options.userId),
        user: true,
      });
    }
    return this.put("followPlaylists", options, "/v2/my-collection/playlists/folders/add-favorites", {
      query: { uuids, folderId: optionalFolder("folderUuid", options.folderUuid) },
      user: true,
    });
  }

  /**
   * Unfollows playlists. `PUT /v2/my-collection/playlists/folders/remove` (query `trns`), or with
   * `apiVersion: 1`
   * `DELETE /v1/users/{user_id}/favorites/playlists/{playlist_uuids}`. Needs a user.
   */
  unfollowPlaylists(
    playlistUuids: string | Iterable<string>,
    options: UnfollowPlaylistsOptions = {},
  ): Promise<void> {
    if (apiVersion(options.apiVersion) === 1) {
      const uuids = playlistUuidList("playlistUuids", playlistUuids);
      return this.delete("unfollowPlaylists", options, `/v1/users/${USER_ID}/favorites/playlists/${uuids}`, {
        userId: userIdOf(options.userId),
        user: true,
      });
    }
    return this.put("unfollowPlaylists", options, "/v2/my-collection/playlists/folders/remove", {
      query: { trns: trnList("playlistUuids", playlistUuids, "playlist") },
      user: true,
    });
  }

  /**
   * The account's playlists (and, with `playlistTypes`, folders) at the top level. `GET
   * /v2/my-collection/playlists`
   * (`limit` 50 unless given). Needs a user. Cached "user".
   */
  getMyPlaylists(options: CollectionListOptions = {}): Promise<DeepReadonly<CursorPage<CollectionEntry>>> {
    return this.get("getMyPlaylists", options, "/v2/my-collection/playlists", {
      query: collectionQuery(options),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every entry of {@link getMyPlaylists}, page by page. `GET /v2/my-collection/playlists`. Needs a user.
   * Cached "user".
   */
  iterMyPlaylists(
    options: CollectionListOptions = {},
  ): PageIterator<DeepReadonly<CollectionEntry>, DeepReadonly<CursorPage<CollectionEntry>>> {
    return cursorPages(options, (page) => this.getMyPlaylists(page));
  }

  /**
   * The entries of one folder (the top level by default). `GET /v2/my-collection/playlists/folders`
   * (`folderId`;
   * `limit` 50 unless given). Needs a user. Cached "user".
   */
  getMyFolder(
    folderUuid?: string | null,
    options: CollectionListOptions = {},
  ): Promise<DeepReadonly<CursorPage<CollectionEntry>>> {
    return this.get("getMyFolder", options, "/v2/my-collection/playlists/folders", {
      query: collectionQuery(options, optionalFolder("folderUuid", folderUuid)),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every entry of a folder, page by page. `GET /v2/my-collection/playlists/folders`. Needs a user. Cached
   * "user".
   */
  iterMyFolder(
    folderUuid?: string | null,
    options: CollectionListOptions = {},
  ): PageIterator<DeepReadonly<CollectionEntry>, DeepReadonly<CursorPage<CollectionEntry>>> {
    return cursorPages(options, (page) => this.getMyFolder(folderUuid, page));
  }

  /**
   * Every folder and playlist of the account, flattened. `GET /v2/my-collection/playlists/folders/flattened`
   * (`limit` 50 unless given). Needs a user. Cached "user".
   */
  getMyFoldersAndPlaylists(
    options: CollectionListOptions = {},
  ): Promise<DeepReadonly<CursorPage<CollectionEntry>>> {
    return this.get("getMyFoldersAndPlaylists", options, "/v2/my-collection/playlists/folders/flattened", {
      query: collectionQuery(options),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every folder and playlist, page by page. `GET /v2/my-collection/playlists/folders/flattened`. Needs a
   * user. Cached "user".
   */
  iterMyFoldersAndPlaylists(
    options: CollectionListOptions = {},
  ): PageIterator<DeepReadonly<CollectionEntry>, DeepReadonly<CursorPage<CollectionEntry>>> {
    return cursorPages(options, (page) => this.getMyFoldersAndPlaylists(page));
  }

  /**
   * Playlists a user created and follows. `GET /v1/users/{user_id}/playlistsAndFavoritePlaylists`. Needs a
   * user.
   * Cached "user".
   */
  getUserPlaylists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<UserPlaylistEntry>>> {
    return this.get("getUserPlaylists", options, `/v1/users/${USER_ID}/playlistsAndFavoritePlaylists`, {
      query: sortedPageQuery(options),
      country: true,
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every playlist a user created or follows. `GET /v1/users/{user_id}/playlistsAndFavoritePlaylists`. Needs
   * a user. Cached "user".
   */
  iterUserPlaylists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): PageIterator<DeepReadonly<UserPlaylistEntry>, DeepReadonly<OffsetPage<UserPlaylistEntry>>> {
    return offsetPages(options, (page) => this.getUserPlaylists(userId, page));
  }

  /** Playlists a user created. `GET /v1/users/{user_id}/playlists`. Needs a user. Cached "user". */
  getUserCreatedPlaylists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<UserPlaylistEntry>>> {
    return this.get("getUserCreatedPlaylists", options, `/v1/users/${USER_ID}/playlists`, {
      query: sortedPageQuery(options),
      country: true,
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /** Every playlist a user created. `GET /v1/users/{user_id}/playlists`. Needs a user. Cached "user". */
  iterUserCreatedPlaylists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): PageIterator<DeepReadonly<UserPlaylistEntry>, DeepReadonly<OffsetPage<UserPlaylistEntry>>> {
    return offsetPages(options, (page) => this.getUserCreatedPlaylists(userId, page));
  }

  /** A user's public playlists. `GET /v2/user-playlists/{user_id}/public`. Needs a user. Cached "user". */
  getUserPublicPlaylists(
    userId?: TidalId | null,
    options: RelationshipOptions = {},
  ): Promise<DeepReadonly<CursorPage<UserPlaylist>>> {
    return this.get("getUserPublicPlaylists", options, `/v2/user-playlists/${USER_ID}/public`, {
      query: { cursor: cursor(options.cursor), limit: optionalCursorLimit(options.limit) },
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every public playlist of a user. `GET /v2/user-playlists/{user_id}/public`. Needs a user. Cached "user".
   */
  iterUserPublicPlaylists(
    userId?: TidalId | null,
    options: RelationshipOptions = {},
  ): PageIterator<DeepReadonly<UserPlaylist>, DeepReadonly<CursorPage<UserPlaylist>>> {
    return cursorPages(options, (page) => this.getUserPublicPlaylists(userId, page));
  }

  /** A user's followers. `GET /v2/profiles/{user_id}/followers`. Needs a user. Cached "user". */
  getUserFollowers(
    userId?: TidalId | null,
    options: RelationshipOptions = {},
  ): Promise<DeepReadonly<ProfilePage>> {
    return this.get("getUserFollowers", options, `/v2/profiles/${USER_ID}/followers`, {
      query: { cursor: cursor(options.cursor), limit: optionalCursorLimit(options.limit) },
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /** Every follower of a user. `GET /v2/profiles/{user_id}/followers`. Needs a user. Cached "user". */
  iterUserFollowers(
    userId?: TidalId | null,
    options: RelationshipOptions = {},
  ): PageIterator<DeepReadonly<ProfileSummary>, DeepReadonly<ProfilePage>> {
    return cursorPages(options, (page) => this.getUserFollowers(userId, page));
  }

  /** Profiles a user follows. `GET /v2/profiles/{user_id}/following`. Needs a user. Cached "user". */
  getUserFollowings(
    userId?: TidalId | null,
    options: RelationshipOptions = {},
  ): Promise<DeepReadonly<ProfilePage>> {
    return this.get("getUserFollowings", options, `/v2/profiles/${USER_ID}/following`, {
      query: { cursor: cursor(options.cursor), limit: optionalCursorLimit(options.limit) },
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /** Every profile a user follows. `GET /v2/profiles/{user_id}/following`. Needs a user. Cached "user". */
  iterUserFollowings(
    userId?: TidalId | null,
    options: RelationshipOptions = {},
  ): PageIterator<DeepReadonly<ProfileSummary>, DeepReadonly<ProfilePage>> {
    return cursorPages(options, (page) => this.getUserFollowings(userId, page));
  }

  /** Follows a user. `PUT /v2/follow?trn=trn:user:{user_id}`. Needs a user (upstream forgot the gate). */
  followUser(userId: TidalId, options: RequestOptions = {}): Promise<void> {
    return this.put("followUser", options, "/v2/follow", {
      query: { trn: `trn:user:${catalogId("userId", userId)}` },
      user: true,
    });
  }

  /** Unfollows a user. `DELETE /v2/follow?trn=trn:user:{user_id}`. Needs a user. */
  unfollowUser(userId: TidalId, options: RequestOptions = {}): Promise<void> {
    return this.delete("unfollowUser", options, "/v2/follow", {
      query: { trn: `trn:user:${catalogId("userId", userId)}` },
      user: true,
    });
  }

  /** Blocked profiles. `GET /v2/profiles/blocked-profiles` (offset-paged). Needs a user. Cached "user". */
  getMyBlockedUsers(options: OffsetOptions = {}): Promise<DeepReadonly<BlockedProfilesPage>> {
    return this.get("getMyBlockedUsers", options, "/v2/profiles/blocked-profiles", {
      query: pageQuery(options),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every blocked profile, page by page. `GET /v2/profiles/blocked-profiles`. Needs a user. Cached "user".
   */
  iterMyBlockedUsers(
    options: OffsetOptions = {},
  ): PageIterator<DeepReadonly<ProfileSummary>, DeepReadonly<BlockedProfilesPage>> {
    return offsetPages(options, (page) => this.getMyBlockedUsers(page));
  }

  /** Blocks a user. `PUT /v2/profiles/block/{user_id}`. Needs a user. */
  blockUser(userId: TidalId, options: RequestOptions = {}): Promise<void> {
    return this.put("blockUser", options, `/v2/profiles/block/${catalogId("userId", userId)}`, {
      user: true,
    });
  }

  /** Unblocks a user. `DELETE /v2/profiles/block/{user_id}`. Needs a user. */
  unblockUser(userId: TidalId, options: RequestOptions = {}): Promise<void> {
    return this.delete("unblockUser", options, `/v2/profiles/block/${catalogId("userId", userId)}`, {
      user: true,
    });
  }

  /** Saved tracks. `GET /v1/users/{user_id}/favorites/tracks`. Needs a user. Cached "user". */
  getUserSavedTracks(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<SavedItem<TidalTrack>>>> {
    return this.get("getUserSavedTracks", options, `/v1/users/${USER_ID}/favorites/tracks`, {
      query: sortedPageQuery(options),
      country: true,
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every saved track, page by page. `GET /v1/users/{user_id}/favorites/tracks`. Needs a user. Cached "user".
   */
  iterUserSavedTracks(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): PageIterator<DeepReadonly<SavedItem<TidalTrack>>, DeepReadonly<OffsetPage<SavedItem<TidalTrack>>>> {
    return offsetPages(options, (page) => this.getUserSavedTracks(userId, page));
  }

  /**
   * Saves tracks (up to 1 000). `POST /v1/users/{user_id}/favorites/tracks` (form `trackIds`). Needs a user.
   */
  saveTracks(trackIds: TidalIdList, options: SaveOptions = {}): Promise<void> {
    return this.post("saveTracks", options, `/v1/users/${USER_ID}/favorites/tracks`, {
      query: countryQuery(options),
      country: true,
      form: { trackIds: catalogIds("trackIds", trackIds), onArtifactNotFound: onMissing(options.onMissing) },
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Removes saved tracks. `DELETE /v1/users/{user_id}/favorites/tracks/{track_ids}`. Needs a user. */
  removeSavedTracks(trackIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    const ids = catalogIds("trackIds", trackIds);
    return this.delete("removeSavedTracks", options, `/v1/users/${USER_ID}/favorites/tracks/${ids}`, {
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Blocked tracks. `GET /v1/users/{user_id}/blocks/tracks`. Needs a user. Cached "user". */
  getUserBlockedTracks(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): Promise<DeepReadonly<OffsetPage<BlockedItem<TidalTrack>>>> {
    return this.get("getUserBlockedTracks", options, `/v1/users/${USER_ID}/blocks/tracks`, {
      query: pageQuery(options),
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every blocked track, page by page. `GET /v1/users/{user_id}/blocks/tracks`. Needs a user. Cached "user".
   */
  iterUserBlockedTracks(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): PageIterator<DeepReadonly<BlockedItem<TidalTrack>>, DeepReadonly<OffsetPage<BlockedItem<TidalTrack>>>> {
    return offsetPages(options, (page) => this.getUserBlockedTracks(userId, page));
  }

  /** Blocks a track. `POST /v1/users/{user_id}/blocks/tracks` (form `trackId`). Needs a user. */
  blockTrack(trackId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.post("blockTrack", options, `/v1/users/${USER_ID}/blocks/tracks`, {
      form: { trackId: catalogId("trackId", trackId) },
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Unblocks a track. `DELETE /v1/users/{user_id}/blocks/tracks/{track_id}`. Needs a user. */
  unblockTrack(trackId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    const id = catalogId("trackId", trackId);
    return this.delete("unblockTrack", options, `/v1/users/${USER_ID}/blocks/tracks/${id}`, {
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Saved videos. `GET /v1/users/{user_id}/favorites/videos`. Needs a user. Cached "user". */
  getUserSavedVideos(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<SavedItem<TidalVideo>>>> {
    return this.get("getUserSavedVideos", options, `/v1/users/${USER_ID}/favorites/videos`, {
      query: sortedPageQuery(options),
      country: true,
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every saved video, page by page. `GET /v1/users/{user_id}/favorites/videos`. Needs a user. Cached "user".
   */
  iterUserSavedVideos(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): PageIterator<DeepReadonly<SavedItem<TidalVideo>>, DeepReadonly<OffsetPage<SavedItem<TidalVideo>>>> {
    return offsetPages(options, (page) => this.getUserSavedVideos(userId, page));
  }

  /**
   * Saves videos (up to 1 000). `POST /v1/users/{user_id}/favorites/videos` (form `videoIds`). Needs a user.
   */
  saveVideos(videoIds: TidalIdList, options: SaveOptions = {}): Promise<void> {
    return this.post("saveVideos", options, `/v1/users/${USER_ID}/favorites/videos`, {
      query: countryQuery(options),
      country: true,
      form: { videoIds: catalogIds("videoIds", videoIds), onArtifactNotFound: onMissing(options.onMissing) },
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Removes saved videos. `DELETE /v1/users/{user_id}/favorites/videos/{video_ids}`. Needs a user. */
  removeSavedVideos(videoIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    const ids = catalogIds("videoIds", videoIds);
    return this.delete("removeSavedVideos", options, `/v1/users/${USER_ID}/favorites/videos/${ids}`, {
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Blocked videos. `GET /v1/users/{user_id}/blocks/videos`. Needs a user. Cached "user". */
  getUserBlockedVideos(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): Promise<DeepReadonly<OffsetPage<BlockedItem<TidalVideo>>>> {
    return this.get("getUserBlockedVideos", options, `/v1/users/${USER_ID}/blocks/videos`, {
      query: pageQuery(options),
      userId: userIdOf(userId),
      user: true,
      ttl: "user",
    });
  }

  /**
   * Every blocked video, page by page. `GET /v1/users/{user_id}/blocks/videos`. Needs a user. Cached "user".
   */
  iterUserBlockedVideos(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): PageIterator<DeepReadonly<BlockedItem<TidalVideo>>, DeepReadonly<OffsetPage<BlockedItem<TidalVideo>>>> {
    return offsetPages(options, (page) => this.getUserBlockedVideos(userId, page));
  }

  /** Blocks a video. `POST /v1/users/{user_id}/blocks/videos` (form `videoId`). Needs a user. */
  blockVideo(videoId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.post("blockVideo", options, `/v1/users/${USER_ID}/blocks/videos`, {
      form: { videoId: catalogId("videoId", videoId) },
      userId: userIdOf(options.userId),
      user: true,
    });
  }

  /** Unblocks a video. `DELETE /v1/users/{user_id}/blocks/videos/{video_id}`. Needs a user. */
  unblockVideo(videoId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    const id = catalogId("videoId", videoId);
    return this.delete("unblockVideo", options, `/v1/users/${USER_ID}/blocks/videos/${id}`, {
      userId: userIdOf(options.userId),
      user: true,
    });
  }
}
