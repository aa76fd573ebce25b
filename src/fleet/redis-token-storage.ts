/**
 * Logins kept in Redis, readable by every worker of the namespace, and the lock that lets exactly one of them
 * refresh a token while the others wait and then read the result.
 *
 * The lock is `SET key owner NX PX ttl`, renewed while its holder works and released by compare-and-delete (so a
 * holder whose lock expired can never delete its successor's). Waiters sleep until the lock's remaining time runs
 * out or its release is announced on pub/sub, whichever comes first.
 *
 * Every token is also written to the `fallback` storage (the client's own store): while Redis is unreachable
 * reads and writes use it, and so does the lock (with the SQLite store, one holder at a time per host). Reads take the newer of the two, so a token saved
 * during an outage is neither lost nor overwritten by the older one Redis still holds.
 */
import { createHash, randomUUID } from "node:crypto";
import { systemClock, type Clock } from "../core/clock.js";
import { AbortedError, ValidationError } from "../core/errors.js";
import {
  isStoredTokenNewer,
  type StoredToken,
  type TokenLockOptions,
  type TokenQuery,
  type TokenStorage,
  type TokenToSave,
} from "./contracts.js";
import { LuaScript, SharedUnavailableError, type SharedRedis } from "./redis.js";

/** Longest sleep between two looks at a held lock (its release may be announced while our subscriber was down). */
const RECHECK_MS = 1_000;
const DEFAULT_LOCK_TTL_MS = 30_000;

/**
 * Writes the row unless the stored one is newer, by the rule of {@link isStoredTokenNewer} (judged on the
 * server's clock). KEYS: row, latest index. ARGV: json, addedAt ms, expiresAt ms or ''.
 */
const SAVE = new LuaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local stored = redis.call('HMGET', KEYS[1], 'addedAt', 'expiresAt')
local storedAdded = tonumber(stored[1])
if storedAdded and storedAdded <= now + 300000 then
  local storedSecond = math.floor(storedAdded / 1000)
  local incomingSecond = math.floor(tonumber(ARGV[2]) / 1000)
  if storedSecond > incomingSecond then return 0 end
  local storedExpiry = tonumber(stored[2])
  local incomingExpiry = tonumber(ARGV[3])
  if storedSecond == incomingSecond and storedExpiry and incomingExpiry
    and math.floor(storedExpiry / 1000) > math.floor(incomingExpiry / 1000) then
    return 0
  end
end
redis.call('HSET', KEYS[1], 'json', ARGV[1], 'addedAt', ARGV[2], 'expiresAt', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], KEYS[1])
return 1
`);

/** Deletes the lock if we still own it, and announces it. KEYS: lock. ARGV: owner, channel. */
const UNLOCK = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], 'unlocked')
  return 1
end
return 0
`);

/** Extends the lock if we still own it. KEYS: lock. ARGV: owner, ttl ms. */
const RENEW = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);

/** A per-process {@link TokenStorage} in memory: the default fallback, and useful in tests. */
export class MemoryTokenStorage implements TokenStorage {
  readonly #rows = new Map<string, StoredToken>();
  readonly #locks = new LocalLocks();

  findToken(query: TokenQuery): Promise<StoredToken | undefined> {
    let best: StoredToken | undefined;
    for (const row of this.#rows.values()) {
      if (row.clientName !== query.clientName || row.authFlow !== query.authFlow) continue;
      if (row.clientId !== query.clientId) continue;
      if (query.userIdentifier !== undefined && row.userIdentifier !== query.userIdentifier) continue;
      if (best === undefined || row.addedAt.getTime() > best.addedAt.getTime()) best = row;
    }
    return Promise.resolve(best === undefined ? undefined : copy(best));
  }

  saveToken(token: TokenToSave): Promise<void> {
    const row: StoredToken = copy({ ...token, addedAt: token.addedAt ?? new Date() });
    const key = rowId(row);
    const stored = this.#rows.get(key);
    if (stored === undefined || !isStoredTokenNewer(stored, row)) this.#rows.set(key, row);
    return Promise.resolve();
  }

  withLock<T>(key: string, task: () => Promise<T>, options: TokenLockOptions = {}): Promise<T> {
    return this.#locks.run(key, task, options.signal);
  }
}

/** Options of {@link RedisTokenStorage}. */
export interface RedisTokenStorageOptions {
  /** The connection (and namespace) shared with the other workers. */
  redis: SharedRedis;
  /** Also written on every save, and used while Redis is unreachable. Default: a {@link MemoryTokenStorage}. */
  fallback?: TokenStorage | undefined;
  /** Time source of the local sleeps. Default: the system clock. */
  clock?: Clock | undefined;
  /** Whether {@link RedisTokenStorage.close} also closes the fallback (default false: the caller owns it). */
  closeFallback?: boolean | undefined;
}

