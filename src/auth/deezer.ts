/**
 * Deezer authorization: the authorization code and implicit flows of connect.deezer.com, the token store under
 * `DeezerAPIClient`, and Deezer's permissions. Deezer issues no refresh tokens, so an expired or rejected token
 * means a new (interactive) authorization, as upstream does.
 */
import type { Dispatcher } from "undici";
import { systemClock, type Clock } from "../core/clock.js";
import type { Authenticator, Credential } from "../core/credentials.js";
import { ValidationError } from "../core/errors.js";
import { Transport } from "../core/transport.js";
import { runDeezerAuthorizationCode } from "./flows/authorization-code.js";
import {
  optionOrEnv,
  parseExpiresAt,
  parseListOption,
  resolveNames,
  selectRedirectHandler,
  validateRedirectHandlerOption,
  type RedirectFlowContext,
  type RedirectHandlerOption,
} from "./flows/common.js";
import { runDeezerImplicit } from "./flows/implicit.js";
import { parseRedirectUri } from "./redirect/types.js";
import { definedFilter, OAuthSession, withStore } from "./session.js";
import { TokenStore, type StoredToken } from "./token-store.js";
import type { BrowserHandlerOptions, OnAuthorization, TokenFilter, TokenSet } from "./types.js";

/** Deezer's authorization flows. */
export type DeezerAuthFlow = "auth_code" | "implicit";

/** Token store `client_name` of Deezer logins, shared with Python minim. */
export const DEEZER_CLIENT_NAME = "DeezerAPIClient";
/** Deezer's authorization page. */
export const DEEZER_AUTH_URL = "https://connect.deezer.com/oauth/auth.php";
/** Deezer's token endpoint. */
export const DEEZER_TOKEN_URL = "https://connect.deezer.com/oauth/access_token.php";

const FLOWS: readonly (DeezerAuthFlow | null)[] = [null, "auth_code", "implicit"];
const HANDLERS = ["paste", "http.server", "playwright"] as const;
const PERMISSIONS = [
  "basic_access",
  "email",
  "offline_access",
  "manage_library",
  "manage_community",
  "delete_library",
  "listening_history",
] as const;

/** The settings {@link DeezerAuth.setAuthFlow} replaces. */
export interface DeezerAuthFlowOptions {
  /** Application id; default `$DEEZER_API_APP_ID`. Required when a flow is set. */
  appId?: string | null | undefined;
  /**
   * Application secret; default `$DEEZER_API_APP_SECRET`, else the one stored with a previous login. Needed only
   * by `auth_code`.
   */
  appSecret?: string | null | undefined;
  /** Token store key; a leading `~` forces a new authorization stored under the rest. */
  userIdentifier?: string | null | undefined;
  /** Where Deezer sends the browser back; required by both flows. */
  redirectUri?: string | null | undefined;
  /** Permissions to request, as a string separated by spaces or commas, or an iterable. */
  permissions?: string | Iterable<string> | undefined;
  /** How the redirect is caught; `null` means pasting the final URL into the terminal. */
  redirectHandler?: RedirectHandlerOption | undefined;
  /** Open the authorization page in the default browser instead of only printing it. */
  openBrowser?: boolean | undefined;
  /** Read and write the local token store (default true). */
  storeTokens?: boolean | undefined;
}

/** Options of {@link DeezerAuth}. */
export interface DeezerAuthOptions extends DeezerAuthFlowOptions {
  /** `null` (no user: anonymous requests), `"auth_code"` or `"implicit"`. */
  authFlow?: DeezerAuthFlow | null | undefined;
  /** A token obtained elsewhere; no authorization or store lookup happens. Ignored without a flow. */
  accessToken?: string | null | undefined;
  /** Expiry of `accessToken`: a Date or `%Y-%m-%dT%H:%M:%SZ` (UTC). */
  expiresAt?: string | Date | null | undefined;
  /** Receives the authorization URL, so an application can present it itself. */
  onAuthorization?: OnAuthorization | undefined;
  /** Options of the `"playwright"` handler. */
  browser?: BrowserHandlerOptions | undefined;
  authUrl?: string | undefined;
  tokenUrl?: string | undefined;
  /** Token store to use instead of `$MINIM_DIR/auth.db`. */
  tokenStore?: TokenStore | undefined;
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
  /** How long to wait for the user to authorize, in ms. */
  redirectTimeoutMs?: number | undefined;
  /**
   * Whether a new authorization may be started (default true). With false, only a given or stored token is
   * used; once it expires, requests fail instead of prompting.
   */
  interactive?: boolean | undefined;
}

