import { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import type * as Undici from "undici";
import type { Dispatcher } from "undici";
import { subscribeAbort } from "./abort.js";
import { AbortedError, ConnectionError, MinimError, TimeoutError, ValidationError } from "./errors.js";

// undici is most of the package's import cost, so it is loaded on the first request (or `open()`), synchronously:
// the request path gains no await, and an application that never sends anything never pays for it.
const requireLazy = createRequire(import.meta.url);
let undiciModule: typeof Undici | undefined;
function undici(): typeof Undici {
  return (undiciModule ??= requireLazy("undici") as typeof Undici);
}

/**
 * The abort source of one attempt, handed to undici as its request `signal`. undici documents an EventEmitter with
 * an `aborted` flag as a signal; creating one costs a fraction of an AbortController, which every attempt would
 * otherwise need for its deadline (measured: the controller alone put the SDK at 1.3× raw undici per call).
 */
class AttemptAbort extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit("abort");
  }
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type QueryScalar = string | number | boolean;
/** `null`/`undefined` are omitted; arrays become repeated keys (TIDAL's `includeOnly`). */
export type QueryValue = QueryScalar | null | undefined | readonly QueryScalar[];
export type QueryParams = Record<string, QueryValue>;

export interface TransportOptions {
  /** Base URL that relative request paths are resolved against. */
  baseUrl: string;
  userAgent?: string | undefined;
  /** Headers sent with every request (per-request headers win). */
  headers?: Record<string, string> | undefined;
  /**
   * Milliseconds one attempt may take, from connecting to the last byte of the body (default 30 000): a
   * positive number up to {@link MAX_TIMEOUT_MS}. The same value also bounds each silence while waiting for
   * headers or the next body chunk.
   */
  timeout?: number | undefined;
  /** A caller-owned undici dispatcher (proxy, mock, custom pool). It is never closed by the transport. */
  dispatcher?: Dispatcher | undefined;
}

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL, or a path resolved against the base URL. */
  url: string;
  query?: QueryParams | undefined;
  headers?: Record<string, string | undefined> | undefined;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: QueryParams | undefined;
  /** Raw body (the caller sets its content type). */
  body?: string | undefined;
  /** Deadline of this attempt in ms (connect + headers + body); overrides the transport's. */
  timeout?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
  method: HttpMethod;
  /** The URL requested (may contain secrets: redact before showing it). */
  url: string;
  /** Milliseconds from sending the request to the end of the body. */
  durationMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The longest timeout a timer can keep (2^31 − 1 ms, about 24.8 days): Node fires a longer one after 1 ms, so a
 * larger value would turn a generous deadline into an immediate failure.
 */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Whether `value` is a timeout a deadline can be set with: a finite number of ms in (0, {@link MAX_TIMEOUT_MS}]. */
export function isTimeout(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 && value <= MAX_TIMEOUT_MS;
}

/** How a rejected option value is quoted in a message. */
export function quoteValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  return typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value;
}

/**
 * Checks a timeout option, throwing {@link ValidationError} for anything {@link isTimeout} refuses. Without the
 * check, a negative or non-numeric value fails every attempt at once (as a retried network error), and 0 or NaN
 * silently removes the deadline.
 */
export function checkTimeout(name: string, value: unknown): number {
  if (isTimeout(value)) return value;
  throw new ValidationError(
    name,
    `${name} must be a positive number of milliseconds no greater than ${MAX_TIMEOUT_MS}; got ${quoteValue(value)}.`,
  );
}

/** Errors that prove the request never left this machine, so even a non-idempotent request may be resent. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** Appends query parameters the way the services expect: booleans as `true`/`false`, spaces as `+`. */
export function appendQuery(target: URLSearchParams, params: QueryParams | undefined): void {
  if (!params) return;
  for (const key in params) {
    const value = params[key];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly QueryScalar[]) target.append(key, String(item));
    } else {
      target.set(key, String(value));
    }
  }
}

export function encodeForm(params: QueryParams): string {
  const form = new URLSearchParams();
  appendQuery(form, params);
  return form.toString();
}

/**
 * HTTP over undici with one keep-alive pool per transport. Knows nothing about either service: it resolves URLs,
 * applies timeouts and cancellation, and turns network failures into typed errors.
 */
