import assert from "node:assert/strict";
import { test } from "node:test";
import { RedisResponseCache } from "../../src/fleet/redis-cache.js";
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
