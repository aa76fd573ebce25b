/**
 * The auth host (auth.tidal.com): device authorisation and the token endpoint with the authorization-code
 * (PKCE S256), device-code and refresh-token grants. Errors use the auth host's own shape,
 * `{status, error, sub_status, error_description}`.
 *
 * Refresh tokens rotate: a refresh answers with a new refresh token, and both the used refresh token and the
 * access token issued with it stop working.
 */
import { createHash } from "node:crypto";
import type { EmulatorReply, EmulatorRequest, RoleRouter } from "../types.js";
import { TIDAL_AUTH_SUB_STATUS, TidalFailure, authFailure } from "./errors.js";
import type { TidalService } from "./service.js";
import { DEFAULT_SCOPES } from "./tokens.js";
import type { ClientRecord, RefreshTokenRecord } from "./tokens.js";
import { newUuid } from "./util.js";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

const ALLOWED_SCOPES = new Set(DEFAULT_SCOPES);

/** Requested scopes that TIDAL knows; an empty request is granted all of them. */
export function grantScopes(raw: string | null): string[] {
  const requested = (raw ?? "").split(/[\s+]+/).filter((s) => s !== "");
  const known = requested.filter((s) => ALLOWED_SCOPES.has(s));
  return known.length > 0 ? [...new Set(known)] : [...DEFAULT_SCOPES];
}

interface BasicCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Reads `Authorization: Basic …`. Node's base64 decoder accepts both alphabets, so the URL-safe encoding minim
 * uses on the PKCE and refresh paths (spec §4 item 18) is read the same as standard base64.
 */
