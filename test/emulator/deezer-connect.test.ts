import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { chromium } from "playwright-core";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { DEEZER_SEED_IDS, DEFAULT_DEEZER_APP } from "../../src/emulator/deezer/index.js";
import type { DeezerEmulator } from "../../src/emulator/deezer/index.js";
import { skipUnlessInstalled } from "../helpers/servers.js";

const REDIRECT = "http://127.0.0.1:8765/callback";

const CHROMIUM = [
  process.env["CHROMIUM_PATH"],
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
]
  .filter((path): path is string => path !== undefined && path !== "")
  .find((path) => existsSync(path));

/** The consent page's form, as a browser would submit it: hidden fields plus the clicked button's name/value. */
function formOf(html: string): {
  action: string;
  method: string;
  fields: [string, string][];
  buttons: string[];
} {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/.exec(html);
  assert.ok(form, "the consent page has a form");
  const attrs = form[1] as string;
  const body = form[2] as string;
  const attr = (source: string, name: string): string =>
    new RegExp(`${name}="([^"]*)"`).exec(source)?.[1] ?? "";
  const unescape = (text: string): string =>
    text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  const fields: [string, string][] = [];
  for (const match of body.matchAll(/<input\b([^>]*)>/g)) {
    const input = match[1] as string;
    fields.push([attr(input, "name"), unescape(attr(input, "value"))]);
  }
  const buttons = [...body.matchAll(/<button\b([^>]*)>/g)].map((m) => attr(m[1] as string, "id"));
  return { action: attr(attrs, "action"), method: attr(attrs, "method"), fields, buttons };
}

