import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { TLSSocket } from "node:tls";
import { after, before, describe, it } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "../../src/auth/redirect/browser.js";
import { HttpServerRedirectHandler } from "../../src/auth/redirect/http-server.js";
import type { RedirectRequest, RedirectResult } from "../../src/auth/redirect/types.js";
import { AbortedError, AuthorizationError, ValidationError } from "../../src/core/errors.js";
import { startConsentServer, type ConsentMode, type ConsentServer } from "../helpers/consent-page.js";
import { freePort } from "./helpers.js";
import { skipUnlessInstalled } from "../helpers/servers.js";

const BROWSER = process.env["MINIM_BROWSER_PATH"] || "/usr/bin/chromium";
const browserSkip = skipUnlessInstalled(
  existsSync(BROWSER) ? false : `no browser executable at ${BROWSER} (set MINIM_BROWSER_PATH)`,
);

/** Proves the handler released its port: binding it again must work. */
async function assertPortFree(port: number, host = "127.0.0.1"): Promise<void> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The handler does not wait for `onAuthorization`; tests that assert on what it saw wait for it themselves. */
function tracked(hook: (info: { url: string }) => Promise<void>): {
  onAuthorization: (info: { url: string }) => Promise<void>;
  done: () => Promise<void>;
} {
  let running: Promise<void> = Promise.resolve();
  return {
    onAuthorization: (info) => (running = hook(info)),
    done: () => running,
  };
}

function quiet(overrides: Partial<RedirectRequest> & { redirectUri: string }): RedirectRequest {
  const output = new PassThrough();
  output.resume();
  return {
    authorizationUrl: "http://127.0.0.1:9/authorize?client_id=x",
    output,
    timeoutMs: 10_000,
    ...overrides,
  };
}

