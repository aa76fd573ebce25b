/**
 * The per-client response cache: a bounded LRU map whose entries expire after one of the named TTLs.
 *
 * Unlike the cache this SDK replaces, the account is part of every key (a switch of account never serves the
 * previous account's data), equivalent argument spellings share one entry, and cached values are deep-frozen so
 * a caller mutating a result cannot corrupt what the next caller receives.
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
  /** The client method that produced the entry; {@link ResponseCache.clear} matches on it. */
  method: string;
  /** The account identity the entry was fetched with (empty for anonymous requests). */
  account: string;
  /** True for data about the signed-in user, dropped by {@link ResponseCache.invalidateUserScoped} after writes. */
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

/** Past this depth an argument is almost certainly circular; a key for it would never terminate. */
const MAX_KEY_DEPTH = 64;

/** Encoding of `undefined`/`null`: absent properties and trailing absent arguments are dropped. */
const ABSENT = "null";
const EMPTY_OBJECT = "{}";

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

  /**
   * Builds the key for a call of `method` with `args` on behalf of `account`.
   *
   * `args` is the call's argument list (an array) or its single argument. Equivalent spellings give one key:
   * object keys are sorted; properties that are `undefined`, `null` or an empty options object are dropped, as
   * are trailing arguments of that kind, so `f(x)` and `f(x, { limit: undefined })` share an entry; Sets are
   * sorted; Dates become their ISO string. Types stay distinct (`"1"` is not `1`); arrays keep their order.
   *
   * @throws TypeError for functions, symbols and circular structures, which cannot describe a request.
   */
  static key(method: string, args: unknown, account: string): string {
    return `${method.length}:${method}${account.length}:${account}|${encodeArguments(args)}`;
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
    deepFreeze(value);
    const expiresAt = seconds === Infinity ? Infinity : this.clock.now() + seconds * 1000;
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

  /** Drops the user-scoped entries of one account, e.g. after that account changed its library. */
  invalidateUserScoped(account: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.userScoped && entry.account === account) this.entries.delete(key);
    }
  }
}

function encodeArguments(args: unknown): string {
  if (!Array.isArray(args)) {
    const single = encode(args, 0);
    return single === ABSENT || single === EMPTY_OBJECT ? "" : single;
  }
  let out = "";
  // Length of `out` up to the last argument that is present; trailing absent ones are cut off at the end.
  let kept = 0;
  for (let i = 0; i < args.length; i++) {
    const encoded = encode(args[i], 0);
    out += i === 0 ? encoded : `,${encoded}`;
    if (encoded !== ABSENT && encoded !== EMPTY_OBJECT) kept = out.length;
  }
  return kept === out.length ? out : out.slice(0, kept);
}

/** An injective, order-normalised text form of an argument. Primitives never allocate more than their text. */
function encode(value: unknown, depth: number): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      // Unquoted, so 1 and "1" differ; String(-0) is "0", which is what the wire would carry.
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return ABSENT;
    case "bigint":
      return `${value}n`;
    case "object":
      return value === null ? ABSENT : encodeObject(value, depth + 1);
    default:
      throw new TypeError(`A ${typeof value} cannot be part of a cache key.`);
  }
}

function encodeObject(value: object, depth: number): string {
  if (depth > MAX_KEY_DEPTH) throw new TypeError("Cache key arguments are circular or nested too deeply.");
  // Options objects are by far the most common case; skip the class checks for them.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null)
    return encodeRecord(value as Record<string, unknown>, depth);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + encode(value[i], depth);
    return `${out}]`;
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? "Date(invalid)" : JSON.stringify(value.toISOString());
  }
  if (value instanceof Set) {
    const items: string[] = [];
    for (const item of value) items.push(encode(item, depth));
    return `Set[${items.sort().join(",")}]`;
  }
  if (value instanceof Map) {
    const items: string[] = [];
    for (const [k, v] of value) {
      const encoded = encode(v, depth);
      if (encoded !== ABSENT) items.push(`${encode(k, depth)}:${encoded}`);
    }
    return `Map{${items.sort().join(",")}}`;
  }
  if (ArrayBuffer.isView(value)) {
    return `Bytes(${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")})`;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return encode(toJSON.call(value), depth);
  return encodeRecord(value as Record<string, unknown>, depth);
}

/** Property names that need no escaping inside double quotes. */
const PLAIN_NAME = /^[A-Za-z0-9_$]*$/;

function encodeRecord(record: Record<string, unknown>, depth: number): string {
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = "{";
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const encoded = encode(record[k], depth);
    if (encoded === ABSENT || encoded === EMPTY_OBJECT) continue;
    if (out.length > 1) out += ",";
    out += PLAIN_NAME.test(k) ? `"${k}":${encoded}` : `${JSON.stringify(k)}:${encoded}`;
  }
  return `${out}}`;
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
