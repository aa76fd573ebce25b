import type { Dispatcher } from "undici";
import { linkedSignal } from "./abort.js";
import { ResponseCache, TTL_SECONDS, type TtlName } from "./cache.js";
import { systemClock, type Clock } from "./clock.js";
import { anonymous, type Authenticator, type Credential } from "./credentials.js";
import {
  APIError,
  InvalidResponseError,
  ValidationError,
  type ResponseShape,
  type ServiceName,
} from "./errors.js";
import { redactHeaders, redactUrl } from "./redact.js";
import { noLimit, type RateLimiter } from "./rate-limit.js";
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from "./retry.js";
import type { SharedCacheEvent, SharedCacheLayer } from "../fleet/redis-cache.js";
import {
  checkTimeout,
  quoteValue,
  Transport,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
  type QueryParams,
} from "./transport.js";

/** Per-call controls accepted by every endpoint method (in its trailing options object). */
export interface RequestOptions {
  /** Cancels the call, including any wait for the rate limiter or a retry. */
  signal?: AbortSignal | undefined;
  /**
   * Milliseconds one HTTP attempt may take in all (connect, headers and body); a positive number up to
   * 2,147,483,647 (the longest a timer can wait).
   */
  timeout?: number | undefined;
  /** Resends allowed after the first attempt (overrides the client's setting); a non-negative integer. */
  maxRetries?: number | undefined;
}

/**
 * Checks the per-call controls and returns just them (an endpoint's own options are already on the wire).
 * Throws {@link ValidationError} for a `signal` that is not an `AbortSignal`, a `timeout` that is not a
 * positive number up to 2,147,483,647 ms, or a `maxRetries` that is not a non-negative safe integer, before
 * anything is sent.
 */
export function requestOptions(options: RequestOptions | undefined): RequestOptions | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== "object") {
    throw new ValidationError("options", `options must be an object; got ${typeof options}.`);
  }
  const { signal, timeout, maxRetries } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new ValidationError("signal", `signal must be an AbortSignal; got ${quoteValue(signal)}.`);
  }
  // Past MAX_TIMEOUT_MS, Node would fire the deadline's timer after 1 ms.
  if (timeout !== undefined) checkTimeout("timeout", timeout);
  if (maxRetries !== undefined && !(Number.isSafeInteger(maxRetries) && maxRetries >= 0)) {
    throw new ValidationError(
      "maxRetries",
      `maxRetries must be a non-negative integer; got ${quoteValue(maxRetries)}.`,
    );
  }
  return { signal, timeout, maxRetries };
}

/** What {@link ObservabilityOptions.onRequest} receives just before an attempt is sent. */
export interface RequestEvent {
  /**
   * The method of the client that made the call (`getAlbum`), or, for a request of a login or a renewal,
   * `oauth.token` or `oauth.deviceAuthorization`.
   */
  name: string;
  method: HttpMethod;
  /** The full URL with every secret removed. */
  url: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
}

/** What {@link ObservabilityOptions.onResponse} receives once an attempt has ended. */
export interface ResponseEvent extends RequestEvent {
  /** The HTTP status, or `undefined` when no answer came (network error, timeout, cancellation). */
  status: number | undefined;
  /** Response headers with lower-case names and credentials removed (`{}` when no answer came). */
  headers: Readonly<Record<string, string>>;
  /** Milliseconds from sending to the end of the answer (or to the failure). */
  durationMs: number;
  /** The network-level failure, when no answer came. */
  error?: Error | undefined;
}

/** A logger as the client uses it: `console`, pino, winston and most others fit. */
export interface MinimLogger {
  debug(message: string): void;
}

/** Hooks and logging shared by both clients' options. Nothing passed to them contains a secret. */
export interface ObservabilityOptions {
  /** Called before every attempt (retries included). */
  onRequest?: ((event: RequestEvent) => void) | undefined;
  /** Called after every attempt with its status, headers and duration; the place to read response headers. */
  onResponse?: ((event: ResponseEvent) => void) | undefined;
  /**
   * Receives one line per attempt and per retry decision at debug level. Without one, setting the `DEBUG`
   * environment variable to include `minim` writes the same lines to standard error.
   */
  logger?: MinimLogger | undefined;
}

/** Whether `DEBUG` asks for this library's lines (`minim`, `minim*`, `minim:*`, or `*`, comma-separated). */
export function debugEnabled(env: string | undefined = process.env.DEBUG): boolean {
  if (!env) return false;
  return env
    .split(/[\s,]+/)
    .some((part) => part === "*" || part === "minim" || part.startsWith("minim:") || part === "minim*");
}

const stderrLogger: MinimLogger = {
  debug: (message) => process.stderr.write(`${message}\n`),
};

