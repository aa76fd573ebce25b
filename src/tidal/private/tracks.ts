/**
 * Tracks: metadata, contributors, credits, lyrics, mix, recommendations, playback info, and collection
 * wrappers.
 */
import type { RequestOptions } from "../../core/api-client.js";
import { via } from "../../core/resource.js";
import { TidalResource } from "../endpoint.js";
import { boolean, isrc as isrcCode } from "../../core/validate.js";
import { catalogueMatches } from "../openapi.js";
import { catalogId, playbackRequest, presentation, upperChoice } from "../params.js";
import type { TrackMatch } from "../types/catalogue-match.js";
import type { CreditGroup, IdAnswer, OffsetPages, TidalId, TidalIdList } from "../types/common.js";
import type {
  AudioQuality,
  Lyrics,
  PlaybackIntent,
  TidalTrack,
  TrackContributor,
  TrackPlaybackInfo,
} from "../types/track.js";
import type { BlockedItem, SavedItem } from "../types/user.js";
import type {
  CountryOptions,
  CountryPageOptions,
  OffsetOptions,
  PlaybackInfoOptions,
  SaveOptions,
  SortedPageOptions,
  TidalUserOptions,
} from "./options.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** `getTrackPlaybackInfo` options. */
export interface TrackPlaybackInfoOptions extends PlaybackInfoOptions {
  /** `LOW`, `HIGH`, `LOSSLESS`, `HI_RES` or `HI_RES_LOSSLESS` (default; the best the plan allows). */
  quality?: AudioQuality | Lowercase<AudioQuality> | null | undefined;
  /** Asks for immersive (Dolby Atmos) audio where the track has it; sent as `immersiveaudio` only when given. */
  immersiveAudio?: boolean | null | undefined;
}

/** `getTrackMediaInfo` options. */
export interface TrackMediaOptions extends RequestOptions {
  /** `LOW`, `HIGH`, `LOSSLESS`, `HI_RES` or `HI_RES_LOSSLESS` (default; the best the plan allows). */
  quality?: AudioQuality | Lowercase<AudioQuality> | null | undefined;
  /** `STREAM` (default) or `OFFLINE`. */
  intent?: PlaybackIntent | Lowercase<PlaybackIntent> | null | undefined;
  /** A 30-second preview instead of the full track. */
  preview?: boolean | null | undefined;
}

const AUDIO_QUALITIES: readonly AudioQuality[] = ["LOW", "HIGH", "LOSSLESS", "HI_RES", "HI_RES_LOSSLESS"];
const INTENTS: readonly PlaybackIntent[] = ["STREAM", "OFFLINE"];

/** Tracks API endpoints of the private TIDAL API. */
export class PrivateTracksAPI extends TidalResource {
  protected readonly group = "tracks";

