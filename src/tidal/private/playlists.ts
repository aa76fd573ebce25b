/**
 * Playlists: reading them, the my-collection folder tree, details and visibility, and the four item edits. The
 * item edits address items by position, so each carries the playlist's current ETag in `If-None-Match`; when
 * the playlist changed in between, TIDAL refuses with 412 (`PreconditionFailedError`) and changes nothing.
 */
import type { RequestOptions } from "../../core/api-client.js";
import { ValidationError } from "../../core/errors.js";
import type { DeepReadonly } from "../../core/readonly.js";
import { via } from "../../core/resource.js";
import { boolean, nonBlankString, oneOf } from "../../core/validate.js";
import { TidalResource } from "../endpoint.js";
import {
  apiVersion,
  catalogId,
  catalogIds,
  itemIndex,
  itemIndices,
  optionalBoolean,
  optionalCountry,
  optionalFolder,
  optionalName,
  optionalText,
  playlistUuid,
  trnList,
} from "../params.js";
import type { CursorPages, OffsetPages, TidalId, TidalIdList } from "../types/common.js";
import type {
  CollectionEntry,
  OnDuplicate,
  TidalPlaylist,
  PlaylistItem,
  UserPlaylist,
} from "../types/playlist.js";
import type { TidalTrack } from "../types/track.js";
import type { SavedItem, UserPlaylistEntry } from "../types/user.js";
import type {
  CollectionListOptions,
  CountryOptions,
  CountryPageOptions,
  SortedPageOptions,
} from "./options.js";
import type { FollowPlaylistsOptions, RelationshipOptions, UnfollowPlaylistsOptions } from "./users.js";

/** `getPlaylist` options. */
export interface GetPlaylistOptions extends CountryOptions {
  /**
   * 2 (default): `GET /v2/user-playlists/{uuid}` (needs a user; no country); 1: the legacy
   * `GET /v1/playlists/{uuid}` (anonymous allowed).
   */
  apiVersion?: 1 | 2 | null | undefined;
}

/** `createFolder` options. */
export interface CreateFolderOptions extends RequestOptions {
  name: string;
  /** Parent folder (`"root"` or a folder UUID); the top level by default. */
  folderUuid?: string | null | undefined;
}

/** `createPlaylist` options. */
export interface TidalCreatePlaylistOptions extends RequestOptions {
  name: string;
  description?: string | null | undefined;
  /** Public (`true`) or private (`false`, the service's default). */
  public?: boolean | null | undefined;
  /** Folder to create it in (`"root"` or a folder UUID); the top level by default. */
  folderUuid?: string | null | undefined;
}

/** `movePlaylists` options. */
export interface MovePlaylistsOptions extends RequestOptions {
  /** Destination folder (`"root"` or a folder UUID). */
  folderUuid?: string | null | undefined;
}

/** `setPlaylistVisibility` options. */
export interface PlaylistVisibilityOptions extends RequestOptions {
  /** `true` → `set-public`, `false` → `set-private`. */
  public: boolean;
}

/** `updatePlaylistDetails` options: at least one of `name` and `description`. */
export interface TidalPlaylistDetailsOptions extends RequestOptions {
  /** New title (sent as `title`). */
  name?: string | null | undefined;
  /** New description; may be blank to clear it. */
  description?: string | null | undefined;
}

/** `addPlaylistItems` options: exactly one of `itemIds`, `fromAlbumId` and `fromPlaylistUuid`. */
export interface AddPlaylistItemsOptions extends CountryOptions {
  /** Tracks or videos to append. */
  itemIds?: TidalIdList | null | undefined;
  /** Append an album's tracks. */
  fromAlbumId?: TidalId | null | undefined;
  /** Append another playlist's items. */
  fromPlaylistUuid?: string | null | undefined;
  /** `ADD` (the service's default), `FAIL` or `SKIP` items already present. */
  onDuplicate?: OnDuplicate | null | undefined;
}

/** `reorderPlaylistItems` options. */
export interface ReorderPlaylistItemsOptions extends CountryOptions {
  /** Zero-based positions of the items to move. */
  fromItemIndices: number | string | Iterable<number | string>;
  /** Zero-based position to move them to. */
  toIndex: number;
}

