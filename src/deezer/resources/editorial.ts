import type { RequestOptions } from "../../core/api-client.js";
import { ValidationError } from "../../core/errors.js";
import { DeezerResource } from "../endpoint.js";
import { id } from "../params.js";
import type { PageOptions } from "../options.js";
import type { Album } from "../types/album.js";
import type { Chart } from "../types/chart.js";
import type { DeezerId, DeezerList, DeezerPage, DeezerPages } from "../types/common.js";
import type { Editorial } from "../types/editorial.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Deezer's editorial sections (one per genre; 0 is "All"). */
export class EditorialAPI extends DeezerResource {
  protected readonly group = "editorial";

  /**
   * One editorial, or without an id the list of all editorials, which `limit`/`offset` page. Paging means
   * nothing for a single editorial, so it is refused with an id rather than silently dropped.
   * `GET /editorial/{editorialId}` or `GET /editorial`. No permission. Cached: static.
   */
  getEditorial(editorialId?: null, options?: PageOptions): DeezerPages<Editorial>;
  getEditorial(editorialId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<Editorial>>;
  getEditorial(
    editorialId?: DeezerId | null,
    options?: PageOptions,
  ): DeezerPages<Editorial> | Promise<DeepReadonly<Editorial>> {
    if (editorialId === null || editorialId === undefined) {
      return this.list<DeezerPage<Editorial>, Editorial>("getEditorial", "/editorial", options, {
        ttl: "static",
      });
    }
    if (options?.limit != null || options?.offset != null) {
      throw new ValidationError(
        "limit",
        "limit and offset apply only to the list of all editorials (no editorialId).",
      );
    }
    return this.get<Editorial>("getEditorial", `/editorial/${id("editorialId", editorialId)}`, options, {
      ttl: "static",
    });
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
  getEditorialReleases(editorialId: DeezerId = 0, options?: PageOptions): DeezerPages<Album> {
    const path = `/editorial/${id("editorialId", editorialId)}/releases`;
    return this.list("getEditorialReleases", path, options, { ttl: "daily" });
  }
}
