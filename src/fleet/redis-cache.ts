/**
 * The response cache shared by every process of a namespace: a second layer under each client's in-process LRU,
 * with the same keys (method, account, request) and lifetimes, holding JSON. A write by an account drops that
 * account's user-scoped entries everywhere: in Redis, and, through an announcement on the namespace's channel, in
 * every client's in-process cache.
 */
import { createHash, randomUUID } from "node:crypto";
import { TTL_SECONDS, type CacheEntryMeta, type TtlName } from "../core/cache.js";
import { ValidationError } from "../core/errors.js";
import { LuaScript, SharedBackendError, type SharedRedis } from "./redis.js";

/** A value found in the shared layer, with the time it has left there. */
export interface SharedCacheHit {
  value: unknown;
  /** Milliseconds until the shared entry expires; `Infinity` when it has no expiry. */
  remainingMs: number;
}

/**
 * What another client of the namespace announced, or a change in what can be heard: each client applies it to its
 * in-process cache.
 */
export type SharedCacheEvent =
  /** `account` wrote: its user-scoped entries are stale. */
  | { kind: "invalidate"; account: string }
  /** `clearCache()` elsewhere: every entry, or those of the named methods. */
  | { kind: "clear"; methods: readonly string[] | undefined }
  /**
   * Redis is reachable again after an outage, during which announcements were lost: user-scoped entries of any
   * account may be stale.
   */
  | { kind: "resumed" };

/** The second cache layer as the request pipeline uses it. Every method settles; none throws for an outage. */
export interface SharedCacheLayer {
  /** The stored value, or `undefined` on a miss (or when the shared store cannot be asked). */
  get(key: string): Promise<unknown>;
  /** Like {@link get}, with the time the entry has left, read atomically with it. */
  lookup(key: string): Promise<SharedCacheHit | undefined>;
  /** Stores a value for the lifetime named by `ttl`. */
  set(key: string, value: unknown, ttl: TtlName, meta: CacheEntryMeta): Promise<void>;
  /** Drops the entries about `account`'s own data (after a write by that account). */
  invalidateUserScoped(account: string): Promise<void>;
  /** Drops every entry, or those of the named methods. */
  clear(methods?: ReadonlySet<string>): Promise<void>;
  /**
   * Calls `listener` with what the other users of the layer invalidate or clear (never with this layer's own
   * announcements) until the returned function is called.
   */
  listen(listener: (event: SharedCacheEvent) => void): () => void;
}

/** Counters of a {@link RedisResponseCache}, for monitoring and benchmarks. */
export interface SharedCacheStats {
  /** Lookups answered from Redis. */
  hits: number;
  /** Lookups Redis had nothing for. */
  misses: number;
  /** Lookups or writes skipped because Redis was unreachable. */
  unavailable: number;
}

/** Options of {@link RedisResponseCache}. */
export interface RedisResponseCacheOptions {
  /** The connection (and namespace) shared with the other workers. */
  redis: SharedRedis;
  /** Keeps the services apart within a namespace, e.g. `deezer`. */
  service: string;
  /**
   * How long entries that never expire in process (`static`) are kept in Redis, in seconds (default one week),
   * so a shared server does not fill up with them.
   */
  staticTtlSeconds?: number | undefined;
}

const SET = new LuaScript(`
local ttl = tonumber(ARGV[2])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
local function index(set)
  redis.call('SADD', set, KEYS[1])
  if redis.call('PTTL', set) < ttl then redis.call('PEXPIRE', set, ttl) end
end
index(KEYS[2])
redis.call('SADD', KEYS[3], ARGV[3])
if ARGV[4] == '1' then index(KEYS[4]) end
return 1
`);

/** The entry and its remaining lifetime in ms, in one step. KEYS: entry. */
const LOOKUP = new LuaScript(`
local value = redis.call('GET', KEYS[1])
if not value then return false end
return {value, redis.call('PTTL', KEYS[1])}
`);

/**
 * Deletes the entries listed in each set named in KEYS, then the sets, and announces it (in the same step, so a
 * replay after an outage announces too). ARGV: channel, message.
 */
const DROP_INDEXED = new LuaScript(`
local dropped = 0
for _, set in ipairs(KEYS) do
  local members = redis.call('SMEMBERS', set)
  for i = 1, #members, 500 do
    dropped = dropped + redis.call('DEL', unpack(members, i, math.min(i + 499, #members)))
  end
  redis.call('DEL', set)
end
redis.call('PUBLISH', ARGV[1], ARGV[2])
return dropped
`);

/** The shared second layer of the response cache, on Redis. */
export class RedisResponseCache implements SharedCacheLayer {
  readonly stats: SharedCacheStats = { hits: 0, misses: 0, unavailable: 0 };
  readonly #redis: SharedRedis;
  readonly #service: string;
  readonly #staticTtlMs: number;
  /** Invalidations that could not reach Redis, replayed when it is back so no stale entry outlives them. */
  readonly #pendingAccounts = new Set<string>();
  #pendingClear: Set<string> | "all" | undefined;
  /** Tells this layer's announcements apart from the others' on the shared channel. */
  readonly #origin = randomUUID();
  readonly #channel: string;
  readonly #listeners = new Set<(event: SharedCacheEvent) => void>();
  #stopListening: (() => void) | undefined;
  /** Whether the subscription was confirmed once, so a miss can be cached without missing its invalidation. */
  #heard = false;

