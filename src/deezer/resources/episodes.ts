import type { RequestOptions } from "../../core/api-client.js";
import { via } from "../../core/resource.js";
import { DeezerResource } from "../endpoint.js";
import { id } from "../params.js";
import type { ResumePointOptions } from "../options.js";
import type { BookmarkResult, DeezerId } from "../types/common.js";
import type { Episode } from "../types/podcast.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Podcast episodes. */
export class EpisodesAPI extends DeezerResource {
  protected readonly group = "episodes";

  /** An episode. `GET /episode/{episodeId}`. No permission. Cached: static. */
  async getEpisode(episodeId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<Episode>> {
    return this.get("getEpisode", `/episode/${id("episodeId", episodeId)}`, options, { ttl: "static" });
  }

  /**
   * Saves where to resume an episode; same as `users.setEpisodeResumePoint`. `POST /episode/{episodeId}/bookmark`.
   * Permission: manage_library. Not cached.
   */
  async setEpisodeResumePoint(
    episodeId: DeezerId,
    options: ResumePointOptions,
  ): Promise<DeepReadonly<BookmarkResult>> {
    return this.core.users.setEpisodeResumePoint(episodeId, via(options, "episodes.setEpisodeResumePoint"));
  }

  /**
   * Forgets an episode's resume point; same as `users.removeEpisodeResumePoint`.
   * `DELETE /episode/{episodeId}/bookmark`. Permission: manage_library. Not cached.
   */
  async removeEpisodeResumePoint(
    episodeId: DeezerId,
    options?: RequestOptions,
  ): Promise<DeepReadonly<BookmarkResult>> {
    return this.core.users.removeEpisodeResumePoint(
      episodeId,
      via(options, "episodes.removeEpisodeResumePoint"),
    );
  }
}
