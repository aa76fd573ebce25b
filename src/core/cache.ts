/**
 * The per-client response cache: a bounded LRU map whose entries expire after one of the named TTLs. Keys are
 * built by the request pipeline (they name the account, so a switch of account never serves the previous
 * account's data); each entry also records its method and account so it can be dropped selectively. Cached values
 * are deep-frozen, so a caller mutating a result cannot corrupt what the next caller receives.
 */
import { systemClock } from "./clock.js";
import type { Clock } from "./clock.js";
import { ValidationError } from "./errors.js";

/** How long each kind of response stays fresh, in seconds. `static` data never expires. */
export const TTL_SECONDS = {
  static: Infinity,
  weekly: 604800,
  daily: 86400,
  hourly: 3600,
  popularity: 21600,
  recommendation: 43200,
  search: 600,
  user: 60,
  playback: 30,
} as const;

/** The name of a cache lifetime in {@link TTL_SECONDS}. */
export type TtlName = keyof typeof TTL_SECONDS;

/** What an entry belongs to, so it can be dropped selectively. */
export interface CacheEntryMeta {
  /** The client method that produced the entry; clearing the cache by method matches on it. */
  method: string;
  /** The account identity the entry was fetched with (empty for anonymous requests). */
  account: string;
  /** True for data about the signed-in user, dropped after a write by the same account. */
  userScoped: boolean;
}

/** Options of {@link ResponseCache}. */
export interface ResponseCacheOptions {
  /** Entries kept before the least recently used is evicted. Default 1 024. */
  maxEntries?: number;
  /** Time source for expiry. Default: the system clock. */
  clock?: Clock;
  /** Whether the cache stores anything. Default true. */
  enabled?: boolean;
}

interface Entry {
  value: unknown;
  /** Absolute time in ms; `Infinity` for static entries. */
  expiresAt: number;
  method: string;
  account: string;
  userScoped: boolean;
}

const DEFAULT_MAX_ENTRIES = 1024;

/** An in-memory TTL + LRU cache of API responses, one per client. */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly clock: Clock;
  private isEnabled: boolean;

  constructor(options: ResponseCacheOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new ValidationError(
        "maxEntries",
        `maxEntries must be a positive integer; got ${String(maxEntries)}.`,
      );
    }
    this.maxEntries = maxEntries;
    this.clock = options.clock ?? systemClock;
    this.isEnabled = options.enabled ?? true;
  }

  /** Whether the cache stores and returns entries. Turning it off also empties it. */
  get enabled(): boolean {
    return this.isEnabled;
  }

  set enabled(value: boolean) {
    this.isEnabled = value;
    if (!value) this.entries.clear();
  }

  /** Number of stored entries, including expired ones not yet looked up or evicted. */
  get size(): number {
    return this.entries.size;
  }

  /** The cached value, or `undefined` on a miss, after expiry or when disabled. A hit becomes most recent. */
  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== Infinity && entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Map keeps insertion order, so re-inserting moves the entry to the most-recent end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /**
   * Stores `value` for the lifetime named by `ttl`. The value is deep-frozen in place, so the caller should hand
   * out the same (now read-only) object. `undefined` is not stored: it could not be told apart from a miss.
   * When the cache is full, the least recently used entry is evicted.
   */
  set(key: string, value: unknown, ttl: TtlName, meta: CacheEntryMeta): void {
    if (!this.isEnabled || value === undefined) return;
    // hasOwn, so inherited names such as "toString" from untyped callers are not taken for a TTL.
    const seconds: number | undefined = Object.hasOwn(TTL_SECONDS, ttl) ? TTL_SECONDS[ttl] : undefined;
    if (seconds === undefined) {
      throw new ValidationError(
        "ttl",
        `ttl must be one of ${Object.keys(TTL_SECONDS).join(", ")}; got ${ttl}.`,
      );
    }
    this.store(key, value, seconds * 1000, meta);
  }

  /**
   * Stores `value` for `lifetimeMs` milliseconds (`Infinity`: never expires), like {@link set}: for an answer
   * that has already aged elsewhere (another process's cache), which must not live longer here than it has left.
   */
  setFor(key: string, value: unknown, lifetimeMs: number, meta: CacheEntryMeta): void {
    if (!this.isEnabled || value === undefined) return;
    if (typeof lifetimeMs !== "number" || Number.isNaN(lifetimeMs) || lifetimeMs <= 0) {
      throw new ValidationError(
        "lifetimeMs",
        `lifetimeMs must be a positive number of milliseconds; got ${String(lifetimeMs)}.`,
      );
    }
    this.store(key, value, lifetimeMs, meta);
  }

  private store(key: string, value: unknown, lifetimeMs: number, meta: CacheEntryMeta): void {
    deepFreeze(value);
    const expiresAt = lifetimeMs === Infinity ? Infinity : this.clock.now() + lifetimeMs;
    this.entries.delete(key);
    this.entries.set(key, {
      value,
      expiresAt,
      method: meta.method,
      account: meta.account,
      userScoped: meta.userScoped,
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Empties the cache, or only the entries produced by the named methods (one name or several). */
  clear(methods?: Iterable<string>): void {
    if (methods === undefined) {
      this.entries.clear();
      return;
    }
    // A lone string is itself an Iterable<string>; without this it would be split into characters.
    const names = new Set(typeof methods === "string" ? [methods] : methods);
    if (names.size === 0) return;
    // Deleting the current entry while iterating a Map is safe and does not skip others.
    for (const [key, entry] of this.entries) {
      if (names.has(entry.method)) this.entries.delete(key);
    }
  }

  /**
   * Drops the user-scoped entries of one account, e.g. after that account changed its library; without an
   * account, those of every account (when writes elsewhere may have gone unannounced).
   */
  invalidateUserScoped(account?: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.userScoped && (account === undefined || entry.account === account)) this.entries.delete(key);
    }
  }
}

/**
 * Freezes a value and everything reachable from it (object properties, array items, Map and Set contents). Maps
 * and Sets themselves stay modifiable, as freezing does not cover their entries; responses are plain JSON anyway.
 */
function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null) return;
  const stack: object[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    // Typed arrays with elements cannot be frozen (the engine throws); their bytes are left as they are.
    if (ArrayBuffer.isView(current)) continue;
    Object.freeze(current);
    if (Array.isArray(current)) {
      // Index loop: Object.keys() would allocate a string per item of the long lists responses carry.
      for (let i = 0; i < current.length; i++) pushObject(stack, current[i]);
      continue;
    }
    if (current instanceof Map) {
      for (const [k, v] of current) {
        pushObject(stack, k);
        pushObject(stack, v);
      }
    } else if (current instanceof Set) {
      for (const item of current) pushObject(stack, item);
    }
    for (const k of Object.keys(current)) pushObject(stack, (current as Record<string, unknown>)[k]);
  }
}

function pushObject(stack: object[], value: unknown): void {
  if ((typeof value === "object" && value !== null) || typeof value === "function") stack.push(value);
}
