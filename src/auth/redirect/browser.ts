import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { AuthorizationError } from "../../core/errors.js";
import { redactText } from "../../core/redact.js";
import { loadOptionalModule } from "../optional-module.js";
import { deferred, runCapture, whenAborted, type Deferred } from "./capture.js";
import type { RedirectHandler, RedirectRequest, RedirectResult } from "./types.js";
import { matchesRedirectUri, parseRedirect, parseRedirectUri } from "./urls.js";

/** Options of {@link BrowserRedirectHandler}. */
export interface BrowserRedirectOptions {
  /** Browser binary; `$MINIM_BROWSER_PATH`, else `/usr/bin/chromium` (Chromium) or Playwright's own (Firefox). */
  executablePath?: string;
  /** Which engine drives the window. Firefox needs Playwright's patched build. Default `chromium`. */
  browser?: "chromium" | "firefox";
  /** Run without a window. Default `false`: a person has to sign in. */
  headless?: boolean;
  /** Called with the authorization page once it starts loading; lets automation sign in and approve. */
  onPage?: (page: Page) => Promise<void>;
  /** Extra command-line switches for the browser. */
  args?: readonly string[];
}

/**
 * Switches that keep a scripted Chromium quiet and predictable: no sandbox (containers, root), no GPU, no QUIC,
 * and none of the background traffic (updates, sync, first-run pages) a login window does not need.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Chromium opens connections to a navigation's host as soon as the navigation starts, before there is a request
 * to intercept (seen as TCP+TLS handshakes to the redirect host in tests). Turning network prediction off in the
 * profile keeps the redirect URI's host from being contacted at all; no command-line switch does this.
 */
async function writeChromiumPreferences(profile: string): Promise<void> {
  await mkdir(join(profile, "Default"), { recursive: true });
  // 2 = never predict network actions (no preconnect, no DNS prefetch, no preloading).
  const preferences = { net: { network_prediction_options: 2 } };
  await writeFile(join(profile, "Default", "Preferences"), JSON.stringify(preferences));
}

/** Firefox's counterparts: no speculative connections, DNS prefetch or link prefetch. */
const FIREFOX_PREFS: Record<string, boolean | number> = {
  "network.http.speculative-parallel-limit": 0,
  "network.dns.disablePrefetch": true,
  "network.prefetch-next": false,
  "network.predictor.enabled": false,
};

/** The default browser binary: `$MINIM_BROWSER_PATH`, else `/usr/bin/chromium` for Chromium. */
export function defaultBrowserExecutable(browser: "chromium" | "firefox" = "chromium"): string | undefined {
  const fromEnv = process.env["MINIM_BROWSER_PATH"];
  if (fromEnv !== undefined && fromEnv.trim() !== "") return fromEnv;
  return browser === "chromium" ? "/usr/bin/chromium" : undefined;
}

/**
 * How long a redirect seen only through a `request` event (whose URL lacks the fragment) waits for a complete
 * sighting, and how long a failed page load waits for a redirect that raced it.
 */
const SETTLE_MS = 400;

/**
 * Drives a real browser window (Playwright) through the authorization page and catches the navigation to the
 * redirect URI before it is sent: the redirect URI is never contacted and never has to load. That makes it work for
 * redirect URIs nothing local can serve, such as `tidal://login/auth` or `https://tidal.com/login/auth`.
 *
 * With Chromium, document requests are paused through the DevTools protocol both before they leave and when a
 * response arrives, so a server-side redirect (a 3xx whose `Location` is the redirect URI, whatever its scheme) is
 * caught before the browser follows it; navigations the page starts itself (links, `location.href`) are seen as
 * they are requested. Firefox relies on Playwright routing and navigation events.
 */
export class BrowserRedirectHandler implements RedirectHandler {
  private readonly options: BrowserRedirectOptions;

  constructor(options: BrowserRedirectOptions = {}) {
    this.options = options;
  }

