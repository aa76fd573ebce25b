/**
 * Argument checks shared by the Deezer and TIDAL clients. Every check runs before a request is built and throws a
 * {@link ValidationError} whose message is one sentence naming the parameter, what was expected and what was
 * received. None of the checked values are secrets, so the received value is always shown.
 */
import { ValidationError } from "./errors.js";
import { ISO_3166_ALPHA2 } from "./iso-countries.js";

/** Inclusive bounds for {@link integer}. */
export interface IntegerRange {
  min?: number;
  max?: number;
}

/** A validated list of ids, ready to be sent as one comma-separated parameter. */
export interface IdList {
  /** The ids joined with `,`. */
  joined: string;
  /** How many ids the list holds; some endpoints pick a singular or plural parameter name from it. */
  count: number;
}

/** A validated list of UUIDs. */
export interface UuidList extends IdList {
  /** The UUIDs one by one, trimmed. */
  items: string[];
}

const MAX_SHOWN_CHARS = 60;

/** Renders a received value for an error message, short enough to keep the message one readable line. */
function describe(value: unknown): string {
  switch (typeof value) {
    case "string": {
      const shown = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS - 1)}…` : value;
      return JSON.stringify(shown);
    }
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `the bigint ${value}n`;
    case "boolean":
      return `the boolean ${value}`;
    case "undefined":
      return "undefined";
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      if (value === null) return "null";
      if (Array.isArray(value)) return `an array of ${value.length}`;
      return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  }
}

function fail(name: string, expected: string, value: unknown): never {
  throw new ValidationError(name, `${name} must be ${expected}; got ${describe(value)}.`);
}

function rangeText({ min, max }: IntegerRange): string {
  if (min !== undefined && max !== undefined) return `an integer between ${min} and ${max}`;
  if (min !== undefined) {
    if (min === 0) return "a non-negative integer";
    if (min === 1) return "a positive integer";
    return `an integer of at least ${min}`;
  }
  if (max !== undefined) return `an integer of at most ${max}`;
  return "an integer";
}

/**
 * Checks an integer argument such as `limit`, `offset` or `position`.
 *
 * Booleans are rejected even though JavaScript would coerce them, so `limit: true` never reaches the wire as
 * `limit=true`.
 */
export function integer(name: string, value: unknown, range: IntegerRange = {}): number {
  if (
    typeof value !== "number" ||
    !Number.isSafeInteger(value) ||
    (range.min !== undefined && value < range.min) ||
    (range.max !== undefined && value > range.max)
  ) {
    fail(name, rangeText(range), value);
  }
  // -0 would be sent as "0" anyway; normalising keeps cache keys and comparisons simple.
  return value === 0 ? 0 : value;
}

/** Like {@link integer}, but `undefined` and `null` mean "not given" and come back as `undefined`. */
export function optionalInteger(name: string, value: unknown, range: IntegerRange = {}): number | undefined {
  if (value === undefined || value === null) return undefined;
  return integer(name, value, range);
}

/** Checks a string argument and returns it trimmed; blank strings are rejected unless `allowBlank` is set. */
export function nonBlankString(name: string, value: unknown, options: { allowBlank?: boolean } = {}): string {
  if (typeof value !== "string") fail(name, options.allowBlank ? "a string" : "a non-blank string", value);
  const trimmed = value.trim();
  if (trimmed === "" && !options.allowBlank) fail(name, "a non-blank string", value);
  return trimmed;
}

/** Checks that a string is exactly one of `allowed` (case-sensitive). */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    fail(name, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`, value);
  }
  return value as T;
}

/** Checks a real boolean; truthy or falsy stand-ins such as `1` or `"false"` are rejected. */
export function boolean(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") fail(name, "true or false", value);
  return value;
}

/**
 * Checks an ISO 3166-1 alpha-2 country code. Lower case is accepted; the result is upper case. Only officially
 * assigned codes pass, so reserved ones such as `UK` or `EU` are rejected.
 */
export function countryCode(name: string, value: unknown): string {
  if (typeof value === "string") {
    const code = value.trim().toUpperCase();
    if (ISO_3166_ALPHA2.has(code)) return code;
  }
  return fail(name, 'an assigned ISO 3166-1 alpha-2 country code such as "US"', value);
}