/** `replacePlaylistItem` options. */
export interface ReplacePlaylistItemOptions extends CountryOptions {
  /** Zero-based position of the item to replace. */
  itemIndex: number;
  /** The track or video to put there. */
  itemId: TidalId;
}

/** `removePlaylistItems` options. */
export interface RemovePlaylistItemsOptions extends CountryOptions {
  /** Zero-based positions of the items to remove. */
  itemIndices: number | string | Iterable<number | string>;
}

const DUPLICATE_MODES: readonly OnDuplicate[] = ["ADD", "FAIL", "SKIP"];

/**
 * What every edit of a v1 playlist answers: its new `lastUpdated` (with the new ETag in the headers). Anything
 * else in a 2xx is not the service's confirmation, and the edit may not have been applied.
 */
const EDIT_ANSWER = "object with lastUpdated";

function required<T>(options: T | undefined, method: string): T {
  if (options === undefined || options === null || typeof options !== "object") {
    throw new ValidationError("options", `${method}() needs its options object.`);
  }
  return options;
}

/** Playlists API endpoints of the private TIDAL API. */
export class PrivatePlaylistsAPI extends TidalResource {
  protected readonly group = "playlists";

  /**
   * A playlist. `GET /v2/user-playlists/{playlist_uuid}` (needs a user), or with `apiVersion: 1`
   * `GET /v1/playlists/{playlist_uuid}` (no scope). Cached "user".
   */
  getPlaylist(
    playlist: string,
    options?: GetPlaylistOptions & { apiVersion?: 2 | null | undefined },
  ): Promise<DeepReadonly<UserPlaylist>>;
  getPlaylist(
    playlist: string,
    options: GetPlaylistOptions & { apiVersion: 1 },
  ): Promise<DeepReadonly<TidalPlaylist>>;
  getPlaylist(
    playlist: string,
    options: GetPlaylistOptions = {},
  ): Promise<DeepReadonly<UserPlaylist | TidalPlaylist>> {
    const uuid = playlistUuid("playlistUuid", playlist);
    if (apiVersion(options.apiVersion) === 1) {
      return this.get("getPlaylist", `/v1/playlists/${uuid}`, options, { country: true, ttl: "user" });
    }
    // v2 takes no country, but a bad one is still the caller's mistake to hear about.
    optionalCountry(options.countryCode);
    return this.get("getPlaylist", `/v2/user-playlists/${uuid}`, options, { user: true, ttl: "user" });
  }

  /**
   * A playlist's tracks and videos. `GET /v1/playlists/{playlist_uuid}/items`. No scope. Cached "user" (dropped
   * after the account's writes).
   */
  getPlaylistItems(playlist: string, options: CountryPageOptions = {}): OffsetPages<PlaylistItem> {
    const path = `/v1/playlists/${playlistUuid("playlistUuid", playlist)}/items`;
    return this.list("getPlaylistItems", path, options, { country: true, page: "offset", ttl: "user" });
  }

  /**
   * Tracks recommended for a playlist. `GET /v1/playlists/{playlist_uuid}/recommendations/items`. Needs a user.
   * Cached "user".
   */
  getPlaylistRecommendedTracks(
    playlist: string,
    options: CountryPageOptions = {},
  ): OffsetPages<{ item: TidalTrack; type: "track" }> {
    const path = `/v1/playlists/${playlistUuid("playlistUuid", playlist)}/recommendations/items`;
    return this.list("getPlaylistRecommendedTracks", path, options, {
      country: true,
      page: "offset",
      user: true,
      ttl: "user",
    });
  }

  /**
   * Creates a folder. `PUT /v2/my-collection/playlists/folders/create-folder` (query `name`, `folderId`).
   * Needs a user.
   */
  createFolder(options: CreateFolderOptions): Promise<DeepReadonly<CollectionEntry>> {
    const given = required(options, "playlists.createFolder");
    const path = "/v2/my-collection/playlists/folders/create-folder";
    return this.put<CollectionEntry>("createFolder", path, given, {
      query: {
        name: nonBlankString("name", given.name),
        folderId: optionalFolder("folderUuid", given.folderUuid),
      },
      user: true,
      expect: "object",
    });
  }

