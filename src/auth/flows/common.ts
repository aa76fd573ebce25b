/**
 * Pieces every OAuth flow shares: random values, the token endpoint exchange with its error classification,
 * and the redirect capture with its `error` / `state` checks.
 */
import { randomBytes } from "node:crypto";
import type { Clock } from "../../core/clock.js";
import {
  APIError,
  AuthorizationError,
  ConnectionError,
  type MinimError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
  ValidationError,
  type ServiceName,
} from "../../core/errors.js";
import { redactText } from "../../core/redact.js";
import type { HttpResponse, QueryParams, Transport } from "../../core/transport.js";
import { parseRetryAfter } from "../../core/retry.js";
import { BrowserRedirectHandler } from "../redirect/browser.js";
import { HttpServerRedirectHandler } from "../redirect/http-server.js";
import { PasteRedirectHandler } from "../redirect/paste.js";
import { isLoopbackRedirect, type RedirectHandler } from "../redirect/types.js";
import type { BrowserHandlerOptions, OnAuthorization, TokenSet } from "../types.js";
import { parseJsonObject } from "../../core/json.js";

export { parseJsonObject };

/** What every flow needs to talk to the authorization server. */
export interface FlowContext {
  /** Sends token-endpoint requests; URLs are absolute. */
  transport: Transport;
  clock: Clock;
  service: ServiceName;
  signal?: AbortSignal | undefined;
  /** Reports a recoverable problem to the application. */
  warn: (message: string) => void;
}

/** What a flow that sends the user to an authorization page needs on top of {@link FlowContext}. */
export interface RedirectFlowContext extends FlowContext {
  redirectHandler: RedirectHandler;
  redirectUri: string;
  authUrl: string;
  openBrowser?: boolean | undefined;
  onAuthorization?: OnAuthorization | undefined;
  /** How long to wait for the user; the handler's default when unset. */
  redirectTimeoutMs?: number | undefined;
  input?: NodeJS.ReadableStream | undefined;
  output?: NodeJS.WritableStream | undefined;
}

/**
 * How the redirect back from the authorization page is caught: `null`/`"paste"` (the user pastes the final URL),
 * `"http.server"` (a one-shot local server; loopback redirect URIs only), `"playwright"` (a scripted browser
 * window that intercepts the navigation, so any redirect URI works), or a handler of the application's own.
 */
export type RedirectHandlerOption = "paste" | "http.server" | "playwright" | RedirectHandler | null;

/** Rejects redirect handler values that are none of {@link RedirectHandlerOption}. */
export function validateRedirectHandlerOption(
  value: unknown,
  allowed: readonly string[],
): RedirectHandlerOption {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    if (allowed.includes(value)) return value as RedirectHandlerOption;
    throw new ValidationError(
      "redirectHandler",
      `Invalid redirect handler '${value}'. Valid values: null, ${allowed.map((name) => `'${name}'`).join(", ")}.`,
    );
  }
  if (typeof value === "object" && typeof (value as { capture?: unknown }).capture === "function") {
    return value as RedirectHandler;
  }
  throw new ValidationError(
    "redirectHandler",
    "redirectHandler must be null, a handler name or a RedirectHandler.",
  );
}

/**
 * The handler for a redirect URI. A local server cannot receive a redirect to a non-loopback URI (such as
 * `tidal://login/auth` or a public https page), so `"http.server"` falls back to pasting there, with a warning;
 * the browser handler intercepts the navigation itself and works for any URI.
 */
export function selectRedirectHandler(
  option: RedirectHandlerOption,
  redirectUri: string,
  options: { browser?: BrowserHandlerOptions | undefined; warn: (message: string) => void },
): RedirectHandler {
  if (option !== null && typeof option === "object") return option;
  if (option === "http.server") {
    if (isLoopbackRedirect(redirectUri)) return new HttpServerRedirectHandler();
    options.warn(
      `The 'http.server' redirect handler only works for loopback redirect URIs (localhost, 127.0.0.1, [::1]); ` +
        `${redirectUri} is not one, so the redirect URL will have to be pasted instead.`,
    );
    return new PasteRedirectHandler();
  }
  if (option === "playwright") {
    const browser = options.browser ?? {};
    return new BrowserRedirectHandler({
      ...(browser.executablePath !== undefined ? { executablePath: browser.executablePath } : {}),
      ...(browser.browser !== undefined ? { browser: browser.browser } : {}),
      ...(browser.headless !== undefined ? { headless: browser.headless } : {}),
      ...(browser.onPage !== undefined ? { onPage: browser.onPage } : {}),
    });
  }
  return new PasteRedirectHandler();
}

