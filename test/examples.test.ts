import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

const root = new URL("../", import.meta.url).pathname;
const tsconfig = join(root, "examples", "tsconfig.json");

/** Runs an example as its header says (`npx tsx examples/x.ts`), with `minim-ts` mapped to the sources. */
function run(name: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: tsconfig };
    delete env.MINIM_DEEZER_API_URL;
    const child = spawn(process.execPath, ["--import", "tsx", join("examples", name)], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const expected: Record<string, RegExp[]> = {
  "deezer-catalogue.ts": [
    /^chart: .+ by .+$/m,
    /^album: .+ \(\d+ tracks, released \d{4}-\d\d-\d\d\)$/m,
    /^search "salt": \d+ tracks/m,
  ],
  "deezer-login.ts": [
    /^consent page: http:\/\/127\.0\.0\.1:\d+\/oauth\/auth\.php$/m,
    /^logged in as .+ \(user \d+\)$/m,
    /^created playlist \d+$/m,
  ],
  "tidal-device-login.ts": [
    /^open http:\/\/127\.0\.0\.1:\d+\/device and enter [A-Z0-9]+$/m,
    /^logged in as user \d+ \([A-Z]{2}\)$/m,
    /^saved albums: \d+$/m,
  ],
  "pagination.ts": [
    /^first page: 10 of \d+ tracks$/m,
    /^items: 29$/m,
    /^page 2: 9 tracks$/m,
    /^page 3: 10 tracks$/m,
    /^toArray\(15\): 15 tracks$/m,
  ],
  "fault-injection.ts": [
    /^429 then success after 2 requests$/m,
    /^503 then success after 2 requests$/m,
    /^reset: ConnectionError$/m,
  ],
};

describe("examples/", () => {
  it("has a check for every example", () => {
    const files = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".ts"));
    assert.deepEqual(files.sort(), Object.keys(expected).sort());
  });

  it("type-check against the public surface", () => {
    const result = spawnSync(
      process.execPath,
      [join(root, "node_modules/typescript/bin/tsc"), "-p", tsconfig],
      {
        encoding: "utf8",
      },
    );
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });

  for (const [name, patterns] of Object.entries(expected)) {
    it(`${name} runs against its own emulator and prints what it says`, async () => {
      const result = await run(name);
      assert.equal(result.code, 0, result.stderr);
      for (const pattern of patterns) assert.match(result.stdout, pattern);
    });
  }
});
