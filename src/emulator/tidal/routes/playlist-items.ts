/**
 * The four item edits of a v1 playlist: add (`POST …/items`), move (`POST …/items/{indices}`), replace
 * (`POST …/items/{index}/replace`) and remove (`DELETE …/items/{indices}`). Only the owner may edit, and each edit
 * needs the current ETag in `If-None-Match` (see ../playlist-access.ts); items are addressed by 0-based index.
 */
import type { EmulatorRequest, RoleRouter } from "../../types.js";
import type { ApiHandler, UserCaller } from "../context.js";
import { apiRoutes, requireUser } from "../context.js";
import type { PlaylistItemSeed, PlaylistSeed } from "../data.js";
import { TIDAL_SUB_STATUS, apiFailure, invalidParameter, missingParameter, notFound } from "../errors.js";
import { findPlaylist } from "../lookup.js";
import { assertOwner, assertVisible, checkPrecondition, editAnswer } from "../playlist-access.js";
import type { TidalService } from "../service.js";
import { isDecimal, newUuid, splitList } from "../util.js";

export function playlistItemRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("POST", "/v1/playlists/:uuid/items", addItems);
  r.add("POST", "/v1/playlists/:uuid/items/:indices", moveItems);
  r.add("POST", "/v1/playlists/:uuid/items/:index/replace", replaceItem);
  r.add("DELETE", "/v1/playlists/:uuid/items/:indices", removeItems);
}

type ItemRef = { type: "track" | "video"; id: number };

/** The playlist an edit is for, once the caller is known to own it and the precondition holds. */
function editablePlaylist(
  s: TidalService,
  req: EmulatorRequest,
): { caller: UserCaller; playlist: PlaylistSeed } {
  const caller = requireUser(s, req);
  const playlist = findPlaylist(s, req.params["uuid"]);
  assertOwner(playlist, caller);
  checkPrecondition(s, req, playlist);
  return { caller, playlist };
}

const addItems: ApiHandler = (req, s) => {
  const { caller, playlist } = editablePlaylist(s, req);
  const options = addOptions(req, playlist);
  const fresh = withoutDuplicates(playlist, candidates(s, caller, options), options.onDupes);
  const added = fresh.map((c) => newItem(s, c.type, c.id));
  playlist.items.splice(options.toIndex, 0, ...added);
  s.state.touchPlaylist(playlist, s.now());
  return editAnswer(s, playlist, { addedItemIds: added.map((i) => i.id) });
};

interface AddOptions {
  itemIds: string | null;
  fromAlbum: string | null;
  fromPlaylist: string | null;
  onDupes: string;
  onMissing: string;
  toIndex: number;
}

/** Exactly one source (`itemIds`/`trackIds`, `fromAlbumId`, `fromPlaylistUuid`); `toIndex` defaults to the end. */
function addOptions(req: EmulatorRequest, playlist: PlaylistSeed): AddOptions {
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
  return { itemIds, fromAlbum, fromPlaylist, onDupes, onMissing, toIndex };
}

/** The items the source names: an album gives its tracks available in the caller's country. */
function candidates(s: TidalService, caller: UserCaller, options: AddOptions): ItemRef[] {
  const { itemIds, fromAlbum, fromPlaylist } = options;
  if (itemIds !== null && itemIds !== "") {
    const found: ItemRef[] = [];
    for (const id of splitList(itemIds)) {
      const item = resolveItem(s, id);
      if (item) found.push(item);
      else if (options.onMissing === "FAIL") throw notFound(`Item ${id}`);
    }
    return found;
  }
  if (fromAlbum !== null && fromAlbum !== "") {
    const album = isDecimal(fromAlbum) ? s.state.albums.get(Number(fromAlbum)) : undefined;
    if (!album) throw notFound("Album");
    return s.state
      .albumTracks(album.id)
      .filter((t) => s.state.trackAvailable(t, caller.user.countryCode))
      .map((t) => ({ type: "track" as const, id: t.id }));
  }
  if (fromPlaylist !== null) {
    const source = findPlaylist(s, fromPlaylist);
    assertVisible(source, caller);
    return source.items.map((i) => ({ type: i.type, id: i.id }));
  }
  return [];
}

/** `onDupes`: ADD keeps duplicates, SKIP drops them, FAIL refuses the whole request (409). */
function withoutDuplicates(playlist: PlaylistSeed, items: ItemRef[], onDupes: string): ItemRef[] {
  const present = new Set(playlist.items.map((i) => `${i.type}:${i.id}`));
  const fresh: ItemRef[] = [];
  for (const c of items) {
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
  return fresh;
}

const moveItems: ApiHandler = (req, s) => {
  const { playlist } = editablePlaylist(s, req);
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
};

const replaceItem: ApiHandler = (req, s) => {
  const { playlist } = editablePlaylist(s, req);
  const [index] = parseIndices(req.params["index"], playlist.items.length);
  const itemId = req.form.get("itemId");
  if (itemId === null || itemId === "") throw missingParameter("itemId");
  const found = resolveItem(s, itemId);
  if (!found) throw notFound(`Item ${itemId}`);
  playlist.items[index as number] = newItem(s, found.type, found.id);
  s.state.touchPlaylist(playlist, s.now());
  return editAnswer(s, playlist);
};

const removeItems: ApiHandler = (req, s) => {
  const { playlist } = editablePlaylist(s, req);
  const selected = new Set(parseIndices(req.params["indices"], playlist.items.length));
  playlist.items = playlist.items.filter((_, i) => !selected.has(i));
  s.state.touchPlaylist(playlist, s.now());
  return editAnswer(s, playlist);
};

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

/** A catalogue ID names a track, else a video. */
function resolveItem(svc: TidalService, id: string): ItemRef | undefined {
  if (!isDecimal(id)) return undefined;
  const n = Number(id);
  if (svc.state.tracks.has(n)) return { type: "track", id: n };
  if (svc.state.videos.has(n)) return { type: "video", id: n };
  return undefined;
}

function newItem(svc: TidalService, type: "track" | "video", id: number): PlaylistItemSeed {
  return { type, id, itemUuid: newUuid(), added: svc.now() };
}
