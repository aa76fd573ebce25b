/**
 * Who may see, change and follow a playlist, and the ETag preconditions of item edits (spec §2.13).
 *
 * ETags: `GET /v1/playlists/{uuid}` and its items list send `ETag: "<lastUpdated ms>"`. The four item edits
 * (add, reorder, replace, remove) must send `If-None-Match` with the current ETag, quoted or not (minim strips the
 * quotes, §5); a missing or stale one is answered 412 and nothing changes. Every edit, including
 * `update_playlist_details` and visibility changes, produces a new ETag.
 */
import type { EmulatorReply, EmulatorRequest } from "../types.js";
import type { Caller, UserCaller } from "./context.js";
import { ok } from "./context.js";
import type { PlaylistSeed } from "./data.js";
import { TIDAL_SUB_STATUS, TidalFailure, apiFailure, invalidParameter } from "./errors.js";
import type { Json } from "./format.js";
import { findPlaylist } from "./lookup.js";
import type { TidalService } from "./service.js";
import { isUuid } from "./util.js";

function callerId(caller: Caller): number | undefined {
  return caller.kind === "user" ? caller.user.id : undefined;
}

/** Private playlists are visible to their owner only. */
export function assertVisible(playlist: PlaylistSeed, caller: Caller): void {
  if (playlist.isPublic || playlist.ownerId === callerId(caller)) return;
  throw apiFailure(403, TIDAL_SUB_STATUS.forbidden, "This playlist is private");
}

export function assertOwner(playlist: PlaylistSeed, caller: UserCaller): void {
  if (playlist.ownerId !== caller.user.id) {
    throw apiFailure(403, TIDAL_SUB_STATUS.forbidden, "Only the playlist's creator can change it");
  }
}

export function etagHeaders(svc: TidalService, playlist: PlaylistSeed): Record<string, string> {
  return { etag: svc.state.playlistEtag(playlist) };
}

/**
 * Accepts the current ETag quoted (RFC 9110) or with its quotes removed (what minim sends); anything else,
 * including `*` and a missing header, fails the precondition.
 */
export function checkPrecondition(svc: TidalService, req: EmulatorRequest, playlist: PlaylistSeed): void {
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

/** The answer to an edit: the new `lastUpdated`, with the new ETag. */
export function editAnswer(svc: TidalService, playlist: PlaylistSeed, extra: Json = {}): EmulatorReply {
  return ok({ lastUpdated: playlist.lastUpdated, ...extra }, etagHeaders(svc, playlist));
}

/** Adds playlists to a user's favourites; every UUID is checked before anything changes. */
export function followPlaylists(
  svc: TidalService,
  caller: UserCaller,
  uuids: string[],
  folder: string,
): void {
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
