/** Radios ("mixes"): `GET /radio`, `/radio/genres`, `/radio/lists`, `/radio/top`, `/radio/{id}`, its tracks. */
import type { RouteTable } from "../context.js";
import { ok } from "../errors.js";
import { findRadio, imageRoute } from "../lookup.js";
import { bare, page } from "../paging.js";
import { stableNumber } from "../util.js";

export function radioRoutes(r: RouteTable): void {
  // Every radio in one plain list, no `total` (test_list_radios).
  r.add("GET", "/radio", (ctx) =>
    ok({ data: [...ctx.state.radios.values()].map((rd) => ctx.views.radio(rd, "list")) }),
  );

  // Radios grouped by genre, in genre order.
  r.add("GET", "/radio/genres", (ctx) => {
    const data = [...ctx.state.genres.values()]
      .map((genre) => ({
        id: genre.id,
        title: genre.name,
        radios: [...ctx.state.radios.values()]
          .filter((rd) => rd.genreId === genre.id)
          .map((rd) => ctx.views.radio(rd, "list")),
      }))
      .filter((group) => group.radios.length > 0);
    return ok({ data });
  });

  r.add("GET", "/radio/lists", (ctx) =>
    ok(page(ctx, [...ctx.state.radios.values()], { map: (rd) => ctx.views.radio(rd, "list") })),
  );

  r.add("GET", "/radio/top", (ctx) =>
    ok(
      page(
        ctx,
        [...ctx.state.radios.values()].filter((rd) => rd.top),
        { map: (rd) => ctx.views.radio(rd, "list") },
      ),
    ),
  );

  r.add("GET", "/radio/:id", (ctx) => ok(ctx.views.radio(findRadio(ctx), "full")));

  // The genre's playable tracks, rotated by a per-radio offset so two radios of a genre do not start alike.
  r.add("GET", "/radio/:id/tracks", (ctx) => {
    const radio = findRadio(ctx);
    const pool = ctx.state.tracksOfGenre(radio.genreId).filter((t) => t.readable);
    const shift = pool.length === 0 ? 0 : stableNumber(`radio:${radio.id}`, pool.length);
    const rotated = [...pool.slice(shift), ...pool.slice(0, shift)];
    return ok(bare(ctx, rotated, (t) => ctx.views.track(t, "list"), 25));
  });

  imageRoute(r, "radio", (ctx, id) => ctx.state.radios.has(id));
}
