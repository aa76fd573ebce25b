/**
 * The service-agnostic OAuth engine: holds the current token, finds stored logins, runs the configured flow,
 * refreshes ahead of expiry and after rejections, and saves what it obtains. Every way of getting a new token
 * goes through one shared operation, so concurrent requests never start two refreshes or two logins.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { systemClock, type Clock } from "../core/clock.js";
import type { Authenticator, Credential } from "../core/credentials.js";
import { AbortedError } from "../core/errors.js";
import { LoginRequiredError } from "./errors.js";
import { isInvalidGrant, isTransientFailure } from "./flows/token-errors.js";
import { TokenStore } from "./token-store.js";
import type { StoredToken, TokenStorage } from "./token-storage.js";
import type { TokenFilter, TokenSet } from "./types.js";

/** How long before its expiry a token is renewed. */
export const EXPIRY_MARGIN_MS = 60_000;

/**
 * How long the cross-process refresh lock outlives a holder that died. A refresh is one token request (30 s
 * timeout by default) and a save, so a live holder never comes near it.
 */
export const REFRESH_LOCK_TTL_MS = 60_000;

/**
 * Marks code running inside a session's own token operation. The user-id lookup after an authorization goes
 * through the service client, whose request pipeline asks the session for a credential again: without this, that
 * call would wait for the operation it is part of.
 */
const insideOperation = new AsyncLocalStorage<OAuthSession>();

/** Why a token is being renewed. */
export type RenewReason = "expiry" | "rejected";

/** Options of {@link OAuthSession}. */
export interface OAuthSessionOptions {
  /** The token store's `client_name`, e.g. `DeezerAPIClient`. */
  clientName: string;
  authFlow: string;
  clientId: string;
  /**
   * Token store key of the account. A leading `~` skips the stored-token lookup, forces a new authorization and
   * stores the result under the rest of the string. Without one, the most recent stored login is used and a new
   * login is stored under the user id the service reports.
   */
  userIdentifier?: string | null | undefined;
  /** Read and write the token store (default true). */
  storeTokens?: boolean | undefined;
  /**
   * The store, or a function creating it on first use (so an unused store never touches the disk). The session
   * uses only the {@link TokenStorage} interface, so any backend that implements it works.
   */
  tokenStore: TokenStorage | (() => TokenStorage);
  clock?: Clock | undefined;
  warn?: ((message: string) => void) | undefined;
  /** A token the application supplied; no stored-token lookup happens then. */
  token?: TokenSet | null | undefined;
  /** Runs the authorization flow (usually interactive). */
  authorize: (signal: AbortSignal) => Promise<TokenSet>;
  /** Renews a token that has a refresh token. Without it, renewal means a new authorization. */
  refresh?: ((token: TokenSet, signal: AbortSignal) => Promise<TokenSet>) | undefined;
  /** Learns the account's user id after a new token arrived and no identifier is known. */
  resolveUserId?: ((token: TokenSet, signal: AbortSignal) => Promise<string | null>) | undefined;
  /**
   * Whether a new authorization may be started (default true). When false, only the given or stored token and
   * its refreshes are used, and a token that cannot be renewed otherwise fails with a {@link LoginRequiredError}.
   */
  interactive?: boolean | undefined;
  /** The command that stores a new login (`minim login deezer`), named by {@link LoginRequiredError}. */
  loginCommand?: string | undefined;
  /** Values written next to the token: the client secret and redirect URI in effect. */
  storeRecord?:
    | ((token: TokenSet) => { clientSecret: string | null; redirectUri: string | null; scopes?: string[] })
    | undefined;
  /** Called when a stored login is restored, before it is used (to adopt its secret, scopes, …). */
  onRestore?: ((stored: StoredToken) => void) | undefined;
  /** Renew this long before expiry (default {@link EXPIRY_MARGIN_MS}). */
  expiryMarginMs?: number | undefined;
}

/**
 * An {@link Authenticator} over one authorization flow of one client id. It never deletes stored tokens: a
 * failed refresh or authorization leaves the store as it was.
 */
export class OAuthSession implements Authenticator {
  readonly hasUserAuth = true;
  readonly clientName: string;
  readonly authFlow: string;
  readonly clientId: string;

