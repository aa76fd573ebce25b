/**
 * Deezer's advanced search syntax, written from typed fields so that quoting and spacing are always right:
 * `deezerQuery({ artist: "aloe blacc", track: "i need a dollar" })` is `artist:"aloe blacc" track:"i need a dollar"`,
 * the form Deezer answered in TestClient.test_search_advanced_simple, test_search_advanced_multiple and
 * test_advanced_search_complex_with_relation. The result is a plain string for any search method's `query`.
 */
import { ValidationError } from "../core/errors.js";
import { integer, nonBlankString } from "../core/validate.js";

/** The parts of an advanced query. Absent (`undefined` or `null`) parts are left out. */
export interface DeezerQueryFields {
  /** Free words, matched anywhere; written first, unquoted. */
  text?: string | null | undefined;
  artist?: string | null | undefined;
  album?: string | null | undefined;
  track?: string | null | undefined;
  label?: string | null | undefined;
  /** Shortest duration, in whole seconds. */
  durMin?: number | null | undefined;
  /** Longest duration, in whole seconds. */
  durMax?: number | null | undefined;
  /** Lowest tempo, in whole beats per minute. */
  bpmMin?: number | null | undefined;
  /** Highest tempo, in whole beats per minute. */
  bpmMax?: number | null | undefined;
}

type TextKey = "artist" | "album" | "track" | "label";
type RangeKey = "durMin" | "durMax" | "bpmMin" | "bpmMax";

const TEXT_FIELDS: readonly TextKey[] = ["artist", "album", "track", "label"];

const RANGE_FIELDS: readonly [RangeKey, string][] = [
  ["durMin", "dur_min"],
  ["durMax", "dur_max"],
  ["bpmMin", "bpm_min"],
  ["bpmMax", "bpm_max"],
];

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  "text",
  ...TEXT_FIELDS,
  ...RANGE_FIELDS.map(([key]) => key),
]);

// A word of the free text that Deezer would read as a field, which would duplicate or contradict a typed one.
const FIELD_IN_TEXT = /(?:^|\s)(?:artist|album|track|label|dur_min|dur_max|bpm_min|bpm_max):/i;

/**
 * A text value with runs of white space made single spaces. Double quotes are refused rather than escaped:
 * Deezer's syntax has no escape, and a quote inside a value would end it early and turn the rest into free words.
 */
function words(name: string, value: unknown): string {
  const trimmed = nonBlankString(name, value);
  if (trimmed.includes('"')) {
    throw new ValidationError(
      name,
      `${name} must not contain a double quote: Deezer's search syntax cannot escape it.`,
    );
  }
  return trimmed.replace(/\s+/g, " ");
}

function checkRange(bounds: ReadonlyMap<RangeKey, number>, min: RangeKey, max: RangeKey): void {
  const low = bounds.get(min);
  const high = bounds.get(max);
  if (low !== undefined && high !== undefined && low > high) {
    throw new ValidationError(min, `${min} (${low}) must not be greater than ${max} (${high}).`);
  }
}

/**
 * Writes Deezer's advanced search query. Parts appear in this fixed order, one space apart: the free `text`, then
 * `artist:"…"`, `album:"…"`, `track:"…"`, `label:"…"`, then `dur_min:…`, `dur_max:…`, `bpm_min:…`, `bpm_max:…` as
 * bare non-negative integers. Text values are trimmed and their inner white space collapsed to single spaces;
 * case is kept. Throws a ValidationError, before anything is sent, for a blank value, a double quote in a value,
 * field syntax inside `text`, a number that is not a non-negative integer, a minimum above its maximum, an unknown
 * key, or no part at all.
 */
export function deezerQuery(fields: DeezerQueryFields): string {
  if (typeof fields !== "object" || fields === null) {
    throw new ValidationError("fields", "fields must be an object of query parts.");
  }
  for (const key of Object.keys(fields)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new ValidationError(key, `${key} is not a part of Deezer's search syntax.`);
    }
  }
  const parts: string[] = [];
  if (fields.text != null) {
    const text = words("text", fields.text);
    if (FIELD_IN_TEXT.test(text)) {
      throw new ValidationError(
        "text",
        "text must not contain field syntax such as artist:; use the typed field instead.",
      );
    }
    parts.push(text);
  }
  for (const key of TEXT_FIELDS) {
    const value = fields[key];
    if (value != null) parts.push(`${key}:"${words(key, value)}"`);
  }
  const bounds = new Map<RangeKey, number>();
  for (const [key, wire] of RANGE_FIELDS) {
    const value = fields[key];
    if (value == null) continue;
    const number = integer(key, value, { min: 0 });
    bounds.set(key, number);
    parts.push(`${wire}:${number}`);
  }
  checkRange(bounds, "durMin", "durMax");
  checkRange(bounds, "bpmMin", "bpmMax");
  if (parts.length === 0) {
    throw new ValidationError(
      "fields",
      "At least one of text, artist, album, track, label, durMin, durMax, bpmMin or bpmMax must be given.",
    );
  }
  return parts.join(" ");
}
