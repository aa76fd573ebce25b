import {
  APIError,
  ConnectionError,
  InvalidResponseError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from "./errors.js";
import type { HttpMethod } from "./transport.js";

export interface RetryPolicy {
  /** Resends after the first attempt (default 2). */
  maxRetries: number;
  /** First back-off step in ms (default 500); doubles each attempt. */
  baseDelayMs: number;
  /** Ceiling of one back-off step in ms (default 8 000). */
  maxDelayMs: number;
  /** Ceiling for a server-requested wait in ms (default 60 000); a longer Retry-After is not honoured. */
  maxRetryAfterMs: number;
  /** Source of jitter in [0, 1). */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
};

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set<HttpMethod>(["GET"]);
const RETRYABLE_STATUS = new Set([502, 503, 504]);

/**
 * Parses a `Retry-After` header (delta seconds or HTTP date) into milliseconds from `nowMs`.
 * Returns undefined when absent or unparsable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * Whether an error may be retried for this method. A non-idempotent request is resent only when the service
 * refused it for quota reasons (it did nothing) or the network error proves it was never sent: resending a
 * POST that may have been applied could, for example, add a track to a playlist twice.
 */
export function isRetryable(error: unknown, method: HttpMethod): boolean {
  if (error instanceof RateLimitError) return true;
  // A garbled or truncated success (a proxy page, an empty body) is usually transient; a write may have been
  // applied, so only reads are asked again.
  if (error instanceof InvalidResponseError) return IDEMPOTENT.has(method);
  if (error instanceof ConnectionError) return error.notSent || IDEMPOTENT.has(method);
  if (error instanceof TimeoutError) return IDEMPOTENT.has(method);
  if (error instanceof ServiceUnavailableError) {
    const busy = error.status === 200 || RETRYABLE_STATUS.has(error.status);
    return busy && IDEMPOTENT.has(method);
  }
  return false;
}

/**
 * Milliseconds to wait before retry number `attempt` (0-based), or `null` when the error must not be retried
 * (not retryable, retries exhausted, or the server asked for a wait longer than the cap). An
 * {@link InvalidResponseError} is retried at most once, and only as the first retry.
 */
export function retryDelay(
  error: unknown,
  method: HttpMethod,
  attempt: number,
  policy: RetryPolicy,
): number | null {
  if (attempt >= policy.maxRetries) return null;
  if (!isRetryable(error, method)) return null;
  // Once only: a service that keeps answering garbage will not start making sense after a back-off.
  if (error instanceof InvalidResponseError && attempt >= 1) return null;
  if (error instanceof APIError && error.retryAfter !== undefined) {
    const requested = error.retryAfter * 1000;
    if (requested > policy.maxRetryAfterMs) return null;
    return requested;
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  // Half fixed, half random: spreads clients apart without ever retrying immediately.
  return Math.round(step / 2 + policy.random() * (step / 2));
}
