/**
 * Rate limiters whose state lives in Redis, so every process sharing a namespace draws on one quota.
 *
 * Each decision is one atomic Lua script that reads the server's clock (so machines with skewed clocks agree).
 * Waiting is fair and quiet:
 * - inside a process, callers are served strictly in arrival order; only the first of them talks to Redis;
 * - across processes, that first caller holds a ticket in a queue in Redis, and a free slot goes to the oldest
 *   ticket, so the processes take turns instead of the fastest one winning every race;
 * - nobody polls: a waiter sleeps until the time the script computed for the next free slot, and wakes early
 *   when another process publishes that it released or took a slot. A re-check at most every second keeps its
 *   ticket alive (tickets of crashed processes expire after a few seconds).
 * While Redis is unreachable, callers go through the in-process `fallback` limiter instead, in the same order.
 */
import { randomUUID } from "node:crypto";
import { systemClock, type Clock } from "../core/clock.js";
import { AbortedError, ValidationError } from "../core/errors.js";
import type { RateLimiter, ReleaseSlot } from "./contracts.js";
import { LuaScript, SharedUnavailableError, type SharedRedis } from "./redis.js";

/**
 * How long capacity that became free is reserved for the processes that have waited longest before anyone may
 * take it: long enough for a waiting process to wake, short against the quota's window.
 */
const DEFAULT_GRACE_MS = 100;

/** How long an unreleased slot counts at most, as in the in-process limiters. */
const DEFAULT_MAX_HOLD_MS = 60_000;

/** Longest sleep between two looks at Redis while waiting; it also renews the waiter's ticket. */
const RECHECK_MS = 1_000;
/** A ticket not renewed for this long belongs to a process that died or gave up; it loses its place. */
const TICKET_TTL_MS = 5_000;

/**
 * Shared prelude: the server's time in (fractional) milliseconds, stale tickets dropped, the caller's ticket
 * queued (keeping its place) and renewed. KEYS[2] is the queue (ticket → arrival), KEYS[3] the renewals
 * (ticket → deadline); ARGV[1] the ticket.
 */
const QUEUE_PRELUDE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local stale = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for _, ticket in ipairs(stale) do
  redis.call('ZREM', KEYS[2], ticket)
end
if #stale > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now) end
redis.call('ZADD', KEYS[2], 'NX', now, ARGV[1])
redis.call('ZADD', KEYS[3], now + ${TICKET_TTL_MS}, ARGV[1])
redis.call('PEXPIRE', KEYS[2], ${TICKET_TTL_MS * 2})
redis.call('PEXPIRE', KEYS[3], ${TICKET_TTL_MS * 2})
local function dequeue()
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
  if redis.call('ZCARD', KEYS[2]) > 0 then redis.call('PUBLISH', ARGV[2], 'taken') end
end
`;

/**
 * The sliding window that holds a slot from acquisition until `windowMs` after its release. KEYS[1] holds the
 * slots (slot → the time it stops counting); a slot that stopped counting stays until it is reused, so its score
 * tells how long the capacity has been free. ARGV: ticket, channel, limit, maximum hold in ms, grace in ms.
 * A free slot goes to the oldest tickets; once it has been free for the grace period, to anyone (so a process
 * that is slow to wake cannot hold up the others). Returns {1} when the slot was taken, {0, ms} to wait that
 * long, {0, -1} to wait for an announcement.
 */
const WINDOW_ACQUIRE = new LuaScript(`${QUEUE_PRELUDE}
local live = redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
local free = tonumber(ARGV[3]) - live
if free > 0 then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local expired = oldest[2] ~= nil and tonumber(oldest[2]) <= now
  local freedFor = 0
  if expired then freedFor = now - tonumber(oldest[2]) end
  if redis.call('ZRANK', KEYS[2], ARGV[1]) < free or freedFor >= tonumber(ARGV[5]) then
    if expired then redis.call('ZPOPMIN', KEYS[1]) end
    local hold = tonumber(ARGV[4])
    redis.call('ZADD', KEYS[1], now + hold, ARGV[1])
    redis.call('PEXPIRE', KEYS[1], math.ceil(hold) + 1000)
    dequeue()
    return {1}
  end
  return {0, math.max(1, math.ceil(tonumber(ARGV[5]) - freedFor))}
