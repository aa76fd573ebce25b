/**
 * Authorization for the private TIDAL API: PKCE through login.tidal.com, the device flow through auth.tidal.com,
 * refresh tokens (rotated ones kept), and the token store under `PrivateTIDALAPIClient`.
 */
import type { Credential } from "../core/credentials.js";
import { MissingPermissionError, ValidationError } from "../core/errors.js";
import {
  SERVICE_ORIGINS,
  tidalAuthorizationUrl,
  tidalDeviceAuthorizationUrl,
  tidalTokenUrl,
} from "../core/services.js";
import { optionOrEnv, parseListOption, resolveNames } from "./options.js";
import { validateRedirectHandlerOption, type RedirectHandlerOption } from "./redirect/select.js";
import { runDeviceFlow } from "./flows/device.js";
import { runPkce } from "./flows/pkce.js";
import { runRefresh } from "./flows/refresh.js";
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
import type { TokenStore, StoredToken } from "./token-store.js";
import type { TokenFilter, TokenSet } from "./types.js";

/** TIDAL's authorization flows. */
export type TidalAuthFlow = "pkce" | "device";

/** Token store `client_name` of TIDAL logins, shared with Python minim. */
export const TIDAL_CLIENT_NAME = "PrivateTIDALAPIClient";
/** TIDAL's PKCE authorization page. */
export const TIDAL_AUTH_URL = tidalAuthorizationUrl(SERVICE_ORIGINS.tidalLogin);
/** TIDAL's token endpoint. */
export const TIDAL_TOKEN_URL = tidalTokenUrl(SERVICE_ORIGINS.tidalAuth);
/** TIDAL's device authorization endpoint. */
export const TIDAL_DEVICE_AUTH_URL = tidalDeviceAuthorizationUrl(SERVICE_ORIGINS.tidalAuth);
/** The redirect URIs registered for TIDAL's own client ids. */
export const TIDAL_REDIRECT_URIS: readonly string[] = ["tidal://login/auth", "https://tidal.com/login/auth"];

const TIDAL: ServiceIdentity = {
  service: "tidal",
  clientName: TIDAL_CLIENT_NAME,
  authUrl: TIDAL_AUTH_URL,
  tokenUrl: TIDAL_TOKEN_URL,
};
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
export interface TidalAuthOptions extends TidalAuthFlowOptions, ServiceAuthOptions {
  /** `null` (client token only), `"pkce"` or `"device"`. Required: TIDAL has no default flow. */
  authFlow: TidalAuthFlow | null;
  /** A token obtained elsewhere; no authorization or store lookup happens. Ignored without a flow. */
  accessToken?: string | null | undefined;
  refreshToken?: string | null | undefined;
  /** Expiry of `accessToken`: a Date or `%Y-%m-%dT%H:%M:%SZ` (UTC). */
  expiresAt?: string | Date | null | undefined;
  deviceAuthUrl?: string | undefined;
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
export class TidalAuth extends ServiceAuth<TidalSettings> {
  /** The scopes TIDAL's auth server knows. */
  static readonly SCOPES: readonly string[] = SCOPES;

  readonly #deps: TidalAuthDeps | undefined;
  readonly #deviceAuthUrl: string;
  /** The user id the profile endpoint reported for the current account. */
  #profileUserId: string | null = null;

  constructor(options: TidalAuthOptions, deps?: TidalAuthDeps) {
    if (options === null || typeof options !== "object" || !("authFlow" in options)) {
      throw new ValidationError("authFlow", "authFlow is required: null, 'pkce' or 'device'.");
    }
    super(TIDAL, options);
    this.#deps = deps;
    this.#deviceAuthUrl = options.deviceAuthUrl ?? TIDAL_DEVICE_AUTH_URL;
    const settings = this.#resolve(options.authFlow, options);
    let token: TokenSet | null = null;
    const given = options.accessToken ?? null;
    if (given !== null) {
      if (settings.authFlow === null) this.warn("accessToken is ignored because no authFlow is set.");
      else {
        token = givenToken(given, {
          tokenType: "Bearer",
          refreshToken: options.refreshToken ?? null,
          expiresAt: options.expiresAt,
          scopes: settings.scopes,
        });
      }
    } else if ((options.refreshToken ?? null) !== null || (options.expiresAt ?? null) !== null) {
      this.warn("refreshToken and expiresAt are ignored without an accessToken.");
    }
    this.install(settings, token);
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
    return storedTokens(TIDAL_CLIENT_NAME, filter, store);
  }

  /** Deletes stored TIDAL logins matching the filter (all of them without one); returns how many. */
  static removeTokens(filter: TokenFilter = {}, store?: TokenStore): number {
    return removeStoredTokens(TIDAL_CLIENT_NAME, filter, store);
  }

  get clientId(): string {
    return this.settings.clientId;
  }

