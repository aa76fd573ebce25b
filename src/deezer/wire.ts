/**
 * Deezer's wire quirks, in one place: the token travels as the `access_token` query parameter, most failures
 * arrive as HTTP 200 with an `{"error": {...}}` body, and some successes look like errors. Everything here turns
 * an answer into either the parsed JSON or a typed error before the retry and renewal logic sees it.
 */
import type { ServiceAdapter } from "../core/api-client.js";
import type { Credential } from "../core/credentials.js";
import {
  type APIError,
  type ResponseShape,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  apiErrorClassForStatus,
} from "../core/errors.js";
import type { HttpRequest, HttpResponse } from "../core/transport.js";
import { isRecord } from "../core/json.js";
import { knownSecrets } from "../core/redact.js";
import {
  notJsonError,
  parseBody,
  retryAfterOf,
  sentence,
  shorten,
  successBody,
} from "../core/wire-common.js";

/** Deezer's documented error codes (developers.deezer.com/api/errors). */
export const DEEZER_ERROR_CODES = {
  QUOTA: 4,
  ITEMS_LIMIT_EXCEEDED: 100,
  PERMISSION: 200,
  TOKEN_INVALID: 300,
  PARAMETER: 500,
  PARAMETER_MISSING: 501,
  QUERY_INVALID: 600,
  SERVICE_BUSY: 700,
  DATA_NOT_FOUND: 800,
} as const;

/** The span over which Deezer counts its quota (50 requests per 5 s per address). */
const QUOTA_WINDOW_SECONDS = 5;

const CLASS_BY_CODE: ReadonlyMap<number, typeof APIError> = new Map<number, typeof APIError>([
  [DEEZER_ERROR_CODES.QUOTA, RateLimitError],
  [DEEZER_ERROR_CODES.ITEMS_LIMIT_EXCEEDED, BadRequestError],
  [DEEZER_ERROR_CODES.PERMISSION, PermissionDeniedError],
  [DEEZER_ERROR_CODES.TOKEN_INVALID, AuthenticationError],
  [DEEZER_ERROR_CODES.PARAMETER, BadRequestError],
  [DEEZER_ERROR_CODES.PARAMETER_MISSING, BadRequestError],
  [DEEZER_ERROR_CODES.QUERY_INVALID, BadRequestError],
  [DEEZER_ERROR_CODES.SERVICE_BUSY, ServiceUnavailableError],
  [DEEZER_ERROR_CODES.DATA_NOT_FOUND, NotFoundError],
]);

/** The error class for a Deezer error code, or `undefined` for codes Deezer does not document. */
export function deezerErrorClass(code: number): typeof APIError | undefined {
  return CLASS_BY_CODE.get(code);
}

/**
 * The error class of an error object without a usable `code`, from its `type` (and, for the two types that cover
 * several codes, its message). Deezer leaves the code out of some answers, e.g. rating an album without a token:
 * `{"type":"OAuthException","message":"You don't have the right permission …"}`. A bare `Exception` stays
 * unclassified (the unknown podcast and episode answers), unless it names the quota.
 */
function deezerErrorClassByType(
  type: string | undefined,
  message: string | undefined,
): typeof APIError | undefined {
  switch (type) {
    case "OAuthException":
      return message !== undefined && /invalid|expired/i.test(message)
        ? AuthenticationError
        : PermissionDeniedError;
    case "DataException":
      return NotFoundError;
    case "ParameterException":
    case "MissingParameterException":
    case "InvalidQueryException":
      return BadRequestError;
    case "Exception":
      return message !== undefined && /quota/i.test(message) ? RateLimitError : undefined;
    default:
      return undefined;
  }
}

/**
 * Whether the `error` member of a body means failure. Deezer's bookmark actions answer
 * `{"error": [], "results": true}` on success (recording TestEpisode.test_add_bookmark), so empty values are not
 * errors.
 */
function isErrorValue(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === "" || value === 0) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

/** Builds the typed error for one failed answer. */
function toError(response: HttpResponse, body: unknown, error: unknown): APIError {
  const base = {
    service: "deezer" as const,
    status: response.status,
    method: response.method,
    url: response.url,
    retryAfter: retryAfterOf(response),
    body,
  };
  if (isRecord(error)) {
    const code =
      typeof error.code === "number"
        ? error.code
        : typeof error.code === "string" && /^\d+$/.test(error.code)
          ? Number(error.code)
          : undefined;
    const type = typeof error.type === "string" && error.type.trim() !== "" ? error.type : undefined;
    const message =
      typeof error.message === "string" && error.message.trim() !== "" ? shorten(error.message) : undefined;
    const Class =
      (code !== undefined ? deezerErrorClass(code) : undefined) ??
      deezerErrorClassByType(type, message) ??
      apiErrorClassForStatus(response.status);
    const label = [code !== undefined ? `error ${code}` : "error", type ? `(${type})` : undefined]
      .filter(Boolean)
      .join(" ");
    return new Class({
      ...base,
      // Deezer sends no Retry-After with its quota error; the quota is counted over 5 s, so a resend sooner
      // would most likely be refused again.
      retryAfter: base.retryAfter ?? (Class === RateLimitError ? QUOTA_WINDOW_SECONDS : undefined),
      code,
      type,
      message: sentence(`Deezer ${label}${message ? `: ${message}` : ""}`),
    });
  }
  // `{"error": "Not Found"}` is how Deezer answers an unknown path (recording TestClient.test_request_404).
  const text = typeof error === "string" ? shorten(error) : undefined;
  const notFound = response.status === 404 || (text !== undefined && /^not found$/i.test(text));
  const Class = notFound ? NotFoundError : apiErrorClassForStatus(response.status);
  return new Class({
    ...base,
    message: sentence(`Deezer answered HTTP ${response.status}${text ? `: ${text}` : ""}`),
  });
}

/** The {@link ServiceAdapter} of the Deezer API. */
export class DeezerAdapter implements ServiceAdapter {
  readonly service = "deezer" as const;
  /** The token last registered as a secret, so the register is touched only when the token changes. */
  #registered: string | undefined;

  /**
   * Adds `access_token` to the query whenever a token is held, whatever the endpoint: Deezer personalises public
   * answers (availability, `me`) with it. On a `next` link that already carries a token, the current one
   * replaces it.
   */
  authorize(request: HttpRequest, credential: Credential | null): void {
    if (!credential) return;
    // Deezer echoes the token in error messages and `next` links: registering it lets every redaction find it.
    if (credential.accessToken !== this.#registered) {
      this.#registered = credential.accessToken;
      knownSecrets.add(credential.accessToken);
    }
    request.query = { ...request.query, access_token: credential.accessToken };
  }

  /** `expect` is what the endpoint returns on success (default: any body). */
  interpret(response: HttpResponse, expect: ResponseShape = "any"): unknown {
    const parsed = parseBody(response);
    if (parsed.ok) {
      const body = parsed.value;
      if (isRecord(body) && "error" in body && isErrorValue(body.error))
        throw toError(response, body, body.error);
      if (response.status >= 400) throw toError(response, body, undefined);
    } else if (response.status >= 400) {
      throw notJsonError("deezer", response);
    }
    return successBody("deezer", response, parsed, expect);
  }

  isInvalidToken(error: APIError): boolean {
    return error.service === "deezer" && error.code === DEEZER_ERROR_CODES.TOKEN_INVALID;
  }
}
