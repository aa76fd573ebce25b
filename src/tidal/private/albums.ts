/** Albums: metadata, items, credits, review, similar albums, and the album-related collection wrappers. */
import { via } from "../../core/resource.js";
import { TidalResource } from "../endpoint.js";
import { upc as barcode } from "../../core/validate.js";
import { catalogueMatches } from "../openapi.js";
import { catalogId, missingOk } from "../params.js";
import type { AlbumMatch } from "../types/catalogue-match.js";
import type { TidalTrack } from "../types/track.js";
import type { TidalAlbum, MediaItem, MediaItemWithCredits } from "../types/album.js";
import type {
  CreditGroup,
  EditorialText,
  OffsetPage,
  OffsetPages,
  TidalId,
  TidalIdList,
} from "../types/common.js";
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
    return this.get("getAlbum", `/v1/albums/${catalogId("albumId", albumId)}`, options, {
      country: true,
      ttl: "popularity",
    });
  }

  /**
   * An album's credits, grouped by role (a bare JSON array). `GET /v1/albums/{album_id}/credits`. No scope.
   * Cached "static".
   */
  getAlbumCredits(albumId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<CreditGroup[]>> {
    return this.get("getAlbumCredits", `/v1/albums/${catalogId("albumId", albumId)}/credits`, options, {
      country: true,
      ttl: "static",
      expect: "array",
    });
  }

  /**
   * An album's tracks and videos available in the country (possibly fewer than `numberOfTracks`).
   * `GET /v1/albums/{album_id}/items`. No scope. Cached "popularity".
   */
  getAlbumItems(albumId: TidalId, options: CountryPageOptions = {}): OffsetPages<MediaItem> {
    return this.list("getAlbumItems", `/v1/albums/${catalogId("albumId", albumId)}/items`, options, {
      country: true,
      page: "offset",
      ttl: "popularity",
    });
  }

  /**
   * An album's tracks available in the country, as bare track objects (no videos, no `{item, type}` wrapper).
   * `GET /v1/albums/{album_id}/tracks`. No scope. Cached "popularity".
   */
  getAlbumTracks(albumId: TidalId, options: CountryPageOptions = {}): OffsetPages<TidalTrack> {
    return this.list("getAlbumTracks", `/v1/albums/${catalogId("albumId", albumId)}/tracks`, options, {
      country: true,
      page: "offset",
      ttl: "popularity",
    });
  }

  /**
   * The albums with this barcode (UPC-A, EAN-13, GTIN-8 or GTIN-14; spaces and hyphens are removed and the check
   * digit verified), found on TIDAL's openapi v2 host with this client's token; each match carries the id
   * `getAlbum` takes. No match is an empty list; a malformed code is a `ValidationError` before anything is sent.
   * `GET {openApiUrl}/v2/albums?filter[barcodeId]=…`. No scope. Cached "static".
   */
  async getAlbumsByUpc(
    upc: string | number,
    options: CountryOptions = {},
  ): Promise<readonly DeepReadonly<AlbumMatch>[]> {
    const code = barcode("upc", upc);
    return catalogueMatches<AlbumMatch>(
      await this.get("getAlbumsByUpc", `${this.core.openApiUrl}/v2/albums`, options, {
        query: { countryCode: undefined, "filter[barcodeId]": code },
        country: true,
        user: true,
        ttl: "static",
      }),
    );
  }

  /**
   * An album's items with their credits. `GET /v1/albums/{album_id}/items/credits`. No scope. Cached
   * "popularity".
   */
  getAlbumItemCredits(albumId: TidalId, options: CountryPageOptions = {}): OffsetPages<MediaItemWithCredits> {
    const path = `/v1/albums/${catalogId("albumId", albumId)}/items/credits`;
    return this.list("getAlbumItemCredits", path, options, {
      country: true,
      page: "offset",
      ttl: "popularity",
    });
  }

  /** An album's review. `GET /v1/albums/{album_id}/review`. No scope. Cached "static". */
  getAlbumReview(albumId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<EditorialText>> {
    return this.get("getAlbumReview", `/v1/albums/${catalogId("albumId", albumId)}/review`, options, {
      country: true,
      ttl: "static",
    });
  }

  /** Albums similar to an album. `GET /v1/albums/{album_id}/similar`. No scope. Cached "popularity". */
  getSimilarAlbums(
    albumId: TidalId,
    options: CountryPageOptions = {},
  ): OffsetPages<TidalAlbum, OffsetPage<TidalAlbum> & { source?: string }> {
    return this.list("getSimilarAlbums", `/v1/albums/${catalogId("albumId", albumId)}/similar`, options, {
      country: true,
      page: "offset",
      ttl: "popularity",
    });
  }

  /** An album's page; same as `pages.getAlbumPage`. `GET /v1/pages/album`. No scope. Cached "daily". */
  getAlbumPage(albumId: TidalId, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.core.pages.getAlbumPage(albumId, via(options, "albums.getAlbumPage"));
  }

  /**
   * Saved albums; same as `users.getUserSavedAlbums`. `GET /v1/users/{user_id}/favorites/albums`. Needs a
   * user. Cached "user".
   */
  getUserSavedAlbums(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): OffsetPages<SavedItem<TidalAlbum>> {
    return this.core.users.getUserSavedAlbums(userId, via(options, "albums.getUserSavedAlbums"));
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
   * Removes saved albums; same as `users.removeSavedAlbums`.
   * `DELETE /v1/users/{user_id}/favorites/albums/{album_ids}`. Needs a user.
   */
  removeSavedAlbums(albumIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.removeSavedAlbums(albumIds, via(options, "albums.removeSavedAlbums"));
  }
}
