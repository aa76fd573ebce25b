/**
 * The activity feed (new releases of followed artists). Upstream sent these without checking for a user
 * (defect 22); the feed is per account, so here they need one.
 */
import type { RequestOptions } from "../../core/api-client.js";
import { TidalResource } from "../core.js";
import type { FeedActivities, UnseenFeedActivities } from "../types/feed.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Feed API endpoints of the private TIDAL API. */
export class PrivateFeedAPI extends TidalResource {
  protected readonly group = "feed";

  /** The account's feed activities. `GET /v2/feed/activities`. Needs a user. Cached "user". */
  getFeedActivities(options: RequestOptions = {}): Promise<DeepReadonly<FeedActivities>> {
    return this.get("getFeedActivities", options, "/v2/feed/activities", { user: true, ttl: "user" });
  }

  /** Marks every feed activity as seen. `PUT /v2/feed/activities/seen`. Needs a user. */
  markFeedActivitiesSeen(options: RequestOptions = {}): Promise<void> {
    return this.put("markFeedActivitiesSeen", options, "/v2/feed/activities/seen", { user: true });
  }

  /**
   * Whether the feed has unseen activities. `GET /v2/feed/activities/unseen/exists`. Needs a user. Cached
   * "user".
   */
  hasUnseenFeedActivities(options: RequestOptions = {}): Promise<DeepReadonly<UnseenFeedActivities>> {
    return this.get("hasUnseenFeedActivities", options, "/v2/feed/activities/unseen/exists", {
      user: true,
      ttl: "user",
    });
  }
}