describe("HttpServerRedirectHandler over plain HTTP", () => {
  it("answers the callback, 404s other paths and ignores a foreign state", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const statuses: number[] = [];
    const hook = tracked(async () => {
      for (const path of [
        "/favicon.ico",
        "/callback?code=stale&state=bad",
        "/callback?code=fresh&state=good",
      ]) {
        const response = await fetch(base + path);
        statuses.push(response.status);
        if (path.includes("good")) assert.match(await response.text(), /close this window/);
        else await response.arrayBuffer();
      }
    });
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const result = await new HttpServerRedirectHandler().capture({
      ...quiet({ redirectUri: `${base}/callback`, state: "good" }),
      output,
      onAuthorization: hook.onAuthorization,
    });
    await hook.done();
    assert.deepEqual(statuses, [404, 400, 200]);
    assert.equal(result.params.get("code"), "fresh");
    assert.equal(result.url.href, `${base}/callback?code=fresh&state=good`);
    // The application's hook presents the page, so the terminal stays quiet.
    assert.equal(printed, "");
    await assertPortFree(port);
  });

  it("relays a fragment sent back by its page as a query", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let page = "";
    let csp = "";
    const result = await new HttpServerRedirectHandler().capture(
      quiet({
        redirectUri: `${base}/callback`,
        onAuthorization: async () => {
          const response = await fetch(`${base}/callback`);
          page = await response.text();
          csp = response.headers.get("content-security-policy") ?? "";
          await (await fetch(`${base}/callback?access_token=tok&expires=3600&_fragment=1`)).text();
        },
      }),
    );
    assert.match(page, /location\.hash/);
    assert.match(csp, /script-src 'sha256-/);
    assert.equal(result.url.search, "");
    assert.equal(result.params.get("access_token"), "tok");
    assert.equal(result.params.get("expires"), "3600");
    assert.equal(result.params.has("_fragment"), false);
    assert.match(result.url.hash, /access_token=tok/);
  });

  it("denials resolve too, so the caller can report them", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const result = await new HttpServerRedirectHandler().capture(
      quiet({
        redirectUri: `${base}/cb`,
        onAuthorization: async () => void (await (await fetch(`${base}/cb?error_reason=user_denied`)).text()),
      }),
    );
    assert.equal(result.params.get("error_reason"), "user_denied");
  });

  it("ignores callbacks without the expected state, a forged error included, and keeps waiting", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const statuses: number[] = [];
    const hook = tracked(async () => {
      for (const path of [
        "/callback?error=access_denied",
        "/callback?error=access_denied&error_reason=user_denied&state=forged",
        "/callback?code=nostate",
        "/callback?error=access_denied&_fragment=1",
        "/callback?code=fresh&state=good",
      ]) {
        const response = await fetch(base + path);
        statuses.push(response.status);
        await response.arrayBuffer();
      }
    });
    const result = await new HttpServerRedirectHandler().capture({
      ...quiet({ redirectUri: `${base}/callback`, state: "good" }),
      onAuthorization: hook.onAuthorization,
    });
    await hook.done();
    assert.deepEqual(statuses, [400, 400, 400, 400, 200]);
    assert.equal(result.params.get("code"), "fresh");
    assert.equal(result.params.has("error"), false);
    await assertPortFree(port);
  });

  it("times out and closes the port", async () => {
    const port = await freePort();
    const started = Date.now();
    await assert.rejects(
      new HttpServerRedirectHandler().capture(
        quiet({ redirectUri: `http://127.0.0.1:${port}/cb`, timeoutMs: 300 }),
      ),
      (error: unknown) => error instanceof AuthorizationError && error.error === "timeout",
    );
    assert.ok(Date.now() - started >= 290);
    await assertPortFree(port);
  });

  it("closes the port when aborted, even with a keep-alive connection open", async () => {
    const port = await freePort();
    const controller = new AbortController();
    const pending = new HttpServerRedirectHandler().capture(
      quiet({
        redirectUri: `http://127.0.0.1:${port}/cb`,
        signal: controller.signal,
        onAuthorization: async () => {
          await (await fetch(`http://127.0.0.1:${port}/cb`)).text();
          controller.abort();
        },
      }),
    );
    await assert.rejects(pending, AbortedError);
    await assertPortFree(port);
  });

  it("listens on both loopback addresses for localhost", async () => {
    const port = await freePort();
    const seen: number[] = [];
    const hook = tracked(async () => {
      seen.push((await fetch(`http://[::1]:${port}/favicon.ico`)).status);
      seen.push((await fetch(`http://127.0.0.1:${port}/cb?code=v4`)).status);
    });
    const result = await new HttpServerRedirectHandler().capture(
      quiet({ redirectUri: `http://localhost:${port}/cb`, onAuthorization: hook.onAuthorization }),
    );
    await hook.done();
    assert.deepEqual(seen, [404, 200]);
    assert.equal(result.url.host, `localhost:${port}`);
    await assertPortFree(port);
    await assertPortFree(port, "::1");
  });

  it("refuses redirect URIs it cannot serve and busy ports", async () => {
    for (const redirectUri of [
      "tidal://login/auth",
      "https://tidal.com/login/auth",
      "http://192.0.2.1:8080/cb",
    ]) {
      await assert.rejects(new HttpServerRedirectHandler().capture(quiet({ redirectUri })), ValidationError);
    }
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      await assert.rejects(
        new HttpServerRedirectHandler().capture(quiet({ redirectUri: `http://127.0.0.1:${port}/cb` })),
        (error: unknown) =>
          error instanceof AuthorizationError && error.error === "redirect_server_unavailable",
      );
    } finally {
      busy.close();
    }
  });
});

describe("HttpServerRedirectHandler over HTTPS", () => {
  let minimDir: string;
  let previous: string | undefined;
  before(() => {
    minimDir = mkdtempSync(join(tmpdir(), "minim-certs-"));
    previous = process.env["MINIM_DIR"];
    process.env["MINIM_DIR"] = join(minimDir, "state");
  });
  after(() => {
    if (previous === undefined) delete process.env["MINIM_DIR"];
    else process.env["MINIM_DIR"] = previous;
    rmSync(minimDir, { recursive: true, force: true });
  });

  async function httpsCapture(): Promise<{ code: string | null; servedCert: Buffer }> {
    const port = await freePort();
    let servedCert = Buffer.alloc(0);
    const hook = tracked(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = httpsRequest(
            { host: "127.0.0.1", port, path: "/callback?code=tls-code", rejectUnauthorized: false },
            (response) => {
              servedCert = (response.socket as TLSSocket).getPeerCertificate().raw;
              response.resume();
              response.on("end", resolve);
            },
          );
          req.on("error", reject);
          req.end();
        }),
    );
    const result = await new HttpServerRedirectHandler().capture(
      quiet({ redirectUri: `https://localhost:${port}/callback`, onAuthorization: hook.onAuthorization }),
    );
    await hook.done();
    return { code: result.params.get("code"), servedCert };
  }

  it("generates the certificate once under MINIM_DIR/certs and reuses it", async () => {
    const certDir = join(minimDir, "state", "certs");
    const first = await httpsCapture();
    assert.equal(first.code, "tls-code");
    const keyPath = join(certDir, "localhost-key.pem");
    const certPath = join(certDir, "localhost-cert.pem");
    assert.equal(statSync(keyPath).mode & 0o777, 0o600);
    assert.equal(statSync(join(minimDir, "state")).mode & 0o777, 0o700);
    const cert = new X509Certificate(readFileSync(certPath));
    assert.ok(first.servedCert.equals(cert.raw), "the stored certificate is the one served");
    assert.match(cert.subjectAltName ?? "", /DNS:localhost/);
    assert.match(cert.subjectAltName ?? "", /IP Address:127\.0\.0\.1/);
    const before = {
      key: readFileSync(keyPath, "utf8"),
      keyTime: statSync(keyPath).mtimeMs,
      certTime: statSync(certPath).mtimeMs,
    };

    const second = await httpsCapture();
    assert.equal(second.code, "tls-code");
    assert.ok(second.servedCert.equals(cert.raw));
    assert.equal(readFileSync(keyPath, "utf8"), before.key);
    assert.equal(statSync(keyPath).mtimeMs, before.keyTime);
    assert.equal(statSync(certPath).mtimeMs, before.certTime);
  });
});

