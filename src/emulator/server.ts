/**
 * The emulator's HTTP layer: one loopback server per role, a small router, request parsing, the request log, and
 * the hooks through which faults and replays take over requests. Service logic lives in the service modules.
 */
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { knownSecrets } from "../core/redact.js";
import { createFaultController } from "./faults.js";
import type { FaultInjector, SelectedFault } from "./faults.js";
import { ReplaySession } from "./replay.js";
import type { ReplayHandle, ReplayOptions } from "./replay.js";
import { ROLE_NAMES } from "./types.js";
import type {
  EmulatorBuilder,
  EmulatorReply,
  EmulatorRequest,
  RecordedRequest,
  ReplayInteraction,
  RoleName,
  RoleRouter,
  RouteHandler,
} from "./types.js";

/** Options of {@link startServers}. */
export interface StartServersOptions {
  /** `0` (default) picks a free port per role; `N` binds the seven roles to ports `N`…`N+6` in `ROLE_NAMES` order. */
  port?: number;
  /** Interface to bind (default `127.0.0.1`). */
  host?: string;
  /** Called once per request after its answer was decided (also for faulted and replayed requests). */
  onRequest?: (record: RecordedRequest) => void;
  /**
   * How many requests the log keeps (default 100 000) so long benchmark runs do not grow it without bound. The oldest
   * are dropped in batches, so it may briefly hold up to a tenth more.
   */
  logLimit?: number;
  /**
   * Called as each request arrives, before faults, replays and routes: a reply answers the request instead of
   * them (logged with `quotaExceeded`). The emulator's quotas are built on it. `address` is the client's IP.
   */
  admit?: (request: EmulatorRequest, address: string) => EmulatorReply | undefined;
}

/** Running servers of every role, with the controls tests use. */
export interface EmulatorServers {
  /** Base URL of each role, e.g. `http://127.0.0.1:43121`. */
  readonly urls: Record<RoleName, string>;
  /** Every request received, newest last, including faulted and replayed ones. */
  readonly requests: readonly RecordedRequest[];
  /** Logged requests of one role, optionally only those whose path starts with a prefix or matches a RegExp. */
  requestsTo(role: RoleName, pathPrefixOrRegExp?: string | RegExp): RecordedRequest[];
  /** Empties the request log. */
  clearRequests(): void;
  readonly faults: FaultInjector;
  /**
   * Answers the role's requests from recorded interactions instead of its routes (faults still come first).
   * A later replay on the same role replaces an earlier one.
   */
  replay(role: RoleName, interactions: readonly ReplayInteraction[], options?: ReplayOptions): ReplayHandle;
  /** Stops every server, dropping open keep-alive connections and requests in progress. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const DEFAULT_LOG_LIMIT = 100_000;
const NOT_FOUND: EmulatorReply = { status: 404, json: { error: "not found" } };
const EMPTY = Buffer.alloc(0);
const FORM_TYPE = "application/x-www-form-urlencoded";
// `a=1&b=two%20words&flag=` – what a client sends when it forgets the content type of a form body.
const FORM_LIKE = /^[^=&\s]+=[^&\s]*(?:&[^=&\s]+=[^&\s]*)*$/;

interface CompiledRoute {
  readonly method: string;
  /** Literal segment, or `null` where a parameter goes. */
  readonly literals: readonly (string | null)[];
  readonly names: readonly (string | null)[];
  /** The pattern ends in `*`, which takes one or more remaining segments as `params["*"]`. */
  readonly rest: boolean;
  readonly handler: RouteHandler;
}

interface RouteMatch {
  readonly handler: RouteHandler;
  readonly params: Record<string, string>;
}

class Router implements RoleRouter {
  readonly #routes: CompiledRoute[] = [];
  fallbackHandler: RouteHandler | undefined;

