import type { RequestOptions } from "../../core/api-client.js";
import { via } from "../../core/resource.js";
import { integer, upc as barcode } from "../../core/validate.js";
import { DeezerResource } from "../endpoint.js";
import { id } from "../params.js";
import type { ChartOptions, PageOptions, UserOptions } from "../options.js";
import type { Album } from "../types/album.js";
import type { Comment } from "../types/comment.js";
import type {
  ActionResult,
  ChecksummedPage,
  DeezerId,
  DeezerIdList,
  DeezerPages,
  UserId,
} from "../types/common.js";
import type { Track } from "../types/track.js";
import type { User } from "../types/user.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Albums, and the album parts of the charts and of a user's library. */
export class AlbumsAPI extends DeezerResource {
  protected readonly group = "albums";

  /**
   * An album with its first tracks; `limit`/`offset` are sent along and bound the embedded track list.
   * `GET /album/{albumId}`. No permission. Cached: popularity.
   */
  async getAlbum(albumId: DeezerId, options?: PageOptions): Promise<DeepReadonly<Album>> {
    return this.get("getAlbum", `/album/${id("albumId", albumId)}`, options, {
      ttl: "popularity",
      page: true,
    });
  }

  /**
   * The album with this barcode (UPC-A, EAN-13, GTIN-8 or GTIN-14; spaces and hyphens are removed and the check
   * digit verified), the same object as {@link getAlbum}. An unknown barcode is a NotFoundError.
   * `GET /album/upc:{upc}`. No permission. Cached: popularity.
   */
  async getAlbumByUpc(upc: string | number, options?: RequestOptions): Promise<DeepReadonly<Album>> {
    return this.get("getAlbumByUpc", `/album/upc:${barcode("upc", upc)}`, options, { ttl: "popularity" });
  }

  /** Users who have the album in their favourites. `GET /album/{albumId}/fans`. No permission. Cached: popularity. */
  getAlbumFans(albumId: DeezerId, options?: PageOptions): DeezerPages<User> {
    return this.list("getAlbumFans", `/album/${id("albumId", albumId)}/fans`, options, { ttl: "popularity" });
  }

  /** The album's tracks. `GET /album/{albumId}/tracks`. No permission. Cached: popularity. */
  getAlbumTracks(albumId: DeezerId, options?: PageOptions): DeezerPages<Track> {
    return this.list("getAlbumTracks", `/album/${id("albumId", albumId)}/tracks`, options, {
      ttl: "popularity",
    });
  }

  /** Comments on the album. `GET /album/{albumId}/comments`. No permission. Cached: popularity. */
  getAlbumComments(albumId: DeezerId, options?: PageOptions): DeezerPages<Comment> {
    return this.list("getAlbumComments", `/album/${id("albumId", albumId)}/comments`, options, {
      ttl: "popularity",
    });
  }

  /**
   * Rates the album for the signed-in user, from 1 to 5 stars; rating again replaces the previous rating.
   * `POST /album/{albumId}` (`note`). Permission: basic_access. Not cached.
   */
  async rateAlbum(albumId: DeezerId, rating: number, options?: RequestOptions): Promise<ActionResult> {
    return this.post("rateAlbum", `/album/${id("albumId", albumId)}`, options, {
      query: { note: integer("rating", rating, { min: 1, max: 5 }) },
      permissions: ["basic_access"],
    });
  }

  /**
   * Top albums; same as `charts.getTopAlbums`. `GET /chart/{genreId}/albums` (genre 0 by default). No permission.
   * Cached: popularity.
   */
  getTopAlbums(options?: ChartOptions): DeezerPages<Album> {
    return this.core.charts.getTopAlbums(via(options, "albums.getTopAlbums"));
  }

  /** The user's favourite albums; same as `users.getUserSavedAlbums`. `GET /user/{userId}/albums`. Public with an explicit id; `"me"` needs a user. Cached: user. */
  getUserSavedAlbums(userId?: UserId, options?: PageOptions): DeezerPages<Album, ChecksummedPage<Album>> {
    return this.core.users.getUserSavedAlbums(userId, via(options, "albums.getUserSavedAlbums"));
  }

  /** Adds albums to the favourites; same as `users.saveAlbums`. `POST /user/{userId}/albums`. Permission: manage_library. Not cached. */
  async saveAlbums(albumIds: DeezerIdList, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.saveAlbums(albumIds, via(options, "albums.saveAlbums"));
  }

  /**
   * Removes an album from the favourites; same as `users.removeSavedAlbum`. `DELETE /user/{userId}/albums`.
   * Permissions: delete_library, manage_library. Not cached.
   */
  async removeSavedAlbum(albumId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.removeSavedAlbum(albumId, via(options, "albums.removeSavedAlbum"));
  }

  /** The user's most played albums; same as `users.getUserTopAlbums`. `GET /user/{userId}/charts/albums`. Auth. Cached: popularity. */
  getUserTopAlbums(userId?: UserId, options?: PageOptions): DeezerPages<Album, ChecksummedPage<Album>> {
    return this.core.users.getUserTopAlbums(userId, via(options, "albums.getUserTopAlbums"));
  }

  /**
   * Recommended albums; same as `users.getUserAlbumRecommendations`. `GET /user/{userId}/recommendations/albums`.
   * Auth. Not cached.
   */
  getUserAlbumRecommendations(userId?: UserId, options?: PageOptions): DeezerPages<Album> {
    return this.core.users.getUserAlbumRecommendations(
      userId,
      via(options, "albums.getUserAlbumRecommendations"),
    );
  }

  /**
   * Recommended new releases; same as `users.getUserReleaseRecommendations`.
   * `GET /user/{userId}/recommendations/releases`. Auth. Not cached.
   */
  getUserReleaseRecommendations(userId?: UserId, options?: PageOptions): DeezerPages<Album> {
    return this.core.users.getUserReleaseRecommendations(
      userId,
      via(options, "albums.getUserReleaseRecommendations"),
    );
  }
}