describe("deezer emulator: OAuth dialog and token exchange", () => {
  let emulator: Emulator;
  let deezer: DeezerEmulator;
  let clock = 1_700_000_000_000;

  before(async () => {
    emulator = await startEmulator({ services: ["deezer"], deezer: { now: () => clock } });
    deezer = emulator.deezer as DeezerEmulator;
  });
  after(() => emulator.close());

  const connect = (path: string): string => emulator.urls.deezerConnect + path;

  async function consentPage(query: Record<string, string>): Promise<{ status: number; html: string }> {
    const res = await fetch(connect(`/oauth/auth.php?${new URLSearchParams(query)}`));
    return { status: res.status, html: await res.text() };
  }

  /** Fetches the page, then posts its form with the chosen button, like a browser click; returns the redirect. */
  async function decide(query: Record<string, string>, button: "allow" | "deny"): Promise<URL> {
    const page = await consentPage(query);
    assert.equal(page.status, 200);
    const form = formOf(page.html);
    const body = new URLSearchParams([...form.fields, ["decision", button]]);
    const res = await fetch(new URL(form.action, connect("/oauth/auth.php")), {
      method: form.method.toUpperCase(),
      body,
      redirect: "manual",
    });
    assert.equal(res.status, 302);
    return new URL(res.headers.get("location") ?? "");
  }

  async function exchange(params: Record<string, string>, how: "form" | "query" = "form"): Promise<Response> {
    const encoded = new URLSearchParams(params);
    return how === "form"
      ? fetch(connect("/oauth/access_token.php"), { method: "POST", body: encoded })
      : fetch(connect(`/oauth/access_token.php?${encoded}`));
  }

  async function me(token: string): Promise<Record<string, unknown>> {
    const res = await fetch(`${emulator.urls.deezerApi}/user/me?access_token=${token}`);
    return (await res.json()) as Record<string, unknown>;
  }

  it("shows a consent page with a real form and Allow/Deny buttons", async () => {
    const page = await consentPage({
      app_id: DEFAULT_DEEZER_APP.appId,
      redirect_uri: REDIRECT,
      perms: "basic_access,email,manage_library",
      state: "xyz",
    });
    assert.equal(page.status, 200);
    const form = formOf(page.html);
    assert.equal(form.method, "post");
    assert.equal(form.action, "/oauth/auth.php");
    assert.deepEqual(form.buttons, ["allow", "deny"]);
    assert.deepEqual(Object.fromEntries(form.fields), {
      app_id: DEFAULT_DEEZER_APP.appId,
      redirect_uri: REDIRECT,
      perms: "basic_access,email,manage_library",
      state: "xyz",
    });
    assert.match(page.html, /Ines Marlow/);
    assert.match(page.html, /data-permission="manage_library"/);
  });

  it("completes the code flow: allow, exchange, use; the code works once", async () => {
    const location = await decide(
      {
        app_id: DEFAULT_DEEZER_APP.appId,
        redirect_uri: REDIRECT,
        perms: "basic_access,email",
        state: "s-123",
      },
      "allow",
    );
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
    assert.equal(location.searchParams.get("state"), "s-123");
    const code = location.searchParams.get("code") ?? "";
    assert.notEqual(code, "");

    const res = await exchange({ app_id: DEFAULT_DEEZER_APP.appId, secret: DEFAULT_DEEZER_APP.secret, code });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    const answer = new URLSearchParams(await res.text());
    assert.equal(answer.get("expires"), "3600");
    const token = answer.get("access_token") ?? "";
    assert.equal((await me(token))["id"], deezer.mainUserId);
    assert.deepEqual([...(deezer.tokenInfo(token)?.permissions ?? [])], ["basic_access", "email"]);

    const again = await exchange({
      app_id: DEFAULT_DEEZER_APP.appId,
      secret: DEFAULT_DEEZER_APP.secret,
      code,
    });
    assert.equal(again.status, 200);
    assert.equal(await again.text(), "wrong code");
  });

  it("answers JSON with output=json, including the failure", async () => {
    const location = await decide(
      { app_id: DEFAULT_DEEZER_APP.appId, redirect_uri: REDIRECT, perms: "basic_access" },
      "allow",
    );
    assert.equal(location.searchParams.has("state"), false);
    const code = location.searchParams.get("code") ?? "";
    const params = {
      app_id: DEFAULT_DEEZER_APP.appId,
      secret: DEFAULT_DEEZER_APP.secret,
      code,
      output: "json",
    };
    const ok = await exchange(params, "query");
    const body = (await ok.json()) as { access_token: string; expires: number };
    assert.equal(body.expires, 3600);
    assert.equal((await me(body.access_token))["id"], deezer.mainUserId);
    const reused = await exchange(params, "query");
    assert.deepEqual(await reused.json(), {
      error: { type: "OAuthException", message: "Invalid OAuth access token.", code: 300 },
    });
  });

  it("refuses a wrong secret, another app's code and an expired code", async () => {
    deezer.registerApp({ appId: "555", secret: "other-secret" });
    const code =
      (await decide({ app_id: DEFAULT_DEEZER_APP.appId, redirect_uri: REDIRECT }, "allow")).searchParams.get(
        "code",
      ) ?? "";
    const wrongSecret = await exchange({ app_id: DEFAULT_DEEZER_APP.appId, secret: "nope", code });
    assert.equal(await wrongSecret.text(), "wrong code");
    const otherApp = await exchange({ app_id: "555", secret: "other-secret", code });
    assert.equal(await otherApp.text(), "wrong code");
    // A failed attempt does not burn the code.
    const good = await exchange({
      app_id: DEFAULT_DEEZER_APP.appId,
      secret: DEFAULT_DEEZER_APP.secret,
      code,
    });
    assert.match(await good.text(), /^access_token=[0-9a-f]+&expires=3600$/);

    const late =
      (await decide({ app_id: DEFAULT_DEEZER_APP.appId, redirect_uri: REDIRECT }, "allow")).searchParams.get(
        "code",
      ) ?? "";
    clock += 10 * 60 * 1000;
    const expired = await exchange({
      app_id: DEFAULT_DEEZER_APP.appId,
      secret: DEFAULT_DEEZER_APP.secret,
      code: late,
    });
    assert.equal(await expired.text(), "wrong code");
  });

  it("redirects a refusal with error_reason=user_denied and the state", async () => {
    const location = await decide(
      { app_id: DEFAULT_DEEZER_APP.appId, redirect_uri: `${REDIRECT}?keep=1`, state: "st" },
      "deny",
    );
    assert.equal(location.searchParams.get("error_reason"), "user_denied");
    assert.equal(location.searchParams.get("state"), "st");
    assert.equal(location.searchParams.get("keep"), "1");
    assert.equal(location.searchParams.has("code"), false);
  });

  it("runs the implicit flow through the fragment, allow and deny", async () => {
    const allowed = await decide(
      {
        app_id: DEFAULT_DEEZER_APP.appId,
        redirect_uri: REDIRECT,
        perms: "basic_access",
        response_type: "token",
        state: "imp",
      },
      "allow",
    );
    assert.equal(allowed.search, "");
    const fragment = new URLSearchParams(allowed.hash.slice(1));
    assert.equal(fragment.get("expires"), "3600");
    assert.equal(fragment.get("state"), "imp");
    assert.equal((await me(fragment.get("access_token") ?? ""))["id"], deezer.mainUserId);

    const denied = await decide(
      { app_id: DEFAULT_DEEZER_APP.appId, redirect_uri: REDIRECT, response_type: "token" },
      "deny",
    );
    assert.deepEqual(Object.fromEntries(new URLSearchParams(denied.hash.slice(1))), {
      error: "access_denied",
      error_reason: "user_denied",
    });
  });

  it("grants tokens that never expire for offline_access (expires=0)", async () => {
    const location = await decide(
      { app_id: DEFAULT_DEEZER_APP.appId, redirect_uri: REDIRECT, perms: "basic_access,offline_access" },
      "allow",
    );
    const res = await exchange({
      app_id: DEFAULT_DEEZER_APP.appId,
      secret: DEFAULT_DEEZER_APP.secret,
      code: location.searchParams.get("code") ?? "",
    });
    const answer = new URLSearchParams(await res.text());
    assert.equal(answer.get("expires"), "0");
    clock += 365 * 24 * 3600 * 1000;
    assert.equal((await me(answer.get("access_token") ?? ""))["id"], deezer.mainUserId);
  });

  it("signs in the account chosen by consentUserId", async () => {
    deezer.consentUserId = DEEZER_SEED_IDS.USER.aiko;
    try {
      const page = await consentPage({ app_id: DEFAULT_DEEZER_APP.appId, redirect_uri: REDIRECT });
      assert.match(page.html, /Aiko Tanabe/);
      const location = await decide(
        { app_id: DEFAULT_DEEZER_APP.appId, redirect_uri: REDIRECT, response_type: "token" },
        "allow",
      );
      const token = new URLSearchParams(location.hash.slice(1)).get("access_token") ?? "";
      assert.equal((await me(token))["id"], DEEZER_SEED_IDS.USER.aiko);
    } finally {
      deezer.consentUserId = deezer.mainUserId;
    }
  });

  it("shows an error page, not a redirect, for an unknown app or an unusable redirect_uri", async () => {
    const unknown = await consentPage({ app_id: "999999", redirect_uri: REDIRECT });
    assert.equal(unknown.status, 200);
    assert.match(unknown.html, /id="error"/);
    assert.doesNotMatch(unknown.html, /<form/);
    const badRedirect = await consentPage({ app_id: DEFAULT_DEEZER_APP.appId, redirect_uri: "not a url" });
    assert.match(badRedirect.html, /redirect_uri/);
    const posted = await fetch(connect("/oauth/auth.php"), {
      method: "POST",
      body: new URLSearchParams({ app_id: "999999", redirect_uri: REDIRECT, decision: "allow" }),
      redirect: "manual",
    });
    assert.equal(posted.status, 200);
    assert.equal(posted.headers.get("location"), null);
  });
});

