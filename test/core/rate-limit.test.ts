import { describe, it } from "node:test";
import assert from "node:assert/strict";

import { ApiClient } from "../../src/core/api-client.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Clock } from "../../src/core/clock.js";
import { AbortedError, ServiceUnavailableError, ValidationError } from "../../src/core/errors.js";
import {
  DEFAULT_MAX_HOLD_MS,
  noLimit,
  SlidingWindowLimiter,
  TokenBucketLimiter,
} from "../../src/core/rate-limit.js";
import type { RateLimiter, ReleaseSlot } from "../../src/core/rate-limit.js";
import { json, startTestServer } from "../helpers/http-server.js";

/**
 * Starts an acquisition and records when (on the manual clock) and in which order it was granted. The slot is
 * released at once (an instant answer) unless `hold` is set, in which case the caller releases it.
 */
function track(
  limiter: RateLimiter,
  clock: ManualClock,
  label: string,
  log: { label: string; at: number }[],
  options: { hold?: boolean } = {},
) {
  const controller = new AbortController();
  const state = {
    granted: false,
    error: undefined as unknown,
    release: undefined as ReleaseSlot | undefined,
  };
  const promise = limiter.acquire(controller.signal).then(
    (release) => {
      state.granted = true;
      state.release = release;
      log.push({ label, at: clock.now() });
      if (!options.hold) release();
    },
    (error: unknown) => {
      state.error = error;
    },
  );
  return { controller, state, promise };
}

/** A clock whose `now()` can run ahead of the timers it hands out. */
class LaggingClock implements Clock {
  lag = 0;
  constructor(private readonly timers: ManualClock) {}
  now(): number {
    return this.timers.now() + this.lag;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.timers.sleep(ms, signal);
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe("TokenBucketLimiter", () => {
  it("admits the burst at once, then one request per 1/rate seconds", async () => {
    const clock = new ManualClock();
    const start = clock.now();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 2, burst: 3, clock });
    const log: { label: string; at: number }[] = [];
    const calls = ["a", "b", "c", "d", "e"].map((label) => track(limiter, clock, label, log));
    await settle();
    assert.deepEqual(
      log.map((e) => e.label),
      ["a", "b", "c"],
    );
    assert.equal(limiter.pending, 2);
    await clock.advance(499);
    assert.equal(calls[3]!.state.granted, false, "not a millisecond early");
    await clock.advance(1);
    assert.equal(calls[3]!.state.granted, true);
    assert.equal(calls[4]!.state.granted, false);
    await clock.advance(500);
    assert.deepEqual(
      log.map((e) => [e.label, e.at - start]),
      [
        ["a", 0],
        ["b", 0],
        ["c", 0],
        ["d", 500],
        ["e", 1000],
      ],
    );
    assert.equal(limiter.pending, 0);
    assert.equal(clock.pendingSleeps, 0, "no timer is left behind once the queue is empty");
  });

  it("refills up to the burst size only", async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 10, burst: 2, clock });
    (await limiter.acquire())();
    (await limiter.acquire())();
    await clock.advance(60_000);
    const log: { label: string; at: number }[] = [];
    const calls = ["a", "b", "c"].map((label) => track(limiter, clock, label, log));
    await settle();
    assert.equal(log.length, 2);
    assert.equal(calls[2]!.state.granted, false);
    await clock.advance(100);
    assert.equal(calls[2]!.state.granted, true);
  });

  it("uses a single timer however many callers wait", async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1, burst: 1, clock });
    const log: { label: string; at: number }[] = [];
    for (let i = 0; i < 20; i++) track(limiter, clock, String(i), log);
    await settle();
    assert.equal(limiter.pending, 19);
    assert.equal(clock.pendingSleeps, 1);
    await clock.advance(5000);
    assert.equal(log.length, 6);
    assert.equal(clock.pendingSleeps, 1);
  });

  it("validates its options", () => {
    assert.throws(() => new TokenBucketLimiter({ ratePerSecond: 0, burst: 1 }), ValidationError);
    assert.throws(() => new TokenBucketLimiter({ ratePerSecond: -1, burst: 1 }), ValidationError);
    assert.throws(() => new TokenBucketLimiter({ ratePerSecond: Number.NaN, burst: 1 }), ValidationError);
    assert.throws(() => new TokenBucketLimiter({ ratePerSecond: 1, burst: 0.5 }), /burst/);
    assert.throws(() => new TokenBucketLimiter({ ratePerSecond: 1, burst: Infinity }), ValidationError);
  });
});

