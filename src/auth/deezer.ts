/**
 * Deezer authorization: the authorization code and implicit flows of connect.deezer.com, the token store under
 * `DeezerAPIClient`, and Deezer's permissions. Deezer issues no refresh tokens, so an expired or rejected token
 * means a new (interactive) authorization.
 */
import { ValidationError } from "../core/errors.js";
import {
  DEEZER_PERMISSIONS,
  deezerAuthorizationUrl,
  deezerTokenUrl,
  SERVICE_ORIGINS,
} from "../core/services.js";
import { runDeezerAuthorizationCode } from "./flows/authorization-code.js";
import { optionOrEnv, parseListOption, resolveNames } from "./options.js";
import { validateRedirectHandlerOption, type RedirectHandlerOption } from "./redirect/select.js";
import { runDeezerImplicit } from "./flows/implicit.js";
import { parseRedirectUri } from "./redirect/urls.js";
import {
  flowOption,
  givenToken,
  removeStoredTokens,
  ServiceAuth,
  storedTokens,
  userIdentifierOption,
  type ServiceAuthOptions,
  type ServiceIdentity,
} from "./service-auth.js";
import type { OAuthSession } from "./session.js";
import { TokenStore, type StoredToken } from "./token-store.js";
import type { TokenFilter, TokenSet } from "./types.js";

/** Deezer's authorization flows. */
export type DeezerAuthFlow = "auth_code" | "implicit";

/** Token store `client_name` of Deezer logins, shared with Python minim. */
export const DEEZER_CLIENT_NAME = "DeezerAPIClient";
/** Deezer's authorization page. */
export const DEEZER_AUTH_URL = deezerAuthorizationUrl(SERVICE_ORIGINS.deezerConnect);
/** Deezer's token endpoint. */
export const DEEZER_TOKEN_URL = deezerTokenUrl(SERVICE_ORIGINS.deezerConnect);

const DEEZER: ServiceIdentity = {
  service: "deezer",
  clientName: DEEZER_CLIENT_NAME,
  authUrl: DEEZER_AUTH_URL,
  tokenUrl: DEEZER_TOKEN_URL,
};
const FLOWS: readonly (DeezerAuthFlow | null)[] = [null, "auth_code", "implicit"];
const HANDLERS = ["paste", "http.server", "playwright"] as const;

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
export interface DeezerAuthOptions extends DeezerAuthFlowOptions, ServiceAuthOptions {
  /** `null` (no user: anonymous requests), `"auth_code"` or `"implicit"`. */
  authFlow?: DeezerAuthFlow | null | undefined;
  /** A token obtained elsewhere; no authorization or store lookup happens. Ignored without a flow. */
  accessToken?: string | null | undefined;
  /** Expiry of `accessToken`: a Date or `%Y-%m-%dT%H:%M:%SZ` (UTC). */
  expiresAt?: string | Date | null | undefined;
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
export class DeezerAuth extends ServiceAuth<DeezerSettings> {
  /** The seven permissions Deezer knows. */
  static readonly PERMISSIONS: readonly string[] = DEEZER_PERMISSIONS;

  readonly #deps: DeezerAuthDeps | undefined;
  /** Permissions the service confirmed (or a stored login recorded); null when only the requested set is known. */
  #granted: Set<string> | null = null;

  constructor(options: DeezerAuthOptions = {}, deps?: DeezerAuthDeps) {
    super(DEEZER, options);
    this.#deps = deps;
    const settings = this.#resolve(options.authFlow, options);
    let token: TokenSet | null = null;
    if (options.accessToken !== undefined && options.accessToken !== null) {
      if (settings.authFlow === null) {
        this.warn("accessToken is ignored because no authFlow is set.");
      } else {
        token = this.#tokenFrom(options.accessToken, options.expiresAt, settings);
      }
    } else if (options.expiresAt !== undefined && options.expiresAt !== null) {
      this.warn("expiresAt is ignored without an accessToken.");
    }
    this.install(settings, token);
  }

  /** Every permission containing the substring (or any of the substrings); all of them without an argument. */
  static resolvePermissions(matches?: string | Iterable<string>): Set<string> {
    return resolveNames(DEEZER_PERMISSIONS, matches);
  }

  /** Stored Deezer logins matching the filter, most recent first. */
  static getTokens(filter: TokenFilter = {}, store?: TokenStore): StoredToken[] {
    return storedTokens(DEEZER_CLIENT_NAME, filter, store);
  }

  /** Deletes stored Deezer logins matching the filter (all of them without one); returns how many. */
  static removeTokens(filter: TokenFilter = {}, store?: TokenStore): number {
    return removeStoredTokens(DEEZER_CLIENT_NAME, filter, store);
  }

  get appId(): string | null {
    return this.settings.appId;
  }

  get redirectUri(): string | null {
    return this.settings.redirectUri;
  }

