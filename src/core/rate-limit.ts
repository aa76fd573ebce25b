/**
 * Client-side request limiters. Callers are served strictly in arrival order, waiting costs one timer for the
 * whole queue (no polling), and a waiting caller can give up through its AbortSignal without disturbing the rest.
 */
import { systemClock } from "./clock.js";
import type { Clock } from "./clock.js";
import { AbortedError, ValidationError } from "./errors.js";

/** Admits requests at the pace a service allows. */
export interface RateLimiter {
  /**
   * Resolves when one request may be sent. Rejects with {@link AbortedError} if `signal` aborts first (or already
   * has), in which case nothing was consumed.
   */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Callers currently waiting. */
  readonly pending: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  prev: Waiter | undefined;
  next: Waiter | undefined;
}

const RESOLVED: Promise<void> = Promise.resolve();

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

  /** Consumes one unit of capacity if available at `now`. */
  protected abstract tryTake(now: number): boolean;

  /** Milliseconds from `now` until {@link tryTake} can succeed; only asked right after it failed. */
  protected abstract delayUntilAvailable(now: number): number;

  get pending(): number {
    return this.count;
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(AbortedError.from(signal));
    if (this.head === undefined && this.tryTake(this.clock.now())) return RESOLVED;
    return new Promise<void>((resolve, reject) => {
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
    while (waiter !== undefined && this.tryTake(this.clock.now())) {
      this.unlink(waiter);
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve();
      waiter = this.head;
    }
    this.arm();
  }
}

/** Options of {@link TokenBucketLimiter}. */
export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket capacity, i.e. how many requests may go out at once after a quiet period (at least 1). */
  burst: number;
  /** Time source. Default: the system clock. */
  clock?: Clock;
}

/** Allowance for floating-point drift, so a refill that lands a hair under a whole token still counts. */
const TOKEN_EPSILON = 1e-9;

/** A token bucket: starts full with `burst` tokens and refills continuously at `ratePerSecond`. */
export class TokenBucketLimiter extends QueueingLimiter {
  private readonly ratePerMs: number;
  private readonly burst: number;
  private tokens: number;
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
    this.burst = options.burst;
    this.tokens = options.burst;
    this.refilledAt = this.clock.now();
  }

  protected tryTake(now: number): boolean {
    // A clock stepping backwards refills nothing rather than draining the bucket.
    if (now > this.refilledAt) {
      this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.ratePerMs);
    }
    this.refilledAt = now;
    if (this.tokens < 1 - TOKEN_EPSILON) return false;
    this.tokens = Math.max(0, this.tokens - 1);
    return true;
  }

  protected delayUntilAvailable(): number {
    return (1 - this.tokens) / this.ratePerMs;
  }
}

/** Options of {@link SlidingWindowLimiter}. */
export interface SlidingWindowOptions {
  /** Acquisitions allowed in any window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** Time source. Default: the system clock. */
  clock?: Clock;
}

/**
 * At most `limit` acquisitions in any span of `windowMs` milliseconds: an acquisition waits until the one `limit`
 * places before it is at least `windowMs` old. This matches quotas stated as "N requests per T seconds" exactly,
 * where a token bucket would let a burst and the refill overlap.
 */
export class SlidingWindowLimiter extends QueueingLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  // Ring buffer of the latest `limit` acquisition times; once full, `next` points at the oldest.
  private readonly times: number[] = [];
  private next = 0;

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
  }

  protected tryTake(now: number): boolean {
    if (this.times.length < this.limit) {
      this.times.push(now);
      return true;
    }
    const oldest = this.times[this.next]!;
    if (now - oldest < this.windowMs) return false;
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.limit;
    return true;
  }

  protected delayUntilAvailable(now: number): number {
    const oldest = this.times[this.next] ?? now;
    return oldest + this.windowMs - now;
  }
}

/** A limiter that never waits (an already-aborted signal still rejects, as with the real limiters). */
export const noLimit: RateLimiter = Object.freeze({
  acquire(signal?: AbortSignal): Promise<void> {
    return signal?.aborted ? Promise.reject(AbortedError.from(signal)) : RESOLVED;
  },
  pending: 0,
});
