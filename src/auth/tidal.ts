/**
 * Authorization for the private TIDAL API: PKCE through login.tidal.com, the device flow through auth.tidal.com,
 * refresh tokens (rotated ones kept), and the token store under `PrivateTIDALAPIClient`.
 */
import type { Dispatcher } from "undici";
import { systemClock, type Clock } from "../core/clock.js";
import type { Authenticator, Credential } from "../core/credentials.js";
import { MissingPermissionError, ValidationError } from "../core/errors.js";
import { Transport } from "../core/transport.js";
import {
  optionOrEnv,
  parseExpiresAt,
  parseListOption,
  resolveNames,
  selectRedirectHandler,
  validateRedirectHandlerOption,
  type FlowContext,
  type RedirectHandlerOption,
} from "./flows/common.js";
import { runDeviceFlow } from "./flows/device.js";
import { runPkce } from "./flows/pkce.js";
import { runRefresh } from "./flows/refresh.js";
import { parseRedirectUri } from "./redirect/types.js";
import { definedFilter, OAuthSession, withStore } from "./session.js";
import { TokenStore, type StoredToken } from "./token-store.js";
import type { BrowserHandlerOptions, OnAuthorization, TokenFilter, TokenSet } from "./types.js";

/** TIDAL's authorization flows. */
export type TidalAuthFlow = "pkce" | "device";

/** Token store `client_name` of TIDAL logins, shared with Python minim. */
export const TIDAL_CLIENT_NAME = "PrivateTIDALAPIClient";
export const TIDAL_AUTH_URL = "https://login.tidal.com/authorize";
export const TIDAL_TOKEN_URL = "https://auth.tidal.com/v1/oauth2/token";
export const TIDAL_DEVICE_AUTH_URL = "https://auth.tidal.com/v1/oauth2/device_authorization";
/** The redirect URIs registered for TIDAL's own client ids. */
export const TIDAL_REDIRECT_URIS: readonly string[] = ["tidal://login/auth", "https://tidal.com/login/auth"];

const FLOWS: readonly (TidalAuthFlow | null)[] = [null, "pkce", "device"];
const HANDLERS = ["paste", "http.server", "playwright"] as const;
const SCOPES = ["r_usr", "w_usr", "w_sub"] as const;

/** The settings {@link TidalAuth.setAuthFlow} replaces. */
export interface TidalAuthFlowOptions {
  /** Client id; default `$PRIVATE_TIDAL_API_CLIENT_ID`. Required for every flow (it is the `x-tidal-token`). */
  clientId?: string | null | undefined;
  /** Client secret; default `$PRIVATE_TIDAL_API_CLIENT_SECRET`. Required by `device`; optional for `pkce`. */
  clientSecret?: string | null | undefined;
  /** Token store key; a leading `~` forces a new authorization stored under the rest. */
  userIdentifier?: string | null | undefined;
  /** PKCE only: `tidal://login/auth` or `https://tidal.com/login/auth` for TIDAL's own client ids. */
  redirectUri?: string | null | undefined;
  /** Scopes to request (`r_usr`, `w_usr`, `w_sub`), as a string separated by spaces or commas, or an iterable. */
  scopes?: string | Iterable<string> | undefined;
  /**
   * How the PKCE redirect is caught: `null` (paste), `"playwright"` (any redirect URI), or `"http.server"`
   * (loopback redirect URIs only; otherwise pasting, with a warning).
   */
  redirectHandler?: RedirectHandlerOption | undefined;
  /** Open the authorization or verification page in the default browser. */
  openBrowser?: boolean | undefined;
  /** Read and write the local token store (default true). */
  storeTokens?: boolean | undefined;
}

