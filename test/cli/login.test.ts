import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { TokenStore } from "../../src/auth/token-store.js";
import {
  DEFAULT_DEEZER_APP,
  startEmulator,
  TIDAL_DEVICE_CLIENT_ID,
  TIDAL_DEVICE_CLIENT_SECRET,
  TIDAL_PKCE_CLIENT_ID,
  type Emulator,
} from "../../src/emulator/index.js";
import { completion, minim, spawnMinim, waitForOutput } from "./helpers.js";

/** What `eval "$(minim emulator --print-env)"` would set, for an emulator running in this process. */
function emulatorEnv(emulator: Emulator, minimDir: string): Record<string, string> {
  return {
    MINIM_DIR: minimDir,
    MINIM_DEEZER_API_URL: emulator.urls.deezerApi,
    MINIM_DEEZER_CONNECT_URL: emulator.urls.deezerConnect,
    MINIM_TIDAL_API_URL: emulator.urls.tidalApi,
    MINIM_TIDAL_AUTH_URL: emulator.urls.tidalAuth,
    MINIM_TIDAL_LOGIN_URL: emulator.urls.tidalLogin,
    MINIM_TIDAL_RESOURCES_URL: emulator.urls.tidalResources,
    DEEZER_API_APP_ID: DEFAULT_DEEZER_APP.appId,
    DEEZER_API_APP_SECRET: DEFAULT_DEEZER_APP.secret,
    PRIVATE_TIDAL_API_CLIENT_ID: TIDAL_DEVICE_CLIENT_ID,
    PRIVATE_TIDAL_API_CLIENT_SECRET: TIDAL_DEVICE_CLIENT_SECRET,
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no free port");
  return address.port;
}

/** The emulated user clicks "Allow" on the consent page the CLI announced. */
async function clickAllow(pageUrl: string): Promise<void> {
  const page = new URL(pageUrl);
  const form = new URLSearchParams(page.searchParams);
  form.set("decision", "allow");
  const consent = await fetch(new URL(page.pathname, page.origin), {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const location = consent.headers.get("location");
  assert.ok(location, `consent answered ${consent.status} without a redirect`);
  await (await fetch(location)).text();
}

function storedSecrets(minimDir: string, clientName: string): string[] {
  const store = new TokenStore({ path: join(minimDir, "auth.db") });
  try {
    return store
      .list({ clientName })
      .flatMap((t) => [t.accessToken, t.refreshToken ?? "", t.clientSecret ?? ""])
      .filter((s) => s.length > 0);
  } finally {
    store.close();
  }
}

function assertNoSecrets(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) assert.ok(!text.includes(secret), "a secret was printed");
}

describe("minim login, then minim call with the stored login", () => {
  let emulator: Emulator;
  let minimDir: string;

  before(async () => {
    emulator = await startEmulator({ tidal: { deviceUriWithScheme: true, deviceIntervalSeconds: 1 } });
    minimDir = await mkdtemp(join(tmpdir(), "minim-login-"));
  });
  after(async () => {
    await emulator.close();
    await rm(minimDir, { recursive: true, force: true });
  });

  it("logs in to TIDAL with the device flow and calls as that user; after a restart it says to log in again", async () => {
    const env = emulatorEnv(emulator, minimDir);
    const child = spawnMinim(["login", "tidal"], env);
    child.stdin.end();
    const done = completion(child);
    const [, page, code] = await waitForOutput(child.stderr, /open (\S+) and confirm the code (\S+)/, child);
    assert.equal(page, `${emulator.urls.tidalLogin}/device`, "announced with the scheme the server speaks");
    emulator.tidal!.approveDevice(code!);
    const login = await done;
    assert.equal(login.code, 0, login.stderr);
    assert.match(
      login.stdout,
      new RegExp(`Logged in to TIDAL as user ${emulator.tidal!.mainUserId} \\(device\\)`),
    );

    const me = await minim(["call", "tidal", "users.getMe", "--json"], env);
    assert.equal(me.code, 0, me.stderr);
    assert.equal((JSON.parse(me.stdout) as { userId: number }).userId, emulator.tidal!.mainUserId);
    const secrets = storedSecrets(minimDir, "PrivateTIDALAPIClient");
    assert.ok(secrets.length >= 2, "the login was stored");
    assertNoSecrets(login.stdout + login.stderr + me.stdout + me.stderr, secrets);

    // A restarted emulator knows none of the tokens it issued before.
    const restarted = await startEmulator();
    try {
      const run = await minim(["call", "tidal", "users.getMe"], emulatorEnv(restarted, minimDir));
      assert.equal(run.code, 3, run.stderr);
      assert.match(run.stderr, /hint: .*log in again with: minim login tidal/);
      assertNoSecrets(run.stdout + run.stderr, secrets);
    } finally {
      await restarted.close();
    }
  });

  it("logs in to TIDAL with PKCE, the redirect pasted into the terminal", async () => {
    const env = { ...emulatorEnv(emulator, minimDir), PRIVATE_TIDAL_API_CLIENT_SECRET: "" };
    const child = spawnMinim(
      ["login", "tidal", "--flow", "pkce", "--client-id", TIDAL_PKCE_CLIENT_ID, "--user", "pkce-user"],
      env,
    );
    const done = completion(child);
    const [, page] = await waitForOutput(child.stderr, /allow access:\s+(\S+)/, child);
    assert.ok(page!.startsWith(`${emulator.urls.tidalLogin}/authorize?`), page);
    // The user signs in and allows; the browser then lands on tidal://login/auth?code=…, which they paste.
    const html = await (await fetch(page!)).text();
    const request = /name="request" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(request, "the login page has a pending request");
    const allowed = await fetch(`${emulator.urls.tidalLogin}/authorize`, {
      method: "POST",
      body: new URLSearchParams({ request, decision: "allow" }),
      redirect: "manual",
    });
    const redirect = allowed.headers.get("location");
    assert.match(redirect ?? "", /^tidal:\/\/login\/auth\?code=/);
    child.stdin.end(`${redirect}\n`);
    const login = await done;
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, /Logged in to TIDAL as user \d+ \(pkce\)/);
    const code = new URL(redirect!).searchParams.get("code")!;
    assert.ok(!(login.stdout + login.stderr).includes(code), "the authorization code is not echoed");

    const me = await minim(["call", "tidal", "users.getMe", "--user", "pkce-user", "--json"], env);
    assert.equal(me.code, 0, me.stderr);
    assert.equal((JSON.parse(me.stdout) as { userId: number }).userId, emulator.tidal!.mainUserId);
  });

  it("logs in to Deezer through the consent page and the loopback redirect; a rejected token asks for a new login", async () => {
    const env = emulatorEnv(emulator, minimDir);
    const port = await freePort();
    const child = spawnMinim(["login", "deezer", "--redirect-uri", `http://127.0.0.1:${port}/callback`], env);
    child.stdin.end();
    const done = completion(child);
    const [, page] = await waitForOutput(child.stderr, /allow access:\s+(\S+)/, child);
    assert.ok(page!.startsWith(`${emulator.urls.deezerConnect}/oauth/auth.php?`), page);
    await clickAllow(page!);
    const login = await done;
    assert.equal(login.code, 0, login.stderr);
    assert.match(
      login.stdout,
      new RegExp(`Logged in to Deezer as .+ \\(user ${emulator.deezer!.mainUserId}, auth_code\\)`),
    );

    const me = await minim(["call", "deezer", "users.getUser"], env);
    assert.equal(me.code, 0, me.stderr);
    assert.match(me.stdout, new RegExp(`^id\\s+${emulator.deezer!.mainUserId}$`, "m"), "key/value output");
    const anonymous = await minim(["call", "deezer", "users.getUser", "--no-login"], env);
    assert.equal(anonymous.code, 3);
    assert.match(anonymous.stderr, /log in first with: minim login deezer/);
    const missing = await minim(["call", "deezer", "users.getUser", "--user", "404"], env);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /No stored deezer login for user 404/);

    const secrets = storedSecrets(minimDir, "DeezerAPIClient");
    const restarted = await startEmulator();
    try {
      const before = restarted.requests.length;
      const run = await minim(["call", "deezer", "users.getUser"], emulatorEnv(restarted, minimDir));
      assert.equal(run.code, 3, run.stderr);
      assert.match(run.stderr, /hint: .*minim login deezer/);
      assert.equal(restarted.requestsTo("deezerConnect").length, 0, "no login was started");
      assert.ok(restarted.requests.length > before);
      assertNoSecrets(run.stdout + run.stderr, secrets);
    } finally {
      await restarted.close();
    }
  });
});
