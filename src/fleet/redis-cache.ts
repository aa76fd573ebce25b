/**
 * The response cache shared by every process of a namespace: a second layer under each client's in-process LRU,
 * with the same keys (method, account, request) and lifetimes, holding JSON. A write by an account drops that
 * account's user-scoped entries everywhere.
 */
import { createHash } from "node:crypto";
import { TTL_SECONDS, type CacheEntryMeta, type TtlName } from "../core/cache.js";
import { ValidationError } from "../core/errors.js";
import { LuaScript, SharedBackendError, type SharedRedis } from "./redis.js";

/** The second cache layer as the request pipeline uses it. Every method settles; none throws for an outage. */
export interface SharedCacheLayer {
  /** The stored value, or `undefined` on a miss (or when the shared store cannot be asked). */
  get(key: string): Promise<unknown>;
  /** Stores a value for the lifetime named by `ttl`. */
  set(key: string, value: unknown, ttl: TtlName, meta: CacheEntryMeta): Promise<void>;
  /** Drops the entries about `account`'s own data (after a write by that account). */
  invalidateUserScoped(account: string): Promise<void>;
  /** Drops every entry, or those of the named methods. */
  clear(methods?: ReadonlySet<string>): Promise<void>;
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

/** Deletes the entries listed in each set named in KEYS, then the sets. */
const DROP_INDEXED = new LuaScript(`
local dropped = 0
for _, set in ipairs(KEYS) do
  local members = redis.call('SMEMBERS', set)
  for i = 1, #members, 500 do
    dropped = dropped + redis.call('DEL', unpack(members, i, math.min(i + 499, #members)))
  end
  redis.call('DEL', set)
end
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
    this.#redis.onReady(() => void this.#replay());
  }

  async get(key: string): Promise<unknown> {
    let raw: string | null;
    try {
      raw = await this.#redis.run((client) => client.get(this.#entryKey(key)));
    } catch (error) {
      // Redis missing at start is the caller's to know; an outage later is a miss.
      if (error instanceof SharedBackendError) throw error;
      this.stats.unavailable++;
      return undefined;
    }
    if (raw === null) {
      this.stats.misses++;
      return undefined;
    }
    try {
      const value: unknown = JSON.parse(raw);
      this.stats.hits++;
      return value;
    } catch {
      // Not written by this library (or truncated): treat as absent; the fresh answer will replace it.
      this.stats.misses++;
      return undefined;
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
      await this.#redis.eval(DROP_INDEXED, [this.#accountIndex(account)], []);
    } catch {
      this.#pendingAccounts.add(account);
    }
  }

  async clear(methods?: ReadonlySet<string>): Promise<void> {
    try {
      const names = methods ?? new Set(await this.#redis.run((client) => client.smembers(this.#methods())));
      const keys = [...names].map((name) => this.#methodIndex(name));
      if (methods === undefined) keys.push(this.#methods());
      if (keys.length > 0) await this.#redis.eval(DROP_INDEXED, keys, []);
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
