/** Option objects shared by the endpoint groups. Every one also takes the per-call {@link RequestOptions}. */
import type { RequestOptions } from "../../core/api-client.js";
import type { DeviceType, OnMissing, PlaylistType, SortOrder, TidalId } from "../types/common.js";

export type { RequestOptions };

/** Endpoints that take a country: given → sent (upper-cased); omitted → the account's or the IP's country. */
export interface CountryOptions extends RequestOptions {
  /** ISO 3166-1 alpha-2 code such as `"US"`. */
  countryCode?: string | null | undefined;
}

/** `limit`/`offset` of a v1 list. */
export interface OffsetOptions extends RequestOptions {
  /** Items per page, 1–100 (the service's default is 10). */
  limit?: number | null | undefined;
  /** Index of the first item, ≥ 0. */
  offset?: number | null | undefined;
}

/** A v1 list that takes a country. */
export interface CountryPageOptions extends CountryOptions, OffsetOptions {}

/** Ordering of collection lists. */
export interface SortOptions {
  /** `DATE` (when saved, the default) or `NAME`. */
  sortBy?: SortOrder | null | undefined;
  /** Newest or Z first. */
  descending?: boolean | null | undefined;
}

/** A sortable v1 collection list. */
export interface SortedPageOptions extends CountryPageOptions, SortOptions {}

/** `limit`/`cursor` of a v2 list. */
export interface CursorOptions extends RequestOptions {
  /** Items per page, 1–50 (50 when not given). */
  limit?: number | null | undefined;
  /** The `cursor` of the previous page. */
  cursor?: string | null | undefined;
}

/** A sortable v2 collection list. */
export interface SortedCursorOptions extends CursorOptions, SortOptions {}

/** The my-collection playlist lists. */
export interface CollectionListOptions extends SortedCursorOptions {
  /** Kinds of entries to list; sent as repeated `includeOnly` keys. */
  playlistTypes?: PlaylistType | `${string},${string}` | Iterable<PlaylistType> | null | undefined;
}

/** The editorial page endpoints. */
export interface TidalPageOptions extends CountryOptions {
  /** Layout target; `BROWSER` by default. */
  deviceType?: DeviceType | null | undefined;
  /** Language of the page texts, `ll_CC` (`en_US` by default on the service). */
  locale?: string | null | undefined;
}

/** Writes to a v1 user collection (`/v1/users/{user_id}/…`). */
export interface TidalUserOptions extends RequestOptions {
  /** The user whose collection is changed; the current user by default. */
  userId?: TidalId | null | undefined;
}

/** Saving items to a v1 user collection. */
export interface SaveOptions extends TidalUserOptions, CountryOptions {
  /** What to do with ids the catalogue does not know: `FAIL` (the service's default) or `SKIP`. */
  onMissing?: OnMissing | Lowercase<OnMissing> | null | undefined;
}

/** The wrappers' variant of {@link SaveOptions}: `missingOk: true` skips unknown ids (sent as `SKIP`). */
export interface SaveWrapperOptions extends TidalUserOptions, CountryOptions {
  missingOk?: boolean | null | undefined;
}

/** Options of the playback-info methods (`tracks.getTrackPlaybackInfo`, `videos.getVideoPlaybackInfo`). */
export interface PlaybackInfoOptions extends RequestOptions {
  /** `STREAM` (default) or `OFFLINE`; sent as `playbackmode`. */
  mode?: "STREAM" | "OFFLINE" | "stream" | "offline" | null | undefined;
  /** `FULL` (default) or `PREVIEW` (30 seconds); sent as `assetpresentation`. */
  presentation?: "FULL" | "PREVIEW" | "full" | "preview" | null | undefined;
  /** Sent as `countryCode` when given; the service otherwise uses the account's country. */
  countryCode?: string | null | undefined;
  /** A UUID naming the listening session (`x-tidal-streamingsessionid`); the service makes one up otherwise. */
  streamingSessionId?: string | null | undefined;
  /** The playlist being played (`x-tidal-playlistuuid`), for the service's play reporting. */
  playlistUuid?: string | null | undefined;
  /** Asks ahead of playback (`x-tidal-prefetch: true`). */
  prefetch?: boolean | null | undefined;
}

/** `getHomeFeed` options. */
export interface HomeFeedOptions extends CountryOptions {
  /** The page to read, from the previous answer's `page.cursor`; the first page by default. */
  cursor?: string | null | undefined;
  /** `BROWSER` (default), `DESKTOP`, `PHONE` or `TV`. */
  deviceType?: "BROWSER" | "DESKTOP" | "PHONE" | "TV" | null | undefined;
  /** `WEB` (default), `DESKTOP`, `ANDROID` or `IOS`. */
  platform?: "WEB" | "DESKTOP" | "ANDROID" | "IOS" | null | undefined;
  /** Language of the titles, `ll_CC` (`en_US`). */
  locale?: string | null | undefined;
}