/** An unguessable URL-safe value of 43 characters (256 random bits), for `state`. */
export function randomState(): string {
  return randomBytes(32).toString("base64url");
}

/** An RFC 7617 `Basic` credential (standard base64, unlike upstream's URL-safe variant on some paths). */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`, "utf8").toString("base64")}`;
}

/** HTTP Basic client credentials for a token request when there is a secret; public clients send none. */
export function clientAuthHeaders(
  clientId: string,
  clientSecret: string | null | undefined,
): Record<string, string> {
  return clientSecret ? { authorization: basicAuthorization(clientId, clientSecret) } : {};
}

/** Seconds → a Date on `clock`; `0`, negative or unusable values mean "no known expiry". */
export function expiryFrom(seconds: unknown, clock: Clock): Date | null {
  const value = typeof seconds === "string" && seconds.trim() !== "" ? Number(seconds) : seconds;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) return null;
  return new Date(clock.now() + value * 1000);
}

/** True for failures that say nothing about the token itself: quota, server trouble, network, timeout. */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof RateLimitError || error instanceof ServiceUnavailableError) return true;
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  return error instanceof APIError && (error.status === 429 || error.status >= 500);
}

/** True when the authorization server says the grant (refresh token, code) is no longer valid. */
export function isInvalidGrant(error: unknown): boolean {
  return error instanceof AuthorizationError && error.error === "invalid_grant";
}

/** POSTs a form to a token endpoint. Network failures surface as the transport's typed errors. */
export function postForm(
  ctx: FlowContext,
  url: string,
  form: QueryParams,
  headers: Record<string, string> = {},
): Promise<HttpResponse> {
  return ctx.transport.request({
    method: "POST",
    url,
    form,
    headers: { accept: "application/json", ...headers },
    signal: ctx.signal,
  });
}

/** Parses a body as a JSON object, or returns undefined. */
/**
 * Turns a failed token-endpoint answer into an error. Quota and server trouble become {@link APIError}s (so the
 * session knows the token itself is fine); everything else the server refused becomes an
 * {@link AuthorizationError} carrying `error`, `error_description`, `status` and `sub_status`.
 */
export function tokenEndpointFailure(
  ctx: FlowContext,
  response: HttpResponse,
  secrets: Iterable<string | null | undefined>,
): MinimError {
  const known = [...secrets];
  const body = parseJsonObject(response.text);
  const status = response.status;
  if (status === 429 || status >= 500) {
    const ErrorClass = status === 429 ? RateLimitError : ServiceUnavailableError;
    const retryMs = parseRetryAfter(response.headers["retry-after"], ctx.clock.now());
    const detail = body ? describeBody(body) : undefined;
    return new ErrorClass({
      service: ctx.service,
      status,
      method: response.method,
      url: response.url,
      message: redactText(
        `The authorization server answered ${status}${detail ? ` (${detail})` : ""}; the token was kept.`,
        known,
      ),
      code: typeof body?.["error"] === "string" ? redactText(body["error"], known) : undefined,
      subStatus: numberOrUndefined(body?.["sub_status"] ?? body?.["subStatus"]),
      retryAfter: retryMs === undefined ? undefined : retryMs / 1000,
      body: body === undefined ? undefined : redactBody(body, known),
    });
  }
  return authorizationErrorFrom(body, status, known);
}