  readonly #options: OAuthSessionOptions;
  readonly #clock: Clock;
  readonly #warn: (message: string) => void;
  readonly #storeTokens: boolean;
  readonly #interactive: boolean;
  readonly #marginMs: number;
  readonly #flight = new SingleFlight<TokenSet>();
  #store: TokenStorage | undefined;
  #token: TokenSet | null;
  /** Lifetime of the current token when we saw it issued; bounds the renewal margin for short-lived tokens. */
  #lifetimeMs: number | null = null;
  #identifier: string | null;
  #forceNew: boolean;
  #storeChecked: boolean;
  /**
   * The `user_identifier` of the stored row this session's token belongs to, once known (restored or saved):
   * only then may a row found in the store be taken for a newer token of the same account.
   */
  #rowKey: string | null = null;
  /**
   * The token in use came from the application, not from the store or a login of this session. Its account is
   * unknown unless an identifier was given, so only then may a stored login replace it.
   */
  #givenToken: boolean;

  constructor(options: OAuthSessionOptions) {
    this.#options = options;
    this.clientName = options.clientName;
    this.authFlow = options.authFlow;
    this.clientId = options.clientId;
    this.#clock = options.clock ?? systemClock;
    this.#warn = options.warn ?? ((message) => process.emitWarning(message, "MinimWarning"));
    this.#storeTokens = options.storeTokens ?? true;
    this.#interactive = options.interactive ?? true;
    this.#marginMs = options.expiryMarginMs ?? EXPIRY_MARGIN_MS;
    const identifier = options.userIdentifier ?? "";
    this.#forceNew = identifier.startsWith("~");
    const stripped = this.#forceNew ? identifier.slice(1) : identifier;
    this.#identifier = stripped === "" ? null : stripped;
    this.#token = options.token ?? null;
    // An application-supplied token wins over the store: no stored token may silently replace it.
    this.#storeChecked = this.#token !== null;
    this.#givenToken = this.#token !== null;
  }

  /** The token in use, or null before the first authorization. */
  get token(): TokenSet | null {
    return this.#token;
  }

  /** The account key in the token store (without the `~`), once known. */
  get userIdentifier(): string | null {
    return this.#identifier;
  }

  /** Replaces the token (the application supplied one). It is not stored; the next renewal's result is. */
  setToken(token: TokenSet | null): void {
    this.#token = token;
    this.#lifetimeMs = null;
    this.#storeChecked = true;
    this.#givenToken = token !== null;
    // The row restored or saved before may belong to another account than the token given now.
    if (token !== null) this.#rowKey = null;
  }

  /** A valid credential: the current token, a stored one, a refreshed one or a new authorization. */
  async getCredential(signal?: AbortSignal): Promise<Credential> {
    const reentrant = this.#reentrantToken();
    if (reentrant !== undefined) return toCredential(reentrant);
    if (this.#flight.active) return toCredential(await this.#flight.join(signal));
    const current = this.#token;
    if (current !== null && !this.#isExpiring(current)) return toCredential(current);
    const token = await this.#runShared(
      (shared) => (current === null ? this.#obtain(shared) : this.#renew(current, shared, "expiry")),
      signal,
    );
    return toCredential(token);
  }

  /**
   * Renews after the service rejected `rejected`. Another caller (or another process, through the store) may
   * already have replaced it, in which case that token is returned without a request.
   *
   * @throws LoginRequiredError when only a new authorization could help and the session may not start one.
   */
  async renewAfterRejection(rejected: Credential, signal?: AbortSignal): Promise<Credential | null> {
    // A token just obtained and already refused cannot be helped from inside the operation that obtained it.
    if (this.#reentrantToken() !== undefined) return null;
    if (this.#flight.active) return toCredential(await this.#flight.join(signal));
    const current = this.#token;
    if (current === null) return this.getCredential(signal);
    if (current.accessToken !== rejected.accessToken) return toCredential(current);
    return toCredential(await this.#runShared((shared) => this.#renew(current, shared, "rejected"), signal));
  }

  /** `user:<identifier>`, else `token:<hash prefix>` (never the token itself), else `anonymous`. */
  accountKey(): string {
    if (this.#identifier !== null) return `user:${this.#identifier}`;
    if (this.#token !== null) {
      return `token:${createHash("sha256").update(this.#token.accessToken).digest("hex").slice(0, 16)}`;
    }
    return "anonymous";
  }

  #runShared(
    task: (signal: AbortSignal) => Promise<TokenSet>,
    signal: AbortSignal | undefined,
  ): Promise<TokenSet> {
    return this.#flight.run((shared) => insideOperation.run(this, () => task(shared)), signal);
  }

  /** The token being installed, when called from within this session's own operation. */
  #reentrantToken(): TokenSet | undefined {
    // Contexts outlive the operation (callbacks it registered); only the operation's own lifetime counts.
    const inside = insideOperation.getStore() === this && this.#flight.active;
    return inside && this.#token !== null ? this.#token : undefined;
  }

  /** Looks the login up in the store (once), else authorizes. */
  async #obtain(signal: AbortSignal): Promise<TokenSet> {
    if (!this.#storeChecked) {
      this.#storeChecked = true;
      const stored =
        this.#storeTokens && !this.#forceNew ? await this.#findStored(this.#identifier) : undefined;
      if (stored !== undefined) {
        const token = this.#restore(stored);
        return this.#isExpiring(token) ? this.#renew(token, signal, "expiry") : token;
      }
    }
    return this.#authorizeNew(signal, "there is no stored login");
  }

  async #findStored(identifier: string | null): Promise<StoredToken | undefined> {
    try {
      return await this.#tokenStore().findToken({
        clientName: this.clientName,
        authFlow: this.authFlow,
        clientId: this.clientId,
        ...(identifier !== null ? { userIdentifier: identifier } : {}),
      });
    } catch (error) {
      this.#warn(`Could not read the token store. ${describe(error)}`);
      return undefined;
    }
  }

