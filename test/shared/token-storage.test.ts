import assert from "node:assert/strict";
import { test } from "node:test";
import { AbortedError } from "../../src/core/errors.js";
import type { TokenToSave } from "../../src/fleet/contracts.js";
import { MemoryTokenStorage, RedisTokenStorage } from "../../src/fleet/redis-token-storage.js";
import { connectShared as connect, uniqueNamespace, redisSkip } from "../helpers/redis.js";

function token(accessToken: string, addedAt: number, userIdentifier = "42"): TokenToSave {
  return {
    clientName: "PrivateTIDALAPIClient",
    authFlow: "pkce",
    clientId: "client",
    clientSecret: null,
    userIdentifier,
    redirectUri: null,
    scopes: ["r_usr", "w_usr"],
    tokenType: "Bearer",
    accessToken,
    accessTokenSecret: null,
    expiresAt: new Date(addedAt + 3_600_000),
    refreshToken: `refresh-${accessToken}`,
    extras: { user_id: 42 },
    addedAt: new Date(addedAt),
  };
}

const query = { clientName: "PrivateTIDALAPIClient", authFlow: "pkce", clientId: "client" };

test(
  "a token saved by one process is found by another, and an older one never replaces it",
  { skip: redisSkip },
  async () => {
    const namespace = uniqueNamespace("tokens");
    const a = new RedisTokenStorage({ redis: await connect(namespace) });
    const b = new RedisTokenStorage({ redis: await connect(namespace) });
    await a.saveToken(token("new", 2_000_000));
    await b.saveToken(token("old", 1_000_000));
    const found = await b.findToken({ ...query, userIdentifier: "42" });
    assert.equal(found?.accessToken, "new");
    assert.equal(found?.refreshToken, "refresh-new");
    assert.deepEqual(found?.scopes, ["r_usr", "w_usr"]);
    assert.deepEqual(found?.extras, { user_id: 42 });
    assert.equal(found?.expiresAt?.getTime(), 2_000_000 + 3_600_000);
    // Without a user identifier, the most recently added login wins.
    await a.saveToken(token("other-user", 3_000_000, "7"));
    assert.equal((await b.findToken(query))?.userIdentifier, "7");
    assert.equal(await b.findToken({ ...query, clientId: "unknown" }), undefined);
  },
);

test(
  "the lock lets one holder at a time in across processes; waiters then see what it saved",
  { skip: redisSkip },
  async () => {
    const namespace = uniqueNamespace("lock");
    const storages = await Promise.all(
      Array.from({ length: 6 }, async () => new RedisTokenStorage({ redis: await connect(namespace) })),
    );
    let holders = 0;
    let maxHolders = 0;
    let refreshes = 0;
    const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const results = await Promise.all(
      storages.flatMap((storage) =>
        [0, 1].map(() =>
          storage.withLock("refresh:PrivateTIDALAPIClient:42", async () => {
            holders++;
            maxHolders = Math.max(maxHolders, holders);
            try {
              const current = await storage.findToken({ ...query, userIdentifier: "42" });
              if (current !== undefined) return current.accessToken;
              refreshes++;
              await delay(50);
              await storage.saveToken(token("refreshed", Date.now()));
              return "refreshed";
            } finally {
              holders--;
            }
          }),
        ),
      ),
    );
    assert.equal(maxHolders, 1);
    assert.equal(refreshes, 1);
    assert.deepEqual(new Set(results), new Set(["refreshed"]));
  },
);

test("a waiter for the lock can give up; the holder is not disturbed", { skip: redisSkip }, async () => {
  const namespace = uniqueNamespace("lock-abort");
  const a = new RedisTokenStorage({ redis: await connect(namespace) });
  const b = new RedisTokenStorage({ redis: await connect(namespace) });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let entered!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const holder = a.withLock("k", async () => {
    entered();
    await held;
    return "done";
  });
  await inside;
  const controller = new AbortController();
  const waiter = b.withLock("k", () => Promise.resolve("never"), { signal: controller.signal });
  controller.abort();
  await assert.rejects(waiter, AbortedError);
  release();
  assert.equal(await holder, "done");
  assert.equal(await b.withLock("k", () => Promise.resolve("after")), "after");
});

test("the in-memory storage keeps the newest token per login", async () => {
  const storage = new MemoryTokenStorage();
  await storage.saveToken(token("b", 2_000_000));
  await storage.saveToken(token("a", 1_000_000));
  assert.equal((await storage.findToken(query))?.accessToken, "b");
});