  add(method: string, pattern: string, handler: RouteHandler): RoleRouter {
    if (!pattern.startsWith("/")) throw new TypeError(`Route pattern must start with "/": ${pattern}`);
    const parts = pattern.slice(1).split("/");
    const rest = parts[parts.length - 1] === "*";
    if (rest) parts.pop();
    const literals: (string | null)[] = [];
    const names: (string | null)[] = [];
    for (const part of parts) {
      const isParam = part.startsWith(":") && part.length > 1;
      literals.push(isParam ? null : part);
      names.push(isParam ? part.slice(1) : null);
    }
    this.#routes.push({ method: method.toUpperCase(), literals, names, rest, handler });
    return this;
  }

  fallback(handler: RouteHandler): RoleRouter {
    this.fallbackHandler = handler;
    return this;
  }

  match(method: string, segments: readonly string[]): RouteMatch | undefined {
    for (const route of this.#routes) {
      // HEAD gets what GET would, as on real servers; Node leaves out the body.
      if (route.method !== method && route.method !== "*" && !(method === "HEAD" && route.method === "GET")) {
        continue;
      }
      const fixed = route.literals.length;
      if (route.rest ? segments.length <= fixed : segments.length !== fixed) continue;
      let params: Record<string, string> | undefined = {};
      for (let i = 0; i < fixed; i++) {
        const segment = segments[i] as string;
        const literal = route.literals[i];
        if (literal === null) {
          if (segment === "") {
            params = undefined;
            break;
          }
          params[route.names[i] as string] = segment;
        } else if (literal !== segment) {
          params = undefined;
          break;
        }
      }
      if (params === undefined) continue;
      if (route.rest) params["*"] = segments.slice(fixed).join("/");
      return { handler: route.handler, params };
    }
    return undefined;
  }
}

/**
 * Starts one server per role with the routes `install` registers. This is what `startEmulator` builds on; tests of
 * the framework itself use it with routes of their own.
 */
export async function startServers(
  options: StartServersOptions = {},
  install?: (builder: EmulatorBuilder) => void,
): Promise<EmulatorServers> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port + ROLE_NAMES.length - 1 > 65535) {
    throw new RangeError(
      `Emulator port must be 0 or an integer up to ${65536 - ROLE_NAMES.length}, got ${port}.`,
    );
  }
  const logLimit = options.logLimit ?? DEFAULT_LOG_LIMIT;
  if (!(Number.isInteger(logLimit) && logLimit >= 0) && logLimit !== Infinity) {
    throw new RangeError(`Emulator logLimit must be an integer ≥ 0 or Infinity, got ${logLimit}.`);
  }
  const hub = new Hub(options.onRequest, logLimit, options.admit);
  install?.({ router: (role) => hub.routerOf(role) });
  await hub.listen(host, port);
  return hub;
}

class Hub implements EmulatorServers {
  readonly urls = {} as Record<RoleName, string>;
  readonly faults: FaultInjector;
  #log: RecordedRequest[] = [];
  readonly #selectFault: ReturnType<typeof createFaultController>["select"];
  readonly #routers = new Map<RoleName, Router>();
  readonly #replays = new Map<RoleName, ReplaySession>();
  readonly #servers: Server[] = [];
  readonly #sleepers = new Set<() => void>();
  readonly #onRequest: ((record: RecordedRequest) => void) | undefined;
  readonly #logLimit: number;
  readonly #logSlack: number;
  readonly #admit: StartServersOptions["admit"];
  #closing: Promise<void> | undefined;

  constructor(
    onRequest: ((record: RecordedRequest) => void) | undefined,
    logLimit: number,
    admit?: StartServersOptions["admit"],
  ) {
    this.#admit = admit;
    this.#logLimit = logLimit;
    this.#logSlack = Math.ceil(logLimit / 10);
    const controller = createFaultController();
    this.faults = controller.injector;
    this.#selectFault = controller.select;
    this.#onRequest = onRequest;
    for (const role of ROLE_NAMES) this.#routers.set(role, new Router());
  }

  get requests(): readonly RecordedRequest[] {
    return this.#log;
  }

  routerOf(role: RoleName): Router {
    const router = this.#routers.get(role);
    if (!router) throw new TypeError(`Unknown emulator role: ${String(role)}`);
    return router;
  }