/** Knowledge of one service's wire format, applied at the edge of the pipeline. */
export interface ServiceAdapter {
  /** The service, for messages; optional for custom adapters. */
  readonly service?: ServiceName;
  /** Adds the credential (and any service headers) to an outgoing request. */
  authorize(request: HttpRequest, credential: Credential | null): void;
  /**
   * Returns the parsed body of a successful answer or throws the typed error it represents; a success whose
   * body is not of the `expect`ed shape is an `InvalidResponseError`.
   */
  interpret(response: HttpResponse, expect: ResponseShape): unknown;
  /** Whether an error means the token was rejected (so one renewal and resend is worth trying). */
  isInvalidToken(error: APIError): boolean;
}

/** A method named for cache clearing: its name (bare or `group.name`) or the method itself. */
export type MethodRef = string | ((...args: never[]) => unknown);

/** The bare method names `methods` stands for, the form cache entries are filed under. */
export function methodNames(methods: MethodRef | Iterable<MethodRef>): Set<string> {
  const list = typeof methods === "string" || typeof methods === "function" ? [methods] : methods;
  const names = new Set<string>();
  for (const entry of list) {
    const name = typeof entry === "function" ? entry.name.replace(/^bound /, "") : entry;
    // "albums.getAlbum" and "getAlbum" both name the method.
    names.add(name.slice(name.lastIndexOf(".") + 1));
  }
  return names;
}

/** One endpoint call, described declaratively by a resource method. */
export interface EndpointCall {
  /** Canonical method name (the tsName of the method that owns the request), for cache clearing. */
  name: string;
  method: HttpMethod;
  /** Path relative to the client's base URL, or an absolute URL (another role, or a `next` link). */
  path: string;
  query?: QueryParams | undefined;
  form?: QueryParams | undefined;
  headers?: Record<string, string> | undefined;
  /** Cache lifetime; omitted or null means not cached. Only GET requests are cached. */
  ttl?: TtlName | null | undefined;
  /** The answer depends on the account's own data; writes by that account invalidate it. */
  userScoped?: boolean | undefined;
  /** What a success's body is: default a JSON object for GET, any body for writes. */
  expect?: ResponseShape | undefined;
  options?: RequestOptions | undefined;
  /**
   * Sends with this credential instead of the authenticator's, and never renews it: for the look-ups the auth
   * engine makes while it is still obtaining the credential (whose user is this token's?).
   */
  credential?: Credential | undefined;
}

export interface ApiClientOptions extends ObservabilityOptions {
  baseUrl: string;
  adapter: ServiceAdapter;
  auth?: Authenticator | undefined;
  limiter?: RateLimiter | undefined;
  enableCache?: boolean | undefined;
  cacheSize?: number | undefined;
  userAgent?: string | undefined;
  headers?: Record<string, string> | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  dispatcher?: Dispatcher | undefined;
  clock?: Clock | undefined;
  /** A second cache layer shared with other processes, consulted after the in-process cache. */
  sharedCache?: SharedCacheLayer | undefined;
}

/**
 * The service-agnostic request pipeline: cache → rate limiter → credential → transport → service adapter,
 * with bounded retries and one token renewal on rejection. Both service clients are built on it.
 */
export class ApiClient {
  readonly transport: Transport;
  readonly cache: ResponseCache;
  auth: Authenticator;
  limiter: RateLimiter;
  readonly clock: Clock;
  readonly sharedCache: SharedCacheLayer | undefined;
  private readonly adapter: ServiceAdapter;
  private readonly retryPolicy: RetryPolicy;
  private readonly onRequest: ((event: RequestEvent) => void) | undefined;
  private readonly onResponse: ((event: ResponseEvent) => void) | undefined;
  private readonly logger: MinimLogger | undefined;
  /**
   * Counts the invalidations and clears applied to the in-process cache: an answer fetched while one happened may
   * predate the change it announces, so it is returned but not cached.
   */
  #invalidations = 0;
  /** Ends this client's subscription to the other clients' invalidations (made on its first shared lookup). */
  #stopListening: (() => void) | undefined;

