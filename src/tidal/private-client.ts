/**
 * `PrivateTIDALAPIClient`: the private TIDAL API (api.tidal.com v1/v2, as the web player uses it) with its
 * ten
 * endpoint groups, authorization (none, PKCE or device), a per-account response cache, and a limiter shaped
 * to
 * the service's observed quota.
 */
import { SERVICE_ORIGINS } from "../core/services.js";
import type { Dispatcher } from "undici";
import { TidalAuth, TIDAL_AUTH_URL, TIDAL_DEVICE_AUTH_URL, TIDAL_TOKEN_URL } from "../auth/tidal.js";
import type { TidalAuthFlow, TidalAuthFlowOptions } from "../auth/tidal.js";
import { TokenStore, type StoredToken } from "../auth/token-store.js";
import type { TokenStorage } from "../auth/token-storage.js";
import type { BrowserHandlerOptions, OnAuthorization, TokenFilter } from "../auth/types.js";
import { ApiClient, type ObservabilityOptions, type RequestOptions } from "../core/api-client.js";
import { knownSecrets } from "../core/redact.js";
import { systemClock, type Clock } from "../core/clock.js";
import type { Credential } from "../core/credentials.js";
import { MinimError, ValidationError } from "../core/errors.js";
import type { DeepReadonly } from "../core/readonly.js";
import { noLimit, TokenBucketLimiter, type RateLimiter } from "../core/rate-limit.js";
import { sharedParts, type SharedOptions, type SharedParts } from "../fleet/options.js";
import { SharedTokenBucketLimiter } from "../fleet/redis-limiter.js";
import { ServiceClient, type AuthFlowControls } from "../core/service-client.js";
import { boolean } from "../core/validate.js";
import {
  artworkArguments,
  buildArtworkUrl,
  TIDAL_RESOURCE_URL,
  type ArtworkItemTypeName,
  type ArtworkOptions,
} from "./artwork.js";
import { TidalEndpoints } from "./endpoint.js";
import { PrivateAlbumsAPI } from "./private/albums.js";
import { PrivateArtistsAPI } from "./private/artists.js";
import { PrivateFeedAPI } from "./private/feed.js";
import { PrivateMixesAPI } from "./private/mixes.js";
import { PrivatePagesAPI } from "./private/pages.js";
import { PrivatePlaylistsAPI } from "./private/playlists.js";
import { PrivateSearchAPI } from "./private/search.js";
import { PrivateTracksAPI } from "./private/tracks.js";
import { PrivateUsersAPI } from "./private/users.js";
import { PrivateVideosAPI } from "./private/videos.js";
import { TidalAdapter } from "./wire.js";

/** The private API's host. */
export const TIDAL_API_URL = SERVICE_ORIGINS.tidalApi;
/** The host of the account profile (`/oauth2/me`). */
export const TIDAL_LOGIN_URL = SERVICE_ORIGINS.tidalLogin;
/** Default host of the openapi v2 lookups by code (`tracks.getTracksByIsrc`, `albums.getAlbumsByUpc`). */
export const TIDAL_OPENAPI_URL = SERVICE_ORIGINS.tidalOpenApi;

/**
 * Sustained rate and burst of the default limiter: the private API starts answering 429 at a little over four
 * requests a second (the quota its web player stays under), while short bursts are tolerated.
 */
const RATE_PER_SECOND = 4;
const BURST = 12;

