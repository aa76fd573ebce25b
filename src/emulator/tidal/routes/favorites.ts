/**
 * A user's v1 favourites: the IDs of everything favourited, and per kind (albums, artists, tracks, videos,
 * playlists) the list (`order`/`orderDirection`), saving and removing. Another user's favourites are private
 * (403).
 */
import type { EmulatorRequest, RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, country, noContent, ok, pathUser, requireUser } from "../context.js";
import { FAVOURITES } from "../collection-kinds.js";
import type { FavouriteKind } from "../collection-kinds.js";
import type { CollectionEntrySeed, FavouriteSeed, PlaylistSeed } from "../data.js";
import { missingParameter, notFound } from "../errors.js";
import { offsetEnvelope, offsetPage, ordering, sortBy } from "../paging.js";
import { onArtifactNotFound, parseIds } from "../params.js";
import { followPlaylists } from "../playlist-access.js";
import type { TidalService } from "../service.js";
import { splitList, v1DateTime } from "../util.js";

export function favoriteRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/users/:userId/favorites/ids", favouriteIds);
  for (const kind of Object.values(FAVOURITES)) {
    r.add("GET", `/v1/users/:userId/favorites/${kind.list}`, listFavourites(kind));
    r.add("POST", `/v1/users/:userId/favorites/${kind.list}`, addFavourites(kind));
    r.add("DELETE", `/v1/users/:userId/favorites/${kind.list}/:ids`, removeFavourites(kind));
  }
  r.add("GET", "/v1/users/:userId/favorites/playlists", favouritePlaylists);
  r.add("POST", "/v1/users/:userId/favorites/playlists", addFavouritePlaylists);
  r.add("DELETE", "/v1/users/:userId/favorites/playlists/:uuids", removeFavouritePlaylists);
}

const favouriteIds: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const user = pathUser(s, req, caller, { privateData: true });
  const c = s.state.collection(user.id);
  return ok({
    ALBUM: c.albums.map((e) => String(e.id)),
    ARTIST: c.artists.map((e) => String(e.id)),
    PLAYLIST: [...c.ownPlaylists, ...c.playlists].map((e) => e.uuid),
    TRACK: c.tracks.map((e) => String(e.id)),
    VIDEO: c.videos.map((e) => String(e.id)),
  });
};

/** Entries not available in `countryCode` are left out. */
function listFavourites(kind: FavouriteKind): ApiHandler {
  return (req, s) => {
    const caller = requireUser(s, req);
    const cc = country(req);
    const user = pathUser(s, req, caller, { privateData: true });
    const entries = s.state.collection(user.id)[kind.list].filter((e) => kind.available(s, e.id, cc));
    const items = sortedFavourites(req, s, kind, entries).map((e) => ({
      created: v1DateTime(e.added),
      item: kind.json(s, e.id),
    }));
    return ok(offsetEnvelope(items, offsetPage(req)));
  };
}

function sortedFavourites(
  req: EmulatorRequest,
  svc: TidalService,
  kind: FavouriteKind,
  entries: FavouriteSeed<number>[],
): FavouriteSeed<number>[] {
  const { order, descending } = ordering(req);
  return sortBy(
    entries,
    (e) => (order === "NAME" ? kind.name(svc, e.id).toLowerCase() : e.added),
    descending,
  );
}

/** Unknown IDs fail the request (`onArtifactNotFound=FAIL`, the default) or are skipped; saving twice is a no-op. */
function addFavourites(kind: FavouriteKind): ApiHandler {
  return (req, s) => {
    const caller = requireUser(s, req);
    const user = pathUser(s, req, caller, { privateData: true });
    const ids = parseIds(req.form.get(kind.field), kind.field);
    const mode = onArtifactNotFound(req);
    const known: number[] = [];
    for (const id of ids) {
      if (kind.exists(s, id)) known.push(id);
      else if (mode === "FAIL") throw notFound(`Item ${id}`);
    }
    const list = s.state.collection(user.id)[kind.list];
    for (const id of known) {
      if (!list.some((e) => e.id === id)) list.push({ id, added: s.now() });
    }
    return noContent();
  };
}

function removeFavourites(kind: FavouriteKind): ApiHandler {
  return (req, s) => {
    const caller = requireUser(s, req);
    const user = pathUser(s, req, caller, { privateData: true });
    const ids = new Set(parseIds(req.params["ids"] ?? null, "ids"));
    const collection = s.state.collection(user.id);
    collection[kind.list] = collection[kind.list].filter((e) => !ids.has(e.id));
    return noContent();
  };
}

const favouritePlaylists: ApiHandler = (req, s) => {
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
};

/** Followed playlists land in the my-collection root. */
const addFavouritePlaylists: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  pathUser(s, req, caller, { privateData: true });
  const uuids = splitList(req.form.get("uuids") ?? req.form.get("uuid")).map((u) => u.toLowerCase());
  if (uuids.length === 0) throw missingParameter("uuids");
  followPlaylists(s, caller, uuids, "root");
  return noContent();
};

const removeFavouritePlaylists: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  pathUser(s, req, caller, { privateData: true });
  const uuids = new Set(splitList(req.params["uuids"]).map((u) => u.toLowerCase()));
  const collection = s.state.collection(caller.user.id);
  collection.playlists = collection.playlists.filter((e) => !uuids.has(e.uuid));
  return noContent();
};
