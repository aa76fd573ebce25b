/**
 * A user's playlists: a v2 user playlist (playlist, follow info and owner profile), the v2 list of a user's public
 * playlists, and the v1 lists `/users/{id}/playlists` and `/users/{id}/playlistsAndFavoritePlaylists`. Another
 * user's private playlists are left out.
 */
import type { EmulatorRequest, RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, country, ok, pathUser, requireUser } from "../context.js";
import type { CollectionEntrySeed, PlaylistSeed, UserSeed } from "../data.js";
import type { Json } from "../format.js";
import { displayName } from "../format.js";
import { findPlaylist } from "../lookup.js";
import { cursorPage, cursorSlice, offsetEnvelope, offsetPage, ordering, sortBy } from "../paging.js";
import { assertVisible, etagHeaders } from "../playlist-access.js";
import type { TidalService } from "../service.js";
import { v1DateTime } from "../util.js";

export function userPlaylistRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v2/user-playlists/:uuid", userPlaylist);
  r.add("GET", "/v2/user-playlists/:userId/public", publicPlaylistsOfUser);
  r.add("GET", "/v1/users/:userId/playlists", playlistsOfUser);
  r.add("GET", "/v1/users/:userId/playlistsAndFavoritePlaylists", playlistsAndFavouritesOfUser);
}

const userPlaylist: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const playlist = findPlaylist(s, req.params["uuid"]);
  assertVisible(playlist, caller);
  return ok(userPlaylistJson(s, playlist, caller.user.id), etagHeaders(s, playlist));
};

const publicPlaylistsOfUser: ApiHandler = (req, s) => {
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
};

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

const playlistsOfUser: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  country(req);
  const user = pathUser(s, req, caller, { privateData: false });
  const items = ownPlaylistsOf(s, user.id, caller.user.id === user.id).map((x) =>
    listEntry(s, x, "USER_CREATED"),
  );
  return ok(offsetEnvelope(sortedByPlaylist(req, items), offsetPage(req)));
};

const playlistsAndFavouritesOfUser: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  country(req);
  const user = pathUser(s, req, caller, { privateData: false });
  const self = caller.user.id === user.id;
  const own = ownPlaylistsOf(s, user.id, self).map((x) => listEntry(s, x, "USER_CREATED"));
  const favourites = s.state
    .collection(user.id)
    .playlists.map((entry) => ({ entry, playlist: s.state.playlists.get(entry.uuid) }))
    .filter((x): x is PlacedPlaylist => x.playlist !== undefined && (self || x.playlist.isPublic))
    .map((x) => listEntry(s, x, "USER_FAVORITE"));
  return ok(offsetEnvelope(sortedByPlaylist(req, [...own, ...favourites]), offsetPage(req)));
};

interface PlacedPlaylist {
  entry: CollectionEntrySeed;
  playlist: PlaylistSeed;
}

function listEntry(s: TidalService, { entry, playlist }: PlacedPlaylist, type: string) {
  return { created: v1DateTime(entry.added), playlist: s.fmt.playlist(playlist, true), type };
}

function ownPlaylistsOf(svc: TidalService, userId: number, includePrivate: boolean): PlacedPlaylist[] {
  return svc.state
    .collection(userId)
    .ownPlaylists.map((entry) => ({ entry, playlist: svc.state.playlists.get(entry.uuid) }))
    .filter((x): x is PlacedPlaylist => x.playlist !== undefined && (includePrivate || x.playlist.isPublic));
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
