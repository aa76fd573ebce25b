/**
 * Shared backends for many workers: the rate limit, the response cache and the token store on Redis, so every
 * process of a namespace shares one quota, one cache and one refresh.
 */
export {
  SharedBackendError,
  SharedRedis,
  SharedUnavailableError,
  redactRedisUrl,
  type SharedRedisOptions,
} from "./redis.js";
export {
  SharedSlidingWindowLimiter,
  SharedTokenBucketLimiter,
  type SharedLimiterBaseOptions,
  type SharedSlidingWindowOptions,
  type SharedTokenBucketOptions,
} from "./redis-limiter.js";
export {
  RedisResponseCache,
  type RedisResponseCacheOptions,
  type SharedCacheEvent,
  type SharedCacheHit,
  type SharedCacheLayer,
  type SharedCacheStats,
} from "./redis-cache.js";
export {
  MemoryTokenStorage,
  RedisTokenStorage,
  type RedisTokenStorageOptions,
} from "./redis-token-storage.js";
export type { SharedOptions } from "./options.js";