/** Builds an {@link AuthorizationError} from an OAuth error object (token endpoint or redirect parameters). */
export function authorizationErrorFrom(
  body: Record<string, unknown> | undefined,
  status: number | undefined,
  secrets: Iterable<string | null | undefined>,
): AuthorizationError {
  const known = [...secrets];
  const error =
    typeof body?.["error"] === "string" && body["error"] !== "" ? body["error"] : "invalid_response";
  const rawDescription = body?.["error_description"] ?? body?.["description"] ?? body?.["userMessage"];
  const description = typeof rawDescription === "string" ? redactText(rawDescription, known) : undefined;
  const subStatus = numberOrUndefined(body?.["sub_status"] ?? body?.["subStatus"]);
  const bodyStatus = numberOrUndefined(body?.["status"]);
  return new AuthorizationError({
    error: redactText(error, known),
    ...(description !== undefined ? { description } : {}),
    ...((bodyStatus ?? status) !== undefined ? { status: (bodyStatus ?? status) as number } : {}),
    ...(subStatus !== undefined ? { subStatus } : {}),
  });
}

/**
 * Reads a standard OAuth 2.0 JSON token answer (TIDAL). `previous` supplies what a refresh answer may leave out:
 * the refresh token (kept unless rotated), the scopes (unless `scope` is returned) and the extras.
 */
export function parseTokenAnswer(
  ctx: FlowContext,
  response: HttpResponse,
  secrets: Iterable<string | null | undefined>,
  previous?: Pick<TokenSet, "refreshToken" | "scopes" | "extras"> | undefined,
  requestedScopes: readonly string[] = [],
): TokenSet {
  const known = [...secrets];
  if (response.status < 200 || response.status >= 300) throw tokenEndpointFailure(ctx, response, known);
  const body = parseJsonObject(response.text);
  if (body === undefined) {
    throw new AuthorizationError({
      error: "invalid_response",
      description: "the token endpoint did not answer with a JSON object",
      status: response.status,
    });
  }
  const accessToken = body["access_token"];
  if (typeof accessToken !== "string" || accessToken === "") {
    throw authorizationErrorFrom(body, response.status, known);
  }
  const {
    access_token: _accessToken,
    token_type: tokenType,
    expires_in: expiresIn,
    refresh_token: refreshToken,
    scope,
    ...extras
  } = body;
  return {
    accessToken,
    tokenType: capitalise(typeof tokenType === "string" && tokenType !== "" ? tokenType : "Bearer"),
    refreshToken:
      typeof refreshToken === "string" && refreshToken !== ""
        ? refreshToken
        : (previous?.refreshToken ?? null),
    expiresAt: expiryFrom(expiresIn, ctx.clock),
    scopes:
      typeof scope === "string" ? splitList(scope) : previous ? [...previous.scopes] : [...requestedScopes],
    extras: { ...previous?.extras, ...extras },
  };
}

/** Parameters of a captured redirect, after the `error` and `state` checks. */
export async function captureRedirect(
  ctx: RedirectFlowContext,
  authorizationUrl: string,
  state: string,
): Promise<URLSearchParams> {
  const result = await ctx.redirectHandler.capture({
    authorizationUrl,
    redirectUri: ctx.redirectUri,
    state,
    ...(ctx.redirectTimeoutMs !== undefined ? { timeoutMs: ctx.redirectTimeoutMs } : {}),
    ...(ctx.signal !== undefined ? { signal: ctx.signal } : {}),
    ...(ctx.openBrowser !== undefined ? { openBrowser: ctx.openBrowser } : {}),
    ...(ctx.onAuthorization !== undefined ? { onAuthorization: ctx.onAuthorization } : {}),
    ...(ctx.output !== undefined ? { output: ctx.output } : {}),
    ...(ctx.input !== undefined ? { input: ctx.input } : {}),
  });
  const params = result.params;
  // The state comes first: a redirect without it (or with another) is not the answer to our request, whatever it
  // says, so a forged `?error=access_denied` cannot pass for the user's decision. A missing state counts as wrong.
  if (params.get("state") !== state) {
    throw new AuthorizationError({
      error: "state_mismatch",
      message:
        "Authorization failed: the redirect's state does not match the one sent (possible CSRF); nothing was stored.",
    });
  }
  const error = params.get("error") ?? params.get("error_reason");
  if (error !== null && error !== "") {
    const reason = params.get("error_reason");
    const description =
      params.get("error_description") ?? (reason !== null && reason !== error ? reason : null);
    const secrets = [params.get("code"), params.get("access_token")];
    throw new AuthorizationError({
      error: redactText(error, secrets),
      ...(description !== null ? { description: redactText(description, secrets) } : {}),
    });
  }
  return params;
}