end
local first = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
return {0, math.max(1, math.ceil(tonumber(first[2]) - now))}
`);

/**
 * Release: the slot now stops counting `windowMs` after this moment (never later than it already would, so a
 * repeated release changes nothing). KEYS[1] the slots; ARGV: slot, channel, windowMs.
 */
const WINDOW_RELEASE = new LuaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
if redis.call('ZADD', KEYS[1], 'XX', 'LT', 'CH', now + tonumber(ARGV[3]), ARGV[1]) > 0 then
  redis.call('PUBLISH', ARGV[2], 'released')
end
return 1
`);

/**
 * The token bucket whose tokens refill only once their request's answer arrived (see the in-process
 * `TokenBucketLimiter`): a request can reach the service any time before its answer, so its token is held until
 * then. KEYS[1] is a hash {debt, at} (tokens of answered requests still refilling), KEYS[4] the slots in flight
 * (slot → the time it stops counting). ARGV: ticket, channel, tokens per ms, burst, maximum in flight, maximum
 * hold in ms, grace in ms. Returns as {@link WINDOW_ACQUIRE} does.
 */
const BUCKET_ACQUIRE = new LuaScript(`${QUEUE_PRELUDE}
local rate = tonumber(ARGV[3])
local burst = tonumber(ARGV[4])
local hold = tonumber(ARGV[6])
local state = redis.call('HMGET', KEYS[1], 'debt', 'at')
local debt = tonumber(state[1]) or 0
local at = tonumber(state[2]) or now
if now > at then debt = math.max(0, debt - (now - at) * rate) end
-- A slot held past its maximum counts as answered now.
debt = debt + redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
redis.call('HSET', KEYS[1], 'debt', tostring(debt), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
local inFlight = redis.call('ZCARD', KEYS[4])
local free = tonumber(ARGV[5]) - inFlight
local tokens = burst - debt - inFlight
if tokens >= 1 - 1e-9 and free > 0 then
  local availableFor = (tokens - 1) / rate
  if redis.call('ZRANK', KEYS[2], ARGV[1]) < math.min(free, math.floor(tokens + 1e-9))
    or availableFor >= tonumber(ARGV[7]) then
    redis.call('ZADD', KEYS[4], now + hold, ARGV[1])
    redis.call('PEXPIRE', KEYS[4], math.ceil(hold) + 1000)
    dequeue()
    return {1}
  end
  return {0, math.max(1, math.ceil(tonumber(ARGV[7]) - availableFor))}
end
local missing = 1 - tokens
if free > 0 and missing <= debt + 1e-9 then return {0, math.max(1, math.ceil(missing / rate))} end
-- Only an answer brings a token back soon enough: its release announces it; the timer covers lost slots.
local first = redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')
return {0, math.max(1, math.ceil(tonumber(first[2]) - now))}
`);

/**
 * A bucket slot's answer arrived: it leaves the slots in flight and its token starts to refill. KEYS[1] the
 * bucket, KEYS[2] the slots in flight; ARGV: slot, channel, tokens per ms, burst.
 */
const BUCKET_RELEASE = new LuaScript(`
if redis.call('ZREM', KEYS[2], ARGV[1]) > 0 then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
  local rate = tonumber(ARGV[3])
  local state = redis.call('HMGET', KEYS[1], 'debt', 'at')
  local debt = tonumber(state[1]) or 0
  local at = tonumber(state[2]) or now
  if now > at then debt = math.max(0, debt - (now - at) * rate) end
  redis.call('HSET', KEYS[1], 'debt', tostring(debt + 1), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[4]) / rate) + 1000)
  redis.call('PUBLISH', ARGV[2], 'released')
end
return 1
`);

/** Withdraws a ticket (its waiter gave up). KEYS[2], KEYS[3] as in the prelude; ARGV[1] the ticket. */
const WITHDRAW = new LuaScript(`
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
`);

/** The keys of one quota: its state, the queue of tickets, their renewal deadlines, and any further state. */
type QuotaKeys = [string, string, string, ...string[]];

interface Waiter {
  resolve: (release: ReleaseSlot) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  settled: boolean;
  /** Set once the waiter asked Redis, so an abandoned ticket can be withdrawn. */
  ticket: string | undefined;
  /** The keys its ticket was queued under. */
  keys: QuotaKeys | undefined;
}

