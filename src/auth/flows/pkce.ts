/**
 * Authorization code flow with PKCE (RFC 7636), as TIDAL's login page runs it: S256 challenge, `state` checked,
 * code traded with the verifier at the token endpoint.
 */
import { createHash, randomBytes } from "node:crypto";
import type { TokenSet } from "../types.js";
import { authorizeWithState, requiredRedirectParam } from "./authorize.js";
import type { FlowContext, RedirectFlowContext } from "./context.js";
import { clientAuthHeaders, parseTokenAnswer, postForm } from "./token-endpoint.js";

/** Settings of {@link runPkce}. */
export interface PkceParams {
  clientId: string;
  /** When set, token requests carry HTTP Basic credentials. */
  clientSecret?: string | null | undefined;
  tokenUrl: string;
  scopes: readonly string[];
}

/** A PKCE verifier and its S256 challenge. */
export interface PkcePair {
  verifier: string;
  challenge: string;
}

/**
 * A new verifier (96 random bytes → 128 base64url characters, the longest RFC 7636 allows) and its challenge
 * (base64url SHA-256, no padding).
 */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(96).toString("base64url");
  return { verifier, challenge: pkceChallenge(verifier) };
}

/** The S256 challenge of a verifier. */
export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** Builds the authorization URL of the PKCE flow; scopes are sorted, so a given set always gives the same URL. */
export function pkceAuthorizationUrl(
  authUrl: string,
  params: {
    clientId: string;
    redirectUri: string;
    state: string;
    scopes: readonly string[];
    challenge: string;
  },
): string {
  const url = new URL(authUrl);
  url.searchParams.set("client_id", params.clientId);
  url.searchParams.set("redirect_uri", params.redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("state", params.state);
  if (params.scopes.length > 0) url.searchParams.set("scope", [...params.scopes].sort().join(" "));
  url.searchParams.set("code_challenge", params.challenge);
  url.searchParams.set("code_challenge_method", "S256");
  return url.toString();
}

/** Runs the PKCE flow and returns the token. */
export async function runPkce(ctx: RedirectFlowContext, params: PkceParams): Promise<TokenSet> {
  const { verifier, challenge } = createPkcePair();
  const redirect = await authorizeWithState(ctx, (state) =>
    pkceAuthorizationUrl(ctx.authUrl, {
      clientId: params.clientId,
      redirectUri: ctx.redirectUri,
      state,
      scopes: params.scopes,
      challenge,
    }),
  );
  const code = requiredRedirectParam(redirect, "code", "code");
  return exchangePkceCode(ctx, params, { code, verifier, redirectUri: ctx.redirectUri });
}

/** Trades a code and its verifier for a token. */
export async function exchangePkceCode(
  ctx: FlowContext,
  params: PkceParams,
  grant: { code: string; verifier: string; redirectUri: string },
): Promise<TokenSet> {
  const response = await postForm(
    ctx,
    params.tokenUrl,
    {
      grant_type: "authorization_code",
      client_id: params.clientId,
      code: grant.code,
      redirect_uri: grant.redirectUri,
      code_verifier: grant.verifier,
    },
    clientAuthHeaders(params.clientId, params.clientSecret),
  );
  const secrets = [grant.code, grant.verifier, params.clientSecret];
  return parseTokenAnswer(ctx, response, secrets, undefined, params.scopes);
}