/** Options of {@link TidalAuth}. */
export interface TidalAuthOptions extends TidalAuthFlowOptions {
  /** `null` (client token only), `"pkce"` or `"device"`. Required, as in upstream. */
  authFlow: TidalAuthFlow | null;
  /** A token obtained elsewhere; no authorization or store lookup happens. Ignored without a flow. */
  accessToken?: string | null | undefined;
  refreshToken?: string | null | undefined;
  /** Expiry of `accessToken`: a Date or `%Y-%m-%dT%H:%M:%SZ` (UTC). */
  expiresAt?: string | Date | null | undefined;
  /** Receives the authorization URL or the device code prompt, so an application can present it. */
  onAuthorization?: OnAuthorization | undefined;
  browser?: BrowserHandlerOptions | undefined;
  authUrl?: string | undefined;
  tokenUrl?: string | undefined;
  deviceAuthUrl?: string | undefined;
  /** Token store to use instead of `$MINIM_DIR/auth.db`. */
  tokenStore?: TokenStore | undefined;
  clock?: Clock | undefined;
  dispatcher?: Dispatcher | undefined;
  /** Timeout of token requests in ms. */
  timeout?: number | undefined;
  /** Receives warnings; default `process.emitWarning`. */
  warn?: ((message: string) => void) | undefined;
  /** Where the paste handler reads the pasted URL (default stdin). */
  input?: NodeJS.ReadableStream | undefined;
  /** Where instructions are written (default stderr). */
  output?: NodeJS.WritableStream | undefined;
  /** How long to wait for the user to authorize (PKCE), in ms. */
  redirectTimeoutMs?: number | undefined;
  /**
   * Whether a new authorization may be started (default true). With false, only a given or stored token and its
   * refreshes are used.
   */
  interactive?: boolean | undefined;
}

/** What the TIDAL client lends the auth engine. */
export interface TidalAuthDeps {
  /**
   * `GET login.tidal.com/oauth2/me` with `credential`, when a token answer did not name the user. It may go through
   * the client's request pipeline: a credential asked for during the lookup is the new token.
   */
  fetchProfile(
    credential: Credential,
    signal?: AbortSignal,
  ): Promise<{ userId: string | number; countryCode?: string | undefined }>;
}

interface TidalSettings {
  authFlow: TidalAuthFlow | null;
  clientId: string;
  clientSecret: string | null;
  userIdentifier: string | null;
  redirectUri: string | null;
  scopes: Set<string>;
  redirectHandler: RedirectHandlerOption;
  openBrowser: boolean;
  storeTokens: boolean;
}

/** Authorization for the private TIDAL API client. */
export class TidalAuth implements Authenticator {
  /** The scopes TIDAL's auth server knows. */
  static readonly SCOPES: readonly string[] = SCOPES;

  readonly #deps: TidalAuthDeps | undefined;
  readonly #clock: Clock;
  readonly #warn: (message: string) => void;
  readonly #transport: Transport;
  readonly #authUrl: string;
  readonly #tokenUrl: string;
  readonly #deviceAuthUrl: string;
  readonly #onAuthorization: OnAuthorization | undefined;
  readonly #browser: BrowserHandlerOptions | undefined;
  readonly #input: NodeJS.ReadableStream | undefined;
  readonly #output: NodeJS.WritableStream | undefined;
  readonly #redirectTimeoutMs: number | undefined;
  readonly #interactive: boolean;
  readonly #givenStore: TokenStore | undefined;
  #ownStore: TokenStore | undefined;
  #settings!: TidalSettings;
  #session: OAuthSession | null = null;
  /** The user id the profile endpoint reported for the current account. */
  #profileUserId: string | null = null;

