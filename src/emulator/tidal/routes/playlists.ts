/**
 * Playlist routes: v1 playlists with ETag preconditions on item edits (spec §2.13), v2 user playlists, the v2
 * my-collection folder tree, and the v1 per-user playlist lists and playlist favourites.
 *
 * ETags: `GET /v1/playlists/{uuid}` and its items list send `ETag: "<lastUpdated ms>"`. The four item edits
 * (add, reorder, replace, remove) must send `If-None-Match` with the current ETag, quoted or not (minim strips the
 * quotes, §5); a missing or stale one is answered 412 and nothing changes. Every edit, including
 * `update_playlist_details` and visibility changes, produces a new ETag.
 */
import type { EmulatorReply, EmulatorRequest, RoleRouter } from "../../types.js";
import type { CollectionEntrySeed, FolderSeed, PlaylistItemSeed, PlaylistSeed, UserSeed } from "../data.js";
import {
  TIDAL_SUB_STATUS,
  TidalFailure,
  apiFailure,
  invalidParameter,
  missingParameter,
  notFound,
} from "../errors.js";
import type { Json } from "../format.js";
import { displayName } from "../format.js";
import {
  addRoute,
  country,
  cursorPage,
  cursorSlice,
  noContent,
  offsetEnvelope,
  offsetPage,
  ok,
  ordering,
  pathUser,
  requireUser,
  resolveCaller,
  sortBy,
} from "../context.js";
import type { Caller, UserCaller } from "../context.js";
import type { TidalService } from "../service.js";
import { isDecimal, isUuid, newUuid, splitList, v1DateTime, v2DateTime } from "../util.js";

type ApiHandler = Parameters<typeof addRoute>[5];

const PLAYLIST_TYPES = ["FOLDER", "PLAYLIST", "FAVORITE_PLAYLIST", "USER_PLAYLIST"];

function findPlaylist(svc: TidalService, uuid: string | undefined): PlaylistSeed {
  const playlist = uuid === undefined ? undefined : svc.state.playlists.get(uuid.toLowerCase());
  if (!playlist) throw notFound("Playlist");
  return playlist;
}

function callerId(caller: Caller): number | undefined {
  return caller.kind === "user" ? caller.user.id : undefined;
}

/** Private playlists are visible to their owner only. */
function assertVisible(playlist: PlaylistSeed, caller: Caller): void {
  if (playlist.isPublic || playlist.ownerId === callerId(caller)) return;
  throw apiFailure(403, TIDAL_SUB_STATUS.forbidden, "This playlist is private");
}

function assertOwner(playlist: PlaylistSeed, caller: UserCaller): void {
  if (playlist.ownerId !== caller.user.id) {
    throw apiFailure(403, TIDAL_SUB_STATUS.forbidden, "Only the playlist's creator can change it");
  }
}

function etagHeaders(svc: TidalService, playlist: PlaylistSeed): Record<string, string> {
  return { etag: svc.state.playlistEtag(playlist) };
}

/**
 * Accepts the current ETag quoted (RFC 9110) or with its quotes removed (what minim sends); anything else,
 * including `*` and a missing header, fails the precondition.
 */
