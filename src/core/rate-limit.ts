/**
 * Client-side request limiters. Callers are served strictly in arrival order, waiting costs one timer for the
 * whole queue (no polling), and a waiting caller can give up through its AbortSignal without disturbing the rest.
 *
 * A granted slot stays taken until the caller releases it: services count requests as they arrive, which can be
 * any time between the grant and the answer, so only a limiter that knows when the answer came can bound what
 * the service sees.
 */
import { systemClock } from "./clock.js";
import type { Clock } from "./clock.js";
import { AbortedError, ValidationError } from "./errors.js";

/** Frees the slot taken by acquire(): call once the answer has fully arrived or the attempt failed. Idempotent. */
export type ReleaseSlot = () => void;

/** Admits requests at the pace a service allows. */
export interface RateLimiter {
  /**
   * Resolves with the slot's release function once one request may be sent; rejects with {@link AbortedError} if
   * `signal` aborts first (or already has), in which case nothing was consumed.
   */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot>;
  /** Callers currently waiting. */
  readonly pending: number;
}

/**
 * How long a slot may stay taken by default. A slot nobody releases (a bug in the caller) then stops blocking
 * the limiter; it is far above any answer time the clients allow (their timeout bounds each wait, 30 s by
 * default).
 */
export const DEFAULT_MAX_HOLD_MS = 60_000;

interface Waiter {
  resolve: (release: ReleaseSlot) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  prev: Waiter | undefined;
  next: Waiter | undefined;
}

const NO_OP: ReleaseSlot = () => undefined;

function positiveNumber(name: string, value: unknown, min = 0): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= min) {
    throw new ValidationError(
      name,
      `${name} must be a finite number greater than ${min}; got ${typeof value === "number" ? value : typeof value}.`,
    );
  }
  return value;
}

/**
 * The queueing shared by every limiter. Subclasses only say whether capacity is available now and, if not, how
 * long until it is.
 */
abstract class QueueingLimiter implements RateLimiter {
  protected readonly clock: Clock;
  // A doubly linked list: O(1) append, take-from-head and removal of an aborted waiter anywhere in the queue.
  private head: Waiter | undefined;
  private tail: Waiter | undefined;
  private count = 0;
  private timer: AbortController | undefined;

  protected constructor(clock: Clock | undefined) {
    this.clock = clock ?? systemClock;
  }

  /** Takes one slot if capacity is available at `now`, returning its release function. */
  protected abstract tryTake(now: number): ReleaseSlot | undefined;

  /** Milliseconds from `now` until {@link tryTake} can succeed; only asked right after it failed. */
  protected abstract delayUntilAvailable(now: number): number;

  get pending(): number {
    return this.count;
  }

  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(AbortedError.from(signal));
    if (this.head === undefined) {
      const release = this.tryTake(this.clock.now());
      if (release) return Promise.resolve(release);
    }
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: undefined,
        prev: this.tail,
        next: undefined,
      };
      if (signal) {
        waiter.onAbort = () => this.abandon(waiter);
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      if (this.tail) this.tail.next = waiter;
      else this.head = waiter;
      this.tail = waiter;
      this.count++;
      this.arm();
    });
  }

  private unlink(waiter: Waiter): void {
    if (waiter.prev) waiter.prev.next = waiter.next;
    else this.head = waiter.next;
    if (waiter.next) waiter.next.prev = waiter.prev;
    else this.tail = waiter.prev;
    waiter.prev = undefined;
    waiter.next = undefined;
    this.count--;
  }

  private abandon(waiter: Waiter): void {
    this.unlink(waiter);
    waiter.reject(AbortedError.from(waiter.signal));
    // The running timer measures capacity, not this waiter, so it stays valid for the next one unless nobody is
    // left to wake.
    if (this.head === undefined) this.disarm();
  }

  /**
   * A slot was released: capacity may be back now, or sooner than the running timer expects, so the queue is
   * looked at again.
   */
  protected released(): void {
    if (this.head === undefined) return;
    this.disarm();
    this.drain();
  }

  private disarm(): void {
    const timer = this.timer;
    this.timer = undefined;
    timer?.abort();
  }

  /** Starts the single timer for the head of the queue, unless one is already running. */
  private arm(): void {
    if (this.timer !== undefined || this.head === undefined) return;
    const timer = new AbortController();
    this.timer = timer;
    const delay = Math.max(1, Math.ceil(this.delayUntilAvailable(this.clock.now())));
    this.clock.sleep(delay, timer.signal).then(
      () => {
        if (this.timer !== timer) return;
        this.timer = undefined;
        this.drain();
      },
      () => {
        // Cancelled by disarm(): the queue emptied while the timer ran.
      },
    );
  }

  /** Admits waiters from the head for as long as capacity lasts, then re-arms for the rest. */
  private drain(): void {
    let waiter = this.head;
    while (waiter !== undefined) {
      const release = this.tryTake(this.clock.now());
      if (!release) break;
      this.unlink(waiter);
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve(release);
      waiter = this.head;
    }
    this.arm();
  }
}