  /**
   * The login another process saved for this account since `current` was obtained, or undefined. Only rows of
   * the same account qualify (its row key is known), so a session never picks up another user's token.
   */
  async #newerStored(current: TokenSet): Promise<StoredToken | undefined> {
    if (!this.#storeTokens || this.#rowKey === null) return undefined;
    const stored = await this.#findStored(this.#rowKey);
    if (stored === undefined || stored.accessToken === "" || stored.accessToken === current.accessToken) {
      return undefined;
    }
    return stored;
  }

  /**
   * The stored login this session would look up now, if it differs from the token in use. `~name` skips it (a
   * new login was asked for), and a token the application gave is replaced only by the row of a known account.
   */
  async #storedMeanwhile(): Promise<StoredToken | undefined> {
    if (!this.#storeTokens || this.#forceNew) return undefined;
    const key = this.#rowKey ?? this.#identifier;
    if (this.#givenToken && key === null) return undefined;
    const stored = await this.#findStored(key);
    // The row of the token that just failed cannot help: renewing it again would only fail again.
    if (
      stored === undefined ||
      stored.accessToken === "" ||
      stored.accessToken === this.#token?.accessToken
    ) {
      return undefined;
    }
    return stored;
  }

  #restore(stored: StoredToken): TokenSet {
    this.#options.onRestore?.(stored);
    this.#rowKey = stored.userIdentifier;
    this.#givenToken = false;
    // Restoring the identifier lets later saves update this row instead of creating an anonymous one.
    if (this.#identifier === null && stored.userIdentifier !== "") this.#identifier = stored.userIdentifier;
    const token: TokenSet = {
      accessToken: stored.accessToken,
      tokenType: stored.tokenType,
      refreshToken: stored.refreshToken,
      expiresAt: stored.expiresAt,
      scopes: [...stored.scopes],
      extras: { ...stored.extras },
    };
    this.#install(token, false);
    return token;
  }

  async #authorizeNew(signal: AbortSignal, why: string, cause?: unknown): Promise<TokenSet> {
    if (!this.#interactive) {
      // A login stored meanwhile (`minim login` in another terminal, another process's refresh) is the one
      // thing that can still help without a prompt.
      const stored = await this.#storedMeanwhile();
      if (stored !== undefined) {
        const token = this.#restore(stored);
        return this.#isExpiring(token) ? this.#renew(token, signal, "expiry") : token;
      }
      throw new LoginRequiredError({ reason: why, loginCommand: this.#options.loginCommand, cause });
    }
    const token = await this.#options.authorize(signal);
    this.#install(token, true);
    this.#givenToken = false;
    await this.#learnIdentifier(token, signal);
    this.#forceNew = false;
    await this.#save(token);
    return token;
  }

  /**
   * Replaces `current`, which is expiring or was rejected. Another process sharing the store may already have
   * done so: the store is read first, and a newer login found there is used as it is. A refresh itself runs under
   * the store's lock for this login, so processes on one host (or a fleet sharing a networked store) send one
   * refresh per rotation; the others wait and then find its result in the store.
   */
  async #renew(current: TokenSet, signal: AbortSignal, reason: RenewReason): Promise<TokenSet> {
    const adopted = await this.#adoptNewer(current, reason);
    if (adopted !== undefined && !this.#needsRenewal(adopted, current, reason)) return adopted;
    const base = adopted ?? current;
    const refresh = this.#options.refresh;
    if (base.refreshToken === null || base.refreshToken === "" || refresh === undefined) {
      return this.#authorizeNew(
        signal,
        reason === "rejected" ? "the service rejected the access token" : "the access token has expired",
      );
    }
    const outcome = await this.#refreshLocked(base, current, signal, reason, refresh);
    if (!(outcome instanceof DeadGrant)) return outcome;
    // Outside the lock: an interactive login can take minutes, and the other processes need not wait for it.
    if (this.#interactive) {
      this.#warn("The refresh token was refused (invalid_grant); starting a new authorization.");
    }
    return this.#authorizeNew(signal, "the refresh token was refused (invalid_grant)", outcome.cause);
  }

  /** Refreshes `base` under the store's lock for this login (without one when the store cannot lock). */
  async #refreshLocked(
    base: TokenSet,
    replaced: TokenSet,
    signal: AbortSignal,
    reason: RenewReason,
    refresh: (token: TokenSet, signal: AbortSignal) => Promise<TokenSet>,
  ): Promise<TokenSet | DeadGrant> {
    if (!this.#storeTokens || this.#rowKey === null) return this.#refresh(base, signal, reason, refresh);
    const key = `refresh:${JSON.stringify([this.clientName, this.authFlow, this.clientId, this.#rowKey])}`;
    let started = false;
    try {
      return await this.#tokenStore().withLock(
        key,
        async () => {
          started = true;
          // The previous holder may have just refreshed: its token is in the store now.
          const fresh = await this.#adoptNewer(base, reason);
          if (fresh !== undefined && !this.#needsRenewal(fresh, replaced, reason)) return fresh;
          return this.#refresh(fresh ?? base, signal, reason, refresh);
        },
        { signal, ttlMs: REFRESH_LOCK_TTL_MS },
      );
    } catch (error) {
      // A store that cannot lock (unreadable file, backend down) must not cost the process its token.
      if (started || error instanceof AbortedError) throw error;
      this.#warn(`Could not lock the token store; refreshing without the lock. ${describe(error)}`);
      return this.#refresh(base, signal, reason, refresh);
    }
  }

  /** One refresh request; a refused grant is reported as {@link DeadGrant} unless the store has a newer token. */
  async #refresh(
    current: TokenSet,
    signal: AbortSignal,
    reason: RenewReason,
    refresh: (token: TokenSet, signal: AbortSignal) => Promise<TokenSet>,
  ): Promise<TokenSet | DeadGrant> {
    let token: TokenSet;
    try {
      token = await refresh(current, signal);
    } catch (error) {
      if (isInvalidGrant(error)) {
        // A sibling may have rotated the refresh token without our seeing it (no shared lock, or it saved late).
        const adopted = await this.#adoptNewer(current, reason);
        if (adopted !== undefined && this.#stillValid(adopted)) return adopted;
        return new DeadGrant(error);
      }
      // A token that still works is better than a failed request: the server's trouble is not the token's.
      if (reason === "expiry" && isTransientFailure(error) && this.#stillValid(current)) {
        this.#warn(`Renewing the access token failed (${describe(error)}); using it until it expires.`);
        return current;
      }
      throw error;
    }
    this.#install(token, true);
    await this.#learnIdentifier(token, signal);
    await this.#save(token);
    return token;
  }

  /** Installs and returns a newer stored login of this account, if another process saved one. */
  async #adoptNewer(current: TokenSet, reason: RenewReason): Promise<TokenSet | undefined> {
    const stored = await this.#newerStored(current);
    if (stored === undefined) return undefined;
    // An expired stored token is still worth adopting for its refresh token, which may be the only live one.
    if (reason === "expiry" && stored.expiresAt !== null && current.expiresAt !== null) {
      if (stored.expiresAt.getTime() < current.expiresAt.getTime()) return undefined;
    }
    return this.#restore(stored);
  }

