/** minim-ts: clients for the Deezer API and the private TIDAL API. */
export * from "./core/errors.js";
export { redactUrl, redactHeaders, redactText, redactValue, knownSecrets } from "./core/redact.js";
export { systemClock, ManualClock, type Clock } from "./core/clock.js";
export { TTL_SECONDS, ResponseCache, type TtlName } from "./core/cache.js";
export {
  TokenBucketLimiter,
  SlidingWindowLimiter,
  noLimit,
  DEFAULT_MAX_HOLD_MS,
  type RateLimiter,
  type ReleaseSlot,
} from "./core/rate-limit.js";
export {
  PageIterator,
  deezerPages,
  tidalOffsetPages,
  tidalCursorPages,
  type DeezerPage,
  type TidalOffsetPage,
  type TidalCursorPage,
  type PageOptions,
} from "./core/pagination.js";
export { ApiClient, type RequestOptions, type EndpointCall, type ServiceAdapter } from "./core/api-client.js";
export type { ObservabilityOptions, RequestEvent, ResponseEvent, MinimLogger } from "./core/api-client.js";
export {
  Transport,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
  type QueryParams,
} from "./core/transport.js";
export type { Authenticator, Credential } from "./core/credentials.js";
export type { DeepReadonly } from "./core/readonly.js";
export { TokenStore, type StoredToken } from "./auth/token-store.js";
export {
  isStoredTokenNewer,
  type TokenLockOptions,
  type TokenQuery,
  type TokenStorage,
  type TokenToSave,
} from "./auth/token-storage.js";
export { LoginRequiredError } from "./auth/errors.js";
export { minimDir } from "./auth/minim-dir.js";
export * from "./deezer/index.js";
export * from "./tidal/index.js";
export * from "./fleet/index.js";
// Option and helper types that appear in the signatures above, exported so applications can name them.
export type { ApiClientOptions, MethodRef } from "./core/api-client.js";
export type { ServiceClient, AuthFlowControls } from "./core/service-client.js";
export type { CacheEntryMeta, ResponseCacheOptions } from "./core/cache.js";
export type { SlidingWindowOptions, TokenBucketOptions } from "./core/rate-limit.js";
export type { QueryScalar, QueryValue, TransportOptions } from "./core/transport.js";
export type { RetryPolicy } from "./core/retry.js";
export type { RedirectHandler, RedirectRequest, RedirectResult } from "./auth/redirect/types.js";
export type { DeezerAuthFlow, DeezerAuthFlowOptions } from "./auth/deezer.js";
export type { TidalAuthFlow, TidalAuthFlowOptions } from "./auth/tidal.js";
export type { RedirectHandlerOption } from "./auth/redirect/select.js";
export type {
  AuthorizationPrompt,
  BrowserHandlerOptions,
  OnAuthorization,
  TokenFilter,
} from "./auth/types.js";
export type { TokenFilter as StoredTokenFilter, TokenStoreOptions } from "./auth/token-store.js";
