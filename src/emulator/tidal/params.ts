/**
 * Reading the path, query and form parameters routes share, with the 400 answers (`subStatus` 1002) the API gives
 * for a missing or malformed one. A malformed catalogue ID is read as `NaN`, so the lookup answers 404 for it as
 * for an unknown one.
 */
import type { EmulatorRequest } from "../types.js";
import { invalidParameter, missingParameter } from "./errors.js";
import { isDecimal, splitList } from "./util.js";

/** A numeric path segment (`:albumId` …), `NaN` when it is not all digits. */
export function pathNumber(req: EmulatorRequest, name: string): number {
  const raw = req.params[name] ?? "";
  return /^\d+$/.test(raw) ? Number(raw) : NaN;
}

/** A required numeric query parameter (`albumId` of a page …), `NaN` when it is not all digits. */
export function queryNumber(req: EmulatorRequest, name: string): number {
  const raw = req.query.get(name);
  if (raw === null || raw === "") throw missingParameter(name);
  return /^\d+$/.test(raw) ? Number(raw) : NaN;
}

/** A required query parameter, trimmed; blank counts as missing. */
export function nonBlank(req: EmulatorRequest, name: string): string {
  const value = req.query.get(name);
  if (value === null || value.trim() === "") throw missingParameter(name);
  return value.trim();
}

/** `true`/`false`, `undefined` when absent or empty. */
export function booleanParam(value: string | null, name: string): boolean | undefined {
  if (value === null || value === "") return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalidParameter(name, value);
}

/** A comma list of numeric IDs; at least one is required. */
export function parseIds(raw: string | null, name: string): number[] {
  const pieces = splitList(raw);
  if (pieces.length === 0) throw missingParameter(name);
  return pieces.map((p) => {
    if (!isDecimal(p)) throw invalidParameter(name, p);
    return Number(p);
  });
}

/** `onArtifactNotFound` of a favourites write, from the form or the query (default `FAIL`). */
export function onArtifactNotFound(req: EmulatorRequest): "FAIL" | "SKIP" {
  const value = (
    req.form.get("onArtifactNotFound") ??
    req.query.get("onArtifactNotFound") ??
    "FAIL"
  ).toUpperCase();
  if (value !== "FAIL" && value !== "SKIP") throw invalidParameter("onArtifactNotFound", value);
  return value;
}