describe("SlidingWindowLimiter", () => {
  it("holds the 51st request until the first leaves the 5 s window", async () => {
    const clock = new ManualClock();
    const start = clock.now();
    const limiter = new SlidingWindowLimiter({ limit: 50, windowMs: 5000, clock });
    const log: { label: string; at: number }[] = [];
    for (let i = 0; i < 50; i++) track(limiter, clock, String(i), log);
    await clock.advance(1200);
    const late = track(limiter, clock, "51st", log);
    await settle();
    assert.equal(log.length, 50);
    await clock.advance(3799);
    assert.equal(late.state.granted, false);
    await clock.advance(1);
    assert.equal(late.state.granted, true);
    assert.equal(log.at(-1)!.at - start, 5000);
  });

  it("never lets more than `limit` acquisitions into any window", async () => {
    const clock = new ManualClock();
    const limiter = new SlidingWindowLimiter({ limit: 50, windowMs: 5000, clock });
    const log: { label: string; at: number }[] = [];
    const calls: ReturnType<typeof track>[] = [];
    // Arrivals spread unevenly: bursts interleaved with pauses.
    for (let i = 0; i < 200; i++) {
      calls.push(track(limiter, clock, String(i), log));
      if (i % 37 === 0) await clock.advance(700);
    }
    await clock.advance(60_000);
    assert.equal(log.length, 200);
    assert.deepEqual(
      log.map((e) => e.label),
      calls.map((_, i) => String(i)),
      "granted in arrival order",
    );
    const times = log.map((e) => e.at);
    for (let i = 0; i + 50 < times.length; i++) {
      assert.ok(times[i + 50]! - times[i]! >= 5000, `acquisitions ${i} and ${i + 50} are within one window`);
    }
    // The limiter does not hold requests back longer than needed: the 51st goes exactly when the 1st expires.
    assert.equal(times[50]! - times[0]!, 5000);
  });

  it("validates its options", () => {
    assert.throws(() => new SlidingWindowLimiter({ limit: 0, windowMs: 1000 }), /limit/);
    assert.throws(() => new SlidingWindowLimiter({ limit: 1.5, windowMs: 1000 }), ValidationError);
    assert.throws(() => new SlidingWindowLimiter({ limit: 5, windowMs: 0 }), /windowMs/);
  });
});

