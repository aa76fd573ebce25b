import { deezerAuthorizationUrl, deezerTokenUrl, SERVICE_ORIGINS } from "../core/services.js";
import type { Dispatcher } from "undici";
import {
  DeezerAuth,
  type DeezerAuthFlow,
  type DeezerAuthFlowOptions,
  type DeezerAuthOptions,
} from "../auth/deezer.js";
import { ApiClient, type ObservabilityOptions, type RequestOptions } from "../core/api-client.js";
import type { Clock } from "../core/clock.js";
import { InvalidResponseError } from "../core/errors.js";
import { noLimit, SlidingWindowLimiter, type RateLimiter } from "../core/rate-limit.js";
import { TokenStore } from "../auth/token-store.js";
import { sharedParts, type SharedOptions, type SharedParts } from "../fleet/options.js";
import { SharedSlidingWindowLimiter } from "../fleet/redis-limiter.js";
import { knownSecrets } from "../core/redact.js";
import { ServiceClient, type AuthFlowControls } from "../core/service-client.js";
import type { DeepReadonly } from "../core/readonly.js";
import { boolean } from "../core/validate.js";
import { DeezerEndpoints } from "./endpoint.js";
import { AlbumsAPI } from "./resources/albums.js";
import { ArtistsAPI } from "./resources/artists.js";
import { ChartsAPI } from "./resources/charts.js";
import { CommentsAPI } from "./resources/comments.js";
import { EditorialAPI } from "./resources/editorial.js";
import { EpisodesAPI } from "./resources/episodes.js";
import { GenresAPI } from "./resources/genres.js";
import { PlaylistsAPI } from "./resources/playlists.js";
import { PodcastsAPI } from "./resources/podcasts.js";
import { RadiosAPI } from "./resources/radios.js";
import { SearchAPI } from "./resources/search.js";
import { TracksAPI } from "./resources/tracks.js";
import { UsersAPI } from "./resources/users.js";
import type { Infos } from "./types/infos.js";
import { DeezerAdapter } from "./wire.js";

/**
 * Methods that are another name of a method with its own cache entries: their calls are cached under the target's
 * name, so clearing the alias must clear the target.
 */
const CACHE_ALIASES: Readonly<Record<string, string>> = { getUserEntitlements: "getUserOptions" };

/** Deezer's published quota: 50 requests per 5 seconds. */
const QUOTA = { limit: 50, windowMs: 5_000 } as const;

/** Options of {@link DeezerAPIClient}. */
export interface DeezerAPIClientOptions extends Pick<
  DeezerAuthOptions,
  | "authFlow"
  | "appId"
  | "appSecret"
  | "userIdentifier"
  | "redirectUri"
  | "permissions"
  | "accessToken"
  | "expiresAt"
  | "redirectHandler"
  | "openBrowser"
  | "storeTokens"
  | "authUrl"
  | "tokenUrl"
  | "onAuthorization"
  | "browser"
  | "tokenStore"
  | "interactive"
> {
  /** Called before every attempt (retries included); see the README's "Logging and debugging". */
  onRequest?: ObservabilityOptions["onRequest"];
  /** Called after every attempt with its status, headers (credentials removed) and duration. */
  onResponse?: ObservabilityOptions["onResponse"];
  /** Receives one debug line per attempt and retry; `DEBUG=minim` writes them to stderr instead. */
  logger?: ObservabilityOptions["logger"];
  /** In-memory TTL/LRU cache of semi-static answers (default true). */
  enableCache?: boolean | undefined;
  /** Keep to Deezer's quota of 50 requests per 5 seconds (default true). */
  limitRate?: boolean | undefined;
  /** `User-Agent` header of API requests (trimmed; blank allowed). */
  userAgent?: string | undefined;
  /** API base URL (default {@link DeezerAPIClient.BASE_URL}); `next` links are rebased onto it. */
  baseUrl?: string | undefined;
  /** Milliseconds before one HTTP attempt is abandoned (default 30 000). */
  timeout?: number | undefined;
  /** Resends after a retryable failure (default 2). */
  maxRetries?: number | undefined;
  /** A caller-owned undici dispatcher (proxy, custom pool); never closed by the client. */
  dispatcher?: Dispatcher | undefined;
  /** Time source for the cache, the limiter, retries and token expiry. */
  clock?: Clock | undefined;
  /**
   * Share the quota, the response cache and logins with every process using the same Redis namespace (see the
   * README's "Many workers").
   */
  shared?: SharedOptions | undefined;
}

