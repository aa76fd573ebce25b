import type { RequestOptions } from "../../core/api-client.js";
import { via } from "../../core/resource.js";
import { DeezerResource } from "../endpoint.js";
import { id } from "../params.js";
import type { ChartOptions, PageOptions, UserOptions } from "../options.js";
import type { ActionResult, ChecksummedPage, DeezerId, DeezerPages, UserId } from "../types/common.js";
import type { Episode, Podcast } from "../types/podcast.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Podcasts, and the podcast parts of the charts and of a user's library. */
export class PodcastsAPI extends DeezerResource {
  protected readonly group = "podcasts";

  /** A podcast. `GET /podcast/{podcastId}`. No permission. Cached: popularity. */
  async getPodcast(podcastId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<Podcast>> {
    return this.get("getPodcast", `/podcast/${id("podcastId", podcastId)}`, options, { ttl: "popularity" });
  }

  /** The podcast's episodes. `GET /podcast/{podcastId}/episodes`. No permission. Cached: daily. */
  getPodcastEpisodes(podcastId: DeezerId, options?: PageOptions): DeezerPages<Episode> {
    return this.list("getPodcastEpisodes", `/podcast/${id("podcastId", podcastId)}/episodes`, options, {
      ttl: "daily",
    });
  }

  /**
   * Top podcasts; same as `charts.getTopPodcasts`. `GET /chart/{genreId}/podcasts` (genre 0 by default).
   * No permission. Cached: popularity.
   */
  getTopPodcasts(options?: ChartOptions): DeezerPages<Podcast> {
    return this.core.charts.getTopPodcasts(via(options, "podcasts.getTopPodcasts"));
  }

  /** The podcasts the user follows; same as `users.getUserFollowedPodcasts`. `GET /user/{userId}/podcasts`. Auth. Cached: user. */
  getUserFollowedPodcasts(
    userId?: UserId,
    options?: PageOptions,
  ): DeezerPages<Podcast, ChecksummedPage<Podcast>> {
    return this.core.users.getUserFollowedPodcasts(userId, via(options, "podcasts.getUserFollowedPodcasts"));
  }

  /** Follows a podcast; same as `users.followPodcast`. `POST /user/{userId}/podcasts`. Permission: manage_library. Not cached. */
  async followPodcast(podcastId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.followPodcast(podcastId, via(options, "podcasts.followPodcast"));
  }

  /**
   * Unfollows a podcast; same as `users.unfollowPodcast`. `DELETE /user/{userId}/podcasts`.
   * Permissions: delete_library, manage_library. Not cached.
   */
  async unfollowPodcast(podcastId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.unfollowPodcast(podcastId, via(options, "podcasts.unfollowPodcast"));
  }
}
