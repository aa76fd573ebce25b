/**
 * The services' request quotas, counted as the services count them: at arrival, before faults or routes see the
 * request. Deezer allows 50 requests per 5 s per client address and answers the excess with HTTP 200 and error
 * code 4; TIDAL answers 429 with `Retry-After` above about four requests a second per account. Arrivals are
 * always counted; refusing them is opt-in (see {@link QuotaOptions}).
 */
import { quotaExceeded } from "./deezer/errors.js";
import type { EmulatorReply, EmulatorRequest } from "./types.js";

/** Deezer's quota: at most `limit` requests from one client address in any `windowMs`. */
export interface DeezerQuotaOptions {
  /** Requests allowed per window and address (default 50). */
  limit?: number;
  /** Window length in milliseconds (default 5000). */
  windowMs?: number;
}

/**
 * TIDAL's quota: a token bucket per account. The defaults are looser than the client's own bucket (4 a second,
 * bursts of 12), so a default client never trips them while one sending without a limiter soon does.
 */
export interface TidalQuotaOptions {
  /** Sustained requests per second and account (default 5). */
  ratePerSecond?: number;
  /** Requests an account may send at once after a quiet spell (default 20). */
  burst?: number;
}

/** Which quotas {@link startEmulator} enforces; `true` for a service means its defaults. */
export interface QuotaOptions {
  deezer?: boolean | DeezerQuotaOptions;
  tidal?: boolean | TidalQuotaOptions;
}

/** Counters of one service's quota since the start (or the last `clearRequests()`). */
export interface ServiceQuotaReport {
  /** Whether excess requests are refused (otherwise they are only counted in `overLimit`). */
  readonly enforced: boolean;
  /** Requests counted against the quota. */
  readonly arrivals: number;
  /** Requests answered with the quota error. */
  readonly refused: number;
  /** Requests beyond the quota: refused when enforced, served anyway when not. */
  readonly overLimit: number;
}

/** Deezer's counters, with the busiest window seen. */
export interface DeezerQuotaReport extends ServiceQuotaReport {
  readonly limit: number;
  readonly windowMs: number;
  /** The most requests (served or refused) that arrived from one address within one window. */
  readonly peakInWindow: number;
}

/** TIDAL's counters. */
export interface TidalQuotaReport extends ServiceQuotaReport {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** `emulator.quota`: what each service's quota saw. */
export interface QuotaReport {
  readonly deezer: DeezerQuotaReport;
  readonly tidal: TidalQuotaReport;
}

/** What the quota keeper needs from the emulated services. */
export interface QuotaHooks {
  /** Clock of the Deezer quota (default `Date.now`). */
  deezerNow?: () => number;
  /** Clock of the TIDAL quota (default `Date.now`). */
  tidalNow?: () => number;
  /** The TIDAL account a request counts against; `undefined` counts it against the client address. */
  tidalAccount?: (request: EmulatorRequest) => string | undefined;
}

export const DEEZER_QUOTA_DEFAULTS = { limit: 50, windowMs: 5000 } as const;
export const TIDAL_QUOTA_DEFAULTS = { ratePerSecond: 5, burst: 20 } as const;

/** Times in ascending order, dropped from the front as they leave the window. */
class TimeQueue {
  #times: number[] = [];
  #head = 0;

  get size(): number {
    return this.#times.length - this.#head;
  }

  push(at: number): void {
    this.#times.push(at);
  }

  /** Drops every time at or before `cutoff`. */
  dropThrough(cutoff: number): void {
    while (this.#head < this.#times.length && (this.#times[this.#head] as number) <= cutoff) this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#head = 0;
    }
  }
}

interface AddressWindow {
  /** Requests served within the window: what the quota decision counts. */
  readonly served: TimeQueue;
  /** Every request within the window, refused ones included: what the peak reports. */
  readonly all: TimeQueue;
}

interface Bucket {
  tokens: number;
  at: number;
}

interface Counters {
  arrivals: number;
  refused: number;
  overLimit: number;
}

function positive(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`Emulator quota ${name} must be a finite number > 0, got ${String(value)}.`);
  }
  return value;
}

/** Counts arrivals per service and decides which requests the quotas refuse. */
export class QuotaKeeper {
  readonly #deezer: { enforced: boolean; limit: number; windowMs: number };
  readonly #tidal: { enforced: boolean; ratePerMs: number; burst: number; ratePerSecond: number };
  readonly #hooks: QuotaHooks;
  #windows = new Map<string, AddressWindow>();
  #buckets = new Map<string, Bucket>();
  #deezerCount: Counters = { arrivals: 0, refused: 0, overLimit: 0 };
  #tidalCount: Counters = { arrivals: 0, refused: 0, overLimit: 0 };
  #peak = 0;

