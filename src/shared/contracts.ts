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

/** Options of {@link TokenStorage.withLock}. */
export interface TokenLockOptions {
  /** Gives up waiting for the lock (the task has not started then) with an `AbortedError`. */
  signal?: AbortSignal | undefined;
  /** How long the lock outlives a holder that died without releasing it, in ms (the backend's default if unset). */
  ttlMs?: number | undefined;
}

/** Where logins are kept, and the lock that makes a refresh happen once among everyone sharing the store. */
export interface TokenStorage {
  /** The stored login for the query (the most recent one when it names no user), if any. */
  findToken(query: TokenQuery): Promise<StoredToken | undefined>;
  /** Stores a login; never overwrites a newer token with an older one. */
  saveToken(token: TokenToSave): Promise<void>;
  /** Runs `task` while holding the named lock, which everyone sharing the store respects. */
  withLock<T>(key: string, task: () => Promise<T>, options?: TokenLockOptions): Promise<T>;
  /** Releases connections or files the storage holds; a later call may reopen them. */
  close?(): void | Promise<void>;
}

/** How far in the future a stored `addedAt` may lie and still be believed (clock skew between writers). */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/**
 * Whether `stored` should be kept instead of `incoming`: it was added in a later second, or in the same second
 * with a later expiry. A stored time far in the future is not trusted, so such a row never blocks a fresh token.
 */
export function isStoredTokenNewer(
  stored: Pick<StoredToken, "addedAt" | "expiresAt">,
  incoming: Pick<TokenToSave, "addedAt" | "expiresAt">,
  now: number = Date.now(),
): boolean {
  const storedAdded = stored.addedAt.getTime();
  if (storedAdded > now + MAX_FUTURE_SKEW_MS) return false;
  const storedSecond = Math.floor(storedAdded / 1000);
  const incomingSecond = Math.floor((incoming.addedAt ?? new Date(now)).getTime() / 1000);
  if (storedSecond !== incomingSecond) return storedSecond > incomingSecond;
  if (stored.expiresAt === null || incoming.expiresAt === null) return false;
  return Math.floor(stored.expiresAt.getTime() / 1000) > Math.floor(incoming.expiresAt.getTime() / 1000);
}