/** Token storage and refresh lock on Redis. */
export class RedisTokenStorage implements TokenStorage {
  readonly #redis: SharedRedis;
  readonly #fallback: TokenStorage;
  readonly #clock: Clock;
  readonly #local = new LocalLocks();
  readonly #closeFallback: boolean;

  constructor(options: RedisTokenStorageOptions) {
    this.#redis = options.redis;
    this.#fallback = options.fallback ?? new MemoryTokenStorage();
    this.#clock = options.clock ?? systemClock;
    this.#closeFallback = options.closeFallback ?? false;
  }

  /** Closes the fallback when this storage owns it. The Redis connection belongs to whoever made it. */
  async close(): Promise<void> {
    if (this.#closeFallback) await this.#fallback.close?.();
  }

  async findToken(query: TokenQuery): Promise<StoredToken | undefined> {
    const local = await this.#fallback.findToken(query);
    let shared: StoredToken | undefined;
    try {
      shared = await this.#findShared(query);
    } catch (error) {
      if (error instanceof SharedUnavailableError) return local;
      throw error;
    }
    if (local !== undefined && (shared === undefined || isStoredTokenNewer(local, shared))) {
      // Saved here while Redis was away: the others should see it too (the script keeps a newer one).
      await this.#saveShared(local).catch(() => undefined);
      return local;
    }
    return shared;
  }

  async saveToken(token: TokenToSave): Promise<void> {
    const row: StoredToken = { ...token, addedAt: token.addedAt ?? new Date(this.#clock.now()) };
    let localError: unknown;
    try {
      await this.#fallback.saveToken(row);
    } catch (error) {
      // Redis alone keeps it then; only losing both is the caller's problem.
      localError = error ?? new Error("The local token store failed.");
    }
    try {
      await this.#saveShared(row);
    } catch (error) {
      // Kept by the fallback; the next read while Redis is up copies it over.
      if (!(error instanceof SharedUnavailableError) || localError !== undefined) throw localError ?? error;
    }
  }

  async withLock<T>(key: string, task: () => Promise<T>, options: TokenLockOptions = {}): Promise<T> {
    const ttlMs = options.ttlMs ?? DEFAULT_LOCK_TTL_MS;
    if (typeof ttlMs !== "number" || !Number.isFinite(ttlMs) || ttlMs < 10) {
      throw new ValidationError("ttlMs", "ttlMs must be a number of milliseconds of at least 10.");
    }
    // Callers in this process queue here first, so only one of them at a time talks to Redis about the lock.
    return this.#local.run(key, () => this.#withSharedLock(key, task, ttlMs, options.signal), options.signal);
  }

  async #withSharedLock<T>(
    key: string,
    task: () => Promise<T>,
    ttlMs: number,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const lock = this.#redis.key("lock", digest(key));
    const channel = this.#redis.key("lock", digest(key), "events");
    const owner = randomUUID();
    const wake: Wake = { controller: undefined, events: 0 };
    // Subscribed before the first attempt, so a release between our attempt and our sleep still wakes us.
    const unsubscribe = this.#redis.subscribe(channel, () => {
      wake.events++;
      wake.controller?.abort();
    });
    try {
      return await this.#acquireAndRun(key, lock, channel, owner, task, ttlMs, signal, wake);
    } finally {
      unsubscribe();
    }
  }

