/**
 * `/v1/pages/artist?artistId=`: the artist header (its play controls target the top tracks), then top tracks,
 * albums, playlists, videos and similar artists.
 */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, ok, resolveCaller } from "../context.js";
import type { ArtistSeed } from "../data.js";
import type { Json } from "../format.js";
import { findArtist } from "../lookup.js";
import {
  listModule,
  pageAlbum,
  pageContext,
  pageJson,
  pageModule,
  pagePlaylist,
  pageTrack,
  playbackControls,
} from "../page-modules.js";
import type { PageContext } from "../page-modules.js";
import { queryNumber } from "../params.js";
import type { TidalService } from "../service.js";
import { stableUuid } from "../util.js";

export function artistPageRoutes(router: RoleRouter, svc: () => TidalService): void {
  apiRoutes(router, svc).add("GET", "/v1/pages/artist", artistPage);
}

const artistPage: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const ctx = pageContext(req);
  const artist = findArtist(s, queryNumber(req, "artistId"));
  const topModuleId = stableUuid(`module:artist-top:${artist.id}`);
  const modules = [artistHeader(artist, topModuleId), ...artistLists(s, ctx, artist, topModuleId)];
  return ok(
    pageJson(
      stableUuid(`page:artist:${artist.id}`),
      artist.name,
      modules,
      `pages/artist?artistId=${artist.id}`,
    ),
  );
};

function artistHeader(artist: ArtistSeed, topModuleId: string): Json {
  return pageModule(`artist-header:${artist.id}`, "ARTIST_HEADER", artist.name, {
    artist: {
      id: artist.id,
      name: artist.name,
      handle: null,
      picture: artist.picture,
      artistTypes: artist.artistTypes,
      url: `http://www.tidal.com/artist/${artist.id}`,
      mixes: { ARTIST_MIX: artist.mixId },
      selectedAlbumCoverFallback: null,
    },
    artistMix: { id: artist.mixId },
    mixes: { ARTIST_MIX: artist.mixId },
    bio: artist.bio ? { source: artist.bio.source, text: artist.bio.text } : null,
    roleCategories: artist.roles.map((r) => r.category),
    store: null,
    playbackControls: playbackControls(topModuleId),
  });
}

/** Top tracks, albums, public playlists featuring the artist, videos, and similar artists. */
function artistLists(s: TidalService, ctx: PageContext, artist: ArtistSeed, topModuleId: string): Json[] {
  const id = artist.id;
  const tracks = s.state
    .artistTracks(id)
    .filter((t) => s.state.trackAvailable(t, ctx.cc))
    .map((t) => pageTrack(s, t));
  const albums = s.state
    .artistAlbums(id)
    .filter((a) => s.state.albumAvailable(a, ctx.cc))
    .map((a) => pageAlbum(s, a));
  const videos = s.state
    .artistVideos(id)
    .filter((v) => s.state.videoAvailable(v, ctx.cc))
    .map((v) => s.fmt.video(v));
  return [
    {
      ...listModule(ctx, `artist-top:${id}`, "TRACK_LIST", "Top Tracks", tracks, { showTableHeaders: true }),
      id: topModuleId,
    },
    listModule(ctx, `artist-albums:${id}`, "ALBUM_LIST", "Albums", albums, { header: null }),
    listModule(ctx, `artist-playlists:${id}`, "MIXED_TYPES_LIST", "Playlists", playlistsFeaturing(s, id)),
    listModule(ctx, `artist-videos:${id}`, "VIDEO_LIST", "Videos", videos, { showTableHeaders: false }),
    listModule(ctx, `artist-similar:${id}`, "ARTIST_LIST", "Fans also like", similarArtists(s, artist), {
      header: null,
    }),
  ];
}

function playlistsFeaturing(s: TidalService, artistId: number): Json[] {
  return [...s.state.playlists.values()]
    .filter(
      (p) =>
        p.isPublic &&
        p.items.some(
          (i) => i.type === "track" && s.state.tracks.get(i.id)?.artists.some((a) => a.id === artistId),
        ),
    )
    .map((p) => ({ item: pagePlaylist(s, p), type: "PLAYLIST" }));
}

function similarArtists(s: TidalService, artist: ArtistSeed): Json[] {
  return artist.similar
    .map((id) => s.state.artists.get(id))
    .filter((a) => a !== undefined)
    .map((a) => ({
      id: a.id,
      name: a.name,
      picture: a.picture,
      artistTypes: a.artistTypes,
      artistRoles: a.roles,
      mixes: { ARTIST_MIX: a.mixId },
      selectedAlbumCoverFallback: null,
    }));
}