  constructor(options: boolean | QuotaOptions | undefined, hooks: QuotaHooks = {}) {
    const resolved: QuotaOptions =
      typeof options === "boolean" ? { deezer: options, tidal: options } : (options ?? {});
    const deezer = typeof resolved.deezer === "object" ? resolved.deezer : {};
    const tidal = typeof resolved.tidal === "object" ? resolved.tidal : {};
    const limit = deezer.limit ?? DEEZER_QUOTA_DEFAULTS.limit;
    if (!Number.isInteger(limit) || limit < 0) {
      throw new RangeError(`Emulator quota limit must be an integer ≥ 0, got ${String(limit)}.`);
    }
    this.#deezer = {
      enforced: resolved.deezer !== undefined && resolved.deezer !== false,
      limit,
      windowMs: positive("windowMs", deezer.windowMs ?? DEEZER_QUOTA_DEFAULTS.windowMs),
    };
    const ratePerSecond = positive(
      "ratePerSecond",
      tidal.ratePerSecond ?? TIDAL_QUOTA_DEFAULTS.ratePerSecond,
    );
    const burst = tidal.burst ?? TIDAL_QUOTA_DEFAULTS.burst;
    if (!Number.isFinite(burst) || burst < 1) {
      throw new RangeError(`Emulator quota burst must be a finite number ≥ 1, got ${String(burst)}.`);
    }
    this.#tidal = {
      enforced: resolved.tidal !== undefined && resolved.tidal !== false,
      ratePerSecond,
      ratePerMs: ratePerSecond / 1000,
      burst,
    };
    this.#hooks = hooks;
  }

  /**
   * Counts a request at its arrival and returns the quota's answer when it is refused (`undefined`: serve it).
   * Only the API hosts are metered: the OAuth and resource hosts are not part of either quota.
   */
  admit(request: EmulatorRequest, address: string): EmulatorReply | undefined {
    if (request.role === "deezerApi") return this.#admitDeezer(address);
    if (request.role === "tidalApi") {
      const account = this.#hooks.tidalAccount?.(request) ?? `address:${address}`;
      return this.#admitTidal(account);
    }
    return undefined;
  }

  #admitDeezer(address: string): EmulatorReply | undefined {
    const now = (this.#hooks.deezerNow ?? Date.now)();
    const quota = this.#deezer;
    let window = this.#windows.get(address);
    if (window === undefined) {
      window = { served: new TimeQueue(), all: new TimeQueue() };
      this.#windows.set(address, window);
    }
    window.served.dropThrough(now - quota.windowMs);
    window.all.dropThrough(now - quota.windowMs);
    window.all.push(now);
    this.#peak = Math.max(this.#peak, window.all.size);
    const counts = this.#deezerCount;
    counts.arrivals++;
    if (window.served.size >= quota.limit) {
      counts.overLimit++;
      if (quota.enforced) {
        // Refused requests are not counted for the decision: waiting out the window is enough to get through.
        counts.refused++;
        return quotaExceeded();
      }
    }
    window.served.push(now);
    return undefined;
  }

  #admitTidal(account: string): EmulatorReply | undefined {
    const now = (this.#hooks.tidalNow ?? Date.now)();
    const quota = this.#tidal;
    let bucket = this.#buckets.get(account);
    if (bucket === undefined) {
      bucket = { tokens: quota.burst, at: now };
      this.#buckets.set(account, bucket);
    }
    if (now > bucket.at)
      bucket.tokens = Math.min(quota.burst, bucket.tokens + (now - bucket.at) * quota.ratePerMs);
    bucket.at = now;
    const counts = this.#tidalCount;
    counts.arrivals++;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    counts.overLimit++;
    if (!quota.enforced) return undefined;
    counts.refused++;
    const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / quota.ratePerMs / 1000));
    return {
      status: 429,
      headers: { "retry-after": String(seconds) },
      json: { status: 429, subStatus: 1429, userMessage: "Too many requests, slow down" },
    };
  }

  /** A snapshot of the counters. */
  report(): QuotaReport {
    return {
      deezer: {
        enforced: this.#deezer.enforced,
        limit: this.#deezer.limit,
        windowMs: this.#deezer.windowMs,
        ...this.#deezerCount,
        peakInWindow: this.#peak,
      },
      tidal: {
        enforced: this.#tidal.enforced,
        ratePerSecond: this.#tidal.ratePerSecond,
        burst: this.#tidal.burst,
        ...this.#tidalCount,
      },
    };
  }

  /** Zeroes the counters; the windows and buckets keep running, as the services' would. */
  resetCounters(): void {
    this.#deezerCount = { arrivals: 0, refused: 0, overLimit: 0 };
    this.#tidalCount = { arrivals: 0, refused: 0, overLimit: 0 };
    this.#peak = 0;
  }
}
