/**
 * The activity feed (new releases of followed artists). The feed is per account, so every call needs a user.
 */
import type { RequestOptions } from "../../core/api-client.js";
import { TidalResource } from "../endpoint.js";
import type { FeedActivities, UnseenFeedActivities } from "../types/feed.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Feed API endpoints of the private TIDAL API. */
export class PrivateFeedAPI extends TidalResource {
  protected readonly group = "feed";

  /** The account's feed activities. `GET /v2/feed/activities`. Needs a user. Cached "user". */
  getFeedActivities(options: RequestOptions = {}): Promise<DeepReadonly<FeedActivities>> {
    return this.get("getFeedActivities", "/v2/feed/activities", options, { user: true, ttl: "user" });
  }

  /** Marks every feed activity as seen. `PUT /v2/feed/activities/seen`. Needs a user. */
  markFeedActivitiesSeen(options: RequestOptions = {}): Promise<void> {
    return this.put("markFeedActivitiesSeen", "/v2/feed/activities/seen", options, { user: true });
  }

  /**
   * Whether the feed has unseen activities. `GET /v2/feed/activities/unseen/exists`. Needs a user. Cached
   * "user".
   */
  hasUnseenFeedActivities(options: RequestOptions = {}): Promise<DeepReadonly<UnseenFeedActivities>> {
    const path = "/v2/feed/activities/unseen/exists";
    return this.get("hasUnseenFeedActivities", path, options, { user: true, ttl: "user" });
  }
}
