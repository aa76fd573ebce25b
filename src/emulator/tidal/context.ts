/**
 * Request-level rules shared by every API route: who is calling, the country, paging, and the route wrapper that
 * records each request and turns thrown failures into TIDAL error bodies.
 */
import type { EmulatorReply, EmulatorRequest, RoleRouter } from "../types.js";
import type { UserSeed } from "./data.js";
import { TIDAL_SUB_STATUS, apiFailure, invalidParameter, missingParameter, settle } from "./errors.js";
import type { TidalService } from "./service.js";
import type { AccessTokenRecord, ClientRecord } from "./tokens.js";

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

function integerParam(req: EmulatorRequest, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^\d+$/.test(raw)) throw invalidParameter(name, raw);
  return Number(raw);
}

export interface OffsetPage {
  limit: number;
  offset: number;
}

/** `limit`/`offset` of a v1 list (TIDAL's default limit is 10). */
export function offsetPage(req: EmulatorRequest, defaultLimit = 10, maxLimit = 10_000): OffsetPage {
  const limit = integerParam(req, "limit") ?? defaultLimit;
  const offset = integerParam(req, "offset") ?? 0;
  if (limit < 1 || limit > maxLimit) throw invalidParameter("limit", String(limit));
  return { limit, offset };
}

/**
 * A v1 page envelope. `limit` reports how many items the page could hold, capped at the list size – the recorded
 * bodies show `limit` equal to a short list's length (fixtures/tidal/yambs/tracks_1588184_US.json: 9 of 9) and an
 * empty list as `limit: 0` (the blocked-profiles sample).
 */
export function offsetEnvelope<T>(all: readonly T[], page: OffsetPage, extra: Record<string, unknown> = {}) {
  return {
    limit: Math.min(page.limit, all.length),
    offset: page.offset,
    totalNumberOfItems: all.length,
    items: all.slice(page.offset, page.offset + page.limit),
    ...extra,
  };
}

export interface CursorPage {
  limit: number;
  start: number;
}

/** `limit`/`cursor` of a v2 list; the cursor is opaque to clients. */
export function cursorPage(req: EmulatorRequest, defaultLimit = 50, maxLimit = 50): CursorPage {
  const limit = integerParam(req, "limit") ?? defaultLimit;
  if (limit < 1 || limit > maxLimit) throw invalidParameter("limit", String(limit));
  const cursor = req.query.get("cursor");
  if (cursor === null || cursor === "") return { limit, start: 0 };
  const decoded = /^o:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!decoded) throw invalidParameter("cursor", cursor);
  return { limit, start: Number(decoded[1]) };
}

/** The next-page cursor, `null` once the list is exhausted. */
export function nextCursor(total: number, page: CursorPage): string | null {
  const next = page.start + page.limit;
  return next < total ? Buffer.from(`o:${next}`, "utf8").toString("base64url") : null;
}

export function cursorSlice<T>(all: readonly T[], page: CursorPage): { items: T[]; cursor: string | null } {
  return { items: all.slice(page.start, page.start + page.limit), cursor: nextCursor(all.length, page) };
}

/** `order` (`DATE`|`NAME`) and `orderDirection` (`ASC`|`DESC`) of collection lists. */
export function ordering(req: EmulatorRequest): { order: "DATE" | "NAME"; descending: boolean } {
  const order = req.query.get("order") ?? "DATE";
  const direction = req.query.get("orderDirection") ?? "ASC";
  if (order !== "DATE" && order !== "NAME") throw invalidParameter("order", order);
  if (direction !== "ASC" && direction !== "DESC") throw invalidParameter("orderDirection", direction);
  return { order, descending: direction === "DESC" };
}

export function sortBy<T>(items: T[], key: (item: T) => number | string, descending: boolean): T[] {
  const sorted = [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (typeof ka === "number" && typeof kb === "number") return ka - kb;
    return String(ka).localeCompare(String(kb));
  });
  return descending ? sorted.reverse() : sorted;
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