describe("limiter fairness and aborts", () => {
  const kinds: [string, (clock: Clock) => RateLimiter][] = [
    ["token bucket", (clock) => new TokenBucketLimiter({ ratePerSecond: 1, burst: 1, clock })],
    ["sliding window", (clock) => new SlidingWindowLimiter({ limit: 1, windowMs: 1000, clock })],
  ];

  for (const [kind, make] of kinds) {
    it(`${kind}: a newcomer never overtakes earlier waiters`, async () => {
      const timers = new ManualClock();
      // Real timers fire late; this clock lets time pass without waking the limiter's timer yet.
      const clock = new LaggingClock(timers);
      const limiter = make(clock);
      const log: { label: string; at: number }[] = [];
      track(limiter, timers, "first", log);
      track(limiter, timers, "second", log);
      track(limiter, timers, "third", log);
      await settle();
      clock.lag = 1000;
      // Capacity for one is back, but "second" and "third" were there before "late".
      const late = track(limiter, timers, "late", log);
      await settle();
      assert.equal(late.state.granted, false);
      assert.equal(limiter.pending, 3);
      await timers.advance(5000);
      assert.deepEqual(
        log.map((e) => e.label),
        ["first", "second", "third", "late"],
      );
    });

    it(`${kind}: an aborted waiter leaves the queue and the rest keep their order`, async () => {
      const clock = new ManualClock();
      const limiter = make(clock);
      const log: { label: string; at: number }[] = [];
      track(limiter, clock, "a", log);
      const b = track(limiter, clock, "b", log);
      const c = track(limiter, clock, "c", log);
      const d = track(limiter, clock, "d", log);
      await settle();
      assert.equal(limiter.pending, 3);
      c.controller.abort();
      await c.promise;
      assert.ok(c.state.error instanceof AbortedError);
      assert.equal(limiter.pending, 2);
      b.controller.abort(new AbortedError("caller gave up"));
      await b.promise;
      assert.equal(
        (b.state.error as Error).message,
        "caller gave up",
        "the caller's own AbortedError is kept",
      );
      await clock.advance(1000);
      assert.equal(d.state.granted, true, "d moves up into the freed slot");
      assert.deepEqual(
        log.map((e) => e.label),
        ["a", "d"],
      );
      assert.equal(limiter.pending, 0);
    });

    it(`${kind}: aborting the only waiter cancels the timer`, async () => {
      const clock = new ManualClock();
      const limiter = make(clock);
      (await limiter.acquire())();
      const log: { label: string; at: number }[] = [];
      const waiter = track(limiter, clock, "w", log);
      await settle();
      assert.equal(clock.pendingSleeps, 1);
      waiter.controller.abort();
      await waiter.promise;
      assert.equal(clock.pendingSleeps, 0);
      // Capacity was not consumed by the abandoned waiter.
      await clock.advance(1000);
      const next = track(limiter, clock, "next", log);
      await settle();
      assert.equal(next.state.granted, true);
    });

    it(`${kind}: an already-aborted signal rejects at once and consumes nothing`, async () => {
      const clock = new ManualClock();
      const limiter = make(clock);
      await assert.rejects(limiter.acquire(AbortSignal.abort()), AbortedError);
      assert.equal(limiter.pending, 0);
      const log: { label: string; at: number }[] = [];
      const ok = track(limiter, clock, "ok", log);
      await settle();
      assert.equal(ok.state.granted, true);
    });
  }
});

describe("noLimit", () => {
  it("admits everyone immediately, with a release that does nothing", async () => {
    for (let i = 0; i < 1000; i++) (await noLimit.acquire())();
    const release = await noLimit.acquire();
    release();
    release();
    assert.equal(noLimit.pending, 0);
  });

  it("still honours an aborted signal", async () => {
    await assert.rejects(noLimit.acquire(AbortSignal.abort()), AbortedError);
  });
});

/** One simulated request: granted, then answered `latencyMs` later on the manual clock. */
interface Exchange {
  grantedAt: number;
  releasedAt: number;
}

/**
 * Sends `count` requests at once through `limiter`, each answered after `latency(i)` ms of manual time, and
 * returns when each was granted and answered, in grant order.
 */
async function simulate(
  limiter: RateLimiter,
  clock: ManualClock,
  count: number,
  latency: (index: number) => number,
  stepMs = 10,
): Promise<Exchange[]> {
  const exchanges: Exchange[] = [];
  let done = 0;
  for (let i = 0; i < count; i++) {
    void limiter.acquire().then(async (release) => {
      const exchange: Exchange = { grantedAt: clock.now(), releasedAt: Number.NaN };
      exchanges.push(exchange);
      await clock.sleep(latency(exchanges.length - 1));
      exchange.releasedAt = clock.now();
      release();
      done++;
    });
  }
  while (done < count) await clock.advance(stepMs);
  return exchanges;
}

/**
 * The most requests the service can see in one span of `windowMs`, taking the worst arrival moment of each
 * request: any time from its grant to its answer.
 */
function worstSpan(exchanges: readonly Exchange[], windowMs: number): number {
  let worst = 0;
  for (const first of exchanges) {
    // A span that opens at the latest moment `first` can arrive, with every other request as early as it can.
    const start = first.releasedAt;
    const inSpan = exchanges.filter((e) => e.releasedAt >= start && e.grantedAt < start + windowMs).length;
    worst = Math.max(worst, inSpan);
  }
  return worst;
}