/** Options of {@link PrivateTIDALAPIClient}. */
export interface PrivateTIDALAPIClientOptions
  extends Omit<TidalAuthFlowOptions, "redirectHandler">, ObservabilityOptions {
  /** `null` (the client id alone, no user), `"pkce"` or `"device"`. Required. */
  authFlow: TidalAuthFlow | null;
  /** A token obtained elsewhere; the login is skipped. Ignored without a flow. */
  accessToken?: string | null | undefined;
  /** Renews `accessToken` when it expires; without one, an expired token means a new login. */
  refreshToken?: string | null | undefined;
  /** Expiry of `accessToken`: a Date or `%Y-%m-%dT%H:%M:%SZ` (UTC). */
  expiresAt?: string | Date | null | undefined;
  /**
   * How the PKCE redirect is caught: `null` (paste the final URL) or `"playwright"` (a browser this process
   * drives). `"http.server"` works only with a loopback redirect URI.
   */
  redirectHandler?: TidalAuthFlowOptions["redirectHandler"];
  /** In-memory TTL cache of semi-static answers (default true). */
  enableCache?: boolean | undefined;
  /** `User-Agent` of API requests. */
  userAgent?: string | undefined;
  /** Pace requests to about four a second with bursts of twelve (default true). */
  limitRate?: boolean | undefined;
  /** API base URL (default `https://api.tidal.com`). */
  baseUrl?: string | undefined;
  /** Authorization page (default `https://login.tidal.com/authorize`). */
  authUrl?: string | undefined;
  /** Token endpoint (default `https://auth.tidal.com/v1/oauth2/token`). */
  tokenUrl?: string | undefined;
  /** Device authorization endpoint (default `https://auth.tidal.com/v1/oauth2/device_authorization`). */
  deviceAuthUrl?: string | undefined;
  /** Artwork host (default `https://resources.tidal.com`). */
  resourceUrl?: string | undefined;
  /** Host of `/oauth2/me` (default `https://login.tidal.com`). */
  loginUrl?: string | undefined;
  /** Host of the openapi v2 lookups by ISRC and barcode (default `https://openapi.tidal.com`). */
  openApiUrl?: string | undefined;
  /** Milliseconds before one HTTP attempt is abandoned (default 30 000). */
  timeout?: number | undefined;
  /** Resends of a failed request (default 2). */
  maxRetries?: number | undefined;
  /** A caller-owned undici dispatcher (proxy, custom pool). */
  dispatcher?: Dispatcher | undefined;
  /** Receives the authorization URL or device code, so an application can present it. */
  onAuthorization?: OnAuthorization | undefined;
  /** Options of the `"playwright"` redirect handler. */
  browser?: BrowserHandlerOptions | undefined;
  /** Where logins are kept instead of `$MINIM_DIR/auth.db`: a `TokenStore` or any `TokenStorage`. */
  tokenStore?: TokenStorage | undefined;
  /** Time source for the cache, the limiter, retries and token expiry. */
  clock?: Clock | undefined;
  /** Receives warnings (default `process.emitWarning`). */
  warn?: ((message: string) => void) | undefined;
  /**
   * Share the per-account quota, the response cache and logins with every process using the same Redis
   * namespace (see the README's "Many workers").
   */
  shared?: SharedOptions | undefined;
  /**
   * Whether a new (interactive) authorization may be started. With false, only a given or stored token and its
   * refreshes are used, and a login that would be needed fails at once with a `LoginRequiredError`. Default: true
   * when stdin and stderr are terminals or `onAuthorization`/`browser.onPage` is given, false otherwise.
   */
  interactive?: boolean | undefined;
}

/** What {@link PrivateTIDALAPIClient.setAuthFlow} accepts beside the flow. */
export type SetAuthFlowOptions = TidalAuthFlowOptions & AuthFlowControls;

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function urlOption(name: string, value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string") throw new ValidationError(name, `${name} must be a URL string.`);
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError("scheme");
  } catch {
    throw new ValidationError(name, `${name} must be an http(s) URL; got ${JSON.stringify(value)}.`);
  }
  return trimSlash(value);
}