  /**
   * Renames a folder. `PUT /v2/my-collection/playlists/folders/rename` (query `trn`, `name`). Needs a user.
   */
  renameFolder(folderUuid: string, name: string, options: RequestOptions = {}): Promise<void> {
    const folder = optionalFolder("folderUuid", folderUuid);
    if (folder === undefined || folder === "root") {
      throw new ValidationError(
        "folderUuid",
        "folderUuid must name a folder (the top level cannot be renamed).",
      );
    }
    return this.put("renameFolder", "/v2/my-collection/playlists/folders/rename", options, {
      query: { trn: `trn:folder:${folder}`, name: nonBlankString("name", name) },
      user: true,
    });
  }

  /**
   * Deletes folders (and what they hold). `PUT /v2/my-collection/playlists/folders/remove` (query `trns`).
   * Needs a user.
   */
  deleteFolders(folderUuids: string | Iterable<string>, options: RequestOptions = {}): Promise<void> {
    return this.put("deleteFolders", "/v2/my-collection/playlists/folders/remove", options, {
      query: { trns: trnList("folderUuids", folderUuids, "folder") },
      user: true,
    });
  }

  /**
   * Creates a playlist. `PUT /v2/my-collection/playlists/folders/create-playlist` (query `name`, `description`,
   * `isPublic`, `folderId`). Needs a user.
   */
  createPlaylist(options: TidalCreatePlaylistOptions): Promise<DeepReadonly<CollectionEntry>> {
    const given = required(options, "playlists.createPlaylist");
    const path = "/v2/my-collection/playlists/folders/create-playlist";
    return this.put<CollectionEntry>("createPlaylist", path, given, {
      query: {
        name: nonBlankString("name", given.name),
        description: optionalText("description", given.description),
        isPublic: optionalBoolean("public", given.public),
        folderId: optionalFolder("folderUuid", given.folderUuid),
      },
      user: true,
      expect: "object",
    });
  }

  /**
   * Moves playlists into a folder. `PUT /v2/my-collection/playlists/folders/move` (query `trns`, `folderId`).
   * Needs a user.
   */
  movePlaylists(playlistUuids: string | Iterable<string>, options: MovePlaylistsOptions = {}): Promise<void> {
    return this.put("movePlaylists", "/v2/my-collection/playlists/folders/move", options, {
      query: {
        trns: trnList("playlistUuids", playlistUuids, "playlist"),
        folderId: optionalFolder("folderUuid", options.folderUuid),
      },
      user: true,
    });
  }

  /**
   * Makes a playlist public or private. `PUT /v2/playlists/{playlist_uuid}/set-public` or `…/set-private`.
   * Needs a user.
   */
  async setPlaylistVisibility(playlist: string, options: PlaylistVisibilityOptions): Promise<void> {
    const given = required(options, "playlists.setPlaylistVisibility");
    const uuid = playlistUuid("playlistUuid", playlist);
    const action = boolean("public", given.public) ? "set-public" : "set-private";
    await this.put("setPlaylistVisibility", `/v2/playlists/${uuid}/${action}`, given, { user: true });
    // The change gives the playlist a new ETag that this v2 answer does not carry.
    this.core.adapter.etags.forget(uuid);
  }

  /**
   * Renames a playlist and/or changes its description. `POST /v1/playlists/{playlist_uuid}` (form `title`,
   * `description`). Needs a user.
   */
  updatePlaylistDetails(playlist: string, options: TidalPlaylistDetailsOptions): Promise<void> {
    const given = required(options, "playlists.updatePlaylistDetails");
    const uuid = playlistUuid("playlistUuid", playlist);
    const title = optionalName("name", given.name);
    const description = optionalText("description", given.description);
    if (title === undefined && description === undefined) {
      throw new ValidationError("name", "updatePlaylistDetails() needs a name or a description to change.");
    }
    return this.post("updatePlaylistDetails", `/v1/playlists/${uuid}`, given, {
      form: { title, description },
      user: true,
      ack: EDIT_ANSWER,
    });
  }

  /** Deletes playlists. `PUT /v2/my-collection/playlists/folders/remove` (query `trns`). Needs a user. */
  deletePlaylists(playlistUuids: string | Iterable<string>, options: RequestOptions = {}): Promise<void> {
    return this.put("deletePlaylists", "/v2/my-collection/playlists/folders/remove", options, {
      query: { trns: trnList("playlistUuids", playlistUuids, "playlist") },
      user: true,
    });
  }

