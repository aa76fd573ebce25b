import type { RequestOptions } from "../../core/api-client.js";
import type { PageIterator } from "../../core/pagination.js";
import { Resource, id, via } from "../core.js";
import type { PageOptions, UserOptions } from "../options.js";
import type {
  ActionResult,
  ChecksummedPage,
  DeezerId,
  DeezerList,
  DeezerPage,
  UserId,
} from "../types/common.js";
import type { Radio, RadioGroup } from "../types/radio.js";
import type { Track } from "../types/track.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Radios (Deezer-curated mixes), and the radio parts of the charts and of a user's library. */
export class RadiosAPI extends Resource {
  protected readonly group = "radios";

  /** A radio. `GET /radio/{radioId}`. No permission. Cached: static. */
  async getRadio(radioId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<Radio>> {
    return this.get("getRadio", `/radio/${id("radioId", radioId)}`, options, { ttl: "static" });
  }

  /**
   * Every radio in one list, without `total` or paging links (TestClient.test_list_radios). `GET /radio`.
   * No permission. Cached: static.
   */
  async getAllRadios(options?: RequestOptions): Promise<DeepReadonly<DeezerList<Radio>>> {
    return this.get("getAllRadios", "/radio", options, { ttl: "static" });
  }

  /** Radios grouped by genre. `GET /radio/genres`. No permission. Cached: static. */
  async getRadioGroups(options?: RequestOptions): Promise<DeepReadonly<DeezerList<RadioGroup>>> {
    return this.get("getRadioGroups", "/radio/genres", options, { ttl: "static" });
  }

  /** Tracks of the radio (random each time). `GET /radio/{radioId}/tracks`. No permission. Not cached. */
  async getRadioTracks(radioId: DeezerId, options?: PageOptions): Promise<DeepReadonly<DeezerPage<Track>>> {
    return this.get("getRadioTracks", `/radio/${id("radioId", radioId)}/tracks`, options, { page: true });
  }

  /** Iterates {@link getRadioTracks} across pages. */
  iterRadioTracks(
    radioId: DeezerId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Track>, DeepReadonly<DeezerPage<Track>>> {
    return this.pages("getRadioTracks", () => this.getRadioTracks(radioId, options), options);
  }

  /** All radios, paged. `GET /radio/lists`. No permission. Cached: static. */
  async getRadios(options?: PageOptions): Promise<DeepReadonly<DeezerPage<Radio>>> {
    return this.get("getRadios", "/radio/lists", options, { ttl: "static", page: true });
  }

  /** Iterates {@link getRadios} across pages. */
  iterRadios(options?: PageOptions): PageIterator<DeepReadonly<Radio>, DeepReadonly<DeezerPage<Radio>>> {
    return this.pages("getRadios", () => this.getRadios(options), options);
  }

  /** Top radios; same as `charts.getTopRadios`. `GET /radio/top`. No permission. Cached: popularity. */
  async getTopRadios(options?: PageOptions): Promise<DeepReadonly<DeezerPage<Radio>>> {
    return this.core.charts.getTopRadios(via(options, "radios.getTopRadios"));
  }

  /** Iterates {@link getTopRadios} across pages. */
  iterTopRadios(options?: PageOptions): PageIterator<DeepReadonly<Radio>, DeepReadonly<DeezerPage<Radio>>> {
    return this.core.charts.iterTopRadios(via(options, "radios.getTopRadios"));
  }

  /** The user's favourite radios; same as `users.getUserFollowedRadios`. `GET /user/{userId}/radios`. Auth. Cached: user. */
  async getUserFollowedRadios(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Radio>>> {
    return this.core.users.getUserFollowedRadios(userId, via(options, "radios.getUserFollowedRadios"));
  }

  /** Iterates {@link getUserFollowedRadios} across pages. */
  iterUserFollowedRadios(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Radio>, DeepReadonly<DeezerPage<Radio>>> {
    return this.core.users.iterUserFollowedRadios(userId, via(options, "radios.getUserFollowedRadios"));
  }

  /** Adds a radio to the favourites; same as `users.saveRadio`. `POST /user/{userId}/radios`. Permission: manage_library. Not cached. */
  async saveRadio(radioId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.saveRadio(radioId, via(options, "radios.saveRadio"));
  }

  /**
   * Removes a radio from the favourites; same as `users.removeSavedRadio`. `DELETE /user/{userId}/radios`.
   * Permissions: delete_library, manage_library. Not cached.
   */
  async removeSavedRadio(radioId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.removeSavedRadio(radioId, via(options, "radios.removeSavedRadio"));
  }

  /**
   * Recommended radios; same as `users.getUserRadioRecommendations`. `GET /user/{userId}/recommendations/radios`.
   * Auth. Not cached.
   */
  async getUserRadioRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Radio>>> {
    return this.core.users.getUserRadioRecommendations(
      userId,
      via(options, "radios.getUserRadioRecommendations"),
    );
  }

  /** Iterates {@link getUserRadioRecommendations} across pages. */
  iterUserRadioRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Radio>, DeepReadonly<DeezerPage<Radio>>> {
    return this.core.users.iterUserRadioRecommendations(
      userId,
      via(options, "radios.getUserRadioRecommendations"),
    );
  }
}
