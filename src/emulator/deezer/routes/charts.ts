/**
 * Charts: `GET /chart` and `/chart/{genre_id}` (all five lists at once) and `/chart/{genre_id}/{type}` (one list).
 * Genre 0 is the overall chart. Pages hold ten entries unless `limit` says otherwise (test_get_chart).
 */
import type { RequestContext, RouteTable } from "../context.js";
import { ok, notFound } from "../errors.js";
import { findGenre } from "../lookup.js";
import { page, readPaging } from "../paging.js";
import { withExtras } from "../views.js";

export const CHART_TYPES = ["tracks", "albums", "artists", "playlists", "podcasts"] as const;
export type ChartType = (typeof CHART_TYPES)[number];

const CHART_LIMIT = 10;

/** The entries of one chart list, best first, already in their wire form. */
export function chartEntries(ctx: RequestContext, genreId: number, type: ChartType): unknown[] {
  const { state, views } = ctx;
  const inGenre = (id: number): boolean => genreId === 0 || id === genreId;
  switch (type) {
    case "tracks":
      return state
        .tracksOfGenre(genreId)
        .filter((t) => t.readable)
        .map((t, i) => withExtras(views.track(t, "chart"), { position: i + 1 }));
    case "albums":
      return [...state.albums.values()]
        .filter((a) => a.available && inGenre(a.genreId))
        .sort((a, b) => b.fans - a.fans || a.id - b.id)
        .map((a, i) => withExtras(views.album(a, "chart"), { position: i + 1 }));
    case "artists":
      return [...state.artists.values()]
        .filter((a) => inGenre(a.genreId) && state.tracksOfArtist(a.id).some((t) => t.readable))
        .sort((a, b) => b.nbFan - a.nbFan || a.id - b.id)
        .map((a, i) => withExtras(views.artist(a, "chart"), { position: i + 1 }));
    case "playlists":
      return [...state.playlists.values()]
        .filter((p) => p.public && p.fans >= 50 && (genreId === 0 || p.genreId === genreId))
        .sort((a, b) => b.fans - a.fans || a.id - b.id)
        .map((p) => views.playlist(p, "summary"));
    case "podcasts":
      return [...state.podcasts.values()]
        .filter((p) => p.available && inGenre(p.genreId))
        .sort((a, b) => b.fans - a.fans || a.id - b.id)
        .map((p) => views.podcast(p, "full"));
  }
}

/** `{tracks, albums, artists, playlists, podcasts}`, each `{data, total}` without links (test_get_chart). */
export function allCharts(ctx: RequestContext, genreId: number): Record<string, unknown> {
  const { index, limit } = readPaging(ctx, CHART_LIMIT);
  const body: Record<string, unknown> = {};
  for (const type of CHART_TYPES) {
    const entries = chartEntries(ctx, genreId, type);
    body[type] = { data: entries.slice(index, index + limit), total: entries.length };
  }
  return body;
}

export function chartRoutes(r: RouteTable): void {
  // `GET /chart` without an ID is the overall chart (test_request_unknown_resource).
  r.add("GET", "/chart", (ctx) => ok(allCharts(ctx, 0)));
  r.add("GET", "/chart/:id", (ctx) => ok(allCharts(ctx, findGenre(ctx).id)));
  r.add("GET", "/chart/:id/:type", (ctx) => {
    const genre = findGenre(ctx);
    const type = ctx.req.params["type"] as ChartType;
    if (!CHART_TYPES.includes(type)) return notFound();
    return ok(page(ctx, chartEntries(ctx, genre.id, type), { defaultLimit: CHART_LIMIT, map: (e) => e }));
  });
}
