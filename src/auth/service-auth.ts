/**
 * What `DeezerAuth` and `TidalAuth` share: the options both read the same way, the transport for token requests,
 * the token store (the given one, or one opened on first use and closed with the instance), and the
 * {@link OAuthSession} that does the work once a flow is set. Each service keeps its own settings, flows and
 * validation.
 */
import type { Dispatcher } from "undici";
import { systemClock, type Clock } from "../core/clock.js";
import type { ObservabilityOptions } from "../core/api-client.js";
import type { Authenticator, Credential } from "../core/credentials.js";
import { ValidationError, type ServiceName } from "../core/errors.js";
import { boolean } from "../core/validate.js";
import { Transport } from "../core/transport.js";
import type { FlowContext, RedirectFlowContext } from "./flows/context.js";
import { authObservers, type AuthObservers } from "./flows/observe.js";
import { parseExpiresAt } from "./options.js";
import { selectRedirectHandler, type RedirectHandlerOption } from "./redirect/select.js";
import type { RedirectHandler } from "./redirect/types.js";
import { definedFilter, OAuthSession, withStore, type OAuthSessionOptions } from "./session.js";
import { TokenStore, type StoredToken } from "./token-store.js";
import type { TokenStorage } from "./token-storage.js";
import type { BrowserHandlerOptions, OnAuthorization, TokenFilter, TokenSet } from "./types.js";

/**
 * The options `DeezerAuthOptions` and `TidalAuthOptions` share: they mean the same for both services. The
 * observability hooks and logger see the OAuth requests (token, refresh, device code) under the names `oauth.token`
 * and `oauth.deviceAuthorization`; the clients hand them their own.
 */
export interface ServiceAuthOptions extends ObservabilityOptions {
  /**
   * Receives the authorization URL (or, in TIDAL's device flow, the code to confirm), so an application can
   * present it itself.
   */
  onAuthorization?: OnAuthorization | undefined;
  /** Options of the `"playwright"` redirect handler. */
  browser?: BrowserHandlerOptions | undefined;
  /** The authorization page, instead of the service's own (an emulator's, for instance). */
  authUrl?: string | undefined;
  /** The token endpoint, instead of the service's own. */
  tokenUrl?: string | undefined;
  /**
   * Where logins are kept instead of `$MINIM_DIR/auth.db`: a {@link TokenStore} on another file, or any
   * {@link TokenStorage} (a backend shared by several hosts, for instance).
   */
  tokenStore?: TokenStorage | undefined;
  clock?: Clock | undefined;
  /** undici dispatcher for token requests (proxy, tests). */
  dispatcher?: Dispatcher | undefined;
  /** Timeout of token requests in ms. */
  timeout?: number | undefined;
  /** Receives warnings; default `process.emitWarning`. */
  warn?: ((message: string) => void) | undefined;
  /** Where the paste handler reads the pasted URL (default stdin). */
  input?: NodeJS.ReadableStream | undefined;
  /** Where instructions are written (default stderr). */
  output?: NodeJS.WritableStream | undefined;
  /** How long to wait for the user to authorize in a redirect flow (Deezer's, TIDAL's PKCE), in ms. */
  redirectTimeoutMs?: number | undefined;
  /**
   * Whether a new authorization may be started. With false, only a given or stored token (and, for TIDAL, its
   * refreshes) is used; once it cannot be renewed that way, calls fail at once with a `LoginRequiredError` that
   * says how to log in again, instead of prompting. Default: true when standard input and standard error are
   * both terminals, or when the application presents the login itself (`onAuthorization`, `browser.onPage` or
   * an `input` stream); false otherwise, so a service or a pipe never waits on a prompt nobody sees.
   */
  interactive?: boolean | undefined;
}

/** Which service an authenticator speaks for, and its authorization server unless the options name another. */
export interface ServiceIdentity {
  service: ServiceName;
  /** Token store `client_name` of the service's logins. */
  clientName: string;
  authUrl: string;
  tokenUrl: string;
}

/** The session options every service fills in the same way. */
type SharedSessionOptions = "clientName" | "tokenStore" | "clock" | "warn" | "interactive";

/**
 * The shared half of a service's authenticator. A subclass resolves its settings, then calls {@link install},
 * which asks it for the session those settings call for.
 *
 * Everything here lives in private fields or on the prototype, so the instance has no own properties that logging
 * or serialising it could reveal.
 */