/** Client for the private TIDAL API. */
export class PrivateTIDALAPIClient extends ServiceClient {
  /** Authorization page of the PKCE flow. */
  static readonly AUTH_URL = TIDAL_AUTH_URL;
  /** Base URL of the API endpoints. */
  static readonly BASE_URL = TIDAL_API_URL;
  /** Device authorization endpoint. */
  static readonly DEVICE_AUTH_URL = TIDAL_DEVICE_AUTH_URL;
  /** Host of the artwork. */
  static readonly RESOURCE_URL = TIDAL_RESOURCE_URL;
  /** Token endpoint. */
  static readonly TOKEN_URL = TIDAL_TOKEN_URL;
  /** Host of the account profile (`/oauth2/me`). */
  static readonly LOGIN_URL = TIDAL_LOGIN_URL;
  /** Host of the openapi v2 lookups by code. */
  static readonly OPENAPI_URL = TIDAL_OPENAPI_URL;

  /** Albums API endpoints. */
  readonly albums: PrivateAlbumsAPI;
  /** Artists API endpoints. */
  readonly artists: PrivateArtistsAPI;
  /** Feed API endpoints. */
  readonly feed: PrivateFeedAPI;
  /** Mixes API endpoints. */
  readonly mixes: PrivateMixesAPI;
  /** Pages API endpoints. */
  readonly pages: PrivatePagesAPI;
  /** Playlists API endpoints. */
  readonly playlists: PrivatePlaylistsAPI;
  /** Search API endpoints. */
  readonly search: PrivateSearchAPI;
  /** Tracks API endpoints. */
  readonly tracks: PrivateTracksAPI;
  /** Users API endpoints. */
  readonly users: PrivateUsersAPI;
  /** Videos API endpoints. */
  readonly videos: PrivateVideosAPI;

  readonly #auth: TidalAuth;
  readonly #core: TidalEndpoints;
  readonly #resourceUrl: string;
  readonly #shared: SharedParts | undefined;