  async capture(req: RedirectRequest): Promise<RedirectResult> {
    parseRedirectUri(req.redirectUri);
    const kind = this.options.browser ?? "chromium";
    const executablePath = this.options.executablePath ?? defaultBrowserExecutable(kind);
    return runCapture(req, async (signal) => {
      if (executablePath !== undefined && !existsSync(executablePath)) {
        throw new AuthorizationError({
          error: "browser_unavailable",
          message: `No browser at ${executablePath}; install one or set MINIM_BROWSER_PATH.`,
        });
      }
      const playwright = await loadOptionalModule(
        "playwright-core",
        "The 'playwright' redirect handler",
        () => import("playwright-core"),
      );
      const launcher = kind === "firefox" ? playwright.firefox : playwright.chromium;
      // A throw-away profile: nothing of the user's browser is touched, and the session (cookies of the login
      // page) is gone afterwards. mkdtemp creates it readable only by us.
      const profile = await mkdtemp(join(tmpdir(), "minim-browser-"));
      try {
        if (kind === "chromium") await writeChromiumPreferences(profile);
        let context: BrowserContext;
        try {
          context = await launcher.launchPersistentContext(profile, {
            ...(executablePath !== undefined ? { executablePath } : {}),
            headless: this.options.headless ?? false,
            args: [...(kind === "chromium" ? CHROMIUM_ARGS : []), ...(this.options.args ?? [])],
            ...(kind === "firefox" ? { firefoxUserPrefs: FIREFOX_PREFS } : {}),
          });
        } catch (error) {
          throw new AuthorizationError({
            error: "browser_unavailable",
            message: `Could not start ${kind}: ${firstLine(error)}`,
          });
        }
        try {
          if (signal.aborted) throw signal.reason;
          return await this.run(req, context, kind, signal);
        } finally {
          await context.close().catch(() => undefined);
        }
      } finally {
        await rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
      }
    });
  }

  private async run(
    req: RedirectRequest,
    context: BrowserContext,
    kind: "chromium" | "firefox",
    signal: AbortSignal,
  ): Promise<RedirectResult> {
    const capture = new Capture(req.redirectUri, req.state);
    const closed = (): void =>
      capture.fail(
        new AuthorizationError({
          error: "browser_closed",
          message: "The browser was closed before the authorization finished.",
        }),
      );
    context.on("close", closed);
    await this.watchContext(context, capture, kind);
    const page = context.pages()[0] ?? (await context.newPage());
    await this.watchPage(page, capture, kind);
    page.on("close", () => {
      if (context.pages().length === 0) closed();
    });

    const hook = Promise.resolve(req.onAuthorization?.({ url: req.authorizationUrl }));
    hook.catch((error: unknown) => capture.fail(error));
    const drive = async (): Promise<void> => {
      try {
        // Only until the page commits: the authorization page may keep loading, or redirect straight back.
        await page.goto(req.authorizationUrl, { waitUntil: "commit" });
      } catch (error) {
        capture.failSoon(
          new AuthorizationError({
            error: "navigation_failed",
            message: `The authorization page could not be opened: ${firstLine(error)}`,
          }),
        );
        return;
      }
      if (this.options.onPage) {
        try {
          await this.options.onPage(page);
        } catch (error) {
          // Automation often fails because the navigation it triggered was cut short by the capture itself.
          capture.failSoon(error);
        }
      }
    };
    void drive();
    return await Promise.race([capture.promise, whenAborted(signal)]);
  }

  private async watchContext(
    context: BrowserContext,
    capture: Capture,
    kind: "chromium" | "firefox",
  ): Promise<void> {
    // Popups opened by the login page are watched like the first page.
    context.on("page", (page) => {
      this.watchPage(page, capture, kind).catch(() => undefined);
    });
    // Covers custom schemes, which never reach routing; the URL of a request event lacks the fragment.
    context.on("request", (request) => capture.offer(request.url(), false));
    if (kind === "firefox") {
      await context.route(
        (url) => matchesRedirectUri(url.href, capture.redirectUri),
        async (route) => {
          capture.offer(route.request().url(), false);
          // Answered locally so the real host is never contacted; the frame's URL then shows the fragment too.
          await route
            .fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>minim</title>" })
            .catch(() => undefined);
        },
      );
    }
  }

  private readonly watched = new WeakSet<Page>();

  private async watchPage(page: Page, capture: Capture, kind: "chromium" | "firefox"): Promise<void> {
    if (this.watched.has(page)) return;
    this.watched.add(page);
    page.on("framenavigated", (frame) => capture.offer(frame.url(), true));
    if (kind === "chromium") await interceptDocuments(await page.context().newCDPSession(page), capture);
  }
}

