// Request overhead of the core pipeline against raw undici on the same loopback server, as same-run ratios.
// Rounds alternate between the two sides so machine noise hits both alike; medians are reported.
import { fork } from "node:child_process";
import { createServer } from "node:net";
// The pipeline is internal, so it is loaded from the per-module build rather than the package entry point.
// Neither module loads undici: the transport does so on its first request.
import { ApiClient } from "../dist/core/api-client.js";
import { apiErrorClassForStatus } from "../dist/core/errors.js";

const DEADLINE_MS = 200;
const DEADLINE_WARM_CALLS = Number(process.env.BENCH_DEADLINE_CALLS ?? 15);

// Deadline accuracy is measured in a child process of its own: the first call of a process is the one that loads
// undici, which this file's own import below would already have done.
if (process.argv[2] === "--deadline") {
  process.send(await measureDeadlines());
  process.exit(0);
}

const { Agent, request } = await import("undici");

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const SEQUENTIAL_CALLS = Number(process.env.BENCH_SEQUENTIAL ?? 2000);
const PARALLEL_CALLS = Number(process.env.BENCH_PARALLEL ?? 4000);
const IN_FLIGHT = 16;
const CACHE_HITS = 1_000_000;

const server = fork(new URL("./server.mjs", import.meta.url));
const port = await new Promise((resolve) => server.once("message", (m) => resolve(m.port)));
const baseUrl = `http://127.0.0.1:${port}`;

const adapter = {
  authorize(req, credential) {
    if (credential) req.query = { ...req.query, access_token: credential.accessToken };
  },
  interpret(res) {
    if (res.status >= 400) {
      const Kind = apiErrorClassForStatus(res.status);
      throw new Kind({
        service: "deezer",
        status: res.status,
        method: res.method,
        url: res.url,
        message: "failed",
      });
    }
    return JSON.parse(res.text);
  },
  isInvalidToken: () => false,
};

const rawAgent = new Agent({ keepAliveTimeout: 10_000 });
const raw = async () => {
  const res = await request(`${baseUrl}/album/302127`, { dispatcher: rawAgent });
  return res.body.json();
};
const client = new ApiClient({ baseUrl, adapter, enableCache: false });
const sdk = () => client.call({ name: "getAlbum", method: "GET", path: "/album/302127" });

async function sequential(fn, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function parallel(fn, n, width) {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        next++;
        await fn();
      }
    }),
  );
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Warm up sockets and JIT on both sides.
await sequential(raw, 500);
await sequential(sdk, 500);

const seq = { raw: [], sdk: [] };
const par = { raw: [], sdk: [] };
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? ["raw", "sdk"] : ["sdk", "raw"];
  for (const side of order) seq[side].push(await sequential(side === "raw" ? raw : sdk, SEQUENTIAL_CALLS));
  for (const side of order)
    par[side].push(await parallel(side === "raw" ? raw : sdk, PARALLEL_CALLS, IN_FLIGHT));
}

const cached = new ApiClient({ baseUrl, adapter });
const hitCall = { name: "getAlbum", method: "GET", path: "/album/302127", ttl: "popularity" };
await cached.call(hitCall);
const hitStart = process.hrtime.bigint();
for (let i = 0; i < CACHE_HITS; i++) await cached.call(hitCall);
const hitNs = Number(process.hrtime.bigint() - hitStart) / CACHE_HITS;
// Built the way the pipeline files an anonymous GET without query parameters: method, account, path.
const pipelineKey = (name, account, path) => `${name}\u0000${account}\u0000${path}`;
const hit = { name: "getAlbum", account: "anonymous", path: "/album/302127" };
if (cached.cache.get(pipelineKey(hit.name, hit.account, hit.path)) === undefined) {
  throw new Error("The benchmark's key does not match the pipeline's: it would time misses.");
}
const keyStart = process.hrtime.bigint();
for (let i = 0; i < CACHE_HITS; i++) cached.cache.get(pipelineKey(hit.name, hit.account, hit.path));
const lookupNs = Number(process.hrtime.bigint() - keyStart) / CACHE_HITS;

const seqRaw = median(seq.raw) / SEQUENTIAL_CALLS;
const seqSdk = median(seq.sdk) / SEQUENTIAL_CALLS;
const parRaw = PARALLEL_CALLS / (median(par.raw) / 1000);
const parSdk = PARALLEL_CALLS / (median(par.sdk) / 1000);

const fmt = (n, d = 1) => n.toFixed(d);
console.log(
  `core request overhead vs raw undici.request (same loopback server, ${ROUNDS} alternating rounds, medians)`,
);
console.log(
  `sequential   raw ${fmt(seqRaw * 1000)} µs/call   sdk ${fmt(seqSdk * 1000)} µs/call   ratio ${fmt(seqSdk / seqRaw, 3)}x  (target <= 1.10x)`,
);
console.log(
  `16 in flight raw ${fmt(parRaw, 0)} req/s      sdk ${fmt(parSdk, 0)} req/s      ratio ${fmt(parSdk / parRaw, 3)}x  (target >= 0.90x)`,
);
console.log(
  `cache hit    ${fmt(hitNs, 0)} ns per client.call()   ${fmt(lookupNs, 0)} ns per key+lookup  (target < 1000 ns)`,
);
const deadline = await new Promise((resolve, reject) => {
  const child = fork(new URL(import.meta.url), ["--deadline"]);
  child.once("message", resolve);
  child.once("exit", (code) => code !== 0 && reject(new Error(`deadline child exited with ${code}`)));
});
const ms = (n) => `+${fmt(n)} ms`;
console.log(
  `deadline: timeout ${DEADLINE_MS} ms — first call ${ms(deadline.first)}, warm p50 ${ms(deadline.p50)}, max ${ms(deadline.max)} (${deadline.warm} warm calls, against a server that never answers)`,
);
const heap = process.memoryUsage();
console.log(
  `memory       heap used ${fmt(heap.heapUsed / 1048576)} MiB, rss ${fmt(heap.rss / 1048576)} MiB after the run`,
);

await client.close();
await cached.close();
await rawAgent.close();
server.disconnect();

/**
 * How far past `timeout` a call against a server that accepts but never answers settles: the first call of the
 * process (which loads undici and opens the pool) and warm ones. Overruns, not durations, so machine speed aside
 * the ideal is +0 ms.
 */
async function measureDeadlines() {
  const sockets = new Set();
  const silent = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const client = new ApiClient({
    baseUrl: `http://127.0.0.1:${silent.address().port}`,
    adapter: { authorize() {}, interpret: (res) => res.text, isInvalidToken: () => false },
    enableCache: false,
    maxRetries: 0,
  });
  const overrun = async () => {
    const start = performance.now();
    const error = await client
      .call({ name: "silent", method: "GET", path: "/", options: { timeout: DEADLINE_MS } })
      .then(
        () => undefined,
        (caught) => caught,
      );
    if (error?.name !== "TimeoutError") throw new Error(`expected a TimeoutError, got ${error}`);
    return performance.now() - start - DEADLINE_MS;
  };
  const first = await overrun();
  const warm = [];
  for (let i = 0; i < DEADLINE_WARM_CALLS; i++) warm.push(await overrun());
  await client.close();
  for (const socket of sockets) socket.destroy();
  silent.close();
  warm.sort((a, b) => a - b);
  return { first, p50: warm[Math.floor(warm.length / 2)], max: Math.max(first, ...warm), warm: warm.length };
}