export abstract class ServiceAuth<Settings extends { authFlow: string | null }> implements Authenticator {
  readonly #clientName: string;
  readonly #service: ServiceName;
  readonly #clock: Clock;
  readonly #warn: (message: string) => void;
  readonly #transport: Transport;
  readonly #observers: AuthObservers;
  readonly #authUrl: string;
  readonly #tokenUrl: string;
  readonly #onAuthorization: OnAuthorization | undefined;
  readonly #browser: BrowserHandlerOptions | undefined;
  readonly #input: NodeJS.ReadableStream | undefined;
  readonly #output: NodeJS.WritableStream | undefined;
  readonly #redirectTimeoutMs: number | undefined;
  readonly #interactive: boolean;
  readonly #givenStore: TokenStorage | undefined;
  readonly #loginCommand: string;
  #ownStore: TokenStore | undefined;
  #settings!: Settings;
  #session: OAuthSession | null = null;

  protected constructor(identity: ServiceIdentity, options: ServiceAuthOptions) {
    this.#clientName = identity.clientName;
    this.#service = identity.service;
    this.#clock = options.clock ?? systemClock;
    this.#warn = options.warn ?? ((message) => process.emitWarning(message, "MinimWarning"));
    this.#authUrl = options.authUrl ?? identity.authUrl;
    this.#tokenUrl = options.tokenUrl ?? identity.tokenUrl;
    this.#onAuthorization = options.onAuthorization;
    this.#browser = options.browser;
    this.#input = options.input;
    this.#output = options.output;
    this.#redirectTimeoutMs = options.redirectTimeoutMs;
    this.#interactive =
      options.interactive === undefined
        ? defaultInteractive(options)
        : boolean("interactive", options.interactive);
    this.#loginCommand = `minim login ${identity.service}`;
    this.#givenStore = options.tokenStore;
    this.#transport = new Transport({
      baseUrl: new URL(this.#tokenUrl).origin,
      dispatcher: options.dispatcher,
      timeout: options.timeout,
    });
    this.#observers = authObservers(options);
  }

  get authFlow(): Settings["authFlow"] {
    return this.#settings.authFlow;
  }

  /** The token store key of the account, once known (without the `~`). */
  get userIdentifier(): string | null {
    return this.#session?.userIdentifier ?? null;
  }

  get hasUserAuth(): boolean {
    return this.#settings.authFlow !== null;
  }

  /**
   * Makes sure a token is held: the given or a stored one, else a new authorization (interactive). Does nothing
   * without a flow.
   */
  async authenticate(signal?: AbortSignal): Promise<void> {
    if (this.#session !== null) await this.#session.getCredential(signal);
  }

  async getCredential(signal?: AbortSignal): Promise<Credential | null> {
    return this.#session === null ? null : this.#session.getCredential(signal);
  }

  async renewAfterRejection(rejected: Credential, signal?: AbortSignal): Promise<Credential | null> {
    return this.#session === null ? null : this.#session.renewAfterRejection(rejected, signal);
  }

  accountKey(): string {
    return this.#session === null ? "anonymous" : this.#session.accountKey();
  }

  /** Whether a new login may be started when no usable token is left. */
  get interactive(): boolean {
    return this.#interactive;
  }

  /** Releases the connection pool and the token store this instance opened. */
  async close(): Promise<void> {
    await this.#transport.close();
    this.#ownStore?.close();
    this.#ownStore = undefined;
  }

  /** The session for `settings`, or null when they set no flow. Resets what the service knew of the old account. */
  protected abstract createSession(settings: Settings, token: TokenSet | null): OAuthSession | null;

  /** Makes `settings` current, with a session starting from `token` (null: a stored login or a new one). */
  protected install(settings: Settings, token: TokenSet | null): void {
    this.#settings = settings;
    this.#session = this.createSession(settings, token);
  }

  protected get settings(): Settings {
    return this.#settings;
  }

  protected get session(): OAuthSession | null {
    return this.#session;
  }

  protected get tokenUrl(): string {
    return this.#tokenUrl;
  }

  protected get onAuthorization(): OnAuthorization | undefined {
    return this.#onAuthorization;
  }

  protected get output(): NodeJS.WritableStream | undefined {
    return this.#output;
  }

  protected warn(message: string): void {
    this.#warn(message);
  }

  /** The given store, else one opened on first use, so an instance that never needs it never touches the disk. */
  protected tokenStore(): TokenStorage {
    if (this.#givenStore) return this.#givenStore;
    this.#ownStore ??= new TokenStore();
    return this.#ownStore;
  }

  /** A session of this service, with the store, clock, warnings and interactivity of this instance. */
  protected newSession(options: Omit<OAuthSessionOptions, SharedSessionOptions>): OAuthSession {
    return new OAuthSession({
      clientName: this.#clientName,
      tokenStore: () => this.tokenStore(),
      clock: this.#clock,
      warn: this.#warn,
      interactive: this.#interactive,
      loginCommand: this.#loginCommand,
      ...options,
    });
  }

  /** Handlers that open a browser window take this instance's browser options. */
  protected redirectHandlerFor(option: RedirectHandlerOption, redirectUri: string): RedirectHandler {
    return selectRedirectHandler(option, redirectUri, { browser: this.#browser, warn: this.#warn });
  }

  protected flowContext(signal: AbortSignal): FlowContext {
    return {
      transport: this.#transport,
      clock: this.#clock,
      service: this.#service,
      signal,
      warn: this.#warn,
      observers: this.#observers,
    };
  }

  protected redirectFlowContext(
    signal: AbortSignal,
    redirect: Pick<RedirectFlowContext, "redirectHandler" | "redirectUri" | "openBrowser">,
  ): RedirectFlowContext {
    return {
      ...this.flowContext(signal),
      ...redirect,
      authUrl: this.#authUrl,
      onAuthorization: this.#onAuthorization,
      redirectTimeoutMs: this.#redirectTimeoutMs,
      input: this.#input,
      output: this.#output,
    };
  }

  /**
   * Whether `setAccessToken(token)` has a token to install: null is accepted (and ignored) only without a flow,
   * and a token only with one, since the flow decides where it is stored and how it is renewed.
   */
  protected acceptsAccessToken(token: string | null): token is string {
    const withFlow = this.#settings.authFlow !== null;
    if (token === null) {
      if (withFlow) {
        throw new ValidationError("accessToken", "An access token is required while an authFlow is set.");
      }
      return false;
    }
    if (!withFlow) {
      throw new ValidationError(
        "accessToken",
        "Set an authFlow with setAuthFlow() before setting an access token.",
      );
    }
    return true;
  }
}

/**
 * Whether a client may start a login when its options do not say: only with someone at a terminal (standard input
 * and standard error both TTYs), or when the application has taken charge of presenting the login.
 */
function defaultInteractive(options: ServiceAuthOptions): boolean {
  if (options.onAuthorization !== undefined || options.browser?.onPage !== undefined) return true;
  if (options.input !== undefined) return true;
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/**
 * A token the application supplied (option or `setAccessToken`). `expiresAt` is read first, so a bad expiry is
 * reported even when the token is bad too.
 */
export function givenToken(
  accessToken: unknown,
  values: {
    tokenType: string | null;
    refreshToken: string | null;
    expiresAt: unknown;
    scopes: Iterable<string>;
  },
): TokenSet {
  const expiresAt = parseExpiresAt(values.expiresAt);
  if (typeof accessToken !== "string" || accessToken.trim() === "") {
    throw new ValidationError("accessToken", "accessToken must be a non-empty string.");
  }
  return {
    accessToken,
    tokenType: values.tokenType,
    refreshToken: values.refreshToken,
    expiresAt,
    scopes: [...values.scopes],
    extras: {},
  };
}

/** Reads the `authFlow` option, which must be one of `flows`. */
export function flowOption<Flow extends string>(
  value: unknown,
  flows: readonly (Flow | null)[],
): Flow | null {
  if (!flows.includes(value as Flow | null)) {
    const valid = flows.map((flow) => (flow === null ? "null" : `'${flow}'`)).join(", ");
    throw new ValidationError(
      "authFlow",
      `Invalid authorization flow '${String(value)}'. Valid values: ${valid}.`,
    );
  }
  return value as Flow | null;
}

/** Reads the `userIdentifier` option, which must be a string when given. */
export function userIdentifierOption(value: unknown): string | null {
  if (value !== undefined && value !== null && typeof value !== "string") {
    throw new ValidationError("userIdentifier", "userIdentifier must be a string.");
  }
  return value ?? null;
}

/** Stored logins of one `client_name` matching the filter, most recent first. */
export function storedTokens(clientName: string, filter: TokenFilter, store?: TokenStore): StoredToken[] {
  return withStore(store, (s) => s.list({ clientName, ...definedFilter(filter) }));
}

/** Deletes stored logins of one `client_name` matching the filter; returns how many. */
export function removeStoredTokens(clientName: string, filter: TokenFilter, store?: TokenStore): number {
  return withStore(store, (s) => s.remove({ clientName, ...definedFilter(filter) }));
}
