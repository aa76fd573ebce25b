/**
 * The offline private-TIDAL service: api.tidal.com (v1 and v2), auth.tidal.com, login.tidal.com,
 * resources.tidal.com (artwork and the media CDN) and openapi.tidal.com (ISRC/UPC lookups) over invented seed data. {@link TidalEmulator.install} registers the routes on an
 * {@link EmulatorBuilder}; the instance then gives tests control (tokens, device approval, clock) and read access
 * to per-run state (collections, playlists and their ETags, folders).
 *
 * Error `subStatus` values are listed in {@link TIDAL_SUB_STATUS}; auth-host `sub_status` values in
 * {@link TIDAL_AUTH_SUB_STATUS}.
 */
import type { EmulatorBuilder, EmulatorRequest } from "../types.js";
import { installAuthRoutes } from "./auth.js";
import { quotaAccount } from "./context.js";
import {
  MAIN_USER_ID,
  SECOND_USER_ID,
  THIRD_USER_ID,
  seededFolderId,
  seededPersonalMixId,
  seededPlaylistUuid,
} from "./data.js";
import type { CollectionSeed, FolderSeed, PlaylistSeed } from "./data.js";
import { TIDAL_SUB_STATUS, apiFailure } from "./errors.js";
import { decideDevice, installLoginRoutes } from "./login.js";
import { installResourceRoutes } from "./resources.js";
import { albumRoutes } from "./routes/albums.js";
import { artistPageRoutes } from "./routes/artist-page.js";
import { artistRoutes } from "./routes/artists.js";
import { blockRoutes } from "./routes/blocks.js";
import { detailPageRoutes } from "./routes/detail-pages.js";
import { favoriteRoutes } from "./routes/favorites.js";
import { feedRoutes } from "./routes/feed.js";
import { folderEditRoutes } from "./routes/folder-edits.js";
import { folderRoutes } from "./routes/folders.js";
import { mixRoutes } from "./routes/mixes.js";
import { pageRoutes } from "./routes/pages.js";
import { playlistItemRoutes } from "./routes/playlist-items.js";
import { playlistRoutes } from "./routes/playlists.js";
import { profileRoutes } from "./routes/profiles.js";
import { searchRoutes } from "./routes/search.js";
import { sessionRoutes } from "./routes/session.js";
import { trackRoutes } from "./routes/tracks.js";
import { userPlaylistRoutes } from "./routes/user-playlists.js";
import { userRoutes } from "./routes/users.js";
import { videoRoutes } from "./routes/videos.js";
import { cdnRoutes } from "./routes/cdn.js";
import { folderRenameRoutes } from "./routes/folder-rename.js";
import { homeFeedRoutes } from "./routes/home-feed.js";
import { openApiRoutes } from "./routes/openapi.js";
import { playbackRoutes } from "./routes/playback.js";
import { trackRadioRoutes } from "./routes/track-radio.js";
import { TidalService } from "./service.js";
import type { ApiRequestRecord, TidalConfig } from "./service.js";
import type { TidalState } from "./state.js";
import { audioStream, audioStreamBytes, isAudioQuality } from "./streams.js";
import type { AssetPresentation, AudioQuality } from "./streams.js";
import { DEFAULT_SCOPES } from "./tokens.js";
import type { DeviceAuthorizationRecord, TokenRequestRecord } from "./tokens.js";

export { TIDAL_AUTH_SUB_STATUS, TIDAL_SUB_STATUS } from "./errors.js";
export type { ApiRequestRecord } from "./service.js";
export type { DeviceAuthorizationRecord, TokenRequestRecord } from "./tokens.js";
export type { CollectionSeed, FolderSeed, PlaylistSeed } from "./data.js";
export type { TidalState } from "./state.js";
export type { AssetPresentation, AudioQuality } from "./streams.js";

export interface TidalEmulatorOptions {
  /** Answer of `GET /v1/country` (default `"US"`). */
  countryCode?: string;
  /** `expires_in` of issued access tokens (default 86 400). */
  accessTokenLifetimeSeconds?: number;
  /** Polling interval announced by the device authorisation (default 2). */
  deviceIntervalSeconds?: number;
  /** Lifetime of device codes (default 300). */
  deviceCodeLifetimeSeconds?: number;
  /** Lifetime of PKCE authorisation codes (default 600). */
  authorizationCodeLifetimeSeconds?: number;
  /**
   * Send `verificationUri`/`verificationUriComplete` with the login host's `http://` scheme (default false: like
   * the real service, `127.0.0.1:PORT/device`, which a client completing it with `https://` cannot reach).
   */
  deviceUriWithScheme?: boolean;
  /** Time source in milliseconds since the epoch (default `Date.now`); {@link TidalEmulator.advanceTime} shifts it. */
  now?: () => number;
}