function checkPrecondition(svc: TidalService, req: EmulatorRequest, playlist: PlaylistSeed): void {
  const header = req.headers["if-none-match"];
  const current = svc.state.playlistEtag(playlist);
  const given = header === undefined ? undefined : header.trim().replace(/^W\//, "").replace(/"/g, "");
  if (given === undefined || given !== current.replace(/"/g, "")) {
    throw new TidalFailure({
      status: 412,
      headers: { etag: current },
      json: {
        status: 412,
        subStatus: TIDAL_SUB_STATUS.playlistModified,
        userMessage:
          "The playlist has been modified since it was last fetched (If-None-Match does not match the ETag)",
      },
    });
  }
}

function editAnswer(svc: TidalService, playlist: PlaylistSeed, extra: Json = {}): EmulatorReply {
  return ok({ lastUpdated: playlist.lastUpdated, ...extra }, etagHeaders(svc, playlist));
}

function playlistItemJson(
  svc: TidalService,
  item: PlaylistItemSeed,
  index: number,
  cc: string,
): Json | undefined {
  const extra = { dateAdded: v1DateTime(item.added), index: index * 1000 + 1000, itemUuid: item.itemUuid };
  if (item.type === "track") {
    const track = svc.state.tracks.get(item.id);
    if (!track) return undefined;
    const available = svc.state.trackAvailable(track, cc);
    const json = svc.fmt.track(track, { albumReleaseDate: true });
    return {
      item: { ...json, ...extra, description: null, allowStreaming: available, streamReady: available },
      type: "track",
      cut: null,
    };
  }
  const video = svc.state.videos.get(item.id);
  if (!video) return undefined;
  const available = svc.state.videoAvailable(video, cc);
  return {
    item: { ...svc.fmt.video(video), ...extra, allowStreaming: available, streamReady: available },
    type: "video",
    cut: null,
  };
}

/** Parses `0,2,5` into distinct in-range indices. */
function parseIndices(raw: string | undefined, length: number): number[] {
  const pieces = splitList(raw);
  if (pieces.length === 0) throw missingParameter("item indices");
  const indices = pieces.map((p) => {
    if (!isDecimal(p)) throw invalidParameter("item index", p);
    const n = Number(p);
    if (n >= length) throw invalidParameter("item index", `${n} is out of range`);
    return n;
  });
  if (new Set(indices).size !== indices.length) throw invalidParameter("item indices", "duplicates");
  return indices;
}

function resolveItem(svc: TidalService, id: string): { type: "track" | "video"; id: number } | undefined {
  if (!isDecimal(id)) return undefined;
  const n = Number(id);
  if (svc.state.tracks.has(n)) return { type: "track", id: n };
  if (svc.state.videos.has(n)) return { type: "video", id: n };
  return undefined;
}

function newItem(svc: TidalService, type: "track" | "video", id: number): PlaylistItemSeed {
  return { type, id, itemUuid: newUuid(), added: svc.now() };
}

function profileJson(user: UserSeed | undefined, ownerId: number): Json {
  return { userId: ownerId, name: user ? displayName(user) : "TIDAL", color: ["#7DB9E8"] };
}

function followers(svc: TidalService, playlist: PlaylistSeed): number {
  let count = 0;
  for (const collection of svc.state.collections.values()) {
    if (collection.playlists.some((e) => e.uuid === playlist.uuid)) count++;
  }
  return count;
}

function userPlaylistJson(svc: TidalService, playlist: PlaylistSeed, viewer: number | undefined): Json {
  const followed =
    viewer !== undefined && svc.state.collection(viewer).playlists.some((e) => e.uuid === playlist.uuid);
  return {
    playlist: svc.fmt.playlistV2(playlist),
    followInfo: {
      nrOfFollowers: followers(svc, playlist),
      tidalResourceName: `trn:playlist:${playlist.uuid}`,
      followed,
      followType: "PLAYLIST",
    },
    profile: profileJson(svc.state.users.get(playlist.ownerId), playlist.ownerId),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// v2 my-collection folder tree.

interface TreeEntry {
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

function folderEntryJson(svc: TidalService, folder: FolderSeed): Json {
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

function playlistEntryJson(svc: TidalService, entry: CollectionEntrySeed, playlist: PlaylistSeed): Json {
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

function treeEntries(svc: TidalService, userId: number): TreeEntry[] {
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

function includeOnly(req: EmulatorRequest): string[] | undefined {
  const values = req.query.getAll("includeOnly").flatMap((v) => splitList(v));
  if (values.length === 0) return undefined;
  for (const value of values)
    if (!PLAYLIST_TYPES.includes(value)) throw invalidParameter("includeOnly", value);
  return values;
}

function entryIncluded(entry: TreeEntry, filter: string[]): boolean {
  if (entry.kind === "FOLDER") return filter.includes("FOLDER");
  if (filter.includes("PLAYLIST")) return true;
  return filter.includes(entry.kind);
}

function lastModified(svc: TidalService, userId: number): string {
  let latest = 0;
  for (const entry of treeEntries(svc, userId)) latest = Math.max(latest, entry.added);
  for (const folder of svc.state.userFolders(userId)) latest = Math.max(latest, folder.lastModified);
  for (const entry of svc.state.collection(userId).ownPlaylists) {
    latest = Math.max(latest, svc.state.playlists.get(entry.uuid)?.lastUpdated ?? 0);
  }
  return v2DateTime(latest);
}

function listTree(req: EmulatorRequest, entries: TreeEntry[]): { items: Json[]; cursor: string | null } {
  const { order, descending } = ordering(req);
  const page = cursorPage(req);
  const sorted = sortBy(entries, (e) => (order === "NAME" ? e.name.toLowerCase() : e.added), descending);
  const { items, cursor } = cursorSlice(sorted, page);
  return { items: items.map((e) => e.json()), cursor };
}

/** `folderId`: `root` or one of the caller's folders. */
function targetFolder(svc: TidalService, req: EmulatorRequest, userId: number): string {
  const raw = req.query.get("folderId");
  if (raw === null || raw === "" || raw === "root") return "root";
  const folder = svc.state.folders.get(raw.toLowerCase());
  if (!folder || folder.ownerId !== userId) throw notFound("Folder");
  return folder.id;
}

function touchFolder(svc: TidalService, folderId: string): void {
  const folder = svc.state.folders.get(folderId);
  if (folder) folder.lastModified = svc.now();
}

function parseTrns(req: EmulatorRequest): string[] {
  const trns = splitList(req.query.get("trns"));
  if (trns.length === 0) throw missingParameter("trns");
  return trns.map((t) => t.toLowerCase());
}

function nonBlank(req: EmulatorRequest, name: string): string {
  const value = req.query.get(name);
  if (value === null || value.trim() === "") throw missingParameter(name);
  return value.trim();
}

function booleanParam(value: string | null, name: string): boolean | undefined {
  if (value === null || value === "") return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalidParameter(name, value);
}

// ---------------------------------------------------------------------------------------------------------------

export function installPlaylistRoutes(router: RoleRouter, svc: () => TidalService): void {
  const route = (method: string, pattern: string, handler: ApiHandler): void =>
    addRoute(router, svc, "tidalApi", method, pattern, handler);

  route("GET", "/v1/playlists/:uuid", (req, s) => {
    const caller = resolveCaller(s, req);
    country(req);
    const playlist = findPlaylist(s, req.params["uuid"]);
    assertVisible(playlist, caller);
    return ok(s.fmt.playlist(playlist), etagHeaders(s, playlist));
  });

  route("GET", "/v1/playlists/:uuid/items", (req, s) => {
    const caller = resolveCaller(s, req);
    const cc = country(req);
    const playlist = findPlaylist(s, req.params["uuid"]);
    assertVisible(playlist, caller);
    // Unavailable items stay in the list (marked not streamable): item edits address items by index.
    const items = playlist.items
      .map((item, index) => playlistItemJson(s, item, index, cc))
      .filter((j): j is Json => j !== undefined);
    return ok(offsetEnvelope(items, offsetPage(req)), etagHeaders(s, playlist));
  });

  route("GET", "/v1/playlists/:uuid/recommendations/items", (req, s) => {
    const caller = requireUser(s, req);
    const cc = country(req);
    const playlist = findPlaylist(s, req.params["uuid"]);
    assertVisible(playlist, caller);
    const inPlaylist = new Set(playlist.items.filter((i) => i.type === "track").map((i) => i.id));
    const artists = new Set<number>();
    for (const id of inPlaylist) {
      const main = s.state.tracks.get(id)?.artists[0];
      if (main) artists.add(main.id);
    }
    const recommended = [...s.state.tracks.values()]
      .filter(
        (t) => !inPlaylist.has(t.id) && artists.has(t.artists[0]?.id ?? -1) && s.state.trackAvailable(t, cc),
      )
      .sort((a, b) => b.popularity - a.popularity)
      .map((t) => ({
        item: { ...s.fmt.track(t, { albumReleaseDate: true }), description: null },
        type: "track",
      }));
    return ok(offsetEnvelope(recommended, offsetPage(req)));
  });

  route("POST", "/v1/playlists/:uuid", (req, s) => {
    const caller = requireUser(s, req);
    const playlist = findPlaylist(s, req.params["uuid"]);
    assertOwner(playlist, caller);
    const title = req.form.get("title");
    const description = req.form.get("description");
    if (title === null && description === null) throw missingParameter("title or description");
    if (title !== null && title.trim() === "") throw invalidParameter("title", "must not be blank");
    if (title !== null) playlist.title = title.trim();
    if (description !== null) playlist.description = description;
    s.state.touchPlaylist(playlist, s.now());
    return editAnswer(s, playlist);
  });

  route("POST", "/v1/playlists/:uuid/items", (req, s) => {
    const caller = requireUser(s, req);
    const playlist = findPlaylist(s, req.params["uuid"]);
    assertOwner(playlist, caller);
    checkPrecondition(s, req, playlist);
    const itemIds = req.form.get("itemIds") ?? req.form.get("trackIds");
    const fromAlbum = req.form.get("fromAlbumId");
    const fromPlaylist = req.form.get("fromPlaylistUuid");
    const sources = [itemIds, fromAlbum, fromPlaylist].filter((v) => v !== null && v !== "");
    if (sources.length !== 1)
      throw invalidParameter("items", "send exactly one of itemIds, fromAlbumId, fromPlaylistUuid");
    const onDupes = req.form.get("onDupes") ?? "ADD";
    if (!["ADD", "FAIL", "SKIP"].includes(onDupes)) throw invalidParameter("onDupes", onDupes);
    const onMissing = (req.form.get("onArtifactNotFound") ?? "FAIL").toUpperCase();
    if (onMissing !== "FAIL" && onMissing !== "SKIP") throw invalidParameter("onArtifactNotFound", onMissing);
    const toIndexRaw = req.form.get("toIndex") ?? req.query.get("toIndex");
    let toIndex = playlist.items.length;
    if (toIndexRaw !== null && toIndexRaw !== "") {
      if (!isDecimal(toIndexRaw) || Number(toIndexRaw) > playlist.items.length) {
        throw invalidParameter("toIndex", toIndexRaw);
      }
      toIndex = Number(toIndexRaw);
    }

    let candidates: { type: "track" | "video"; id: number }[] = [];
    if (itemIds !== null && itemIds !== "") {
      for (const id of splitList(itemIds)) {
        const found = resolveItem(s, id);
        if (found) candidates.push(found);
        else if (onMissing === "FAIL") throw notFound(`Item ${id}`);
      }
    } else if (fromAlbum !== null && fromAlbum !== "") {
      const album = isDecimal(fromAlbum) ? s.state.albums.get(Number(fromAlbum)) : undefined;
      if (!album) throw notFound("Album");
      candidates = s.state
        .albumTracks(album.id)
        .filter((t) => s.state.trackAvailable(t, caller.user.countryCode))
        .map((t) => ({ type: "track" as const, id: t.id }));
    } else if (fromPlaylist !== null) {
      const source = findPlaylist(s, fromPlaylist);
      assertVisible(source, caller);
      candidates = source.items.map((i) => ({ type: i.type, id: i.id }));
    }

    const present = new Set(playlist.items.map((i) => `${i.type}:${i.id}`));
    const fresh: typeof candidates = [];
    for (const c of candidates) {
      const key = `${c.type}:${c.id}`;
      if (present.has(key)) {
        if (onDupes === "FAIL") {
          throw apiFailure(409, TIDAL_SUB_STATUS.duplicateItems, `Item ${c.id} is already in the playlist`);
        }
        if (onDupes === "SKIP") continue;
      }
      present.add(key);
      fresh.push(c);
    }
    const added = fresh.map((c) => newItem(s, c.type, c.id));
    playlist.items.splice(toIndex, 0, ...added);
    s.state.touchPlaylist(playlist, s.now());
    return editAnswer(s, playlist, { addedItemIds: added.map((i) => i.id) });
  });

  route("POST", "/v1/playlists/:uuid/items/:indices", (req, s) => {
    const caller = requireUser(s, req);
    const playlist = findPlaylist(s, req.params["uuid"]);
    assertOwner(playlist, caller);
    checkPrecondition(s, req, playlist);
    const indices = parseIndices(req.params["indices"], playlist.items.length);
    // minim sends toIndex in the query, python-tidal in the form body (spec §5); both are accepted.
    const raw = req.query.get("toIndex") ?? req.form.get("toIndex");
    if (raw === null || raw === "") throw missingParameter("toIndex");
    if (!isDecimal(raw) || Number(raw) > playlist.items.length) throw invalidParameter("toIndex", raw);
    const toIndex = Number(raw);
    const moving = indices
      .slice()
      .sort((a, b) => a - b)
      .map((i) => playlist.items[i] as PlaylistItemSeed);
    const selected = new Set(indices);
    const remaining = playlist.items.filter((_, i) => !selected.has(i));
    // toIndex counts positions in the list as it was before the move.
    const insertAt = playlist.items.slice(0, toIndex).filter((_, i) => !selected.has(i)).length;
    remaining.splice(insertAt, 0, ...moving);
    playlist.items = remaining;
    s.state.touchPlaylist(playlist, s.now());
    return editAnswer(s, playlist);
  });

  route("POST", "/v1/playlists/:uuid/items/:index/replace", (req, s) => {
    const caller = requireUser(s, req);
    const playlist = findPlaylist(s, req.params["uuid"]);
    assertOwner(playlist, caller);
    checkPrecondition(s, req, playlist);
    const [index] = parseIndices(req.params["index"], playlist.items.length);
    const itemId = req.form.get("itemId");
    if (itemId === null || itemId === "") throw missingParameter("itemId");
    const found = resolveItem(s, itemId);
    if (!found) throw notFound(`Item ${itemId}`);
    playlist.items[index as number] = newItem(s, found.type, found.id);
    s.state.touchPlaylist(playlist, s.now());
    return editAnswer(s, playlist);
  });

  route("DELETE", "/v1/playlists/:uuid/items/:indices", (req, s) => {
    const caller = requireUser(s, req);
    const playlist = findPlaylist(s, req.params["uuid"]);
    assertOwner(playlist, caller);
    checkPrecondition(s, req, playlist);
    const selected = new Set(parseIndices(req.params["indices"], playlist.items.length));
    playlist.items = playlist.items.filter((_, i) => !selected.has(i));
    s.state.touchPlaylist(playlist, s.now());
    return editAnswer(s, playlist);
  });

  // v2 playlists.
  route("GET", "/v2/user-playlists/:uuid", (req, s) => {
    const caller = requireUser(s, req);
    const playlist = findPlaylist(s, req.params["uuid"]);
    assertVisible(playlist, caller);
    return ok(userPlaylistJson(s, playlist, caller.user.id), etagHeaders(s, playlist));
  });

  route("GET", "/v2/user-playlists/:userId/public", (req, s) => {
    const caller = requireUser(s, req);
    const user = pathUser(s, req, caller, { privateData: false });
    const page = cursorPage(req);
    const own = s.state
      .collection(user.id)
      .ownPlaylists.map((e) => s.state.playlists.get(e.uuid))
      .filter((p): p is PlaylistSeed => p !== undefined && p.isPublic)
      .sort((a, b) => a.created - b.created);
    const { items, cursor } = cursorSlice(own, page);
    return ok({ items: items.map((p) => userPlaylistJson(s, p, caller.user.id)), cursor });
  });

  for (const [suffix, isPublic] of [
    ["set-public", true],
    ["set-private", false],
  ] as const) {
    route("PUT", `/v2/playlists/:uuid/${suffix}`, (req, s) => {
      const caller = requireUser(s, req);
      const playlist = findPlaylist(s, req.params["uuid"]);
      assertOwner(playlist, caller);
      if (playlist.isPublic !== isPublic) {
        playlist.isPublic = isPublic;
        s.state.touchPlaylist(playlist, s.now());
      }
      return noContent();
    });
  }

  // v2 my-collection.
  route("GET", "/v2/my-collection/playlists", (req, s) => {
    const caller = requireUser(s, req);
    const filter = includeOnly(req) ?? ["PLAYLIST"];
    const entries = treeEntries(s, caller.user.id).filter((e) => entryIncluded(e, filter));
    return ok({ ...listTree(req, entries), lastModifiedAt: lastModified(s, caller.user.id) });
  });

  route("GET", "/v2/my-collection/playlists/folders", (req, s) => {
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
  });

  route("GET", "/v2/my-collection/playlists/folders/flattened", (req, s) => {
    const caller = requireUser(s, req);
    const filter = includeOnly(req);
    const entries = treeEntries(s, caller.user.id).filter(
      (e) => filter === undefined || entryIncluded(e, filter),
    );
    return ok({ ...listTree(req, entries), lastModifiedAt: lastModified(s, caller.user.id) });
  });

  route("PUT", "/v2/my-collection/playlists/folders/create-folder", (req, s) => {
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
  });

  route("PUT", "/v2/my-collection/playlists/folders/create-playlist", (req, s) => {
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
  });

  route("PUT", "/v2/my-collection/playlists/folders/move", (req, s) => {
    const caller = requireUser(s, req);
    const trns = parseTrns(req);
    const destination = targetFolder(s, req, caller.user.id);
    const collection = s.state.collection(caller.user.id);
    const moves: (() => void)[] = [];
    for (const trn of trns) {
      if (trn.startsWith("trn:folder:")) {
        const folder = s.state.folders.get(trn.slice("trn:folder:".length));
        if (!folder || folder.ownerId !== caller.user.id) throw notFound("Folder");
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
  });

  route("PUT", "/v2/my-collection/playlists/folders/remove", (req, s) => {
    const caller = requireUser(s, req);
    const trns = parseTrns(req);
    const collection = s.state.collection(caller.user.id);
    const folders: FolderSeed[] = [];
    const playlists: string[] = [];
    for (const trn of trns) {
      if (trn.startsWith("trn:folder:")) {
        const folder = s.state.folders.get(trn.slice("trn:folder:".length));
        if (!folder || folder.ownerId !== caller.user.id) throw notFound("Folder");
        folders.push(folder);
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
    // A folder goes with everything inside it: sub-folders, the user's own playlists, followed playlists.
    for (const folder of folders) {
      const doomed = s.state
        .userFolders(caller.user.id)
        .filter((f) => s.state.isFolderWithin(f.id, folder.id));
      const doomedIds = new Set(doomed.map((f) => f.id));
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
  });

  route("PUT", "/v2/my-collection/playlists/folders/add-favorites", (req, s) => {
    const caller = requireUser(s, req);
    const uuids = splitList(req.query.get("uuids")).map((u) => u.toLowerCase());
    if (uuids.length === 0) throw missingParameter("uuids");
    const destination = targetFolder(s, req, caller.user.id);
    followPlaylists(s, caller, uuids, destination);
    touchFolder(s, destination);
    return noContent();
  });

  // v1 playlist lists of a user.
  route("GET", "/v1/users/:userId/playlists", (req, s) => {
    const caller = requireUser(s, req);
    country(req);
    const user = pathUser(s, req, caller, { privateData: false });
    const own = ownPlaylistsOf(s, user.id, caller.user.id === user.id);
    const items = own.map(({ entry, playlist }) => ({
      created: v1DateTime(entry.added),
      playlist: s.fmt.playlist(playlist, true),
      type: "USER_CREATED",
    }));
    return ok(offsetEnvelope(sortedByPlaylist(req, items), offsetPage(req)));
  });

  route("GET", "/v1/users/:userId/playlistsAndFavoritePlaylists", (req, s) => {
    const caller = requireUser(s, req);
    country(req);
    const user = pathUser(s, req, caller, { privateData: false });
    const self = caller.user.id === user.id;
    const own = ownPlaylistsOf(s, user.id, self).map(({ entry, playlist }) => ({
      created: v1DateTime(entry.added),
      playlist: s.fmt.playlist(playlist, true),
      type: "USER_CREATED",
    }));
    const favourites = s.state
      .collection(user.id)
      .playlists.map((entry) => ({ entry, playlist: s.state.playlists.get(entry.uuid) }))
      .filter(
        (x): x is { entry: CollectionEntrySeed; playlist: PlaylistSeed } =>
          x.playlist !== undefined && (self || x.playlist.isPublic),
      )
      .map(({ entry, playlist }) => ({
        created: v1DateTime(entry.added),
        playlist: s.fmt.playlist(playlist, true),
        type: "USER_FAVORITE",
      }));
    return ok(offsetEnvelope(sortedByPlaylist(req, [...own, ...favourites]), offsetPage(req)));
  });

  route("GET", "/v1/users/:userId/favorites/playlists", (req, s) => {
    const caller = requireUser(s, req);
    country(req);
    const user = pathUser(s, req, caller, { privateData: true });
    const items = s.state
      .collection(user.id)
      .playlists.map((entry) => ({ entry, playlist: s.state.playlists.get(entry.uuid) }))
      .filter((x): x is { entry: CollectionEntrySeed; playlist: PlaylistSeed } => x.playlist !== undefined)
      .map(({ entry, playlist }) => ({
        created: v1DateTime(entry.added),
        item: s.fmt.playlist(playlist, true),
      }));
    const { order, descending } = ordering(req);
    const sorted = sortBy(
      items,
      (i) =>
        order === "NAME" ? String(i.item.title).toLowerCase() : Date.parse(i.created.replace("+0000", "Z")),
      descending,
    );
    return ok(offsetEnvelope(sorted, offsetPage(req)));
  });

  route("POST", "/v1/users/:userId/favorites/playlists", (req, s) => {
    const caller = requireUser(s, req);
    pathUser(s, req, caller, { privateData: true });
    const uuids = splitList(req.form.get("uuids") ?? req.form.get("uuid")).map((u) => u.toLowerCase());
    if (uuids.length === 0) throw missingParameter("uuids");
    followPlaylists(s, caller, uuids, "root");
    return noContent();
  });

  route("DELETE", "/v1/users/:userId/favorites/playlists/:uuids", (req, s) => {
    const caller = requireUser(s, req);
    pathUser(s, req, caller, { privateData: true });
    const uuids = new Set(splitList(req.params["uuids"]).map((u) => u.toLowerCase()));
    const collection = s.state.collection(caller.user.id);
    collection.playlists = collection.playlists.filter((e) => !uuids.has(e.uuid));
    return noContent();
  });
}

function ownPlaylistsOf(
  svc: TidalService,
  userId: number,
  includePrivate: boolean,
): { entry: CollectionEntrySeed; playlist: PlaylistSeed }[] {
  return svc.state
    .collection(userId)
    .ownPlaylists.map((entry) => ({ entry, playlist: svc.state.playlists.get(entry.uuid) }))
    .filter(
      (x): x is { entry: CollectionEntrySeed; playlist: PlaylistSeed } =>
        x.playlist !== undefined && (includePrivate || x.playlist.isPublic),
    );
}

function sortedByPlaylist<T extends { created: string; playlist: Json }>(
  req: EmulatorRequest,
  items: T[],
): T[] {
  const { order, descending } = ordering(req);
  return sortBy(
    items,
    (i) =>
      order === "NAME" ? String(i.playlist.title).toLowerCase() : Date.parse(i.created.replace("+0000", "Z")),
    descending,
  );
}

/** Adds playlists to a user's favourites; every UUID is checked before anything changes. */
function followPlaylists(svc: TidalService, caller: UserCaller, uuids: string[], folder: string): void {
  const playlists = uuids.map((uuid) => {
    if (!isUuid(uuid)) throw invalidParameter("uuids", uuid);
    const playlist = findPlaylist(svc, uuid);
    if (playlist.ownerId === caller.user.id) {
      throw invalidParameter("uuids", "a user cannot follow their own playlist");
    }
    assertVisible(playlist, caller);
    return playlist;
  });
  const collection = svc.state.collection(caller.user.id);
  for (const playlist of playlists) {
    if (collection.playlists.some((e) => e.uuid === playlist.uuid)) continue;
    collection.playlists.push({ uuid: playlist.uuid, parent: folder, added: svc.now() });
  }
}
