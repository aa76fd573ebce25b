// Many workers, one quota: 8 worker processes pull 600 different albums from the emulator with Deezer's quota
// enforced (50 requests per 5 s per address), once sharing a Redis namespace and once each on its own. A second
// pass hands every worker the albums another worker fetched, so only a shared cache can answer it.
// Starts its own redis-server (from PATH) on a free loopback port. Takes a little over a minute by nature.
// Exits non-zero, naming the figure, when a guarantee is missed: shared, no quota error, a pace of at least 90 % of
// the quota and at least 95 % cache hits on the second pass; separate, the quota overstepped.
import { fork, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { connect, createServer } from "node:net";

const WORKERS = Number(process.env.FLEET_WORKERS ?? 8);
const ALBUMS = Number(process.env.FLEET_ALBUMS ?? 600);
const FIRST_ID = 900_001;
const QUOTA = { limit: 50, windowMs: 5_000 };

if (process.argv[2] === "worker") {
  await runWorker();
} else {
  await main();
}

/** One worker process: a client kept across passes, fetching the album ids it is sent. */
async function runWorker() {
  const { DeezerAPIClient } = await import("../dist/index.js");
  let client;
  // How long each request took on the wire: the part of a slot's hold the limiter cannot shorten.
  const durations = [];
  process.on("message", async (job) => {
    if (job.type === "stop") {
      await client?.close();
      process.exit(0);
    }
    client ??= new DeezerAPIClient({
      baseUrl: job.baseUrl,
      maxRetries: 0,
      onResponse: (event) => durations.push(event.durationMs),
      shared: job.redis ? { redis: job.redis, namespace: job.namespace, warn: () => undefined } : undefined,
    });
    const results = await Promise.allSettled(job.ids.map((id) => client.albums.getAlbum(id)));
    let ok = 0;
    let quotaErrors = 0;
    let otherErrors = 0;
    for (const result of results) {
      if (result.status === "fulfilled") ok++;
      else if (result.reason?.code === 4) quotaErrors++;
      else otherErrors++;
    }
    process.send({ ok, quotaErrors, otherErrors, durations: durations.splice(0) });
  });
  process.send({ ready: true });
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startRedis() {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  child.once("error", (error) => {
    console.error(
      `fleet: could not start redis-server (${error.message}); install the redis-server package.`,
    );
    process.exit(1);
  });
  for (let attempt = 0; attempt < 200; attempt++) {
    const up = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => socket.write("PING\r\n"));
      socket.once("data", (data) => {
        socket.destroy();
        resolve(String(data).startsWith("+PONG"));
      });
      socket.once("error", () => resolve(false));
    });
    if (up) return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("redis-server did not start");
}

/** The emulator with the quota on and a deterministic range of extra albums (copies of a seeded one). */
async function startDeezer(arrivals) {
  const { startEmulator, DEEZER_SEED_IDS } = await import("../dist/emulator/index.js");
  const emulator = await startEmulator({
    services: ["deezer"],
    quotas: { deezer: QUOTA },
    onRequest: (record) => {
      if (record.role === "deezerApi") arrivals.push(record.at ?? Date.now());
    },
  });
  const albums = emulator.deezer.state.albums;
  const model = albums.get(DEEZER_SEED_IDS.ALBUM.saltInTheEngine);
  for (let i = 0; i < ALBUMS; i++) {
    const id = FIRST_ID + i;
    albums.set(id, { ...model, id, title: `Fleet Album ${i + 1}`, upc: String(840_000_000_000 + id) });
  }
  return emulator;
}

