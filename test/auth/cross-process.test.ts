import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { TokenStore } from "../../src/auth/token-store.js";
import { startEmulator, TIDAL_PKCE_CLIENT_ID, type Emulator } from "../../src/emulator/index.js";

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript worker with standard input closed (`ignore`: /dev/null, which ends at once). */
function runWorker(script: string, args: string[]): Promise<ChildResult> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function lastJson(text: string): Record<string, unknown> {
  const line = text.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as Record<string, unknown>;
}

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator();
});
after(async () => {
  await emulator.close();
});

describe("a Deezer token rejected (code 300) with standard input closed", () => {
  // A regression would wait for the five-minute redirect timeout; this guard only turns a hang into a failure.
  const guard = { timeout: 120_000 };

  it(
    "without a terminal the client does not prompt: LoginRequiredError naming `minim login deezer`",
    guard,
    async () => {
      const run = await runWorker("./closed-stdin-worker.ts", [
        emulator.urls.deezerApi,
        emulator.urls.deezerConnect,
        "default",
      ]);
      const outcome = lastJson(run.stdout);
      assert.equal(outcome["ok"], false);
      assert.equal(outcome["name"], "LoginRequiredError", run.stderr);
      assert.equal(outcome["error"], "interaction_required");
      assert.match(String(outcome["message"]), /minim login deezer/);
      assert.doesNotMatch(run.stderr, /paste|Open this URL|oauth\/auth\.php/i, "no prompt was printed");
      assert.ok(!run.stdout.includes("revoked-token-value") && !run.stderr.includes("revoked-token-value"));
    },
  );

  it("an interactive client prompts, and the paste handler ends as soon as stdin ends", guard, async () => {
    const run = await runWorker("./closed-stdin-worker.ts", [
      emulator.urls.deezerApi,
      emulator.urls.deezerConnect,
      "interactive",
    ]);
    const outcome = lastJson(run.stdout);
    assert.equal(outcome["ok"], false);
    assert.equal(outcome["name"], "AuthorizationError", run.stderr);
    assert.equal(outcome["error"], "no_redirect");
    assert.match(run.stderr, /paste/i, "the prompt was shown");
  });
});

describe("8 processes refreshing one stored TIDAL login at once", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "minim-fleet-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(
    "all end with a working token, and one refresh request reaches the emulator",
    { timeout: 120_000 },
    async () => {
      const tidal = emulator.tidal!;
      const path = join(dir, "auth.db");
      const issued = tidal.issueToken({ expiresInSeconds: 1 });
      const store = new TokenStore({ path });
      store.save({
        clientName: "PrivateTIDALAPIClient",
        authFlow: "pkce",
        clientId: TIDAL_PKCE_CLIENT_ID,
        clientSecret: null,
        userIdentifier: "200100001",
        redirectUri: "tidal://login/auth",
        scopes: ["r_usr", "w_usr"],
        tokenType: "Bearer",
        accessToken: issued.accessToken,
        accessTokenSecret: null,
        // Expired for the client, so every process renews before its first call.
        expiresAt: new Date(Date.now() - 60_000),
        refreshToken: issued.refreshToken,
        extras: { user_id: 200100001 },
        addedAt: new Date(Date.now() - 3_600_000),
      });
      store.close();
      const refreshesBefore = tidal.countTokenRequests("refresh_token");
      emulator.clearRequests();

      const startAt = String(Date.now() + 3000);
      const runs = await Promise.all(
        Array.from({ length: 8 }, () =>
          runWorker("./refresh-worker.ts", [
            path,
            emulator.urls.tidalApi,
            emulator.urls.tidalAuth,
            emulator.urls.tidalLogin,
            TIDAL_PKCE_CLIENT_ID,
            startAt,
          ]),
        ),
      );
      for (const run of runs) {
        const outcome = lastJson(run.stdout);
        assert.deepEqual(outcome, { ok: true, userId: 200100001, again: 200100001 }, run.stderr);
        assert.equal(run.code, 0, run.stderr);
      }
      const tokenRequests = emulator.requestsTo("tidalAuth", "/v1/oauth2/token");
      assert.equal(tokenRequests.length, 1, "one token request for the fleet");
      assert.match(tokenRequests[0]!.body, /grant_type=refresh_token/);
      assert.equal(tidal.countTokenRequests("refresh_token") - refreshesBefore, 1);
      const apiRejections = emulator.requestsTo("tidalApi").filter((r) => r.status === 401);
      assert.equal(apiRejections.length, 0, "no process used a rotated-away token");

      // The store holds the rotated login, and the emulator accepts it.
      const reread = new TokenStore({ path });
      const saved = reread.find({
        clientName: "PrivateTIDALAPIClient",
        authFlow: "pkce",
        clientId: TIDAL_PKCE_CLIENT_ID,
      });
      reread.close();
      assert.ok(saved);
      assert.notEqual(saved.accessToken, issued.accessToken);
      assert.notEqual(saved.refreshToken, issued.refreshToken);
      const check = await fetch(`${emulator.urls.tidalApi}/v1/sessions`, {
        headers: { authorization: `Bearer ${saved.accessToken}` },
      });
      assert.equal(check.status, 200);
    },
  );
});
