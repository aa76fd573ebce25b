/** Mixes: a mix's items, its page, personal mixes, and the followed-mix wrappers. */
import type { RequestOptions } from "../../core/api-client.js";
import { via } from "../../core/resource.js";
import { TidalResource } from "../endpoint.js";
import { mixId } from "../params.js";
import type { MediaItem } from "../types/album.js";
import type { CursorPages, OffsetPage } from "../types/common.js";
import type { TidalMix } from "../types/mix.js";
import type { PageLayout } from "../types/page.js";
import type { CountryOptions, CursorOptions, TidalPageOptions, SortedCursorOptions } from "./options.js";
import type { FollowMixesOptions, MixIdPages } from "./users.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Mixes API endpoints of the private TIDAL API. */
export class PrivateMixesAPI extends TidalResource {
  protected readonly group = "mixes";

  /**
   * A mix's tracks and videos (one page, as the service sends it). `GET /v1/mixes/{mix_id}/items`. No scope.
   * Cached "popularity".
   */
  getMixItems(
    mixIdValue: string,
    options: CountryOptions = {},
  ): Promise<DeepReadonly<OffsetPage<MediaItem>>> {
    return this.get("getMixItems", `/v1/mixes/${mixId("mixId", mixIdValue)}/items`, options, {
      country: true,
      ttl: "popularity",
    });
  }

  /** A mix's page; same as `pages.getMixPage`. `GET /v1/pages/mix`. No scope. Cached "daily". */
  getMixPage(mixIdValue: string, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.core.pages.getMixPage(mixIdValue, via(options, "mixes.getMixPage"));
  }

  /**
   * The account's personal mixes; same as `pages.getPersonalizedMixesPage`.
   * `GET /v1/pages/my_collection_my_mixes`. Needs a user. Cached "user".
   */
  getPersonalizedMixesPage(options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.core.pages.getPersonalizedMixesPage(via(options, "mixes.getPersonalizedMixesPage"));
  }

  /**
   * Followed mixes; same as `users.getMyFollowedMixes`. `GET /v2/favorites/mixes`. Needs a user. Cached
   * "user".
   */
  getMyFollowedMixes(options: SortedCursorOptions = {}): CursorPages<TidalMix> {
    return this.core.users.getMyFollowedMixes(via(options, "mixes.getMyFollowedMixes"));
  }

  /**
   * Ids of followed mixes (under `content`); same as `users.getMyFollowedMixIds`.
   * `GET /v2/favorites/mixes/ids`. Needs a user. Cached "user".
   */
  getMyFollowedMixIds(options: CursorOptions = {}): MixIdPages {
    return this.core.users.getMyFollowedMixIds(via(options, "mixes.getMyFollowedMixIds"));
  }

  /** Follows mixes; same as `users.followMixes`. `PUT /v2/favorites/mixes/add`. Needs a user. */
  followMixes(mixIds: string | Iterable<string>, options: FollowMixesOptions = {}): Promise<void> {
    return this.core.users.followMixes(mixIds, via(options, "mixes.followMixes"));
  }

  /** Unfollows mixes; same as `users.unfollowMixes`. `PUT /v2/favorites/mixes/remove`. Needs a user. */
  unfollowMixes(mixIds: string | Iterable<string>, options: RequestOptions = {}): Promise<void> {
    return this.core.users.unfollowMixes(mixIds, via(options, "mixes.unfollowMixes"));
  }
}