/** Pauses every document request and response of a Chromium page, cutting off those that go to the redirect URI. */
async function interceptDocuments(session: CDPSession, capture: Capture): Promise<void> {
  session.on("Page.frameRequestedNavigation", (event) => capture.offer(event.url, true));
  session.on("Fetch.requestPaused", (event) => {
    const location =
      event.responseStatusCode !== undefined &&
      event.responseStatusCode >= 300 &&
      event.responseStatusCode < 400
        ? event.responseHeaders?.find((header) => header.name.toLowerCase() === "location")?.value
        : undefined;
    let candidate = event.request.url + (event.request.urlFragment ?? "");
    if (location !== undefined) {
      try {
        candidate = new URL(location, event.request.url).href;
      } catch {
        // An unparsable Location is the browser's problem; let it follow (or fail) as usual.
      }
    }
    const requestId = event.requestId;
    if (matchesRedirectUri(candidate, capture.redirectUri)) {
      capture.offer(candidate, true);
      session.send("Fetch.failRequest", { requestId, errorReason: "Aborted" }).catch(() => undefined);
    } else if (event.responseStatusCode !== undefined || event.responseErrorReason !== undefined) {
      session
        .send("Fetch.continueResponse", { requestId })
        .catch(() => session.send("Fetch.continueRequest", { requestId }))
        .catch(() => undefined);
    } else {
      session.send("Fetch.continueRequest", { requestId }).catch(() => undefined);
    }
  });
  await session.send("Page.enable");
  await session.send("Fetch.enable", {
    patterns: [
      { urlPattern: "*", resourceType: "Document", requestStage: "Request" },
      { urlPattern: "*", resourceType: "Document", requestStage: "Response" },
    ],
  });
}

/**
 * Collects sightings of the redirect. A complete sighting (with any fragment) settles at once; a request event's
 * URL, which lacks the fragment, settles only if nothing better follows shortly.
 *
 * When the expected `state` is known, a sighting carrying another state, or none, is not the answer to this
 * login: anything can send a page to the redirect URI (a stale tab, a script on the login page), so it is ignored
 * and the capture waits on, as the local HTTP server does.
 */
class Capture {
  readonly redirectUri: string;
  private readonly state: string | undefined;
  private readonly result: Deferred<RedirectResult> = deferred<RedirectResult>();
  private fallback: ReturnType<typeof setTimeout> | undefined;
  private fallbackKey: string | undefined;
  /** Redirects (without fragment) refused for their state; their fragment-less sightings must not settle. */
  private readonly refused = new Set<string>();
  private pendingFailure: ReturnType<typeof setTimeout> | undefined;

  constructor(redirectUri: string, state?: string) {
    this.redirectUri = redirectUri;
    this.state = state;
    this.result.promise.catch(() => undefined);
    void this.result.promise
      .finally(() => {
        clearTimeout(this.fallback);
        clearTimeout(this.pendingFailure);
      })
      .catch(() => undefined);
  }

  get promise(): Promise<RedirectResult> {
    return this.result.promise;
  }

  offer(url: string, complete: boolean): void {
    if (this.result.settled || !matchesRedirectUri(url, this.redirectUri)) return;
    const parsed = parseRedirect(url);
    const key = withoutFragment(parsed.url);
    const state = parsed.params.get("state");
    if (complete) {
      if (this.state === undefined || state === this.state) {
        this.result.resolve(parsed);
        return;
      }
      this.refused.add(key);
      if (this.fallbackKey === key) this.dropFallback();
      return;
    }
    // Without its fragment a sighting may lack a state that is there: only a wrong one in the query rules it out.
    if (this.state !== undefined && state !== null && state !== this.state) return;
    if (this.refused.has(key) || this.fallback !== undefined) return;
    this.fallbackKey = key;
    this.fallback = setTimeout(() => {
      if (this.refused.has(key)) this.dropFallback();
      else this.result.resolve(parsed);
    }, SETTLE_MS);
  }

  private dropFallback(): void {
    clearTimeout(this.fallback);
    this.fallback = undefined;
    this.fallbackKey = undefined;
  }

  fail(error: unknown): void {
    this.result.reject(error);
  }

  /** Fails unless the redirect shows up within a moment (it may be what interrupted the failing step). */
  failSoon(error: unknown): void {
    if (this.result.settled) return;
    this.pendingFailure ??= setTimeout(() => this.result.reject(error), SETTLE_MS * 2);
  }
}

function withoutFragment(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = "";
  return copy.href;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Playwright messages can quote the URL that failed, which may be a redirect carrying a code.
  return redactText(message.split("\n")[0] ?? "").slice(0, 300);
}
