/** `GET /album/{id}` (also `upc:{code}`), `/album/{id}/fans`, `/album/{id}/tracks`. */
import type { RouteTable } from "../context.js";
import { ok } from "../errors.js";
import { findAlbum, imageRoute } from "../lookup.js";
import { page } from "../paging.js";

export function albumRoutes(r: RouteTable): void {
  r.add("GET", "/album/:id", (ctx) => {
    const album = findAlbum(ctx);
    const tracks = album.trackIds.map((id) => ctx.views.trackById(id, "albumEmbedded"));
    return ok({ ...ctx.views.album(album, "full"), tracks: { data: tracks } });
  });

  r.add("GET", "/album/:id/fans", (ctx) => {
    const album = findAlbum(ctx);
    return ok(
      page(ctx, ctx.state.fansOf("albums", album.id), {
        map: (userId) => ctx.views.userById(userId, "list"),
      }),
    );
  });

  r.add("GET", "/album/:id/tracks", (ctx) => {
    const album = findAlbum(ctx);
    return ok(page(ctx, album.trackIds, { map: (id) => ctx.views.trackById(id, "albumTracks") }));
  });

  imageRoute(r, "album", (ctx, id) => ctx.state.albums.has(id));
}
