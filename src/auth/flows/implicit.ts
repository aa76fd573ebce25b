/**
 * Deezer's implicit grant: the token comes back in the redirect's fragment. A `state` is sent and checked, and the
 * fragment is read whichever redirect handler captured it.
 */
import type { TokenSet } from "../types.js";
import {
  authorizeOnDeezer,
  deezerAuthPageUrl,
  deezerToken,
  type DeezerAuthPageParams,
} from "./authorization-code.js";
import { requiredRedirectParam } from "./authorize.js";
import type { RedirectFlowContext } from "./context.js";

/** Settings of {@link runDeezerImplicit}. */
export interface DeezerImplicitParams {
  appId: string;
  permissions: readonly string[];
}

/** Builds the `auth.php` URL of the implicit grant. */
export function deezerImplicitUrl(authUrl: string, params: DeezerAuthPageParams): string {
  return deezerAuthPageUrl(authUrl, params, "token");
}

/** Runs the implicit grant and returns the token read from the redirect. */
export async function runDeezerImplicit(
  ctx: RedirectFlowContext,
  params: DeezerImplicitParams,
): Promise<TokenSet> {
  const redirect = await authorizeOnDeezer(ctx, params, "token");
  const accessToken = requiredRedirectParam(redirect, "access_token", "access token");
  const extras: Record<string, unknown> = {};
  for (const [key, value] of redirect) {
    if (!["access_token", "expires", "expires_in", "state"].includes(key)) extras[key] = value;
  }
  return deezerToken(ctx.clock, {
    accessToken,
    expires: redirect.get("expires") ?? redirect.get("expires_in"),
    permissions: params.permissions,
    extras,
  });
}