type Attempt = { granted: true; slot: string } | { granted: false; waitMs: number | null };

/** What the two shared limiters have in common. */
export interface SharedLimiterBaseOptions {
  /** The connection (and namespace) shared with the other workers. */
  redis: SharedRedis;
  /** Used while Redis is unreachable: the limiter this process would use on its own. */
  fallback: RateLimiter;
  /** Time source of the local sleeps. Default: the system clock. */
  clock?: Clock | undefined;
  /**
   * How long free capacity stays reserved for the processes that have waited longest before anyone may take it
   * (default 100 ms). Longer makes the order across processes stricter when a process is slow to wake; shorter
   * loses less capacity to a process that stopped waiting without withdrawing.
   */
  graceMs?: number | undefined;
}

/** The queueing, waking and fallback shared by both limiters; subclasses supply the two scripts' calls. */
abstract class SharedQueueLimiter implements RateLimiter {
  protected readonly redis: SharedRedis;
  protected readonly graceMs: number;
  readonly #fallback: RateLimiter;
  readonly #clock: Clock;
  readonly #instance = randomUUID();
  readonly #queue: Waiter[] = [];
  #sequence = 0;
  #pumping = false;
  /** Aborted to end the current sleep early (a notification, the head gave up, Redis came back). */
  #nap: AbortController | undefined;
  #subscribed = false;
  /** Announcements received so far; a change during an attempt means its answer may be stale. */
  #events = 0;

  protected constructor(options: SharedLimiterBaseOptions) {
    this.redis = options.redis;
    this.#fallback = options.fallback;
    this.#clock = options.clock ?? systemClock;
    this.graceMs = positiveNumber("graceMs", options.graceMs ?? DEFAULT_GRACE_MS);
  }

  /** The pub/sub channel on which this quota's releases and grants are announced. */
  protected abstract channel(): string;
  /** The keys [state, queue, renewals] of the quota. */
  protected abstract keys(): QuotaKeys;
  /** One attempt to take capacity for `ticket`. */
  protected abstract attempt(ticket: string, keys: QuotaKeys): Promise<Attempt>;
  /** Gives back what {@link attempt} took, when the quota holds slots. */
  protected abstract release(slot: string, keys: QuotaKeys): Promise<void>;

