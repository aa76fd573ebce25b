import type { RequestOptions } from "../../core/api-client.js";
import { ValidationError } from "../../core/errors.js";
import type { PageIterator } from "../../core/pagination.js";
import { Resource, id } from "../core.js";
import type { PageOptions } from "../options.js";
import type { Album } from "../types/album.js";
import type { Chart } from "../types/chart.js";
import type { DeezerId, DeezerList, DeezerPage } from "../types/common.js";
import type { Editorial } from "../types/editorial.js";
import type { DeepReadonly } from "../../core/readonly.js";

/**
 * Path of `getEditorial`. Paging belongs to the list of all editorials (upstream sent it only for a single
 * editorial, where it means nothing), so it is refused with an id rather than silently dropped.
 */
function editorialPath(editorialId: DeezerId | null | undefined, options: PageOptions | undefined): string {
  if (editorialId === null || editorialId === undefined) return "/editorial";
  if (options?.limit != null || options?.offset != null) {
    throw new ValidationError(
      "limit",
      "limit and offset apply only to the list of all editorials (no editorialId).",
    );
  }
  return `/editorial/${id("editorialId", editorialId)}`;
}

/** Deezer's editorial sections (one per genre; 0 is "All"). */
export class EditorialAPI extends Resource {
  protected readonly group = "editorial";

  /**
   * One editorial, or without an id the page of all editorials (`limit`/`offset` page that list).
   * `GET /editorial/{editorialId}` or `GET /editorial`. No permission. Cached: static.
   */
  getEditorial(editorialId?: null, options?: PageOptions): Promise<DeepReadonly<DeezerPage<Editorial>>>;
  getEditorial(editorialId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<Editorial>>;
  async getEditorial(
    editorialId?: DeezerId | null,
    options?: PageOptions,
  ): Promise<DeepReadonly<Editorial | DeezerPage<Editorial>>> {
    const listing = editorialId === null || editorialId === undefined;
    return this.get("getEditorial", editorialPath(editorialId, options), options, {
      ttl: "static",
      page: listing,
    });
  }

  /** Iterates the list of all editorials ({@link getEditorial} without an id) across pages. */
  iterEditorial(
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Editorial>, DeepReadonly<DeezerPage<Editorial>>> {
    return this.pages("getEditorial", () => this.getEditorial(null, options), options);
  }

  /** Albums the editors picked. `GET /editorial/{editorialId}/selection`. No permission. Cached: daily. */
  async getEditorialAlbums(
    editorialId: DeezerId = 0,
    options?: RequestOptions,
  ): Promise<DeepReadonly<DeezerList<Album>>> {
    return this.get("getEditorialAlbums", `/editorial/${id("editorialId", editorialId)}/selection`, options, {
      ttl: "daily",
    });
  }

  /**
   * Charts of every kind for the editorial; `limit`/`offset` apply to each kind.
   * `GET /editorial/{editorialId}/charts`. No permission. Cached: daily.
   */
  async getEditorialCharts(editorialId: DeezerId = 0, options?: PageOptions): Promise<DeepReadonly<Chart>> {
    return this.get("getEditorialCharts", `/editorial/${id("editorialId", editorialId)}/charts`, options, {
      ttl: "daily",
      page: true,
    });
  }

  /** New releases picked by the editors. `GET /editorial/{editorialId}/releases`. No permission. Cached: daily. */
  async getEditorialReleases(
    editorialId: DeezerId = 0,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Album>>> {
    return this.get(
      "getEditorialReleases",
      `/editorial/${id("editorialId", editorialId)}/releases`,
      options,
      { ttl: "daily", page: true },
    );
  }

  /** Iterates {@link getEditorialReleases} across pages. */
  iterEditorialReleases(
    editorialId: DeezerId = 0,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Album>, DeepReadonly<DeezerPage<Album>>> {
    return this.pages("getEditorialReleases", () => this.getEditorialReleases(editorialId, options), options);
  }
}
