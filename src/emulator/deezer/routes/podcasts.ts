/** `GET /podcast/{id}` and `/podcast/{id}/episodes` (newest first). */
import type { RouteTable } from "../context.js";
import { ok } from "../errors.js";
import { findPodcast } from "../lookup.js";
import { page } from "../paging.js";

export function podcastRoutes(r: RouteTable): void {
  r.add("GET", "/podcast/:id", (ctx) => ok(ctx.views.podcast(findPodcast(ctx), "full")));

  r.add("GET", "/podcast/:id/episodes", (ctx) => {
    const podcast = findPodcast(ctx);
    const episodes = podcast.episodeIds
      .map((id) => ctx.state.episodes.get(id))
      .filter((e) => e !== undefined)
      .sort((a, b) => b.releaseDate.localeCompare(a.releaseDate));
    return ok(page(ctx, episodes, { map: (e) => ctx.views.episode(e, "list") }));
  });
}