  requestsTo(role: RoleName, pathPrefixOrRegExp?: string | RegExp): RecordedRequest[] {
    return this.#log.filter((r) => {
      if (r.role !== role) return false;
      if (pathPrefixOrRegExp === undefined) return true;
      if (typeof pathPrefixOrRegExp === "string") return r.path.startsWith(pathPrefixOrRegExp);
      pathPrefixOrRegExp.lastIndex = 0;
      return pathPrefixOrRegExp.test(r.path);
    });
  }

  clearRequests(): void {
    // A fresh array, so a log a caller already holds keeps what it showed.
    this.#log = [];
  }

  replay(
    role: RoleName,
    interactions: readonly ReplayInteraction[],
    options: ReplayOptions = {},
  ): ReplayHandle {
    this.routerOf(role);
    const session = new ReplaySession(role, interactions, options, (s) => {
      if (this.#replays.get(role) === s) this.#replays.delete(role);
    });
    this.#replays.get(role)?.remove();
    this.#replays.set(role, session);
    return session;
  }

  async listen(host: string, port: number): Promise<void> {
    const started = await Promise.allSettled(
      ROLE_NAMES.map((role, i) => this.#listenOne(role, host, port === 0 ? 0 : port + i)),
    );
    const failure = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failure) {
      await this.close();
      throw failure.reason;
    }
  }

  #listenOne(role: RoleName, host: string, port: number): Promise<void> {
    const server = createServer((req, res) => this.#receive(role, req, res));
    this.#servers.push(server);
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        reject(
          new Error(`Emulator role ${role} could not listen on ${host}:${port}: ${error.message}`, {
            cause: error,
          }),
        );
      };
      server.once("error", onError);
      server.listen(port, host, () => {
        server.off("error", onError);
        const address = server.address() as AddressInfo;
        const shownHost =
          address.family === "IPv6" || address.address.includes(":")
            ? `[${address.address}]`
            : address.address;
        this.urls[role] = `http://${shownHost}:${address.port}`;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #shutdown(): Promise<void> {
    for (const wake of this.#sleepers) wake();
    this.#sleepers.clear();
    await Promise.all(
      this.#servers
        .filter((server) => server.listening)
        .map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              // close() alone waits for keep-alive clients to hang up, which may be never.
              server.closeAllConnections();
            }),
        ),
    );
  }

  #receive(role: RoleName, req: IncomingMessage, res: ServerResponse): void {
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body =
        chunks.length === 0 ? EMPTY : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      this.#handle(role, req, res, body, at).catch(() => {
        // Only a bug in the emulator gets here; drop the connection rather than crash the process hosting it.
        res.destroy();
      });
    });
    // The client went away mid-body; there is nobody left to answer.
    req.on("error", () => undefined);
  }

  async #handle(
    role: RoleName,
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    at: number,
  ): Promise<void> {
    const request = parseRequest(role, req, body, this.urls);
    const refusal = this.#admit?.(request, req.socket.remoteAddress ?? "");
    if (refusal) {
      this.#send(request, res, refusal, at, false, undefined, true);
      return;
    }
    const fault = this.#selectFault(request);
    if (fault) {
      await this.#runFault(request, res, fault, at);
      return;
    }
    await this.#answer(request, res, at, false);
  }

  async #runFault(
    request: EmulatorRequest,
    res: ServerResponse,
    fault: SelectedFault,
    at: number,
  ): Promise<void> {
    if (fault.delayMs > 0) {
      await this.#sleep(fault.delayMs);
      if (this.#closing || res.destroyed) return;
    }
    const action = fault.action;
    switch (action.kind) {
      case "pass":
        await this.#answer(request, res, at, true, fault.drip);
        return;
      case "reply":
        this.#send(request, res, action.reply, at, true, undefined, false, fault.drip);
        return;
      case "reset":
        this.#record(request, 0, at, true, undefined);
        res.socket?.destroy();
        return;
      case "truncate": {
        const { status, headers, body } = action;
        this.#record(request, status, at, true, undefined);
        res.writeHead(status, { ...headers, "content-length": String(body.length + 64) });
        const socket = res.socket;
        res.write(body.subarray(0, Math.ceil(body.length / 2)), () => socket?.destroy());
        return;
      }
    }
  }

  async #answer(
    request: EmulatorRequest,
    res: ServerResponse,
    at: number,
    faulted: boolean,
    drip?: SelectedFault["drip"],
  ): Promise<void> {
    let reply: EmulatorReply;
    let error: string | undefined;
    let missedReplay: ReplaySession | undefined;
    try {
      const replay = this.#replays.get(request.role);
      if (replay) {
        const answer = replay.answer(request);
        reply = answer.reply;
        if (!answer.matched) missedReplay = replay;
      } else {
        const router = this.#routers.get(request.role) as Router;
        const match = router.match(request.method, splitPath(request.url.pathname));
        if (match) {
          request.params = match.params;
          reply = await match.handler(request);
        } else if (router.fallbackHandler) {
          reply = await router.fallbackHandler(request);
        } else {
          reply = NOT_FOUND;
        }
      }
    } catch (thrown) {
      error = describeError(thrown);
      reply = failure(thrown);
    }
    if (this.#closing || res.destroyed) return;
    const record = this.#send(request, res, reply, at, faulted ? "passed" : false, error, false, drip);
    if (missedReplay) missedReplay.unmatched.push(record);
  }

  /** Writes a reply with its Content-Length; an unsendable reply (bad header, unserialisable JSON) becomes a 500. */
  #send(
    request: EmulatorRequest,
    res: ServerResponse,
    reply: EmulatorReply,
    at: number,
    faulted: boolean | "passed",
    error: string | undefined,
    quotaExceeded = false,
    drip?: SelectedFault["drip"],
  ): RecordedRequest {
    let status: number;
    let payload: Buffer | string;
    try {
      ({ status, payload } = writeHead(res, reply));
    } catch (thrown) {
      error ??= describeError(thrown);
      ({ status, payload } = writeHead(res, failure(thrown)));
    }
    learnSecrets(request, reply);
    const record = this.#record(request, status, at, faulted, error, quotaExceeded);
    if (drip) void this.#drip(res, typeof payload === "string" ? Buffer.from(payload) : payload, drip);
    else res.end(payload);
    return record;
  }

  /** Writes the body a piece at a time; stops when the client hangs up or the emulator closes. */
  async #drip(res: ServerResponse, payload: Buffer, drip: NonNullable<SelectedFault["drip"]>): Promise<void> {
    for (let offset = 0; offset < payload.length; offset += drip.bytes) {
      if (offset > 0) await this.#sleep(drip.intervalMs);
      if (this.#closing || res.destroyed) return;
      res.write(payload.subarray(offset, offset + drip.bytes));
    }
    res.end();
  }

  #record(
    request: EmulatorRequest,
    status: number,
    at: number,
    faulted: boolean | "passed",
    error: string | undefined,
    quotaExceeded = false,
  ): RecordedRequest {
    const record: RecordedRequest = {
      role: request.role,
      method: request.method,
      path: request.path,
      url: request.url.pathname + request.url.search,
      query: Object.fromEntries(request.query),
      headers: request.headers,
      body: request.text,
      status,
      faulted: faulted !== false,
      at,
    };
    if (faulted === "passed") record.passedThrough = true;
    if (error !== undefined) record.error = error;
    if (quotaExceeded) record.quotaExceeded = true;
    this.#log.push(record);
    if (this.#log.length > this.#logLimit + this.#logSlack) {
      // A fresh array, like clearRequests(), so callers holding the old one see no change under them.
      this.#log = this.#logLimit === 0 ? [] : this.#log.slice(-this.#logLimit);
    }
    if (this.#onRequest) {
      try {
        this.#onRequest(record);
      } catch {
        // A broken observer must not take the emulator down with it.
      }
    }
    return record;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.#sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#sleepers.add(wake);
    });
  }
}

