import type { RequestOptions } from "../../core/api-client.js";
import { via } from "../../core/resource.js";
import { DeezerResource } from "../endpoint.js";
import { id } from "../params.js";
import type { PageOptions, UserOptions } from "../options.js";
import type {
  ActionResult,
  ChecksummedPage,
  DeezerId,
  DeezerList,
  DeezerPages,
  UserId,
} from "../types/common.js";
import type { Radio, RadioGroup } from "../types/radio.js";
import type { Track } from "../types/track.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Radios (Deezer-curated mixes), and the radio parts of the charts and of a user's library. */
export class RadiosAPI extends DeezerResource {
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
  getRadioTracks(radioId: DeezerId, options?: PageOptions): DeezerPages<Track> {
    return this.list("getRadioTracks", `/radio/${id("radioId", radioId)}/tracks`, options);
  }

  /** All radios, paged. `GET /radio/lists`. No permission. Cached: static. */
  getRadios(options?: PageOptions): DeezerPages<Radio> {
    return this.list("getRadios", "/radio/lists", options, { ttl: "static" });
  }

  /** Top radios; same as `charts.getTopRadios`. `GET /radio/top`. No permission. Cached: popularity. */
  getTopRadios(options?: PageOptions): DeezerPages<Radio> {
    return this.core.charts.getTopRadios(via(options, "radios.getTopRadios"));
  }

  /** The user's favourite radios; same as `users.getUserFollowedRadios`. `GET /user/{userId}/radios`. Auth. Cached: user. */
  getUserFollowedRadios(userId?: UserId, options?: PageOptions): DeezerPages<Radio, ChecksummedPage<Radio>> {
    return this.core.users.getUserFollowedRadios(userId, via(options, "radios.getUserFollowedRadios"));
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
  getUserRadioRecommendations(userId?: UserId, options?: PageOptions): DeezerPages<Radio> {
    return this.core.users.getUserRadioRecommendations(
      userId,
      via(options, "radios.getUserRadioRecommendations"),
    );
  }
}
