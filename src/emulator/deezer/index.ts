/**
 * The offline Deezer service: every endpoint of the API (`deezerApi`, api.deezer.com) and the OAuth dialog
 * (`deezerConnect`, connect.deezer.com), over a seeded catalogue and per-run state.
 *
 * Behaviour worth knowing when writing client tests against it:
 * - Errors come as Deezer sends them: HTTP 200 with `{"error":{type,message,code}}` (see errors.ts and
 *   lookup.ts for which kind of unknown ID gets which body); unknown paths get a real 404 `{"error":"Not Found"}`.
 * - A request carrying an unknown, revoked or expired `access_token` is refused with OAuthException 300 whatever
 *   the endpoint; `me`, private data and writes without a (suitable) token get OAuthException 200.
 * - Pages: `limit` (25 unless the endpoint uses another default) and `index`; `next`/`prev` are absolute URLs on
 *   the `deezerApi` base carrying the request's query (token included) with the new `index` last.
 * - Short pages: `GET /playlist/880004/tracks` (an unavailable track) and `GET /editorial/{id}/releases` (an
 *   unavailable album) leave entries out of `data` while `total` and `next` still count them.
 * - A moving total: each `GET /user/{id}/history` records one more play after answering, so consecutive pages see
 *   `total` grow by one and the entries shift by one.
 * - Quota (only when enabled, see `startEmulator`'s `quotas`): more than `limit` requests from one client address
 *   within `windowMs`, counted at arrival, answer
 *   `{"error":{"type":"Exception","message":"Quota limit exceeded","code":4}}` with HTTP 200.
 */
import type { EmulatorBuilder, EmulatorReply, EmulatorRequest, RouteHandler } from "../types.js";
import { connectRoutes } from "./connect.js";
import type { ConnectHost } from "./connect.js";
import type { DeezerHandler, RequestContext, RouteTable } from "./context.js";
import { ALBUM, ALL_PERMISSIONS, ARTIST, COMMENT, GENRE, PLAYLIST, PODCAST, RADIO, USER } from "./data.js";
import type { Permission } from "./data.js";
import { DeezerFailure, fail, notFound } from "./errors.js";
import { albumRoutes } from "./routes/albums.js";
import { artistRoutes } from "./routes/artists.js";
import { chartRoutes } from "./routes/charts.js";
import { commentRoutes } from "./routes/comments.js";
import { editorialRoutes } from "./routes/editorial.js";
import { episodeRoutes } from "./routes/episodes.js";
import { genreRoutes } from "./routes/genres.js";
import { miscRoutes } from "./routes/misc.js";
import { playlistRoutes } from "./routes/playlists.js";
import { podcastRoutes } from "./routes/podcasts.js";
import { radioRoutes } from "./routes/radios.js";
import { searchRoutes } from "./routes/search.js";
import { trackRoutes } from "./routes/tracks.js";
import { userRoutes } from "./routes/users.js";
import { DeezerState } from "./state.js";
import type { AlbumRating, Bookmark, Notification, Play, TokenRecord } from "./state.js";
import { randomToken } from "./util.js";
import { Views } from "./views.js";

export type { Permission } from "./data.js";
export { ALL_PERMISSIONS } from "./data.js";
export { DeezerState } from "./state.js";
export type { AlbumRating, Bookmark, Notification, Play, TokenRecord } from "./state.js";

export interface DeezerEmulatorOptions {
  /**
   * Deezer's request quota; `false` (default) never answers the quota error. Same as `quotas.deezer` of
   * `startEmulator`, which enforces it (the quota is counted as requests arrive, before the routes).
   */
  quota?: { limit: number; windowMs: number } | false;
  /** Lifetime of issued tokens in seconds (default 3600); 0 = tokens never expire (`expires=0`). */
  tokenLifetimeSeconds?: number;
  /** The clock, in Unix milliseconds (token and code expiry, the quota window, time stamps). Default `Date.now`. */
  now?: () => number;
}

/** The application every emulator knows from the start. */
export const DEFAULT_DEEZER_APP = { appId: "100001", secret: "emulator-app-secret" } as const;

/** Notable IDs of the seed, for tests that want to name things. */
export const DEEZER_SEED_IDS = { GENRE, ARTIST, ALBUM, USER, PLAYLIST, PODCAST, RADIO, COMMENT } as const;