function basicCredentials(req: EmulatorRequest): BasicCredentials | undefined {
  const header = req.headers["authorization"];
  if (header === undefined) return undefined;
  const match = /^basic\s+(\S+)\s*$/i.exec(header);
  if (!match) throw invalidClient("Unsupported client authentication");
  const decoded = Buffer.from(match[1] as string, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw invalidClient("Malformed basic credentials");
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

const invalidClient = (description: string): TidalFailure =>
  authFailure(401, "invalid_client", TIDAL_AUTH_SUB_STATUS.invalidClient, description, {
    "www-authenticate": 'Basic realm="tidal"',
  });

const invalidRequest = (description: string): TidalFailure =>
  authFailure(400, "invalid_request", TIDAL_AUTH_SUB_STATUS.invalidRequest, description);

const invalidGrant = (description: string): TidalFailure =>
  authFailure(400, "invalid_grant", TIDAL_AUTH_SUB_STATUS.invalidGrant, description);

/** Identifies the client of a token request; a client with a secret must prove it. */
function authenticateClient(
  svc: TidalService,
  req: EmulatorRequest,
  options: { requireSecret: boolean },
): ClientRecord {
  const basic = basicCredentials(req);
  const formId = req.form.get("client_id");
  const clientId = basic?.clientId ?? formId;
  if (clientId === null || clientId === "") throw invalidRequest("Missing client_id");
  if (basic && formId !== null && formId !== "" && formId !== basic.clientId) {
    throw invalidClient("client_id does not match the basic credentials");
  }
  const client = svc.tokens.clients.get(clientId);
  if (!client) throw invalidClient("Unknown client");
  const secret = basic?.clientSecret ?? req.form.get("client_secret");
  if (client.clientSecret !== undefined) {
    if (secret === null) throw invalidClient("Client authentication is required for this client");
    if (secret !== client.clientSecret) throw invalidClient("Client authentication failed");
  } else if (options.requireSecret) {
    throw invalidClient("This grant needs a trusted client with a client secret");
  }
  if (options.requireSecret && !basic)
    throw invalidClient("This grant needs HTTP Basic client authentication");
  return client;
}

function tokenAnswer(
  svc: TidalService,
  client: ClientRecord,
  userId: number,
  scopes: string[],
  subscription: boolean | undefined,
): EmulatorReply {
  const user = svc.state.users.get(userId);
  if (!user) throw invalidGrant("Unknown user");
  const { access, refresh } = svc.tokens.issue({
    userId,
    clientId: client.clientId,
    scopes,
    now: svc.now(),
    lifetimeSeconds: svc.config.accessTokenLifetimeSeconds,
    subscription,
  });
  return {
    status: 200,
    headers: { "cache-control": "no-store", pragma: "no-cache" },
    json: {
      scope: scopes.join(" "),
      user: svc.fmt.tokenUser(user),
      clientName: client.name,
      token_type: "Bearer",
      access_token: access.token,
      refresh_token: refresh.token,
      expires_in: svc.config.accessTokenLifetimeSeconds,
      user_id: user.id,
    },
  };
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

function authorizationCodeGrant(svc: TidalService, req: EmulatorRequest): EmulatorReply {
  const client = authenticateClient(svc, req, { requireSecret: false });
  const code = req.form.get("code");
  const redirectUri = req.form.get("redirect_uri");
  const verifier = req.form.get("code_verifier");
  if (!code) throw invalidRequest("Missing code");
  if (!redirectUri) throw invalidRequest("Missing redirect_uri");
  if (!verifier) throw invalidRequest("Missing code_verifier");
  const record = svc.tokens.codes.get(code);
  if (!record || record.used) throw invalidGrant("Authorization code is invalid or was already used");
  if (svc.now() >= record.expiresAt) throw invalidGrant("Authorization code has expired");
  if (record.clientId !== client.clientId)
    throw invalidGrant("Authorization code was issued to another client");
  if (record.redirectUri !== redirectUri)
    throw invalidGrant("redirect_uri does not match the authorization request");
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw invalidGrant("code_verifier is malformed");
  const expected = record.codeChallengeMethod === "S256" ? s256(verifier) : verifier;
  if (expected !== record.codeChallenge)
    throw invalidGrant("PKCE verification failed: code_verifier does not match");
  record.used = true;
  return tokenAnswer(svc, client, record.userId, record.scopes, undefined);
}

function deviceCodeGrant(svc: TidalService, req: EmulatorRequest): EmulatorReply {
  const client = authenticateClient(svc, req, { requireSecret: true });
  const deviceCode = req.form.get("device_code");
  if (!deviceCode) throw invalidRequest("Missing device_code");
  const device = svc.tokens.devices.get(deviceCode);
  if (!device || device.clientId !== client.clientId || device.status === "consumed") {
    throw invalidGrant("Device code is invalid or was already used");
  }
  const now = svc.now();
  if (now >= device.expiresAt) {
    throw authFailure(
      400,
      "expired_token",
      TIDAL_AUTH_SUB_STATUS.expiredToken,
      "Device Authorization code has expired",
    );
  }
  const previous = device.lastPollAt;
  device.lastPollAt = now;
  if (previous !== undefined && now - previous < device.interval * 1000) {
    // RFC 8628 §3.5: the client must add five seconds to its interval from now on.
    device.interval += 5;
    throw authFailure(
      400,
      "slow_down",
      TIDAL_AUTH_SUB_STATUS.slowDown,
      "Polling too fast; wait longer between requests",
    );
  }
  if (device.status === "denied") {
    throw authFailure(
      400,
      "access_denied",
      TIDAL_AUTH_SUB_STATUS.accessDenied,
      "The user denied the authorization request",
    );
  }
  if (device.status === "pending" || device.userId === undefined) {
    throw authFailure(
      400,
      "authorization_pending",
      TIDAL_AUTH_SUB_STATUS.authorizationPending,
      "Device Authorization code is not authorized yet",
    );
  }
  device.status = "consumed";
  return tokenAnswer(svc, client, device.userId, device.scopes, undefined);
}

function refreshTokenGrant(svc: TidalService, req: EmulatorRequest): EmulatorReply {
  const client = authenticateClient(svc, req, { requireSecret: false });
  const token = req.form.get("refresh_token");
  if (!token) throw invalidRequest("Missing refresh_token");
  const record: RefreshTokenRecord | undefined = svc.tokens.refreshTokens.get(token);
  if (!record || record.revoked) throw invalidGrant("Refresh token is invalid or was already used");
  if (record.clientId !== client.clientId) throw invalidGrant("Refresh token was issued to another client");
  record.revoked = true;
  const previous = svc.tokens.accessTokens.get(record.accessToken);
  if (previous) previous.revoked = true;
  const requested = req.form.get("scope");
  const scopes = requested ? grantScopes(requested).filter((s) => record.scopes.includes(s)) : record.scopes;
  return tokenAnswer(
    svc,
    client,
    record.userId,
    scopes.length > 0 ? scopes : record.scopes,
    record.subscription,
  );
}

export function installAuthRoutes(router: RoleRouter, svc: () => TidalService): void {
  router.fallback(
    (req) =>
      authFailure(
        404,
        "not_found",
        TIDAL_AUTH_SUB_STATUS.invalidRequest,
        `No endpoint ${req.method} ${req.path}`,
      ).reply,
  );
  router.add("POST", "/v1/oauth2/device_authorization", async (req) => {
    const s = svc();
    try {
      const clientId = req.form.get("client_id");
      if (!clientId) throw invalidRequest("Missing client_id");
      const client = s.tokens.clients.get(clientId);
      if (!client) throw invalidClient("Unknown client");
      const now = s.now();
      const userCode = s.tokens.newUserCode();
      const deviceCode = newUuid();
      s.tokens.devices.set(deviceCode, {
        deviceCode,
        userCode,
        clientId: client.clientId,
        scopes: grantScopes(req.form.get("scope")),
        issuedAt: now,
        expiresAt: now + s.config.deviceCodeLifetimeSeconds * 1000,
        interval: s.config.deviceIntervalSeconds,
        lastPollAt: undefined,
        status: "pending",
        userId: undefined,
      });
      // Like the real `link.tidal.com/XXXXX`, the URIs come without a scheme unless configured otherwise.
      const loginHost = s.config.deviceUriWithScheme
        ? req.urls.tidalLogin
        : req.urls.tidalLogin.replace(/^[a-z]+:\/\//i, "");
      return {
        status: 200,
        json: {
          deviceCode,
          userCode,
          verificationUri: `${loginHost}/device`,
          verificationUriComplete: `${loginHost}/device/${userCode}`,
          expiresIn: s.config.deviceCodeLifetimeSeconds,
          interval: s.config.deviceIntervalSeconds,
        },
      };
    } catch (thrown) {
      if (thrown instanceof TidalFailure) return thrown.reply;
      throw thrown;
    }
  });

  router.add("POST", "/v1/oauth2/token", async (req) => {
    const s = svc();
    const grantType = req.form.get("grant_type") ?? "";
    let reply: EmulatorReply;
    try {
      if (grantType === "authorization_code") reply = authorizationCodeGrant(s, req);
      else if (grantType === DEVICE_CODE_GRANT) reply = deviceCodeGrant(s, req);
      else if (grantType === "refresh_token") reply = refreshTokenGrant(s, req);
      else if (grantType === "") throw invalidRequest("Missing grant_type");
      else {
        throw authFailure(
          400,
          "unsupported_grant_type",
          TIDAL_AUTH_SUB_STATUS.unsupportedGrantType,
          `Grant type ${grantType} is not supported`,
        );
      }
    } catch (thrown) {
      if (!(thrown instanceof TidalFailure)) throw thrown;
      reply = thrown.reply;
    }
    const body = reply.json as { error?: unknown } | undefined;
    const record: (typeof s.tokens.tokenRequests)[number] = {
      grantType,
      clientId: safeClientId(req),
      status: reply.status ?? 200,
      at: s.now(),
    };
    if (typeof body?.error === "string") record.error = body.error;
    s.tokens.tokenRequests.push(record);
    return reply;
  });
}

function safeClientId(req: EmulatorRequest): string | undefined {
  try {
    return basicCredentials(req)?.clientId ?? req.form.get("client_id") ?? undefined;
  } catch {
    return req.form.get("client_id") ?? undefined;
  }
}
