import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AbortedError } from "../../src/core/errors.js";
import type { RateLimiter, ReleaseSlot } from "../../src/fleet/contracts.js";
import { SharedSlidingWindowLimiter, SharedTokenBucketLimiter } from "../../src/fleet/redis-limiter.js";
import { connectShared as connect, redisSkip, testRedisUrl, uniqueNamespace } from "../helpers/redis.js";
import { startWorker } from "./workers/fleet-harness.js";

/** A fallback that must not be used while Redis is up. */
const unusedFallback: RateLimiter = {
  acquire: () => Promise.reject(new Error("the fallback was used while Redis was up")),
  pending: 0,
};

/** The largest number of arrivals inside any half-open span of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("SharedSlidingWindowLimiter", { skip: redisSkip }, () => {
  test("two processes together never let more than the limit arrive in one window, even with slow answers", async () => {
    const namespace = uniqueNamespace("window");
    const limit = 5;
    const windowMs = 400;
    const limiters = await Promise.all(
      [0, 1].map(
        async () =>
          new SharedSlidingWindowLimiter({
            redis: await connect(namespace),
            name: "deezer",
            limit,
            windowMs,
            fallback: unusedFallback,
          }),
      ),
    );
    const arrivals: number[] = [];
    const calls: Promise<void>[] = [];
    for (let i = 0; i < 24; i++) {
      const limiter = limiters[i % 2]!;
      calls.push(
        (async () => {
          const release = await limiter.acquire();
          // The request reaches the service somewhere between acquisition and release; the worst case for
          // the service is the latest moment, after a slow first answer.
          await delay(i < limit ? 150 : 5);
          arrivals.push(Date.now());
          release();
        })(),
      );
    }
    await Promise.all(calls);
    assert.equal(arrivals.length, 24);
    assert.ok(maxInWindow(arrivals, windowMs) <= limit, `at most ${limit} arrivals in any ${windowMs} ms`);
  });

  test("serves a process's callers in order and an aborted waiter leaves the queue without a slot", async () => {
    const redis = await connect(uniqueNamespace("order"));
    const limiter = new SharedSlidingWindowLimiter({
      redis,
      name: "deezer",
      limit: 1,
      windowMs: 200,
      fallback: unusedFallback,
    });
    const first = await limiter.acquire();
    const order: number[] = [];
    const controller = new AbortController();
    const second = limiter.acquire(controller.signal);
    const rest = [3, 4, 5].map((n) =>
      limiter.acquire().then((release) => {
        order.push(n);
        release();
      }),
    );
    assert.equal(limiter.pending, 4);
    controller.abort();
    await assert.rejects(second, AbortedError);
    assert.equal(limiter.pending, 3);
    first();
    await Promise.all(rest);
    assert.deepEqual(order, [3, 4, 5]);
  });

  test("an already aborted signal rejects at once and consumes nothing", async () => {
    const redis = await connect(uniqueNamespace("aborted"));
    const limiter = new SharedSlidingWindowLimiter({
      redis,
      name: "deezer",
      limit: 1,
      windowMs: 60_000,
      fallback: unusedFallback,
    });
    await assert.rejects(limiter.acquire(AbortSignal.abort()), AbortedError);
    const release: ReleaseSlot = await limiter.acquire();
    release();
    release();
  });

  test("a slot is held until its release: an unreleased request blocks the next one", async () => {
    const namespace = uniqueNamespace("hold");
    const make = async (): Promise<SharedSlidingWindowLimiter> =>
      new SharedSlidingWindowLimiter({
        redis: await connect(namespace),
        name: "deezer",
        limit: 1,
        windowMs: 50,
        fallback: unusedFallback,
      });
    const [a, b] = [await make(), await make()];
    const release = await a.acquire();
    let admitted = false;
    const next = b.acquire().then((r) => {
      admitted = true;
      return r;
    });
    // Far longer than the window: only the release can free the slot.
    await delay(300);
    assert.equal(admitted, false);
    release();
    (await next)();
    assert.equal(admitted, true);
  });
});

describe("SharedTokenBucketLimiter", { skip: redisSkip }, () => {
  test("the bucket of one account is shared; another account has its own", async () => {
    const namespace = uniqueNamespace("bucket");
    let account = "user:1";
    const make = async (): Promise<SharedTokenBucketLimiter> =>
      new SharedTokenBucketLimiter({
        redis: await connect(namespace),
        name: "tidal",
        account: () => account,
        ratePerSecond: 0.001,
        burst: 2,
        fallback: unusedFallback,
      });
    const [a, b] = [await make(), await make()];
    await a.acquire();
    await b.acquire();
    const controller = new AbortController();
    const third = a.acquire(controller.signal);
    await delay(100);
    assert.equal(a.pending, 1, "the third request of user 1 waits: two processes spent the burst");
    controller.abort();
    await assert.rejects(third, AbortedError);
    account = "user:2";
    await b.acquire();
  });

  for (const { title, options, why } of [
    {
      title: "a request's token refills only once its answer has arrived, whichever process waits",
      // A token every 50 ms: far sooner than the wait below, had it refilled from the grant.
      options: { ratePerSecond: 20, burst: 1 },
      why: "the only token belongs to a request still in flight",
    },
    {
      title: "requests in flight are bounded across processes until their answers arrive",
      options: { ratePerSecond: 1000, burst: 10, maxInFlight: 1 },
      why: "the bucket has tokens, but one request is still in flight",
    },
  ]) {
    test(title, async () => {
      const namespace = uniqueNamespace("held");
      const make = async (): Promise<SharedTokenBucketLimiter> =>
        new SharedTokenBucketLimiter({
          redis: await connect(namespace),
          name: "tidal",
          account: () => "user:1",
          fallback: unusedFallback,
          ...options,
        });
      const [a, b] = [await make(), await make()];
      const release = await a.acquire();
      let admitted = false;
      const next = b.acquire().then((r) => {
        admitted = true;
        return r;
      });
      await delay(300);
      assert.equal(admitted, false, why);
      release();
      (await next)();
      assert.equal(admitted, true);
    });
  }
});

describe("SharedSlidingWindowLimiter across processes", { skip: redisSkip }, () => {
  test("waiters in different processes are granted the slot in the order their tickets were queued", async (t) => {
    const namespace = uniqueNamespace("process-order");
    const url = await testRedisUrl();
    const observer = await connect(namespace);
    const queue = observer.key("limit", "deezer", "queue");
    const queued = (): Promise<number> => observer.run((client) => client.zcard(queue));
    const args = JSON.stringify({ redis: url, namespace, limit: 1, windowMs: 200 });
    const path = new URL("./workers/limiter-worker.ts", import.meta.url).pathname;
    const [a, b, c] = [startWorker(args, path), startWorker(args, path), startWorker(args, path)];
    try {
      await Promise.all([a, b, c].map((worker) => worker.next("ready")));
      const grants: string[] = [];
      for (const worker of [a, b, c]) {
        worker.child.on("message", (message: { type: string; label?: string }) => {
          if (message.type === "granted") grants.push(message.label!);
        });
      }
      a.child.send({ type: "acquire", label: "a1", hold: true });
      await a.next("granted");
      // Each ticket is in Redis before the next process asks, so the queue's order is known: b, c, then a again
      // (a process's first waiter holds its ticket; one per process keeps every waiter in the Redis queue).
      const order = [
        { worker: b, label: "b1" },
        { worker: c, label: "c1" },
        { worker: a, label: "a2" },
      ];
      for (const [index, { worker, label }] of order.entries()) {
        worker.child.send({ type: "acquire", label });
        while (!t.signal.aborted && (await queued()) < index + 1) await delay(5);
      }
      await delay(300);
      assert.deepEqual(grants, ["a1"], "nobody is granted while the only slot is held");
      a.child.send({ type: "release", label: "a1" });
      await Promise.all(order.map(({ worker }) => worker.next("granted")));
      assert.deepEqual(grants, ["a1", "b1", "c1", "a2"]);
      assert.equal(await queued(), 0, "every ticket left the queue with its grant");
    } finally {
      await Promise.all([a, b, c].map((worker) => worker.stop()));
    }
  });
});