  get pending(): number {
    return this.#queue.length;
  }

  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(AbortedError.from(signal));
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: undefined,
        settled: false,
        ticket: undefined,
        keys: undefined,
      };
      if (signal) {
        waiter.onAbort = () => this.#abandon(waiter);
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.#queue.push(waiter);
      void this.#pump();
    });
  }

  #abandon(waiter: Waiter): void {
    if (waiter.settled) return;
    const index = this.#queue.indexOf(waiter);
    if (index >= 0) this.#queue.splice(index, 1);
    this.#settle(waiter);
    waiter.reject(AbortedError.from(waiter.signal));
    if (waiter.ticket !== undefined && waiter.keys !== undefined) this.#withdraw(waiter.ticket, waiter.keys);
    // The head may have gone: its successor should not sleep out the old head's wait.
    if (index === 0) this.#nap?.abort();
  }

  #settle(waiter: Waiter): void {
    waiter.settled = true;
    if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
  }

  #grant(waiter: Waiter, release: ReleaseSlot): void {
    if (waiter.settled) {
      // Gave up while the grant was on its way: the capacity goes back at once.
      release();
      return;
    }
    const index = this.#queue.indexOf(waiter);
    if (index >= 0) this.#queue.splice(index, 1);
    this.#settle(waiter);
    waiter.resolve(release);
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0) {
        const waiter = this.#queue[0]!;
        // Before the first connection, the attempt below connects (and reports a Redis that is not there).
        if (this.redis.started && !this.redis.available) {
          await this.#viaFallback(waiter);
          continue;
        }
        waiter.ticket ??= `${this.#instance}:${++this.#sequence}`;
        const seen = this.#events;
        let keys: QuotaKeys;
        let result: Attempt;
        try {
          keys = this.keys();
          waiter.keys = keys;
          result = await this.attempt(waiter.ticket, keys);
        } catch (error) {
          // Lost mid-way: this caller goes through the fallback rather than trying Redis again at once.
          if (error instanceof SharedUnavailableError) await this.#viaFallback(waiter);
          // A script error is a bug, not an outage: the caller learns of it rather than waiting forever.
          else if (!waiter.settled) {
            this.#queue.splice(this.#queue.indexOf(waiter), 1);
            this.#settle(waiter);
            waiter.reject(error);
          }
          continue;
        }
        if (result.granted) {
          this.#grant(waiter, this.#releaser(result.slot, keys));
          continue;
        }
        // A release or grant announced while the attempt was under way may have changed the answer already.
        if (waiter.settled || this.#events !== seen) continue;
        await this.#sleep(result.waitMs === null ? RECHECK_MS : Math.min(result.waitMs, RECHECK_MS));
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #viaFallback(waiter: Waiter): Promise<void> {
    let release: ReleaseSlot;
    try {
      release = await this.#fallback.acquire(waiter.signal);
    } catch (error) {
      if (!waiter.settled) {
        this.#queue.splice(this.#queue.indexOf(waiter), 1);
        this.#settle(waiter);
        waiter.reject(error);
      }
      return;
    }
    this.#grant(waiter, release);
  }

  #releaser(slot: string, keys: QuotaKeys): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Without Redis the slot cannot be given back; it stops counting after the maximum hold instead.
      this.release(slot, keys).catch(() => undefined);
    };
  }

  #withdraw(ticket: string, [, queue, renewals]: QuotaKeys): void {
    this.redis.eval(WITHDRAW, [queue, renewals], [ticket]).catch(() => undefined);
  }

  /** Sleeps `ms`, or less when another process announces a change or this process's head changes. */
  async #sleep(ms: number): Promise<void> {
    this.#listen();
    const nap = new AbortController();
    this.#nap = nap;
    const stopReady = this.redis.onReady(() => nap.abort());
    try {
      await this.#clock.sleep(ms, nap.signal);
    } catch {
      // Woken early: the loop looks again.
    } finally {
      stopReady();
      if (this.#nap === nap) this.#nap = undefined;
    }
  }

  /**
   * Subscribes on the first wait and stays subscribed (until the connection closes): a subscription renewed
   * per wait could miss the very release it waits for.
   */
  #listen(): void {
    if (this.#subscribed) return;
    this.#subscribed = true;
    this.redis.subscribe(this.channel(), () => {
      this.#events++;
      this.#nap?.abort();
    });
  }
}

/** Options of {@link SharedSlidingWindowLimiter}. */
export interface SharedSlidingWindowOptions extends SharedLimiterBaseOptions {
  /** The quota's name within the namespace, e.g. `deezer`. */
  name: string;
  /** Requests allowed in any window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /**
   * Milliseconds after which a slot that was never released stops counting (its process died). Default
   * 60 000; keep it above the longest attempt (the client's timeout).
   */
  maxHoldMs?: number | undefined;
}

/**
 * Deezer's quota across every process of the namespace: a request holds its slot from acquisition until
 * `windowMs` after its release, and at most `limit` slots exist at once. Every request reaches the service
 * between its acquisition and its release, so any `windowMs` span at the service sees at most `limit` of them,
 * whatever the latency.
 */
export class SharedSlidingWindowLimiter extends SharedQueueLimiter {
  readonly #name: string;
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #maxHoldMs: number;

  constructor(options: SharedSlidingWindowOptions) {
    super(options);
    this.#name = quotaName(options.name);
    this.#limit = positiveInteger("limit", options.limit);
    this.#windowMs = positiveNumber("windowMs", options.windowMs);
    this.#maxHoldMs = positiveNumber("maxHoldMs", options.maxHoldMs ?? DEFAULT_MAX_HOLD_MS);
    if (this.#maxHoldMs < this.#windowMs) {
      throw new ValidationError("maxHoldMs", "maxHoldMs must be at least windowMs.");
    }
  }

