/**
 * Deezer's implicit grant: the token comes back in the redirect's fragment. Unlike upstream, a `state` is sent and
 * checked, and the fragment is read whichever redirect handler captured it.
 */
import { AuthorizationError } from "../../core/errors.js";
import type { TokenSet } from "../types.js";
import { captureRedirect, expiryFrom, randomState, type RedirectFlowContext } from "./common.js";

/** Settings of {@link runDeezerImplicit}. */
export interface DeezerImplicitParams {
  appId: string;
  permissions: readonly string[];
}

/** Builds the `auth.php` URL of the implicit grant. */
export function deezerImplicitUrl(
  authUrl: string,
  params: { appId: string; redirectUri: string; permissions: readonly string[]; state: string },
): string {
  const url = new URL(authUrl);
  url.searchParams.set("app_id", params.appId);
  url.searchParams.set("redirect_uri", params.redirectUri);
  url.searchParams.set("response_type", "token");
  url.searchParams.set("perms", [...params.permissions].sort().join(","));
  url.searchParams.set("state", params.state);
  return url.toString();
}

/** Runs the implicit grant and returns the token read from the redirect. */
export async function runDeezerImplicit(
  ctx: RedirectFlowContext,
  params: DeezerImplicitParams,
): Promise<TokenSet> {
  const state = randomState();
  const authorizationUrl = deezerImplicitUrl(ctx.authUrl, {
    appId: params.appId,
    redirectUri: ctx.redirectUri,
    permissions: params.permissions,
    state,
  });
  const redirect = await captureRedirect(ctx, authorizationUrl, state);
  const accessToken = redirect.get("access_token");
  if (accessToken === null || accessToken === "") {
    throw new AuthorizationError({
      error: "invalid_response",
      description: "the redirect carries no access token",
    });
  }
  const extras: Record<string, unknown> = {};
  for (const [key, value] of redirect) {
    if (!["access_token", "expires", "expires_in", "state"].includes(key)) extras[key] = value;
  }
  return {
    accessToken,
    tokenType: null,
    refreshToken: null,
    expiresAt: expiryFrom(redirect.get("expires") ?? redirect.get("expires_in"), ctx.clock),
    scopes: [...params.permissions],
    extras,
  };
}