/**
 * Checks a locale of the form `ll_CC` (language, underscore, ISO 3166-1 country). `ll-CC` and any letter case are
 * accepted and normalised, so `en-us` becomes `en_US`.
 */
export function locale(name: string, value: unknown): string {
  if (typeof value === "string") {
    const match = /^([A-Za-z]{2})[_-]([A-Za-z]{2})$/.exec(value.trim());
    if (match) {
      const country = match[2]!.toUpperCase();
      if (ISO_3166_ALPHA2.has(country)) return `${match[1]!.toLowerCase()}_${country}`;
    }
  }
  return fail(name, 'a locale such as "en_US" (language, underscore, assigned ISO country code)', value);
}

/** Checks an ISRC; spaces and hyphens are removed and letters upper-cased (`us-rc1-76-07839` → `USRC17607839`). */
export function isrc(name: string, value: unknown): string {
  if (typeof value === "string") {
    const code = value.replace(/[\s-]/g, "").toUpperCase();
    if (/^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$/.test(code)) return code;
  }
  return fail(name, 'an ISRC of 12 characters such as "USRC17607839"', value);
}

function gs1CheckDigitValid(digits: string): boolean {
  let sum = 0;
  // Weights alternate 3, 1, 3, … starting from the digit left of the check digit, whatever the length.
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (digits.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(digits.length - 1) - 48;
}

/**
 * Checks a product barcode: UPC-A (12 digits) or EAN-13, also GTIN-8 and GTIN-14. Spaces and hyphens are removed
 * and the GS1 check digit must hold. A number cannot carry leading zeros, so numeric input shorter than 12 digits
 * is zero-padded to 12 (the same GTIN, as GS1 codes are right-aligned).
 */
export function upc(name: string, value: unknown): string {
  const expected = "a UPC/EAN barcode of 8, 12, 13 or 14 digits with a valid check digit";
  let digits: string;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) fail(name, expected, value);
    digits = String(value).padStart(12, "0");
  } else if (typeof value === "string") {
    digits = value.replace(/[\s-]/g, "");
  } else {
    return fail(name, expected, value);
  }
  if (!/^(?:[0-9]{8}|[0-9]{12,14})$/.test(digits) || !gs1CheckDigitValid(digits)) fail(name, expected, value);
  return digits;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks a UUID in canonical 8-4-4-4-12 form (any case) and returns it trimmed. */
export function uuid(name: string, value: unknown): string {
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (UUID_PATTERN.test(trimmed)) return trimmed;
  }
  return fail(name, 'a UUID such as "0d6ee3a1-7c3f-4b4e-9e2b-2f1c5a6b7c8d"', value);
}

/** Drops leading zeros so `"007"` and `7` name the same resource (and share cache entries). */
function canonicalDigits(digits: string): string {
  return digits.replace(/^0+(?=[0-9])/, "");
}

const DEEZER_ID_TEXT = 'a Deezer id (an integer, or a string of digits with at most one leading "-")';
const DEEZER_IDS = {
  one: "a Deezer id",
  many: 'Deezer ids (integers, or strings of digits with at most one leading "-")',
};

/** Returns the id as a decimal string, or `undefined` when `value` is not a Deezer id. */
function parseDeezerId(value: unknown, allowMe: boolean): string | undefined {
  if (typeof value === "number") {
    return Number.isSafeInteger(value) ? String(value === 0 ? 0 : value) : undefined;
  }
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (allowMe && trimmed === "me") return "me";
  // One optional "-" only: negative ids are user uploads, and "--5" is no id at all.
  // [0-9] rather than \d with the u flag: non-ASCII digits must not reach the path.
  const match = /^(-?)([0-9]+)$/.exec(trimmed);
  if (!match) return undefined;
  const digits = canonicalDigits(match[2]!);
  return digits === "0" ? "0" : `${match[1]}${digits}`;
}

/**
 * Checks a Deezer id: an integer (negative ids are user-uploaded tracks) or a string of ASCII digits with at most
 * one leading `-`. `"me"` passes only with `allowMe` (user ids). Returns the id as a decimal string.
 */
