import assert from "node:assert/strict";
import { test } from "node:test";
import { RedisResponseCache, type SharedCacheEvent } from "../../src/fleet/redis-cache.js";
import { connectShared as connect, uniqueNamespace, redisSkip } from "../helpers/redis.js";

const album = { id: 302127, title: "Discovery", tracks: { data: [{ id: 3135556 }] } };

test("an entry stored by one process is read by another, as JSON", { skip: redisSkip }, async () => {
  const namespace = uniqueNamespace("cache");
  const a = new RedisResponseCache({ redis: await connect(namespace), service: "deezer" });
  const b = new RedisResponseCache({ redis: await connect(namespace), service: "deezer" });
  assert.equal(await b.get("getAlbum|anonymous|/album/302127"), undefined);
  await a.set("getAlbum|anonymous|/album/302127", album, "static", {
    method: "getAlbum",
    account: "anonymous",
    userScoped: false,
  });
  assert.deepEqual(await b.get("getAlbum|anonymous|/album/302127"), album);
  assert.deepEqual(b.stats, { hits: 1, misses: 1, unavailable: 0 });
  // Another service in the same namespace has its own entries.
  const tidal = new RedisResponseCache({ redis: await connect(namespace), service: "tidal" });
  assert.equal(await tidal.get("getAlbum|anonymous|/album/302127"), undefined);
});

test("entries expire with their lifetime", { skip: redisSkip }, async () => {
  const namespace = uniqueNamespace("ttl");
  const redis = await connect(namespace);
  const cache = new RedisResponseCache({ redis, service: "deezer" });
  await cache.set("k", { a: 1 }, "playback", { method: "getX", account: "anonymous", userScoped: false });
  const ttl = await redis.run(async (client) => {
    const keys = await client.keys(redis.key("cache", "deezer", "entry", "*"));
    return client.pttl(keys[0]!);
  });
  assert.ok(ttl > 25_000 && ttl <= 30_000, `playback entries live 30 s (pttl ${ttl})`);
});

test(
  "a write by an account drops that account's user-scoped entries in every process, nothing else",
  { skip: redisSkip },
  async () => {
    const namespace = uniqueNamespace("invalidate");
    const a = new RedisResponseCache({ redis: await connect(namespace), service: "deezer" });
    const b = new RedisResponseCache({ redis: await connect(namespace), service: "deezer" });
    const meta = (account: string, userScoped: boolean) => ({ method: "getUserAlbums", account, userScoped });
    await a.set("mine", [1, 2], "user", meta("user:1", true));
    await a.set("theirs", [3], "user", meta("user:2", true));
    await a.set("public", { id: 1 }, "static", meta("user:1", false));
    await b.invalidateUserScoped("user:1");
    assert.equal(await a.get("mine"), undefined);
    assert.deepEqual(await a.get("theirs"), [3]);
    assert.deepEqual(await a.get("public"), { id: 1 });
  },
);

test("clearing by method name or entirely reaches the shared layer", { skip: redisSkip }, async () => {
  const namespace = uniqueNamespace("clear");
  const a = new RedisResponseCache({ redis: await connect(namespace), service: "deezer" });
  const b = new RedisResponseCache({ redis: await connect(namespace), service: "deezer" });
  const meta = (method: string) => ({ method, account: "anonymous", userScoped: false });
  await a.set("album", 1, "static", meta("getAlbum"));
  await a.set("artist", 2, "static", meta("getArtist"));
  await a.set("track", 3, "static", meta("getTrack"));
  await b.clear(new Set(["getAlbum"]));
  assert.equal(await a.get("album"), undefined);
  assert.equal(await a.get("artist"), 2);
  await b.clear();
  assert.equal(await a.get("artist"), undefined);
  assert.equal(await a.get("track"), undefined);
});

test("a lookup returns the time the entry has left in Redis", { skip: redisSkip }, async () => {
  const namespace = uniqueNamespace("lookup");
  const redis = await connect(namespace);
  const cache = new RedisResponseCache({ redis, service: "deezer" });
  await cache.set("k", { a: 1 }, "user", { method: "getX", account: "anonymous", userScoped: false });
  const [entry] = await redis.run((client) => client.keys(redis.key("cache", "deezer", "entry", "*")));
  await redis.run((client) => client.pexpire(entry!, 1_234));
  const hit = await cache.lookup("k");
  assert.deepEqual(hit?.value, { a: 1 });
  assert.ok(hit!.remainingMs > 0 && hit!.remainingMs <= 1_234, `remaining ${hit?.remainingMs}`);
  assert.equal(await cache.lookup("absent"), undefined);
});

test(
  "invalidations and clears are announced to the other users of the namespace, not echoed to their author",
  { skip: redisSkip },
  async () => {
    const namespace = uniqueNamespace("announce");
    const [redisA, redisB] = [await connect(namespace), await connect(namespace)];
    const a = new RedisResponseCache({ redis: redisA, service: "deezer" });
    const b = new RedisResponseCache({ redis: redisB, service: "deezer" });
    const heardByA: SharedCacheEvent[] = [];
    const heardByB: SharedCacheEvent[] = [];
    const stopA = a.listen((event) => heardByA.push(event));
    const stopB = b.listen((event) => heardByB.push(event));
    // A lookup returns only once the subscription is confirmed, so nothing published after it is missed.
    await a.lookup("anything");
    await b.lookup("anything");
    // Listeners of one connection run in the order they subscribed: when these have seen three messages, the
    // caches' own listeners have handled them.
    const threeMessages = (redis: typeof redisA) =>
      new Promise<void>((resolve) => {
        let seen = 0;
        const stop = redis.subscribe(redis.key("cache", "deezer", "events"), () => {
          if (++seen === 3) {
            stop();
            resolve();
          }
        });
      });
    const delivered = Promise.all([threeMessages(redisA), threeMessages(redisB)]);

    await b.invalidateUserScoped("user:1");
    await b.clear(new Set(["getAlbum"]));
    await b.clear();
    await delivered;
    assert.deepEqual(heardByA, [
      { kind: "invalidate", account: "user:1" },
      { kind: "clear", methods: ["getAlbum"] },
      { kind: "clear", methods: undefined },
    ]);
    assert.deepEqual(heardByB, [], "B does not hear its own announcements");
    stopA();
    stopB();
  },
);