describe("SlidingWindowLimiter: what the service sees", () => {
  it("slow first answers: no 5 s span at the service can hold more than 50 requests", async () => {
    const clock = new ManualClock();
    const limiter = new SlidingWindowLimiter({ limit: 50, windowMs: 5000, clock });
    // The first 50 answers take 150 ms (first connections), the rest 5 ms.
    const exchanges = await simulate(limiter, clock, 160, (i) => (i < 50 ? 150 : 5), 5);
    assert.equal(exchanges.length, 160);
    assert.ok(worstSpan(exchanges, 5000) <= 50, `worst span holds ${worstSpan(exchanges, 5000)} requests`);
    // The second batch waits for the first batch's answers plus the window, not for its grants.
    const second = exchanges.slice(50, 100).map((e) => e.grantedAt - exchanges[0]!.grantedAt);
    assert.ok(Math.min(...second) >= 5150, `second batch granted after ${Math.min(...second)} ms`);
    // Counting grants only (the old rule) would have let the second batch go at 5000 ms: a request of the first
    // batch arriving at 150 ms and one of the second at 5000 ms would then share a span with 98 others.
  });

  it("keeps within 15 % of the ideal pace when answers are fast", async () => {
    const clock = new ManualClock();
    const limiter = new SlidingWindowLimiter({ limit: 50, windowMs: 5000, clock });
    const exchanges = await simulate(limiter, clock, 250, () => 20, 5);
    const elapsed = exchanges.at(-1)!.grantedAt - exchanges[0]!.grantedAt;
    // 250 requests at 50 per 5 s: the 201st to 250th go in the fifth window, 20 s after the first.
    const pace = 20_000 / elapsed;
    assert.ok(pace >= 0.85 && pace <= 1, `pace ${(pace * 100).toFixed(1)} % of the ideal`);
    assert.ok(worstSpan(exchanges, 5000) <= 50);
  });

  it("counts a request in flight however long it takes", async () => {
    const clock = new ManualClock();
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 1000, clock });
    const log: { label: string; at: number }[] = [];
    const a = track(limiter, clock, "a", log, { hold: true });
    track(limiter, clock, "b", log);
    const c = track(limiter, clock, "c", log);
    await settle();
    await clock.advance(30_000);
    // b left the window after 1 s, so c went then; a, still unanswered, keeps its slot.
    assert.deepEqual(
      log.map((e) => [e.label, e.at - log[0]!.at]),
      [
        ["a", 0],
        ["b", 0],
        ["c", 1000],
      ],
    );
    // Thirty seconds on, a still holds one of the two slots: d and e go one window apart.
    const t = clock.now();
    track(limiter, clock, "d", log);
    const e = track(limiter, clock, "e", log);
    await settle();
    assert.equal(e.state.granted, false, "a's slot is still taken");
    await clock.advance(1000);
    assert.equal(e.state.granted, true);
    // Once answered, a counts for a whole window more, then both slots are free.
    a.state.release!();
    const f = track(limiter, clock, "f", log);
    const g = track(limiter, clock, "g", log);
    await clock.advance(999);
    assert.equal(f.state.granted, false, "a counts for a whole window after its answer");
    await clock.advance(1);
    assert.equal(f.state.granted && g.state.granted, true);
    assert.deepEqual(
      log.slice(3).map((entry) => [entry.label, entry.at - t]),
      [
        ["d", 0],
        ["e", 1000],
        ["f", 2000],
        ["g", 2000],
      ],
    );
    assert.equal(c.state.granted, true);
  });

  it("treats a slot never released as released after the maximum hold time", async () => {
    const clock = new ManualClock();
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000, maxHoldMs: 10_000, clock });
    const start = clock.now();
    const log: { label: string; at: number }[] = [];
    const leaked = track(limiter, clock, "leaked", log, { hold: true });
    const next = track(limiter, clock, "next", log);
    await settle();
    assert.equal(clock.pendingSleeps, 1, "one timer, for the hold time and the window after it");
    await clock.advance(10_999);
    assert.equal(next.state.granted, false);
    await clock.advance(1);
    assert.equal(next.state.granted, true);
    assert.equal(log.at(-1)!.at - start, 11_000);
    // The late release of the expired slot must not count it a second time.
    await clock.advance(500);
    leaked.state.release!();
    const last = track(limiter, clock, "last", log);
    await clock.advance(500);
    assert.equal(last.state.granted, true, "granted when next's window ends, not later");
    assert.equal(log.at(-1)!.at - start, 12_000);
  });

  it("defaults to a hold of a minute", async () => {
    const clock = new ManualClock();
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 5000, clock });
    const start = clock.now();
    const log: { label: string; at: number }[] = [];
    track(limiter, clock, "leaked", log, { hold: true });
    const next = track(limiter, clock, "next", log);
    await clock.advance(DEFAULT_MAX_HOLD_MS + 5000);
    assert.equal(next.state.granted, true);
    assert.equal(log.at(-1)!.at - start, DEFAULT_MAX_HOLD_MS + 5000);
    assert.equal(DEFAULT_MAX_HOLD_MS, 60_000);
  });

  it("validates maxHoldMs", () => {
    assert.throws(() => new SlidingWindowLimiter({ limit: 1, windowMs: 1, maxHoldMs: 0 }), /maxHoldMs/);
    assert.throws(
      () => new SlidingWindowLimiter({ limit: 1, windowMs: 1, maxHoldMs: Infinity }),
      ValidationError,
    );
  });
});

