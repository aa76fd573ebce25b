/**
 * `GET /v2/home/feed/static`: the personalised v2 home feed, a list of modules
 * (`SHORTCUT_LIST`, `HORIZONTAL_LIST`, `HORIZONTAL_LIST_WITH_CONTEXT`, `TRACK_LIST`) whose items are
 * `{type, data}` with the v1 objects, except `MIX`, which carries the v2 mix object.
 *
 * Choices where the service's behaviour is not known, made strict so a client that passes here sends what the
 * known clients send:
 * - `x-tidal-client-version` is required (400 without it), as are `countryCode`, `deviceType` and `platform`.
 * - The modules come FEED_PAGE_SIZE at a time; `page.cursor` names the next page and is left out on the last.
 *   `limit` is accepted and ignored (tidalapi sends its default 1000 with every call).
 * - Only the `static` feed exists; `viewAll` paths are named but not served.
 */
import type { EmulatorRequest, RoleRouter } from "../../types.js";
import { addRoute, country, ok, requireUser } from "../context.js";
import type { UserCaller } from "../context.js";
import type { AlbumSeed, ArtistSeed, MixSeed, PlaylistSeed, TrackSeed, VideoSeed } from "../data.js";
import { invalidParameter, missingParameter } from "../errors.js";
import type { Json } from "../format.js";
import { artworkUrl } from "../format.js";
import type { TidalService } from "../service.js";
import { stableUuid } from "../util.js";

/** Modules per feed page. */
export const FEED_PAGE_SIZE = 4;

const DEVICE_TYPES = ["BROWSER", "DESKTOP", "PHONE", "TV"];
const PLATFORMS = ["WEB", "DESKTOP", "ANDROID", "IOS"];

type ItemType = "PLAYLIST" | "VIDEO" | "TRACK" | "ARTIST" | "ALBUM" | "MIX";

interface FeedContext {
  svc: TidalService;
  cc: string;
  resourcesUrl: string;
}

function requiredChoice(req: EmulatorRequest, name: string, allowed: readonly string[]): string {
  const value = req.query.get(name);
  if (value === null || value === "") throw missingParameter(name);
  if (!allowed.includes(value)) throw invalidParameter(name, value);
  return value;
}

function feedContext(req: EmulatorRequest, svc: TidalService): FeedContext {
  if (!req.headers["x-tidal-client-version"]) throw missingParameter("x-tidal-client-version header");
  const cc = country(req);
  requiredChoice(req, "deviceType", DEVICE_TYPES);
  requiredChoice(req, "platform", PLATFORMS);
  const locale = req.query.get("locale");
  if (locale !== null && !/^[a-z]{2}_[A-Z]{2}$/.test(locale)) throw invalidParameter("locale", locale);
  return { svc, cc, resourcesUrl: req.urls.tidalResources };
}

/** The v2 mix object of feed items (a different shape from the v1 mix of `/v1/pages`). */
function mixV2(ctx: FeedContext, mix: MixSeed): Json {
  const images = [320, 640, 1500].map((size) => ({
    size: size === 320 ? "SMALL" : size === 640 ? "MEDIUM" : "LARGE",
    width: size,
    height: size,
    url: artworkUrl(ctx.resourcesUrl, mix.image, `${size}x${size}`),
  }));
  return {
    id: mix.id,
    type: mix.mixType,
    mixImages: images,
    detailMixImages: images,
    titleTextInfo: { text: mix.title, color: "#FFFFFF" },
    subtitleTextInfo: { text: mix.subTitle, color: "#B3B3B3" },
    shortSubtitleTextInfo: { text: mix.subTitle, color: "#B3B3B3" },
    countryCode: ctx.cc,
    isStableId: mix.ownerId === null,
    trackGroupId: stableUuid(`track-group:${mix.id}`),
    contentBehavior: "UNRESTRICTED",
    updated: null,
  };
}

function item(type: ItemType, data: Json): Json {
  return { type, data };
}

function module(label: string, type: string, title: string, items: Json[], extra: Json = {}): Json {
  return {
    type,
    moduleId: stableUuid(`feed-module:${label}`),
    title,
    subtitle: null,
    description: null,
    viewAll: `home/pages/${label.toUpperCase().replace(/-/g, "_")}/view-all`,
    items,
    ...extra,
  };
}

function present<T>(values: (T | undefined)[]): T[] {
  return values.filter((v): v is T => v !== undefined);
}

