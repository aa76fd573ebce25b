import { describe, it } from "node:test";
import assert from "node:assert/strict";

import { ManualClock } from "../../src/core/clock.js";
import type { Clock } from "../../src/core/clock.js";
import { AbortedError, ValidationError } from "../../src/core/errors.js";
import { noLimit, SlidingWindowLimiter, TokenBucketLimiter } from "../../src/core/rate-limit.js";
import type { RateLimiter } from "../../src/core/rate-limit.js";

/** Starts an acquisition and records when (on the manual clock) and in which order it was granted. */
function track(
  limiter: RateLimiter,
  clock: ManualClock,
  label: string,
  log: { label: string; at: number }[],
) {
  const controller = new AbortController();
  const state = { granted: false, error: undefined as unknown };
  const promise = limiter.acquire(controller.signal).then(
    () => {
      state.granted = true;
      log.push({ label, at: clock.now() });
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
    await limiter.acquire();
    await limiter.acquire();
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
      await limiter.acquire();
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
  it("admits everyone immediately", async () => {
    for (let i = 0; i < 1000; i++) await noLimit.acquire();
    assert.equal(noLimit.pending, 0);
  });

  it("still honours an aborted signal", async () => {
    await assert.rejects(noLimit.acquire(AbortSignal.abort()), AbortedError);
  });
});
