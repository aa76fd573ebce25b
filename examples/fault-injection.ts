/**
 * Fault injection: the emulator answers with a quota error, a 503, or drops the connection, and the client's
 * retries (or typed errors) take it from there. This is how to test an application's failure handling offline.
 *
 *   npx tsx examples/fault-injection.ts
 */
import { ConnectionError, DeezerAPIClient } from "minim-ts";
import { startEmulator } from "minim-ts/emulator";

await using emulator = await startEmulator({ services: ["deezer"] });
await using deezer = new DeezerAPIClient({ baseUrl: emulator.urls.deezerApi, enableCache: false });
const path = "/chart/0/tracks";
const attempts = (): number => emulator.requestsTo("deezerApi", path).length;

// A 429 with Retry-After: the client waits as asked and sends the same request again.
emulator.faults.inject({ role: "deezerApi", path, status: 429, headers: { "retry-after": "0" } });
await deezer.charts.getTopTracks({ limit: 1 });
console.log(`429 then success after ${attempts()} requests`);

// A 503 on a read is retried too.
emulator.clearRequests();
emulator.faults.inject({ role: "deezerApi", path, status: 503 });
await deezer.charts.getTopTracks({ limit: 1 });
console.log(`503 then success after ${attempts()} requests`);

// A dropped connection with retries turned off surfaces as a typed error.
emulator.faults.inject({ role: "deezerApi", path, reset: true });
try {
  await deezer.charts.getTopTracks({ limit: 1, maxRetries: 0 });
} catch (error) {
  console.log(`reset: ${error instanceof ConnectionError ? "ConnectionError" : String(error)}`);
}