  constructor(options: TidalAuthOptions, deps?: TidalAuthDeps) {
    if (options === null || typeof options !== "object" || !("authFlow" in options)) {
      throw new ValidationError("authFlow", "authFlow is required: null, 'pkce' or 'device'.");
    }
    this.#deps = deps;
    this.#clock = options.clock ?? systemClock;
    this.#warn = options.warn ?? ((message) => process.emitWarning(message, "MinimWarning"));
    this.#authUrl = options.authUrl ?? TIDAL_AUTH_URL;
    this.#tokenUrl = options.tokenUrl ?? TIDAL_TOKEN_URL;
    this.#deviceAuthUrl = options.deviceAuthUrl ?? TIDAL_DEVICE_AUTH_URL;
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
    const given = options.accessToken ?? null;
    if (given !== null) {
      if (settings.authFlow === null) this.#warn("accessToken is ignored because no authFlow is set.");
      else {
        token = this.#tokenFrom(given, "Bearer", {
          refreshToken: options.refreshToken ?? null,
          expiresAt: parseExpiresAt(options.expiresAt),
          scopes: settings.scopes,
        });
      }
    } else if ((options.refreshToken ?? null) !== null || (options.expiresAt ?? null) !== null) {
      this.#warn("refreshToken and expiresAt are ignored without an accessToken.");
    }
    this.#install(settings, token);
  }

  /**
   * Scopes containing the substring (or any of the substrings): `"usr"` → `r_usr`, `w_usr`. All of them without
   * an argument.
   */
  static resolveScopes(matches?: string | Iterable<string>): Set<string> {
    return resolveNames(SCOPES, matches);
  }

  /** Stored TIDAL logins matching the filter, most recent first. */
  static getTokens(filter: TokenFilter = {}, store?: TokenStore): StoredToken[] {
    return withStore(store, (s) => s.list({ clientName: TIDAL_CLIENT_NAME, ...definedFilter(filter) }));
  }

  /** Deletes stored TIDAL logins matching the filter (all of them without one); returns how many. */
  static removeTokens(filter: TokenFilter = {}, store?: TokenStore): number {
    return withStore(store, (s) => s.remove({ clientName: TIDAL_CLIENT_NAME, ...definedFilter(filter) }));
  }

  get authFlow(): TidalAuthFlow | null {
    return this.#settings.authFlow;
  }

  get clientId(): string {
    return this.#settings.clientId;
  }

  /** Kept off the instance's own properties so logging or serialising the object does not show it. */
  get clientSecret(): string | null {
    return this.#settings.clientSecret;
  }

  get redirectUri(): string | null {
    return this.#settings.redirectUri;
  }

  /** The token store key of the account, once known (without the `~`). */
  get userIdentifier(): string | null {
    return this.#session?.userIdentifier ?? null;
  }

  /** The TIDAL user id: the token answer's `user_id`, else what the profile endpoint reported. */
  get userId(): string | null {
    const fromToken = this.#session?.token?.extras["user_id"];
    if (typeof fromToken === "string" || typeof fromToken === "number") return String(fromToken);
    return this.#profileUserId;
  }

  /** Scopes granted to the current token, or the requested ones before there is a token. */
  get scopes(): ReadonlySet<string> {
    const token = this.#session?.token;
    return token ? new Set(token.scopes) : this.#settings.scopes;
  }

  /** `Bearer` once a token is held. */
  get tokenType(): string | null {
    return this.#session?.token?.tokenType ?? null;
  }

  get hasUserAuth(): boolean {
    return this.#settings.authFlow !== null;
  }

  /**
   * Throws {@link MissingPermissionError} (noun "scope") unless `scope` is among {@link scopes}. The client calls
   * it for the device flow, whose tokens cannot read user data without `r_usr`.
   */
  requireScope(scope: string, method: string): void {
    if (!this.scopes.has(scope)) throw new MissingPermissionError(method, [scope], "scope");
  }

  /** Makes sure a token is held: a stored one, or a new authorization. Does nothing without a flow. */
  async authenticate(signal?: AbortSignal): Promise<void> {
    if (this.#session !== null) await this.#session.getCredential(signal);
  }

  /** The user id, asking the profile endpoint when the token answer did not carry it. */
  async getUserId(signal?: AbortSignal): Promise<string> {
    const credential = await this.getCredential(signal);
    const known = this.userId;
    if (known !== null) return known;
    if (credential === null || this.#deps === undefined) {
      throw new ValidationError("userId", "The user id is unknown: there is no authorized user.");
    }
    const profile = await this.#deps.fetchProfile(credential, signal);
    this.#profileUserId = String(profile.userId);
    return this.#profileUserId;
  }

  /**
   * Replaces the token, its type, refresh token and expiry (anything not given is cleared). `null` is accepted
   * only without a flow. If the token comes from another flow or client, call {@link setAuthFlow} first.
   */
  setAccessToken(
    token: string | null,
    tokenType: string | null = "Bearer",
    options: { refreshToken?: string | null | undefined; expiresAt?: string | Date | null | undefined } = {},
  ): void {
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
    const set = this.#tokenFrom(token, tokenType ?? "Bearer", {
      refreshToken: options.refreshToken ?? null,
      expiresAt: parseExpiresAt(options.expiresAt),
      scopes: settings.scopes,
    });
    this.#profileUserId = null;
    this.#session?.setToken(set);
  }

  /**
   * Replaces the flow and every setting it depends on (options left out return to their defaults), then, unless
   * `authenticate: false`, obtains a token at once.
   */
  async setAuthFlow(
    flow: TidalAuthFlow | null,
    options: TidalAuthFlowOptions & { authenticate?: boolean | undefined } = {},
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

  #resolve(flowValue: unknown, options: TidalAuthFlowOptions): TidalSettings {
    if (flowValue === undefined || !FLOWS.includes(flowValue as TidalAuthFlow | null)) {
      throw new ValidationError(
        "authFlow",
        `Invalid authorization flow '${String(flowValue)}'. Valid values: null, 'pkce', 'device'.`,
      );
    }
    const flow = flowValue as TidalAuthFlow | null;
    const redirectHandler = validateRedirectHandlerOption(options.redirectHandler, HANDLERS);
    const identifier = options.userIdentifier;
    if (identifier !== undefined && identifier !== null && typeof identifier !== "string") {
      throw new ValidationError("userIdentifier", "userIdentifier must be a string.");
    }
    let scopes = parseListOption(options.scopes, "scopes");
    const clientId = optionOrEnv(options.clientId, "PRIVATE_TIDAL_API_CLIENT_ID");
    if (clientId === null) {
      throw new ValidationError(
        "clientId",
        "A client id is required: pass clientId or set the PRIVATE_TIDAL_API_CLIENT_ID environment variable.",
      );
    }
    const clientSecret = optionOrEnv(options.clientSecret, "PRIVATE_TIDAL_API_CLIENT_SECRET");
    let redirectUri = options.redirectUri ?? null;
    if (flow === null) {
      if (scopes.size > 0) this.#warn("scopes are ignored because no authFlow is set.");
      scopes = new Set();
    } else {
      const unknown = [...scopes].filter((scope) => !(SCOPES as readonly string[]).includes(scope));
      if (unknown.length > 0) {
        this.#warn(
          `Unknown TIDAL scope(s) ${unknown.map((s) => `'${s}'`).join(", ")}; requesting them anyway.`,
        );
      }
    }
    if (flow !== "pkce") {
      if (redirectUri !== null) {
        this.#warn(
          `redirectUri is ignored by ${flow === null ? "a client without authFlow" : "the device flow"}.`,
        );
      }
      redirectUri = null;
    } else {
      if (redirectUri === null || redirectUri.trim() === "") {
        throw new ValidationError(
          "redirectUri",
          "The 'pkce' flow needs a redirectUri (e.g. tidal://login/auth).",
        );
      }
      parseRedirectUri(redirectUri);
      if (!TIDAL_REDIRECT_URIS.includes(redirectUri)) {
        this.#warn(
          `redirectUri ${redirectUri} is not one of TIDAL's registered redirect URIs ` +
            `(${TIDAL_REDIRECT_URIS.join(", ")}); TIDAL may refuse it for this client id.`,
        );
      }
    }
    if (flow === "device" && clientSecret === null) {
      throw new ValidationError(
        "clientSecret",
        "The 'device' flow needs the client secret: pass clientSecret or set PRIVATE_TIDAL_API_CLIENT_SECRET.",
      );
    }
    return {
      authFlow: flow,
      clientId,
      clientSecret: flow === null ? null : clientSecret,
      userIdentifier: flow === null ? null : (identifier ?? null),
      redirectUri,
      scopes,
      redirectHandler: flow === "pkce" ? redirectHandler : null,
      openBrowser: options.openBrowser ?? false,
      storeTokens: options.storeTokens ?? true,
    };
  }

  #install(settings: TidalSettings, token: TokenSet | null): void {
    this.#settings = settings;
    this.#profileUserId = null;
    const flow = settings.authFlow;
    if (flow === null) {
      this.#session = null;
      return;
    }
    const handler =
      flow === "pkce" && settings.redirectUri !== null
        ? selectRedirectHandler(settings.redirectHandler, settings.redirectUri, {
            browser: this.#browser,
            warn: this.#warn,
          })
        : undefined;
    const context = (signal: AbortSignal): FlowContext => ({
      transport: this.#transport,
      clock: this.#clock,
      service: "tidal",
      signal,
      warn: this.#warn,
    });
    const deps = this.#deps;
    this.#session = new OAuthSession({
      clientName: TIDAL_CLIENT_NAME,
      authFlow: flow,
      clientId: settings.clientId,
      userIdentifier: settings.userIdentifier,
      storeTokens: settings.storeTokens,
      tokenStore: () => this.#store(),
      clock: this.#clock,
      warn: this.#warn,
      token,
      interactive: this.#interactive,
      authorize: async (signal) => {
        this.#profileUserId = null;
        const scopes = [...settings.scopes];
        if (flow === "device") {
          return runDeviceFlow(context(signal), {
            clientId: settings.clientId,
            clientSecret: settings.clientSecret ?? "",
            deviceAuthUrl: this.#deviceAuthUrl,
            tokenUrl: this.#tokenUrl,
            scopes,
            onAuthorization: this.#onAuthorization,
            openBrowser: settings.openBrowser,
            output: this.#output,
          });
        }
        if (handler === undefined || settings.redirectUri === null) {
          throw new ValidationError("redirectUri", "The 'pkce' flow needs a redirectUri.");
        }
        return runPkce(
          {
            ...context(signal),
            redirectHandler: handler,
            redirectUri: settings.redirectUri,
            authUrl: this.#authUrl,
            openBrowser: settings.openBrowser,
            onAuthorization: this.#onAuthorization,
            redirectTimeoutMs: this.#redirectTimeoutMs,
            input: this.#input,
            output: this.#output,
          },
          {
            clientId: settings.clientId,
            clientSecret: settings.clientSecret,
            tokenUrl: this.#tokenUrl,
            scopes,
          },
        );
      },
      refresh: (current, signal) =>
        runRefresh(
          context(signal),
          { clientId: settings.clientId, clientSecret: settings.clientSecret, tokenUrl: this.#tokenUrl },
          current,
        ),
      resolveUserId: async (fresh, signal) => {
        // The token answer usually names the user; asking the profile endpoint is the fallback, not the default.
        const fromToken = fresh.extras["user_id"];
        if (typeof fromToken === "string" || typeof fromToken === "number") return String(fromToken);
        if (deps === undefined) return null;
        const profile = await deps.fetchProfile(
          { accessToken: fresh.accessToken, tokenType: fresh.tokenType ?? "Bearer" },
          signal,
        );
        this.#profileUserId = String(profile.userId);
        return this.#profileUserId;
      },
      storeRecord: () => ({ clientSecret: settings.clientSecret, redirectUri: settings.redirectUri }),
      onRestore: (stored) => {
        if (settings.clientSecret === null) settings.clientSecret = stored.clientSecret;
      },
    });
  }

  #tokenFrom(
    accessToken: unknown,
    tokenType: string,
    values: { refreshToken: string | null; expiresAt: Date | null; scopes: Set<string> },
  ): TokenSet {
    if (typeof accessToken !== "string" || accessToken.trim() === "") {
      throw new ValidationError("accessToken", "accessToken must be a non-empty string.");
    }
    return {
      accessToken,
      tokenType,
      refreshToken: values.refreshToken,
      expiresAt: values.expiresAt,
      scopes: [...values.scopes],
      extras: {},
    };
  }

  #store(): TokenStore {
    if (this.#givenStore) return this.#givenStore;
    this.#ownStore ??= new TokenStore();
    return this.#ownStore;
  }
}
