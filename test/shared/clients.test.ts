import assert from "node:assert/strict";
import { after, test } from "node:test";
import { DeezerAPIClient } from "../../src/deezer/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { DEEZER_SEED_IDS } from "../../src/emulator/deezer/index.js";
import { connectShared, testRedisUrl, uniqueNamespace, redisSkip } from "../helpers/redis.js";

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
