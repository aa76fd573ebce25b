/** `GET /episode/{id}` and the resume-point bookmark (`POST`/`DELETE /episode/{id}/bookmark`). */
import type { RouteTable } from "../context.js";
import { nowSeconds, param, requireToken } from "../context.js";
import { fail, ok } from "../errors.js";
import { findEpisode } from "../lookup.js";

/** The bookmark endpoints' success body: an `error` key that is an empty list (TestEpisode.test_add_bookmark). */
const BOOKMARK_OK = { error: [], results: true };

export function episodeRoutes(r: RouteTable): void {
  r.add("GET", "/episode/:id", (ctx) => ok(ctx.views.episode(findEpisode(ctx), "full")));

  r.add("POST", "/episode/:id/bookmark", (ctx) => {
    const token = requireToken(ctx, ["manage_library"]);
    const episode = findEpisode(ctx);
    const raw = param(ctx, "offset");
    if (raw === undefined || raw === "") return fail.missing("offset");
    if (!/^\d{1,3}$/.test(raw) || Number(raw) > 100) return fail.wrongParameter();
    ctx.state
      .library(token.userId)
      .bookmarks.set(episode.id, { offset: Number(raw), updatedAt: nowSeconds(ctx) });
    return ok(BOOKMARK_OK);
  });

  r.add("DELETE", "/episode/:id/bookmark", (ctx) => {
    const token = requireToken(ctx, ["manage_library"]);
    const episode = findEpisode(ctx);
    ctx.state.library(token.userId).bookmarks.delete(episode.id);
    return ok(BOOKMARK_OK);
  });
}
