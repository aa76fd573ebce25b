/**
 * The `/v1/pages/*` routes: rows of modules, as the web client renders them. They need `countryCode` and
 * `deviceType` (`BROWSER`, `DESKTOP`, `PHONE`, `TV`); `locale` (`xx_XX`) picks the page titles.
 */
import type { EmulatorRequest, RoleRouter } from "../../types.js";
import type { AlbumSeed, PlaylistSeed, TrackSeed } from "../data.js";
import { invalidParameter, missingParameter, notFound } from "../errors.js";
import type { Json } from "../format.js";
import { addRoute, country, ok, requireUser, resolveCaller } from "../context.js";
import type { TidalService } from "../service.js";
import { stableUuid } from "../util.js";
import { albumItems, findAlbum, findArtist, findVideo, mixTracks } from "./catalogue.js";

const DEVICE_TYPES = ["BROWSER", "DESKTOP", "PHONE", "TV"];

const TITLES: Record<string, Record<string, string>> = {
  en: { home: "Home", explore: "Explore", videos: "Videos", mixes: "My Mixes", viewAll: "View all" },
  de: {
    home: "Startseite",
    explore: "Entdecken",
    videos: "Videos",
    mixes: "Meine Mixes",
    viewAll: "Alle anzeigen",
  },
  fr: { home: "Accueil", explore: "Explorer", videos: "Vidéos", mixes: "Mes mix", viewAll: "Tout afficher" },
};

interface PageContext {
  cc: string;
  words: Record<string, string>;
  deviceType: string;
}

function pageContext(req: EmulatorRequest): PageContext {
  const cc = country(req);
  const deviceType = req.query.get("deviceType");
  if (deviceType === null || deviceType === "") throw missingParameter("deviceType");
  if (!DEVICE_TYPES.includes(deviceType)) throw invalidParameter("deviceType", deviceType);
  const locale = req.query.get("locale") ?? "en_US";
  if (!/^[a-z]{2}_[A-Z]{2}$/.test(locale)) throw invalidParameter("locale", locale);
  const words = TITLES[locale.slice(0, 2)] ?? (TITLES.en as Record<string, string>);
  return { cc, words, deviceType };
}

function word(ctx: PageContext, key: string): string {
  return ctx.words[key] ?? TITLES.en?.[key] ?? key;
}

function pagedList(label: string, items: Json[], limit = 10): Json {
  return {
    limit: Math.min(limit, items.length),
    offset: 0,
    totalNumberOfItems: items.length,
    items: items.slice(0, limit),
    dataApiPath: `pages/data/${stableUuid(`paged-list:${label}`)}`,
  };
}

function module(label: string, type: string, title: string, extra: Json = {}): Json {
  return {
    id: stableUuid(`module:${label}`),
    type,
    width: 100,
    title,
    description: "",
    preTitle: null,
    ...extra,
  };
}

function listModule(
  ctx: PageContext,
  label: string,
  type: string,
  title: string,
  items: Json[],
  extra: Json = {},
): Json {
  return module(label, type, title, {
    pagedList: pagedList(label, items),
    supportsPaging: items.length > 10,
    quickPlay: false,
    scroll: "HORIZONTAL",
    layout: null,
    listFormat: "COVERS",
    showMore:
      items.length > 10
        ? { title: word(ctx, "viewAll"), apiPath: `pages/single-module-page/${label}` }
        : null,
    ...extra,
  });
}

function page(id: string, title: string, modules: Json[], selfLink: string | null = null): Json {
  return { id, title, rows: modules.map((m) => ({ modules: [m] })), selfLink };
}

function pageTrack(s: TidalService, t: TrackSeed): Json {
  const json = s.fmt.track(t, { albumReleaseDate: true });
  const album = json.album as Json | null;
  if (album) album.url = `http://www.tidal.com/album/${t.albumId}`;
  return { ...json, doublePopularity: t.popularity / 100 };
}

function pageAlbum(s: TidalService, a: AlbumSeed): Json {
  return s.fmt.album(a);
}

function pagePlaylist(s: TidalService, p: PlaylistSeed): Json {
  return { ...s.fmt.playlist(p, true), creators: [] };
}

function playbackControls(targetModuleId: string): Json[] {
  return [
    { title: "Play", icon: "play", playbackMode: "PLAY", shuffle: false, targetModuleId },
    { title: "Shuffle", icon: "shuffle", playbackMode: "SHUFFLE", shuffle: true, targetModuleId },
  ];
}