export interface PlaylistSnapshot {
  id: number;
  title: string;
  description: string;
  ownerId: number;
  public: boolean;
  collaborative: boolean;
  trackIds: number[];
}

export interface FavouritesSnapshot {
  albums: number[];
  artists: number[];
  tracks: number[];
  playlists: number[];
  podcasts: number[];
  radios: number[];
}

export class DeezerEmulator {
  #state = new DeezerState();
  /** Whose account the consent page signs in (default: the main user). */
  consentUserId: number;
  readonly #tokenLifetime: number;
  readonly #now: () => number;

  constructor(options: DeezerEmulatorOptions = {}) {
    const lifetime = options.tokenLifetimeSeconds ?? 3600;
    if (!Number.isInteger(lifetime) || lifetime < 0) {
      throw new RangeError(`tokenLifetimeSeconds must be a whole number of seconds ≥ 0, got ${lifetime}.`);
    }
    const quota = options.quota ?? false;
    if (quota && (!(quota.limit >= 0) || !(quota.windowMs > 0))) {
      throw new RangeError("quota needs a limit ≥ 0 and a windowMs > 0.");
    }
    this.#tokenLifetime = lifetime;
    this.#now = options.now ?? Date.now;
    this.consentUserId = this.state.mainUserId;
    this.registerApp(DEFAULT_DEEZER_APP);
  }

  /** The per-run state: catalogue, playlists, libraries, applications, codes and tokens. */
  get state(): DeezerState {
    return this.#state;
  }

  /** The seed's main account: the default for tokens and for the consent page. */
  get mainUserId(): number {
    return this.state.mainUserId;
  }

