/**
 * Finding the entity a path names, with the error Deezer gives for each kind when it does not exist: "no data"
 * (800) for albums, artists, tracks, playlists and users; "Wrong parameter" (500) for genres, editorials and radios;
 * a code-less `Exception` for podcasts and episodes (the test_no_*_raise recordings).
 */
import type { RequestContext, RouteTable } from "./context.js";
import { parseId, requireToken } from "./context.js";
import type { Permission } from "./data.js";
import type {
  AlbumSeed,
  ArtistSeed,
  EditorialSeed,
  EpisodeSeed,
  GenreSeed,
  PodcastSeed,
  RadioSeed,
  TrackSeed,
} from "./data.js";
import { fail } from "./errors.js";
import type { PlaylistState } from "./state.js";

function pathId(ctx: RequestContext): string {
  return ctx.req.params["id"] ?? "";
}

/** UPCs may be written with or without the leading zeros of their EAN-13 form. */
function sameBarcode(a: string, b: string): boolean {
  return a.replace(/^0+/, "") === b.replace(/^0+/, "");
}

export function findAlbum(ctx: RequestContext, raw = pathId(ctx)): AlbumSeed {
  if (raw.toLowerCase().startsWith("upc:")) {
    const upc = raw.slice(4);
    const album =
      ctx.state.albumsByUpc.get(upc) ?? [...ctx.state.albums.values()].find((a) => sameBarcode(a.upc, upc));
    return album ?? fail.noData();
  }
  const id = parseId(raw);
  return (id === undefined ? undefined : ctx.state.albums.get(id)) ?? fail.noData();
}

export function findArtist(ctx: RequestContext, raw = pathId(ctx)): ArtistSeed {
  const id = parseId(raw);
  return (id === undefined ? undefined : ctx.state.artists.get(id)) ?? fail.noData();
}

export function findTrack(ctx: RequestContext, raw = pathId(ctx)): TrackSeed {
  if (raw.toLowerCase().startsWith("isrc:")) {
    return ctx.state.tracksByIsrc.get(raw.slice(5).toUpperCase()) ?? fail.noData();
  }
  const id = parseId(raw);
  return (id === undefined ? undefined : ctx.state.tracks.get(id)) ?? fail.noData();
}

export function findGenre(ctx: RequestContext, raw = pathId(ctx)): GenreSeed {
  const id = parseId(raw);
  return (id === undefined ? undefined : ctx.state.genres.get(id)) ?? fail.wrongParameter();
}

export function findEditorial(ctx: RequestContext, raw = pathId(ctx)): EditorialSeed {
  const id = parseId(raw);
  return (id === undefined ? undefined : ctx.state.editorials.get(id)) ?? fail.wrongParameter();
}

export function findRadio(ctx: RequestContext, raw = pathId(ctx)): RadioSeed {
  const id = parseId(raw);
  return (id === undefined ? undefined : ctx.state.radios.get(id)) ?? fail.wrongParameter();
}

export function findPodcast(ctx: RequestContext, raw = pathId(ctx)): PodcastSeed {
  const id = parseId(raw);
  return (id === undefined ? undefined : ctx.state.podcasts.get(id)) ?? fail.generic();
}

export function findEpisode(ctx: RequestContext, raw = pathId(ctx)): EpisodeSeed {
  const id = parseId(raw);
  return (id === undefined ? undefined : ctx.state.episodes.get(id)) ?? fail.generic();
}

/**
 * A playlist the caller may read: public ones for anyone, private ones for their owner only. Deezer refuses a
 * private playlist with its code-200 "active access token" error rather than "no data" (as users of other clients
 * report for playlists they cannot see).
 */
export function readablePlaylist(ctx: RequestContext, raw = pathId(ctx)): PlaylistState {
  const id = parseId(raw);
  const playlist = (id === undefined ? undefined : ctx.state.playlists.get(id)) ?? fail.noData();
  if (!playlist.public && ctx.token?.userId !== playlist.ownerId) fail.noActiveToken();
  return playlist;
}

/**
 * A playlist the caller may change: their own, or (for adding and reordering tracks) a public collaborative one.
 */
export function writablePlaylist(
  ctx: RequestContext,
  permissions: readonly Permission[],
  allowCollaborative = false,
  raw = pathId(ctx),
): PlaylistState {
  const token = requireToken(ctx);
  const id = parseId(raw);
  const playlist = (id === undefined ? undefined : ctx.state.playlists.get(id)) ?? fail.noData();
  const owner = playlist.ownerId === token.userId;
  if (!owner && !(allowCollaborative && playlist.collaborative && playlist.public)) fail.noActiveToken();
  requireToken(ctx, permissions);
  return playlist;
}

/** `GET /{kind}/{id}/image` redirects to the picture on the CDN, as the API host does. */
export function imageRoute(
  r: RouteTable,
  kind: "album" | "artist" | "playlist" | "user" | "genre" | "radio",
  exists: (ctx: RequestContext, id: number) => boolean,
): void {
  r.add("GET", `/${kind}/:id/image`, (ctx) => {
    const id = parseId(pathId(ctx));
    if (id === undefined || !exists(ctx, id)) return fail.noData();
    const location = ctx.views.imageUrl(kind, id);
    return { status: 302, headers: { location }, text: "" };
  });
}