describe(
  "deezer emulator: consent page in a headless browser",
  { skip: skipUnlessInstalled(CHROMIUM === undefined && "no Chromium found") },
  () => {
    it("lets a browser click Allow and lands on the redirect URI with code and state", async () => {
      const emulator = await startEmulator({ services: ["deezer"] });
      const callbacks: string[] = [];
      const callback = createServer((req, res) => {
        // The browser also asks for /favicon.ico.
        if (req.url?.startsWith("/callback")) callbacks.push(req.url);
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<p>done</p>");
      });
      await new Promise<void>((resolve) => callback.listen(0, "127.0.0.1", resolve));
      const redirectUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox"],
      });
      try {
        const page = await browser.newPage();
        const query = new URLSearchParams({
          app_id: DEFAULT_DEEZER_APP.appId,
          redirect_uri: redirectUri,
          perms: "basic_access,email",
          state: "browser-state",
        });
        await page.goto(`${emulator.urls.deezerConnect}/oauth/auth.php?${query}`);
        await Promise.all([page.waitForURL((url) => url.href.startsWith(redirectUri)), page.click("#allow")]);
        const landed = new URL(page.url());
        assert.equal(landed.searchParams.get("state"), "browser-state");
        assert.equal(callbacks.length, 1);
        const code = landed.searchParams.get("code") ?? "";
        const res = await fetch(`${emulator.urls.deezerConnect}/oauth/access_token.php`, {
          method: "POST",
          body: new URLSearchParams({
            app_id: DEFAULT_DEEZER_APP.appId,
            secret: DEFAULT_DEEZER_APP.secret,
            code,
          }),
        });
        const token = new URLSearchParams(await res.text()).get("access_token") ?? "";
        const me = (await (
          await fetch(`${emulator.urls.deezerApi}/user/me?access_token=${token}`)
        ).json()) as {
          id: number;
        };
        assert.equal(me.id, emulator.deezer?.mainUserId);

        // The implicit flow's token stays in the fragment, which only the browser sees.
        query.set("response_type", "token");
        await page.goto(`${emulator.urls.deezerConnect}/oauth/auth.php?${query}`);
        await Promise.all([page.waitForURL((url) => url.href.startsWith(redirectUri)), page.click("#allow")]);
        const fragment = new URLSearchParams(new URL(page.url()).hash.slice(1));
        assert.equal(fragment.get("state"), "browser-state");
        assert.match(fragment.get("access_token") ?? "", /^[0-9a-f]{54}$/);
        assert.equal(callbacks.at(-1), "/callback");
      } finally {
        await browser.close();
        await new Promise<void>((resolve) => callback.close(() => resolve()));
        await emulator.close();
      }
    });
  },
);
