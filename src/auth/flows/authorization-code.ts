/**
 * Deezer's authorization code flow: the user approves the app on `auth.php`, the redirect brings a `code`, and
 * `access_token.php` trades it for a token. Deezer's token answer is form-encoded text by default and JSON when
 * asked for; both are read.
 */
import type { Clock } from "../../core/clock.js";
import { AuthorizationError } from "../../core/errors.js";
import { knownSecrets, redactText } from "../../core/redact.js";
import type { TokenSet } from "../types.js";
import { parseJsonObject } from "../../core/json.js";
import { authorizeWithState, requiredRedirectParam } from "./authorize.js";
import type { FlowContext, RedirectFlowContext } from "./context.js";
import { expiryFrom, postForm } from "./token-endpoint.js";
import { tokenEndpointFailure } from "./token-errors.js";

/** Settings of {@link runDeezerAuthorizationCode}. */
export interface DeezerAuthorizationCodeParams {
  appId: string;
  appSecret: string;
  /** `connect.deezer.com/oauth/access_token.php` or an emulator's. */
  tokenUrl: string;
  permissions: readonly string[];
}

/** What both Deezer flows put on the `auth.php` URL. */
export interface DeezerAuthPageParams {
  appId: string;
  redirectUri: string;
  permissions: readonly string[];
  state: string;
}

/** Builds the `auth.php` URL of the code flow. */
export function deezerAuthorizationCodeUrl(authUrl: string, params: DeezerAuthPageParams): string {
  return deezerAuthPageUrl(authUrl, params);
}

/** The `auth.php` URL of either flow; the implicit grant differs only by `response_type=token`. */
export function deezerAuthPageUrl(
  authUrl: string,
  params: DeezerAuthPageParams,
  responseType?: "token",
): string {
  const url = new URL(authUrl);
  url.searchParams.set("app_id", params.appId);
  url.searchParams.set("redirect_uri", params.redirectUri);
  if (responseType !== undefined) url.searchParams.set("response_type", responseType);
  // Sorted so a given set always gives the same URL, whatever order the permissions were listed in.
  url.searchParams.set("perms", [...params.permissions].sort().join(","));
  url.searchParams.set("state", params.state);
  return url.toString();
}

/** Runs the whole code flow and returns the token (no refresh token: Deezer issues none). */
export async function runDeezerAuthorizationCode(
  ctx: RedirectFlowContext,
  params: DeezerAuthorizationCodeParams,
): Promise<TokenSet> {
  const redirect = await authorizeOnDeezer(ctx, params);
  return exchangeDeezerCode(ctx, params, requiredRedirectParam(redirect, "code", "code"));
}

/** Sends the user to `auth.php` for either flow and returns the redirect's checked parameters. */
export function authorizeOnDeezer(
  ctx: RedirectFlowContext,
  params: { appId: string; permissions: readonly string[] },
  responseType?: "token",
): Promise<URLSearchParams> {
  return authorizeWithState(ctx, (state) =>
    deezerAuthPageUrl(
      ctx.authUrl,
      { appId: params.appId, redirectUri: ctx.redirectUri, permissions: params.permissions, state },
      responseType,
    ),
  );
}

/** Trades an authorization code for a token at `access_token.php`. */
export async function exchangeDeezerCode(
  ctx: FlowContext,
  params: Pick<DeezerAuthorizationCodeParams, "appId" | "appSecret" | "tokenUrl" | "permissions">,
  code: string,
): Promise<TokenSet> {
  const secrets = [params.appSecret, code];
  const response = await postForm(ctx, params.tokenUrl, {
    app_id: params.appId,
    secret: params.appSecret,
    code,
  });
  if (response.status === 429 || response.status >= 500) throw tokenEndpointFailure(ctx, response, secrets);
  const fields = readDeezerTokenBody(response.text);
  const accessToken = fields["access_token"];
  if (typeof accessToken !== "string" || accessToken === "") {
    // Deezer answers a bad or reused code with the plain text `wrong code` (HTTP 200); the body is not repeated
    // here because it is free text that could echo what was sent.
    const error =
      typeof fields["error"] === "string" && fields["error"] !== "" ? fields["error"] : "invalid_grant";
    throw new AuthorizationError({
      error: error === "wrong code" ? "invalid_grant" : redactText(error, secrets),
      description: "the authorization code was refused by the token endpoint",
      status: response.status,
    });
  }
  knownSecrets.add(accessToken);
  const { access_token: _token, expires, expires_in: expiresIn, ...extras } = fields;
  return deezerToken(ctx.clock, {
    accessToken,
    expires: expires ?? expiresIn,
    permissions: params.permissions,
    extras,
  });
}

/**
 * A Deezer token as either flow receives it: no type, no refresh token, and the requested permissions, since
 * Deezer does not say which it granted.
 */
export function deezerToken(
  clock: Clock,
  values: {
    accessToken: string;
    expires: unknown;
    permissions: readonly string[];
    extras: Record<string, unknown>;
  },
): TokenSet {
  return {
    accessToken: values.accessToken,
    tokenType: null,
    refreshToken: null,
    // `expires=0` is what an `offline_access` token gets: it does not expire.
    expiresAt: expiryFrom(values.expires, clock),
    scopes: [...values.permissions],
    extras: values.extras,
  };
}

/**
 * Reads Deezer's token answer: `access_token=…&expires=…` text, or the JSON object `output=json` yields. A JSON
 * `{"error": {...}}` is mapped to `error: "invalid_grant"`.
 */
export function readDeezerTokenBody(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  const json = parseJsonObject(trimmed);
  if (json !== undefined) {
    const error = json["error"];
    if (error !== undefined && error !== null && typeof error === "object") return { error: "invalid_grant" };
    return json;
  }
  if (!/^[^=&\s]+=/.test(trimmed)) return { error: "invalid_grant" };
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(trimmed)) out[key] = value;
  return out;
}
