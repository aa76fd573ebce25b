/**
 * Clients, tokens, authorisation codes and device authorisations of the emulated TIDAL login/auth hosts.
 */
import { newUuid, randomToken } from "./util.js";

export interface ClientRecord {
  clientId: string;
  /** Present for trusted (confidential) clients such as the device-flow client. */
  clientSecret?: string;
  /** The numeric id `GET /v1/sessions` reports for the client. */
  numericId: number;
  name: string;
}

export interface AccessTokenRecord {
  token: string;
  userId: number;
  clientId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  /** Set when a refresh rotated the token away or a test revoked it. */
  revoked: boolean;
  /** Overrides the user's own subscription for this token when set. */
  subscription?: boolean;
  sessionId: string;
  refreshToken: string;
}

export interface RefreshTokenRecord {
  token: string;
  userId: number;
  clientId: string;
  scopes: string[];
  subscription?: boolean;
  /** The access token issued together with this refresh token. */
  accessToken: string;
  /** Set once it was used (rotation) or revoked. */
  revoked: boolean;
}

export interface AuthorizationCodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  userId: number;
  scopes: string[];
  codeChallenge: string;
  codeChallengeMethod: string;
  expiresAt: number;
  used: boolean;
}

/** An `/authorize` request waiting for the user's decision on the consent page. */
export interface PendingAuthorization {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string | null;
  scopes: string[];
  codeChallenge: string;
  codeChallengeMethod: string;
  createdAt: number;
  decided: boolean;
}

export type DeviceStatus = "pending" | "approved" | "denied" | "consumed";

export interface DeviceAuthorizationRecord {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  /** Seconds a client must wait between polls; grows by 5 after each `slow_down` (RFC 8628 §3.5). */
  interval: number;
  lastPollAt: number | undefined;
  status: DeviceStatus;
  userId: number | undefined;
}

/** One `POST /v1/oauth2/token`, for tests that count refreshes or check what a client sent. */
export interface TokenRequestRecord {
  grantType: string;
  clientId: string | undefined;
  status: number;
  /** The OAuth error code when the request failed. */
  error?: string;
  at: number;
}

export const DEFAULT_SCOPES = ["r_usr", "w_usr", "w_sub"];
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

export class TokenStore {
  readonly clients = new Map<string, ClientRecord>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly codes = new Map<string, AuthorizationCodeRecord>();
  readonly pending = new Map<string, PendingAuthorization>();
  readonly devices = new Map<string, DeviceAuthorizationRecord>();
  readonly tokenRequests: TokenRequestRecord[] = [];
  #nextClientNumber = 7001;

  registerClient(client: { clientId: string; clientSecret?: string; name?: string }): ClientRecord {
    const existing = this.clients.get(client.clientId);
    const record: ClientRecord = {
      clientId: client.clientId,
      numericId: existing?.numericId ?? this.#nextClientNumber++,
      name: client.name ?? existing?.name ?? `Emulated client ${client.clientId}`,
    };
    if (client.clientSecret !== undefined) record.clientSecret = client.clientSecret;
    this.clients.set(client.clientId, record);
    return record;
  }

  issue(options: {
    userId: number;
    clientId: string;
    scopes: string[];
    now: number;
    lifetimeSeconds: number;
    subscription?: boolean | undefined;
  }): { access: AccessTokenRecord; refresh: RefreshTokenRecord } {
    const accessToken = `emu-at-${randomToken(24)}`;
    const refreshToken = `emu-rt-${randomToken(24)}`;
    const access: AccessTokenRecord = {
      token: accessToken,
      userId: options.userId,
      clientId: options.clientId,
      scopes: [...options.scopes],
      issuedAt: options.now,
      expiresAt: options.now + options.lifetimeSeconds * 1000,
      revoked: false,
      sessionId: newUuid(),
      refreshToken,
    };
    const refresh: RefreshTokenRecord = {
      token: refreshToken,
      userId: options.userId,
      clientId: options.clientId,
      scopes: [...options.scopes],
      accessToken,
      revoked: false,
    };
    if (options.subscription !== undefined) {
      access.subscription = options.subscription;
      refresh.subscription = options.subscription;
    }
    this.accessTokens.set(accessToken, access);
    this.refreshTokens.set(refreshToken, refresh);
    return { access, refresh };
  }

  newUserCode(): string {
    for (;;) {
      let code = "";
      const bytes = randomToken(8);
      for (let i = 0; i < 5; i++) {
        const c = bytes.charCodeAt(i);
        code += USER_CODE_ALPHABET.charAt(c % USER_CODE_ALPHABET.length);
      }
      if (![...this.devices.values()].some((d) => d.userCode === code)) return code;
    }
  }

  deviceByUserCode(userCode: string): DeviceAuthorizationRecord | undefined {
    const wanted = userCode.trim().toUpperCase().replace(/-/g, "");
    return [...this.devices.values()].find((d) => d.userCode === wanted);
  }
}
