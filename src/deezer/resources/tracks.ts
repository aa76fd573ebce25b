import type { RequestOptions } from "../../core/api-client.js";
import { via } from "../../core/resource.js";
import { isrc as recordingCode } from "../../core/validate.js";
import { DeezerResource } from "../endpoint.js";
import { id } from "../params.js";
import type { ChartOptions, PageOptions, TrackMetadataOptions, UserOptions } from "../options.js";
import type {
  ActionResult,
  ChecksummedPage,
  DeezerId,
  DeezerIdList,
  DeezerPage,
  DeezerPages,
  UserId,
} from "../types/common.js";
import type { Track } from "../types/track.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Tracks, and the track parts of the charts and of a user's library. */
export class TracksAPI extends DeezerResource {
  protected readonly group = "tracks";

  /** A track. `GET /track/{trackId}`. No permission. Cached: popularity. */
  async getTrack(trackId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<Track>> {
    return this.get("getTrack", `/track/${id("trackId", trackId)}`, options, { ttl: "popularity" });
  }

  /**
   * The track with this ISRC (spaces and hyphens are removed, letters upper-cased), the same object as
   * {@link getTrack}. An unknown ISRC is a NotFoundError. `GET /track/isrc:{isrc}`. No permission.
   * Cached: popularity.
   */
  async getTrackByIsrc(isrc: string, options?: RequestOptions): Promise<DeepReadonly<Track>> {
    return this.get("getTrackByIsrc", `/track/isrc:${recordingCode("isrc", isrc)}`, options, {
      ttl: "popularity",
    });
  }

  /**
   * Top tracks; same as `charts.getTopTracks`. `GET /chart/{genreId}/tracks` (genre 0 by default). No permission.
   * Cached: popularity.
   */
  getTopTracks(options?: ChartOptions): DeezerPages<Track> {
    return this.core.charts.getTopTracks(via(options, "tracks.getTopTracks"));
  }

  /** The tracks the user uploaded; same as `users.getUserTracks`. `GET /user/{userId}/personal_songs`. Auth. Cached: user. */
  getUserTracks(userId?: UserId, options?: PageOptions): DeezerPages<Track> {
    return this.core.users.getUserTracks(userId, via(options, "tracks.getUserTracks"));
  }

  /** Edits an uploaded track's tags; same as `users.updateTrackMetadata`. `POST /track/{trackId}`. Permission: manage_library. Not cached. */
  async updateTrackMetadata(
    trackId: DeezerId,
    options: TrackMetadataOptions,
  ): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.updateTrackMetadata(trackId, via(options, "tracks.updateTrackMetadata"));
  }

  /** Deletes an uploaded track; same as `users.deleteTrack`. `DELETE /track/{trackId}`. Permission: delete_library. Not cached. */
  async deleteTrack(trackId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.deleteTrack(trackId, via(options, "tracks.deleteTrack"));
  }

  /**
   * The user's favourite tracks; same as `users.getUserSavedTracks`. `GET /user/{userId}/tracks`. Public with an
   * explicit id; `"me"` needs a user. Cached: user.
   */
  getUserSavedTracks(userId?: UserId, options?: PageOptions): DeezerPages<Track, ChecksummedPage<Track>> {
    return this.core.users.getUserSavedTracks(userId, via(options, "tracks.getUserSavedTracks"));
  }

  /** Adds tracks to the favourites; same as `users.saveTracks`. `POST /user/{userId}/tracks`. Permission: manage_library. Not cached. */
  async saveTracks(trackIds: DeezerIdList, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.saveTracks(trackIds, via(options, "tracks.saveTracks"));
  }

  /**
   * Removes a track from the favourites; same as `users.removeSavedTrack`. `DELETE /user/{userId}/tracks`.
   * Permissions: delete_library, manage_library. Not cached.
   */
  async removeSavedTrack(trackId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.removeSavedTrack(trackId, via(options, "tracks.removeSavedTrack"));
  }

  /** The user's most played tracks; same as `users.getUserTopTracks`. `GET /user/{userId}/charts/tracks`. Auth. Cached: popularity. */
  getUserTopTracks(userId?: UserId, options?: PageOptions): DeezerPages<Track, ChecksummedPage<Track>> {
    return this.core.users.getUserTopTracks(userId, via(options, "tracks.getUserTopTracks"));
  }

  /**
   * Recommended tracks; same as `users.getUserTrackRecommendations`. `GET /user/{userId}/recommendations/tracks`.
   * Auth. Not cached.
   */
  async getUserTrackRecommendations(
    userId?: UserId,
    options?: RequestOptions,
  ): Promise<DeepReadonly<DeezerPage<Track>>> {
    return this.core.users.getUserTrackRecommendations(
      userId,
      via(options, "tracks.getUserTrackRecommendations"),
    );
  }
}