interface Slot {
  readonly acquiredAt: number;
  done: boolean;
}

/**
 * The slots granted and not yet released, oldest first. A slot held longer than `maxHoldMs` is treated as
 * released at that moment, so a caller that forgets to release cannot block the limiter for good.
 */
class HeldSlots {
  private readonly slots: Slot[] = [];

  constructor(readonly maxHoldMs: number) {}

  get size(): number {
    return this.slots.length;
  }

  /** When the oldest slot runs out of hold time, or `undefined` when none is held. */
  get nextExpiry(): number | undefined {
    const oldest = this.slots[0];
    return oldest === undefined ? undefined : oldest.acquiredAt + this.maxHoldMs;
  }

  /** Takes a slot; its release function calls `onRelease` once, unless the slot expired first. */
  take(now: number, onRelease: () => void): ReleaseSlot {
    const slot: Slot = { acquiredAt: now, done: false };
    this.slots.push(slot);
    return () => {
      if (slot.done) return;
      slot.done = true;
      // Held slots are few (the limit, or the burst) and usually released oldest first.
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      onRelease();
    };
  }

  /** Ends every slot whose hold time has run out by `now`, reporting when each one ended. */
  expire(now: number, onExpired: (endedAt: number) => void): void {
    for (;;) {
      const oldest = this.slots[0];
      if (oldest === undefined || oldest.acquiredAt + this.maxHoldMs > now) return;
      this.slots.shift();
      oldest.done = true;
      onExpired(oldest.acquiredAt + this.maxHoldMs);
    }
  }
}

function maxHold(value: number | undefined): number {
  return value === undefined ? DEFAULT_MAX_HOLD_MS : positiveNumber("maxHoldMs", value);
}

/** Options of {@link TokenBucketLimiter}. */
export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket capacity, i.e. how many requests may go out at once after a quiet period (at least 1). */
  burst: number;
  /**
   * A further bound on the requests in flight (granted, not yet released). The bucket already holds one token per
   * request in flight, so this only matters below the burst. Default: no further bound.
   */
  maxInFlight?: number;
  /** How long a slot may stay unreleased before it is treated as released (default {@link DEFAULT_MAX_HOLD_MS}). */
  maxHoldMs?: number;
  /** Time source. Default: the system clock. */
  clock?: Clock;
}

/** Allowance for floating-point drift, so a refill that lands a hair under a whole token still counts. */
const TOKEN_EPSILON = 1e-9;

/**
 * A token bucket of `burst` tokens refilling at `ratePerSecond`, where a request's token starts to refill only
 * once its answer has arrived. A request reaches the service some time between its grant and its answer, so a
 * bucket refilling from the grant lets requests granted while earlier ones were still on their way arrive
 * together with them, above what the service's own bucket allows. Holding the token until the answer keeps every
 * span at the service within `burst + ratePerSecond × span` whatever the latency; with fast answers it paces as a
 * plain bucket does, and when the service slows down callers wait for answers instead of piling up requests.
 */
export class TokenBucketLimiter extends QueueingLimiter {
  private readonly ratePerMs: number;
  private readonly burst: number;
  private readonly maxInFlight: number;
  private readonly held: HeldSlots;
  /** Tokens of answered requests still refilling (the bucket holds `burst - debt - held.size`). */
  private debt = 0;
  private refilledAt: number;

  constructor(options: TokenBucketOptions) {
    super(options.clock);
    this.ratePerMs = positiveNumber("ratePerSecond", options.ratePerSecond) / 1000;
    // Below one token the bucket could never admit anyone.
    if (typeof options.burst !== "number" || !Number.isFinite(options.burst) || options.burst < 1) {
      throw new ValidationError(
        "burst",
        `burst must be a finite number of at least 1; got ${typeof options.burst === "number" ? options.burst : typeof options.burst}.`,
      );
    }
    const maxInFlight = options.maxInFlight ?? Infinity;
    if (typeof maxInFlight !== "number" || Number.isNaN(maxInFlight) || maxInFlight < 1) {
      throw new ValidationError(
        "maxInFlight",
        `maxInFlight must be at least 1; got ${typeof maxInFlight === "number" ? maxInFlight : typeof maxInFlight}.`,
      );
    }
    this.burst = options.burst;
    this.maxInFlight = maxInFlight;
    this.held = new HeldSlots(maxHold(options.maxHoldMs));
    this.refilledAt = this.clock.now();
  }

