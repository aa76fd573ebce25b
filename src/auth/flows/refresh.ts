/** The refresh-token grant (RFC 6749 §6), used for TIDAL; Deezer issues no refresh tokens. */
import { AuthorizationError } from "../../core/errors.js";
import type { TokenSet } from "../types.js";
import type { FlowContext } from "./context.js";
import { clientAuthHeaders, parseTokenAnswer, postForm } from "./token-endpoint.js";

/** Settings of {@link runRefresh}. */
export interface RefreshParams {
  clientId: string;
  clientSecret?: string | null | undefined;
  tokenUrl: string;
}

/**
 * Renews `token` with its refresh token. The answer's refresh token replaces the old one when the server rotates
 * it, and the old one is kept otherwise; scopes and extras not repeated by the server are kept as well.
 *
 * @throws AuthorizationError when the server refuses the grant (`invalid_grant` means the refresh token is dead).
 * @throws RateLimitError / ServiceUnavailableError / ConnectionError / TimeoutError when the failure is transient.
 */
export async function runRefresh(
  ctx: FlowContext,
  params: RefreshParams,
  token: TokenSet,
): Promise<TokenSet> {
  const refreshToken = token.refreshToken;
  if (refreshToken === null || refreshToken === "") {
    throw new AuthorizationError({ error: "invalid_grant", description: "there is no refresh token" });
  }
  const response = await postForm(
    ctx,
    params.tokenUrl,
    { grant_type: "refresh_token", refresh_token: refreshToken, client_id: params.clientId },
    clientAuthHeaders(params.clientId, params.clientSecret),
  );
  return parseTokenAnswer(ctx, response, [refreshToken, token.accessToken, params.clientSecret], token);
}
