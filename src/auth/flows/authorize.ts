/**
 * Sending the user to an authorization page and reading the redirect back: a fresh `state`, then the `state` and
 * `error` checks every redirect flow relies on.
 */
import { randomBytes } from "node:crypto";
import { AuthorizationError } from "../../core/errors.js";
import { redactText } from "../../core/redact.js";
import type { RedirectFlowContext } from "./context.js";

/** An unguessable URL-safe value of 43 characters (256 random bits), for `state`. */
export function randomState(): string {
  return randomBytes(32).toString("base64url");
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
