/**
 * Small helpers shared by the TIDAL emulator: deterministic identifiers derived from labels (so the seed is the
 * same on every run without storing dozens of literal UUIDs) and TIDAL's date formats.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";

function digest(label: string): string {
  return createHash("sha256").update(`minim-tidal-emulator:${label}`).digest("hex");
}

/** A UUID-shaped (version 4 layout) identifier that is stable for a given label. */
export function stableUuid(label: string): string {
  const hex = digest(label);
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A 30-character lower-case hex identifier, the format of TIDAL mix IDs. */
export function stableMixId(label: string): string {
  return `00${digest(label).slice(0, 28)}`;
}

/** A number in `[0, modulo)` that is stable for a given label. */
export function stableNumber(label: string, modulo: number): number {
  return parseInt(digest(label).slice(0, 8), 16) % modulo;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function newUuid(): string {
  return randomUUID();
}

/** TIDAL v1 date-times look like `2018-08-10T00:00:00.000+0000` (see fixtures/tidal/yambs). */
export function v1DateTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}

/** v2 (my-collection, favourites) date-times are plain ISO 8601 in UTC. */
export function v2DateTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Splits a comma list as TIDAL paths and form fields carry it, dropping empty pieces. */
export function splitList(value: string | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return value
    .split(",")
    .map((piece) => piece.trim())
    .filter((piece) => piece !== "");
}

export function isDecimal(value: string): boolean {
  return /^\d+$/.test(value);
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
