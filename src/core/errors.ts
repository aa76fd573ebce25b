import { redactText, redactUrl, redactValue } from "./redact.js";

/** The service an API error came from. */
export type ServiceName = "deezer" | "tidal";

/** Root of every error minim-ts throws on purpose. */
export class MinimError extends Error {
  override name = "MinimError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Arguments rejected before any request was sent. */
export class ValidationError extends MinimError {
  override name = "ValidationError";
  /** The argument that failed, as the caller named it (e.g. `limit`, `albumId`). */
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(message);
    this.parameter = parameter;
  }
}

export interface APIErrorInit {
  service: ServiceName;
  status: number;
  method: string;
  url: string;
  message: string;
  code?: number | string | undefined;
  subStatus?: number | undefined;
  type?: string | undefined;
  retryAfter?: number | undefined;
  body?: unknown;
}

/**
 * The service answered, and the answer is a failure. `status` is the HTTP status; for Deezer's HTTP-200 error
 * bodies it is 200 and `code` carries Deezer's error code.
 */
export class APIError extends MinimError {
  override name = "APIError";
  readonly service: ServiceName;
  readonly status: number;
  /** Service error code: Deezer's `error.code`, the TIDAL auth server's `error` string. */
  readonly code: number | string | undefined;
  /** TIDAL's `subStatus` / `sub_status`. */
  readonly subStatus: number | undefined;
  /** Deezer's `error.type` (e.g. `DataException`), or TIDAL's error title. */
  readonly type: string | undefined;
  /** Seconds the service asked us to wait, when it said so. */
  readonly retryAfter: number | undefined;
  readonly method: string;
  /** Request URL with every secret removed. */
  readonly url: string;
  /** Parsed error body, with every secret the client knows removed (services echo tokens back). */
  readonly body: unknown;

  constructor(init: APIErrorInit) {
    super(redactText(init.message));
    this.service = init.service;
    this.status = init.status;
    this.code = typeof init.code === "string" ? redactText(init.code) : init.code;
    this.subStatus = init.subStatus;
    this.type = init.type;
    this.retryAfter = init.retryAfter;
    this.method = init.method;
    this.url = redactUrl(init.url);
    this.body = init.body === undefined ? undefined : redactValue(init.body);
  }
}

/**
 * What a successful answer's body was expected to be; see {@link InvalidResponseError}. Besides the top-level
 * JSON kinds: `"boolean"` is the confirmation of Deezer's writes, `"empty-or-object"` what TIDAL's
 * writes answer (nothing, or a JSON object), `"none"` an empty body, `` `object with ${keys}` `` an object that
 * has each of the comma-separated members, and `"any"` accepts whatever comes.
 */
export type ResponseShape =
  "object" | "array" | "json" | "boolean" | "empty-or-object" | `object with ${string}` | "none" | "any";

/**
 * The service answered with a success status, but the body is not what the endpoint returns: empty where data
 * is expected, not JSON (an HTML page from a proxy), or the wrong top-level shape (`null`, a bare string, an
 * array where an object is expected). Reads are retried once; the answer is never cached.
 */
export class InvalidResponseError extends APIError {
  override name = "InvalidResponseError";
  /** What the endpoint returns. */
  readonly expected: ResponseShape;
  /** What came instead (`an empty body`, `a body that is not JSON (text/html)`, `null`, `an array`, …). */
  readonly received: string;
  /** The client method that asked (`getAlbum`), once the pipeline has named it. */
  endpoint: string | undefined;
  constructor(init: APIErrorInit & { expected: ResponseShape; received: string; endpoint?: string }) {
    super(init.endpoint ? { ...init, message: `${init.endpoint}(): ${init.message}` } : init);
    this.expected = init.expected;
    this.received = init.received;
    this.endpoint = init.endpoint;
  }

  /** Names the method that asked, in `endpoint` and at the start of the message (once). */
  forEndpoint(endpoint: string): this {
    if (this.endpoint === undefined) {
      this.endpoint = endpoint;
      this.message = `${endpoint}(): ${this.message}`;
    }
    return this;
  }
}

/** 400, Deezer 500/501/600: the service rejected the parameters. */
export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
/** 401, Deezer 300: the token is missing, invalid or expired. */
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
/** 403, Deezer 200: the token lacks a permission/scope or the account lacks a subscription. */
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
/** 404, Deezer 800. */
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
/** 409. */
export class ConflictError extends APIError {
  override name = "ConflictError";
}
/** 412: a precondition such as TIDAL's playlist ETag did not hold; nothing was changed. */
export class PreconditionFailedError extends APIError {
  override name = "PreconditionFailedError";
}
/** 429, Deezer 4: the quota is exhausted. */
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}
/** 5xx, Deezer 700. */
export class ServiceUnavailableError extends APIError {
  override name = "ServiceUnavailableError";
}

/** Picks the most specific {@link APIError} class for an HTTP status. */
export function apiErrorClassForStatus(status: number): typeof APIError {
  if (status === 400 || status === 422) return BadRequestError;
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 412) return PreconditionFailedError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServiceUnavailableError;
  return APIError;
}

/**
 * A list page without the member that holds its items (`data` on Deezer, `items` on TIDAL): the walk cannot
 * go on, and guessing an empty page would end the list early without saying so.
 */
