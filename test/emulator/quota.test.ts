/**
 * The emulator's quotas: Deezer's counted per client address at arrival (before faults and routes), TIDAL's per
 * account; refused only when enabled, always counted in `emulator.quota`.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { ManualClock } from "../../src/core/clock.js";
import { RateLimitError } from "../../src/core/errors.js";
import { DEEZER_SEED_IDS } from "../../src/emulator/deezer/index.js";
import { formatRequestLine, startEmulator, type Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import { userClient } from "../tidal/helpers.js";

const { GENRE } = DEEZER_SEED_IDS;
const QUOTA_BODY = { error: { type: "Exception", message: "Quota limit exceeded", code: 4 } };

async function get(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${base}${path}`, { headers });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe("emulator quota: Deezer", () => {
  let emulator: Emulator;
  let clock = 1_700_000_000_000;

  before(async () => {
    emulator = await startEmulator({
      services: ["deezer"],
      quotas: { deezer: { limit: 3, windowMs: 5000 } },
      deezer: { now: () => clock },
    });
  });
  after(() => emulator.close());

  it("refuses a request beyond the quota with code 4, before faults and routes see it", async () => {
    emulator.clearRequests();
    const api = emulator.urls.deezerApi;
    for (let i = 0; i < 3; i++)
      assert.equal(((await get(api, `/genre/${GENRE.pop}`)).body as { id: number }).id, GENRE.pop);
    const fault = emulator.faults.inject({ role: "deezerApi", delayMs: 60_000, times: Infinity });
    const refused = await get(api, `/genre/${GENRE.pop}`);
    assert.equal(refused.status, 200);
    assert.deepEqual(refused.body, QUOTA_BODY);
    assert.equal(fault.seen, 0, "the refused request never reached the fault (nor the routes)");
    fault.remove();
    const record = emulator.requests.at(-1)!;
    assert.equal(record.quotaExceeded, true);
    assert.equal(record.faulted, false);
    assert.match(formatRequestLine(record), /-> 200 \(quota\)$/);
    assert.deepEqual(emulator.quota.deezer, {
      enforced: true,
      limit: 3,
      windowMs: 5000,
      arrivals: 4,
      refused: 1,
      overLimit: 1,
      peakInWindow: 4,
    });
    // Refused requests do not extend the window: 5 s after the first three, the address is served again.
    clock += 4999;
    assert.deepEqual((await get(api, "/infos")).body, QUOTA_BODY);
    clock += 1;
    assert.equal((await get(api, "/infos")).status, 200);
    assert.notDeepEqual((await get(api, "/infos")).body, QUOTA_BODY);
  });

  it("clearRequests() zeroes the counters", async () => {
    clock += 10_000;
    emulator.clearRequests();
    assert.equal(emulator.quota.deezer.arrivals, 0);
    await get(emulator.urls.deezerApi, "/infos");
    assert.equal(emulator.quota.deezer.arrivals, 1);
    assert.equal(emulator.quota.tidal.arrivals, 0, "the OAuth and TIDAL hosts are not metered as Deezer");
  });
});

describe("emulator quota: off by default, counted anyway", () => {
  it("serves everything but reports what would have been refused", async () => {
    const clock = 1_700_000_000_000;
    await using emulator = await startEmulator({ services: ["deezer"], deezer: { now: () => clock } });
    const api = emulator.urls.deezerApi;
    const answers = await Promise.all(Array.from({ length: 55 }, () => get(api, "/infos")));
    assert.ok(answers.every((a) => a.status === 200 && !("error" in (a.body as object))));
    assert.deepEqual(emulator.quota.deezer, {
      enforced: false,
      limit: 50,
      windowMs: 5000,
      arrivals: 55,
      refused: 0,
      overLimit: 5,
      peakInWindow: 55,
    });
    assert.equal(emulator.quota.tidal.enforced, false);
  });

  it("`quotas: true` enforces both services with their defaults", async () => {
    const clock = 1_700_000_000_000;
    await using emulator = await startEmulator({ quotas: true, deezer: { now: () => clock } });
    const api = emulator.urls.deezerApi;
    const answers = await Promise.all(Array.from({ length: 52 }, () => get(api, "/infos")));
    assert.equal(answers.filter((a) => JSON.stringify(a.body) === JSON.stringify(QUOTA_BODY)).length, 2);
    assert.equal(emulator.quota.deezer.refused, 2);
    assert.deepEqual(
      { ...emulator.quota.tidal, arrivals: 0 },
      { enforced: true, ratePerSecond: 5, burst: 20, arrivals: 0, refused: 0, overLimit: 0 },
    );
  });

  it("rejects impossible quota settings", async () => {
    await assert.rejects(startEmulator({ quotas: { deezer: { windowMs: 0 } } }), RangeError);
    await assert.rejects(startEmulator({ quotas: { tidal: { burst: 0.5 } } }), RangeError);
  });
});

describe("emulator quota: TIDAL", () => {
  it("answers 429 with Retry-After per account once its bucket is empty", async () => {
    const clock = new ManualClock();
    await using emulator = await startEmulator({
      services: ["tidal"],
      quotas: { tidal: { ratePerSecond: 1, burst: 2 } },
      tidal: { now: () => clock.now() },
    });
    const tidal = emulator.tidal!;
    const path = `/v1/tracks/${TIDAL_SEED.tracks.lowWater}?countryCode=US`;
    const bearer = (userId?: number) => ({
      authorization: `Bearer ${tidal.issueToken(userId === undefined ? {} : { userId }).accessToken}`,
    });
    const main = bearer();
    const mainAgain = bearer();
    const api = emulator.urls.tidalApi;
    assert.equal((await get(api, path, main)).status, 200);
    assert.equal(
      (await get(api, path, mainAgain)).status,
      200,
      "a second token of one account shares its quota",
    );
    const refused = await get(api, path, main);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("retry-after"), "1");
    assert.deepEqual(refused.body, {
      status: 429,
      subStatus: 1429,
      userMessage: "Too many requests, slow down",
    });
    assert.equal(emulator.requests.at(-1)!.quotaExceeded, true);
    assert.equal(
      (await get(api, path, bearer(tidal.secondUserId))).status,
      200,
      "another account has its own",
    );
    await clock.advance(1000);
    assert.equal((await get(api, path, main)).status, 200);
    const { tidal: report } = emulator.quota;
    assert.deepEqual([report.arrivals, report.refused, report.overLimit], [5, 1, 1]);
  });

  it("the default client never trips it; a client without a limiter does", async () => {
    const clock = new ManualClock();
    await using emulator = await startEmulator({
      services: ["tidal"],
      quotas: { tidal: true },
      tidal: { now: () => clock.now() },
    });
    const track = TIDAL_SEED.tracks.lowWater;

    // The client's own bucket (4 a second, bursts of 12) on the same manual clock as the emulator's.
    const paced = userClient(emulator, { limitRate: true, enableCache: false, clock }).client;
    const calls = Array.from({ length: 60 }, () => paced.tracks.getTrack(track, { countryCode: "US" }));
    let settled = 0;
    for (const call of calls) void call.finally(() => settled++);
    while (settled < calls.length) await clock.advance(50);
    await Promise.all(calls);
    assert.equal(emulator.quota.tidal.arrivals, 60);
    assert.equal(emulator.quota.tidal.refused, 0);
    await paced.close();

    await clock.advance(10_000);
    emulator.clearRequests();
    const unlimited = userClient(emulator, { enableCache: false, maxRetries: 0 }).client;
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () => unlimited.tracks.getTrack(track, { countryCode: "US" })),
    );
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    assert.equal(rejected.length, 10, "20 go through on the burst, the rest are refused");
    assert.ok(rejected.every((r) => r.reason instanceof RateLimitError));
    assert.equal(emulator.quota.tidal.refused, 10);
    await unlimited.close();
  });
});

describe("minim emulator --quotas", () => {
  it("turns the quotas on and marks refused requests in its log", async () => {
    const cli = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", cli, "emulator", "--quotas", "--service", "deezer"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    try {
      const lines = createInterface({ input: child.stdout! });
      const seen: string[] = [];
      let wake: (() => void) | undefined;
      lines.on("line", (line) => {
        seen.push(line);
        wake?.();
      });
      const waitForLine = async (pattern: RegExp): Promise<string> => {
        for (;;) {
          const line = seen.find((l) => pattern.test(l));
          if (line !== undefined) return line;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      };
      const api = /^deezerApi\s+(\S+)$/.exec(await waitForLine(/^deezerApi\s/))![1]!;
      const answers = await Promise.all(Array.from({ length: 51 }, () => get(api, "/infos")));
      assert.equal(answers.filter((a) => JSON.stringify(a.body) === JSON.stringify(QUOTA_BODY)).length, 1);
      assert.match(await waitForLine(/\(quota\)$/), /^GET deezerApi \/infos -> 200 \(quota\)$/);
    } finally {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });
});
