/**
 * Deezer's quota as the service counts it (50 arrivals per 5 s per address), with the default client against
 * the emulator enforcing it: slow first answers must not let a second batch in early, and a code-4 answer is
 * resent after the window with the same parameters.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock } from "../../src/core/clock.js";
import { DeezerAPIClient } from "../../src/deezer/client.js";
import { DEEZER_SEED_IDS, type DeezerEmulator } from "../../src/emulator/deezer/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import type { RecordedRequest } from "../../src/emulator/types.js";

const { ALBUM } = DEEZER_SEED_IDS;
const QUOTA = { limit: 50, windowMs: 5000 };
const FIRST_FILLER_ID = 990_000;

/** Adds `count` albums (copies of a seeded one) under consecutive ids, so many distinct ids can be asked for. */
function addAlbums(deezer: DeezerEmulator, count: number): number[] {
  const model = deezer.state.albums.get(ALBUM.saltInTheEngine);
  assert.ok(model, "the seed has the model album");
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = FIRST_FILLER_ID + i;
    deezer.state.albums.set(id, { ...model, id, title: `Filler ${i}`, upc: String(800_000_000_000 + i) });
    ids.push(id);
  }
  return ids;
}

/** The most requests among `records` that arrived within one span of `windowMs` (half-open). */
function busiestSpan(records: readonly RecordedRequest[], windowMs: number): number {
  const times = records.map((r) => r.at).sort((a, b) => a - b);
  let busiest = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= windowMs) first++;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}

describe("Deezer quota against the emulator", () => {
  it("slow first answers: at most 50 arrivals in any 5 s, and no quota error", async () => {
    await using emulator = await startEmulator({ services: ["deezer"], quotas: { deezer: QUOTA } });
    const ids = addAlbums(emulator.deezer!, 160);
    // The first 50 answers take 150 ms, as the first answers over fresh TLS connections do.
    emulator.faults.inject({ role: "deezerApi", path: /^\/album\//, delayMs: 150, times: 50 });
    const client = new DeezerAPIClient({ baseUrl: emulator.urls.deezerApi, storeTokens: false });
    try {
      const albums = await Promise.all(ids.map((id) => client.albums.getAlbum(id)));
      assert.deepEqual(
        albums.map((album) => album.id),
        ids,
      );
    } finally {
      await client.close();
    }
    const arrivals = emulator.requestsTo("deezerApi", "/album/");
    assert.equal(arrivals.length, 160, "one request per album, none resent");
    assert.equal(arrivals.filter((r) => r.quotaExceeded).length, 0, "no code-4 answer");
    assert.ok(
      busiestSpan(arrivals, QUOTA.windowMs) <= QUOTA.limit,
      `${busiestSpan(arrivals, 5000)} in one span`,
    );
    assert.equal(emulator.quota.deezer.refused, 0);
    assert.ok(emulator.quota.deezer.peakInWindow <= QUOTA.limit);
  });

  it("a client without a limiter oversteps; its code-4 answers are resent after the window and succeed", async () => {
    const clock = new ManualClock(Date.now());
    await using emulator = await startEmulator({
      services: ["deezer"],
      quotas: { deezer: QUOTA },
      deezer: { now: () => clock.now() },
    });
    const ids = addAlbums(emulator.deezer!, 60);
    const client = new DeezerAPIClient({
      baseUrl: emulator.urls.deezerApi,
      storeTokens: false,
      limitRate: false,
      clock,
    });
    try {
      let settled = 0;
      const calls = ids.map((id) => client.albums.getAlbum(id).finally(() => settled++));
      while (emulator.requestsTo("deezerApi").length < 60) await new Promise((r) => setTimeout(r, 5));
      assert.equal(emulator.quota.deezer.refused, 10);
      await clock.advance(4999);
      assert.equal(emulator.requestsTo("deezerApi").length, 60, "nothing is resent inside the window");
      await clock.advance(1);
      while (settled < 60) await new Promise((r) => setTimeout(r, 5));
      const albums = await Promise.all(calls);
      assert.deepEqual(
        albums.map((album) => album.id),
        ids,
      );
      const sent = emulator.requestsTo("deezerApi");
      assert.equal(sent.length, 70);
      const refused = sent.filter((r) => r.quotaExceeded);
      const resent = sent.slice(60);
      assert.deepEqual(
        resent.map((r) => r.url).sort(),
        refused.map((r) => r.url).sort(),
        "each refused request is resent unchanged",
      );
    } finally {
      await client.close();
    }
  });

  it("resends a code-4 answer after 5 s with its parameters intact", async () => {
    const clock = new ManualClock(Date.now());
    await using emulator = await startEmulator({ services: ["deezer"] });
    emulator.faults.inject({
      role: "deezerApi",
      path: "/search/album",
      json: { error: { type: "Exception", message: "Quota limit exceeded", code: 4 } },
    });
    const client = new DeezerAPIClient({ baseUrl: emulator.urls.deezerApi, storeTokens: false, clock });
    try {
      let done = false;
      const page = client.search.searchAlbums("salt", { limit: 2, offset: 1 }).finally(() => (done = true));
      while (emulator.requestsTo("deezerApi").length < 1) await new Promise((r) => setTimeout(r, 5));
      await clock.advance(4999);
      assert.equal(emulator.requestsTo("deezerApi").length, 1);
      await clock.advance(1);
      while (!done) await new Promise((r) => setTimeout(r, 5));
      assert.ok(Array.isArray((await page).data));
      const [first, second] = emulator.requestsTo("deezerApi");
      assert.equal(second!.url, first!.url);
      assert.deepEqual(second!.query, { q: "salt", limit: "2", index: "1" });
    } finally {
      await client.close();
    }
  });
});