function feedModules(ctx: FeedContext, caller: UserCaller): Json[] {
  const { svc, cc } = ctx;
  const { state, fmt } = svc;
  const collection = state.collection(caller.user.id);
  const album = (a: AlbumSeed): Json => item("ALBUM", fmt.album(a));
  const track = (t: TrackSeed): Json => item("TRACK", fmt.track(t));
  const artist = (a: ArtistSeed): Json => item("ARTIST", fmt.artist(a));
  const playlist = (p: PlaylistSeed): Json => item("PLAYLIST", fmt.playlist(p, true));
  const video = (v: VideoSeed): Json => item("VIDEO", fmt.video(v));
  const mix = (m: MixSeed): Json => item("MIX", mixV2(ctx, m));

  const favouriteAlbums = present(collection.albums.map((f) => state.albums.get(f.id))).filter((a) =>
    state.albumAvailable(a, cc),
  );
  const personalMixes = [...state.mixes.values()].filter((m) => m.ownerId === caller.user.id);
  const ownPlaylists = present(collection.ownPlaylists.map((e) => state.playlists.get(e.uuid)));
  const favouriteArtists = present(collection.artists.map((f) => state.artists.get(f.id)));
  const anchor = favouriteAlbums[0];
  const similarToAnchor = present((anchor?.similar ?? []).map((id) => state.albums.get(id))).filter((a) =>
    state.albumAvailable(a, cc),
  );
  const newTracks = [...state.tracks.values()]
    .filter((t) => state.trackAvailable(t, cc))
    .sort((a, b) => b.popularity - a.popularity || a.id - b.id)
    .slice(0, 8);
  const editorial = [...state.playlists.values()]
    .filter((p) => p.isPublic && p.ownerId !== caller.user.id)
    .sort((a, b) => b.popularity - a.popularity);
  const videos = [...state.videos.values()].filter((v) => state.videoAvailable(v, cc));
  const followed = new Set(favouriteArtists.map((a) => a.id));
  const suggestedArtists = [...state.artists.values()]
    .filter((a) => !followed.has(a.id))
    .sort((a, b) => b.popularity - a.popularity);

  return [
    module("shortcuts", "SHORTCUT_LIST", "Shortcuts", [
      ...personalMixes.slice(0, 2).map(mix),
      ...ownPlaylists.slice(0, 2).map(playlist),
      ...favouriteAlbums.slice(0, 2).map(album),
      ...favouriteArtists.slice(0, 1).map(artist),
    ]),
    module("your-mixes", "HORIZONTAL_LIST", "Custom mixes", personalMixes.map(mix)),
    module("suggested-tracks", "TRACK_LIST", "Suggested new tracks", newTracks.map(track)),
    module(
      "because-you-liked",
      "HORIZONTAL_LIST_WITH_CONTEXT",
      anchor ? `Because you liked ${anchor.title}` : "Because you liked",
      similarToAnchor.map(album),
      { header: anchor ? { type: "ALBUM", data: fmt.album(anchor) } : null },
    ),
    module("recommended-playlists", "HORIZONTAL_LIST", "Playlists you'll love", editorial.map(playlist)),
    module("videos", "HORIZONTAL_LIST", "Videos for you", videos.map(video)),
    module("suggested-artists", "HORIZONTAL_LIST", "Artists to discover", suggestedArtists.map(artist)),
  ].filter((m) => (m.items as Json[]).length > 0);
}

function pageStart(req: EmulatorRequest): number {
  const cursor = req.query.get("cursor");
  if (cursor === null || cursor === "") return 0;
  const decoded = /^feed:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!decoded) throw invalidParameter("cursor", cursor);
  return Number(decoded[1]);
}

export function homeFeedRoutes(router: RoleRouter, svc: () => TidalService): void {
  addRoute(router, svc, "tidalApi", "GET", "/v2/home/feed/static", (req, s) => {
    const caller = requireUser(s, req);
    const ctx = feedContext(req, s);
    const start = pageStart(req);
    const modules = feedModules(ctx, caller);
    const next = start + FEED_PAGE_SIZE;
    const body: Json = {
      header: {
        vibes: {
          items: [
            { name: "For You", type: "STATIC" },
            { name: "Relax", type: "RELAX" },
            { name: "Energy", type: "ENERGY" },
          ],
        },
      },
      items: modules.slice(start, next),
    };
    if (next < modules.length)
      body.page = { cursor: Buffer.from(`feed:${next}`, "utf8").toString("base64url") };
    return ok(body);
  });
}
