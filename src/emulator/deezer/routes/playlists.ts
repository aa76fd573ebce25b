/**
 * Playlists: reading (`GET /playlist/{id}`, fans, tracks, radio), marking seen, and the owner's edits (details,
 * deletion, adding, reordering and removing tracks). Edits answer a bare `true` (test_delete_playlist,
 * TestPlaylist.test_add_tracks, test_reorder_tracks, test_delete_tracks).
 *
 * Tracks not streamable in the emulated country stay in the playlist (`nb_tracks`, `total`) but are left out of
 * the embedded `tracks.data` and of their page's `data` (test_get_playlist holds 93 of 102 tracks). With the seed,
 * playlist 880004 ("Rainy Sunday") has 30 tracks, the 11th unavailable: its first page of 25 holds 24 entries.
 */
import type { RequestContext, RouteTable } from "../context.js";
import { boolParam, hasParam, idList, nowSeconds, param, requireToken } from "../context.js";
import { fail, ok } from "../errors.js";
import { imageRoute, readablePlaylist, writablePlaylist } from "../lookup.js";
import { bare, page } from "../paging.js";
import type { PlaylistState } from "../state.js";
import { withExtras } from "../views.js";

function readable(ctx: RequestContext, trackId: number): boolean {
  return ctx.state.tracks.get(trackId)?.readable ?? false;
}

function touch(ctx: RequestContext, playlist: PlaylistState): void {
  playlist.modifiedAt = ctx.now;
}

/** `songs` and `order` name catalogue tracks; an unknown one refuses the whole request. */
function knownTracks(ctx: RequestContext, name: string): number[] {
  const ids = idList(ctx, name);
  if (ids.some((id) => !ctx.state.tracks.has(id))) fail.noData();
  return ids;
}

export function playlistRoutes(r: RouteTable): void {
  r.add("GET", "/playlist/:id", (ctx) => {
    const playlist = readablePlaylist(ctx);
    const trackIds = playlist.tracks.map((t) => t.trackId);
    const data = playlist.tracks
      .filter((t) => readable(ctx, t.trackId))
      .map((t) => withExtras(ctx.views.trackById(t.trackId, "playlistEmbedded"), { time_add: t.addedAt }));
    return ok({
      ...ctx.views.playlist(playlist, "full"),
      tracks: { data, checksum: ctx.views.checksum(trackIds) },
    });
  });

  // No permission is needed, but there must be a token: seen-ness belongs to an account.
  r.add("POST", "/playlist/:id/seen", (ctx) => {
    const token = requireToken(ctx);
    const playlist = readablePlaylist(ctx);
    ctx.state.library(token.userId).seenPlaylists.set(playlist.id, nowSeconds(ctx));
    return ok(true);
  });

  r.add("GET", "/playlist/:id/fans", (ctx) => {
    const playlist = readablePlaylist(ctx);
    return ok(
      page(ctx, ctx.state.fansOf("playlists", playlist.id), { map: (id) => ctx.views.userById(id, "list") }),
    );
  });

  r.add("GET", "/playlist/:id/tracks", (ctx) => {
    const playlist = readablePlaylist(ctx);
    const entries = [...playlist.tracks];
    return ok(
      page(ctx, entries, {
        visible: (t) => readable(ctx, t.trackId),
        map: (t) => withExtras(ctx.views.trackById(t.trackId, "playlist"), { time_add: t.addedAt }),
        extra: { checksum: ctx.views.checksum(entries.map((t) => t.trackId)) },
      }),
    );
  });

  // More of the same genres, without what the playlist already holds.
  r.add("GET", "/playlist/:id/radio", (ctx) => {
    const playlist = readablePlaylist(ctx);
    const inPlaylist = new Set(playlist.tracks.map((t) => t.trackId));
    const genres = new Set(
      playlist.tracks.map(
        (t) => ctx.state.albums.get(ctx.state.tracks.get(t.trackId)?.albumId ?? 0)?.genreId,
      ),
    );
    const tracks = ctx.state
      .tracksOfGenre(0)
      .filter(
        (t) => t.readable && !inPlaylist.has(t.id) && genres.has(ctx.state.albums.get(t.albumId)?.genreId),
      );
    return ok(bare(ctx, tracks, (t) => ctx.views.track(t, "list"), 25));
  });

  // `title` is what Deezer reads; `name` is what some clients send, so both are accepted.
  r.add("POST", "/playlist/:id", (ctx) => {
    const playlist = writablePlaylist(ctx, ["manage_library"]);
    const title = param(ctx, "title") ?? param(ctx, "name");
    const description = param(ctx, "description");
    const isPublic = boolParam(ctx, "public");
    const collaborative = boolParam(ctx, "collaborative");
    if (
      title === undefined &&
      description === undefined &&
      isPublic === undefined &&
      collaborative === undefined
    ) {
      return fail.missing("title");
    }
    if (title !== undefined) {
      if (title.trim() === "") return fail.wrongParameter();
      playlist.title = title;
    }
    if (description !== undefined) playlist.description = description;
    if (isPublic !== undefined) playlist.public = isPublic;
    if (collaborative !== undefined) playlist.collaborative = collaborative;
    touch(ctx, playlist);
    return ok(true);
  });

  r.add("DELETE", "/playlist/:id", (ctx) => {
    const playlist = writablePlaylist(ctx, ["manage_library", "delete_library"]);
    ctx.state.playlists.delete(playlist.id);
    for (const library of ctx.state.libraries.values()) library.playlists.delete(playlist.id);
    return ok(true);
  });

  /*
   * `songs` appends tracks (already present ones are skipped); `order` reorders: the listed tracks, which must all
   * be in the playlist, come first in the given order, the others follow in their previous order.
   */
  r.add("POST", "/playlist/:id/tracks", (ctx) => {
    const playlist = writablePlaylist(ctx, ["manage_library"], true);
    if (hasParam(ctx, "songs")) {
      const present = new Set(playlist.tracks.map((t) => t.trackId));
      const added = nowSeconds(ctx);
      for (const id of knownTracks(ctx, "songs")) {
        if (present.has(id)) continue;
        present.add(id);
        playlist.tracks.push({ trackId: id, addedAt: added });
      }
    } else if (hasParam(ctx, "order")) {
      const order = knownTracks(ctx, "order");
      const byId = new Map(playlist.tracks.map((t) => [t.trackId, t]));
      if (order.some((id) => !byId.has(id)) || new Set(order).size !== order.length)
        return fail.wrongParameter();
      const listed = new Set(order);
      playlist.tracks = [
        ...order.map((id) => byId.get(id) as (typeof playlist.tracks)[number]),
        ...playlist.tracks.filter((t) => !listed.has(t.trackId)),
      ];
    } else {
      return fail.missing("songs");
    }
    touch(ctx, playlist);
    return ok(true);
  });

  // Removing tracks is a deletion: like every other removal it needs delete_library as well.
  r.add("DELETE", "/playlist/:id/tracks", (ctx) => {
    const playlist = writablePlaylist(ctx, ["manage_library", "delete_library"], true);
    const remove = new Set(idList(ctx, "songs"));
    playlist.tracks = playlist.tracks.filter((t) => !remove.has(t.trackId));
    touch(ctx, playlist);
    return ok(true);
  });

  imageRoute(r, "playlist", (ctx, id) => ctx.state.playlists.has(id));
}