describe("HttpServerRedirectHandler with a real browser", { skip: browserSkip }, () => {
  let browser: Browser;
  let consent: ConsentServer;
  before(async () => {
    browser = await chromium.launch({ executablePath: BROWSER, headless: true, args: [...CHROMIUM_ARGS] });
    consent = await startConsentServer();
  });
  after(async () => {
    await browser?.close();
    await consent?.close();
  });

  /**
   * Captures on a free port while a fresh browser context plays the user and clicks Allow. `check` runs before
   * the context closes, so it can still look at the page; returns the port.
   */
  async function captureAllowed(
    state: string,
    mode: ConsentMode,
    check: (result: RedirectResult, page: Page) => Promise<void>,
  ): Promise<number> {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/callback`;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const result = await new HttpServerRedirectHandler().capture(
        quiet({
          authorizationUrl: consent.authorizeUrl({ redirectUri, state, mode }),
          redirectUri,
          state,
          onAuthorization: async ({ url }) => {
            await page.goto(url);
            await page.click("#allow");
          },
        }),
      );
      await check(result, page);
    } finally {
      await context.close();
    }
    return port;
  }

  it("receives the authorization code after Allow is clicked", async () => {
    const port = await captureAllowed("s-1", "query", async (result, page) => {
      assert.equal(result.params.get("state"), "s-1");
      assert.equal(result.params.get("code"), consent.issued.at(-1));
      await page.getByText(/close this window/).waitFor();
    });
    await assertPortFree(port);
  });

  it("receives an implicit-flow token from the fragment", async () => {
    await captureAllowed("s-2", "fragment", async (result, page) => {
      assert.equal(result.params.get("access_token"), consent.issued.at(-1));
      assert.equal(result.params.get("expires"), "3600");
      assert.equal(result.params.get("state"), "s-2");
      await page.getByText(/Authorization complete/).waitFor();
      assert.equal(new URL(page.url()).hash, "", "the token is removed from the address bar");
    });
  });

  it("ignores a redirect carrying another attempt's state and keeps waiting", async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/callback`;
    const context = await browser.newContext();
    let staleStatus = 0;
    let staleCode: string | undefined;
    try {
      const result = await new HttpServerRedirectHandler().capture(
        quiet({
          authorizationUrl: consent.authorizeUrl({ redirectUri, state: "current" }),
          redirectUri,
          state: "current",
          onAuthorization: async ({ url }) => {
            const stale = await context.newPage();
            await stale.goto(consent.authorizeUrl({ redirectUri, state: "stale" }));
            const [response] = await Promise.all([
              stale.waitForResponse((r) => r.url().startsWith(redirectUri)),
              stale.click("#allow"),
            ]);
            staleStatus = response.status();
            staleCode = consent.issued.at(-1);
            const page = await context.newPage();
            await page.goto(url);
            await page.click("#allow");
          },
        }),
      );
      assert.equal(staleStatus, 400);
      assert.notEqual(result.params.get("code"), staleCode);
      assert.equal(result.params.get("code"), consent.issued.at(-1));
      assert.equal(result.params.get("state"), "current");
    } finally {
      await context.close();
    }
  });
});
