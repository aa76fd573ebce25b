/** `GET /editorial`, `/editorial/{id}` and its selection, charts and releases. */
import type { RouteTable } from "../context.js";
import { ok } from "../errors.js";
import { findEditorial } from "../lookup.js";
import { bare, page } from "../paging.js";
import { allCharts } from "./charts.js";

export function editorialRoutes(r: RouteTable): void {
  r.add("GET", "/editorial", (ctx) =>
    ok(page(ctx, [...ctx.state.editorials.values()], { map: (e) => ctx.views.editorial(e.id, e.name) })),
  );

  r.add("GET", "/editorial/:id", (ctx) => {
    const editorial = findEditorial(ctx);
    return ok(ctx.views.editorial(editorial.id, editorial.name));
  });

  // The editors' picks: the genre's most followed available albums, as a plain list (TestEditorial.test_get_selection).
  r.add("GET", "/editorial/:id/selection", (ctx) => {
    const editorial = findEditorial(ctx);
    const albums = [...ctx.state.albums.values()]
      .filter((a) => a.available && (editorial.id === 0 || a.genreId === editorial.id))
      .sort((a, b) => b.fans - a.fans || a.id - b.id);
    return ok(bare(ctx, albums, (a) => ctx.views.album(a, "selection"), 10));
  });

  r.add("GET", "/editorial/:id/charts", (ctx) => ok(allCharts(ctx, findEditorial(ctx).id)));

  /*
   * Newest releases first, twenty per page. Albums not available in the emulated country keep their place in the
   * list and in `total` but are dropped from `data`, so a page can be short while `next` still advances by the full
   * limit (TestEditorial.test_get_releases: 19 entries, `next` at index 20). With the seed, `/editorial/0/releases`
   * has 15 entries of which "Comet Season" (position 11) is unavailable.
   */
  r.add("GET", "/editorial/:id/releases", (ctx) => {
    const editorial = findEditorial(ctx);
    const albums = [...ctx.state.albums.values()]
      .filter((a) => editorial.id === 0 || a.genreId === editorial.id)
      .sort((a, b) => b.releaseDate.localeCompare(a.releaseDate) || a.id - b.id);
    return ok(
      page(ctx, albums, {
        defaultLimit: 20,
        visible: (a) => a.available,
        map: (a) => ctx.views.album(a, "release"),
      }),
    );
  });
}
