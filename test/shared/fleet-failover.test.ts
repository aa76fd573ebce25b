import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startEmulator } from "../../src/emulator/index.js";
import { DEEZER_SEED_IDS } from "../../src/emulator/deezer/index.js";
import { connectShared, redisServerSkip, startRedisServer, uniqueNamespace } from "../helpers/redis.js";
import { startWorkers } from "./workers/fleet-harness.js";

const WORKERS = 8;
const PER_WORKER = 20;
const FIRST_ID = 910_001;
// Far beyond any call's honest duration (the slowest wait out a few quota windows): a call still open then hung.
const GUARD_MS = 120_000;

test(
  "Redis killed mid-run: every call of the fleet settles; restarted, shared mode resumes",
  // Room for a hung call's guard to run out, so a hang fails on its assertion rather than on this timeout.
  { skip: redisServerSkip, timeout: GUARD_MS * 3 },
  async (t) => {
    const server = await startRedisServer();
    let arrivals = 0;
    let onArrival: (() => void) | undefined;
    // The emulator's clock can jump a quota window ahead, so round 2 does not pay for round 1's overstepping.
    let skew = 0;
    const emulator = await startEmulator({
      services: ["deezer"],
      deezer: { now: () => Date.now() + skew },
      quotas: { deezer: { limit: 50, windowMs: 5_000 } },
      onRequest: (record) => {
        if (record.role !== "deezerApi") return;
        arrivals++;
        onArrival?.();
      },
    });
    after(() => emulator.close());
    const albums = emulator.deezer!.state.albums;
    const model = albums.get(DEEZER_SEED_IDS.ALBUM.saltInTheEngine)!;
    for (let i = 0; i < 2 * WORKERS * PER_WORKER; i++) {
      albums.set(FIRST_ID + i, { ...model, id: FIRST_ID + i, upc: String(850_000_000_000 + i) });
    }
    const namespace = uniqueNamespace("failover");
    const args = JSON.stringify({
      baseUrl: emulator.urls.deezerApi,
      redis: server.url,
      namespace,
      guardMs: GUARD_MS,
    });
    const workers = await startWorkers(WORKERS, args);
    after(() => workers.forEach(({ child }) => child.connected && child.kill()));

    const batch = (round: number, w: number): number[] =>
      Array.from(
        { length: PER_WORKER },
        (_, i) => FIRST_ID + round * WORKERS * PER_WORKER + w * PER_WORKER + i,
      );

    // Round 1: Redis is killed once a third of the calls have reached the service.
    const killed = new Promise<void>((resolve) => {
      onArrival = () => {
        if (arrivals >= (WORKERS * PER_WORKER) / 3) {
          onArrival = undefined;
          resolve(server.kill());
        }
      };
    });
    const round1 = workers.map((worker, w) => worker.fetch(batch(0, w)));
    await killed;
    const reports1 = await Promise.all(round1);
    const sum = (key: "ok" | "typed" | "quota"): number => reports1.reduce((n, r) => n + r[key], 0);
    t.diagnostic(`round 1: ${sum("ok")} ok, ${sum("typed")} typed errors (${sum("quota")} quota refusals)`);
    for (const result of reports1) {
      assert.equal(result.hung, 0, "no call was still open when its guard ran out");
      assert.deepEqual(result.untyped, [], "every failure is a typed error");
      assert.equal(
        result.ok + result.typed,
        PER_WORKER,
        "every call settled with a success or a typed error",
      );
    }

    // Round 2: Redis is back (empty, as after a crash); each worker notices and shares again.
    await server.restart();
    skew += 5_000;
    const refusedBefore = emulator.quota.deezer.refused;
    await Promise.all(workers.map(({ next }) => next("resumed")));
    const round2 = await Promise.all(workers.map((worker, w) => worker.fetch(batch(1, w))));
    for (const result of round2)
      assert.deepEqual(result, { type: "done", ok: PER_WORKER, typed: 0, quota: 0, hung: 0, untyped: [] });
    assert.equal(
      emulator.quota.deezer.refused,
      refusedBefore,
      "the shared quota kept round 2 within the limit",
    );
    const redis = await connectShared(namespace, { url: server.url });
    const entries = await redis.run((client) => client.keys(redis.key("cache", "deezer", "entry", "*")));
    assert.equal(entries.length, WORKERS * PER_WORKER, "round 2's answers went to the restarted Redis");
    const slots = await redis.run((client) => client.zcard(redis.key("limit", "deezer", "slots")));
    assert.ok(slots > 0, "round 2's requests took their slots in the restarted Redis");
    await Promise.all(workers.map((worker) => worker.stop()));
  },
);
