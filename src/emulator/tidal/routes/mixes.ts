/**
 * Mix routes: a mix's items (v1) and the caller's followed mixes (v2: list, IDs, add, remove). Mix IDs are
 * opaque strings; a followed mix that no longer exists is left out.
 */
import type { EmulatorRequest, RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, country, noContent, ok, requireUser, resolveCaller } from "../context.js";
import type { FavouriteSeed } from "../data.js";
import { missingParameter, notFound } from "../errors.js";
import type { Json } from "../format.js";
import { findMix, mixTracks } from "../lookup.js";
import { cursorPage, cursorSlice, offsetEnvelope, offsetPage, ordering, sortBy } from "../paging.js";
import { onArtifactNotFound } from "../params.js";
import type { TidalService } from "../service.js";
import { splitList, v2DateTime } from "../util.js";

export function mixRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/mixes/:mixId/items", mixItems);
  r.add("GET", "/v2/favorites/mixes", favouriteMixes);
  r.add("GET", "/v2/favorites/mixes/ids", favouriteMixIds);
  r.add("PUT", "/v2/favorites/mixes/add", addFavouriteMixes);
  r.add("PUT", "/v2/favorites/mixes/remove", removeFavouriteMixes);
}

const mixItems: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const cc = country(req);
  const mix = findMix(s, req.params["mixId"] ?? "");
  const items = mixTracks(s, mix.trackIds, cc).map((t) => ({ item: s.fmt.track(t), type: "track" }));
  return ok(offsetEnvelope(items, offsetPage(req, 100)));
};

const favouriteMixes: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const { order, descending } = ordering(req);
  const entries = s.state.collection(caller.user.id).mixes.filter((e) => s.state.mixes.has(e.id));
  const sorted = sortBy(
    entries,
    (e) => (order === "NAME" ? (s.state.mixes.get(e.id)?.title ?? "").toLowerCase() : e.added),
    descending,
  );
  const { items, cursor } = cursorSlice(sorted, cursorPage(req));
  const latest = entries.reduce((max, e) => Math.max(max, e.added), 0);
  return ok({
    items: items.map((e) => favouriteMixJson(s, req, e)).filter((j) => j !== undefined),
    cursor,
    lastModifiedAt: v2DateTime(latest),
  });
};

function favouriteMixJson(
  svc: TidalService,
  req: EmulatorRequest,
  entry: FavouriteSeed<string>,
): Json | undefined {
  const mix = svc.state.mixes.get(entry.id);
  if (!mix) return undefined;
  const images = svc.fmt.mixImages(req.urls.tidalResources, mix);
  return {
    id: mix.id,
    mixType: mix.mixType,
    title: mix.title,
    subTitle: mix.subTitle,
    titleTextInfo: { text: mix.title, color: "#FFFFFF" },
    subTitleTextInfo: { text: mix.subTitle, color: "#B3B3B3" },
    images,
    detailImages: images,
    master: false,
    dateAdded: v2DateTime(entry.added),
    updated: v2DateTime(entry.added),
  };
}

const favouriteMixIds: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const entries = s.state.collection(caller.user.id).mixes.filter((e) => s.state.mixes.has(e.id));
  const { items, cursor } = cursorSlice(entries, cursorPage(req));
  return ok({ content: items.map((e) => e.id), cursor });
};

/** `mixIds` of a follow or unfollow, from the form or the query. */
function mixIdsParam(req: EmulatorRequest): string[] {
  const ids = splitList(req.form.get("mixIds") ?? req.query.get("mixIds"));
  if (ids.length === 0) throw missingParameter("mixIds");
  return ids;
}

const addFavouriteMixes: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const ids = mixIdsParam(req);
  const mode = onArtifactNotFound(req);
  const known: string[] = [];
  for (const id of ids) {
    if (s.state.mixes.has(id)) known.push(id);
    else if (mode === "FAIL") throw notFound(`Mix ${id}`);
  }
  const list = s.state.collection(caller.user.id).mixes;
  for (const id of known) if (!list.some((e) => e.id === id)) list.push({ id, added: s.now() });
  return noContent();
};

const removeFavouriteMixes: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const ids = new Set(mixIdsParam(req));
  const collection = s.state.collection(caller.user.id);
  collection.mixes = collection.mixes.filter((e) => !ids.has(e.id));
  return noContent();
};
