/**
 * Comments: `GET /comment/{id}` and the `comments` lists of albums, artists and playlists, newest first. An unknown
 * comment gets the usual "no data" (800); the comments of a private playlist, like the playlist itself, only show
 * to its owner.
 */
import type { RequestContext, RouteTable } from "../context.js";
import { parseId } from "../context.js";
import type { CommentSeed } from "../data.js";
import { fail, ok } from "../errors.js";
import { findAlbum, findArtist, readablePlaylist } from "../lookup.js";
import { page } from "../paging.js";

function list(ctx: RequestContext, comments: CommentSeed[]): Record<string, unknown> {
  return page(ctx, comments, { map: (c) => ctx.views.comment(c) });
}

export function commentRoutes(r: RouteTable): void {
  r.add("GET", "/comment/:id", (ctx) => {
    const id = parseId(ctx.req.params["id"]);
    const comment = (id === undefined ? undefined : ctx.state.comments.get(id)) ?? fail.noData();
    if (comment.object.type === "playlist") readablePlaylist(ctx, String(comment.object.id));
    return ok(ctx.views.comment(comment));
  });

  r.add("GET", "/album/:id/comments", (ctx) =>
    ok(list(ctx, ctx.state.commentsOn("album", findAlbum(ctx).id))),
  );

  r.add("GET", "/artist/:id/comments", (ctx) =>
    ok(list(ctx, ctx.state.commentsOn("artist", findArtist(ctx).id))),
  );

  r.add("GET", "/playlist/:id/comments", (ctx) =>
    ok(list(ctx, ctx.state.commentsOn("playlist", readablePlaylist(ctx).id))),
  );
}
