/**
 * Request-level rules shared by every API route: who is calling, the country, whose data a `/users/{id}` path may
 * touch, and the route wrapper that records each request and turns thrown failures into TIDAL error bodies.
 */
import type { EmulatorReply, EmulatorRequest, RoleRouter } from "../types.js";
import type { UserSeed } from "./data.js";
import { TIDAL_SUB_STATUS, apiFailure, invalidParameter, missingParameter, settle } from "./errors.js";
import type { TidalService } from "./service.js";
import type { AccessTokenRecord, ClientRecord } from "./tokens.js";

// Paging is part of what every list route reads, so the names stay importable from here as well.
export {
  cursorPage,
  cursorSlice,
  nextCursor,
  offsetEnvelope,
  offsetPage,
  ordering,
  sortBy,
} from "./paging.js";
export type { CursorPage, OffsetPage } from "./paging.js";

export type Caller =
  { kind: "user"; user: UserSeed; token: AccessTokenRecord } | { kind: "client"; client: ClientRecord };

export type UserCaller = Extract<Caller, { kind: "user" }>;

export type ApiHandler = (req: EmulatorRequest, svc: TidalService) => EmulatorReply | Promise<EmulatorReply>;

/** Registers a route whose failures become `{status, subStatus, userMessage}` bodies and which is logged. */
export function addRoute(
  router: RoleRouter,
  svc: () => TidalService,
  role: "tidalApi" | "tidalLogin",
  method: string,
  pattern: string,
  handler: ApiHandler,
): void {
  router.add(method, pattern, (req) => {
    const service = svc();
    const authorization = req.headers["authorization"];
    service.apiLog.push({
      role,
      method: req.method,
      path: req.path,
      clientVersion: req.headers["x-tidal-client-version"],
      credentials: authorization ? "bearer" : req.headers["x-tidal-token"] ? "client" : "none",
      at: service.now(),
    });
    return settle(() => handler(req, service));
  });
}

/** What an API route module registers its handlers on. */
export interface ApiRouteTable {
  add(method: string, pattern: string, handler: ApiHandler): void;
}

/** The `tidalApi` role's routes, each registered through {@link addRoute}. */
export function apiRoutes(router: RoleRouter, svc: () => TidalService): ApiRouteTable {
  return { add: (method, pattern, handler) => addRoute(router, svc, "tidalApi", method, pattern, handler) };
}

/** Resolves the caller from `Authorization: Bearer …` or `x-tidal-token: <client id>`. */
export function resolveCaller(svc: TidalService, req: EmulatorRequest): Caller {
  const authorization = req.headers["authorization"];
  if (authorization !== undefined) {
    const match = /^bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw apiFailure(401, TIDAL_SUB_STATUS.invalidToken, "Token has invalid payload");
    const record = svc.tokens.accessTokens.get(match[1] as string);
    if (!record || record.revoked)
      throw apiFailure(401, TIDAL_SUB_STATUS.invalidToken, "Token has invalid payload");
    if (svc.now() >= record.expiresAt) {
      throw apiFailure(401, TIDAL_SUB_STATUS.expiredToken, "The token has expired. (Expired on time)");
    }
    const user = svc.state.users.get(record.userId);
    if (!user) throw apiFailure(401, TIDAL_SUB_STATUS.invalidToken, "Token has invalid payload");
    return { kind: "user", user, token: record };
  }
  const clientToken = req.headers["x-tidal-token"];
  if (clientToken !== undefined) {
    const client = svc.tokens.clients.get(clientToken.trim());
    if (!client) throw apiFailure(401, TIDAL_SUB_STATUS.invalidClientToken, "Invalid token");
    return { kind: "client", client };
  }
  throw apiFailure(
    401,
    TIDAL_SUB_STATUS.missingUser,
    "Missing authentication: send a bearer token or x-tidal-token",
  );
}

/**
 * Whose quota a request counts against: the account behind its bearer token, else the client of its
 * `x-tidal-token`; `undefined` (counted per address) when it carries neither or an unknown token.
 */
export function quotaAccount(svc: TidalService, req: EmulatorRequest): string | undefined {
  const bearer = /^bearer\s+(\S+)\s*$/i.exec(req.headers["authorization"] ?? "");
  if (bearer) {
    const record = svc.tokens.accessTokens.get(bearer[1] as string);
    return record ? `user:${record.userId}` : undefined;
  }
  const clientToken = req.headers["x-tidal-token"]?.trim();
  return clientToken && svc.tokens.clients.has(clientToken) ? `client:${clientToken}` : undefined;
}

export function requireUser(svc: TidalService, req: EmulatorRequest): UserCaller {
  const caller = resolveCaller(svc, req);
  if (caller.kind !== "user") {
    throw apiFailure(401, TIDAL_SUB_STATUS.missingUser, "This endpoint requires a user session");
  }
  return caller;
}

export function hasSubscription(caller: UserCaller): boolean {
  return caller.token.subscription ?? caller.user.subscription.premiumAccess;
}

export function requireSubscription(caller: UserCaller): void {
  if (!hasSubscription(caller)) {
    throw apiFailure(
      403,
      TIDAL_SUB_STATUS.noSubscription,
      "This feature requires an active TIDAL subscription",
    );
  }
}

/** The `countryCode` query parameter, upper-cased; required unless a fallback is given. */
export function country(req: EmulatorRequest, fallback?: string): string {
  const value = req.query.get("countryCode");
  if (value === null || value === "") {
    if (fallback !== undefined) return fallback;
    throw missingParameter("countryCode");
  }
  if (!/^[A-Za-z]{2}$/.test(value)) throw invalidParameter("countryCode", value);
  return value.toUpperCase();
}

/**
 * The user a `/v1/users/{user_id}/…` route is about. `me` is accepted as the caller. Private data (favourites,
 * blocks, clients, subscription) of another user is refused with 403.
 */
export function pathUser(
  svc: TidalService,
  req: EmulatorRequest,
  caller: UserCaller,
  options: { privateData: boolean },
): UserSeed {
  const raw = req.params["userId"] ?? "";
  const id = raw === "me" ? caller.user.id : /^\d+$/.test(raw) ? Number(raw) : NaN;
  const user = Number.isNaN(id) ? undefined : svc.state.users.get(id);
  if (!user) throw apiFailure(404, TIDAL_SUB_STATUS.notFound, "User not found");
  if (options.privateData && user.id !== caller.user.id) {
    throw apiFailure(
      403,
      TIDAL_SUB_STATUS.forbidden,
      "You are not allowed to access another user's collection",
    );
  }
  return user;
}

export const noContent = (): EmulatorReply => ({ status: 204 });
export const ok = (json: unknown, headers?: Record<string, string>): EmulatorReply =>
  headers ? { status: 200, json, headers } : { status: 200, json };