  /** Whether an adopted token still has to be renewed before use. */
  #needsRenewal(adopted: TokenSet, replaced: TokenSet, reason: RenewReason): boolean {
    if (reason === "rejected" && adopted.accessToken === replaced.accessToken) return true;
    return this.#isExpiring(adopted);
  }

  #install(token: TokenSet, fresh: boolean): void {
    this.#token = token;
    this.#lifetimeMs =
      fresh && token.expiresAt !== null ? token.expiresAt.getTime() - this.#clock.now() : null;
  }

  async #learnIdentifier(token: TokenSet, signal: AbortSignal): Promise<void> {
    if (this.#identifier !== null || this.#options.resolveUserId === undefined) return;
    try {
      const id = await this.#options.resolveUserId(token, signal);
      if (id !== null && id !== "") this.#identifier = id;
    } catch (error) {
      if (error instanceof AbortedError) throw error;
      // The token is good; failing here would throw away a completed (possibly interactive) authorization.
      this.#warn(
        `Could not look up the user id for the token store; storing without one. ${describe(error)}`,
      );
    }
  }

  async #save(token: TokenSet): Promise<void> {
    if (!this.#storeTokens) return;
    const record = this.#options.storeRecord?.(token) ?? { clientSecret: null, redirectUri: null };
    this.#rowKey = this.#identifier ?? "";
    try {
      await this.#tokenStore().saveToken({
        clientName: this.clientName,
        authFlow: this.authFlow,
        clientId: this.clientId,
        clientSecret: record.clientSecret,
        userIdentifier: this.#identifier ?? "",
        redirectUri: record.redirectUri,
        scopes: record.scopes ?? token.scopes,
        tokenType: token.tokenType,
        accessToken: token.accessToken,
        accessTokenSecret: null,
        expiresAt: token.expiresAt,
        refreshToken: token.refreshToken,
        extras: Object.keys(token.extras).length > 0 ? token.extras : null,
        addedAt: new Date(this.#clock.now()),
      });
    } catch (error) {
      this.#warn(`Could not save the token to the token store. ${describe(error)}`);
    }
  }

  #tokenStore(): TokenStorage {
    if (this.#store === undefined) {
      const source = this.#options.tokenStore;
      this.#store = typeof source === "function" ? source() : source;
    }
    return this.#store;
  }

  #isExpiring(token: TokenSet): boolean {
    if (token.expiresAt === null) return false;
    const margin =
      this.#lifetimeMs !== null ? Math.min(this.#marginMs, this.#lifetimeMs / 2) : this.#marginMs;
    return token.expiresAt.getTime() - this.#clock.now() <= margin;
  }

  #stillValid(token: TokenSet): boolean {
    return token.expiresAt === null || token.expiresAt.getTime() > this.#clock.now();
  }
}

