/**
 * Small helpers of the Deezer emulator: stable pseudo-random values derived from labels (so the seed is identical
 * on every run), Deezer's date formats and the URL encoding its `next` links use.
 */
import { createHash, randomBytes } from "node:crypto";

export function md5Hex(text: string): string {
  return createHash("md5").update(text).digest("hex");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A number in `[0, modulo)` that is the same for a given label on every run. */
export function stableNumber(label: string, modulo: number): number {
  return parseInt(md5Hex(`minim-deezer-emulator:${label}`).slice(0, 8), 16) % modulo;
}

/** The 32-hex image hash Deezer puts in `md5_image` and in its CDN paths. */
export function imageHash(label: string): string {
  return md5Hex(`minim-deezer-emulator:image:${label}`);
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString("hex");
}

/** Deezer's `creation_date` style: `2014-06-27 09:09:31` (UTC). */
export function dateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

export function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Milliseconds of a `YYYY-MM-DD[ HH:MM:SS]` UTC date. */
export function parseDate(text: string): number {
  const iso = text.length === 10 ? `${text}T00:00:00Z` : `${text.replace(" ", "T")}Z`;
  return Date.parse(iso);
}

/**
 * Percent-encoding as PHP's `rawurlencode` does it: Deezer's `next` links encode spaces as `%20` and quotes as `%22`
 * (test_search_advanced_simple: `q=artist%3A%22Lou%20Doillon%22`).
 */
export function rawUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Lower case, accents and punctuation removed: what search matching compares. */
export function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function words(text: string): string[] {
  const n = normalise(text);
  return n === "" ? [] : n.split(" ");
}

/** Levenshtein distance, capped: only "is it at most `max`" matters to the fuzzy search. */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return false;
    previous = current;
  }
  return (previous[b.length] as number) <= max;
}
