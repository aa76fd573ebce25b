/**
 * `GET /album/{id}` (also `upc:{code}`), `/album/{id}/fans`, `/album/{id}/tracks`, and rating an album
 * (`POST /album/{id}?note=1…5`, stored per account).
 */
import type { RouteTable } from "../context.js";
import { nowSeconds, param } from "../context.js";
import { fail, ok } from "../errors.js";
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

  // Without a token (or without basic_access) Deezer answers a code-less OAuthException naming the permission.
  r.add("POST", "/album/:id", (ctx) => {
    const token = ctx.token;
    if (!token || !token.permissions.has("basic_access")) return fail.missingPermission("basic_access");
    const album = findAlbum(ctx);
    const raw = param(ctx, "note");
    if (raw === undefined || raw === "") return fail.missing("note");
    const note = /^[1-5]$/.test(raw) ? Number(raw) : fail.wrongParameter();
    ctx.state.library(token.userId).albumRatings.set(album.id, { note, ratedAt: nowSeconds(ctx) });
    return ok(true);
  });

  imageRoute(r, "album", (ctx, id) => ctx.state.albums.has(id));
}