/**
 * Client of the Deezer API. Anonymous by default; with an `authFlow` it acts for a user, authenticating lazily on
 * the first request that needs a token (or at once with {@link DeezerAPIClient.create}).
 */
export class DeezerAPIClient extends ServiceClient {
  /** Authorization endpoint. */
  static readonly AUTH_URL = deezerAuthorizationUrl(SERVICE_ORIGINS.deezerConnect);
  /** Base URL of API requests. */
  static readonly BASE_URL = SERVICE_ORIGINS.deezerApi;
  /** Deezer has no device authorization flow. */
  static readonly DEVICE_AUTH_URL = null;
  /** Token endpoint. */
  static readonly TOKEN_URL = deezerTokenUrl(SERVICE_ORIGINS.deezerConnect);

  readonly albums: AlbumsAPI;
  readonly artists: ArtistsAPI;
  readonly charts: ChartsAPI;
  readonly comments: CommentsAPI;
  readonly editorial: EditorialAPI;
  readonly episodes: EpisodesAPI;
  readonly genres: GenresAPI;
  readonly playlists: PlaylistsAPI;
  readonly podcasts: PodcastsAPI;
  readonly radios: RadiosAPI;
  readonly search: SearchAPI;
  readonly tracks: TracksAPI;
  readonly users: UsersAPI;

  readonly #auth: DeezerAuth;
  readonly #core: DeezerEndpoints;
  readonly #shared: SharedParts | undefined;

