/** Albums: metadata, items, credits, review, similar albums, and the album-related collection wrappers. */
import type { PageIterator } from "../../core/pagination.js";
import { offsetPages, TidalResource, via } from "../core.js";
import { catalogId, missingOk, offset, offsetLimit, optionalCountry } from "../params.js";
import type { TidalAlbum, MediaItem, MediaItemWithCredits } from "../types/album.js";
import type { CreditGroup, EditorialText, OffsetPage, TidalId, TidalIdList } from "../types/common.js";
import type { PageLayout } from "../types/page.js";
import type { SavedItem } from "../types/user.js";
import type {
  CountryOptions,
  CountryPageOptions,
  TidalPageOptions,
  SaveWrapperOptions,
  SortedPageOptions,
  TidalUserOptions,
} from "./options.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Albums API endpoints of the private TIDAL API. */
export class PrivateAlbumsAPI extends TidalResource {
  protected readonly group = "albums";

  /** An album. `GET /v1/albums/{album_id}`. No scope. Cached "popularity". */
  getAlbum(albumId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<TidalAlbum>> {
    return this.get("getAlbum", options, `/v1/albums/${catalogId("albumId", albumId)}`, {
      query: { countryCode: optionalCountry(options.countryCode) },
      country: true,
      ttl: "popularity",
    });
  }

  /**
   * An album's credits, grouped by role (a bare JSON array). `GET /v1/albums/{album_id}/credits`. No scope.
   * Cached "static".
   */
  getAlbumCredits(albumId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<CreditGroup[]>> {
    return this.get("getAlbumCredits", options, `/v1/albums/${catalogId("albumId", albumId)}/credits`, {
      query: { countryCode: optionalCountry(options.countryCode) },
      country: true,
      ttl: "static",
      expect: "array",
    });
  }

  /**
   * An album's tracks and videos available in the country (possibly fewer than `numberOfTracks`).
   * `GET /v1/albums/{album_id}/items`. No scope. Cached "popularity".
   */
  getAlbumItems(
    albumId: TidalId,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<MediaItem>>> {
    return this.get("getAlbumItems", options, `/v1/albums/${catalogId("albumId", albumId)}/items`, {
      query: {
        countryCode: optionalCountry(options.countryCode),
        limit: offsetLimit(options.limit),
        offset: offset(options.offset),
      },
      country: true,
      ttl: "popularity",
    });
  }

  /**
   * Every item of an album, page by page. `GET /v1/albums/{album_id}/items`. No scope. Cached "popularity".
   */
  iterAlbumItems(
    albumId: TidalId,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<MediaItem>, DeepReadonly<OffsetPage<MediaItem>>> {
    return offsetPages(options, (page) => this.getAlbumItems(albumId, page));
  }

  /**
   * An album's items with their credits. `GET /v1/albums/{album_id}/items/credits`. No scope. Cached
   * "popularity".
   */
  getAlbumItemCredits(
    albumId: TidalId,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<MediaItemWithCredits>>> {
    return this.get(
      "getAlbumItemCredits",
      options,
      `/v1/albums/${catalogId("albumId", albumId)}/items/credits`,
      {
        query: {
          countryCode: optionalCountry(options.countryCode),
          limit: offsetLimit(options.limit),
          offset: offset(options.offset),
        },
        country: true,
        ttl: "popularity",
      },
    );
  }

  /**
   * Every item of an album with its credits, page by page. `GET /v1/albums/{album_id}/items/credits`. No
   * scope.
   * Cached "popularity".
   */
  iterAlbumItemCredits(
    albumId: TidalId,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<MediaItemWithCredits>, DeepReadonly<OffsetPage<MediaItemWithCredits>>> {
    return offsetPages(options, (page) => this.getAlbumItemCredits(albumId, page));
  }

  /** An album's review. `GET /v1/albums/{album_id}/review`. No scope. Cached "static". */
  getAlbumReview(albumId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<EditorialText>> {
    return this.get("getAlbumReview", options, `/v1/albums/${catalogId("albumId", albumId)}/review`, {
      query: { countryCode: optionalCountry(options.countryCode) },
      country: true,
      ttl: "static",
    });
  }

  /** Albums similar to an album. `GET /v1/albums/{album_id}/similar`. No scope. Cached "popularity". */
  getSimilarAlbums(
    albumId: TidalId,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<TidalAlbum> & { source?: string }>> {
    return this.get("getSimilarAlbums", options, `/v1/albums/${catalogId("albumId", albumId)}/similar`, {
      query: {
        countryCode: optionalCountry(options.countryCode),
        limit: offsetLimit(options.limit),
        offset: offset(options.offset),
      },
      country: true,
      ttl: "popularity",
    });
  }

  /**
   * Every similar album, page by page. `GET /v1/albums/{album_id}/similar`. No scope. Cached "popularity".
   */
  iterSimilarAlbums(
    albumId: TidalId,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<TidalAlbum>, DeepReadonly<OffsetPage<TidalAlbum>>> {
    return offsetPages(options, (page) => this.getSimilarAlbums(albumId, page));
  }

  /** An album's page; same as `pages.getAlbumPage`. `GET /v1/pages/album`. No scope. Cached "daily". */
  getAlbumPage(albumId: TidalId, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.core.pages.getAlbumPage(albumId, via(options, "albums.getAlbumPage"));
  }

  /**
   * Saved albums; same as `users.getUserSavedAlbums`. `GET /v1/users/{user_id}/favorites/albums`. Needs a
   * user.
   * Cached "user".
   */
  getUserSavedAlbums(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<SavedItem<TidalAlbum>>>> {
    return this.core.users.getUserSavedAlbums(userId, via(options, "albums.getUserSavedAlbums"));
  }

  /**
   * Every saved album, page by page. `GET /v1/users/{user_id}/favorites/albums`. Needs a user. Cached "user".
   */
  iterUserSavedAlbums(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): PageIterator<DeepReadonly<SavedItem<TidalAlbum>>, DeepReadonly<OffsetPage<SavedItem<TidalAlbum>>>> {
    return this.core.users.iterUserSavedAlbums(userId, via(options, "albums.getUserSavedAlbums"));
  }

  /**
   * Saves albums; `missingOk: true` skips unknown ids. Same as `users.saveAlbums`.
   * `POST /v1/users/{user_id}/favorites/albums`. Needs a user.
   */
  saveAlbums(albumIds: TidalIdList, options: SaveWrapperOptions = {}): Promise<void> {
    const { missingOk: skip, ...rest } = options;
    return this.core.users.saveAlbums(
      albumIds,
      via({ ...rest, onMissing: missingOk(skip) }, "albums.saveAlbums"),
    );
  }

  /**
   * Removes saved albums; same as `users.removeSavedAlbums`. `DELETE
   * /v1/users/{user_id}/favorites/albums/{album_ids}`.
   * Needs a user.
   */
  removeSavedAlbums(albumIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.removeSavedAlbums(albumIds, via(options, "albums.removeSavedAlbums"));
  }
}
