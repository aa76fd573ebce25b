// Deezer's quota as the service counts it: the default client pulls distinct albums from the emulator (quota
// enforced: 50 arrivals per 5 s per address) while the first 50 answers are slow, as over fresh TLS connections.
// Prints the busiest 5-s span of arrivals, the quota errors, and the pace as a share of the ideal 10 requests/s.
// Run after `npm run build`: node bench/quota.bench.mjs
import { DeezerAPIClient } from "../dist/index.js";
import { DEEZER_SEED_IDS, startEmulator } from "../dist/emulator/index.js";

const CALLS = Number(process.env.BENCH_QUOTA_CALLS ?? 160);
const LIMIT = 50;
const WINDOW_MS = 5000;
const FIRST_ID = 990_000;

async function scenario(label, slowFirst) {
  const emulator = await startEmulator({ services: ["deezer"], quotas: { deezer: true } });
  const model = emulator.deezer.state.albums.get(DEEZER_SEED_IDS.ALBUM.saltInTheEngine);
  const ids = Array.from({ length: CALLS }, (_, i) => FIRST_ID + i);
  for (const [i, id] of ids.entries()) {
    emulator.deezer.state.albums.set(id, {
      ...model,
      id,
      title: `Filler ${i}`,
      upc: String(800_000_000_000 + i),
    });
  }
  if (slowFirst)
    emulator.faults.inject({ role: "deezerApi", path: /^\/album\//, delayMs: slowFirst, times: LIMIT });
  const client = new DeezerAPIClient({ baseUrl: emulator.urls.deezerApi, storeTokens: false });
  const results = await Promise.allSettled(ids.map((id) => client.albums.getAlbum(id)));
  await client.close();
  const arrivals = emulator
    .requestsTo("deezerApi")
    .map((r) => r.at)
    .sort((a, b) => a - b);
  const quotaErrors = emulator.quota.deezer.refused;
  await emulator.close();

  let busiest = 0;
  for (let first = 0, last = 0; last < arrivals.length; last++) {
    while (arrivals[last] - arrivals[first] >= WINDOW_MS) first++;
    busiest = Math.max(busiest, last - first + 1);
  }
  // Ideally request n (0-based) arrives at floor(n / 50) windows after the first.
  const ideal = Math.floor((arrivals.length - 1) / LIMIT) * WINDOW_MS;
  const elapsed = arrivals.at(-1) - arrivals[0];
  const pace = elapsed > 0 ? (100 * ideal) / elapsed : 100;
  const failed = results.filter((r) => r.status === "rejected").length;
  console.log(
    `quota: ${label} — ${CALLS} calls, ${arrivals.length} arrivals, max ${busiest} in any 5-s span (quota ${LIMIT}), ` +
      `${quotaErrors} quota errors, ${failed} failed, pace ${pace.toFixed(1)} % of ideal`,
  );
}

await scenario("first 50 answers slow (150 ms)", 150);
await scenario("fast answers", 0);