  /** A track. `GET /v1/tracks/{track_id}`. No scope. Cached "popularity". */
  getTrack(trackId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<TidalTrack>> {
    return this.get("getTrack", `/v1/tracks/${catalogId("trackId", trackId)}`, options, {
      country: true,
      ttl: "popularity",
    });
  }

  /**
   * A track's contributors and their roles. `GET /v1/tracks/{track_id}/contributors`. No scope. Cached
   * "static".
   */
  getTrackContributors(trackId: TidalId, options: CountryPageOptions = {}): OffsetPages<TrackContributor> {
    const path = `/v1/tracks/${catalogId("trackId", trackId)}/contributors`;
    return this.list("getTrackContributors", path, options, { country: true, page: "offset", ttl: "static" });
  }

  /**
   * A track's credits, grouped by role (a bare JSON array). `GET /v1/tracks/{track_id}/credits`. No scope.
   * Cached "static".
   */
  getTrackCredits(trackId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<CreditGroup[]>> {
    return this.get("getTrackCredits", `/v1/tracks/${catalogId("trackId", trackId)}/credits`, options, {
      country: true,
      ttl: "static",
      expect: "array",
    });
  }

  /**
   * A track's lyrics. `GET /v1/tracks/{track_id}/lyrics`. Needs a user with a subscription (checked first,
   * via `GET /v1/users/{user_id}/subscription`). Cached "static".
   */
  getTrackLyrics(trackId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<Lyrics>> {
    return this.get("getTrackLyrics", `/v1/tracks/${catalogId("trackId", trackId)}/lyrics`, options, {
      country: true,
      subscription: true,
      ttl: "static",
    });
  }

  /** The id of a track's mix. `GET /v1/tracks/{track_id}/mix`. No scope. Cached "static". */
  getTrackMixId(trackId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<IdAnswer>> {
    return this.get("getTrackMixId", `/v1/tracks/${catalogId("trackId", trackId)}/mix`, options, {
      country: true,
      ttl: "static",
    });
  }

  /**
   * Tracks recommended after a track. `GET /v1/tracks/{track_id}/recommendations`. Needs a user. Cached
   * "popularity".
   */
  getTrackRecommendations(
    trackId: TidalId,
    options: CountryPageOptions = {},
  ): OffsetPages<{ item: TidalTrack; sources?: string[] }> {
    const path = `/v1/tracks/${catalogId("trackId", trackId)}/recommendations`;
    return this.list("getTrackRecommendations", path, options, {
      country: true,
      page: "offset",
      user: true,
      ttl: "popularity",
    });
  }

  /**
   * How to play a track (manifest, quality, loudness). `GET /v1/tracks/{track_id}/playbackinfo`. No scope;
   * without a subscription the service limits quality and length. Cached "playback", a short lifetime: the
   * manifest's signed URLs expire.
   */
  getTrackMediaInfo(
    trackId: TidalId,
    options: TrackMediaOptions = {},
  ): Promise<DeepReadonly<TrackPlaybackInfo>> {
    const path = `/v1/tracks/${catalogId("trackId", trackId)}/playbackinfo`;
    return this.get("getTrackMediaInfo", path, options, {
      query: {
        audioquality: upperChoice("quality", options.quality, AUDIO_QUALITIES, "HI_RES_LOSSLESS"),
        assetpresentation: presentation(options.preview),
        playbackmode: upperChoice("intent", options.intent, INTENTS, "STREAM"),
      },
      ttl: "playback",
    });
  }

  /**
   * How to play a track: the manifest (decode it with `decodePlaybackManifest`), the quality granted, loudness.
   * `GET /v1/tracks/{track_id}/playbackinfopostpaywall`. No scope; without a subscription the service grants a
   * preview. Cached "playback", a short lifetime: the manifest's signed URLs expire.
   */
  getTrackPlaybackInfo(
    trackId: TidalId,
    options: TrackPlaybackInfoOptions = {},
  ): Promise<DeepReadonly<TrackPlaybackInfo>> {
    const path = `/v1/tracks/${catalogId("trackId", trackId)}/playbackinfopostpaywall`;
    const { query, headers } = playbackRequest(options);
    const immersive =
      options.immersiveAudio == null ? undefined : boolean("immersiveAudio", options.immersiveAudio);
    return this.get("getTrackPlaybackInfo", path, options, {
      query: {
        audioquality: upperChoice("quality", options.quality, AUDIO_QUALITIES, "HI_RES_LOSSLESS"),
        ...query,
        immersiveaudio: immersive,
      },
      headers,
      ttl: "playback",
    });
  }

  /**
   * Tracks like this one, for a radio. `GET /v1/tracks/{track_id}/radio`. No scope. Cached "popularity". A track
   * without a radio answers 404: a `NotFoundError`.
   */
  getTrackRadio(trackId: TidalId, options: CountryPageOptions = {}): OffsetPages<TidalTrack> {
    return this.list("getTrackRadio", `/v1/tracks/${catalogId("trackId", trackId)}/radio`, options, {
      country: true,
      page: "offset",
      ttl: "popularity",
    });
  }

  /**
   * The tracks with this ISRC (`USSM12209515`; hyphens and case are forgiven), found on TIDAL's openapi v2 host
   * with this client's token; each match carries the id `getTrack` takes. No match is an empty list; a malformed
   * code is a `ValidationError` before anything is sent. `GET {openApiUrl}/v2/tracks?filter[isrc]=…`. No scope.
   * Cached "static".
   */
  async getTracksByIsrc(
    isrc: string,
    options: CountryOptions = {},
  ): Promise<readonly DeepReadonly<TrackMatch>[]> {
    const code = isrcCode("isrc", isrc);
    return catalogueMatches<TrackMatch>(
      await this.get("getTracksByIsrc", `${this.core.openApiUrl}/v2/tracks`, options, {
        query: { countryCode: undefined, "filter[isrc]": code },
        country: true,
        user: true,
        ttl: "static",
      }),
    );
  }

  /**
   * Saved tracks; same as `users.getUserSavedTracks`. `GET /v1/users/{user_id}/favorites/tracks`. Needs a
   * user. Cached "user".
   */
  getUserSavedTracks(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): OffsetPages<SavedItem<TidalTrack>> {
    return this.core.users.getUserSavedTracks(userId, via(options, "tracks.getUserSavedTracks"));
  }

  /** Saves tracks; same as `users.saveTracks`. `POST /v1/users/{user_id}/favorites/tracks`. Needs a user. */
  saveTracks(trackIds: TidalIdList, options: SaveOptions = {}): Promise<void> {
    return this.core.users.saveTracks(trackIds, via(options, "tracks.saveTracks"));
  }

  /**
   * Removes saved tracks; same as `users.removeSavedTracks`.
   * `DELETE /v1/users/{user_id}/favorites/tracks/{track_ids}`. Needs a user.
   */
  removeSavedTracks(trackIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.removeSavedTracks(trackIds, via(options, "tracks.removeSavedTracks"));
  }

  /**
   * Blocked tracks; same as `users.getUserBlockedTracks`. `GET /v1/users/{user_id}/blocks/tracks`. Needs a
   * user. Cached "user".
   */
  getUserBlockedTracks(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): OffsetPages<BlockedItem<TidalTrack>> {
    return this.core.users.getUserBlockedTracks(userId, via(options, "tracks.getUserBlockedTracks"));
  }

  /** Blocks a track; same as `users.blockTrack`. `POST /v1/users/{user_id}/blocks/tracks`. Needs a user. */
  blockTrack(trackId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.blockTrack(trackId, via(options, "tracks.blockTrack"));
  }

  /**
   * Unblocks a track; same as `users.unblockTrack`. `DELETE /v1/users/{user_id}/blocks/tracks/{track_id}`.
   * Needs a user.
   */
  unblockTrack(trackId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.unblockTrack(trackId, via(options, "tracks.unblockTrack"));
  }
}
