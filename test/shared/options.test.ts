import assert from "node:assert/strict";
import { test } from "node:test";
import { ValidationError } from "../../src/core/errors.js";
import { sharedParts } from "../../src/fleet/options.js";
import { MemoryTokenStorage } from "../../src/fleet/redis-token-storage.js";
import { SharedBackendError, SharedRedis } from "../../src/fleet/redis.js";
import { connectShared, freePort, uniqueNamespace, redisSkip } from "../helpers/redis.js";

test("bad shared options are ValidationErrors, before anything connects", () => {
  const bad: unknown[] = [
    "redis://127.0.0.1:6379",
    { redis: 6379 },
    { redis: "http://127.0.0.1:6379" },
    { redis: "redis://127.0.0.1:6379", namespace: "has space" },
    { redis: "redis://127.0.0.1:6379", namespace: "{tag}" },
    { redis: "redis://127.0.0.1:6379", cache: "yes" },
  ];
  for (const option of bad) {
    assert.throws(() => sharedParts(option as never, "deezer"), ValidationError, JSON.stringify(option));
  }
  assert.equal(sharedParts(undefined, "deezer"), undefined);
});

test("each part can be turned off, and a given connection is left open", { skip: redisSkip }, async () => {
  const redis = await connectShared(uniqueNamespace("options"));
  const parts = sharedParts({ redis, cache: false, limiter: false }, "deezer")!;
  assert.equal(parts.cache, undefined);
  assert.equal(parts.limiter, false);
  assert.equal(parts.tokens, true);
  assert.equal(parts.ownsConnection, false);
  assert.throws(() => sharedParts({ redis, namespace: "other" }, "deezer"), ValidationError);
  await parts.close();
  assert.equal(redis.available, true);
});

test("the token storage writes through to the application's store", { skip: redisSkip }, async () => {
  const redis = await connectShared(uniqueNamespace("write-through"));
  const local = new MemoryTokenStorage();
  const storage = sharedParts({ redis }, "tidal")!.tokenStorage(local, () => assert.fail("not needed"));
  await storage.saveToken({
    clientName: "C",
    authFlow: "pkce",
    clientId: "id",
    clientSecret: null,
    userIdentifier: "u",
    redirectUri: null,
    scopes: [],
    tokenType: "Bearer",
    accessToken: "t",
    accessTokenSecret: null,
    expiresAt: null,
    refreshToken: null,
    extras: null,
  });
  assert.equal(
    (await local.findToken({ clientName: "C", authFlow: "pkce", clientId: "id" }))?.accessToken,
    "t",
  );
});

test("a client-made connection to a missing Redis fails its first use with a SharedBackendError", async () => {
  const url = `redis://:hunter2@127.0.0.1:${await freePort()}`;
  const parts = sharedParts({ redis: url, namespace: "x" }, "deezer")!;
  assert.ok(parts.redis instanceof SharedRedis);
  await assert.rejects(parts.cache!.get("k"), (error: unknown) => {
    assert.ok(error instanceof SharedBackendError);
    assert.doesNotMatch(error.message, /hunter2/);
    return true;
  });
  await parts.close();
});
