/** The general pages: `/v1/pages/home`, `/v1/pages/explore` and `/v1/pages/my_collection_my_mixes`. */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, ok, requireUser, resolveCaller } from "../context.js";
import type { AlbumSeed } from "../data.js";
import {
  listModule,
  pageAlbum,
  pageContext,
  pageJson,
  pageModule,
  pagePlaylist,
  pageTrack,
  pagedList,
  word,
} from "../page-modules.js";
import type { PageContext } from "../page-modules.js";
import type { TidalService } from "../service.js";
import { stableUuid } from "../util.js";

export function pageRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/pages/home", homePage);
  r.add("GET", "/v1/pages/explore", explorePage);
  r.add("GET", "/v1/pages/my_collection_my_mixes", myMixesPage);
}

/** Popular playlists and tracks, new albums, and for a signed-in user their favourite albums. */
const homePage: ApiHandler = (req, s) => {
  const caller = resolveCaller(s, req);
  const ctx = pageContext(req);
  const playlists = [...s.state.playlists.values()]
    .filter((p) => p.isPublic)
    .sort((a, b) => b.popularity - a.popularity)
    .map((p) => pagePlaylist(s, p));
  const tracks = [...s.state.tracks.values()]
    .filter((t) => s.state.trackAvailable(t, ctx.cc))
    .sort((a, b) => b.popularity - a.popularity)
    .map((t) => pageTrack(s, t));
  const albums = [...s.state.albums.values()]
    .filter((a) => s.state.albumAvailable(a, ctx.cc))
    .sort((a, b) => b.releaseDate.localeCompare(a.releaseDate))
    .map((a) => pageAlbum(s, a));
  const modules = [
    listModule(ctx, "home-playlists", "PLAYLIST_LIST", "Popular playlists", playlists, {
      playlistStyle: null,
    }),
    listModule(ctx, "home-tracks", "TRACK_LIST", "Popular tracks", tracks, { showTableHeaders: false }),
    listModule(ctx, "home-albums", "ALBUM_LIST", "New albums", albums, { header: null }),
  ];
  if (caller.kind === "user") modules.push(favouriteAlbumsModule(s, ctx, caller.user.id));
  return ok(pageJson(stableUuid("page:home"), word(ctx, "home"), modules, "pages/home"));
};

function favouriteAlbumsModule(s: TidalService, ctx: PageContext, userId: number) {
  const favourites = s.state
    .collection(userId)
    .albums.map((f) => s.state.albums.get(f.id))
    .filter((a): a is AlbumSeed => a !== undefined && s.state.albumAvailable(a, ctx.cc))
    .map((a) => pageAlbum(s, a));
  return listModule(ctx, "home-favourites", "ALBUM_LIST", "Your favourite albums", favourites, {
    header: null,
  });
}

/** Three featured albums, genre links and mood links. */
const explorePage: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const ctx = pageContext(req);
  const genres = ["Pop", "Rock", "Electronic", "Jazz", "Classical"].map((g) => ({
    title: g,
    icon: null,
    apiPath: `pages/genre_${g.toLowerCase()}`,
    imageId: stableUuid(`genre:${g}`),
  }));
  const moods = ["Focus", "Party", "Sleep"].map((m) => ({
    title: m,
    icon: null,
    apiPath: `pages/mood_${m.toLowerCase()}`,
    imageId: stableUuid(`mood:${m}`),
  }));
  const modules = [
    pageModule("explore-featured", "FEATURED_PROMOTIONS", "Featured", { items: featuredAlbums(s, ctx) }),
    pageModule("explore-genres", "PAGE_LINKS_CLOUD", "Genres", {
      pagedList: pagedList("explore-genres", genres),
      lines: 2,
      showMore: null,
    }),
    pageModule("explore-moods", "PAGE_LINKS", "Moods & Activities", {
      pagedList: { limit: moods.length, offset: 0, totalNumberOfItems: moods.length, items: moods },
    }),
  ];
  return ok(pageJson(stableUuid("page:explore"), word(ctx, "explore"), modules, "pages/explore"));
};

function featuredAlbums(s: TidalService, ctx: PageContext) {
  return [...s.state.albums.values()]
    .filter((a) => s.state.albumAvailable(a, ctx.cc))
    .slice(0, 3)
    .map((a) => ({
      type: "ALBUM",
      artifactId: String(a.id),
      header: a.title,
      shortHeader: a.title,
      shortSubHeader: s.state.artists.get(a.artists[0]?.id ?? 0)?.name ?? "",
      text: `New from ${s.state.artists.get(a.artists[0]?.id ?? 0)?.name ?? "TIDAL"}`,
      imageId: a.cover,
      featured: true,
    }));
}

const myMixesPage: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const ctx = pageContext(req);
  const mixes = [...s.state.mixes.values()]
    .filter((m) => m.ownerId === caller.user.id)
    .map((m) => s.fmt.mix(req.urls.tidalResources, m));
  return ok(
    pageJson(
      stableUuid(`page:my-mixes:${caller.user.id}`),
      word(ctx, "mixes"),
      [
        pageModule("my-mixes-text", "TEXT_BLOCK", word(ctx, "mixes"), {
          text: "Mixes made for you, updated as you listen.",
          icon: null,
          collapse: false,
        }),
        listModule(ctx, `my-mixes:${caller.user.id}`, "MIX_LIST", "Your mixes", mixes),
      ],
      "pages/my_collection_my_mixes",
    ),
  );
};