/**
 * Sends the user to the page `buildUrl` makes for a fresh `state` and returns the redirect's parameters, once
 * {@link captureRedirect} has checked them.
 */
export function authorizeWithState(
  ctx: RedirectFlowContext,
  buildUrl: (state: string) => string,
): Promise<URLSearchParams> {
  const state = randomState();
  return captureRedirect(ctx, buildUrl(state), state);
}

/** A parameter the redirect must carry: `what` names it in the error (the value itself is never shown). */
export function requiredRedirectParam(params: URLSearchParams, name: string, what: string): string {
  const value = params.get(name);
  if (value === null || value === "") {
    throw new AuthorizationError({
      error: "invalid_response",
      description: `the redirect carries no ${what}`,
    });
  }
  return value;
}

/** Splits a scope or permission list written with spaces and/or commas. */
export function splitList(value: string): string[] {
  return value.split(/[\s,]+/).filter((item) => item !== "");
}

/** `bearer` → `Bearer`, as TIDAL expects in the Authorization header. */
export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function numberOrUndefined(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function describeBody(body: Record<string, unknown>): string | undefined {
  const parts = [body["error"], body["error_description"] ?? body["userMessage"]].filter(
    (part): part is string => typeof part === "string" && part !== "",
  );
  return parts.length > 0 ? parts.join(": ") : undefined;
}

function redactBody(body: Record<string, unknown>, secrets: readonly (string | null | undefined)[]): unknown {
  try {
    return JSON.parse(redactText(JSON.stringify(body), secrets));
  } catch {
    return undefined;
  }
}

/** An option, else a non-empty environment variable, else null; each credential is looked up on its own. */
export function optionOrEnv(value: string | null | undefined, envName: string): string | null {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  const fromEnv = process.env[envName];
  return fromEnv !== undefined && fromEnv.trim() !== "" ? fromEnv.trim() : null;
}

/** Reads a list option: a string separated by spaces and/or commas, or any iterable of strings. */
export function parseListOption(value: unknown, parameter: string): Set<string> {
  if (value === undefined || value === null) return new Set();
  if (typeof value === "string") return new Set(splitList(value));
  if (typeof value === "object" && Symbol.iterator in value) {
    const out = new Set<string>();
    for (const item of value as Iterable<unknown>) {
      if (typeof item !== "string")
        throw new ValidationError(parameter, `${parameter} must contain only strings.`);
      for (const part of splitList(item)) out.add(part);
    }
    return out;
  }
  throw new ValidationError(parameter, `${parameter} must be a string or an iterable of strings.`);
}

/** Names from `all` containing a substring (one string) or any of several; all of them for undefined. */
export function resolveNames(
  all: readonly string[],
  matches: string | Iterable<string> | undefined,
): Set<string> {
  if (matches === undefined) return new Set(all);
  const needles = typeof matches === "string" ? [matches] : [...matches];
  return new Set(all.filter((name) => needles.some((needle) => name.includes(needle))));
}

const EXPIRES_AT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads `expiresAt`: a Date, or an ISO 8601 string in UTC (`%Y-%m-%dT%H:%M:%SZ`, as the token store writes it;
 * fractions and explicit offsets are accepted too). Unlike upstream, the time is never read as local time.
 */
export function parseExpiresAt(value: unknown): Date | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new ValidationError("expiresAt", "expiresAt is an invalid Date.");
    return new Date(value.getTime());
  }
  if (typeof value === "string" && EXPIRES_AT_PATTERN.test(value.trim())) {
    const time = Date.parse(value.trim());
    if (!Number.isNaN(time)) return new Date(time);
  }
  throw new ValidationError(
    "expiresAt",
    "expiresAt must be a Date or a string in ISO 8601 format in UTC, e.g. 2026-01-31T12:00:00Z.",
  );
}