export class InvalidPageError extends MinimError {
  override name = "InvalidPageError";
  /** The method whose pages were being walked (`albums.getAlbumTracks`), when known. */
  readonly method: string | undefined;
  /** The member that was missing or not a list. */
  readonly missing: string;
  constructor(init: {
    service: ServiceName;
    method?: string | undefined;
    missing: string;
    received: string;
  }) {
    super(
      `${init.method ? `${init.method}(): ` : ""}${init.service === "deezer" ? "Deezer" : "TIDAL"} sent a list page without \`${init.missing}\` (got ${init.received}).`,
    );
    this.method = init.method;
    this.missing = init.missing;
  }
}

/** The request could not be completed at the network level. */
export class ConnectionError extends MinimError {
  override name = "ConnectionError";
  /** True when the request provably never reached the server (refused, DNS, connect timeout). */
  readonly notSent: boolean;
  readonly method: string;
  readonly url: string;
  readonly errorCode: string | undefined;
  constructor(init: {
    message: string;
    method: string;
    url: string;
    notSent: boolean;
    errorCode?: string;
    cause?: unknown;
  }) {
    super(redactText(init.message), { cause: scrubCause(init.cause) });
    this.notSent = init.notSent;
    this.method = init.method;
    this.url = redactUrl(init.url);
    this.errorCode = init.errorCode;
  }
}

/**
 * The per-call or client timeout elapsed: the whole attempt (connecting, headers and body) took longer than
 * `timeoutMs`, or the server went silent for that long in the middle of an answer.
 */
export class TimeoutError extends MinimError {
  override name = "TimeoutError";
  readonly method: string;
  readonly url: string;
  readonly timeoutMs: number;
  /** How long the attempt had run when it was abandoned, in ms (measured, not the configured value). */
  readonly elapsedMs: number;
  constructor(init: { method: string; url: string; timeoutMs: number; elapsedMs?: number; idle?: boolean }) {
    const elapsed = Math.round(init.elapsedMs ?? init.timeoutMs);
    const why = init.idle ? `no data for ${init.timeoutMs} ms` : `the ${init.timeoutMs} ms deadline passed`;
    super(`${init.method} ${redactUrl(init.url)} timed out after ${elapsed} ms (${why}).`);
    this.method = init.method;
    this.url = redactUrl(init.url);
    this.timeoutMs = init.timeoutMs;
    this.elapsedMs = elapsed;
  }
}

/**
 * The caller's AbortSignal fired. `cause` is the signal's reason: the DOM `AbortError` for a plain
 * `controller.abort()`, or whatever was passed to `abort(reason)`.
 */
export class AbortedError extends MinimError {
  override name = "AbortedError";
  static from(signal: AbortSignal | undefined): AbortedError {
    const reason: unknown = signal?.reason;
    if (reason instanceof AbortedError) return reason;
    return new AbortedError("The operation was aborted.", { cause: reason });
  }
}

/** An OAuth authorization flow failed: the user denied access, the state did not match, a code expired… */
export class AuthorizationError extends MinimError {
  override name = "AuthorizationError";
  /** OAuth error code (`access_denied`, `expired_token`, `state_mismatch`, …). */
  readonly error: string;
  readonly description: string | undefined;
  readonly status: number | undefined;
  readonly subStatus: number | undefined;
  constructor(init: {
    error: string;
    description?: string;
    status?: number;
    subStatus?: number;
    message?: string;
  }) {
    super(
      init.message ??
        `Authorization failed: ${init.error}${init.description ? ` (${init.description})` : ""}.`,
    );
    this.error = init.error;
    this.description = init.description;
    this.status = init.status;
    this.subStatus = init.subStatus;
  }
}

/** A method needs a user account but the client was created without an authorization flow. */
export class AuthenticationRequiredError extends MinimError {
  override name = "AuthenticationRequiredError";
  readonly method: string;
  constructor(method: string) {
    super(`${method}() requires user authentication; create the client with an authFlow.`);
    this.method = method;
  }
}

/** A method needs permissions (Deezer) or scopes (TIDAL) that the token was not granted. */
export class MissingPermissionError extends MinimError {
  override name = "MissingPermissionError";
  readonly method: string;
  readonly missing: readonly string[];
  constructor(method: string, missing: readonly string[], noun = "permission") {
    super(
      `${method}() requires the ${missing.map((p) => `'${p}'`).join(", ")} ${noun}${missing.length > 1 ? "s" : ""}.`,
    );
    this.method = method;
    this.missing = missing;
  }
}

/** A method needs a paid subscription the account does not have. */
export class SubscriptionRequiredError extends MinimError {
  override name = "SubscriptionRequiredError";
  readonly method: string;
  constructor(method: string) {
    super(`${method}() requires an active subscription.`);
    this.method = method;
  }
}

/**
 * A network error's own message can quote what was sent (a proxy's reply, a URL); secrets are removed from it
 * in place so `error.cause.message` is as safe to log as `error.message`.
 */
function scrubCause(cause: unknown): unknown {
  if (cause instanceof Error) {
    const clean = redactText(cause.message);
    if (clean !== cause.message) {
      try {
        cause.message = clean;
      } catch {
        return new Error(clean);
      }
    }
  }
  return cause;
}