/** What the Deezer client lends the auth engine. */
export interface DeezerAuthDeps {
  /**
   * `GET /user/me` with `token` → the user id, to name a new login in the token store. It may go through the
   * client's request pipeline: a credential asked for during the lookup is the new token.
   */
  fetchCurrentUserId(token: string, signal?: AbortSignal): Promise<string>;
}

interface DeezerSettings {
  authFlow: DeezerAuthFlow | null;
  appId: string | null;
  appSecret: string | null;
  userIdentifier: string | null;
  redirectUri: string | null;
  permissions: Set<string>;
  redirectHandler: RedirectHandlerOption;
  openBrowser: boolean;
  storeTokens: boolean;
}

/**
 * Authorization for the Deezer API client. Construct it, then `await authenticate()` to get a token at once
 * (stored, or by authorizing); otherwise the first request that needs one does it.
 */
export class DeezerAuth implements Authenticator {
  /** The seven permissions Deezer knows. */
  static readonly PERMISSIONS: readonly string[] = PERMISSIONS;

  readonly #deps: DeezerAuthDeps | undefined;
  readonly #clock: Clock;
  readonly #warn: (message: string) => void;
  readonly #transport: Transport;
  readonly #authUrl: string;
  readonly #tokenUrl: string;
  readonly #onAuthorization: OnAuthorization | undefined;
  readonly #browser: BrowserHandlerOptions | undefined;
  readonly #input: NodeJS.ReadableStream | undefined;
  readonly #output: NodeJS.WritableStream | undefined;
  readonly #redirectTimeoutMs: number | undefined;
  readonly #interactive: boolean;
  readonly #givenStore: TokenStore | undefined;
  #ownStore: TokenStore | undefined;
  #settings!: DeezerSettings;
  #session: OAuthSession | null = null;
  /** Permissions the service confirmed (or a stored login recorded); null when only the requested set is known. */
  #granted: Set<string> | null = null;