/**
 * The most requests the service can see in any span of `spanMs` beyond what a bucket of `burst` tokens refilling
 * at `ratePerSecond` allows, taking the worst arrival moment of each request (any time from grant to answer).
 */
function bucketExcess(
  exchanges: readonly Exchange[],
  spanMs: number,
  burst: number,
  ratePerSecond: number,
): number {
  return worstSpan(exchanges, spanMs) - (burst + (ratePerSecond * spanMs) / 1000);
}

describe("TokenBucketLimiter: what the service sees", () => {
  it("slow first answers: no span at the service holds more than the burst plus the refill", async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 4, burst: 12, clock });
    // The first 12 answers take 3 s (a stalled service), the rest 5 ms.
    const exchanges = await simulate(limiter, clock, 60, (i) => (i < 12 ? 3000 : 5), 5);
    assert.equal(exchanges.length, 60);
    for (const spanMs of [250, 1000, 2000, 5000]) {
      const excess = bucketExcess(exchanges, spanMs, 12, 4);
      assert.ok(excess <= 0, `a ${spanMs} ms span holds ${excess} requests more than the bucket allows`);
    }
    // Refilling from the grant would have let 12 more go during the stall, to arrive with the first 12.
    const thirteenth = exchanges[12]!.grantedAt - exchanges[0]!.grantedAt;
    assert.ok(thirteenth >= 3000, `the 13th request was granted after ${thirteenth} ms`);
  });

  it("keeps within 15 % of the ideal pace when answers are fast", async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 4, burst: 12, clock });
    const exchanges = await simulate(limiter, clock, 100, () => 20, 5);
    const elapsed = exchanges.at(-1)!.grantedAt - exchanges[0]!.grantedAt;
    // After the burst of 12, the other 88 go at 4 per second: 22 s.
    const pace = 22_000 / elapsed;
    assert.ok(pace >= 0.85 && pace <= 1, `pace ${(pace * 100).toFixed(1)} % of the ideal`);
    assert.ok(bucketExcess(exchanges, 1000, 12, 4) <= 0);
  });

  it("starts refilling a request's token when its answer arrives", async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 100, burst: 3, clock });
    const log: { label: string; at: number }[] = [];
    const held = ["a", "b", "c"].map((label) => track(limiter, clock, label, log, { hold: true }));
    const d = track(limiter, clock, "d", log);
    await clock.advance(5000);
    assert.equal(d.state.granted, false, "five seconds on, three requests are still unanswered");
    const answeredAt = clock.now();
    held[1]!.state.release!();
    await clock.advance(9);
    assert.equal(d.state.granted, false, "the answered request's token refills over 10 ms");
    await clock.advance(1);
    assert.equal(d.state.granted, true);
    assert.equal(log.at(-1)!.at - answeredAt, 10);
  });

  it("releasing twice gives back one token", async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1000, burst: 2, clock });
    const log: { label: string; at: number }[] = [];
    const a = track(limiter, clock, "a", log, { hold: true });
    track(limiter, clock, "b", log, { hold: true });
    const c = track(limiter, clock, "c", log, { hold: true });
    const d = track(limiter, clock, "d", log, { hold: true });
    await clock.advance(100);
    assert.equal(c.state.granted, false);
    a.state.release!();
    a.state.release!();
    await clock.advance(100);
    assert.equal(c.state.granted, true);
    assert.equal(d.state.granted, false);
  });

  it("lets an unreleased slot go after the maximum hold time", async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 10, burst: 1, maxHoldMs: 30_000, clock });
    const log: { label: string; at: number }[] = [];
    track(limiter, clock, "leaked", log, { hold: true });
    const next = track(limiter, clock, "next", log);
    await clock.advance(30_000);
    assert.equal(next.state.granted, false, "the expired slot's token refills from its expiry");
    await clock.advance(100);
    assert.equal(next.state.granted, true);
  });

  it("maxInFlight bounds the requests in flight below the burst", async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 100, burst: 5, maxInFlight: 2, clock });
    const log: { label: string; at: number }[] = [];
    const [a] = ["a", "b"].map((label) => track(limiter, clock, label, log, { hold: true }));
    const c = track(limiter, clock, "c", log);
    await clock.advance(1000);
    assert.equal(c.state.granted, false, "tokens are left, but two requests are in flight");
    a!.state.release!();
    await settle();
    assert.equal(c.state.granted, true);
    assert.throws(
      () => new TokenBucketLimiter({ ratePerSecond: 1, burst: 2, maxInFlight: 0 }),
      /maxInFlight/,
    );
  });
});

