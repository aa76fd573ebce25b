/**
 * The v2 my-collection playlist tree: listing it (whole, one folder, flattened) and creating folders and
 * playlists in it. See ../folder-tree.ts for the tree.
 */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, ok, requireUser } from "../context.js";
import type { CollectionEntrySeed, FolderSeed, PlaylistSeed } from "../data.js";
import {
  entryIncluded,
  folderEntryJson,
  includeOnly,
  lastModified,
  listTree,
  playlistEntryJson,
  targetFolder,
  touchFolder,
  treeEntries,
} from "../folder-tree.js";
import { booleanParam, nonBlank } from "../params.js";
import type { TidalService } from "../service.js";
import { newUuid } from "../util.js";

export function folderRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v2/my-collection/playlists", collectionPlaylists);
  r.add("GET", "/v2/my-collection/playlists/folders", folderContents);
  r.add("GET", "/v2/my-collection/playlists/folders/flattened", flattenedTree);
  r.add("PUT", "/v2/my-collection/playlists/folders/create-folder", createFolder);
  r.add("PUT", "/v2/my-collection/playlists/folders/create-playlist", createPlaylist);
}

/** Every playlist in the tree (`includeOnly` defaults to PLAYLIST), wherever it sits. */
const collectionPlaylists: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const filter = includeOnly(req) ?? ["PLAYLIST"];
  const entries = treeEntries(s, caller.user.id).filter((e) => entryIncluded(e, filter));
  return ok({ ...listTree(req, entries), lastModifiedAt: lastModified(s, caller.user.id) });
};

/** The direct children of `folderId` (default root). */
const folderContents: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const folder = targetFolder(s, req, caller.user.id);
  const filter = includeOnly(req);
  const entries = treeEntries(s, caller.user.id).filter(
    (e) => e.parent === folder && (filter === undefined || entryIncluded(e, filter)),
  );
  return ok({
    ...listTree(req, entries),
    lastModifiedAt: lastModified(s, caller.user.id),
    totalNumberOfItems: entries.length,
  });
};

const flattenedTree: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const filter = includeOnly(req);
  const entries = treeEntries(s, caller.user.id).filter(
    (e) => filter === undefined || entryIncluded(e, filter),
  );
  return ok({ ...listTree(req, entries), lastModifiedAt: lastModified(s, caller.user.id) });
};

const createFolder: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const name = nonBlank(req, "name");
  const parent = targetFolder(s, req, caller.user.id);
  const now = s.now();
  const folder: FolderSeed = {
    id: newUuid(),
    ownerId: caller.user.id,
    name,
    parent,
    created: now,
    lastModified: now,
  };
  s.state.folders.set(folder.id, folder);
  touchFolder(s, parent);
  return ok(folderEntryJson(s, folder));
};

/** A new private (unless `isPublic=true`) playlist of the caller, placed in `folderId`. */
const createPlaylist: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const name = nonBlank(req, "name");
  const description = req.query.get("description") ?? "";
  const isPublic = booleanParam(req.query.get("isPublic"), "isPublic") ?? false;
  const parent = targetFolder(s, req, caller.user.id);
  const now = s.now();
  const playlist: PlaylistSeed = {
    uuid: newUuid(),
    title: name,
    description: description.trim(),
    ownerId: caller.user.id,
    type: "USER",
    isPublic,
    created: now,
    lastUpdated: now,
    image: newUuid(),
    squareImage: newUuid(),
    popularity: 0,
    items: [],
    version: 1,
  };
  s.state.playlists.set(playlist.uuid, playlist);
  s.state.registerPlaylistArtwork(playlist);
  const entry: CollectionEntrySeed = { uuid: playlist.uuid, parent, added: now };
  s.state.collection(caller.user.id).ownPlaylists.push(entry);
  touchFolder(s, parent);
  return ok(playlistEntryJson(s, entry, playlist));
};