function parseRequest(
  role: RoleName,
  req: IncomingMessage,
  rawBody: Buffer,
  urls: Record<RoleName, string>,
): EmulatorRequest {
  const target = req.url ?? "/";
  // Concatenating keeps a target like `//album/1` a path; resolving it against a base would read it as a host.
  const url = new URL(
    target.startsWith("/") ? urls[role] + target : target.startsWith("http") ? target : urls[role] + "/",
  );
  const headers: Record<string, string> = {};
  const raw = req.headers;
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) headers[name] = typeof value === "string" ? value : value.join(", ");
  }
  const text = rawBody.length === 0 ? "" : rawBody.toString("utf8");
  return {
    role,
    method: (req.method ?? "GET").toUpperCase(),
    path: decodeSegment(url.pathname),
    url,
    query: url.searchParams,
    headers,
    rawBody,
    text,
    form: isForm(headers["content-type"], text) ? new URLSearchParams(text) : new URLSearchParams(),
    params: {},
    urls,
  };
}

function isForm(contentType: string | undefined, text: string): boolean {
  if (text === "") return false;
  if (contentType === undefined) return FORM_LIKE.test(text);
  return contentType.toLowerCase().startsWith(FORM_TYPE);
}

function splitPath(pathname: string): string[] {
  const parts = pathname.slice(1).split("/");
  for (let i = 0; i < parts.length; i++) parts[i] = decodeSegment(parts[i] as string);
  return parts;
}

