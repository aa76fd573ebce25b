/**
 * The pages of one catalogue entry: `/v1/pages/album?albumId=`, `/v1/pages/mix?mixId=` and
 * `/v1/pages/videos?videoId=` (the artist page is in ./artist-page.ts). A header module comes first; its play
 * controls target the list module that follows.
 */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, ok, resolveCaller } from "../context.js";
import type { AlbumSeed, TrackSeed } from "../data.js";
import { missingParameter } from "../errors.js";
import type { Json } from "../format.js";
import { albumItems, findAlbum, findMix, findVideo, mixTracks } from "../lookup.js";
import {
  listModule,
  pageAlbum,
  pageContext,
  pageJson,
  pageModule,
  pagePlaylist,
  pageTrack,
  playbackControls,
  word,
} from "../page-modules.js";
import type { PageContext } from "../page-modules.js";
import { queryNumber } from "../params.js";
import type { TidalService } from "../service.js";
import { stableUuid } from "../util.js";

export function detailPageRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/pages/album", albumPage);
  r.add("GET", "/v1/pages/mix", mixPage);
  r.add("GET", "/v1/pages/videos", videosPage);
}

const albumPage: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const ctx = pageContext(req);
  const album = findAlbum(s, queryNumber(req, "albumId"), ctx.cc);
  const itemsModuleId = stableUuid(`module:album-items:${album.id}`);
  const items = albumItems(s, album, ctx.cc).map((entry) =>
    entry.type === "track"
      ? { ...entry, item: pageTrack(s, s.state.tracks.get((entry.item as Json).id as number) as TrackSeed) }
      : entry,
  );
  const modules = [
    pageModule(`album-header:${album.id}`, "ALBUM_HEADER", album.title, {
      album: pageAlbum(s, album),
      credits: { items: album.credits.map((c) => ({ type: c.type, contributors: c.contributors })) },
      review: album.review ? { source: album.review.source, text: album.review.text } : null,
      playbackControls: playbackControls(itemsModuleId),
    }),
    {
      ...listModule(ctx, `album-items:${album.id}`, "ALBUM_ITEMS", "", items, {
        copyright: album.copyright,
        releaseDate: album.releaseDate,
        playButton: true,
        shuffleButton: true,
      }),
      id: itemsModuleId,
    },
    ...albumNeighbours(s, ctx, album),
  ];
  return ok(
    pageJson(stableUuid(`page:album:${album.id}`), album.title, modules, `pages/album?albumId=${album.id}`),
  );
};

/** More albums by the album's main artist, and artists similar to that artist. */
function albumNeighbours(s: TidalService, ctx: PageContext, album: AlbumSeed): Json[] {
  const main = album.artists[0]?.id ?? 0;
  const more = s.state
    .artistAlbums(main)
    .filter((a) => a.id !== album.id && s.state.albumAvailable(a, ctx.cc))
    .map((a) => pageAlbum(s, a));
  const similarArtists = (s.state.artists.get(main)?.similar ?? [])
    .map((id) => s.state.artists.get(id))
    .filter((a) => a !== undefined)
    .map((a) => {
      const full = s.fmt.artist(a);
      return {
        id: full.id,
        name: full.name,
        picture: full.picture,
        artistTypes: full.artistTypes,
        artistRoles: full.artistRoles,
        mixes: full.mixes,
        selectedAlbumCoverFallback: null,
      };
    });
  return [
    listModule(ctx, `album-more:${album.id}`, "ALBUM_LIST", "More albums by this artist", more, {
      header: null,
    }),
    listModule(ctx, `album-related:${album.id}`, "ARTIST_LIST", "Related artists", similarArtists, {
      header: null,
    }),
  ];
}

const mixPage: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const ctx = pageContext(req);
  const mixId = req.query.get("mixId");
  if (mixId === null || mixId === "") throw missingParameter("mixId");
  const mix = findMix(s, mixId);
  const listId = stableUuid(`module:mix-tracks:${mix.id}`);
  const tracks = mixTracks(s, mix.trackIds, ctx.cc).map((t) => pageTrack(s, t));
  const mixJson = s.fmt.mix(req.urls.tidalResources, mix);
  mixJson.graphic = {
    type: "SQUARES_GRID",
    text: mix.title,
    images: tracks.slice(0, 4).map((t) => {
      const artist = (t.artists as Json[])[0];
      return { id: String(artist?.picture ?? ""), type: "ARTIST", vibrantColor: "#FFFFFF" };
    }),
  };
  const modules = [
    pageModule(`mix-header:${mix.id}`, "MIX_HEADER", mix.title, {
      mix: mixJson,
      playbackControls: playbackControls(listId),
    }),
    {
      ...listModule(ctx, `mix-tracks:${mix.id}`, "TRACK_LIST", "", tracks, { showTableHeaders: true }),
      id: listId,
    },
  ];
  return ok(pageJson(stableUuid(`page:mix:${mix.id}`), mix.title, modules, `pages/mix?mixId=${mix.id}`));
};

/** One video promoted, public playlists holding videos, and the other videos. */
const videosPage: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const ctx = pageContext(req);
  const video = findVideo(s, queryNumber(req, "videoId"), ctx.cc);
  const playlists = [...s.state.playlists.values()]
    .filter((p) => p.isPublic && p.items.some((i) => i.type === "video"))
    .map((p) => pagePlaylist(s, p));
  const others = [...s.state.videos.values()]
    .filter((v) => v.id !== video.id && s.state.videoAvailable(v, ctx.cc))
    .map((v) => s.fmt.video(v));
  const promotion = {
    type: "VIDEO",
    artifactId: String(video.id),
    header: video.title,
    shortHeader: video.title,
    shortSubHeader: s.state.artists.get(video.artists[0]?.id ?? 0)?.name ?? "",
    text: video.title,
    imageId: video.imageId,
    featured: true,
  };
  const modules = [
    pageModule(`videos-top:${video.id}`, "MULTIPLE_TOP_PROMOTIONS", "", { items: [promotion] }),
    listModule(ctx, `videos-playlists:${video.id}`, "PLAYLIST_LIST", "Video playlists", playlists, {
      playlistStyle: null,
    }),
    listModule(ctx, `videos-more:${video.id}`, "VIDEO_LIST", "More videos", others, {
      showTableHeaders: false,
    }),
  ];
  return ok(
    pageJson(
      stableUuid(`page:videos:${video.id}`),
      word(ctx, "videos"),
      modules,
      `pages/videos?videoId=${video.id}`,
    ),
  );
};
