/**
 * The interfaces the shared backends plug into, re-exported from where the core declares them, so the Redis
 * implementations and the in-process ones are interchangeable.
 */
import type { StoredToken, TokenQuery, TokenToSave } from "../auth/token-store.js";

export type { StoredToken, TokenQuery, TokenToSave };

/** Frees a limiter slot once the answer has fully arrived or the attempt failed; calling it again does nothing. */
export type ReleaseSlot = () => void;

/** Admits requests at the pace a service allows. */
export interface RateLimiter {
  /**
   * Resolves when one request may be sent, with the function that frees its slot. Rejects with an
   * `AbortedError` if `signal` aborts first, in which case nothing was consumed.
   */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot>;
  /** Callers currently waiting. */
  readonly pending: number;
}

/** Where logins are kept, and the lock that makes a refresh happen once among everyone sharing the store. */
export interface TokenStorage {
  /** The stored login for the query (the most recent one when it names no user), if any. */
  findToken(query: TokenQuery): Promise<StoredToken | undefined>;
  /** Stores a login; never overwrites a newer token with an older one. */
  saveToken(token: TokenToSave): Promise<void>;
  /** Runs `task` while holding the named lock, which everyone sharing the store respects. */
  withLock<T>(
    key: string,
    task: () => Promise<T>,
    options?: { signal?: AbortSignal; ttlMs?: number },
  ): Promise<T>;
}
