/**
 * Many workers, one quota: 8 worker processes pull 600 different albums from one emulator enforcing Deezer's
 * quota (50 arrivals per 5 s per address). On one shared namespace they never overstep it and a second pass is
 * answered from the shared cache; each on its own, they overstep at once. The shared pass takes about a minute
 * by nature (600 requests at 50 per 5 s).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { DEEZER_SEED_IDS, type DeezerEmulator } from "../../src/emulator/deezer/index.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { redisServerSkip, startRedisServer, uniqueNamespace } from "../helpers/redis.js";
import type { FleetReport } from "./workers/deezer-fleet-worker.js";
import { busiestSpan, startWorkers, type Worker } from "./workers/fleet-harness.js";

const WORKERS = 8;
const ALBUMS = 600;
const FIRST_ID = 930_001;
const QUOTA = { limit: 50, windowMs: 5_000 };

/** Adds the albums (copies of a seeded one) the fleet pulls, under consecutive ids. */
function addAlbums(deezer: DeezerEmulator): number[] {
  const model = deezer.state.albums.get(DEEZER_SEED_IDS.ALBUM.saltInTheEngine);
  assert.ok(model, "the seed has the model album");
  return Array.from({ length: ALBUMS }, (_, i) => {
    const id = FIRST_ID + i;
    deezer.state.albums.set(id, { ...model, id, title: `Fleet ${i}`, upc: String(860_000_000_000 + i) });
    return id;
  });
}

/** One pass: worker `w` fetches slice `(w + shift) % WORKERS` of the albums; the reports summed. */
async function pass(workers: Worker[], ids: number[], shift: number): Promise<FleetReport> {
  const slice = (w: number): number[] => ids.filter((_, i) => i % WORKERS === (w + shift) % WORKERS);
  const reports = await Promise.all(workers.map((worker, w) => worker.fetch(slice(w))));
  return reports.reduce((sum, r) => ({
    type: "done",
    ok: sum.ok + r.ok,
    typed: sum.typed + r.typed,
    quota: sum.quota + r.quota,
    hung: sum.hung + r.hung,
    untyped: sum.untyped.concat(r.untyped),
  }));
}

/** The pace against the quota: the time the quota needs for these arrivals over the time they took, in %. */
function paceOf(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const idealMs = ((sorted.length - QUOTA.limit) / QUOTA.limit) * QUOTA.windowMs;
  return (idealMs / Math.max(1, sorted.at(-1)! - sorted[0]!)) * 100;
}

async function startFleet(
  job: { redis?: string; namespace?: string },
  emulator: Emulator,
): Promise<Worker[]> {
  const workers = await startWorkers(WORKERS, JSON.stringify({ baseUrl: emulator.urls.deezerApi, ...job }));
  after(() => workers.forEach(({ child }) => child.connected && child.kill()));
  return workers;
}

describe("a fleet of 8 worker processes against Deezer's quota", { skip: redisServerSkip }, () => {
  test(
    "sharing one namespace: every call succeeds, no 5-s span holds more than 50 arrivals, the second pass hits the cache",
    { timeout: 600_000 },
    async (t) => {
      const server = await startRedisServer();
      after(() => server.stop());
      await using emulator = await startEmulator({ services: ["deezer"], quotas: { deezer: QUOTA } });
      const ids = addAlbums(emulator.deezer!);
      const workers = await startFleet({ redis: server.url, namespace: uniqueNamespace("fleet") }, emulator);

      const first = await pass(workers, ids, 0);
      assert.deepEqual(
        first,
        { type: "done", ok: ALBUMS, typed: 0, quota: 0, hung: 0, untyped: [] },
        "every call of the first pass succeeded",
      );
      const arrivals = emulator.requestsTo("deezerApi", "/album/");
      assert.equal(arrivals.length, ALBUMS, "one request per album, none resent");
      assert.equal(emulator.quota.deezer.refused, 0, "no code-4 answer");
      assert.equal(arrivals.filter((r) => r.quotaExceeded).length, 0, "no request recorded as refused");
      const times = arrivals.map((r) => r.at);
      const busiest = busiestSpan(times, QUOTA.windowMs);
      assert.ok(busiest <= QUOTA.limit, `${busiest} arrivals in one ${QUOTA.windowMs}-ms span`);
      t.diagnostic(
        `shared: ${ALBUMS} calls, busiest 5-s span ${busiest}, pace ${paceOf(times).toFixed(1)} % of quota`,
      );

      // Each worker now asks for albums another worker fetched: only the shared cache can answer them.
      const second = await pass(workers, ids, 1);
      assert.deepEqual(second, { type: "done", ok: ALBUMS, typed: 0, quota: 0, hung: 0, untyped: [] });
      const reached = emulator.requestsTo("deezerApi", "/album/").length - arrivals.length;
      const hits = ((ALBUMS - reached) / ALBUMS) * 100;
      t.diagnostic(
        `shared: second pass ${reached} requests reached the service, ${hits.toFixed(1)} % cache hits`,
      );
      assert.ok(hits >= 95, `${hits.toFixed(1)} % of the second pass came from the shared cache`);
      assert.equal(emulator.quota.deezer.refused, 0);

      await Promise.all(workers.map((w) => w.stop()));
    },
  );

  test("each on its own: together they overstep the quota", { timeout: 300_000 }, async (t) => {
    await using emulator = await startEmulator({ services: ["deezer"], quotas: { deezer: QUOTA } });
    const ids = addAlbums(emulator.deezer!);
    const workers = await startFleet({}, emulator);

    const first = await pass(workers, ids, 0);
    const refused = emulator.quota.deezer.refused;
    t.diagnostic(`separate: ${first.ok} ok, ${first.quota} quota errors, ${refused} refused at the service`);
    assert.ok(refused > 0, "the service refused some of the fleet's requests");
    assert.equal(first.quota, refused, "each refusal reached its caller as a typed quota error");
    assert.equal(first.ok + first.quota, ALBUMS, "every other call succeeded");
    assert.equal(first.hung, 0);
    assert.deepEqual(first.untyped, []);

    await Promise.all(workers.map((w) => w.stop()));
  });
});
