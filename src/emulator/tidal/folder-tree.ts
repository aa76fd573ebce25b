/**
 * The v2 my-collection folder tree of one user: folders, the user's own playlists and followed playlists, each
 * with a parent (`root` or a folder ID) and a `trn:folder:…`/`trn:playlist:…` name, listed with `includeOnly`,
 * `order`/`orderDirection` and cursor paging.
 */
import type { EmulatorRequest } from "../types.js";
import type { CollectionEntrySeed, FolderSeed, PlaylistSeed } from "./data.js";
import { invalidParameter, missingParameter, notFound } from "./errors.js";
import type { Json } from "./format.js";
import { cursorPage, cursorSlice, ordering, sortBy } from "./paging.js";
import type { TidalService } from "./service.js";
import { splitList, v2DateTime } from "./util.js";

const PLAYLIST_TYPES = ["FOLDER", "PLAYLIST", "FAVORITE_PLAYLIST", "USER_PLAYLIST"];

export interface TreeEntry {
  trn: string;
  kind: "FOLDER" | "USER_PLAYLIST" | "FAVORITE_PLAYLIST";
  parent: string;
  added: number;
  name: string;
  json: () => Json;
}

function folderTrn(id: string): string {
  return `trn:folder:${id}`;
}

function parentJson(svc: TidalService, parent: string): Json {
  if (parent === "root") return { id: "root", name: "" };
  return { id: parent, name: svc.state.folders.get(parent)?.name ?? "" };
}

export function folderEntryJson(svc: TidalService, folder: FolderSeed): Json {
  const children = treeEntries(svc, folder.ownerId).filter((e) => e.parent === folder.id).length;
  const trn = folderTrn(folder.id);
  return {
    trn,
    itemType: "FOLDER",
    addedAt: v2DateTime(folder.created),
    lastModifiedAt: v2DateTime(folder.lastModified),
    name: folder.name,
    parent: parentJson(svc, folder.parent),
    data: {
      trn,
      itemType: "FOLDER",
      id: folder.id,
      name: folder.name,
      createdAt: v2DateTime(folder.created),
      lastModifiedAt: v2DateTime(folder.lastModified),
      totalNumberOfItems: children,
    },
  };
}

export function playlistEntryJson(
  svc: TidalService,
  entry: CollectionEntrySeed,
  playlist: PlaylistSeed,
): Json {
  return {
    trn: `trn:playlist:${playlist.uuid}`,
    itemType: "PLAYLIST",
    addedAt: v2DateTime(entry.added),
    lastModifiedAt: v2DateTime(playlist.lastUpdated),
    name: playlist.title,
    parent: parentJson(svc, entry.parent),
    data: { ...svc.fmt.playlistV2(playlist), itemType: "PLAYLIST" },
  };
}

export function treeEntries(svc: TidalService, userId: number): TreeEntry[] {
  const collection = svc.state.collection(userId);
  const entries: TreeEntry[] = [];
  for (const folder of svc.state.userFolders(userId)) {
    entries.push({
      trn: folderTrn(folder.id),
      kind: "FOLDER",
      parent: folder.parent,
      added: folder.created,
      name: folder.name,
      json: () => folderEntryJson(svc, folder),
    });
  }
  const add = (list: CollectionEntrySeed[], kind: TreeEntry["kind"]): void => {
    for (const entry of list) {
      const playlist = svc.state.playlists.get(entry.uuid);
      if (!playlist) continue;
      entries.push({
        trn: `trn:playlist:${playlist.uuid}`,
        kind,
        parent: entry.parent,
        added: entry.added,
        name: playlist.title,
        json: () => playlistEntryJson(svc, entry, playlist),
      });
    }
  };
  add(collection.ownPlaylists, "USER_PLAYLIST");
  add(collection.playlists, "FAVORITE_PLAYLIST");
  return entries;
}

/** The `includeOnly` filter (repeated or comma-separated), `undefined` when absent. */
export function includeOnly(req: EmulatorRequest): string[] | undefined {
  const values = req.query.getAll("includeOnly").flatMap((v) => splitList(v));
  if (values.length === 0) return undefined;
  for (const value of values)
    if (!PLAYLIST_TYPES.includes(value)) throw invalidParameter("includeOnly", value);
  return values;
}

/** `PLAYLIST` takes both the user's own and followed playlists. */
export function entryIncluded(entry: TreeEntry, filter: string[]): boolean {
  if (entry.kind === "FOLDER") return filter.includes("FOLDER");
  if (filter.includes("PLAYLIST")) return true;
  return filter.includes(entry.kind);
}

/** When anything in the user's tree last changed. */
export function lastModified(svc: TidalService, userId: number): string {
  let latest = 0;
  for (const entry of treeEntries(svc, userId)) latest = Math.max(latest, entry.added);
  for (const folder of svc.state.userFolders(userId)) latest = Math.max(latest, folder.lastModified);
  for (const entry of svc.state.collection(userId).ownPlaylists) {
    latest = Math.max(latest, svc.state.playlists.get(entry.uuid)?.lastUpdated ?? 0);
  }
  return v2DateTime(latest);
}

export function listTree(
  req: EmulatorRequest,
  entries: TreeEntry[],
): { items: Json[]; cursor: string | null } {
  const { order, descending } = ordering(req);
  const page = cursorPage(req);
  const sorted = sortBy(entries, (e) => (order === "NAME" ? e.name.toLowerCase() : e.added), descending);
  const { items, cursor } = cursorSlice(sorted, page);
  return { items: items.map((e) => e.json()), cursor };
}

/** `folderId`: `root` or one of the caller's folders. */
export function targetFolder(svc: TidalService, req: EmulatorRequest, userId: number): string {
  const raw = req.query.get("folderId");
  if (raw === null || raw === "" || raw === "root") return "root";
  const folder = svc.state.folders.get(raw.toLowerCase());
  if (!folder || folder.ownerId !== userId) throw notFound("Folder");
  return folder.id;
}

/** Marks a folder changed (a no-op for `root`). */
export function touchFolder(svc: TidalService, folderId: string): void {
  const folder = svc.state.folders.get(folderId);
  if (folder) folder.lastModified = svc.now();
}

/** The `trns` of a move or removal, lower-cased. */
export function parseTrns(req: EmulatorRequest): string[] {
  const trns = splitList(req.query.get("trns"));
  if (trns.length === 0) throw missingParameter("trns");
  return trns.map((t) => t.toLowerCase());
}
