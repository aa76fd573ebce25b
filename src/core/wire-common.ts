/**
 * What both services' wire adapters do alike before their own quirks apply: parsing an answer's body, reading
 * `Retry-After`, wording error messages, and the error for an answer that is not JSON at all.
 */
import {
  apiErrorClassForStatus,
  InvalidResponseError,
  type APIError,
  type ResponseShape,
  type ServiceName,
} from "./errors.js";
import { isRecord } from "./json.js";
import { redactText } from "./redact.js";
import { parseRetryAfter } from "./retry.js";
import type { HttpResponse } from "./transport.js";

/** How each service is named in messages. */
const SERVICE_LABELS: Readonly<Record<ServiceName, string>> = { deezer: "Deezer", tidal: "TIDAL" };

/** Longest service text quoted in an error message. */
const MAX_MESSAGE_CHARS = 200;

/** An answer's body: the parsed JSON (`null` for an empty body), or `ok: false` when it is not JSON. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false };

export function parseBody(response: HttpResponse): ParsedBody {
  const raw = response.text.trim();
  if (raw === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The seconds `Retry-After` asks for, when the answer says. */
export function retryAfterOf(response: HttpResponse): number | undefined {
  const ms = parseRetryAfter(response.headers["retry-after"], Date.now());
  return ms === undefined ? undefined : ms / 1000;
}

/** Service text fit for a message: one line, secrets redacted, at most {@link MAX_MESSAGE_CHARS} characters. */
export function shorten(text: string): string {
  const clean = redactText(text.replace(/\s+/g, " ").trim());
  return clean.length > MAX_MESSAGE_CHARS ? `${clean.slice(0, MAX_MESSAGE_CHARS - 1)}…` : clean;
}

/** Ends a message with a full stop unless it already ends a sentence. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * The error for an answer whose body is not JSON (an HTML page from a proxy, a maintenance page): it reports the
 * status, never a JSON parse failure.
 */
export function notJsonError(service: ServiceName, response: HttpResponse): APIError {
  const type = response.headers["content-type"]?.split(";")[0]?.trim();
  const Class = apiErrorClassForStatus(response.status);
  return new Class({
    service,
    status: response.status,
    method: response.method,
    url: response.url,
    retryAfter: retryAfterOf(response),
    message: `${SERVICE_LABELS[service]} answered HTTP ${response.status} with a body that is not JSON${type ? ` (${type})` : ""}.`,
  });
}

/** How a value is named in messages about a body of the wrong shape. */
function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

const SHAPE_LABELS: Readonly<Record<ResponseShape, string>> = {
  object: "a JSON object",
  array: "a JSON array",
  json: "JSON",
  none: "no body",
  any: "any body",
};

/**
 * The value of a successful answer, checked against what the endpoint returns (`expect`). A body of the wrong
 * kind — empty where data is expected, not JSON, `null`, or another top-level shape — is an
 * {@link InvalidResponseError}, never a value. Writes (`"any"`/`"none"`) accept whatever comes, a non-JSON
 * confirmation included (as `null`): failing the call would report a completed write as failed.
 */
export function successBody(
  service: ServiceName,
  response: HttpResponse,
  parsed: ParsedBody,
  expect: ResponseShape,
): unknown {
  if (expect === "any" || expect === "none") return parsed.ok ? parsed.value : null;
  let received: string | undefined;
  if (!parsed.ok) {
    const type = response.headers["content-type"]?.split(";")[0]?.trim();
    received = `a body that is not JSON${type ? ` (${type})` : ""}`;
  } else if (response.text.trim() === "") {
    received = "an empty body";
  } else {
    const value = parsed.value;
    if (expect === "object" ? isRecord(value) : expect === "array" ? Array.isArray(value) : value !== null) {
      return value;
    }
    received = describeValue(value);
  }
  return invalidResponse(service, response, expect, received);
}

function invalidResponse(
  service: ServiceName,
  response: HttpResponse,
  expect: ResponseShape,
  received: string,
): never {
  throw new InvalidResponseError({
    service,
    status: response.status,
    method: response.method,
    url: response.url,
    expected: expect,
    received,
    message: `${SERVICE_LABELS[service]} answered HTTP ${response.status} with ${received} where ${SHAPE_LABELS[expect]} was expected.`,
    body: response.text.length > 0 ? shorten(response.text) : undefined,
  });
}
