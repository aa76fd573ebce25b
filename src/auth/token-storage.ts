/**
 * The contract between the OAuth session and wherever logins are kept: the SQLite database of one host
 * ({@link TokenStore}), or a shared backend such as Redis for a fleet of workers. The session reads, writes and
 * serialises refreshes only through this interface, so every backend plugs in the same way.
 */

/** One stored login, as kept in the `tokens` table shared with Python minim. */
export interface StoredToken {
  /** Client class name, e.g. `DeezerAPIClient` or `PrivateTIDALAPIClient`. */
  clientName: string;
  /** `auth_code`, `implicit`, `pkce`, `device`, … */
  authFlow: string;
  clientId: string;
  clientSecret: string | null;
  /** The account key; the empty string when the login has no identifier. */
  userIdentifier: string;
  redirectUri: string | null;
  /** Granted scopes or permissions; stored sorted and space-joined. */
  scopes: string[];
  tokenType: string | null;
  accessToken: string;
  accessTokenSecret: string | null;
  /** `null` when the token does not expire (or the stored value could not be read). */
  expiresAt: Date | null;
  refreshToken: string | null;
  /** The other fields of the token answer (e.g. TIDAL's `user_id`). */
  extras: Record<string, unknown> | null;
  /** When the row was written. */
  addedAt: Date;
}

/** A login to save: a row whose `addedAt` defaults to now. */
export type TokenToSave = Omit<StoredToken, "addedAt"> & { addedAt?: Date };

/** Key of a lookup: without `userIdentifier`, the most recently added login of that client/flow/id wins. */
export interface TokenQuery {
  clientName: string;
  authFlow: string;
  clientId: string;
  userIdentifier?: string;
}

/** Options of {@link TokenStorage.withLock}. */
export interface TokenLockOptions {
  /** Gives up waiting for the lock (the task has not started then) with an `AbortedError`. */
  signal?: AbortSignal | undefined;
  /** How long the lock outlives a holder that died without releasing it, in ms (the backend's default if unset). */
  ttlMs?: number | undefined;
}

/**
 * Where an OAuth session keeps its logins. Implementations must be safe to share between processes (and,
 * for a networked backend, machines): two writers of the same login must never leave the older token in place,
 * and {@link withLock} must exclude every other holder of the same key, wherever it runs.
 */
export interface TokenStorage {
  /**
   * The stored login of a client name, flow and client id: the row of `userIdentifier` when given, otherwise the
   * most recently added one.
   */
  findToken(query: TokenQuery): Promise<StoredToken | undefined>;
  /** Saves unless the stored row is newer (compare addedAt / expiresAt): never overwrite a newer token with an older one. */
  saveToken(token: TokenToSave): Promise<void>;
  /** Runs `task` holding an exclusive lock named `key` across processes; the lock expires after `ttlMs` if its holder dies; waiting is abortable through `signal`. */
  withLock<T>(key: string, task: () => Promise<T>, options?: TokenLockOptions): Promise<T>;
  /** Releases connections or files the storage holds; a later call may reopen them. */
  close?(): void | Promise<void>;
}

/** How far in the future a stored `addedAt` may lie and still be believed (clock skew between writers). */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/**
 * Whether `stored` should be kept instead of `incoming`: it was added later, or in the same second with a later
 * expiry. A stored time far in the future is not trusted (a writer may have marked local time as UTC), so such
 * a row never blocks a fresh token forever. Backends use this to implement {@link TokenStorage.saveToken}.
 */
export function isStoredTokenNewer(
  stored: Pick<StoredToken, "addedAt" | "expiresAt">,
  incoming: Pick<TokenToSave, "addedAt" | "expiresAt">,
  now: number = Date.now(),
): boolean {
  const storedAdded = stored.addedAt.getTime();
  if (storedAdded > now + MAX_FUTURE_SKEW_MS) return false;
  // Stored times have a resolution of one second, so compare at that resolution.
  const storedSecond = Math.floor(storedAdded / 1000);
  const incomingSecond = Math.floor((incoming.addedAt ?? new Date(now)).getTime() / 1000);
  if (storedSecond !== incomingSecond) return storedSecond > incomingSecond;
  if (stored.expiresAt === null || incoming.expiresAt === null) return false;
  return Math.floor(stored.expiresAt.getTime() / 1000) > Math.floor(incoming.expiresAt.getTime() / 1000);
}