  constructor(options: DeezerAuthOptions = {}, deps?: DeezerAuthDeps) {
    this.#deps = deps;
    this.#clock = options.clock ?? systemClock;
    this.#warn = options.warn ?? ((message) => process.emitWarning(message, "MinimWarning"));
    this.#authUrl = options.authUrl ?? DEEZER_AUTH_URL;
    this.#tokenUrl = options.tokenUrl ?? DEEZER_TOKEN_URL;
    this.#onAuthorization = options.onAuthorization;
    this.#browser = options.browser;
    this.#input = options.input;
    this.#output = options.output;
    this.#redirectTimeoutMs = options.redirectTimeoutMs;
    this.#interactive = options.interactive ?? true;
    this.#givenStore = options.tokenStore;
    this.#transport = new Transport({
      baseUrl: new URL(this.#tokenUrl).origin,
      dispatcher: options.dispatcher,
      timeout: options.timeout,
    });
    const settings = this.#resolve(options.authFlow, options);
    let token: TokenSet | null = null;
    if (options.accessToken !== undefined && options.accessToken !== null) {
      if (settings.authFlow === null) {
        this.#warn("accessToken is ignored because no authFlow is set.");
      } else {
        token = this.#tokenFrom(options.accessToken, parseExpiresAt(options.expiresAt), settings);
      }
    } else if (options.expiresAt !== undefined && options.expiresAt !== null) {
      this.#warn("expiresAt is ignored without an accessToken.");
    }
    this.#install(settings, token);
  }

  /** Every permission containing the substring (or any of the substrings); all of them without an argument. */
  static resolvePermissions(matches?: string | Iterable<string>): Set<string> {
    return resolveNames(PERMISSIONS, matches);
  }

  /** Stored Deezer logins matching the filter, most recent first. */
  static getTokens(filter: TokenFilter = {}, store?: TokenStore): StoredToken[] {
    return withStore(store, (s) => s.list({ clientName: DEEZER_CLIENT_NAME, ...definedFilter(filter) }));
  }

  /** Deletes stored Deezer logins matching the filter (all of them without one); returns how many. */
  static removeTokens(filter: TokenFilter = {}, store?: TokenStore): number {
    return withStore(store, (s) => s.remove({ clientName: DEEZER_CLIENT_NAME, ...definedFilter(filter) }));
  }

  get authFlow(): DeezerAuthFlow | null {
    return this.#settings.authFlow;
  }

  get appId(): string | null {
    return this.#settings.appId;
  }

  get redirectUri(): string | null {
    return this.#settings.redirectUri;
  }

  /** The token store key of the account, once known (without the `~`). */
  get userIdentifier(): string | null {
    return this.#session?.userIdentifier ?? null;
  }

  /** Granted permissions when known, else the requested ones. */
  get permissions(): ReadonlySet<string> {
    return this.#granted ?? this.#settings.permissions;
  }

  /**
   * Whether {@link permissions} can be trusted. When false (no permissions were requested and none were
   * confirmed), the client asks Deezer (`GET /user/me/permissions`) and reports back via
   * {@link setGrantedPermissions}.
   */
  get permissionsKnown(): boolean {
    return this.#granted !== null || this.#settings.permissions.size > 0;
  }

  get hasUserAuth(): boolean {
    return this.#settings.authFlow !== null;
  }

  /** Records the permissions Deezer reports for the current token. */
  setGrantedPermissions(permissions: Iterable<string>): void {
    this.#granted = new Set(permissions);
  }

  /**
   * Makes sure a token is held: a stored one, or a new authorization (interactive). Does nothing without a flow
   * or when a token was given.
   */
  async authenticate(signal?: AbortSignal): Promise<void> {
    if (this.#session !== null) await this.#session.getCredential(signal);
  }

  /**
   * Replaces the token and its expiry (any other token values are cleared). `null` is accepted only without a
   * flow. If the token comes from another flow or app, call {@link setAuthFlow} first.
   */
  setAccessToken(token: string | null, options: { expiresAt?: string | Date | null | undefined } = {}): void {
    const settings = this.#settings;
    if (token === null) {
      if (settings.authFlow !== null) {
        throw new ValidationError("accessToken", "An access token is required while an authFlow is set.");
      }
      return;
    }
    if (settings.authFlow === null) {
      throw new ValidationError(
        "accessToken",
        "Set an authFlow with setAuthFlow() before setting an access token.",
      );
    }
    const set = this.#tokenFrom(token, parseExpiresAt(options.expiresAt), settings);
    this.#granted = null;
    this.#session?.setToken(set);
  }

  /**
   * Replaces the flow and every setting it depends on (options left out return to their defaults), then, unless
   * `authenticate: false`, obtains a token at once.
   */
  async setAuthFlow(
    flow: DeezerAuthFlow | null,
    options: DeezerAuthFlowOptions & { authenticate?: boolean | undefined } = {},
    signal?: AbortSignal,
  ): Promise<void> {
    const settings = this.#resolve(flow, options);
    this.#install(settings, null);
    if (options.authenticate ?? true) await this.authenticate(signal);
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

  /** Releases the connection pool and the token store this instance opened. */
  async close(): Promise<void> {
    await this.#transport.close();
    this.#ownStore?.close();
    this.#ownStore = undefined;
  }

  #resolve(flowValue: unknown, options: DeezerAuthFlowOptions): DeezerSettings {
    const authFlow = flowValue === undefined ? null : flowValue;
    if (!FLOWS.includes(authFlow as DeezerAuthFlow | null)) {
      throw new ValidationError(
        "authFlow",
        `Invalid authorization flow '${String(authFlow)}'. Valid values: null, 'auth_code', 'implicit'.`,
      );
    }
    const flow = authFlow as DeezerAuthFlow | null;
    const redirectHandler = validateRedirectHandlerOption(options.redirectHandler, HANDLERS);
    let permissions = parseListOption(options.permissions, "permissions");
    const identifier = options.userIdentifier;
    if (identifier !== undefined && identifier !== null && typeof identifier !== "string") {
      throw new ValidationError("userIdentifier", "userIdentifier must be a string.");
    }
    let redirectUri = options.redirectUri ?? null;
    if (flow === null) {
      if (redirectUri !== null) this.#warn("redirectUri is ignored because no authFlow is set.");
      if (permissions.size > 0) this.#warn("permissions are ignored because no authFlow is set.");
      permissions = new Set();
      redirectUri = null;
      return {
        authFlow: null,
        appId: optionOrEnv(options.appId, "DEEZER_API_APP_ID"),
        appSecret: null,
        userIdentifier: null,
        redirectUri: null,
        permissions,
        redirectHandler: null,
        openBrowser: false,
        storeTokens: false,
      };
    }
    const appId = optionOrEnv(options.appId, "DEEZER_API_APP_ID");
    if (appId === null) {
      throw new ValidationError(
        "appId",
        "An application id is required: pass appId or set the DEEZER_API_APP_ID environment variable.",
      );
    }
    if (redirectUri === null || redirectUri.trim() === "") {
      throw new ValidationError("redirectUri", `The '${flow}' flow needs a redirectUri.`);
    }
    parseRedirectUri(redirectUri);
    const storeTokens = options.storeTokens ?? true;
    let appSecret = flow === "auth_code" ? optionOrEnv(options.appSecret, "DEEZER_API_APP_SECRET") : null;
    if (flow === "auth_code" && appSecret === null) {
      appSecret = storeTokens ? this.#storedSecret(appId, identifier ?? null) : null;
      if (appSecret === null) {
        throw new ValidationError(
          "appSecret",
          "The 'auth_code' flow needs the application secret: pass appSecret or set DEEZER_API_APP_SECRET.",
        );
      }
    }
    return {
      authFlow: flow,
      appId,
      appSecret,
      userIdentifier: identifier ?? null,
      redirectUri,
      permissions,
      redirectHandler,
      openBrowser: options.openBrowser ?? false,
      storeTokens,
    };
  }

  /** The secret saved with an earlier login of this app, so reusing a stored login needs no secret. */
  #storedSecret(appId: string, identifier: string | null): string | null {
    if (identifier?.startsWith("~")) return null;
    try {
      const stored = this.#store().find({
        clientName: DEEZER_CLIENT_NAME,
        authFlow: "auth_code",
        clientId: appId,
        ...(identifier ? { userIdentifier: identifier } : {}),
      });
      return stored?.clientSecret ?? null;
    } catch {
      return null;
    }
  }

  #install(settings: DeezerSettings, token: TokenSet | null): void {
    this.#settings = settings;
    this.#granted = null;
    const flow = settings.authFlow;
    if (flow === null || settings.appId === null || settings.redirectUri === null) {
      this.#session = null;
      return;
    }
    const redirectUri = settings.redirectUri;
    const handler = selectRedirectHandler(settings.redirectHandler, redirectUri, {
      browser: this.#browser,
      warn: this.#warn,
    });
    const appId = settings.appId;
    const deps = this.#deps;
    this.#session = new OAuthSession({
      clientName: DEEZER_CLIENT_NAME,
      authFlow: flow,
      clientId: appId,
      userIdentifier: settings.userIdentifier,
      storeTokens: settings.storeTokens,
      tokenStore: () => this.#store(),
      clock: this.#clock,
      warn: this.#warn,
      token,
      interactive: this.#interactive,
      authorize: async (signal) => {
        const ctx: RedirectFlowContext = {
          transport: this.#transport,
          clock: this.#clock,
          service: "deezer",
          signal,
          warn: this.#warn,
          redirectHandler: handler,
          redirectUri,
          authUrl: this.#authUrl,
          openBrowser: settings.openBrowser,
          onAuthorization: this.#onAuthorization,
          redirectTimeoutMs: this.#redirectTimeoutMs,
          input: this.#input,
          output: this.#output,
        };
        const permissions = [...settings.permissions];
        const fresh =
          flow === "auth_code"
            ? await runDeezerAuthorizationCode(ctx, {
                appId,
                appSecret: settings.appSecret ?? "",
                tokenUrl: this.#tokenUrl,
                permissions,
              })
            : await runDeezerImplicit(ctx, { appId, permissions });
        this.#granted = null;
        return fresh;
      },
      resolveUserId:
        deps === undefined
          ? undefined
          : (fresh, signal) => deps.fetchCurrentUserId(fresh.accessToken, signal),
      storeRecord: (current) => ({
        clientSecret: settings.appSecret,
        redirectUri,
        // Deezer always grants basic_access; upstream records it when nothing else was asked for.
        scopes: current.scopes.length > 0 ? current.scopes : ["basic_access"],
      }),
      onRestore: (stored) => {
        if (stored.scopes.length > 0) this.#granted = new Set(stored.scopes);
        if (settings.appSecret === null && flow === "auth_code") settings.appSecret = stored.clientSecret;
      },
    });
  }

  #tokenFrom(accessToken: unknown, expiresAt: Date | null, settings: DeezerSettings): TokenSet {
    if (typeof accessToken !== "string" || accessToken.trim() === "") {
      throw new ValidationError("accessToken", "accessToken must be a non-empty string.");
    }
    return {
      accessToken,
      tokenType: null,
      refreshToken: null,
      expiresAt,
      scopes: [...settings.permissions],
      extras: {},
    };
  }

  #store(): TokenStore {
    if (this.#givenStore) return this.#givenStore;
    this.#ownStore ??= new TokenStore();
    return this.#ownStore;
  }
}
