/**
 * Editing the v2 my-collection playlist tree by TRN (`trn:folder:…`, `trn:playlist:…`): moving and removing
 * entries, and following playlists into a folder. See ../folder-tree.ts for the tree.
 */
import type { EmulatorRequest, RoleRouter } from "../../types.js";
import type { ApiHandler, UserCaller } from "../context.js";
import { apiRoutes, noContent, requireUser } from "../context.js";
import type { CollectionSeed, FolderSeed } from "../data.js";
import { invalidParameter, missingParameter, notFound } from "../errors.js";
import { parseTrns, targetFolder, touchFolder } from "../folder-tree.js";
import { followPlaylists } from "../playlist-access.js";
import type { TidalService } from "../service.js";
import { splitList } from "../util.js";

export function folderEditRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("PUT", "/v2/my-collection/playlists/folders/move", moveEntries);
  r.add("PUT", "/v2/my-collection/playlists/folders/remove", removeEntries);
  r.add("PUT", "/v2/my-collection/playlists/folders/add-favorites", addFavouritesToFolder);
}

/** Every TRN is checked before anything moves; a folder cannot move into itself or below itself. */
const moveEntries: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const trns = parseTrns(req);
  const destination = targetFolder(s, req, caller.user.id);
  const collection = s.state.collection(caller.user.id);
  const moves: (() => void)[] = [];
  for (const trn of trns) {
    if (trn.startsWith("trn:folder:")) {
      const folder = ownFolder(s, caller, trn);
      if (destination !== "root" && s.state.isFolderWithin(destination, folder.id)) {
        throw invalidParameter("folderId", "a folder cannot be moved into itself");
      }
      moves.push(() => {
        folder.parent = destination;
      });
    } else if (trn.startsWith("trn:playlist:")) {
      const uuid = trn.slice("trn:playlist:".length);
      const entry =
        collection.ownPlaylists.find((e) => e.uuid === uuid) ??
        collection.playlists.find((e) => e.uuid === uuid);
      if (!entry) throw notFound("Playlist");
      moves.push(() => {
        entry.parent = destination;
      });
    } else {
      throw invalidParameter("trns", trn);
    }
  }
  for (const move of moves) move();
  touchFolder(s, destination);
  return noContent();
};

function ownFolder(s: TidalService, caller: UserCaller, trn: string): FolderSeed {
  const folder = s.state.folders.get(trn.slice("trn:folder:".length));
  if (!folder || folder.ownerId !== caller.user.id) throw notFound("Folder");
  return folder;
}

/**
 * A folder goes with everything inside it: sub-folders, the user's own playlists (deleted) and followed
 * playlists (unfollowed).
 */
const removeEntries: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const trns = parseTrns(req);
  const collection = s.state.collection(caller.user.id);
  const { folders, playlists } = removalTargets(s, caller, collection, trns);
  for (const folder of folders) {
    const doomedIds = new Set(
      s.state
        .userFolders(caller.user.id)
        .filter((f) => s.state.isFolderWithin(f.id, folder.id))
        .map((f) => f.id),
    );
    for (const entry of collection.ownPlaylists.filter((e) => doomedIds.has(e.parent)))
      playlists.push(entry.uuid);
    for (const entry of collection.playlists.filter((e) => doomedIds.has(e.parent)))
      playlists.push(entry.uuid);
    for (const id of doomedIds) s.state.folders.delete(id);
  }
  for (const uuid of playlists) {
    if (collection.ownPlaylists.some((e) => e.uuid === uuid)) s.state.deletePlaylist(uuid);
    else collection.playlists = collection.playlists.filter((e) => e.uuid !== uuid);
  }
  return noContent();
};

/** The folders and playlist UUIDs the TRNs name; every one must be in the caller's tree. */
function removalTargets(
  s: TidalService,
  caller: UserCaller,
  collection: CollectionSeed,
  trns: string[],
): { folders: FolderSeed[]; playlists: string[] } {
  const folders: FolderSeed[] = [];
  const playlists: string[] = [];
  for (const trn of trns) {
    if (trn.startsWith("trn:folder:")) {
      folders.push(ownFolder(s, caller, trn));
    } else if (trn.startsWith("trn:playlist:")) {
      const uuid = trn.slice("trn:playlist:".length);
      const known =
        collection.ownPlaylists.some((e) => e.uuid === uuid) ||
        collection.playlists.some((e) => e.uuid === uuid);
      if (!known) throw notFound("Playlist");
      playlists.push(uuid);
    } else {
      throw invalidParameter("trns", trn);
    }
  }
  return { folders, playlists };
}

const addFavouritesToFolder: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const uuids = uuidsParam(req);
  const destination = targetFolder(s, req, caller.user.id);
  followPlaylists(s, caller, uuids, destination);
  touchFolder(s, destination);
  return noContent();
};

function uuidsParam(req: EmulatorRequest): string[] {
  const uuids = splitList(req.query.get("uuids")).map((u) => u.toLowerCase());
  if (uuids.length === 0) throw missingParameter("uuids");
  return uuids;
}
