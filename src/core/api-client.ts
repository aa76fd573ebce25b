import type { Dispatcher } from "undici";
import { ResponseCache, type TtlName } from "./cache.js";
import { systemClock, type Clock } from "./clock.js";
import { anonymous, type Authenticator, type Credential } from "./credentials.js";
import { APIError, ValidationError } from "./errors.js";
import { noLimit, type RateLimiter } from "./rate-limit.js";
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from "./retry.js";
import type { SharedCacheLayer } from "../shared/redis-cache.js";
import {
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
  /** Milliseconds before one HTTP attempt is abandoned. */
  timeout?: number | undefined;
  /** Resends allowed after the first attempt (overrides the client's setting). */
  maxRetries?: number | undefined;
}

/** Knowledge of one service's wire format, applied at the edge of the pipeline. */
export interface ServiceAdapter {
  /** Adds the credential (and any service headers) to an outgoing request. */
  authorize(request: HttpRequest, credential: Credential | null): void;
  /** Returns the parsed body of a successful answer or throws the typed error it represents. */
  interpret(response: HttpResponse): unknown;
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
  options?: RequestOptions | undefined;
}

export interface ApiClientOptions {
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
  }

  /** Runs one endpoint call through the pipeline. */
  async call<T>(call: EndpointCall): Promise<T> {
    const cacheable = call.method === "GET" && call.ttl != null && this.cache.enabled;
    if (cacheable) {
      const hit = this.cache.get(this.cacheKey(call));
      if (hit !== undefined) return hit as T;
      const shared = this.sharedCache && (await this.fromSharedCache(call));
      if (shared !== undefined) return shared as T;
    }
    const value = await this.send(call);
    // The account may have become known during the call (lazy login), so the key is computed again.
    const account = this.auth.accountKey();
    if (cacheable && value !== undefined) {
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
      this.cache.invalidateUserScoped(account);
      await this.sharedCache?.invalidateUserScoped(account);
    }
    return value as T;
  }

  /** An answer another process cached, kept in the in-process cache too (frozen, like any local entry). */
  private async fromSharedCache(call: EndpointCall): Promise<unknown> {
    const key = this.cacheKey(call);
    const value = await this.sharedCache!.get(key);
    if (value === undefined) return undefined;
    this.cache.set(key, value, call.ttl as TtlName, {
      method: call.name,
      account: this.auth.accountKey(),
      userScoped: call.userScoped ?? false,
    });
    return this.cache.get(key) ?? value;
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

  /** Sends with retries; never consults the cache. */
  async send(call: EndpointCall): Promise<unknown> {
    const options = call.options;
    const signal = options?.signal;
    const policy =
      options?.maxRetries === undefined
        ? this.retryPolicy
        : { ...this.retryPolicy, maxRetries: options.maxRetries };
    // Anonymous clients and disabled limiters skip their awaits: each costs a microtask turn per request.
    let credential = this.auth.hasUserAuth ? await this.auth.getCredential(signal) : null;
    let renewed = false;
    for (let attempt = 0; ;) {
      if (this.limiter !== noLimit) await this.limiter.acquire(signal);
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
      try {
        const response = await this.transport.request(request);
        return this.adapter.interpret(response);
      } catch (error) {
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
        await this.clock.sleep(delay, signal);
      }
    }
  }

  /** Clears cached answers: all of them, or those of the named methods (names or method references). */
  clearCache(methods?: MethodRef | Iterable<MethodRef>): void {
    const names = methods === undefined ? undefined : methodNames(methods);
    this.cache.clear(names);
    // Shared entries go too, or the next call would bring the cleared answer back; failures are absorbed there.
    void this.sharedCache?.clear(names).catch(() => undefined);
  }

  open(): void {
    this.transport.open();
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