async function startWorkers() {
  const workers = [];
  for (let i = 0; i < WORKERS; i++) {
    const child = fork(new URL(import.meta.url), ["worker"], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    await new Promise((resolve) => child.once("message", resolve));
    workers.push(child);
  }
  return workers;
}

function ask(worker, job) {
  return new Promise((resolve) => {
    worker.once("message", resolve);
    worker.send(job);
  });
}

/** Runs one pass: worker `w` fetches slice `(w + shift) % WORKERS` of the album range. */
async function pass(workers, job, shift) {
  const ids = Array.from({ length: ALBUMS }, (_, i) => FIRST_ID + i);
  const slice = (w) => ids.filter((_, i) => i % WORKERS === (w + shift) % WORKERS);
  const replies = await Promise.all(workers.map((worker, w) => ask(worker, { ...job, ids: slice(w) })));
  return replies.reduce(
    (sum, r) => ({
      ok: sum.ok + r.ok,
      quotaErrors: sum.quotaErrors + r.quotaErrors,
      otherErrors: sum.otherErrors + r.otherErrors,
      durations: sum.durations.concat(r.durations),
    }),
    { ok: 0, quotaErrors: 0, otherErrors: 0, durations: [] },
  );
}

/** Achieved pace against the quota: the time the quota needs for these arrivals over the time they took. */
function paceOf(times) {
  if (times.length <= QUOTA.limit) return NaN;
  const sorted = [...times].sort((a, b) => a - b);
  const idealMs = ((sorted.length - QUOTA.limit) / QUOTA.limit) * QUOTA.windowMs;
  return (idealMs / Math.max(1, sorted.at(-1) - sorted[0])) * 100;
}

/** Arrivals per consecutive quota window, from the first arrival (diagnostics). */
function windows(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const counts = [];
  for (const t of sorted) {
    const index = Math.floor((t - sorted[0]) / QUOTA.windowMs);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return Array.from(counts, (c) => c ?? 0).join(" ");
}

async function runMode(mode, redisUrl) {
  const arrivals = [];
  const emulator = await startDeezer(arrivals);
  const workers = await startWorkers();
  const job = {
    type: "fetch",
    baseUrl: emulator.urls.deezerApi,
    redis: mode === "shared" ? redisUrl : undefined,
    namespace: `fleet-${randomUUID().slice(0, 8)}`,
  };
  const first = await pass(workers, job, 0);
  const refusedFirst = emulator.quota.deezer.refused;
  const pace = paceOf(arrivals);
  const sentFirst = arrivals.length;
  // Second pass over the same albums, each worker taking another worker's share.
  const before = arrivals.length;
  const second = await pass(workers, job, 1);
  const reached = arrivals.length - before;
  const hits = ((ALBUMS - reached) / ALBUMS) * 100;
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise((resolve) => {
          worker.once("exit", resolve);
          worker.send({ type: "stop" });
        }),
    ),
  );
  await emulator.close();
  const quotaErrors = refusedFirst;
  const sorted = [...first.durations].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  const p90 = sorted[Math.floor(sorted.length * 0.9)] ?? NaN;
  console.log(
    `fleet: ${mode} — ${WORKERS} workers, ${ALBUMS} calls, ${quotaErrors} quota errors, ` +
      `pace ${pace.toFixed(1)} % of quota, ${hits.toFixed(1)} % cache hits`,
  );
  if (process.env.FLEET_VERBOSE) {
    console.log(
      `  ${mode}: first pass ${first.ok} ok, ${first.otherErrors} other errors; ${sentFirst} requests; ` +
        `answer time median ${median.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms; windows ${windows(arrivals)}; ` +
        `second pass ${second.ok} ok`,
    );
  }
  return { mode, quotaErrors, pace, hits };
}

/** The guarantees each mode must keep; a message per one missed. */
function missed({ mode, quotaErrors, pace, hits }) {
  if (mode === "shared") {
    return [
      quotaErrors > 0 && `${quotaErrors} quota errors (expected none)`,
      !(pace >= 90) && `pace ${pace.toFixed(1)} % of quota (expected at least 90 %)`,
      !(hits >= 95) && `${hits.toFixed(1)} % cache hits on the second pass (expected at least 95 %)`,
    ].filter(Boolean);
  }
  return [
    quotaErrors === 0 && "no quota errors: separate workers were expected to overstep the quota",
  ].filter(Boolean);
}

async function main() {
  const redis = await startRedis();
  const failures = [];
  try {
    for (const mode of ["shared", "separate"]) {
      const result = await runMode(mode, redis.url);
      failures.push(...missed(result).map((message) => `fleet: ${mode}: ${message}`));
    }
  } finally {
    redis.stop();
  }
  if (failures.length > 0) {
    for (const failure of failures) console.error(failure);
    process.exitCode = 1;
  }
}
