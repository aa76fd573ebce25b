/**
 * What every Deezer route handler works with: the parsed request, the state, the object views, the caller's token,
 * and helpers to read parameters and resolve `user_id` the way Deezer does.
 */
import type { EmulatorReply, EmulatorRequest } from "../types.js";
import type { Permission, UserSeed } from "./data.js";
import { fail } from "./errors.js";
import type { DeezerState, TokenRecord } from "./state.js";
import type { Views } from "./views.js";

export interface RequestContext {
  req: EmulatorRequest;
  state: DeezerState;
  views: Views;
  /** `deezerApi` base URL without a trailing slash. */
  api: string;
  /** Unix milliseconds of this request (the emulator's clock). */
  now: number;
  /** The valid token the request carried, if any (an invalid one was already refused). */
  token: TokenRecord | undefined;
}

export type DeezerHandler = (ctx: RequestContext) => EmulatorReply;

export interface RouteTable {
  add(method: string, pattern: string, handler: DeezerHandler): void;
}

/**
 * A request parameter. Deezer reads the query string; POST bodies (form-encoded) are accepted too, since some
 * clients send writes that way.
 */
export function param(ctx: RequestContext, name: string): string | undefined {
  return ctx.req.query.get(name) ?? ctx.req.form.get(name) ?? undefined;
}

export function hasParam(ctx: RequestContext, name: string): boolean {
  return ctx.req.query.has(name) || ctx.req.form.has(name);
}

/** An integer ID as Deezer writes them (user-uploaded tracks are negative); anything else is `undefined`. */
export function parseId(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^-?\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

/** Comma-separated IDs of the first parameter present (`album_id` or `album_ids` …). */
export function idList(ctx: RequestContext, ...names: string[]): number[] {
  const name = names.find((n) => hasParam(ctx, n));
  if (name === undefined) return fail.missing(names[0] as string);
  const raw = (param(ctx, name) ?? "").trim();
  if (raw === "") return fail.missing(name);
  const ids = raw.split(",").map((part) => parseId(part.trim()));
  if (ids.some((id) => id === undefined)) return fail.wrongParameter();
  return ids as number[];
}

/** `true`/`false` as Deezer accepts them (`true`, `1`, `false`, `0`); `undefined` when absent. */
export function boolParam(ctx: RequestContext, name: string): boolean | undefined {
  const raw = param(ctx, name);
  if (raw === undefined) return undefined;
  const value = raw.toLowerCase();
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return fail.wrongParameter();
}

export function nowSeconds(ctx: RequestContext): number {
  return Math.floor(ctx.now / 1000);
}

export function requireToken(ctx: RequestContext, permissions: readonly Permission[] = []): TokenRecord {
  const token = ctx.token ?? fail.noActiveToken();
  for (const permission of permissions) if (!token.permissions.has(permission)) fail.noActiveToken();
  return token;
}

export interface ResolvedUser {
  user: UserSeed;
  /** The caller's token belongs to this account. */
  self: boolean;
}

/**
 * Resolves a `user_id` path segment. `me` needs a token. `public` lets anyone read a numeric account (its public
 * profile, playlists, favourites — as the recordings read them without a token); `self` is for private data and
 * writes, which only the account's own token may touch, with the permissions the endpoint needs.
 */
export function resolveUser(
  ctx: RequestContext,
  raw: string,
  mode: "public" | "self",
  permissions: readonly Permission[] = [],
): ResolvedUser {
  if (mode === "self") {
    const token = requireToken(ctx);
    const id = raw === "me" ? token.userId : parseId(raw);
    const user = id === undefined ? undefined : ctx.state.users.get(id);
    if (!user) return fail.noData();
    if (user.id !== token.userId) return fail.noActiveToken();
    requireToken(ctx, permissions);
    return { user, self: true };
  }
  const id = raw === "me" ? requireToken(ctx).userId : parseId(raw);
  const user = id === undefined ? undefined : ctx.state.users.get(id);
  if (!user) return fail.noData();
  return { user, self: ctx.token?.userId === user.id };
}