  constructor(options: RedisResponseCacheOptions) {
    this.#redis = options.redis;
    if (typeof options.service !== "string" || !/^[A-Za-z0-9._-]{1,64}$/.test(options.service)) {
      throw new ValidationError("service", "service must be 1 to 64 letters, digits or the characters . _ -");
    }
    this.#service = options.service;
    const staticSeconds = options.staticTtlSeconds ?? 604_800;
    if (typeof staticSeconds !== "number" || !Number.isFinite(staticSeconds) || staticSeconds <= 0) {
      throw new ValidationError("staticTtlSeconds", "staticTtlSeconds must be a positive number of seconds.");
    }
    this.#staticTtlMs = Math.ceil(staticSeconds * 1000);
    this.#channel = this.#redis.key("cache", this.#service, "events");
    this.#redis.onReady(() => {
      this.#emit({ kind: "resumed" });
      void this.#replay();
    });
  }

  async get(key: string): Promise<unknown> {
    return (await this.lookup(key))?.value;
  }

  async lookup(key: string): Promise<SharedCacheHit | undefined> {
    let found: unknown;
    try {
      if (!this.#heard && this.#listeners.size > 0) {
        // Before the first answer is cached, make sure its invalidation could be heard.
        await this.#redis.ready();
        await this.#redis.listening(this.#channel);
        this.#heard = true;
      }
      found = await this.#redis.eval(LOOKUP, [this.#entryKey(key)], []);
    } catch (error) {
      // Redis missing at start is the caller's to know; an outage later is a miss.
      if (error instanceof SharedBackendError) throw error;
      this.stats.unavailable++;
      return undefined;
    }
    if (!Array.isArray(found) || typeof found[0] !== "string" || typeof found[1] !== "number") {
      this.stats.misses++;
      return undefined;
    }
    // -1: stored without expiry (not by this library); anything else here is the time left.
    const remainingMs = found[1] < 0 ? Infinity : found[1];
    if (remainingMs === 0) {
      this.stats.misses++;
      return undefined;
    }
    try {
      const value: unknown = JSON.parse(found[0]);
      this.stats.hits++;
      return { value, remainingMs };
    } catch {
      // Not written by this library (or truncated): treat as absent; the fresh answer will replace it.
      this.stats.misses++;
      return undefined;
    }
  }

  listen(listener: (event: SharedCacheEvent) => void): () => void {
    this.#listeners.add(listener);
    this.#stopListening ??= this.#redis.subscribe(this.#channel, (message) => this.#receive(message));
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) {
        this.#stopListening?.();
        this.#stopListening = undefined;
        this.#heard = false;
      }
    };
  }

  #receive(message: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    if (typeof parsed !== "object" || parsed === null) return;
    const { o: origin, k: kind, a: account, m: methods } = parsed as Record<string, unknown>;
    if (origin === this.#origin) return;
    if (kind === "user" && typeof account === "string") {
      this.#emit({ kind: "invalidate", account });
    } else if (kind === "clear") {
      if (methods === null) this.#emit({ kind: "clear", methods: undefined });
      else if (Array.isArray(methods) && methods.every((name) => typeof name === "string")) {
        this.#emit({ kind: "clear", methods: methods as string[] });
      }
    }
  }

  #emit(event: SharedCacheEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // One client's failure to apply an event must not keep it from the others.
      }
    }
  }

  async set(key: string, value: unknown, ttl: TtlName, meta: CacheEntryMeta): Promise<void> {
    const seconds: number | undefined = Object.hasOwn(TTL_SECONDS, ttl) ? TTL_SECONDS[ttl] : undefined;
    if (seconds === undefined || value === undefined) return;
    const ttlMs = seconds === Infinity ? this.#staticTtlMs : seconds * 1000;
    let json: string;
    try {
      json = JSON.stringify(value);
    } catch {
      return;
    }
    const entry = this.#entryKey(key);
    try {
      await this.#redis.eval(
        SET,
        [entry, this.#methodIndex(meta.method), this.#methods(), this.#accountIndex(meta.account)],
        [json, ttlMs, meta.method, meta.userScoped ? "1" : "0"],
      );
    } catch {
      this.stats.unavailable++;
    }
  }

  async invalidateUserScoped(account: string): Promise<void> {
    try {
      await this.#redis.eval(
        DROP_INDEXED,
        [this.#accountIndex(account)],
        [this.#channel, JSON.stringify({ o: this.#origin, k: "user", a: account })],
      );
    } catch {
      this.#pendingAccounts.add(account);
    }
  }

  async clear(methods?: ReadonlySet<string>): Promise<void> {
    try {
      const names = methods ?? new Set(await this.#redis.run((client) => client.smembers(this.#methods())));
      const keys = [...names].map((name) => this.#methodIndex(name));
      if (methods === undefined) keys.push(this.#methods());
      const message = JSON.stringify({ o: this.#origin, k: "clear", m: methods ? [...methods] : null });
      await this.#redis.eval(DROP_INDEXED, keys, [this.#channel, message]);
    } catch {
      if (methods === undefined || this.#pendingClear === "all") this.#pendingClear = "all";
      else this.#pendingClear = new Set([...(this.#pendingClear ?? []), ...methods]);
    }
  }

  async #replay(): Promise<void> {
    const clear = this.#pendingClear;
    this.#pendingClear = undefined;
    if (clear !== undefined) await this.clear(clear === "all" ? undefined : clear);
    const accounts = [...this.#pendingAccounts];
    this.#pendingAccounts.clear();
    for (const account of accounts) await this.invalidateUserScoped(account);
  }

  #entryKey(key: string): string {
    return this.#redis.key("cache", this.#service, "entry", digest(key));
  }

  #methodIndex(method: string): string {
    return this.#redis.key("cache", this.#service, "method", method);
  }

  #methods(): string {
    return this.#redis.key("cache", this.#service, "methods");
  }

  #accountIndex(account: string): string {
    return this.#redis.key("cache", this.#service, "account", digest(account));
  }
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}