  /** Kept off the instance's own properties so logging or serialising the object does not show it. */
  get clientSecret(): string | null {
    return this.settings.clientSecret;
  }

  get redirectUri(): string | null {
    return this.settings.redirectUri;
  }

  /** The TIDAL user id: the token answer's `user_id`, else what the profile endpoint reported. */
  get userId(): string | null {
    const fromToken = this.session?.token?.extras["user_id"];
    if (typeof fromToken === "string" || typeof fromToken === "number") return String(fromToken);
    return this.#profileUserId;
  }

  /** Scopes granted to the current token, or the requested ones before there is a token. */
  get scopes(): ReadonlySet<string> {
    const token = this.session?.token;
    return token ? new Set(token.scopes) : this.settings.scopes;
  }

  /** `Bearer` once a token is held. */
  get tokenType(): string | null {
    return this.session?.token?.tokenType ?? null;
  }

  /**
   * Throws {@link MissingPermissionError} (noun "scope") unless `scope` is among {@link scopes}. The client calls
   * it for the device flow, whose tokens cannot read user data without `r_usr`.
   */
  requireScope(scope: string, method: string): void {
    if (!this.scopes.has(scope)) throw new MissingPermissionError(method, [scope], "scope");
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
    if (!this.acceptsAccessToken(token)) return;
    const set = givenToken(token, {
      tokenType: tokenType ?? "Bearer",
      refreshToken: options.refreshToken ?? null,
      expiresAt: options.expiresAt,
      scopes: this.settings.scopes,
    });
    this.#profileUserId = null;
    this.session?.setToken(set);
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
    this.install(this.#resolve(flow, options), null);
    if (options.authenticate ?? true) await this.authenticate(signal);
  }

  #resolve(flowValue: unknown, options: TidalAuthFlowOptions): TidalSettings {
    // Unlike Deezer's, the flow has no default: leaving it out is as invalid as a misspelt one.
    const flow = flowOption(flowValue, FLOWS);
    const redirectHandler = validateRedirectHandlerOption(options.redirectHandler, HANDLERS);
    const identifier = userIdentifierOption(options.userIdentifier);
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
      if (scopes.size > 0) this.warn("scopes are ignored because no authFlow is set.");
      scopes = new Set();
    } else {
      const unknown = [...scopes].filter((scope) => !(SCOPES as readonly string[]).includes(scope));
      if (unknown.length > 0) {
        this.warn(
          `Unknown TIDAL scope(s) ${unknown.map((s) => `'${s}'`).join(", ")}; requesting them anyway.`,
        );
      }
    }
    if (flow !== "pkce") {
      if (redirectUri !== null) {
        this.warn(
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
        this.warn(
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
      userIdentifier: flow === null ? null : identifier,
      redirectUri,
      scopes,
      redirectHandler: flow === "pkce" ? redirectHandler : null,
      openBrowser: options.openBrowser ?? false,
      storeTokens: options.storeTokens ?? true,
    };
  }

  protected createSession(settings: TidalSettings, token: TokenSet | null): OAuthSession | null {
    this.#profileUserId = null;
    const flow = settings.authFlow;
    if (flow === null) return null;
    const redirectHandler =
      flow === "pkce" && settings.redirectUri !== null
        ? this.redirectHandlerFor(settings.redirectHandler, settings.redirectUri)
        : undefined;
    const deps = this.#deps;
    return this.newSession({
      authFlow: flow,
      clientId: settings.clientId,
      userIdentifier: settings.userIdentifier,
      storeTokens: settings.storeTokens,
      token,
      authorize: async (signal) => {
        this.#profileUserId = null;
        const scopes = [...settings.scopes];
        if (flow === "device") {
          return runDeviceFlow(this.flowContext(signal), {
            clientId: settings.clientId,
            clientSecret: settings.clientSecret ?? "",
            deviceAuthUrl: this.#deviceAuthUrl,
            tokenUrl: this.tokenUrl,
            scopes,
            onAuthorization: this.onAuthorization,
            openBrowser: settings.openBrowser,
            output: this.output,
          });
        }
        if (redirectHandler === undefined || settings.redirectUri === null) {
          throw new ValidationError("redirectUri", "The 'pkce' flow needs a redirectUri.");
        }
        return runPkce(
          this.redirectFlowContext(signal, {
            redirectHandler,
            redirectUri: settings.redirectUri,
            openBrowser: settings.openBrowser,
          }),
          {
            clientId: settings.clientId,
            clientSecret: settings.clientSecret,
            tokenUrl: this.tokenUrl,
            scopes,
          },
        );
      },
      refresh: (current, signal) =>
        runRefresh(
          this.flowContext(signal),
          { clientId: settings.clientId, clientSecret: settings.clientSecret, tokenUrl: this.tokenUrl },
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
}
