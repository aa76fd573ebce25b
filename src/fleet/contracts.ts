/**
 * The interfaces the shared backends plug into, from where the core declares them, so the Redis implementations
 * and the in-process ones are interchangeable.
 */
export type { RateLimiter, ReleaseSlot } from "../core/rate-limit.js";
export {
  isStoredTokenNewer,
  type StoredToken,
  type TokenLockOptions,
  type TokenQuery,
  type TokenStorage,
  type TokenToSave,
} from "../auth/token-storage.js";
