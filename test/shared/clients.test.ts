import assert from "node:assert/strict";
import { after, test } from "node:test";
import { ManualClock } from "../../src/core/clock.js";
import { DeezerAPIClient } from "../../src/deezer/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { DEEZER_SEED_IDS, DEFAULT_DEEZER_APP } from "../../src/emulator/deezer/index.js";
import type { SharedRedis } from "../../src/fleet/redis.js";
import { connectShared, testRedisUrl, uniqueNamespace, redisSkip } from "../helpers/redis.js";

/**
 * Resolves with the next announcement on the namespace's cache channel as heard by `redis`. Listeners of one
 * connection are called in the order they subscribed, so a client that subscribed earlier has applied the
 * announcement by then.
 */
function nextCacheEvent(redis: SharedRedis): Promise<string> {
  return new Promise((resolve) => {
    const stop = redis.subscribe(redis.key("cache", "deezer", "events"), (message) => {
      stop();
      resolve(message);
    });
  });
}

test(
  "two Deezer clients on one namespace: the second is answered from the shared cache",
  { skip: redisSkip },
  async () => {
    const emulator = await startEmulator({ services: ["deezer"] });
    after(() => emulator.close());
    const shared = {
      redis: await testRedisUrl(),
      namespace: uniqueNamespace("clients"),
      warn: () => undefined,
    };
    const make = (): DeezerAPIClient =>
      new DeezerAPIClient({ baseUrl: emulator.urls.deezerApi, storeTokens: false, shared });
    const [a, b] = [make(), make()];
    after(() => Promise.all([a.close(), b.close()]));
    const albumId = DEEZER_SEED_IDS.ALBUM.saltInTheEngine;
    const fetched = () => emulator.requestsTo("deezerApi", `/album/${albumId}`).length;

    const first = await a.albums.getAlbum(albumId);
    assert.equal(fetched(), 1);
    const second = await b.albums.getAlbum(albumId);
    assert.equal(fetched(), 1, "the second client did not ask the service");
    assert.deepEqual(second, first);
    assert.ok(Object.isFrozen(second), "a shared hit is frozen like a local one");

    // Clearing through one client clears the shared entry for all.
    b.clearCache("getAlbum");
    const c = make();
    after(() => c.close());
    // clearCache() is synchronous; its Redis part completes in the background: wait for that, not for a time.
    const redis = await connectShared(shared.namespace);
    const entries = () => redis.run((client) => client.keys(redis.key("cache", "deezer", "entry", "*")));
    while ((await entries()).length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await c.albums.getAlbum(albumId);
    assert.equal(fetched(), 2);
  },
);

test("without Redis at the first call, the call fails with a SharedBackendError naming the redacted URL", async () => {
  const emulator = await startEmulator({ services: ["deezer"] });
  after(() => emulator.close());
  const client = new DeezerAPIClient({
    baseUrl: emulator.urls.deezerApi,
    storeTokens: false,
    shared: { redis: "redis://:pa55word@127.0.0.1:1", namespace: "x" },
  });
  after(() => client.close());
  await assert.rejects(client.albums.getAlbum(DEEZER_SEED_IDS.ALBUM.saltInTheEngine), (error: Error) => {
    assert.equal(error.name, "SharedBackendError");
    assert.match(error.message, /redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
    assert.doesNotMatch(error.message, /pa55word/);
    return true;
  });
  assert.equal(emulator.requests.length, 0, "nothing was sent");
});

test(
  "a write through one worker reaches the other workers' in-process caches",
  { skip: redisSkip, timeout: 30_000 },
  async () => {
    const emulator = await startEmulator({ services: ["deezer"] });
    after(() => emulator.close());
    const namespace = uniqueNamespace("broadcast");
    const token = emulator.deezer!.issueToken({ permissions: ["basic_access", "manage_library"] });
    // A clock that never moves: an entry leaves an in-process cache only by invalidation, never by expiry.
    const make = (redis: SharedRedis): DeezerAPIClient =>
      new DeezerAPIClient({
        baseUrl: emulator.urls.deezerApi,
        authFlow: "implicit",
        appId: DEFAULT_DEEZER_APP.appId,
        redirectUri: "http://127.0.0.1:8765/callback",
        accessToken: token,
        permissions: ["basic_access", "manage_library"],
        storeTokens: false,
        limitRate: false,
        clock: new ManualClock(),
        shared: { redis },
      });
    // Two connections, as two worker processes would hold them.
    const [redisA, redisB] = [await connectShared(namespace), await connectShared(namespace)];
    const [a, b] = [make(redisA), make(redisB)];
    after(() => Promise.all([a.close(), b.close()]));
    const { ALBUM } = DEEZER_SEED_IDS;
    const listFetches = () =>
      emulator.requestsTo("deezerApi", /\/user\/me\/albums$/).filter((r) => r.method === "GET").length;

    const before = await a.users.getUserSavedAlbums();
    assert.ok(!before.data.some((album) => album.id === ALBUM.glasshouse));
    await a.users.getUserSavedAlbums();
    assert.equal(listFetches(), 1, "the second read came from A's in-process cache");

    const announced = nextCacheEvent(redisA);
    assert.equal(await b.albums.saveAlbums(ALBUM.glasshouse), true);
    await announced;
    const after_ = await a.users.getUserSavedAlbums();
    assert.equal(listFetches(), 2, "A asked the service again");
    assert.equal(after_.data.length, before.data.length + 1);
    assert.ok(after_.data.some((album) => album.id === ALBUM.glasshouse));

    // A clear through B reaches A's in-process cache too.
    const albumFetches = () => emulator.requestsTo("deezerApi", `/album/${ALBUM.glasshouse}`).length;
    await a.albums.getAlbum(ALBUM.glasshouse);
    await a.albums.getAlbum(ALBUM.glasshouse);
    assert.equal(albumFetches(), 1);
    const cleared = nextCacheEvent(redisA);
    b.clearCache("getAlbum");
    await cleared;
    await a.albums.getAlbum(ALBUM.glasshouse);
    assert.equal(albumFetches(), 2, "A's copy went with B's clear");
  },
);

test(
  "a shared hit is kept in process only for the time its Redis entry has left",
  { skip: redisSkip },
  async () => {
    const emulator = await startEmulator({ services: ["deezer"] });
    after(() => emulator.close());
    const namespace = uniqueNamespace("lifetime");
    const clock = new ManualClock();
    const make = (redis: SharedRedis, withClock?: ManualClock): DeezerAPIClient =>
      new DeezerAPIClient({
        baseUrl: emulator.urls.deezerApi,
        storeTokens: false,
        limitRate: false,
        clock: withClock,
        shared: { redis },
      });
    const redis = await connectShared(namespace);
    const [a, b] = [make(await connectShared(namespace)), make(redis, clock)];
    after(() => Promise.all([a.close(), b.close()]));
    const userId = DEEZER_SEED_IDS.USER.main;
    const fetches = () => emulator.requestsTo("deezerApi", `/user/${userId}/albums`).length;

    // A caches the list ("user": 60 s); its Redis entry is then made to have 5 s left.
    await a.users.getUserSavedAlbums(userId);
    const [entry] = await redis.run((client) => client.keys(redis.key("cache", "deezer", "entry", "*")));
    assert.ok(entry !== undefined);
    await redis.run((client) => client.pexpire(entry, 5_000));

    await b.users.getUserSavedAlbums(userId);
    assert.equal(fetches(), 1, "B was answered from Redis");
    // From here on only B's in-process copy can answer without the service.
    await redis.run((client) => client.del(entry));
    await clock.advance(4_000);
    await b.users.getUserSavedAlbums(userId);
    assert.equal(fetches(), 1, "B's copy is still fresh after 4 s");
    await clock.advance(1_500);
    await b.users.getUserSavedAlbums(userId);
    assert.equal(
      fetches(),
      2,
      "B's copy expired with the Redis entry it came from, not 60 s after B read it",
    );
  },
);