  protected channel(): string {
    return this.redis.key("limit", this.#name, "events");
  }

  protected keys(): QuotaKeys {
    return [
      this.redis.key("limit", this.#name, "slots"),
      this.redis.key("limit", this.#name, "queue"),
      this.redis.key("limit", this.#name, "renewals"),
    ];
  }

  protected async attempt(ticket: string, keys: QuotaKeys): Promise<Attempt> {
    const reply = await this.redis.eval(WINDOW_ACQUIRE, keys, [
      ticket,
      this.channel(),
      this.#limit,
      this.#maxHoldMs,
      this.graceMs,
    ]);
    return parseAttempt(reply, ticket);
  }

  protected async release(slot: string, keys: QuotaKeys): Promise<void> {
    await this.redis.eval(WINDOW_RELEASE, [keys[0]], [slot, this.channel(), this.#windowMs]);
  }
}

/** Options of {@link SharedTokenBucketLimiter}. */
export interface SharedTokenBucketOptions extends SharedLimiterBaseOptions {
  /** The quota's name within the namespace, e.g. `tidal`. */
  name: string;
  /** The bucket's owner, asked at each acquisition (TIDAL counts per account). */
  account: () => string;
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket capacity (at least 1). */
  burst: number;
  /**
   * A further bound on the requests in flight across the namespace; the bucket already holds a token per request
   * in flight, so this only matters below the burst. Default: the burst, rounded down.
   */
  maxInFlight?: number | undefined;
  /** Milliseconds after which a slot that was never released stops counting (default 60 000). */
  maxHoldMs?: number | undefined;
}

/** A token bucket per account, shared by every process of the namespace. */
export class SharedTokenBucketLimiter extends SharedQueueLimiter {
  readonly #name: string;
  readonly #account: () => string;
  readonly #ratePerMs: number;
  readonly #burst: number;
  readonly #maxInFlight: number;
  readonly #maxHoldMs: number;

  constructor(options: SharedTokenBucketOptions) {
    super(options);
    this.#name = quotaName(options.name);
    if (typeof options.account !== "function") {
      throw new ValidationError("account", "account must be a function returning the account key.");
    }
    this.#account = options.account;
    this.#ratePerMs = positiveNumber("ratePerSecond", options.ratePerSecond) / 1000;
    if (typeof options.burst !== "number" || !Number.isFinite(options.burst) || options.burst < 1) {
      throw new ValidationError("burst", "burst must be a finite number of at least 1.");
    }
    this.#burst = options.burst;
    this.#maxInFlight = positiveInteger("maxInFlight", options.maxInFlight ?? Math.floor(options.burst));
    this.#maxHoldMs = positiveNumber("maxHoldMs", options.maxHoldMs ?? DEFAULT_MAX_HOLD_MS);
  }

  protected channel(): string {
    return this.redis.key("limit", this.#name, "events");
  }

  protected keys(): QuotaKeys {
    const account = this.#account();
    return [
      this.redis.key("limit", this.#name, "bucket", account),
      this.redis.key("limit", this.#name, "queue", account),
      this.redis.key("limit", this.#name, "renewals", account),
      this.redis.key("limit", this.#name, "in-flight", account),
    ];
  }

  protected async attempt(ticket: string, keys: QuotaKeys): Promise<Attempt> {
    const reply = await this.redis.eval(BUCKET_ACQUIRE, keys, [
      ticket,
      this.channel(),
      this.#ratePerMs,
      this.#burst,
      this.#maxInFlight,
      this.#maxHoldMs,
      this.graceMs,
    ]);
    return parseAttempt(reply, ticket);
  }

  protected async release(slot: string, keys: QuotaKeys): Promise<void> {
    await this.redis.eval(
      BUCKET_RELEASE,
      [keys[0], keys[3]!],
      [slot, this.channel(), this.#ratePerMs, this.#burst],
    );
  }
}

function parseAttempt(reply: unknown, ticket: string): Attempt {
  if (!Array.isArray(reply)) throw new TypeError("Unexpected reply of the limiter script.");
  if (reply[0] === 1) return { granted: true, slot: ticket };
  const wait = Number(reply[1]);
  return { granted: false, waitMs: wait < 0 || !Number.isFinite(wait) ? null : wait };
}

function quotaName(name: unknown): string {
  if (typeof name !== "string" || !/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
    throw new ValidationError("name", "name must be 1 to 64 letters, digits or the characters . _ -");
  }
  return name;
}

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError(name, `${name} must be a positive integer.`);
  }
  return value;
}

function positiveNumber(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(name, `${name} must be a finite number greater than 0.`);
  }
  return value;
}
