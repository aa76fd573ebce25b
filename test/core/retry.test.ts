import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { APIError } from "../../src/core/errors.js";
import {
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from "../../src/core/errors.js";
import { DEFAULT_RETRY_POLICY, isRetryable, parseRetryAfter, retryDelay } from "../../src/core/retry.js";

const policy = { ...DEFAULT_RETRY_POLICY, random: () => 0.5 };

function apiError<T extends typeof APIError>(
  Kind: T,
  status: number,
  extra: Partial<ConstructorParameters<T>[0]> = {},
) {
  return new Kind({ service: "deezer", status, method: "GET", url: "/x", message: "m", ...extra });
}

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it("reads delta seconds", () => {
    assert.equal(parseRetryAfter("3", now), 3000);
    assert.equal(parseRetryAfter(" 1.5 ", now), 1500);
  });
  it("reads HTTP dates relative to now and clamps past dates to zero", () => {
    assert.equal(parseRetryAfter(new Date(now + 7000).toUTCString(), now), 7000);
    assert.equal(parseRetryAfter(new Date(now - 7000).toUTCString(), now), 0);
  });
  it("ignores missing or garbage values", () => {
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter("", now), undefined);
    assert.equal(parseRetryAfter("soon", now), undefined);
  });
});

describe("isRetryable", () => {
  it("retries quota errors for every method", () => {
    for (const method of ["GET", "POST", "PUT", "DELETE"] as const) {
      assert.equal(isRetryable(apiError(RateLimitError, 429), method), true);
    }
  });
  it("retries 502/503/504 and Deezer's busy code only for idempotent requests", () => {
    assert.equal(isRetryable(apiError(ServiceUnavailableError, 503), "GET"), true);
    assert.equal(isRetryable(apiError(ServiceUnavailableError, 502), "GET"), true);
    assert.equal(isRetryable(apiError(ServiceUnavailableError, 200, { code: 700 }), "GET"), true);
    assert.equal(isRetryable(apiError(ServiceUnavailableError, 503), "POST"), false);
    assert.equal(isRetryable(apiError(ServiceUnavailableError, 500), "GET"), false);
  });
  it("retries a write after a network failure only when it provably was not sent", () => {
    const refused = new ConnectionError({ message: "x", method: "POST", url: "/", notSent: true });
    const reset = new ConnectionError({ message: "x", method: "POST", url: "/", notSent: false });
    assert.equal(isRetryable(refused, "POST"), true);
    assert.equal(isRetryable(reset, "POST"), false);
    assert.equal(isRetryable(reset, "GET"), true);
    assert.equal(isRetryable(new TimeoutError({ method: "GET", url: "/", timeoutMs: 1 }), "GET"), true);
    assert.equal(
      isRetryable(new TimeoutError({ method: "DELETE", url: "/", timeoutMs: 1 }), "DELETE"),
      false,
    );
  });
  it("never retries client errors", () => {
    assert.equal(isRetryable(apiError(NotFoundError, 404), "GET"), false);
    assert.equal(isRetryable(new Error("boom"), "GET"), false);
  });
});

describe("retryDelay", () => {
  it("backs off exponentially with jitter inside [step/2, step]", () => {
    const error = apiError(ServiceUnavailableError, 503);
    const many = { ...policy, maxRetries: 10 };
    assert.equal(retryDelay(error, "GET", 0, many), 375);
    assert.equal(retryDelay(error, "GET", 1, many), 750);
    assert.equal(retryDelay(error, "GET", 2, many), 1500);
    assert.equal(retryDelay(error, "GET", 9, many), 6000);
    const low = retryDelay(error, "GET", 3, { ...many, random: () => 0 });
    const high = retryDelay(error, "GET", 3, { ...many, random: () => 0.999999 });
    assert.equal(low, 2000);
    assert.ok(high !== null && high <= 4000 && high > 3990);
  });
  it("honours Retry-After and refuses waits beyond the cap", () => {
    assert.equal(retryDelay(apiError(RateLimitError, 429, { retryAfter: 3 }), "POST", 0, policy), 3000);
    assert.equal(retryDelay(apiError(RateLimitError, 429, { retryAfter: 3600 }), "GET", 0, policy), null);
  });
  it("stops after maxRetries", () => {
    const error = apiError(RateLimitError, 429);
    assert.notEqual(retryDelay(error, "GET", 1, policy), null);
    assert.equal(retryDelay(error, "GET", 2, policy), null);
    assert.equal(retryDelay(error, "GET", 0, { ...policy, maxRetries: 0 }), null);
  });
});