describe("ApiClient and the limiter", () => {
  /** Counts grants and releases of a real limiter. */
  class Recording implements RateLimiter {
    held = 0;
    granted = 0;
    constructor(private readonly inner: RateLimiter) {}
    get pending(): number {
      return this.inner.pending;
    }
    async acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
      const release = await this.inner.acquire(signal);
      this.held++;
      this.granted++;
      let done = false;
      return () => {
        if (!done) this.held--;
        done = true;
        release();
      };
    }
  }

  it("holds a slot until the answer's body has arrived, and releases it for every attempt", async () => {
    let answer: (() => void) | undefined;
    let calls = 0;
    const server = await startTestServer((req, res) => {
      calls++;
      if (req.url?.startsWith("/slow")) {
        answer = () => json(res, 200, { ok: true });
        return;
      }
      if (req.url?.startsWith("/flaky") && calls % 2 === 1) return json(res, 503, {});
      if (req.url?.startsWith("/reset")) {
        res.socket?.destroy();
        return;
      }
      json(res, 200, { ok: true });
    });
    const clock = new ManualClock();
    const limiter = new Recording(new SlidingWindowLimiter({ limit: 50, windowMs: 5000, clock }));
    const client = new ApiClient({
      baseUrl: server.url,
      adapter: {
        authorize: () => undefined,
        interpret: (response) => {
          if (response.status >= 500) {
            throw new ServiceUnavailableError({
              service: "deezer",
              status: response.status,
              method: response.method,
              url: response.url,
              message: "busy",
            });
          }
          return JSON.parse(response.text) as unknown;
        },
        isInvalidToken: () => false,
      },
      limiter,
      clock,
      maxRetries: 1,
      retry: { random: () => 0 },
    });
    try {
      const slow = client.send({ name: "slow", method: "GET", path: "/slow" });
      while (answer === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(limiter.held, 1, "the request is at the server: its slot is taken");
      answer();
      assert.deepEqual(await slow, { ok: true });
      assert.equal(limiter.held, 0);

      calls = 0;
      const flaky = client.send({ name: "flaky", method: "GET", path: "/flaky" });
      while (calls < 1 || clock.pendingSleeps === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(limiter.held, 0, "the failed attempt released its slot before the retry wait");
      await clock.advance(500);
      assert.deepEqual(await flaky, { ok: true });
      assert.equal(limiter.held, 0);

      await assert.rejects(client.send({ name: "reset", method: "POST", path: "/reset" }));
      assert.equal(limiter.held, 0, "a network failure releases the slot");
      assert.equal(limiter.granted, 4);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
