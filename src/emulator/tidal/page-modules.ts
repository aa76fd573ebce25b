/**
 * The building blocks of `/v1/pages/*` answers: a page is rows of one module each, as the web client renders
 * them. Pages need `countryCode` and `deviceType` (`BROWSER`, `DESKTOP`, `PHONE`, `TV`); `locale` (`xx_XX`)
 * picks the page titles.
 */
import type { EmulatorRequest } from "../types.js";
import { country } from "./context.js";
import type { AlbumSeed, PlaylistSeed, TrackSeed } from "./data.js";
import { invalidParameter, missingParameter } from "./errors.js";
import type { Json } from "./format.js";
import type { TidalService } from "./service.js";
import { stableUuid } from "./util.js";

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

export interface PageContext {
  cc: string;
  words: Record<string, string>;
  deviceType: string;
}

export function pageContext(req: EmulatorRequest): PageContext {
  const cc = country(req);
  const deviceType = req.query.get("deviceType");
  if (deviceType === null || deviceType === "") throw missingParameter("deviceType");
  if (!DEVICE_TYPES.includes(deviceType)) throw invalidParameter("deviceType", deviceType);
  const locale = req.query.get("locale") ?? "en_US";
  if (!/^[a-z]{2}_[A-Z]{2}$/.test(locale)) throw invalidParameter("locale", locale);
  const words = TITLES[locale.slice(0, 2)] ?? (TITLES.en as Record<string, string>);
  return { cc, words, deviceType };
}

/** A page title in the page's language, English where it has none. */
export function word(ctx: PageContext, key: string): string {
  return ctx.words[key] ?? TITLES.en?.[key] ?? key;
}

/** The first page of a module's list; the rest would come from `dataApiPath`. */
export function pagedList(label: string, items: Json[], limit = 10): Json {
  return {
    limit: Math.min(limit, items.length),
    offset: 0,
    totalNumberOfItems: items.length,
    items: items.slice(0, limit),
    dataApiPath: `pages/data/${stableUuid(`paged-list:${label}`)}`,
  };
}

/** A module whose ID is stable for its label, so repeated requests describe the same page. */
export function pageModule(label: string, type: string, title: string, extra: Json = {}): Json {
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

/** A horizontally scrolled list module, with "view all" once it holds more than a page. */
export function listModule(
  ctx: PageContext,
  label: string,
  type: string,
  title: string,
  items: Json[],
  extra: Json = {},
): Json {
  return pageModule(label, type, title, {
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

export function pageJson(id: string, title: string, modules: Json[], selfLink: string | null = null): Json {
  return { id, title, rows: modules.map((m) => ({ modules: [m] })), selfLink };
}

export function pageTrack(s: TidalService, t: TrackSeed): Json {
  const json = s.fmt.track(t, { albumReleaseDate: true });
  const album = json.album as Json | null;
  if (album) album.url = `http://www.tidal.com/album/${t.albumId}`;
  return { ...json, doublePopularity: t.popularity / 100 };
}

export function pageAlbum(s: TidalService, a: AlbumSeed): Json {
  return s.fmt.album(a);
}

export function pagePlaylist(s: TidalService, p: PlaylistSeed): Json {
  return { ...s.fmt.playlist(p, true), creators: [] };
}

export function playbackControls(targetModuleId: string): Json[] {
  return [
    { title: "Play", icon: "play", playbackMode: "PLAY", shuffle: false, targetModuleId },
    { title: "Shuffle", icon: "shuffle", playbackMode: "SHUFFLE", shuffle: true, targetModuleId },
  ];
}
