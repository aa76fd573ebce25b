import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { after, before, describe, it, mock } from "node:test";
import type { Page } from "playwright-core";
import { BrowserRedirectHandler, type BrowserRedirectOptions } from "../../src/auth/redirect/browser.js";
import type { RedirectRequest } from "../../src/auth/redirect/types.js";
import { AbortedError, AuthorizationError } from "../../src/core/errors.js";
import { startConsentServer, type ConsentServer } from "../helpers/consent-page.js";
import { skipUnlessInstalled } from "../helpers/servers.js";

const BROWSER = process.env["MINIM_BROWSER_PATH"] || "/usr/bin/chromium";
const browserSkip = skipUnlessInstalled(
  existsSync(BROWSER) ? false : `no browser executable at ${BROWSER} (set MINIM_BROWSER_PATH)`,
);

/**
 * A TCP listener standing in for a host that must never be contacted: any connection to it, plain or TLS, is
 * counted. Chromium is told to resolve the real host name to it.
 */
interface Trap {
  port: number;
  connections: number;
  close(): Promise<void>;
}

async function startTrap(): Promise<Trap> {
  const trap: Trap = { port: 0, connections: 0, close: async () => undefined };
  const server: Server = createServer((socket) => {
    trap.connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  trap.port = (server.address() as AddressInfo).port;
  trap.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return trap;
}

/**
 * Nothing here waits against the clock: Chromium may take many seconds to start on a busy machine. Playwright's
 * own 30-s action timeouts are turned off, and each capture's deadline is only a net far beyond any start-up
 * (below the runner's 180-s test timeout, so a hang still fails with the handler's own error).
 */
const SAFETY_NET_MS = 170_000;

/** Clicks a consent button, however long the page takes to show it. */
const click =
  (selector: string) =>
  async (page: Page): Promise<void> => {
    page.setDefaultTimeout(0);
    await page.click(selector);
  };

const clickAllow = click("#allow");

function handler(options: BrowserRedirectOptions = {}): BrowserRedirectHandler {
  return new BrowserRedirectHandler({
    executablePath: BROWSER,
    headless: true,
    onPage: clickAllow,
    ...options,
  });
}

function request(
  overrides: Partial<RedirectRequest> & { authorizationUrl: string; redirectUri: string },
): RedirectRequest {
  return { timeoutMs: SAFETY_NET_MS, ...overrides };
}

describe("BrowserRedirectHandler", { skip: browserSkip }, () => {
  let consent: ConsentServer;
  let trap: Trap;
  before(async () => {
    consent = await startConsentServer();
    trap = await startTrap();
  });
  after(async () => {
    await consent?.close();
    await trap?.close();
  });

  it("captures a loopback redirect without the redirect URI being contacted", async () => {
    const redirectUri = `http://127.0.0.1:${trap.port}/callback`;
    const seen: string[] = [];
    const result = await handler().capture(
      request({
        authorizationUrl: consent.authorizeUrl({ redirectUri, state: "st" }),
        redirectUri,
        state: "st",
        onAuthorization: ({ url }) => void seen.push(url),
      }),
    );
    assert.equal(result.params.get("code"), consent.issued.at(-1));
    assert.equal(result.params.get("state"), "st");
    assert.equal(result.url.origin, `http://127.0.0.1:${trap.port}`);
    assert.equal(seen.length, 1);
    assert.equal(trap.connections, 0);
  });

  it("captures a server redirect to the tidal:// custom scheme", async () => {
    const redirectUri = "tidal://login/auth";
    const result = await handler().capture(
      request({ authorizationUrl: consent.authorizeUrl({ redirectUri, state: "t1" }), redirectUri }),
    );
    assert.equal(result.url.protocol, "tidal:");
    assert.equal(result.params.get("code"), consent.issued.at(-1));
    assert.equal(result.params.get("state"), "t1");
  });

  it("captures a page-initiated navigation to the tidal:// custom scheme", async () => {
    const redirectUri = "tidal://login/auth";
    const result = await handler().capture(
      request({
        authorizationUrl: consent.authorizeUrl({ redirectUri, state: "t2", via: "script" }),
        redirectUri,
      }),
    );
    assert.equal(result.params.get("code"), consent.issued.at(-1));
    assert.equal(result.params.get("state"), "t2");
  });

  it("intercepts https://tidal.com/login/auth without contacting it", async () => {
    const redirectUri = "https://tidal.com/login/auth";
    const trapped = handler({ args: [`--host-resolver-rules=MAP tidal.com 127.0.0.1:${trap.port}`] });
    for (const via of ["redirect", "script"] as const) {
      const result = await trapped.capture(
        request({ authorizationUrl: consent.authorizeUrl({ redirectUri, state: via, via }), redirectUri }),
      );
      assert.equal(result.url.host, "tidal.com");
      assert.equal(result.params.get("code"), consent.issued.at(-1));
      assert.equal(result.params.get("state"), via);
    }
    assert.equal(trap.connections, 0, "tidal.com was contacted");
  });

  it("keeps the fragment of an implicit-flow redirect", async () => {
    const redirectUri = "https://tidal.com/login/auth";
    const trapped = handler({ args: [`--host-resolver-rules=MAP tidal.com 127.0.0.1:${trap.port}`] });
    for (const via of ["redirect", "script"] as const) {
      const result = await trapped.capture(
        request({
          authorizationUrl: consent.authorizeUrl({ redirectUri, state: "f", mode: "fragment", via }),
          redirectUri,
        }),
      );
      assert.equal(result.params.get("access_token"), consent.issued.at(-1), via);
      assert.equal(result.params.get("expires"), "3600");
      assert.equal(result.params.get("state"), "f");
    }
    assert.equal(trap.connections, 0);
  });

  it("ignores navigations to the redirect URI with a wrong or missing state and waits for the right one", async () => {
    const redirectUri = "https://tidal.com/login/auth";
    const strays = [
      `${redirectUri}?error=access_denied&state=forged`,
      `${redirectUri}?code=stray-code`,
      `${redirectUri}#access_token=stray-token&state=forged`,
    ];
    const sent: string[] = [];
    const result = await handler({
      args: [`--host-resolver-rules=MAP tidal.com 127.0.0.1:${trap.port}`],
      onPage: async (page) => {
        page.setDefaultTimeout(0);
        await page.waitForSelector("#allow");
        for (const stray of strays) {
          // The handler cuts each one off before it is sent, so the navigation fails; by then it has been seen.
          await page.goto(stray).then(
            () => assert.fail("a navigation to the redirect URI went through"),
            () => sent.push(stray),
          );
        }
        await page.click("#allow");
      },
    }).capture(
      request({
        authorizationUrl: consent.authorizeUrl({ redirectUri, state: "good" }),
        redirectUri,
        state: "good",
      }),
    );
    assert.deepEqual(sent, strays, "every stray navigation was made before the consent");
    assert.equal(result.params.get("state"), "good");
    assert.equal(result.params.get("code"), consent.issued.at(-1));
    assert.equal(trap.connections, 0);
  });

  it("returns a denial for the caller to report", async () => {
    const redirectUri = `http://localhost:${trap.port}/callback`;
    const result = await handler({ onPage: click("#deny") }).capture(
      request({ authorizationUrl: consent.authorizeUrl({ redirectUri }), redirectUri }),
    );
    assert.equal(result.params.get("error_reason"), "user_denied");
    assert.equal(result.params.has("code"), false);
  });

  it("times out once the page is open, and closes the browser", async () => {
    // The deadline is driven by the test rather than by the clock, so it passes only after the page has opened,
    // whatever the time Chromium needs to start: the capture's timer is set synchronously by capture(), and the
    // one with this (unique) delay is held back and fired by hand.
    const deadlineMs = 123_457;
    let expire: (() => void) | undefined;
    const realSetTimeout = globalThis.setTimeout;
    const timers = mock.method(globalThis, "setTimeout", ((callback: () => void, ms?: number) => {
      if (ms !== deadlineMs) return realSetTimeout(callback, ms);
      expire = callback;
      return realSetTimeout(() => undefined, ms);
    }) as typeof setTimeout);
    let opened!: (page: Page) => void;
    const pageOpened = new Promise<Page>((resolve) => (opened = resolve));
    const redirectUri = "tidal://login/auth";
    let capture: Promise<unknown>;
    try {
      capture = handler({ onPage: async (p) => opened(p) }).capture(
        request({
          authorizationUrl: consent.authorizeUrl({ redirectUri }),
          redirectUri,
          timeoutMs: deadlineMs,
        }),
      );
    } finally {
      timers.mock.restore();
    }
    const outcome = capture.then(
      () => "resolved",
      (error: unknown) => error,
    );
    assert.ok(expire, "the capture set its deadline when it started");
    const page = await Promise.race([
      pageOpened,
      outcome.then((o) => assert.fail(`capture ended early: ${String(o)}`)),
    ]);
    assert.equal(page.isClosed(), false, "the authorization page is open and waiting");
    expire();
    const error = await outcome;
    assert.ok(error instanceof AuthorizationError && error.error === "timeout", String(error));
    assert.equal(page.isClosed(), true, "the browser was closed");
  });

  it("honours the abort signal and closes the browser", async () => {
    let page: Page | undefined;
    const controller = new AbortController();
    const redirectUri = "tidal://login/auth";
    await assert.rejects(
      handler({
        onPage: async (p) => {
          page = p;
          controller.abort();
        },
      }).capture(
        request({
          authorizationUrl: consent.authorizeUrl({ redirectUri }),
          redirectUri,
          signal: controller.signal,
        }),
      ),
      AbortedError,
    );
    assert.equal(page?.isClosed(), true, "the browser was closed");
  });

  it("fails when the authorization page cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(
      handler().capture(
        request({
          authorizationUrl: `http://127.0.0.1:${port}/authorize`,
          redirectUri: "tidal://login/auth",
        }),
      ),
      (error: unknown) => error instanceof AuthorizationError && error.error === "navigation_failed",
    );
  });
});

describe("BrowserRedirectHandler without a browser", () => {
  it("reports a missing executable", async () => {
    await assert.rejects(
      new BrowserRedirectHandler({ executablePath: "/nonexistent/chromium", headless: true }).capture({
        authorizationUrl: "http://127.0.0.1:9/authorize",
        redirectUri: "tidal://login/auth",
      }),
      (error: unknown) =>
        error instanceof AuthorizationError &&
        error.error === "browser_unavailable" &&
        error.message.includes("MINIM_BROWSER_PATH"),
    );
  });
});