  /** Registers the `deezerApi` and `deezerConnect` routes. */
  install(builder: EmulatorBuilder): void {
    const api = builder.router("deezerApi");
    const table: RouteTable = {
      add: (method, pattern, handler) => {
        api.add(method, pattern, this.#wrap(handler));
      },
    };
    // Literal paths before parameterised ones where they share a prefix: the first matching route wins.
    miscRoutes(table);
    chartRoutes(table);
    radioRoutes(table);
    searchRoutes(table);
    commentRoutes(table);
    albumRoutes(table);
    artistRoutes(table);
    editorialRoutes(table);
    episodeRoutes(table);
    genreRoutes(table);
    playlistRoutes(table);
    podcastRoutes(table);
    trackRoutes(table);
    userRoutes(table);
    api.fallback(this.#wrap(() => notFound()));

    // Functions, not values: the consent page must see later changes of `consentUserId` and a `reset()`.
    const host: ConnectHost = {
      state: () => this.state,
      consentUserId: () => this.consentUserId,
      now: () => this.#now(),
      grant: (appId, userId, permissions) => this.#grant(appId, userId, permissions),
    };
    connectRoutes(builder.router("deezerConnect"), host);
  }

  /** Adds (or replaces the secret of) an application the OAuth endpoints accept. */
  registerApp(app: { appId: string; secret: string }): void {
    this.state.apps.set(app.appId, app.secret);
  }

  /**
   * Creates an access token without going through the OAuth dialog. Defaults: the main user, all seven
   * permissions, the configured lifetime (`expiresInSeconds: 0` never expires; negative values give an already
   * expired token).
   */
  issueToken(
    options: {
      userId?: number;
      permissions?: readonly string[];
      expiresInSeconds?: number;
      appId?: string;
    } = {},
  ): string {
    const userId = options.userId ?? this.mainUserId;
    if (!this.state.users.has(userId)) throw new RangeError(`No emulated Deezer user has ID ${userId}.`);
    const permissions = new Set(
      (options.permissions ?? ALL_PERMISSIONS).filter((p): p is Permission =>
        (ALL_PERMISSIONS as readonly string[]).includes(p),
      ),
    );
    const lifetime = options.expiresInSeconds ?? this.#tokenLifetime;
    return this.#store(
      options.appId ?? DEFAULT_DEEZER_APP.appId,
      userId,
      permissions,
      lifetime === 0 ? null : lifetime,
    );
  }

  revokeToken(token: string): void {
    this.state.tokens.delete(token);
  }

  /** The record behind a token (user, permissions, expiry), if the emulator issued it and it was not revoked. */
  tokenInfo(token: string): TokenRecord | undefined {
    return this.state.tokens.get(token);
  }

  /** Restores the seed's catalogue, playlists and libraries; applications and tokens are kept. */
  reset(): void {
    const previous = this.#state;
    this.#state = new DeezerState();
    for (const [id, secret] of previous.apps) this.state.apps.set(id, secret);
    for (const [token, record] of previous.tokens) this.state.tokens.set(token, record);
  }

  favourites(userId = this.mainUserId): FavouritesSnapshot {
    const lib = this.state.library(userId);
    return {
      albums: [...lib.albums.keys()],
      artists: [...lib.artists.keys()],
      tracks: [...lib.tracks.keys()],
      playlists: [...lib.playlists.keys()],
      podcasts: [...lib.podcasts.keys()],
      radios: [...lib.radios.keys()],
    };
  }

  playlist(id: number): PlaylistSnapshot | undefined {
    const p = this.state.playlists.get(id);
    if (!p) return undefined;
    return {
      id: p.id,
      title: p.title,
      description: p.description,
      ownerId: p.ownerId,
      public: p.public,
      collaborative: p.collaborative,
      trackIds: p.tracks.map((t) => t.trackId),
    };
  }

  /** Playlists the account owns, in creation order. */
  playlistsOf(userId = this.mainUserId): PlaylistSnapshot[] {
    return this.state
      .playlistsOwnedBy(userId)
      .map((p) => this.playlist(p.id))
      .filter((p) => p !== undefined);
  }

  followings(userId = this.mainUserId): number[] {
    return [...this.state.library(userId).followings.keys()];
  }

  /** Episode resume points (`POST /episode/{id}/bookmark`), by episode ID. */
  bookmarks(userId = this.mainUserId): Map<number, Bookmark> {
    return new Map(this.state.library(userId).bookmarks);
  }

  notifications(userId = this.mainUserId): Notification[] {
    return [...this.state.library(userId).notifications];
  }

  /** Album ratings (`POST /album/{id}?note=`), by album ID. */
  albumRatings(userId = this.mainUserId): Map<number, AlbumRating> {
    return new Map(this.state.library(userId).albumRatings);
  }

  seenPlaylists(userId = this.mainUserId): number[] {
    return [...this.state.library(userId).seenPlaylists.keys()];
  }

  /** Listening history, newest first. */
  history(userId = this.mainUserId): Play[] {
    return [...this.state.library(userId).history];
  }

  #grant(
    appId: string,
    userId: number,
    permissions: ReadonlySet<Permission>,
  ): { token: string; expires: number } {
    const lifetime =
      permissions.has("offline_access") || this.#tokenLifetime === 0 ? null : this.#tokenLifetime;
    const token = this.#store(appId, userId, new Set(permissions), lifetime);
    return { token, expires: lifetime ?? 0 };
  }

  #store(
    appId: string,
    userId: number,
    permissions: Set<Permission>,
    lifetimeSeconds: number | null,
  ): string {
    const now = this.#now();
    const token = randomToken(27);
    this.state.tokens.set(token, {
      token,
      userId,
      appId,
      permissions,
      issuedAt: now,
      expiresAt: lifetimeSeconds === null ? null : now + lifetimeSeconds * 1000,
    });
    return token;
  }

  #wrap(handler: DeezerHandler): RouteHandler {
    return (req) => this.#dispatch(req, handler);
  }

  #dispatch(req: EmulatorRequest, handler: DeezerHandler): EmulatorReply {
    const now = this.#now();
    try {
      const api = req.urls.deezerApi.replace(/\/+$/, "");
      const ctx: RequestContext = {
        req,
        state: this.state,
        views: new Views(this.state, api),
        api,
        now,
        token: this.#authenticate(req, now),
      };
      return handler(ctx);
    } catch (thrown) {
      if (thrown instanceof DeezerFailure) return thrown.reply;
      throw thrown;
    }
  }

  #authenticate(req: EmulatorRequest, now: number): TokenRecord | undefined {
    const value = req.query.get("access_token") ?? req.form.get("access_token") ?? "";
    if (value === "") return undefined;
    const record = this.state.tokens.get(value);
    if (!record || (record.expiresAt !== null && record.expiresAt <= now)) return fail.invalidToken();
    return record;
  }
}