export interface IssueTokenOptions {
  /** Default: the main user. */
  userId?: number;
  /** Default: `r_usr w_usr w_sub`. */
  scopes?: string[];
  /** Default: the PKCE client. */
  clientId?: string;
  /** Default: the emulator's `accessTokenLifetimeSeconds`. */
  expiresInSeconds?: number;
  /** Overrides whether the user has a streaming subscription, for this token only. */
  subscription?: boolean;
}

/** The public PKCE client registered by default. */
export const TIDAL_PKCE_CLIENT_ID = "tidal-pkce-client";
/** The trusted device-flow client registered by default. */
export const TIDAL_DEVICE_CLIENT_ID = "tidal-device-client";
export const TIDAL_DEVICE_CLIENT_SECRET = "tidal-device-secret";

/** Identifiers of the seed data, for tests. */
export const TIDAL_SEED = {
  users: { main: MAIN_USER_ID, second: SECOND_USER_ID, third: THIRD_USER_ID },
  artists: {
    harborLights: 3850001,
    miraOkafor: 3850002,
    quietFerns: 3850003,
    djKestrel: 3850004,
    solVarga: 3850005,
    northboundBrass: 3850006,
  },
  albums: {
    /** 12 tracks and a video; tracks 5810006 and 5810011 are not available in the US. */
    tidewater: 4710001,
    nightFerry: 4710002,
    /** Two volumes; track 5810024 is not available in GB. */
    paperMoons: 4710003,
    /** Not available in DE. */
    fernSessions: 4710004,
    kestrelNights: 4710005,
    lantern: 4710006,
    brassHorizons: 4710007,
  },
  tracks: {
    /** Has lyrics. LOSSLESS album: LOW/HIGH stream as BTS, LOSSLESS as DASH (44.1 kHz, 16 bit). */
    lowWater: 5810001,
    /** Not available in the US. */
    undertow: 5810006,
    /** Has no lyrics. */
    saltLines: 5810002,
    /** HI_RES_LOSSLESS album ("Paper Moons"): DASH at 96 kHz, 24 bit. */
    paperMoons: 5810018,
    /** DRM-protected: DASH with `ContentProtection` and a `licenseSecurityToken`; BTS `encryptionType: "OLD_AES"`. */
    protectedHover: 5810030,
    /** Has no track radio (404), like the other tracks of the compilation "Brass Horizons". */
    horizonMarch: 5810037,
    /** From the recordings, ISRC USSM10024274 (album "Sap", UPC 884977869965). */
    brother: 24700143,
  },
  videos: { tidewater: 6290001, paperMoonsLive: 6290002, kestrelVisualizer: 6290003 },
  playlists: {
    /** Main user's, public, 10 items (9 tracks, 1 video). */
    roadTrip: seededPlaylistUuid("road-trip"),
    /** Main user's, private. */
    focus: seededPlaylistUuid("focus"),
    /** Main user's, private, in the "Moods" folder. */
    lateNight: seededPlaylistUuid("late-night"),
    /** Editorial. */
    essentials: seededPlaylistUuid("essentials"),
    /** Second user's, public; followed by the main user. */
    fernsAndFriends: seededPlaylistUuid("ferns-and-friends"),
    /** Second user's, private. */
    secretStash: seededPlaylistUuid("secret-stash"),
    /** Third user's, public. */
    brassHour: seededPlaylistUuid("brass-hour"),
  },
  folders: {
    moods: seededFolderId("moods"),
    rainyDays: seededFolderId("rainy-days"),
    archive: seededFolderId("archive"),
  },
  mixes: {
    myMix1: seededPersonalMixId("my-mix-1"),
    discovery: seededPersonalMixId("discovery"),
    newArrivals: seededPersonalMixId("new-arrivals"),
  },
} as const;

type RegisteredClient = { clientId: string; clientSecret?: string; name?: string };

const DEFAULT_CLIENTS: RegisteredClient[] = [
  { clientId: TIDAL_PKCE_CLIENT_ID, name: "TIDAL Web (emulated)" },
  { clientId: TIDAL_DEVICE_CLIENT_ID, clientSecret: TIDAL_DEVICE_CLIENT_SECRET, name: "TIDAL TV (emulated)" },
];