/** The refresh token was refused and the store holds nothing better: only a new login can help. */
class DeadGrant {
  constructor(readonly cause: unknown) {}
}

function toCredential(token: TokenSet): Credential {
  return { accessToken: token.accessToken, tokenType: token.tokenType ?? undefined };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

/**
 * One operation shared by every concurrent caller. Each caller may abort its own wait; the operation itself is
 * aborted only when every caller waiting on it has given up, so one impatient caller cannot fail the others.
 */
export class SingleFlight<T> {
  #current: Flight<T> | undefined;

  get active(): boolean {
    return this.#current !== undefined;
  }

  /** Joins the running operation, or starts `task` when none runs. */
  run(task: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    // A caller that has already given up must not start work nobody will wait for (a login prompt, say).
    if (signal?.aborted) return Promise.reject(AbortedError.from(signal));
    if (this.#current === undefined) {
      const controller = new AbortController();
      const holder: { flight?: Flight<T> } = {};
      const promise = (async () => {
        try {
          return await task(controller.signal);
        } finally {
          if (this.#current === holder.flight) this.#current = undefined;
        }
      })();
      // Rejections reach the waiters; this only keeps an abandoned flight from being reported as unhandled.
      promise.catch(() => undefined);
      holder.flight = { controller, waiters: 0, promise };
      this.#current = holder.flight;
    }
    return this.join(signal);
  }

  /** Waits for the running operation (rejects when none runs). */
  join(signal?: AbortSignal): Promise<T> {
    const flight = this.#current;
    if (flight === undefined) return Promise.reject(new Error("No operation in flight."));
    if (signal?.aborted) return Promise.reject(AbortedError.from(signal));
    flight.waiters++;
    if (signal === undefined) return flight.promise;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        flight.waiters--;
        if (flight.waiters === 0) flight.controller.abort(signal.reason);
        reject(AbortedError.from(signal));
      };
      signal.addEventListener("abort", onAbort, { once: true });
      flight.promise.then(
        (value) => {
          signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      );
    });
  }
}

/** Runs `work` on the given store, or on a default one that is closed afterwards. */
export function withStore<T>(store: TokenStore | undefined, work: (store: TokenStore) => T): T {
  if (store) return work(store);
  const own = new TokenStore();
  try {
    return work(own);
  } finally {
    own.close();
  }
}

/** Drops undefined filter fields, which the store would otherwise read as "no filter" anyway. */
export function definedFilter(filter: TokenFilter): {
  authFlows?: string | Iterable<string>;
  clientIds?: string | Iterable<string>;
  userIdentifiers?: string | Iterable<string>;
} {
  return {
    ...(filter.authFlows !== undefined ? { authFlows: filter.authFlows } : {}),
    ...(filter.clientIds !== undefined ? { clientIds: filter.clientIds } : {}),
    ...(filter.userIdentifiers !== undefined ? { userIdentifiers: filter.userIdentifiers } : {}),
  };
}
