/**
 * Editorial pages: rows of modules laid out for a device type. The item pages take the item's id in the query
 * (`albumId`, `artistId`, `mixId`, `videoId`), not in the path.
 */
import type { QueryParams } from "../../core/transport.js";
import { TidalResource } from "../core.js";
import { catalogId, deviceType, mixId, optionalCountry, optionalLocale } from "../params.js";
import type { TidalId } from "../types/common.js";
import type { PageLayout } from "../types/page.js";
import type { TidalPageOptions } from "./options.js";
import type { DeepReadonly } from "../../core/readonly.js";

/**
 * The query of every page endpoint, in the order the seed sends it: deviceType, countryCode, the id, locale.
 */
function pageQuery(options: TidalPageOptions, id?: Record<string, string>): QueryParams {
  return {
    deviceType: deviceType(options.deviceType),
    countryCode: optionalCountry(options.countryCode),
    ...id,
    locale: optionalLocale(options.locale),
  };
}

/** Pages API endpoints of the private TIDAL API. */
export class PrivatePagesAPI extends TidalResource {
  protected readonly group = "pages";

  /** The home page (personalised when a user is signed in). `GET /v1/pages/home`. No scope. Cached "user". */
  getMyHomePage(options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.get("getMyHomePage", options, "/v1/pages/home", {
      query: pageQuery(options),
      country: true,
      ttl: "user",
    });
  }

  /** The explore page (genres, moods, new releases). `GET /v1/pages/explore`. No scope. Cached "user". */
  getMyExplorePage(options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.get("getMyExplorePage", options, "/v1/pages/explore", {
      query: pageQuery(options),
      country: true,
      ttl: "user",
    });
  }

  /** An album's page. `GET /v1/pages/album?albumId=…`. No scope. Cached "daily". */
  getAlbumPage(albumId: TidalId, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.get("getAlbumPage", options, "/v1/pages/album", {
      query: pageQuery(options, { albumId: catalogId("albumId", albumId) }),
      country: true,
      ttl: "daily",
    });
  }

  /** An artist's page. `GET /v1/pages/artist?artistId=…`. No scope. Cached "daily". */
  getArtistPage(artistId: TidalId, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.get("getArtistPage", options, "/v1/pages/artist", {
      query: pageQuery(options, { artistId: catalogId("artistId", artistId) }),
      country: true,
      ttl: "daily",
    });
  }

  /** A mix's page. `GET /v1/pages/mix?mixId=…`. No scope. Cached "daily". */
  getMixPage(mixIdValue: string, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.get("getMixPage", options, "/v1/pages/mix", {
      query: pageQuery(options, { mixId: mixId("mixId", mixIdValue) }),
      country: true,
      ttl: "daily",
    });
  }

  /**
   * The account's personal mixes page. `GET /v1/pages/my_collection_my_mixes`. Needs a user (upstream sent it
   * anonymously, defect 22). Cached "user".
   */
  getPersonalizedMixesPage(options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.get("getPersonalizedMixesPage", options, "/v1/pages/my_collection_my_mixes", {
      query: pageQuery(options),
      country: true,
      user: true,
      ttl: "user",
    });
  }

  /** A video's page. `GET /v1/pages/videos?videoId=…`. No scope. Cached "daily". */
  getVideoPage(videoId: TidalId, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.get("getVideoPage", options, "/v1/pages/videos", {
      query: pageQuery(options, { videoId: catalogId("videoId", videoId) }),
      country: true,
      ttl: "daily",
    });
  }
}