export function deezerId(name: string, value: unknown, options: { allowMe?: boolean } = {}): string {
  const allowMe = options.allowMe === true;
  const id = parseDeezerId(value, allowMe);
  if (id === undefined) fail(name, allowMe ? `${DEEZER_ID_TEXT} or "me"` : DEEZER_ID_TEXT, value);
  return id;
}

function parseTidalId(value: unknown, allowMe: boolean): string | undefined {
  if (typeof value === "number") {
    return Number.isSafeInteger(value) && value > 0 ? String(value) : undefined;
  }
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (allowMe && trimmed === "me") return "me";
  if (!/^[0-9]+$/.test(trimmed)) return undefined;
  const digits = canonicalDigits(trimmed);
  return digits === "0" ? undefined : digits;
}

const TIDAL_ID_TEXT = "a TIDAL id (a positive integer or a string of digits)";
const TIDAL_IDS = { one: "a TIDAL id", many: "TIDAL ids (positive integers or strings of digits)" };

/** Checks a TIDAL numeric id: a positive integer or a string of ASCII digits; `"me"` passes only with `allowMe`. */
export function tidalId(name: string, value: unknown, options: { allowMe?: boolean } = {}): string {
  const allowMe = options.allowMe === true;
  const id = parseTidalId(value, allowMe);
  if (id === undefined) fail(name, allowMe ? `${TIDAL_ID_TEXT} or "me"` : TIDAL_ID_TEXT, value);
  return id;
}

function isIterableObject(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

/**
 * Shared list handling: one item, a comma-separated string (pieces trimmed) or any iterable of single items.
 * `parse` returns the canonical item or `undefined` when the item is invalid.
 */
function collectList(
  name: string,
  value: unknown,
  kind: { one: string; many: string },
  parse: (item: unknown) => string | undefined,
  max: number | undefined,
): string[] {
  let raw: unknown[];
  if (typeof value === "string") {
    raw = value.trim() === "" ? [] : value.split(",");
  } else if (typeof value === "number") {
    raw = [value];
  } else if (isIterableObject(value)) {
    raw = Array.from(value);
  } else {
    return fail(name, `${kind.one}, a comma-separated string of them or a list of them`, value);
  }
  if (raw.length === 0) {
    throw new ValidationError(name, `${name} must contain at least one item; got ${describe(value)}.`);
  }
  if (max !== undefined && raw.length > max) {
    throw new ValidationError(name, `${name} may contain at most ${max} items; got ${raw.length}.`);
  }
  const items: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const item = raw[i];
    const parsed = parse(item);
    if (parsed === undefined) {
      throw new ValidationError(
        name,
        `${name} must contain only ${kind.many}; item ${i + 1} of ${raw.length} is ${describe(item)}.`,
      );
    }
    items.push(parsed);
  }
  return items;
}

/**
 * Checks one or more Deezer ids: a single id, a comma-separated string (`"1, 2"`; pieces are trimmed) or any
 * iterable of ids. The list must not be empty; `max` caps its length when given.
 */
export function deezerIdList(name: string, value: unknown, options: { max?: number } = {}): IdList {
  const items = collectList(name, value, DEEZER_IDS, (item) => parseDeezerId(item, false), options.max);
  return { joined: items.join(","), count: items.length };
}

/** Checks one or more TIDAL ids, in the same forms as {@link deezerIdList}; at most `max` (default 1 000). */
export function tidalIdList(name: string, value: unknown, options: { max?: number } = {}): IdList {
  const items = collectList(name, value, TIDAL_IDS, (item) => parseTidalId(item, false), options.max ?? 1000);
  return { joined: items.join(","), count: items.length };
}

/** Checks one or more UUIDs, in the same forms as {@link deezerIdList}. */
export function uuidList(name: string, value: unknown, options: { max?: number } = {}): UuidList {
  const items = collectList(
    name,
    value,
    { one: "a UUID", many: "UUIDs in 8-4-4-4-12 hexadecimal form" },
    (item) => {
      if (typeof item !== "string") return undefined;
      const trimmed = item.trim();
      return UUID_PATTERN.test(trimmed) ? trimmed : undefined;
    },
    options.max,
  );
  return { joined: items.join(","), count: items.length, items };
}
