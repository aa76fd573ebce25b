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

const SHAPE_LABELS: Readonly<Record<string, string>> = {
  object: "a JSON object",
  array: "a JSON array",
  json: "JSON",
  boolean: "true or false",
  "empty-or-object": "no body or a JSON object",
  none: "no body",
  any: "any body",
};

/** The members an `object with a, b` expectation names, or `undefined` for the other shapes. */
function requiredMembers(expect: ResponseShape): string[] | undefined {
  if (!expect.startsWith("object with ")) return undefined;
  return expect
    .slice("object with ".length)
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

function shapeLabel(expect: ResponseShape): string {
  const members = requiredMembers(expect);
  if (members !== undefined) return `a JSON object with ${members.map((m) => `\`${m}\``).join(", ")}`;
  return SHAPE_LABELS[expect] ?? expect;
}

/** Whether a parsed, non-empty body is of the expected shape. */
function fits(value: unknown, expect: ResponseShape): boolean {
  switch (expect) {
    case "object":
    case "empty-or-object":
      return isRecord(value);
    case "array":
      return Array.isArray(value);
    case "json":
      return value !== null;
    case "boolean":
      return typeof value === "boolean";
    case "none":
      return false;
    default: {
      const members = requiredMembers(expect);
      return members !== undefined && isRecord(value) && members.every((name) => value[name] != null);
    }
  }
}

/** How a body of the wrong shape is named: its kind, and the members it lacks when it is an object. */
function describeMismatch(value: unknown, expect: ResponseShape): string {
  const members = requiredMembers(expect);
  if (members !== undefined && isRecord(value)) {
    const missing = members.filter((name) => value[name] == null);
    return `an object without ${missing.map((m) => `\`${m}\``).join(", ")}`;
  }
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  return describeValue(value);
}

/**
 * The value of a successful answer, checked against what the endpoint returns (`expect`). A body of the wrong
 * kind — empty where data is expected, not JSON, `null`, another top-level shape, a confirmation other than the
 * one the endpoint sends — is an {@link InvalidResponseError}, never a value. Writes are checked like reads: a
 * proxy page or a stray `{}` in place of a write's confirmation says nothing about whether the write was applied,
 * so it must not be reported as done (the pipeline does not resend a write after such an error). Only `"any"`
 * accepts whatever comes (as `null` when it is not JSON).
 */
export function successBody(
  service: ServiceName,
  response: HttpResponse,
  parsed: ParsedBody,
  expect: ResponseShape,
): unknown {
  if (expect === "any") return parsed.ok ? parsed.value : null;
  const empty = response.text.trim() === "";
  if (empty && (expect === "none" || expect === "empty-or-object")) return null;
  let received: string | undefined;
  if (!parsed.ok) {
    const type = response.headers["content-type"]?.split(";")[0]?.trim();
    received = `a body that is not JSON${type ? ` (${type})` : ""}`;
  } else if (empty) {
    received = "an empty body";
  } else {
    if (fits(parsed.value, expect)) return parsed.value;
    received = describeMismatch(parsed.value, expect);
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
    message: `${SERVICE_LABELS[service]} answered HTTP ${response.status} with ${received} where ${shapeLabel(expect)} was expected.`,
    body: response.text.length > 0 ? shorten(response.text) : undefined,
  });
}
