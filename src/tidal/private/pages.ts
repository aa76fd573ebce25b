/**
 * Editorial pages: rows of modules laid out for a device type. The item pages take the item's id in the query
 * (`albumId`, `artistId`, `mixId`, `videoId`), not in the path.
 */
import type { QueryParams } from "../../core/transport.js";
import { TidalResource, type TidalSpec } from "../endpoint.js";
import { catalogId, deviceType, mixId, optionalLocale, platform } from "../params.js";
import type { CursorPage, CursorPages, TidalId } from "../types/common.js";
import type { HomeFeed, HomeFeedModule } from "../types/home-feed.js";
import type { PageLayout } from "../types/page.js";
import type { HomeFeedOptions, TidalPageOptions } from "./options.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Every page endpoint's spec, its query in this order: deviceType, countryCode, the item's id, locale. */
function pageSpec(options: TidalPageOptions, ttl: "user" | "daily", id?: QueryParams): TidalSpec {
  const query = { deviceType: deviceType(options.deviceType), countryCode: undefined, ...id };
  return { query: { ...query, locale: optionalLocale(options.locale) }, country: true, ttl };
}

/** Pages API endpoints of the private TIDAL API. */
export class PrivatePagesAPI extends TidalResource {
  protected readonly group = "pages";

  /**
   * The home feed TIDAL's apps show today: modules of albums, artists, playlists, tracks, videos and v2 mixes,
   * personalised for the account. `await` gives one page; `for await` walks every module, following
   * `page.cursor`. `GET /v2/home/feed/static`. Needs a user. Cached "user".
   */
  getHomeFeed(
    options: HomeFeedOptions = {},
  ): CursorPages<HomeFeedModule, HomeFeed & CursorPage<HomeFeedModule>> {
    return this.list("getHomeFeed", "/v2/home/feed/static", options, {
      query: {
        countryCode: undefined,
        deviceType: deviceType(options.deviceType),
        platform: platform(options.platform),
        locale: optionalLocale(options.locale),
        cursor: undefined,
      },
      country: true,
      user: true,
      page: "feed",
      ttl: "user",
    });
  }

  /** The home page (personalised when a user is signed in). `GET /v1/pages/home`. No scope. Cached "user". */
  getMyHomePage(options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.get("getMyHomePage", "/v1/pages/home", options, pageSpec(options, "user"));
  }

  /** The explore page (genres, moods, new releases). `GET /v1/pages/explore`. No scope. Cached "user". */
  getMyExplorePage(options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.get("getMyExplorePage", "/v1/pages/explore", options, pageSpec(options, "user"));
  }

  /** An album's page. `GET /v1/pages/album?albumId=…`. No scope. Cached "daily". */
  getAlbumPage(albumId: TidalId, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    const id = { albumId: catalogId("albumId", albumId) };
    return this.get("getAlbumPage", "/v1/pages/album", options, pageSpec(options, "daily", id));
  }

  /** An artist's page. `GET /v1/pages/artist?artistId=…`. No scope. Cached "daily". */
  getArtistPage(artistId: TidalId, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    const id = { artistId: catalogId("artistId", artistId) };
    return this.get("getArtistPage", "/v1/pages/artist", options, pageSpec(options, "daily", id));
  }

  /** A mix's page. `GET /v1/pages/mix?mixId=…`. No scope. Cached "daily". */
  getMixPage(mixIdValue: string, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    const id = { mixId: mixId("mixId", mixIdValue) };
    return this.get("getMixPage", "/v1/pages/mix", options, pageSpec(options, "daily", id));
  }

  /**
   * The account's personal mixes page. `GET /v1/pages/my_collection_my_mixes`. Needs a user: the page is the
   * account's own. Cached "user".
   */
  getPersonalizedMixesPage(options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.get("getPersonalizedMixesPage", "/v1/pages/my_collection_my_mixes", options, {
      ...pageSpec(options, "user"),
      user: true,
    });
  }

  /** A video's page. `GET /v1/pages/videos?videoId=…`. No scope. Cached "daily". */
  getVideoPage(videoId: TidalId, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    const id = { videoId: catalogId("videoId", videoId) };
    return this.get("getVideoPage", "/v1/pages/videos", options, pageSpec(options, "daily", id));
  }
}