  /**
   * Appends items, an album's tracks or another playlist's items. `POST /v1/playlists/{playlist_uuid}/items`
   * (form `itemIds` | `fromAlbumId` | `fromPlaylistUuid`, `onDupes`) with `If-None-Match` (the playlist's ETag;
   * fetched with `GET /v1/playlists/{playlist_uuid}` when not known). Needs a user.
   * A stale ETag → `PreconditionFailedError`.
   */
  addPlaylistItems(playlist: string, options: AddPlaylistItemsOptions): Promise<void> {
    const given = required(options, "playlists.addPlaylistItems");
    const uuid = playlistUuid("playlistUuid", playlist);
    const sources = [given.itemIds, given.fromAlbumId, given.fromPlaylistUuid].filter(
      (value) => value !== undefined && value !== null,
    );
    if (sources.length !== 1) {
      throw new ValidationError(
        "itemIds",
        "addPlaylistItems() needs exactly one of itemIds, fromAlbumId and fromPlaylistUuid.",
      );
    }
    const form = {
      itemIds: given.itemIds == null ? undefined : catalogIds("itemIds", given.itemIds),
      fromAlbumId: given.fromAlbumId == null ? undefined : catalogId("fromAlbumId", given.fromAlbumId),
      fromPlaylistUuid:
        given.fromPlaylistUuid == null ? undefined : playlistUuid("fromPlaylistUuid", given.fromPlaylistUuid),
      onDupes:
        given.onDuplicate == null ? undefined : oneOf("onDuplicate", given.onDuplicate, DUPLICATE_MODES),
    };
    return this.post("addPlaylistItems", `/v1/playlists/${uuid}/items`, given, {
      form,
      user: true,
      etag: { playlist: uuid, countryCode: optionalCountry(given.countryCode) },
      ack: "object with lastUpdated, addedItemIds",
    });
  }

  /**
   * Moves items to another position. `POST /v1/playlists/{playlist_uuid}/items/{from_item_indices}?toIndex=…`
   * with `If-None-Match`. Needs a user. A stale ETag → `PreconditionFailedError`.
   */
  reorderPlaylistItems(playlist: string, options: ReorderPlaylistItemsOptions): Promise<void> {
    const given = required(options, "playlists.reorderPlaylistItems");
    const uuid = playlistUuid("playlistUuid", playlist);
    const from = itemIndices("fromItemIndices", given.fromItemIndices);
    return this.post("reorderPlaylistItems", `/v1/playlists/${uuid}/items/${from}`, given, {
      query: { toIndex: itemIndex("toIndex", given.toIndex) },
      user: true,
      etag: { playlist: uuid, countryCode: optionalCountry(given.countryCode) },
      ack: EDIT_ANSWER,
    });
  }

  /**
   * Replaces the item at a position. `POST /v1/playlists/{playlist_uuid}/items/{item_index}/replace` (form
   * `itemId`) with `If-None-Match`. Needs a user. A stale ETag → `PreconditionFailedError`.
   */
  replacePlaylistItem(playlist: string, options: ReplacePlaylistItemOptions): Promise<void> {
    const given = required(options, "playlists.replacePlaylistItem");
    const uuid = playlistUuid("playlistUuid", playlist);
    const index = itemIndex("itemIndex", given.itemIndex);
    return this.post("replacePlaylistItem", `/v1/playlists/${uuid}/items/${index}/replace`, given, {
      form: { itemId: catalogId("itemId", given.itemId) },
      user: true,
      etag: { playlist: uuid, countryCode: optionalCountry(given.countryCode) },
      ack: EDIT_ANSWER,
    });
  }

  /**
   * Removes the items at positions. `DELETE /v1/playlists/{playlist_uuid}/items/{item_indices}` with
   * `If-None-Match`. Needs a user. A stale ETag → `PreconditionFailedError`.
   */
  removePlaylistItems(playlist: string, options: RemovePlaylistItemsOptions): Promise<void> {
    const given = required(options, "playlists.removePlaylistItems");
    const uuid = playlistUuid("playlistUuid", playlist);
    const indices = itemIndices("itemIndices", given.itemIndices);
    return this.delete("removePlaylistItems", `/v1/playlists/${uuid}/items/${indices}`, given, {
      user: true,
      etag: { playlist: uuid, countryCode: optionalCountry(given.countryCode) },
      ack: EDIT_ANSWER,
    });
  }