  constructor(options: DeezerAPIClientOptions = {}) {
    const enableCache =
      options.enableCache === undefined ? true : boolean("enableCache", options.enableCache);
    const limitRate = options.limitRate === undefined ? true : boolean("limitRate", options.limitRate);
    const baseUrl = (options.baseUrl ?? DeezerAPIClient.BASE_URL).replace(/\/+$/, "");
    const adapter = new DeezerAdapter();
    knownSecrets.add(options.appSecret, options.accessToken);
    const shared = sharedParts(options.shared, "deezer");
    // The lookup reads `this` only when a login completes, which is after super() has run.
    const auth = new DeezerAuth(
      {
        authFlow: options.authFlow,
        appId: options.appId,
        appSecret: options.appSecret,
        userIdentifier: options.userIdentifier,
        redirectUri: options.redirectUri,
        permissions: options.permissions,
        accessToken: options.accessToken,
        expiresAt: options.expiresAt,
        redirectHandler: options.redirectHandler,
        openBrowser: options.openBrowser,
        storeTokens: options.storeTokens,
        onAuthorization: options.onAuthorization,
        browser: options.browser,
        authUrl: options.authUrl ?? DeezerAPIClient.AUTH_URL,
        tokenUrl: options.tokenUrl ?? DeezerAPIClient.TOKEN_URL,
        tokenStore: shared?.tokens
          ? shared.tokenStorage(options.tokenStore, () => new TokenStore())
          : options.tokenStore,
        interactive: options.interactive,
        clock: options.clock,
        dispatcher: options.dispatcher,
        timeout: options.timeout,
        onRequest: options.onRequest,
        onResponse: options.onResponse,
        logger: options.logger,
      },
      { fetchCurrentUserId: (token, signal) => this.#fetchCurrentUserId(token, signal) },
    );
    const api = new ApiClient({
      baseUrl,
      adapter,
      auth,
      limiter: limitRate ? deezerLimiter(shared, options.clock) : noLimit,
      enableCache,
      sharedCache: shared?.cache,
      userAgent: options.userAgent?.trim(),
      timeout: options.timeout,
      maxRetries: options.maxRetries,
      dispatcher: options.dispatcher,
      clock: options.clock,
      onRequest: options.onRequest,
      onResponse: options.onResponse,
      logger: options.logger,
    });
    super(api, auth, CACHE_ALIASES);
    this.#shared = shared;
    this.#auth = auth;
    this.#core = new DeezerEndpoints(api, auth, baseUrl);
    this.albums = new AlbumsAPI(this.#core);
    this.artists = new ArtistsAPI(this.#core);
    this.charts = new ChartsAPI(this.#core);
    this.comments = new CommentsAPI(this.#core);
    this.editorial = new EditorialAPI(this.#core);
    this.episodes = new EpisodesAPI(this.#core);
    this.genres = new GenresAPI(this.#core);
    this.playlists = new PlaylistsAPI(this.#core);
    this.podcasts = new PodcastsAPI(this.#core);
    this.radios = new RadiosAPI(this.#core);
    this.search = new SearchAPI(this.#core);
    this.tracks = new TracksAPI(this.#core);
    this.users = new UsersAPI(this.#core);
    this.#core.users = this.users;
    this.#core.charts = this.charts;
  }

  /**
   * Creates a client and authenticates at once: nothing without a flow or with a given token, else a stored
   * login or a new (interactive) authorization. `signal` cancels that login.
   */
  static async create(options: DeezerAPIClientOptions = {}, signal?: AbortSignal): Promise<DeezerAPIClient> {
    const client = new DeezerAPIClient(options);
    client.open();
    return ServiceClient.authenticated(client, signal);
  }

  /** Closes the connection pools, the token store and the Redis connection this client opened. */
  override async close(): Promise<void> {
    await super.close();
    await this.#shared?.close();
  }

  /** Stored Deezer logins, most recent first. */
  static getTokens(
    ...args: Parameters<typeof DeezerAuth.getTokens>
  ): ReturnType<typeof DeezerAuth.getTokens> {
    return DeezerAuth.getTokens(...args);
  }

  /** Deletes stored Deezer logins matching the filter (all of them without one); returns how many. */
  static removeTokens(
    ...args: Parameters<typeof DeezerAuth.removeTokens>
  ): ReturnType<typeof DeezerAuth.removeTokens> {
    return DeezerAuth.removeTokens(...args);
  }

  /** Every permission containing the substring (or any of the substrings); all seven without an argument. */
  static resolvePermissions(matches?: string | Iterable<string>): Set<string> {
    return DeezerAuth.resolvePermissions(matches);
  }

  /** The authorization flow in use (`null`: anonymous). */
  get authFlow(): DeezerAuthFlow | null {
    return this.#auth.authFlow;
  }

  /** Granted permissions when known, else the requested ones. */
  get permissions(): ReadonlySet<string> {
    return this.#auth.permissions;
  }

  /** The token store key of the account, once known. */
  get userIdentifier(): string | null {
    return this.#auth.userIdentifier;
  }

  /**
   * What Deezer offers in the country of the caller's connection. `GET /infos`. No permission. Cached: static.
   */
  async getCountryInfo(options?: RequestOptions): Promise<DeepReadonly<Infos>> {
    const site = { name: "getCountryInfo", label: "getCountryInfo", options };
    return this.#core.request("GET", site, "/infos", { ttl: "static" });
  }

  /**
   * Replaces the access token (and its expiry). The permissions learnt for the previous token are forgotten. If
   * the token comes from another flow or app, call {@link setAuthFlow} first.
   */
  setAccessToken(
    accessToken: string | null,
    options: { expiresAt?: string | Date | null | undefined } = {},
  ): void {
    this.#auth.setAccessToken(accessToken, options);
    this.#core.forgetPermissions();
  }

  /**
   * Replaces the authorization flow and every setting it depends on, then (unless `authenticate: false`) obtains
   * a token at once; `signal` cancels that authentication.
   */
  async setAuthFlow(
    authFlow: DeezerAuthFlow | null,
    options: DeezerAuthFlowOptions & AuthFlowControls = {},
  ): Promise<void> {
    const { signal, ...rest } = options;
    this.#core.forgetPermissions();
    await this.#auth.setAuthFlow(authFlow, rest, signal);
  }

  /**
   * `GET /user/me` with a token that is still being installed: the login in progress holds the authenticator, so
   * the call carries the token itself (limiter, retries, hooks and redaction apply as to any other).
   */
  async #fetchCurrentUserId(token: string, signal?: AbortSignal): Promise<string> {
    const body = await this.api.send({
      name: "getUser",
      method: "GET",
      path: "/user/me",
      credential: { accessToken: token },
      options: signal === undefined ? undefined : { signal },
    });
    const id = typeof body === "object" && body !== null ? (body as { id?: unknown }).id : undefined;
    if (typeof id !== "number" && typeof id !== "string") {
      throw new InvalidResponseError({
        service: "deezer",
        status: 200,
        method: "GET",
        url: "/user/me",
        message: "Deezer's answer to GET /user/me carries no user id.",
        body,
        expected: "object",
        received: "an object without id",
        endpoint: "getUser",
      });
    }
    return String(id);
  }
}

/** The quota within this process, or across the shared namespace (falling back to this process's own). */
function deezerLimiter(shared: SharedParts | undefined, clock: Clock | undefined): RateLimiter {
  const local = new SlidingWindowLimiter({ ...QUOTA, clock });
  if (!shared?.limiter) return local;
  return new SharedSlidingWindowLimiter({
    redis: shared.redis,
    name: "deezer",
    ...QUOTA,
    fallback: local,
    clock,
  });
}