  constructor(options: ApiClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.transport = new Transport({
      baseUrl: options.baseUrl,
      userAgent: options.userAgent,
      headers: options.headers,
      timeout: options.timeout,
      dispatcher: options.dispatcher,
    });
    this.cache = new ResponseCache({
      maxEntries: options.cacheSize,
      clock: this.clock,
      enabled: options.enableCache ?? true,
    });
    this.sharedCache = options.sharedCache;
    this.auth = options.auth ?? anonymous;
    this.limiter = options.limiter ?? noLimit;
    this.adapter = options.adapter;
    const maxRetries = options.maxRetries ?? options.retry?.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new ValidationError(
        "maxRetries",
        `maxRetries must be a non-negative integer; got ${String(maxRetries)}.`,
      );
    }
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry, maxRetries };
    for (const hook of ["onRequest", "onResponse"] as const) {
      if (options[hook] !== undefined && typeof options[hook] !== "function") {
        throw new ValidationError(hook, `${hook} must be a function.`);
      }
    }
    if (options.logger !== undefined && typeof options.logger?.debug !== "function") {
      throw new ValidationError("logger", "logger must have a debug(message) method.");
    }
    this.onRequest = options.onRequest;
    this.onResponse = options.onResponse;
    this.logger = options.logger ?? (debugEnabled() ? stderrLogger : undefined);
  }

  /** Runs one endpoint call through the pipeline. */
  async call<T>(call: EndpointCall): Promise<T> {
    const options = call.options === undefined ? undefined : requestOptions(call.options);
    const cacheable = call.method === "GET" && call.ttl != null && this.cache.enabled;
    const epoch = this.#invalidations;
    if (cacheable) {
      const hit = this.cache.get(this.cacheKey(call));
      if (hit !== undefined) return hit as T;
      const shared = this.sharedCache && (await this.fromSharedCache(call, epoch));
      if (shared !== undefined) return shared as T;
    }
    const value = await this.#send(call, options);
    // The account may have become known during the call (lazy login), so the key is computed again.
    const account = this.auth.accountKey();
    // Only a successful, well-formed answer reaches this point (the adapter throws for anything else); a null
    // is never stored all the same, so no answer can stand in for "ask again" for a whole TTL.
    if (cacheable && value !== undefined && value !== null && this.#invalidations === epoch) {
      // A failure to store is the shared layer's to absorb.
      await this.sharedCache?.set(this.cacheKey(call), value, call.ttl as TtlName, {
        method: call.name,
        account,
        userScoped: call.userScoped ?? false,
      });
      this.cache.set(this.cacheKey(call), value, call.ttl as TtlName, {
        method: call.name,
        account,
        userScoped: call.userScoped ?? false,
      });
      // Hand back the frozen cached copy so the first caller and later hits see the same immutable object.
      return (this.cache.get(this.cacheKey(call)) ?? value) as T;
    }
    if (call.method !== "GET") {
      this.#invalidations++;
      this.cache.invalidateUserScoped(account);
      // Also announces it, so the other clients of the namespace drop their in-process copies.
      await this.sharedCache?.invalidateUserScoped(account);
    }
    return value as T;
  }

  /**
   * An answer another process cached, kept in the in-process cache too (frozen, like any local entry) for no
   * longer than it has left in the shared layer, so it never outlives the answer it copies.
   */
  private async fromSharedCache(call: EndpointCall, epoch: number): Promise<unknown> {
    const shared = this.sharedCache!;
    // Listening starts before anything shared is kept here, so no invalidation of it can go unheard.
    this.#stopListening ??= shared.listen((event) => this.#applyShared(event));
    const key = this.cacheKey(call);
    const hit = await shared.lookup(key);
    if (hit === undefined) return undefined;
    if (this.#invalidations !== epoch) return hit.value;
    const ttlMs = TTL_SECONDS[call.ttl as TtlName] * 1000;
    this.cache.setFor(key, hit.value, Math.min(ttlMs, hit.remainingMs), {
      method: call.name,
      account: this.auth.accountKey(),
      userScoped: call.userScoped ?? false,
    });
    return this.cache.get(key) ?? hit.value;
  }

  /** Applies what another client of the namespace invalidated or cleared to the in-process cache. */
  #applyShared(event: SharedCacheEvent): void {
    this.#invalidations++;
    if (event.kind === "invalidate") this.cache.invalidateUserScoped(event.account);
    else if (event.kind === "clear") this.cache.clear(event.methods);
    // Announcements made while Redis was away were lost: any account's entries about itself may be stale.
    else this.cache.invalidateUserScoped();
  }

  /**
   * The request on the wire is the normalised form of a method's arguments (validation already canonicalised
   * ids, dropped absent options, renamed parameters), so the key is built from it directly: cheaper than
   * normalising argument objects, and a wrapper and its target share one entry.
   */
  private cacheKey(call: EndpointCall): string {
    let key = `${call.name}\u0000${this.auth.accountKey()}\u0000${call.path}`;
    const query = call.query;
    if (query) {
      for (const name in query) {
        const value = query[name];
        if (value !== undefined && value !== null) key += `\u0000${name}=${String(value)}`;
      }
    }
    return key;
  }

  /** Sends with retries; never consults the cache. Validates the per-call options first. */
  send(call: EndpointCall): Promise<unknown> {
    return this.#send(call, call.options === undefined ? undefined : requestOptions(call.options));
  }

  async #send(call: EndpointCall, options: RequestOptions | undefined): Promise<unknown> {
    const callerSignal = options?.signal;
    // Every wait of this call (credential, limiter, back-off, transport) listens to a signal of its own, so a
    // signal shared by many calls carries one listener in all rather than one per call and stage.
    const link = callerSignal ? linkedSignal(callerSignal) : undefined;
    const signal = link?.signal;
    try {
      const policy =
        options?.maxRetries === undefined
          ? this.retryPolicy
          : { ...this.retryPolicy, maxRetries: options.maxRetries };
      const expect = call.expect ?? (call.method === "GET" ? "object" : "any");
      // Anonymous clients and disabled limiters skip their awaits: each costs a microtask turn per request.
      let credential =
        call.credential ?? (this.auth.hasUserAuth ? await this.auth.getCredential(signal) : null);
      let renewed = call.credential !== undefined;
      for (let attempt = 0, sent = 0; ;) {
        const release = this.limiter === noLimit ? undefined : await this.limiter.acquire(signal);
        const request: HttpRequest = {
          method: call.method,
          url: call.path,
          query: call.query ? { ...call.query } : undefined,
          form: call.form,
          headers: call.headers ? { ...call.headers } : undefined,
          timeout: options?.timeout,
          signal,
        };
        this.adapter.authorize(request, credential);
        sent++;
        try {
          // The slot is held until the body has arrived (or the attempt failed): the service may count the
          // request at any moment until then.
          const response = await this.#exchange(call, request, sent).finally(release);
          return this.adapter.interpret(response, expect);
        } catch (error) {
          if (error instanceof InvalidResponseError) error.forEndpoint(call.name);
          if (!renewed && credential && error instanceof APIError && this.adapter.isInvalidToken(error)) {
            renewed = true;
            const fresh = await this.auth.renewAfterRejection(credential, signal);
            if (fresh) {
              credential = fresh;
              continue;
            }
            throw error;
          }
          const delay = retryDelay(error, call.method, attempt, policy);
          if (delay === null) throw error;
          attempt++;
          this.logger?.debug(
            `minim retry ${call.method} ${call.name} in ${delay} ms after ${errorName(error)} (retry ${attempt} of ${policy.maxRetries})`,
          );
          await this.clock.sleep(delay, signal);
        }
      }
    } finally {
      link?.release();
    }
  }

  /** One attempt on the wire, reported to the hooks and the logger when there are any. */
  async #exchange(call: EndpointCall, request: HttpRequest, attempt: number): Promise<HttpResponse> {
    if (!this.onRequest && !this.onResponse && !this.logger) return this.transport.request(request);
    const url = redactUrl(this.transport.resolveUrl(request.url, request.query));
    const base: RequestEvent = { name: call.name, method: call.method, url, attempt };
    notify(this.onRequest, base);
    const started = performance.now();
    let response: HttpResponse;
    try {
      response = await this.transport.request(request);
    } catch (error) {
      const durationMs = performance.now() - started;
      const failure = error instanceof Error ? error : new Error(String(error));
      notify(this.onResponse, { ...base, status: undefined, headers: {}, durationMs, error: failure });
      this.logger?.debug(
        `minim ${call.method} ${url} failed after ${Math.round(durationMs)} ms: ${errorName(error)} (attempt ${attempt})`,
      );
      throw error;
    }
    const durationMs = response.durationMs ?? performance.now() - started;
    notify(this.onResponse, {
      ...base,
      status: response.status,
      headers: redactHeaders(response.headers),
      durationMs,
    });
    this.logger?.debug(
      `minim ${call.method} ${url} -> ${response.status} in ${Math.round(durationMs)} ms (attempt ${attempt})`,
    );
    return response;
  }

  /** Clears cached answers: all of them, or those of the named methods (names or method references). */
  clearCache(methods?: MethodRef | Iterable<MethodRef>): void {
    const names = methods === undefined ? undefined : methodNames(methods);
    this.#invalidations++;
    this.cache.clear(names);
    // Shared entries go too, or the next call would bring the cleared answer back; failures are absorbed there.
    void this.sharedCache?.clear(names).catch(() => undefined);
  }

  open(): void {
    this.transport.open();
  }

  async close(): Promise<void> {
    this.#stopListening?.();
    this.#stopListening = undefined;
    await this.transport.close();
  }
}

/** Calls an observer; an observer that throws must not fail or retry the request it watches. */
function notify<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return;
  try {
    hook(event);
  } catch {
    // Deliberately ignored (see above).
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
