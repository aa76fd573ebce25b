/**
 * What a failed token request means: an {@link AuthorizationError} when the server refused the grant, an
 * {@link APIError} when it was only busy or unreachable (the token itself may be fine), with every secret removed.
 */
import {
  APIError,
  AuthorizationError,
  ConnectionError,
  type MinimError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from "../../core/errors.js";
import { parseJsonObject } from "../../core/json.js";
import { redactText } from "../../core/redact.js";
import { parseRetryAfter } from "../../core/retry.js";
import type { HttpResponse } from "../../core/transport.js";
import type { FlowContext } from "./context.js";

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
