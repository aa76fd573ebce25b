/** `GET /genre`, `/genre/{id}` and its artists, podcasts and radios. */
import type { RouteTable } from "../context.js";
import { ok } from "../errors.js";
import { findGenre, imageRoute } from "../lookup.js";
import { bare, page } from "../paging.js";

export function genreRoutes(r: RouteTable): void {
  // All genres in one plain list, no `total` (test_list_genres).
  r.add("GET", "/genre", (ctx) =>
    ok({ data: [...ctx.state.genres.values()].map((g) => ctx.views.genre(g.id, g.name)) }),
  );

  r.add("GET", "/genre/:id", (ctx) => {
    const genre = findGenre(ctx);
    return ok(ctx.views.genre(genre.id, genre.name));
  });

  // A plain list without `total` or links; `index` (and `limit`) still cut it (TestGenre.test_get_artists).
  r.add("GET", "/genre/:id/artists", (ctx) => {
    const genre = findGenre(ctx);
    const artists = [...ctx.state.artists.values()]
      .filter((a) => genre.id === 0 || a.genreId === genre.id)
      .sort((a, b) => b.nbFan - a.nbFan || a.id - b.id);
    return ok(bare(ctx, artists, (a) => ctx.views.artist(a, "genre")));
  });

  r.add("GET", "/genre/:id/podcasts", (ctx) => {
    const genre = findGenre(ctx);
    const podcasts = [...ctx.state.podcasts.values()]
      .filter((p) => genre.id === 0 || p.genreId === genre.id)
      .sort((a, b) => b.fans - a.fans || a.id - b.id);
    return ok(page(ctx, podcasts, { map: (p) => ctx.views.podcast(p, "full") }));
  });

  r.add("GET", "/genre/:id/radios", (ctx) => {
    const genre = findGenre(ctx);
    const radios = [...ctx.state.radios.values()].filter((rd) => genre.id === 0 || rd.genreId === genre.id);
    return ok(bare(ctx, radios, (rd) => ctx.views.radio(rd, "list")));
  });

  imageRoute(r, "genre", (ctx, id) => ctx.state.genres.has(id));
}
