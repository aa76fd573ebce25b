/**
 * `GET /track/{id}` (also `isrc:{code}`), and the owner's edits of personal songs (uploaded files, negative IDs):
 * `POST /track/{id}` renames, `DELETE /track/{id}` deletes. A personal song is visible to its owner only.
 */
import type { RequestContext, RouteTable } from "../context.js";
import { param, parseId, requireToken } from "../context.js";
import type { Permission } from "../data.js";
import { fail, ok } from "../errors.js";
import { findTrack } from "../lookup.js";
import type { PersonalSongState } from "../state.js";

function ownSong(ctx: RequestContext, permissions: readonly Permission[]): PersonalSongState {
  const token = requireToken(ctx, permissions);
  const id = parseId(ctx.req.params["id"]);
  const song = id === undefined ? undefined : ctx.state.personalSongs.get(id);
  if (!song || song.ownerId !== token.userId) return fail.noData();
  return song;
}

export function trackRoutes(r: RouteTable): void {
  r.add("GET", "/track/:id", (ctx) => {
    const id = parseId(ctx.req.params["id"]);
    if (id !== undefined && id < 0) {
      const song = ctx.state.personalSongs.get(id);
      if (!song || song.ownerId !== ctx.token?.userId) return fail.noData();
      return ok(ctx.views.personalSong(song));
    }
    return ok(ctx.views.track(findTrack(ctx), "full"));
  });

  r.add("POST", "/track/:id", (ctx) => {
    const song = ownSong(ctx, ["manage_library"]);
    const title = param(ctx, "title");
    const artist = param(ctx, "artist");
    const album = param(ctx, "album");
    if (title === undefined && artist === undefined && album === undefined) return fail.missing("title");
    if (title !== undefined) song.title = title;
    if (artist !== undefined) song.artist = artist;
    if (album !== undefined) song.album = album;
    return ok(true);
  });

  r.add("DELETE", "/track/:id", (ctx) => {
    const song = ownSong(ctx, ["delete_library"]);
    ctx.state.personalSongs.delete(song.id);
    return ok(true);
  });
}
