import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { TokenStore } from "../../src/auth/token-store.js";
import { SlidingWindowLimiter } from "../../src/core/rate-limit.js";
import type { RateLimiter } from "../../src/fleet/contracts.js";
import { RedisResponseCache, type SharedCacheEvent } from "../../src/fleet/redis-cache.js";
import { SharedBackendError, SharedRedis, redactRedisUrl } from "../../src/fleet/redis.js";
import { SharedSlidingWindowLimiter } from "../../src/fleet/redis-limiter.js";
import { RedisTokenStorage } from "../../src/fleet/redis-token-storage.js";
import { connectShared, freePort, startRedisServer, redisServerSkip } from "../helpers/redis.js";

/** The in-process limiter in the shape the shared one falls back to, counting its use. */
function countingFallback(): RateLimiter & { used: number } {
  const inner = new SlidingWindowLimiter({ limit: 1000, windowMs: 1000 });
  const fallback = {
    used: 0,
    pending: 0,
    async acquire(signal?: AbortSignal) {
      fallback.used++;
      await inner.acquire(signal);
      return () => undefined;
    },
  };
  return fallback;
}

test("an unreachable Redis at start is a typed error naming the URL without its password", async () => {
  const port = await freePort();
  const url = `redis://worker:s3cret-pass@127.0.0.1:${port}/0`;
  const error = await SharedRedis.connect({ url, connectTimeoutMs: 1_000 }).then(
    () => assert.fail("connected to a closed port"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SharedBackendError);
  assert.equal(error.url, `redis://worker:***@127.0.0.1:${port}/0`);
  assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
  assert.doesNotMatch(error.message, /s3cret/);
  assert.doesNotMatch(String(error.stack), /s3cret/);
  assert.equal(redactRedisUrl("rediss://:pw@h:1?password=x"), "rediss://:***@h:1?password=***");
});

test(
  "Redis lost mid-run: limiter, cache and lock keep working in process, warn once, and resume when it is back",
  { skip: redisServerSkip },
  async () => {
    const server = await startRedisServer();
    const warnings: string[] = [];
    const redis = await connectShared("failure", {
      url: server.url,
      warn: (message) => warnings.push(message),
      commandTimeoutMs: 500,
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    after(() => process.off("unhandledRejection", onUnhandled));

    const fallback = countingFallback();
    const limiter = new SharedSlidingWindowLimiter({
      redis,
      name: "deezer",
      limit: 50,
      windowMs: 5_000,
      fallback,
    });
    const cache = new RedisResponseCache({ redis, service: "deezer" });
    const cacheEvents: SharedCacheEvent[] = [];
    cache.listen((event) => cacheEvents.push(event));
    const tokens = new RedisTokenStorage({ redis });
    const meta = { method: "getAlbum", account: "anonymous", userScoped: false };

    (await limiter.acquire())();
    await cache.set("a", { id: 1 }, "static", meta);
    assert.deepEqual(await cache.get("a"), { id: 1 });
    assert.equal(fallback.used, 0);

    await server.kill();
    // Calls made right after the loss settle through the fallback (none hangs, none rejects).
    const releases = await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));
    for (const release of releases) release();
    assert.equal(fallback.used, 5);
    assert.equal(await cache.get("a"), undefined, "a lookup is a miss, not an error");
    await cache.set("b", { id: 2 }, "static", meta);
    await cache.invalidateUserScoped("user:1");
    assert.equal(await tokens.withLock("refresh", () => Promise.resolve("ran")), "ran");
    await tokens.saveToken({
      clientName: "C",
      authFlow: "pkce",
      clientId: "id",
      clientSecret: null,
      userIdentifier: "u",
      redirectUri: null,
      scopes: [],
      tokenType: "Bearer",
      accessToken: "saved-during-outage",
      accessTokenSecret: null,
      expiresAt: null,
      refreshToken: null,
      extras: null,
      addedAt: new Date(5_000),
    });
    assert.equal(warnings.length, 1, "the loss is reported once");
    assert.match(warnings[0]!, /unreachable/);

    await server.restart();
    await new Promise<void>((resolve) => {
      const stop = redis.onReady(() => {
        stop();
        resolve();
      });
      if (redis.available) resolve();
    });
    // Announcements made meanwhile were lost: the clients are told, to drop their user-scoped entries once.
    assert.deepEqual(cacheEvents, [{ kind: "resumed" }]);
    const before = fallback.used;
    (await limiter.acquire())();
    assert.equal(fallback.used, before, "shared mode resumed: the limiter asks Redis again");
    await cache.set("c", { id: 3 }, "static", meta);
    assert.deepEqual(await cache.get("c"), { id: 3 });
    // The token saved during the outage is not lost: it is found, and copied to Redis for the others.
    const found = await tokens.findToken({ clientName: "C", authFlow: "pkce", clientId: "id" });
    assert.equal(found?.accessToken, "saved-during-outage");
    const other = new RedisTokenStorage({ redis });
    assert.equal(
      (await other.findToken({ clientName: "C", authFlow: "pkce", clientId: "id" }))?.accessToken,
      "saved-during-outage",
    );
    assert.match(warnings.at(-1)!, /reachable again/);
    assert.deepEqual(unhandled, []);
  },
);

test(
  "Redis down: the refresh lock falls back to the local store's, one holder at a time across its processes",
  { skip: redisServerSkip },
  async () => {
    const server = await startRedisServer();
    const dir = await mkdtemp(join(tmpdir(), "minim-lock-"));
    after(() => rm(dir, { recursive: true, force: true }));
    // Two workers on one host: each its own Redis connection and its own handle on the same SQLite file.
    const workers = await Promise.all(
      [0, 1].map(async () => {
        const local = new TokenStore({ path: join(dir, "auth.db") });
        after(() => local.close());
        const redis = await connectShared("lock-outage", { url: server.url, commandTimeoutMs: 500 });
        return new RedisTokenStorage({ redis, fallback: local });
      }),
    );
    await server.kill();

    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = workers[0]!.withLock("refresh:C:u", async () => {
      order.push("first in");
      entered();
      await held;
      order.push("first out");
    });
    await inside;
    const second = workers[1]!.withLock("refresh:C:u", () => {
      order.push("second in");
      return Promise.resolve();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(order, ["first in"], "the second worker still waits after 300 ms");
    release();
    await Promise.all([first, second]);
    assert.deepEqual(order, ["first in", "first out", "second in"]);
  },
);
