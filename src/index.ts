/**
 * minim-ts: clients for the Deezer API and the private TIDAL API, their errors and result types, the token storage
 * they share, and the Redis backends for fleets of workers. The request pipeline, the transport, the page walkers
 * and each service's wire adapter are internal; the emulator is the `minim-ts/emulator` entry point.
 */

// The clients and their endpoint groups.
export {
  DeezerAPIClient,
  DEEZER_ERROR_CODES,
  AlbumsAPI,
  ArtistsAPI,
  ChartsAPI,
  CommentsAPI,
  EditorialAPI,
  EpisodesAPI,
  GenresAPI,
  PlaylistsAPI,
  PodcastsAPI,
  RadiosAPI,
  SearchAPI,
  TracksAPI,
  UsersAPI,
  deezerQuery,
  type DeezerAPIClientOptions,
  type DeezerQueryFields,
} from "./deezer/index.js";
export { DEEZER_PERMISSIONS } from "./core/services.js";
export type * from "./deezer/options.js";
export type * from "./deezer/types/index.js";
export {
  PrivateTIDALAPIClient,
  TIDAL_API_URL,
  TIDAL_LOGIN_URL,
  ARTWORK_DIMENSIONS,
  TIDAL_RESOURCE_URL,
  buildArtworkUrl,
  PrivateAlbumsAPI,
  PrivateArtistsAPI,
  PrivateFeedAPI,
  PrivateMixesAPI,
  PrivatePagesAPI,
  PrivatePlaylistsAPI,
  PrivateSearchAPI,
  PrivateTracksAPI,
  PrivateUsersAPI,
  PrivateVideosAPI,
  type PrivateTIDALAPIClientOptions,
  type SetAuthFlowOptions,
  type ArtworkDimensions,
  type ArtworkItemType,
  type ArtworkItemTypeName,
  type ArtworkOptions,
  type ArtistAlbumsOptions,
  type AddPlaylistItemsOptions,
  type CreateFolderOptions,
  type TidalCreatePlaylistOptions,
  type GetPlaylistOptions,
  type MovePlaylistsOptions,
  type TidalPlaylistDetailsOptions,
  type PlaylistVisibilityOptions,
  type RemovePlaylistItemsOptions,
  type ReorderPlaylistItemsOptions,
  type ReplacePlaylistItemOptions,
  type TrackMediaOptions,
  type TrackPlaybackInfoOptions,
  type FollowMixesOptions,
  type FollowPlaylistsOptions,
  type RelationshipOptions,
  type UnfollowPlaylistsOptions,
  type VideoMediaOptions,
  type VideoPlaybackInfoOptions,
  TIDAL_OPENAPI_URL,
  decodePlaybackManifest,
  parseHlsMasterPlaylist,
  streamPlayback,
  ManifestError,
  ProtectedContentError,
  SegmentDownloadError,
  type DecodeManifestOptions,
  type PlaybackManifestSource,
  type PlayableStream,
  type PlaybackProgress,
  type StreamPlaybackOptions,
  parseSyncedLyrics,
  type SyncedLyrics,
  type SyncedLyricsLine,
  type MixIdPages,
} from "./tidal/index.js";
export type * from "./tidal/private/options.js";
export type * from "./tidal/types/index.js";
export type { ServiceClient, AuthFlowControls } from "./core/service-client.js";

// Errors.
export {
  MinimError,
  ValidationError,
  APIError,
  InvalidResponseError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  PreconditionFailedError,
  RateLimitError,
  ServiceUnavailableError,
  InvalidPageError,
  ConnectionError,
  TimeoutError,
  AbortedError,
  AuthorizationError,
  AuthenticationRequiredError,
  MissingPermissionError,
  SubscriptionRequiredError,
  type APIErrorInit,
  type ResponseShape,
  type ServiceName,
} from "./core/errors.js";
export { LoginRequiredError } from "./auth/errors.js";

// Per-call options, observability and results.
export type {
  RequestOptions,
  ObservabilityOptions,
  RequestEvent,
  ResponseEvent,
  MinimLogger,
  MethodRef,
} from "./core/api-client.js";
export type { HttpMethod } from "./core/transport.js";
export type { DeepReadonly } from "./core/readonly.js";
export type {
  PagePromise,
  PageIterator,
  DeezerPage,
  TidalOffsetPage,
  TidalCursorPage,
  PageOptions,
} from "./core/pagination.js";
export { redactUrl, redactHeaders, redactText, redactValue, knownSecrets } from "./core/redact.js";

// Time, caching and rate limits.
export { systemClock, ManualClock, type Clock } from "./core/clock.js";
export { TTL_SECONDS, type TtlName, type CacheEntryMeta } from "./core/cache.js";
export {
  TokenBucketLimiter,
  SlidingWindowLimiter,
  DEFAULT_MAX_HOLD_MS,
  type RateLimiter,
  type ReleaseSlot,
  type SlidingWindowOptions,
  type TokenBucketOptions,
} from "./core/rate-limit.js";

// Logins and token storage.
export { TokenStore, type StoredToken } from "./auth/token-store.js";
export type { TokenFilter as StoredTokenFilter, TokenStoreOptions } from "./auth/token-store.js";
export {
  isStoredTokenNewer,
  type TokenLockOptions,
  type TokenQuery,
  type TokenStorage,
  type TokenToSave,
} from "./auth/token-storage.js";
export { minimDir } from "./auth/minim-dir.js";
export type { DeezerAuthFlow, DeezerAuthFlowOptions } from "./auth/deezer.js";
export type { TidalAuthFlow, TidalAuthFlowOptions } from "./auth/tidal.js";
export type { RedirectHandler, RedirectRequest, RedirectResult } from "./auth/redirect/types.js";
export type { RedirectHandlerOption } from "./auth/redirect/select.js";
export type {
  AuthorizationPrompt,
  BrowserHandlerOptions,
  OnAuthorization,
  TokenFilter,
} from "./auth/types.js";

// Shared backends for many workers.
export * from "./fleet/index.js";