export function installPageRoutes(router: RoleRouter, svc: () => TidalService): void {
  const get = (pattern: string, handler: Parameters<typeof addRoute>[5]): void =>
    addRoute(router, svc, "tidalApi", "GET", pattern, handler);

  get("/v1/pages/home", (req, s) => {
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
    if (caller.kind === "user") {
      const favourites = s.state
        .collection(caller.user.id)
        .albums.map((f) => s.state.albums.get(f.id))
        .filter((a): a is AlbumSeed => a !== undefined && s.state.albumAvailable(a, ctx.cc))
        .map((a) => pageAlbum(s, a));
      modules.push(
        listModule(ctx, "home-favourites", "ALBUM_LIST", "Your favourite albums", favourites, {
          header: null,
        }),
      );
    }
    return ok(page(stableUuid("page:home"), word(ctx, "home"), modules, "pages/home"));
  });

  get("/v1/pages/explore", (req, s) => {
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
    const featured = [...s.state.albums.values()]
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
    return ok(
      page(
        stableUuid("page:explore"),
        word(ctx, "explore"),
        [
          module("explore-featured", "FEATURED_PROMOTIONS", "Featured", { items: featured }),
          module("explore-genres", "PAGE_LINKS_CLOUD", "Genres", {
            pagedList: pagedList("explore-genres", genres),
            lines: 2,
            showMore: null,
          }),
          module("explore-moods", "PAGE_LINKS", "Moods & Activities", {
            pagedList: { limit: moods.length, offset: 0, totalNumberOfItems: moods.length, items: moods },
          }),
        ],
        "pages/explore",
      ),
    );
  });

  get("/v1/pages/album", (req, s) => {
    resolveCaller(s, req);
    const ctx = pageContext(req);
    const raw = req.query.get("albumId");
    if (raw === null || raw === "") throw missingParameter("albumId");
    const album = findAlbum(s, /^\d+$/.test(raw) ? Number(raw) : NaN, ctx.cc);
    const itemsModuleId = stableUuid(`module:album-items:${album.id}`);
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
    const items = albumItems(s, album, ctx.cc).map((entry) =>
      entry.type === "track"
        ? { ...entry, item: pageTrack(s, s.state.tracks.get((entry.item as Json).id as number) as TrackSeed) }
        : entry,
    );
    return ok(
      page(
        stableUuid(`page:album:${album.id}`),
        album.title,
        [
          module(`album-header:${album.id}`, "ALBUM_HEADER", album.title, {
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
          listModule(ctx, `album-more:${album.id}`, "ALBUM_LIST", "More albums by this artist", more, {
            header: null,
          }),
          listModule(ctx, `album-related:${album.id}`, "ARTIST_LIST", "Related artists", similarArtists, {
            header: null,
          }),
        ],
        `pages/album?albumId=${album.id}`,
      ),
    );
  });

  get("/v1/pages/artist", (req, s) => {
    resolveCaller(s, req);
    const ctx = pageContext(req);
    const raw = req.query.get("artistId");
    if (raw === null || raw === "") throw missingParameter("artistId");
    const artist = findArtist(s, /^\d+$/.test(raw) ? Number(raw) : NaN);
    const topModuleId = stableUuid(`module:artist-top:${artist.id}`);
    const tracks = s.state
      .artistTracks(artist.id)
      .filter((t) => s.state.trackAvailable(t, ctx.cc))
      .map((t) => pageTrack(s, t));
    const albums = s.state
      .artistAlbums(artist.id)
      .filter((a) => s.state.albumAvailable(a, ctx.cc))
      .map((a) => pageAlbum(s, a));
    const playlists = [...s.state.playlists.values()]
      .filter(
        (p) =>
          p.isPublic &&
          p.items.some(
            (i) => i.type === "track" && s.state.tracks.get(i.id)?.artists.some((a) => a.id === artist.id),
          ),
      )
      .map((p) => ({ item: pagePlaylist(s, p), type: "PLAYLIST" }));
    const videos = s.state
      .artistVideos(artist.id)
      .filter((v) => s.state.videoAvailable(v, ctx.cc))
      .map((v) => s.fmt.video(v));
    const similar = artist.similar
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
    return ok(
      page(
        stableUuid(`page:artist:${artist.id}`),
        artist.name,
        [
          module(`artist-header:${artist.id}`, "ARTIST_HEADER", artist.name, {
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
          }),
          {
            ...listModule(ctx, `artist-top:${artist.id}`, "TRACK_LIST", "Top Tracks", tracks, {
              showTableHeaders: true,
            }),
            id: topModuleId,
          },
          listModule(ctx, `artist-albums:${artist.id}`, "ALBUM_LIST", "Albums", albums, { header: null }),
          listModule(ctx, `artist-playlists:${artist.id}`, "MIXED_TYPES_LIST", "Playlists", playlists),
          listModule(ctx, `artist-videos:${artist.id}`, "VIDEO_LIST", "Videos", videos, {
            showTableHeaders: false,
          }),
          listModule(ctx, `artist-similar:${artist.id}`, "ARTIST_LIST", "Fans also like", similar, {
            header: null,
          }),
        ],
        `pages/artist?artistId=${artist.id}`,
      ),
    );
  });

  get("/v1/pages/mix", (req, s) => {
    resolveCaller(s, req);
    const ctx = pageContext(req);
    const mixId = req.query.get("mixId");
    if (mixId === null || mixId === "") throw missingParameter("mixId");
    const mix = s.state.mixes.get(mixId);
    if (!mix) throw notFound("Mix");
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
    return ok(
      page(
        stableUuid(`page:mix:${mix.id}`),
        mix.title,
        [
          module(`mix-header:${mix.id}`, "MIX_HEADER", mix.title, {
            mix: mixJson,
            playbackControls: playbackControls(listId),
          }),
          {
            ...listModule(ctx, `mix-tracks:${mix.id}`, "TRACK_LIST", "", tracks, { showTableHeaders: true }),
            id: listId,
          },
        ],
        `pages/mix?mixId=${mix.id}`,
      ),
    );
  });

  get("/v1/pages/my_collection_my_mixes", (req, s) => {
    const caller = requireUser(s, req);
    const ctx = pageContext(req);
    const mixes = [...s.state.mixes.values()]
      .filter((m) => m.ownerId === caller.user.id)
      .map((m) => s.fmt.mix(req.urls.tidalResources, m));
    return ok(
      page(
        stableUuid(`page:my-mixes:${caller.user.id}`),
        word(ctx, "mixes"),
        [
          module("my-mixes-text", "TEXT_BLOCK", word(ctx, "mixes"), {
            text: "Mixes made for you, updated as you listen.",
            icon: null,
            collapse: false,
          }),
          listModule(ctx, `my-mixes:${caller.user.id}`, "MIX_LIST", "Your mixes", mixes),
        ],
        "pages/my_collection_my_mixes",
      ),
    );
  });

  get("/v1/pages/videos", (req, s) => {
    resolveCaller(s, req);
    const ctx = pageContext(req);
    const raw = req.query.get("videoId");
    if (raw === null || raw === "") throw missingParameter("videoId");
    const video = findVideo(s, /^\d+$/.test(raw) ? Number(raw) : NaN, ctx.cc);
    const playlists = [...s.state.playlists.values()]
      .filter((p) => p.isPublic && p.items.some((i) => i.type === "video"))
      .map((p) => pagePlaylist(s, p));
    const others = [...s.state.videos.values()]
      .filter((v) => v.id !== video.id && s.state.videoAvailable(v, ctx.cc))
      .map((v) => s.fmt.video(v));
    return ok(
      page(
        stableUuid(`page:videos:${video.id}`),
        word(ctx, "videos"),
        [
          module(`videos-top:${video.id}`, "MULTIPLE_TOP_PROMOTIONS", "", {
            items: [
              {
                type: "VIDEO",
                artifactId: String(video.id),
                header: video.title,
                shortHeader: video.title,
                shortSubHeader: s.state.artists.get(video.artists[0]?.id ?? 0)?.name ?? "",
                text: video.title,
                imageId: video.imageId,
                featured: true,
              },
            ],
          }),
          listModule(ctx, `videos-playlists:${video.id}`, "PLAYLIST_LIST", "Video playlists", playlists, {
            playlistStyle: null,
          }),
          listModule(ctx, `videos-more:${video.id}`, "VIDEO_LIST", "More videos", others, {
            showTableHeaders: false,
          }),
        ],
        `pages/videos?videoId=${video.id}`,
      ),
    );
  });
}