  /** Lets the answered requests' tokens refill up to `now`. */
  private refill(now: number): void {
    // A clock stepping backwards refills nothing rather than draining the bucket.
    if (now > this.refilledAt) this.debt = Math.max(0, this.debt - (now - this.refilledAt) * this.ratePerMs);
    this.refilledAt = now;
  }

  /** A request's answer came (or its hold ran out) at `at`: its token starts to refill from then. */
  private answered(at: number): void {
    this.refill(Math.max(at, this.refilledAt));
    this.debt += 1;
  }

  protected tryTake(now: number): ReleaseSlot | undefined {
    this.held.expire(now, (endedAt) => this.answered(endedAt));
    this.refill(now);
    if (this.held.size >= this.maxInFlight) return undefined;
    if (this.debt + this.held.size + 1 > this.burst + TOKEN_EPSILON) return undefined;
    return this.held.take(now, () => {
      this.answered(this.clock.now());
      this.released();
    });
  }

  protected delayUntilAvailable(now: number): number {
    // Tokens that refilling debt alone can bring back; any beyond that wait for an answer, which wakes the queue.
    const missing = this.debt + this.held.size + 1 - this.burst;
    if (this.held.size < this.maxInFlight && missing <= this.debt + TOKEN_EPSILON) {
      return Math.max(0, missing) / this.ratePerMs;
    }
    // The timer then only covers slots nobody releases.
    return Math.max(0, (this.held.nextExpiry ?? now) - now);
  }
}

/** Options of {@link SlidingWindowLimiter}. */
export interface SlidingWindowOptions {
  /** Requests allowed in any window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** How long a slot may stay unreleased before it is treated as released (default {@link DEFAULT_MAX_HOLD_MS}). */
  maxHoldMs?: number;
  /** Time source. Default: the system clock. */
  clock?: Clock;
}

/**
 * At most `limit` requests reach the service in any span of `windowMs` milliseconds, whatever the latency: a
 * request counts from its grant until `windowMs` after its release, and a grant waits until fewer than `limit`
 * count. A request arrives between its grant and its release, so every request arriving within one span still
 * counts at the span's end. With fast answers this paces `limit` requests per `windowMs` (plus the answer time);
 * it matches quotas stated as "N requests per T seconds", where a token bucket would let a burst and the refill
 * overlap.
 */
export class SlidingWindowLimiter extends QueueingLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly held: HeldSlots;
  // When each released slot stops counting, ascending; at most `limit` entries.
  private readonly ends: number[] = [];

  constructor(options: SlidingWindowOptions) {
    super(options.clock);
    const limit = options.limit;
    if (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 1) {
      throw new ValidationError(
        "limit",
        `limit must be a positive integer; got ${typeof limit === "number" ? limit : typeof limit}.`,
      );
    }
    this.limit = limit;
    this.windowMs = positiveNumber("windowMs", options.windowMs);
    this.held = new HeldSlots(maxHold(options.maxHoldMs));
  }

  protected tryTake(now: number): ReleaseSlot | undefined {
    this.held.expire(now, (endedAt) => this.countUntil(endedAt + this.windowMs));
    while (this.ends.length > 0 && this.ends[0]! <= now) this.ends.shift();
    if (this.held.size + this.ends.length >= this.limit) return undefined;
    return this.held.take(now, () => {
      this.countUntil(this.clock.now() + this.windowMs);
      this.released();
    });
  }

  protected delayUntilAvailable(now: number): number {
    // A release wakes the queue itself; the timer covers released slots leaving the window and held slots
    // running out of hold time.
    const heldEnd = this.held.nextExpiry;
    const candidates = [this.ends[0] ?? Infinity, heldEnd === undefined ? Infinity : heldEnd + this.windowMs];
    return Math.min(...candidates) - now;
  }

  private countUntil(end: number): void {
    let at = this.ends.length;
    // Releases come in time order except for expired slots, which end in the past.
    while (at > 0 && this.ends[at - 1]! > end) at--;
    this.ends.splice(at, 0, end);
  }
}

/** A limiter that never waits (an already-aborted signal still rejects, as with the real limiters). */
export const noLimit: RateLimiter = Object.freeze({
  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    return signal?.aborted ? Promise.reject(AbortedError.from(signal)) : Promise.resolve(NO_OP);
  },
  pending: 0,
});
