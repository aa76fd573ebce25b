/** `GET /artist/{id}` and its lists: top, albums, fans, related, radio, playlists. */
import type { RequestContext, RouteTable } from "../context.js";
import type { ArtistSeed, TrackSeed } from "../data.js";
import { ok } from "../errors.js";
import { findArtist, imageRoute } from "../lookup.js";
import { bare, page } from "../paging.js";

/** The artist's tracks interleaved with those of similar artists: what an artist "radio" plays. */
function artistMix(ctx: RequestContext, artist: ArtistSeed): TrackSeed[] {
  const sources = [artist.id, ...artist.related].map((id) =>
    ctx.state.tracksOfArtist(id).filter((t) => t.readable),
  );
  const mix: TrackSeed[] = [];
  const seen = new Set<number>();
  for (let round = 0; sources.some((s) => s.length > round); round++) {
    for (const source of sources) {
      const track = source[round];
      if (track && !seen.has(track.id)) {
        seen.add(track.id);
        mix.push(track);
      }
    }
  }
  return mix;
}

export function artistRoutes(r: RouteTable): void {
  r.add("GET", "/artist/:id", (ctx) => ok(ctx.views.artist(findArtist(ctx), "full")));

  // Five entries per page unless asked otherwise (TestArtist.test_get_top: `next` at index 5).
  r.add("GET", "/artist/:id/top", (ctx) => {
    const artist = findArtist(ctx);
    const tracks = ctx.state.tracksOfArtist(artist.id).filter((t) => t.readable);
    return ok(page(ctx, tracks, { defaultLimit: 5, map: (t) => ctx.views.track(t, "top") }));
  });

  r.add("GET", "/artist/:id/albums", (ctx) => {
    const artist = findArtist(ctx);
    return ok(
      page(ctx, ctx.state.albumsOfArtist(artist.id), { map: (a) => ctx.views.album(a, "artistAlbums") }),
    );
  });

  r.add("GET", "/artist/:id/fans", (ctx) => {
    const artist = findArtist(ctx);
    return ok(
      page(ctx, ctx.state.fansOf("artists", artist.id), { map: (id) => ctx.views.userById(id, "list") }),
    );
  });

  r.add("GET", "/artist/:id/related", (ctx) => {
    const artist = findArtist(ctx);
    return ok(page(ctx, artist.related, { map: (id) => ctx.views.artistById(id, "listed") }));
  });

  r.add("GET", "/artist/:id/radio", (ctx) => {
    const artist = findArtist(ctx);
    return ok(bare(ctx, artistMix(ctx, artist), (t) => ctx.views.track(t, "list"), 25));
  });

  // Ten per page by default (TestArtist.test_get_playlists: `next` at index 10).
  r.add("GET", "/artist/:id/playlists", (ctx) => {
    const artist = findArtist(ctx);
    const playlists = [...ctx.state.playlists.values()]
      .filter(
        (p) =>
          p.public &&
          p.tracks.some((t) =>
            ctx.state.tracks.get(t.trackId)?.contributors.some((c) => c.artistId === artist.id),
          ),
      )
      .sort((a, b) => b.fans - a.fans || a.id - b.id);
    return ok(page(ctx, playlists, { defaultLimit: 10, map: (p) => ctx.views.playlist(p, "summary") }));
  });

  imageRoute(r, "artist", (ctx, id) => ctx.state.artists.has(id));
}