export class Transport {
  readonly baseUrl: string;
  private readonly defaultHeaders: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly injected: Dispatcher | undefined;
  private owned: Dispatcher | undefined;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.defaultHeaders = { ...options.headers };
    if (options.userAgent !== undefined) this.defaultHeaders["user-agent"] = options.userAgent;
    // Checked here, where every client and the auth engine build their transport.
    this.timeoutMs =
      options.timeout === undefined ? DEFAULT_TIMEOUT_MS : checkTimeout("timeout", options.timeout);
    this.injected = options.dispatcher;
  }

  /** Sets (or removes, with `undefined`) a header sent with every request. */
  setDefaultHeader(name: string, value: string | undefined): void {
    if (value === undefined) delete this.defaultHeaders[name.toLowerCase()];
    else this.defaultHeaders[name.toLowerCase()] = value;
  }

  /** Creates the connection pool; requests open it on demand, so calling this is optional. */
  open(): void {
    if (this.injected || this.owned) return;
    this.owned = hasProxyEnvironment()
      ? // Plain-HTTP targets (the emulator) go to the proxy in absolute form; HTTPS targets are tunnelled.
        new (undici().EnvHttpProxyAgent)({
          proxyTunnel: false,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
        })
      : new (undici().Agent)({
          keepAliveTimeout: 10_000,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
        });
  }

  /** Closes pooled sockets. The transport reopens on the next request. */
  async close(): Promise<void> {
    const pool = this.owned;
    this.owned = undefined;
    if (pool) await pool.close();
  }

  get isOpen(): boolean {
    return this.injected !== undefined || this.owned !== undefined;
  }

  resolveUrl(url: string, query?: QueryParams): string {
    const absolute = url.startsWith("http://") || url.startsWith("https://") ? url : `${this.baseUrl}${url}`;
    if (!query) return absolute;
    const hashAt = absolute.indexOf("#");
    const withoutHash = hashAt >= 0 ? absolute.slice(0, hashAt) : absolute;
    const queryAt = withoutHash.indexOf("?");
    const search = new URLSearchParams(queryAt >= 0 ? withoutHash.slice(queryAt + 1) : "");
    appendQuery(search, query);
    const encoded = search.toString();
    const path = queryAt >= 0 ? withoutHash.slice(0, queryAt) : withoutHash;
    return encoded ? `${path}?${encoded}` : path;
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const url = this.resolveUrl(req.url, req.query);
    const headers: Record<string, string> = { ...this.defaultHeaders };
    if (req.headers) {
      for (const name in req.headers) {
        const value = req.headers[name];
        if (value === undefined) delete headers[name.toLowerCase()];
        else headers[name.toLowerCase()] = value;
      }
    }
    let body = req.body;
    if (req.form) {
      body = encodeForm(req.form);
      headers["content-type"] = "application/x-www-form-urlencoded";
    }

    const signal = req.signal;
    if (signal?.aborted) throw AbortedError.from(signal);
    // Every attempt has a deadline: the transport's timeout was checked when it was built, a per-request one is
    // checked here.
    const timeoutMs = req.timeout === undefined ? this.timeoutMs : checkTimeout("timeout", req.timeout);
    // The attempt's clock and timer start before undici is loaded and the pool opened (the first request of the
    // process pays ~100 ms for them), so the deadline covers that too.
    const started = performance.now();
    // One abort source per attempt carries both the deadline and the caller's signal; the caller's signal gets a
    // single shared listener however many requests use it (see abort.ts).
    const controller = new AttemptAbort();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const unsubscribe = signal ? subscribeAbort(signal, () => controller.abort(signal.reason)) : undefined;
    try {
      if (!this.injected && !this.owned) this.open();
      const res = await undici().request(url, {
        method: req.method,
        headers,
        body: body ?? (req.method === "GET" ? undefined : ""),
        signal: controller,
        dispatcher: this.injected ?? this.owned,
        // undici's header/body timers stay as the idle guard; per-request ones cost more than the pool's shared
        // ones, so they are set only when they differ.
        ...(req.timeout !== undefined && req.timeout !== this.timeoutMs
          ? { headersTimeout: timeoutMs, bodyTimeout: timeoutMs }
          : {}),
      });
      const text = await res.body.text();
      return {
        status: res.statusCode,
        headers: flattenHeaders(res.headers),
        text,
        method: req.method,
        url,
        durationMs: performance.now() - started,
      };
    } catch (error) {
      if (signal?.aborted) throw AbortedError.from(signal);
      const elapsedMs = performance.now() - started;
      if (timedOut) throw new TimeoutError({ method: req.method, url, timeoutMs, elapsedMs });
      if (error instanceof MinimError) throw error;
      const code = errorCode(error);
      if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
        throw new TimeoutError({ method: req.method, url, timeoutMs, elapsedMs, idle: true });
      }
      throw toConnectionError(error, req.method, url);
    } finally {
      clearTimeout(timer);
      unsubscribe?.();
    }
  }
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in raw) {
    const value = raw[name];
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function toConnectionError(error: unknown, method: string, url: string): ConnectionError {
  const code = errorCode(error);
  const notSent = code !== undefined && NOT_SENT_CODES.has(code);
  const what = code ?? (error instanceof Error ? error.name : "unknown error");
  return new ConnectionError({
    message: `${method} request to ${hostOf(url)} failed at the network level (${what}).`,
    method,
    url,
    notSent,
    ...(code !== undefined ? { errorCode: code } : {}),
    cause: error,
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the service";
  }
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      // undici wraps the socket error; the inner code says more about whether the request was sent.
      const inner = errorCode((current as { cause?: unknown }).cause);
      return inner && NOT_SENT_CODES.has(inner) ? inner : code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function hasProxyEnvironment(): boolean {
  const env = process.env;
  return Boolean(env.HTTP_PROXY || env.http_proxy || env.HTTPS_PROXY || env.https_proxy);
}
