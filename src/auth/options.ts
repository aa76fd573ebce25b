/** Reading the auth options both services share: credentials from the environment, lists, and expiry times. */
import { ValidationError } from "../core/errors.js";

/** An option, else a non-empty environment variable, else null; each credential is looked up on its own. */
export function optionOrEnv(value: string | null | undefined, envName: string): string | null {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  const fromEnv = process.env[envName];
  return fromEnv !== undefined && fromEnv.trim() !== "" ? fromEnv.trim() : null;
}

/** Splits a scope or permission list written with spaces and/or commas. */
export function splitList(value: string): string[] {
  return value.split(/[\s,]+/).filter((item) => item !== "");
}

/** Reads a list option: a string separated by spaces and/or commas, or any iterable of strings. */
export function parseListOption(value: unknown, parameter: string): Set<string> {
  if (value === undefined || value === null) return new Set();
  if (typeof value === "string") return new Set(splitList(value));
  if (typeof value === "object" && Symbol.iterator in value) {
    const out = new Set<string>();
    for (const item of value as Iterable<unknown>) {
      if (typeof item !== "string")
        throw new ValidationError(parameter, `${parameter} must contain only strings.`);
      for (const part of splitList(item)) out.add(part);
    }
    return out;
  }
  throw new ValidationError(parameter, `${parameter} must be a string or an iterable of strings.`);
}

/** Names from `all` containing a substring (one string) or any of several; all of them for undefined. */
export function resolveNames(
  all: readonly string[],
  matches: string | Iterable<string> | undefined,
): Set<string> {
  if (matches === undefined) return new Set(all);
  const needles = typeof matches === "string" ? [matches] : [...matches];
  return new Set(all.filter((name) => needles.some((needle) => name.includes(needle))));
}

const EXPIRES_AT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads `expiresAt`: a Date, or an ISO 8601 string in UTC (`%Y-%m-%dT%H:%M:%SZ`, as the token store writes it;
 * fractions and explicit offsets are accepted too). A time without an offset is refused, never read as local time.
 */
export function parseExpiresAt(value: unknown): Date | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new ValidationError("expiresAt", "expiresAt is an invalid Date.");
    return new Date(value.getTime());
  }
  if (typeof value === "string" && EXPIRES_AT_PATTERN.test(value.trim())) {
    const time = Date.parse(value.trim());
    if (!Number.isNaN(time)) return new Date(time);
  }
  throw new ValidationError(
    "expiresAt",
    "expiresAt must be a Date or a string in ISO 8601 format in UTC, e.g. 2026-01-31T12:00:00Z.",
  );
}
