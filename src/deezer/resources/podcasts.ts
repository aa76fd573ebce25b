import type { RequestOptions } from "../../core/api-client.js";
import type { PageIterator } from "../../core/pagination.js";
import { Resource, id, via } from "../core.js";
import type { ChartOptions, PageOptions, UserOptions } from "../options.js";
import type { ActionResult, ChecksummedPage, DeezerId, DeezerPage, UserId } from "../types/common.js";
import type { Episode, Podcast } from "../types/podcast.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Podcasts, and the podcast parts of the charts and of a user's library. */
export class PodcastsAPI extends Resource {
  protected readonly group = "podcasts";

  /** A podcast. `GET /podcast/{podcastId}`. No permission. Cached: popularity. */
  async getPodcast(podcastId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<Podcast>> {
    return this.get("getPodcast", `/podcast/${id("podcastId", podcastId)}`, options, { ttl: "popularity" });
  }

  /** The podcast's episodes. `GET /podcast/{podcastId}/episodes`. No permission. Cached: daily. */
  async getPodcastEpisodes(
    podcastId: DeezerId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Episode>>> {
    return this.get("getPodcastEpisodes", `/podcast/${id("podcastId", podcastId)}/episodes`, options, {
      ttl: "daily",
      page: true,
    });
  }

  /** Iterates {@link getPodcastEpisodes} across pages. */
  iterPodcastEpisodes(
    podcastId: DeezerId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Episode>, DeepReadonly<DeezerPage<Episode>>> {
    return this.pages("getPodcastEpisodes", () => this.getPodcastEpisodes(podcastId, options), options);
  }

  /**
   * Top podcasts; same as `charts.getTopPodcasts`. `GET /chart/{genreId}/podcasts` (genre 0 by default).
   * No permission. Cached: popularity.
   */
  async getTopPodcasts(options?: ChartOptions): Promise<DeepReadonly<DeezerPage<Podcast>>> {
    return this.core.charts.getTopPodcasts(via(options, "podcasts.getTopPodcasts"));
  }

  /** Iterates {@link getTopPodcasts} across pages. */
  iterTopPodcasts(
    options?: ChartOptions,
  ): PageIterator<DeepReadonly<Podcast>, DeepReadonly<DeezerPage<Podcast>>> {
    return this.core.charts.iterTopPodcasts(via(options, "podcasts.getTopPodcasts"));
  }

  /** The podcasts the user follows; same as `users.getUserFollowedPodcasts`. `GET /user/{userId}/podcasts`. Auth. Cached: user. */
  async getUserFollowedPodcasts(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Podcast>>> {
    return this.core.users.getUserFollowedPodcasts(userId, via(options, "podcasts.getUserFollowedPodcasts"));
  }

  /** Iterates {@link getUserFollowedPodcasts} across pages. */
  iterUserFollowedPodcasts(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Podcast>, DeepReadonly<DeezerPage<Podcast>>> {
    return this.core.users.iterUserFollowedPodcasts(userId, via(options, "podcasts.getUserFollowedPodcasts"));
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
