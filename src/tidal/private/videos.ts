/** Videos: metadata, contributors, page, playback info, and collection wrappers. */
import type { RequestOptions } from "../../core/api-client.js";
import { via } from "../../core/resource.js";
import { TidalResource } from "../endpoint.js";
import { catalogId, playbackRequest, presentation, upperChoice } from "../params.js";
import type { OffsetPages, TidalId, TidalIdList } from "../types/common.js";
import type { PageLayout } from "../types/page.js";
import type { PlaybackIntent, TrackContributor } from "../types/track.js";
import type { BlockedItem, SavedItem } from "../types/user.js";
import type { TidalVideo, VideoPlaybackInfo, VideoQuality } from "../types/video.js";
import type {
  CountryOptions,
  CountryPageOptions,
  OffsetOptions,
  PlaybackInfoOptions,
  TidalPageOptions,
  SaveOptions,
  SortedPageOptions,
  TidalUserOptions,
} from "./options.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** `getVideoPlaybackInfo` options. */
export interface VideoPlaybackInfoOptions extends PlaybackInfoOptions {
  /** `AUDIO_ONLY`, `LOW`, `MEDIUM` or `HIGH` (default). */
  quality?: VideoQuality | Lowercase<VideoQuality> | null | undefined;
}

/** `getVideoMediaInfo` options. */
export interface VideoMediaOptions extends RequestOptions {
  /** `AUDIO_ONLY`, `LOW`, `MEDIUM` or `HIGH` (default). */
  quality?: VideoQuality | Lowercase<VideoQuality> | null | undefined;
  /** `STREAM` (default) or `OFFLINE`. */
  intent?: PlaybackIntent | Lowercase<PlaybackIntent> | null | undefined;
  /** A preview instead of the full video. */
  preview?: boolean | null | undefined;
}

const VIDEO_QUALITIES: readonly VideoQuality[] = ["AUDIO_ONLY", "LOW", "MEDIUM", "HIGH"];
const INTENTS: readonly PlaybackIntent[] = ["STREAM", "OFFLINE"];

/** Videos API endpoints of the private TIDAL API. */
export class PrivateVideosAPI extends TidalResource {
  protected readonly group = "videos";

  /** A video. `GET /v1/videos/{video_id}`. No scope. Cached "popularity". */
  getVideo(videoId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<TidalVideo>> {
    return this.get("getVideo", `/v1/videos/${catalogId("videoId", videoId)}`, options, {
      country: true,
      ttl: "popularity",
    });
  }

  /**
   * A video's contributors and their roles. `GET /v1/videos/{video_id}/contributors`. No scope. Cached
   * "static".
   */
  getVideoContributors(videoId: TidalId, options: CountryPageOptions = {}): OffsetPages<TrackContributor> {
    const path = `/v1/videos/${catalogId("videoId", videoId)}/contributors`;
    return this.list("getVideoContributors", path, options, { country: true, page: "offset", ttl: "static" });
  }

  /** A video's page; same as `pages.getVideoPage`. `GET /v1/pages/videos`. No scope. Cached "daily". */
  getVideoPage(videoId: TidalId, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.core.pages.getVideoPage(videoId, via(options, "videos.getVideoPage"));
  }

  /**
   * How to play a video (a manifest naming the HLS playlist). `GET /v1/videos/{video_id}/playbackinfo`. Needs
   * a user with a subscription (checked first). Cached "playback", a short lifetime: the signed URLs expire.
   */
  getVideoMediaInfo(
    videoId: TidalId,
    options: VideoMediaOptions = {},
  ): Promise<DeepReadonly<VideoPlaybackInfo>> {
    const path = `/v1/videos/${catalogId("videoId", videoId)}/playbackinfo`;
    return this.get("getVideoMediaInfo", path, options, {
      query: {
        videoquality: upperChoice("quality", options.quality, VIDEO_QUALITIES, "HIGH"),
        assetpresentation: presentation(options.preview),
        playbackmode: upperChoice("intent", options.intent, INTENTS, "STREAM"),
      },
      subscription: true,
      ttl: "playback",
    });
  }

  /**
   * How to play a video: a manifest naming its HLS playlists (decode it with `decodePlaybackManifest`).
   * `GET /v1/videos/{video_id}/playbackinfopostpaywall`. Needs a user with a subscription (checked first).
   * Cached "playback", a short lifetime: the signed URLs expire.
   */
  getVideoPlaybackInfo(
    videoId: TidalId,
    options: VideoPlaybackInfoOptions = {},
  ): Promise<DeepReadonly<VideoPlaybackInfo>> {
    const path = `/v1/videos/${catalogId("videoId", videoId)}/playbackinfopostpaywall`;
    const { query, headers } = playbackRequest(options);
    return this.get("getVideoPlaybackInfo", path, options, {
      query: { videoquality: upperChoice("quality", options.quality, VIDEO_QUALITIES, "HIGH"), ...query },
      headers,
      subscription: true,
      ttl: "playback",
    });
  }

  /**
   * Saved videos; same as `users.getUserSavedVideos`. `GET /v1/users/{user_id}/favorites/videos`. Needs a
   * user. Cached "user".
   */
  getUserSavedVideos(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): OffsetPages<SavedItem<TidalVideo>> {
    return this.core.users.getUserSavedVideos(userId, via(options, "videos.getUserSavedVideos"));
  }

  /** Saves videos; same as `users.saveVideos`. `POST /v1/users/{user_id}/favorites/videos`. Needs a user. */
  saveVideos(videoIds: TidalIdList, options: SaveOptions = {}): Promise<void> {
    return this.core.users.saveVideos(videoIds, via(options, "videos.saveVideos"));
  }

  /**
   * Removes saved videos; same as `users.removeSavedVideos`.
   * `DELETE /v1/users/{user_id}/favorites/videos/{video_ids}`. Needs a user.
   */
  removeSavedVideos(videoIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.removeSavedVideos(videoIds, via(options, "videos.removeSavedVideos"));
  }

  /**
   * Blocked videos; same as `users.getUserBlockedVideos`. `GET /v1/users/{user_id}/blocks/videos`. Needs a
   * user. Cached "user".
   */
  getUserBlockedVideos(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): OffsetPages<BlockedItem<TidalVideo>> {
    return this.core.users.getUserBlockedVideos(userId, via(options, "videos.getUserBlockedVideos"));
  }

  /** Blocks a video; same as `users.blockVideo`. `POST /v1/users/{user_id}/blocks/videos`. Needs a user. */
  blockVideo(videoId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.blockVideo(videoId, via(options, "videos.blockVideo"));
  }

  /**
   * Unblocks a video; same as `users.unblockVideo`. `DELETE /v1/users/{user_id}/blocks/videos/{video_id}`.
   * Needs a user.
   */
  unblockVideo(videoId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.unblockVideo(videoId, via(options, "videos.unblockVideo"));
  }
}