  /**
   * Followed playlists; same as `users.getFollowedPlaylists`. `GET /v1/users/{user_id}/favorites/playlists`.
   * Needs a user. Cached "user".
   */
  getFollowedPlaylists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): OffsetPages<SavedItem<TidalPlaylist>> {
    return this.core.users.getFollowedPlaylists(userId, via(options, "playlists.getFollowedPlaylists"));
  }

  /**
   * Follows playlists; same as `users.followPlaylists`. `PUT /v2/my-collection/playlists/folders/add-favorites`
   * (or v1 `POST /v1/users/{user_id}/favorites/playlists`). Needs a user.
   */
  followPlaylists(
    playlistUuids: string | Iterable<string>,
    options: FollowPlaylistsOptions = {},
  ): Promise<void> {
    return this.core.users.followPlaylists(playlistUuids, via(options, "playlists.followPlaylists"));
  }

  /**
   * Unfollows playlists; same as `users.unfollowPlaylists`. `PUT /v2/my-collection/playlists/folders/remove`
   * (or v1 `DELETE /v1/users/{user_id}/favorites/playlists/{playlist_uuids}`). Needs a user.
   */
  unfollowPlaylists(
    playlistUuids: string | Iterable<string>,
    options: UnfollowPlaylistsOptions = {},
  ): Promise<void> {
    return this.core.users.unfollowPlaylists(playlistUuids, via(options, "playlists.unfollowPlaylists"));
  }

  /**
   * The account's playlists; same as `users.getMyPlaylists`. `GET /v2/my-collection/playlists`. Needs a user.
   * Cached "user".
   */
  getMyPlaylists(options: CollectionListOptions = {}): CursorPages<CollectionEntry> {
    return this.core.users.getMyPlaylists(via(options, "playlists.getMyPlaylists"));
  }

  /**
   * The entries of a folder; same as `users.getMyFolder`. `GET /v2/my-collection/playlists/folders`. Needs a
   * user. Cached "user".
   */
  getMyFolder(folderUuid?: string | null, options: CollectionListOptions = {}): CursorPages<CollectionEntry> {
    return this.core.users.getMyFolder(folderUuid, via(options, "playlists.getMyFolder"));
  }

  /**
   * Every folder and playlist, flattened; same as `users.getMyFoldersAndPlaylists`.
   * `GET /v2/my-collection/playlists/folders/flattened`. Needs a user. Cached "user".
   */
  getMyFoldersAndPlaylists(options: CollectionListOptions = {}): CursorPages<CollectionEntry> {
    return this.core.users.getMyFoldersAndPlaylists(via(options, "playlists.getMyFoldersAndPlaylists"));
  }

  /**
   * Playlists a user created and follows; same as `users.getUserPlaylists`.
   * `GET /v1/users/{user_id}/playlistsAndFavoritePlaylists`. Needs a user. Cached "user".
   */
  getUserPlaylists(userId?: TidalId | null, options: SortedPageOptions = {}): OffsetPages<UserPlaylistEntry> {
    return this.core.users.getUserPlaylists(userId, via(options, "playlists.getUserPlaylists"));
  }

  /**
   * Playlists a user created; same as `users.getUserCreatedPlaylists`. `GET /v1/users/{user_id}/playlists`.
   * Needs a user. Cached "user".
   */
  getUserCreatedPlaylists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): OffsetPages<UserPlaylistEntry> {
    return this.core.users.getUserCreatedPlaylists(userId, via(options, "playlists.getUserCreatedPlaylists"));
  }

  /**
   * A user's public playlists; same as `users.getUserPublicPlaylists`.
   * `GET /v2/user-playlists/{user_id}/public`. Needs a user. Cached "user".
   */
  getUserPublicPlaylists(
    userId?: TidalId | null,
    options: RelationshipOptions = {},
  ): CursorPages<UserPlaylist> {
    return this.core.users.getUserPublicPlaylists(userId, via(options, "playlists.getUserPublicPlaylists"));
  }
}
