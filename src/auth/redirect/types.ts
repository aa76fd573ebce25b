import { AbortedError, AuthorizationError, ValidationError } from "../../core/errors.js";

/** What a redirect handler needs to send the user to the authorization page and catch the way back. */
export interface RedirectRequest {
  /** The provider's authorization page, with every query parameter already set. Holds no secret. */
  authorizationUrl: string;
  /** Where the provider sends the browser afterwards (`http://localhost:8888/callback`, `tidal://login/auth`…). */
  redirectUri: string;
  /** Expected state, checked by the caller, but handlers may use it to ignore stray requests. */
  state?: string;
  /** How long to wait for the redirect; {@link DEFAULT_REDIRECT_TIMEOUT_MS} when omitted. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Open the authorization page in the system browser instead of only printing it. */
  openBrowser?: boolean;
  /** Told the authorization URL once the handler is ready to receive the redirect. */
  onAuthorization?: (info: { url: string }) => void | Promise<void>;
  /** Where instructions are written; standard error by default, so standard output stays clean for data. */
  output?: NodeJS.WritableStream;
  /** Where a pasted URL is read from; standard input by default. */
  input?: NodeJS.ReadableStream;
}

/** The URL the browser was finally sent to. */
export interface RedirectResult {
  url: URL;
  /** Query and fragment parameters merged; a name present in the fragment takes the fragment's values. */
  params: URLSearchParams;
}

/** The ways a redirect can be caught. */
export type RedirectHandlerName = "paste" | "http.server" | "playwright";

/** Sends the user through an authorization page and returns where the browser was redirected to. */
export interface RedirectHandler {
  capture(req: RedirectRequest): Promise<RedirectResult>;
}

/** Five minutes: long enough to sign in and approve, short enough that a forgotten prompt ends. */
export const DEFAULT_REDIRECT_TIMEOUT_MS = 300_000;

const MAX_TIMER_MS = 2_147_483_647;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True for `http:`/`https:` URIs on `localhost`, `127.0.0.1` or `[::1]`: the ones a local server can receive. */
export function isLoopbackRedirect(uri: string): boolean {
  const url = tryParseUrl(uri);
  return (
    url !== undefined &&
    (url.protocol === "http:" || url.protocol === "https:") &&
    LOOPBACK_HOSTS.has(url.hostname.toLowerCase())
  );
}

/**
 * Splits a redirect URL into its parameters, merging the query (authorization code flow) and the fragment
 * (implicit flow). The URL itself is never put into the error: it may carry a code or a token.
 */
export function parseRedirect(url: string): RedirectResult {
  const parsed = tryParseUrl(url.trim());
  if (parsed === undefined) {
    throw new AuthorizationError({ error: "invalid_redirect", message: "The redirect is not a valid URL." });
  }
  const params = new URLSearchParams(parsed.search);
  const fragment = new URLSearchParams(parsed.hash.replace(/^#/, ""));
  for (const name of new Set(fragment.keys())) {
    params.delete(name);
    for (const value of fragment.getAll(name)) params.append(name, value);
  }
  return { url: parsed, params };
}

/**
 * True when `candidate` goes to the same place as `redirectUri`: same scheme, host (and port) and path, whatever
 * its query and fragment. Works for custom schemes such as `tidal://login/auth`.
 */
export function matchesRedirectUri(candidate: string, redirectUri: string): boolean {
  const a = tryParseUrl(candidate);
  const b = tryParseUrl(redirectUri);
  return a !== undefined && b !== undefined && redirectTarget(a) === redirectTarget(b);
}

function redirectTarget(url: URL): string {
  // Hosts of custom schemes keep their case in WHATWG URLs; hosts are case-insensitive everywhere.
  return `${url.protocol}//${url.host.toLowerCase()}${url.pathname === "" ? "/" : url.pathname}`;
}

/** Parses the redirect URI or rejects it as a caller mistake. */
export function parseRedirectUri(redirectUri: string): URL {
  const url = tryParseUrl(redirectUri);
  if (url === undefined) throw new ValidationError("redirectUri", `'${redirectUri}' is not an absolute URL.`);
  return url;
}

function tryParseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Runs one capture under the request's deadline and signal. `work` receives a signal that fires with the error to
 * report (an {@link AuthorizationError} `timeout`, or an {@link AbortedError}); it must release what it holds
 * (servers, browsers, streams) and then reject, so that by the time the caller sees the failure nothing is left
 * behind. The signal also fires once `work` has settled, which lets pending listeners go.
 */
export async function runCapture<T>(
  req: RedirectRequest,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_REDIRECT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMER_MS) {
    throw new ValidationError(
      "timeoutMs",
      `timeoutMs must be a positive number of milliseconds up to ${MAX_TIMER_MS}.`,
    );
  }
  if (req.signal?.aborted) throw AbortedError.from(req.signal);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(AbortedError.from(req.signal));
  req.signal?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => {
    controller.abort(
      new AuthorizationError({
        error: "timeout",
        message: `No redirect to the redirect URI arrived within ${formatDuration(timeoutMs)}.`,
      }),
    );
  }, timeoutMs);
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener("abort", onAbort);
    if (!controller.signal.aborted) controller.abort(new AbortedError("The capture has finished."));
  }
}