  /**
   * Creates the client without contacting anything: the login (or the stored token lookup) happens on the
   * first
   * request that needs a token. Use {@link PrivateTIDALAPIClient.create} to authenticate at once.
   */
  constructor(options: PrivateTIDALAPIClientOptions) {
    if (options === null || typeof options !== "object" || !("authFlow" in options)) {
      throw new ValidationError("authFlow", "authFlow is required: null, 'pkce' or 'device'.");
    }
    const clock = options.clock ?? systemClock;
    const baseUrl = urlOption("baseUrl", options.baseUrl, TIDAL_API_URL);
    const loginUrl = urlOption("loginUrl", options.loginUrl, TIDAL_LOGIN_URL);
    const resourceUrl = urlOption("resourceUrl", options.resourceUrl, TIDAL_RESOURCE_URL);
    const openApiUrl = urlOption("openApiUrl", options.openApiUrl, TIDAL_OPENAPI_URL);
    const limitRate = options.limitRate === undefined ? true : boolean("limitRate", options.limitRate);
    const enableCache =
      options.enableCache === undefined ? true : boolean("enableCache", options.enableCache);

    knownSecrets.add(options.clientSecret, options.accessToken, options.refreshToken);
    const shared = sharedParts(options.shared, "tidal");
    // The profile lookup reads `this` only when a login completes, which is after super() has run.
    const auth = new TidalAuth(
      {
        authFlow: options.authFlow,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        userIdentifier: options.userIdentifier,
        redirectUri: options.redirectUri,
        scopes: options.scopes,
        accessToken: options.accessToken,
        refreshToken: options.refreshToken,
        expiresAt: options.expiresAt,
        redirectHandler: options.redirectHandler,
        openBrowser: options.openBrowser,
        storeTokens: options.storeTokens,
        onAuthorization: options.onAuthorization,
        browser: options.browser,
        authUrl: urlOption("authUrl", options.authUrl, TIDAL_AUTH_URL),
        tokenUrl: urlOption("tokenUrl", options.tokenUrl, TIDAL_TOKEN_URL),
        deviceAuthUrl: urlOption("deviceAuthUrl", options.deviceAuthUrl, TIDAL_DEVICE_AUTH_URL),
        tokenStore: shared?.tokens
          ? shared.tokenStorage(options.tokenStore, () => new TokenStore())
          : options.tokenStore,
        clock,
        dispatcher: options.dispatcher,
        timeout: options.timeout,
        onRequest: options.onRequest,
        onResponse: options.onResponse,
        logger: options.logger,
        warn: options.warn,
        interactive: options.interactive,
      },
      { fetchProfile: (credential, signal) => this.#fetchProfile(credential, signal) },
    );
    const adapter = new TidalAdapter(() => auth.clientId);
    const api = new ApiClient({
      baseUrl,
      adapter,
      auth,
      limiter: limitRate ? tidalLimiter(shared, clock, () => auth.accountKey()) : noLimit,
      enableCache,
      sharedCache: shared?.cache,
      userAgent: options.userAgent,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
      dispatcher: options.dispatcher,
      clock,
      onRequest: options.onRequest,
      onResponse: options.onResponse,
      logger: options.logger,
    });
    super(api, auth);
    this.#shared = shared;
    this.#auth = auth;
    this.#resourceUrl = resourceUrl;
    const core = new TidalEndpoints(api, auth, adapter, loginUrl, openApiUrl);
    this.#core = core;
    this.pages = new PrivatePagesAPI(core);
    this.users = new PrivateUsersAPI(core);
    core.pages = this.pages;
    core.users = this.users;
    this.albums = new PrivateAlbumsAPI(core);
    this.artists = new PrivateArtistsAPI(core);
    this.feed = new PrivateFeedAPI(core);
    this.mixes = new PrivateMixesAPI(core);
    this.playlists = new PrivatePlaylistsAPI(core);
    this.search = new PrivateSearchAPI(core);
    this.tracks = new PrivateTracksAPI(core);
    this.videos = new PrivateVideosAPI(core);
  }

  /**
   * Creates the client and authenticates at once, as the Python client's constructor does: a given or stored
   * token is adopted, otherwise the configured flow runs now.
   */
  static async create(
    options: PrivateTIDALAPIClientOptions,
    signal?: AbortSignal,
  ): Promise<PrivateTIDALAPIClient> {
    return ServiceClient.authenticated(new PrivateTIDALAPIClient(options), signal);
  }

  /** Closes the connection pools, the token store and the Redis connection this client opened. */
  override async close(): Promise<void> {
    await super.close();
    await this.#shared?.close();
  }

  /**
   * Builds the URL of an artwork on TIDAL's resources host. With `itemType`, the size must be one that kind
   * of item has; without it (`buildArtworkUrl(uuid, options)`), any well-formed size is accepted. No request
   * is made.
   */
  static buildArtworkUrl(artworkUuid: string, options?: ArtworkOptions): string;
  static buildArtworkUrl(
    artworkUuid: string,
    itemType?: ArtworkItemTypeName | null,
    options?: ArtworkOptions,
  ): string;
  static buildArtworkUrl(
    artworkUuid: string,
    itemTypeOrOptions?: ArtworkItemTypeName | ArtworkOptions | null,
    options?: ArtworkOptions,
  ): string {
    const call = artworkArguments(itemTypeOrOptions, options);
    return buildArtworkUrl(artworkUuid, call.itemType, call.options, TIDAL_RESOURCE_URL);
  }

  /**
   * Stored TIDAL logins matching the filter, most recent first (`$MINIM_DIR/auth.db` unless a store is
   * given).
   */
  static getTokens(filter: TokenFilter = {}, store?: TokenStore): StoredToken[] {
    return TidalAuth.getTokens(filter, store);
  }

  /** Deletes stored TIDAL logins matching the filter (every one without a filter); returns how many. */
  static removeTokens(filter: TokenFilter = {}, store?: TokenStore): number {
    return TidalAuth.removeTokens(filter, store);
  }

  /** The scopes containing a substring (`"usr"` → `r_usr`, `w_usr`), or all three without an argument. */
  static resolveScopes(matches?: string | Iterable<string>): Set<string> {
    return TidalAuth.resolveScopes(matches);
  }

  /**
   * Like the static {@link PrivateTIDALAPIClient.buildArtworkUrl}, on this client's configured resources
   * host.
   */
  buildArtworkUrl(artworkUuid: string, options?: ArtworkOptions): string;
  buildArtworkUrl(
    artworkUuid: string,
    itemType?: ArtworkItemTypeName | null,
    options?: ArtworkOptions,
  ): string;
  buildArtworkUrl(
    artworkUuid: string,
    itemTypeOrOptions?: ArtworkItemTypeName | ArtworkOptions | null,
    options?: ArtworkOptions,
  ): string {
    const call = artworkArguments(itemTypeOrOptions, options);
    return buildArtworkUrl(artworkUuid, call.itemType, call.options, this.#resourceUrl);
  }

  /**
   * The country TIDAL places the caller in (by IP, or the account). `GET /v1/country`. No scope. Cached
   * "static" (per account).
   */
  getCountryCode(options: RequestOptions = {}): Promise<DeepReadonly<{ countryCode: string }>> {
    return this.#core.request(
      "GET",
      { name: "getCountryCode", label: "getCountryCode", options },
      "/v1/country",
      { ttl: "static" },
    );
  }

  /**
   * Replaces the access token, its type, refresh token and expiry (anything not given is cleared). If the
   * token
   * comes from another flow or client id, call {@link setAuthFlow} first.
   */
  setAccessToken(
    accessToken: string | null,
    tokenType: string | null = "Bearer",
    options: { refreshToken?: string | null | undefined; expiresAt?: string | Date | null | undefined } = {},
  ): void {
    this.#auth.setAccessToken(accessToken, tokenType, options);
    this.#forgetAccount();
  }

  /**
   * Replaces the authorization flow and every setting it depends on (options left out return to their
   * defaults),
   * then, unless `authenticate: false`, obtains a token at once.
   */
  async setAuthFlow(authFlow: TidalAuthFlow | null, options: SetAuthFlowOptions = {}): Promise<void> {
    const { signal, ...rest } = options;
    this.#forgetAccount();
    await this.#auth.setAuthFlow(authFlow, rest, signal);
  }

  /** The country code and the subscription checks come from cached answers, so they go with them. */
  protected override cacheCleared(names: ReadonlySet<string> | undefined): void {
    if (names === undefined) {
      this.#core.forgetAccount();
      return;
    }
    if (names.has("getCountryCode") || names.has("getMe")) this.#core.country.forget();
    if (names.has("getUserSubscription")) this.#core.forgetSubscriptions();
  }

  #forgetAccount(): void {
    this.#core.forgetAccount();
    this.#core.adapter.etags.forget();
  }

  async #fetchProfile(
    credential: Credential,
    signal: AbortSignal | undefined,
  ): Promise<{ userId: string | number; countryCode?: string | undefined }> {
    const record = await this.#core.profileFor(credential, signal);
    const userId = record.userId;
    if (typeof userId !== "string" && typeof userId !== "number") {
      throw new MinimError("TIDAL's profile answer (GET /oauth2/me) carries no userId.");
    }
    const countryCode = typeof record.countryCode === "string" ? record.countryCode : undefined;
    return { userId, countryCode };
  }
}

/** The per-account bucket within this process, or across the shared namespace (falling back to its own). */
function tidalLimiter(shared: SharedParts | undefined, clock: Clock, account: () => string): RateLimiter {
  const local = new TokenBucketLimiter({ ratePerSecond: RATE_PER_SECOND, burst: BURST, clock });
  if (!shared?.limiter) return local;
  return new SharedTokenBucketLimiter({
    redis: shared.redis,
    name: "tidal",
    account,
    ratePerSecond: RATE_PER_SECOND,
    burst: BURST,
    fallback: local,
    clock,
  });
}
