import assert from "node:assert/strict";
import { fork, type ChildProcess } from "node:child_process";
import { after, test } from "node:test";
import { startEmulator } from "../../src/emulator/index.js";
import { DEEZER_SEED_IDS } from "../../src/emulator/deezer/index.js";
import { connectShared, startRedisServer, uniqueNamespace, redisServerSkip } from "../helpers/redis.js";

const WORKERS = 3;
const PER_WORKER = 20;
const FIRST_ID = 910_001;
const worker = new URL("./workers/deezer-fleet-worker.ts", import.meta.url).pathname;

interface Done {
  type: "done";
  ok: number;
  typed: number;
  untyped: string[];
}

/** A forked worker with a queue of the messages it sent. */
function start(args: string): { child: ChildProcess; next: (type: string) => Promise<unknown> } {
  const child = fork(worker, [args], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const inbox: { type: string }[] = [];
  const waiting: { type: string; resolve: (m: unknown) => void }[] = [];
  child.on("message", (message: { type: string }) => {
    const index = waiting.findIndex((w) => w.type === message.type);
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(message);
    else inbox.push(message);
  });
  const next = (type: string): Promise<unknown> => {
    const index = inbox.findIndex((m) => m.type === type);
    if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0]);
    return new Promise((resolve, reject) => {
      waiting.push({ type, resolve });
      child.once("exit", (code) => reject(new Error(`worker exited with ${String(code)} awaiting ${type}`)));
    });
  };
  return { child, next };
}

test(
  "Redis killed mid-run: every call of the fleet settles; restarted, shared mode resumes",
  { skip: redisServerSkip },
  async () => {
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
    const args = JSON.stringify({ baseUrl: emulator.urls.deezerApi, redis: server.url, namespace });
    const workers = Array.from({ length: WORKERS }, () => start(args));
    after(() => workers.forEach(({ child }) => child.connected && child.kill()));
    await Promise.all(workers.map(({ next }) => next("ready")));

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
    const round1 = workers.map(({ child, next }, w) => {
      child.send({ type: "fetch", ids: batch(0, w) });
      return next("done") as Promise<Done>;
    });
    await killed;
    for (const result of await Promise.all(round1)) {
      assert.deepEqual(result.untyped, [], "every failure is a typed error");
      assert.equal(result.ok + result.typed, PER_WORKER, "every call settled");
    }

    // Round 2: Redis is back (empty, as after a crash); each worker notices and shares again.
    await server.restart();
    skew += 5_000;
    const refusedBefore = emulator.quota.deezer.refused;
    await Promise.all(workers.map(({ next }) => next("resumed")));
    const round2 = await Promise.all(
      workers.map(({ child, next }, w) => {
        child.send({ type: "fetch", ids: batch(1, w) });
        return next("done") as Promise<Done>;
      }),
    );
    for (const result of round2)
      assert.deepEqual(result, { type: "done", ok: PER_WORKER, typed: 0, untyped: [] });
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
    await Promise.all(
      workers.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            child.once("exit", () => resolve());
            child.send({ type: "stop" });
          }),
      ),
    );
  },
);
