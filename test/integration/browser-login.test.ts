import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, defaultBrowserExecutable } from "../../src/auth/redirect/browser.js";
import { TokenStore } from "../../src/auth/token-store.js";
import { DeezerAPIClient } from "../../src/deezer/index.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { skipUnlessInstalled } from "../helpers/servers.js";

const executable = defaultBrowserExecutable();
const skip = skipUnlessInstalled(
  executable && existsSync(executable) ? false : "no Chromium installed (apt-get install chromium)",
);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 0;
}

/**
 * What a user does, end to end, with nothing mocked: the public client opens the emulator's real consent page in
 * headless Chromium, the user clicks Allow, the browser is redirected to the client's one-shot loopback server,
 * the code is exchanged, the token lands in a real SQLite file and the first API call uses it.
 */
describe("Deezer login in a real browser", { skip }, () => {
  let emulator: Emulator;
  let minimDir: string;
  let browser: Browser;

  before(async () => {
    emulator = await startEmulator({ services: ["deezer"] });
    minimDir = await mkdtemp(join(tmpdir(), "minim-browser-login-"));
    // No wall-clock budgets: on a busy machine Chromium may take long to start or to show a page, so Playwright's
    // launch and action timeouts are off; the test runner's timeout remains the net.
    browser = await chromium.launch({
      executablePath: executable,
      headless: true,
      args: [...CHROMIUM_ARGS],
      timeout: 0,
    });
  });
  after(async () => {
    await browser?.close();
    await emulator?.close();
    await rm(minimDir, { recursive: true, force: true });
  });

  function connectUrls() {
    return {
      baseUrl: emulator.urls.deezerApi,
      authUrl: `${emulator.urls.deezerConnect}/oauth/auth.php`,
      tokenUrl: `${emulator.urls.deezerConnect}/oauth/access_token.php`,
    };
  }

  it("auth_code with the http.server handler: the browser's redirect reaches the local server", async () => {
    const store = new TokenStore({ path: join(minimDir, "auth.db") });
    const port = await freePort();
    const clicked: string[] = [];
    await using client = await DeezerAPIClient.create({
      ...connectUrls(),
      authFlow: "auth_code",
      appId: "100001",
      appSecret: "emulator-app-secret",
      redirectUri: `http://127.0.0.1:${port}/callback`,
      permissions: ["basic_access", "manage_library"],
      redirectHandler: "http.server",
      tokenStore: store,
      onAuthorization: async ({ url }) => {
        clicked.push(url);
        const page = await browser.newPage();
        page.setDefaultTimeout(0);
        await page.goto(url);
        await page.click("#allow");
      },
    });
    assert.equal(clicked.length, 1);
    assert.ok(clicked[0]?.startsWith(`${emulator.urls.deezerConnect}/oauth/auth.php?app_id=100001`));
    const me = await client.users.getUser();
    assert.equal(me.id, emulator.deezer!.mainUserId);
    const saved = emulator.requestsTo("deezerApi", "/user/me").at(-1);
    assert.ok(saved?.query.access_token, "the API call carried the new token");

    // The row is readable with plain SQL in the shared tokens schema.
    store.close();
    const db = new Database(join(minimDir, "auth.db"), { readonly: true });
    const row = db
      .prepare("SELECT client_name, auth_flow, client_id, user_identifier, scopes, expires_at FROM tokens")
      .get() as Record<string, string>;
    db.close();
    assert.equal(row.client_name, "DeezerAPIClient");
    assert.equal(row.auth_flow, "auth_code");
    assert.equal(row.client_id, "100001");
    assert.equal(row.user_identifier, String(emulator.deezer!.mainUserId));
    assert.equal(row.scopes, "basic_access manage_library");
    assert.match(row.expires_at ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("implicit with the playwright handler clicking Allow: the token comes from the fragment", async () => {
    await using client = await DeezerAPIClient.create({
      ...connectUrls(),
      authFlow: "implicit",
      appId: "100001",
      redirectUri: "http://localhost:8765/never-served",
      redirectHandler: "playwright",
      browser: {
        headless: true,
        onPage: async (page) => {
          page.setDefaultTimeout(0);
          await page.click("#allow");
        },
      },
      storeTokens: false,
    });
    const me = await client.users.getUser();
    assert.equal(me.id, emulator.deezer!.mainUserId);
  });
});