/** A promise that rejects with the signal's reason once it aborts (at once if it already has). */
export function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/**
 * Shows the user the authorization page: opens it in the system browser when asked (falling back to printing if
 * that fails) or prints it, then reports it to `onAuthorization`. The hook runs alongside the wait; a hook that
 * fails makes the returned promise reject, which the handler turns into its own failure.
 *
 * An application that passes `onAuthorization` presents the page itself, so nothing is printed then, except the
 * request to paste when the answer must be typed into this terminal (`terminalPrompt`).
 */
export async function presentAuthorization(
  req: RedirectRequest,
  instructions: string,
  terminalPrompt = false,
): Promise<void> {
  const output = req.output ?? process.stderr;
  if (req.onAuthorization) {
    if (req.openBrowser) await openInBrowser(req.authorizationUrl);
    if (terminalPrompt) output.write(`${instructions}\n`);
    await req.onAuthorization({ url: req.authorizationUrl });
    return;
  }
  const opened = req.openBrowser === true && (await openInBrowser(req.authorizationUrl));
  const lead = opened
    ? "A browser window was opened to authorize access. If it did not appear, open this URL:"
    : "Open this URL in a browser to authorize access:";
  output.write(`${lead}\n\n  ${req.authorizationUrl}\n\n${instructions}\n`);
}

async function openInBrowser(url: string): Promise<boolean> {
  try {
    const { default: open } = await import("open");
    await open(url);
    return true;
  } catch {
    return false;
  }
}

/**
 * Shows the authorization page (see {@link presentAuthorization}) and waits for `answer`, which the handler settles
 * once the redirect is in. The wait ends early when `signal` fires or the `onAuthorization` hook fails; an answer
 * that arrives while the hook is still running is taken at once.
 */
export function presentAndWait<T>(
  req: RedirectRequest,
  instructions: string,
  answer: Promise<T>,
  signal: AbortSignal,
  terminalPrompt = false,
): Promise<T> {
  const shown = presentAuthorization(req, instructions, terminalPrompt);
  return Promise.race([answer, whenAborted(signal), shown.then(() => answer)]);
}

/** A promise with its settle functions, settled at most once. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
  readonly settled: boolean;
}

/** Creates a {@link Deferred}: later calls to `resolve`/`reject` after the first are ignored. */
export function deferred<T>(): Deferred<T> {
  let resolveFn!: (value: T) => void;
  let rejectFn!: (error: unknown) => void;
  let settled = false;
  const promise = new Promise<T>((resolve, reject) => {
    resolveFn = resolve;
    rejectFn = reject;
  });
  return {
    promise,
    resolve(value) {
      if (settled) return;
      settled = true;
      resolveFn(value);
    },
    reject(error) {
      if (settled) return;
      settled = true;
      rejectFn(error);
    },
    get settled() {
      return settled;
    },
  };
}

function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