export class TidalEmulator {
  readonly mainUserId = MAIN_USER_ID;
  /** A user without a subscription. */
  readonly secondUserId = SECOND_USER_ID;
  readonly thirdUserId = THIRD_USER_ID;
  readonly #config: TidalConfig;
  readonly #clock: () => number;
  #offsetMs = 0;
  #clients: RegisteredClient[] = [...DEFAULT_CLIENTS];
  #svc: TidalService;

  constructor(options: TidalEmulatorOptions = {}) {
    this.#config = {
      countryCode: (options.countryCode ?? "US").toUpperCase(),
      accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 86_400,
      deviceIntervalSeconds: options.deviceIntervalSeconds ?? 2,
      deviceCodeLifetimeSeconds: options.deviceCodeLifetimeSeconds ?? 300,
      authorizationCodeLifetimeSeconds: options.authorizationCodeLifetimeSeconds ?? 600,
      deviceUriWithScheme: options.deviceUriWithScheme ?? false,
    };
    this.#clock = options.now ?? Date.now;
    this.#svc = this.#createService();
  }

  #createService(): TidalService {
    const svc = new TidalService(this.#config, () => this.#clock() + this.#offsetMs);
    for (const client of this.#clients) svc.tokens.registerClient(client);
    return svc;
  }

  /** Registers the routes of the five TIDAL roles. */
  install(builder: EmulatorBuilder): void {
    const svc = (): TidalService => this.#svc;
    const api = builder.router("tidalApi");
    sessionRoutes(api, svc);
    albumRoutes(api, svc);
    artistRoutes(api, svc);
    trackRoutes(api, svc);
    videoRoutes(api, svc);
    mixRoutes(api, svc);
    searchRoutes(api, svc);
    pageRoutes(api, svc);
    detailPageRoutes(api, svc);
    artistPageRoutes(api, svc);
    playlistRoutes(api, svc);
    playlistItemRoutes(api, svc);
    userPlaylistRoutes(api, svc);
    folderRoutes(api, svc);
    folderEditRoutes(api, svc);
    favoriteRoutes(api, svc);
    blockRoutes(api, svc);
    userRoutes(api, svc);
    profileRoutes(api, svc);
    feedRoutes(api, svc);
    playbackRoutes(api, svc);
    homeFeedRoutes(api, svc);
    trackRadioRoutes(api, svc);
    folderRenameRoutes(api, svc);
    api.fallback((req) => {
      const failure = apiFailure(404, TIDAL_SUB_STATUS.notFound, `No endpoint ${req.method} ${req.path}`);
      return failure.reply;
    });
    installAuthRoutes(builder.router("tidalAuth"), svc);
    installLoginRoutes(builder.router("tidalLogin"), svc);
    installResourceRoutes(builder.router("tidalResources"), svc);
    cdnRoutes(builder.router("tidalResources"), svc);
    openApiRoutes(builder.router("tidalOpenApi"), svc);
  }

  /** Registers (or replaces) a client; its ID is then accepted as `x-tidal-token` and by the auth host. */
  registerClient(client: { clientId: string; clientSecret?: string; name?: string }): void {
    this.#clients = [...this.#clients.filter((c) => c.clientId !== client.clientId), { ...client }];
    this.#svc.tokens.registerClient(client);
  }

  /** Issues a user token directly, without going through a login flow. */
  issueToken(options: IssueTokenOptions = {}): {
    accessToken: string;
    refreshToken: string;
    expiresIn: number;
  } {
    const userId = options.userId ?? MAIN_USER_ID;
    if (!this.#svc.state.users.has(userId)) throw new Error(`Unknown TIDAL emulator user: ${userId}`);
    const clientId = options.clientId ?? TIDAL_PKCE_CLIENT_ID;
    if (!this.#svc.tokens.clients.has(clientId))
      throw new Error(`Unknown TIDAL emulator client: ${clientId}`);
    const expiresIn = options.expiresInSeconds ?? this.#config.accessTokenLifetimeSeconds;
    const { access, refresh } = this.#svc.tokens.issue({
      userId,
      clientId,
      scopes: options.scopes ?? DEFAULT_SCOPES,
      now: this.#svc.now(),
      lifetimeSeconds: expiresIn,
      subscription: options.subscription,
    });
    return { accessToken: access.token, refreshToken: refresh.token, expiresIn };
  }

  /** Makes the API answer 401 with the expired-token subStatus (11003) for this token. */
  expireToken(accessToken: string): void {
    const record = this.#svc.tokens.accessTokens.get(accessToken);
    if (!record) throw new Error("Unknown TIDAL emulator access token");
    record.expiresAt = Math.min(record.expiresAt, this.#svc.now());
  }

  /** Makes the API answer 401 with the invalid-token subStatus (11002) for this token and its refresh token. */
  revokeToken(accessToken: string): void {
    const record = this.#svc.tokens.accessTokens.get(accessToken);
    if (!record) throw new Error("Unknown TIDAL emulator access token");
    record.revoked = true;
    const refresh = this.#svc.tokens.refreshTokens.get(record.refreshToken);
    if (refresh) refresh.revoked = true;
  }

  /** What a user does on the verification page: approves the device code (default user: {@link consentUserId}). */
  approveDevice(userCode: string, userId?: number): void {
    decideDevice(this.#svc, userCode, true, userId ?? this.#svc.consentUserId);
  }

  denyDevice(userCode: string): void {
    decideDevice(this.#svc, userCode, false, this.#svc.consentUserId);
  }

  /** The user who "clicks" on the consent and device pages. */
  get consentUserId(): number {
    return this.#svc.consentUserId;
  }

  set consentUserId(userId: number) {
    this.#svc.consentUserId = userId;
  }

  /** Every `POST /v1/oauth2/token`, oldest first. */
  get tokenRequests(): readonly TokenRequestRecord[] {
    return this.#svc.tokens.tokenRequests;
  }

  /** Number of token requests, optionally of one grant type (`refresh_token`, `authorization_code`, …). */
  countTokenRequests(grantType?: string, options: { successfulOnly?: boolean } = {}): number {
    return this.#svc.tokens.tokenRequests.filter(
      (r) =>
        (grantType === undefined || r.grantType === grantType) &&
        (!options.successfulOnly || (r.status >= 200 && r.status < 300)),
    ).length;
  }

  /** Device authorisations issued so far, oldest first. */
  get deviceAuthorizations(): readonly DeviceAuthorizationRecord[] {
    return [...this.#svc.tokens.devices.values()];
  }

  /** Requests to the API and `/oauth2/me`, with the client version header each carried. */
  get apiRequests(): readonly ApiRequestRecord[] {
    return this.#svc.apiLog;
  }

  /** API requests that came without `x-tidal-client-version`. */
  requestsWithoutClientVersion(): ApiRequestRecord[] {
    return this.#svc.apiLog.filter((r) => r.clientVersion === undefined);
  }

  /** Read access to the whole per-run state (catalogue, collections, playlists, folders). */
  get state(): TidalState {
    return this.#svc.state;
  }

  playlist(uuid: string): PlaylistSeed | undefined {
    return this.#svc.state.playlists.get(uuid);
  }

  /** The playlist's current ETag as sent in the `ETag` header (quoted), or `undefined` for an unknown playlist. */
  playlistEtag(uuid: string): string | undefined {
    const playlist = this.#svc.state.playlists.get(uuid);
    return playlist ? this.#svc.state.playlistEtag(playlist) : undefined;
  }

  /** A user's favourites, blocks, follows and playlist placements (default: the main user). */
  collection(userId: number = MAIN_USER_ID): CollectionSeed {
    return this.#svc.state.collection(userId);
  }

  /** A user's v2 playlist folders (default: the main user). */
  folders(userId: number = MAIN_USER_ID): FolderSeed[] {
    return this.#svc.state.userFolders(userId);
  }

  /**
   * The bytes a client ends up with when it follows the manifest of `GET /v1/tracks/{id}/playbackinfopostpaywall`
   * answered with this `audioQuality` and `assetPresentation`: the BTS file for LOW/HIGH, init segment + every
   * media segment in order for the DASH qualities.
   */
  mediaBytes(trackId: number, quality: AudioQuality, presentation: AssetPresentation = "FULL"): Buffer {
    const track = this.#svc.state.tracks.get(trackId);
    if (!track) throw new Error(`Unknown TIDAL emulator track: ${trackId}`);
    if (!isAudioQuality(quality)) throw new Error(`Unknown TIDAL audio quality: ${String(quality)}`);
    return audioStreamBytes(audioStream(track, quality, presentation));
  }

  /** Moves the emulator's clock forward (token, code and device expiry; device polling intervals). */
  advanceTime(ms: number): void {
    this.#offsetMs += ms;
  }

  /** The account a request counts against for the emulator's quota (`undefined`: its client address). */
  quotaAccountOf(request: EmulatorRequest): string | undefined {
    return quotaAccount(this.#svc, request);
  }

  /** Current emulator time in milliseconds. */
  now(): number {
    return this.#svc.now();
  }

  /** Restores the seed state and forgets every token, code and log (registered clients stay). */
  reset(): void {
    const consent = this.#svc.consentUserId;
    this.#svc = this.#createService();
    this.#svc.consentUserId = consent;
  }
}