  async #acquireAndRun<T>(
    key: string,
    lock: string,
    channel: string,
    owner: string,
    task: () => Promise<T>,
    ttlMs: number,
    signal: AbortSignal | undefined,
    wake: Wake,
  ): Promise<T> {
    for (;;) {
      if (signal?.aborted) throw AbortedError.from(signal);
      let acquired: boolean;
      let remainingMs = 0;
      const seen = wake.events;
      try {
        acquired =
          (await this.#redis.run((client) => client.set(lock, owner, "PX", Math.ceil(ttlMs), "NX"))) === "OK";
        if (!acquired) remainingMs = await this.#redis.run((client) => client.pttl(lock));
      } catch (error) {
        if (!(error instanceof SharedUnavailableError)) throw error;
        // Without Redis the local store's lock is the best exclusion left: across the processes of this host
        // for the SQLite store, only within this process for the in-memory one.
        return this.#fallback.withLock(key, task, { signal, ttlMs });
      }
      if (acquired) return this.#holding(lock, channel, owner, ttlMs, task);
      // Released while we were asking: try again at once.
      if (wake.events !== seen) continue;
      await this.#waitForRelease(remainingMs, signal, wake);
    }
  }

  async #holding<T>(
    lock: string,
    channel: string,
    owner: string,
    ttlMs: number,
    task: () => Promise<T>,
  ): Promise<T> {
    const renewal = setInterval(
      () => {
        this.#redis.eval(RENEW, [lock], [owner, Math.ceil(ttlMs)]).catch(() => undefined);
      },
      Math.max(5, ttlMs / 3),
    );
    renewal.unref();
    try {
      return await task();
    } finally {
      clearInterval(renewal);
      // Lost with Redis: the lock then expires by itself.
      await this.#redis.eval(UNLOCK, [lock], [owner, channel]).catch(() => undefined);
    }
  }

  async #waitForRelease(remainingMs: number, signal: AbortSignal | undefined, wake: Wake): Promise<void> {
    const controller = new AbortController();
    wake.controller = controller;
    const onAbort = (): void => controller.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    // -2: gone already; -1: no expiry (not ours to judge): look again soon either way.
    const ms = remainingMs > 0 ? Math.min(remainingMs, RECHECK_MS) : 1;
    try {
      await this.#clock.sleep(ms, controller.signal);
    } catch {
      // Woken early by the release or by the caller's signal, which the loop checks next.
    } finally {
      wake.controller = undefined;
      signal?.removeEventListener("abort", onAbort);
    }
  }

  async #findShared(query: TokenQuery): Promise<StoredToken | undefined> {
    let row: string;
    if (query.userIdentifier !== undefined) {
      row = this.#rowKey({ ...query, userIdentifier: query.userIdentifier });
    } else {
      const latest = await this.#redis.run((client) => client.zrevrange(this.#latestKey(query), 0, 0));
      if (latest[0] === undefined) return undefined;
      row = latest[0];
    }
    const json = await this.#redis.run((client) => client.hget(row, "json"));
    return json === null ? undefined : parse(json);
  }

  async #saveShared(row: StoredToken): Promise<void> {
    await this.#redis.eval(
      SAVE,
      [this.#rowKey(row), this.#latestKey(row)],
      [serialize(row), row.addedAt.getTime(), row.expiresAt === null ? "" : row.expiresAt.getTime()],
    );
  }

  #rowKey(row: TokenQuery & { userIdentifier: string }): string {
    return this.#redis.key("tokens", "row", digest(rowId(row)));
  }

  #latestKey(query: TokenQuery): string {
    return this.#redis.key(
      "tokens",
      "latest",
      digest(JSON.stringify([query.clientName, query.authFlow, query.clientId])),
    );
  }
}

/** How a lock waiter learns of releases: the sleep to cut short, and a count of announcements. */
interface Wake {
  controller: AbortController | undefined;
  events: number;
}

/** Per-key FIFO mutexes within one process. */
class LocalLocks {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    if (signal?.aborted) throw AbortedError.from(signal);
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let unlock!: () => void;
    const mine = new Promise<void>((resolve) => (unlock = resolve));
    // Our turn comes when the previous holder finishes, whether we are still waiting or gave up.
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    try {
      await waitAbortable(previous, signal);
      return await task();
    } finally {
      unlock();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}

function waitAbortable(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return promise;
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(AbortedError.from(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function rowId(row: TokenQuery & { userIdentifier: string }): string {
  return JSON.stringify([row.clientName, row.authFlow, row.clientId, row.userIdentifier]);
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

function copy(row: StoredToken): StoredToken {
  return {
    ...row,
    scopes: [...row.scopes],
    extras: row.extras === null ? null : { ...row.extras },
    expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt.getTime()),
    addedAt: new Date(row.addedAt.getTime()),
  };
}

function serialize(row: StoredToken): string {
  return JSON.stringify({
    ...row,
    expiresAt: row.expiresAt === null ? null : row.expiresAt.getTime(),
    addedAt: row.addedAt.getTime(),
  });
}

function parse(json: string): StoredToken | undefined {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  return {
    clientName: stringOrNull(raw["clientName"]) ?? "",
    authFlow: stringOrNull(raw["authFlow"]) ?? "",
    clientId: stringOrNull(raw["clientId"]) ?? "",
    clientSecret: stringOrNull(raw["clientSecret"]),
    userIdentifier: stringOrNull(raw["userIdentifier"]) ?? "",
    redirectUri: stringOrNull(raw["redirectUri"]),
    scopes: Array.isArray(raw["scopes"])
      ? raw["scopes"].filter((s): s is string => typeof s === "string")
      : [],
    tokenType: stringOrNull(raw["tokenType"]),
    accessToken: stringOrNull(raw["accessToken"]) ?? "",
    accessTokenSecret: stringOrNull(raw["accessTokenSecret"]),
    expiresAt: typeof raw["expiresAt"] === "number" ? new Date(raw["expiresAt"]) : null,
    refreshToken: stringOrNull(raw["refreshToken"]),
    extras:
      typeof raw["extras"] === "object" && raw["extras"] !== null && !Array.isArray(raw["extras"])
        ? (raw["extras"] as Record<string, unknown>)
        : null,
    addedAt: new Date(typeof raw["addedAt"] === "number" ? raw["addedAt"] : 0),
  };
}

/** A field of a stored row that must be a string; anything else reads as absent. */
function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