  /** Granted permissions when known, else the requested ones. */
  get permissions(): ReadonlySet<string> {
    return this.#granted ?? this.settings.permissions;
  }

  /**
   * Whether {@link permissions} can be trusted. When false (no permissions were requested and none were
   * confirmed), the client asks Deezer (`GET /user/me/permissions`) and reports back via
   * {@link setGrantedPermissions}.
   */
  get permissionsKnown(): boolean {
    return this.#granted !== null || this.settings.permissions.size > 0;
  }

  /** Records the permissions Deezer reports for the current token. */
  setGrantedPermissions(permissions: Iterable<string>): void {
    this.#granted = new Set(permissions);
  }

  /**
   * Replaces the token and its expiry (any other token values are cleared). `null` is accepted only without a
   * flow. If the token comes from another flow or app, call {@link setAuthFlow} first.
   */
  setAccessToken(token: string | null, options: { expiresAt?: string | Date | null | undefined } = {}): void {
    if (!this.acceptsAccessToken(token)) return;
    const set = this.#tokenFrom(token, options.expiresAt, this.settings);
    this.#granted = null;
    this.session?.setToken(set);
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
    this.install(this.#resolve(flow, options), null);
    if (options.authenticate ?? true) await this.authenticate(signal);
  }

  #resolve(flowValue: unknown, options: DeezerAuthFlowOptions): DeezerSettings {
    const flow = flowOption(flowValue === undefined ? null : flowValue, FLOWS);
    const redirectHandler = validateRedirectHandlerOption(options.redirectHandler, HANDLERS);
    let permissions = parseListOption(options.permissions, "permissions");
    const identifier = userIdentifierOption(options.userIdentifier);
    let redirectUri = options.redirectUri ?? null;
    if (flow === null) {
      if (redirectUri !== null) this.warn("redirectUri is ignored because no authFlow is set.");
      if (permissions.size > 0) this.warn("permissions are ignored because no authFlow is set.");
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
      const stored = storeTokens ? this.#storedSecret(appId, identifier) : null;
      // undefined: the store answers only asynchronously; the secret then comes with the restored login, and its
      // absence is reported before any authorization starts.
      if (stored === null) throw missingAppSecret();
      appSecret = stored ?? null;
    }
    return {
      authFlow: flow,
      appId,
      appSecret,
      userIdentifier: identifier,
      redirectUri,
      permissions,
      redirectHandler,
      openBrowser: options.openBrowser ?? false,
      storeTokens,
    };
  }

  /**
   * The secret saved with an earlier login of this app, so reusing a stored login needs no secret; undefined when
   * the store cannot be read synchronously (a storage other than the SQLite {@link TokenStore}).
   */
  #storedSecret(appId: string, identifier: string | null): string | null | undefined {
    if (identifier?.startsWith("~")) return null;
    const store = this.tokenStore();
    if (!(store instanceof TokenStore)) return undefined;
    try {
      const stored = store.find({
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

  protected createSession(settings: DeezerSettings, token: TokenSet | null): OAuthSession | null {
    this.#granted = null;
    const flow = settings.authFlow;
    if (flow === null || settings.appId === null || settings.redirectUri === null) return null;
    const redirectUri = settings.redirectUri;
    const redirectHandler = this.redirectHandlerFor(settings.redirectHandler, redirectUri);
    const appId = settings.appId;
    const deps = this.#deps;
    return this.newSession({
      authFlow: flow,
      clientId: appId,
      userIdentifier: settings.userIdentifier,
      storeTokens: settings.storeTokens,
      token,
      authorize: async (signal) => {
        const ctx = this.redirectFlowContext(signal, {
          redirectHandler,
          redirectUri,
          openBrowser: settings.openBrowser,
        });
        const permissions = [...settings.permissions];
        if (flow === "auth_code" && settings.appSecret === null) throw missingAppSecret();
        const fresh =
          flow === "auth_code"
            ? await runDeezerAuthorizationCode(ctx, {
                appId,
                appSecret: settings.appSecret ?? "",
                tokenUrl: this.tokenUrl,
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
        // Deezer always grants basic_access, so a login that asked for nothing is stored with it.
        scopes: current.scopes.length > 0 ? current.scopes : ["basic_access"],
      }),
      onRestore: (stored) => {
        if (stored.scopes.length > 0) this.#granted = new Set(stored.scopes);
        if (settings.appSecret === null && flow === "auth_code") settings.appSecret = stored.clientSecret;
      },
    });
  }

  #tokenFrom(accessToken: unknown, expiresAt: unknown, settings: DeezerSettings): TokenSet {
    return givenToken(accessToken, {
      tokenType: null,
      refreshToken: null,
      expiresAt,
      scopes: settings.permissions,
    });
  }
}

function missingAppSecret(): ValidationError {
  return new ValidationError(
    "appSecret",
    "The 'auth_code' flow needs the application secret: pass appSecret or set DEEZER_API_APP_SECRET.",
  );
}
