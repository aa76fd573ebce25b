/**
 * Contract between the emulator framework (server, routing, faults, log, replay) and the service modules
 * (Deezer, TIDAL) that register routes and keep state.
 */

/** One loopback server per role, as the real services spread over several hosts. */
export type RoleName =
  "deezerApi" | "deezerConnect" | "tidalApi" | "tidalAuth" | "tidalLogin" | "tidalResources" | "tidalOpenApi";

export const ROLE_NAMES: readonly RoleName[] = [
  "deezerApi",
  "deezerConnect",
  "tidalApi",
  "tidalAuth",
  "tidalLogin",
  "tidalResources",
  // Last, so the ports of the roles before it stay where they were when it was added.
  "tidalOpenApi",
];

export interface EmulatorRequest {
  role: RoleName;
  /** Upper-case HTTP method. */
  method: string;
  /** Decoded path without query string, e.g. `/album/302127/fans`. */
  path: string;
  /** Full URL as received (host is the emulator's loopback address). */
  url: URL;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  rawBody: Buffer;
  /** Body as UTF-8 text. */
  text: string;
  /** Body parsed as `application/x-www-form-urlencoded` (empty when the body is something else). */
  form: URLSearchParams;
  /** Named path segments of the matched route pattern (`/album/:id` → `{ id: "302127" }`). */
  params: Record<string, string>;
  /** The base URLs of every role, for building links (`next` pages, redirects). */
  urls: Record<RoleName, string>;
}

export interface EmulatorReply {
  status?: number;
  headers?: Record<string, string>;
  /** Serialised with JSON.stringify and sent as `application/json`. */
  json?: unknown;
  /** Sent as `text/plain` unless headers say otherwise. */
  text?: string;
  /** Sent as `text/html`. */
  html?: string;
  body?: Buffer;
}

export type RouteHandler = (req: EmulatorRequest) => EmulatorReply | Promise<EmulatorReply>;

/** Registers routes on one role. Patterns use `:name` for one path segment; the first matching route wins. */
export interface RoleRouter {
  add(method: string, pattern: string, handler: RouteHandler): RoleRouter;
  /** Answer for requests no route matched. */
  fallback(handler: RouteHandler): RoleRouter;
}

/** What a service module receives to install itself. */
export interface EmulatorBuilder {
  router(role: RoleName): RoleRouter;
}

/** A fault replaces (or delays) the normal answer of matching requests. */
export interface FaultSpec {
  role?: RoleName;
  method?: string;
  /** Exact path, or a RegExp tested against the path. */
  path?: string | RegExp;
  /** Apply only to the n-th matching request (1-based), counted from when the fault was added. */
  nth?: number;
  /** Apply to this many matching requests (default: 1 when `nth` is unset; Infinity allowed). */
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** Waits before answering (or before passing through when nothing else is set). */
  delayMs?: number;
  /** Destroys the socket without answering. */
  reset?: boolean;
  /** Announces a longer Content-Length than it sends, then closes. */
  truncate?: boolean;
  /** Answers with an HTML error page (status defaults to 502). */
  html?: boolean;
  /**
   * Applies to each matching request with this chance (0 < p ≤ 1), so long runs see faults scattered among
   * normal answers; requests it skips still count towards `nth`.
   */
  probability?: number;
  /** Source of the `probability` draws, in [0, 1) (default `Math.random`); a seeded one makes runs repeatable. */
  random?: () => number;
  /** A further filter on the request (its query and headers), e.g. to hit only the calls of one token. */
  when?: (request: FaultRequest) => boolean;
  /**
   * Sends the answer (this fault's, or the route's when the fault sets none) `bytes` at a time (default 16) every
   * `intervalMs`, with its full Content-Length announced up front. A long interval gives a stalled body.
   */
  drip?: { bytes?: number; intervalMs: number };
}

/** What a fault's `when` filter sees of a request. */
export interface FaultRequest {
  readonly role: RoleName;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface RecordedRequest {
  role: RoleName;
  method: string;
  path: string;
  /** Path plus query string as received. */
  url: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  status: number;
  faulted: boolean;
  /** A faulted request the route still answered (a delay or drip-fed body): a write in it took effect. */
  passedThrough?: boolean;
  at: number;
  /** Why the emulator answered 500: the handler's exception, when one was thrown. */
  error?: string;
  /** Set when the request was refused by a quota (Deezer's code 4, TIDAL's 429) instead of being served. */
  quotaExceeded?: true;
}

/** One recorded exchange to answer verbatim (contract tests). */
export interface ReplayInteraction {
  method: string;
  path: string;
  /** Query parameters that must match exactly (parameters named in `ignoreParams` are not compared). */
  query: Record<string, string>;
  response: { status: number; headers?: Record<string, string>; body: string };
}
