/**
 * Talking to a token endpoint: client credentials, the form POST, and reading a standard OAuth 2.0 JSON token
 * answer into a {@link TokenSet}.
 */
import type { Clock } from "../../core/clock.js";
import { AuthorizationError } from "../../core/errors.js";
import { parseJsonObject } from "../../core/json.js";
import { isSecretParam, knownSecrets } from "../../core/redact.js";
import type { HttpResponse, QueryParams } from "../../core/transport.js";
import { splitList } from "../options.js";
import type { TokenSet } from "../types.js";
import type { FlowContext } from "./context.js";
import { observedRequest, type OAuthEndpoint } from "./observe.js";
import { authorizationErrorFrom, tokenEndpointFailure } from "./token-errors.js";

/** An RFC 7617 `Basic` credential: standard base64, never the URL-safe alphabet. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const credential = Buffer.from(`${clientId}:${clientSecret}`, "utf8").toString("base64");
  knownSecrets.add(clientSecret, credential);
  return `Basic ${credential}`;
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

/**
 * POSTs a form to a token endpoint (or, with `endpoint`, another OAuth endpoint), reported to the application's
 * hooks under that name. Network failures surface as the transport's typed errors.
 */
export function postForm(
  ctx: FlowContext,
  url: string,
  form: QueryParams,
  headers: Record<string, string> = {},
  endpoint: OAuthEndpoint = "oauth.token",
): Promise<HttpResponse> {
  // Recorded before sending, so whatever reports on this exchange (hooks, logs, errors) can remove them.
  for (const name in form) {
    const value = form[name];
    if (typeof value === "string" && isSecretParam(name)) knownSecrets.add(value);
  }
  return observedRequest(ctx.transport, ctx.observers, endpoint, {
    method: "POST",
    url,
    form,
    headers: { accept: "application/json", ...headers },
    signal: ctx.signal,
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
  knownSecrets.add(accessToken, typeof refreshToken === "string" ? refreshToken : null);
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

/** `bearer` → `Bearer`, as TIDAL expects in the Authorization header. */
export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