function decodeSegment(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Sends the status line and headers; returns what `end()` must send. */
function writeHead(res: ServerResponse, reply: EmulatorReply): { status: number; payload: Buffer | string } {
  const status = reply.status ?? 200;
  let payload: Buffer | string;
  let contentType: string | undefined;
  if (reply.json !== undefined) {
    payload = JSON.stringify(reply.json);
    contentType = "application/json";
  } else if (reply.html !== undefined) {
    payload = reply.html;
    contentType = "text/html; charset=utf-8";
  } else if (reply.text !== undefined) {
    payload = reply.text;
    contentType = "text/plain; charset=utf-8";
  } else {
    payload = reply.body ?? EMPTY;
  }
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers["content-type"] = contentType;
  if (reply.headers)
    for (const name in reply.headers) headers[name.toLowerCase()] = reply.headers[name] as string;
  const bodyless = status < 200 || status === 204 || status === 304;
  if (bodyless) {
    delete headers["content-length"];
    payload = EMPTY;
  } else {
    headers["content-length"] = String(
      typeof payload === "string" ? Buffer.byteLength(payload) : payload.length,
    );
  }
  res.writeHead(status, headers);
  return { status, payload };
}

function failure(thrown: unknown): EmulatorReply {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { status: 500, json: { error: "emulator handler failed", message: message.slice(0, 200) } };
}

function describeError(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.stack ?? `${thrown.name}: ${thrown.message}`;
  return String(thrown);
}

const SECRET_FIELDS = ["access_token", "refresh_token", "code", "client_secret", "secret", "code_verifier"];

/**
 * Records the credentials a request carries and a reply issues, so the request log (and anything else in this
 * process that redacts) removes them wherever they turn up, a token written into a path segment included.
 */
function learnSecrets(request: EmulatorRequest, reply: EmulatorReply): void {
  const authorization = request.headers["authorization"];
  if (authorization) knownSecrets.add(authorization.replace(/^\S+\s+/, ""));
  for (const name of SECRET_FIELDS) {
    knownSecrets.add(request.query.get(name), request.form.get(name));
  }
  for (const match of request.url.pathname.matchAll(/;(?:access_token|refresh_token)=([^;/?#]+)/g)) {
    knownSecrets.add(match[1], decodeURIComponentSafe(match[1] ?? ""));
  }
  const json = reply.json;
  if (json !== null && typeof json === "object" && !Array.isArray(json)) {
    const fields = json as Record<string, unknown>;
    for (const name of ["access_token", "refresh_token", "accessToken", "refreshToken"]) {
      const value = fields[name];
      if (typeof value === "string") knownSecrets.add(value);
    }
  } else if (typeof reply.text === "string") {
    for (const match of reply.text.matchAll(/(?:access_token|refresh_token)=([^&\s]+)/g))
      knownSecrets.add(match[1]);
  }
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
