/**
 * Argument checks and wire serialisation of the private TIDAL API. Every check runs before anything is sent
 * and throws a {@link ValidationError}. They accept every documented form (an id as a number or a string of
 * digits; a list as one item, a comma-separated string or any iterable), let no unchecked value into a path,
 * and never modify what they are given. The country and paging parameters are checked by the endpoint layer,
 * which reads them from the options.
 */
import { ValidationError } from "../core/errors.js";
import {
  boolean,
  countryCode,
  integer,
  locale,
  nonBlankString,
  oneOf,
  optionalInteger,
  tidalId,
  tidalIdList,
  uuid,
} from "../core/validate.js";
import type { QueryParams } from "../core/transport.js";
import type { DeviceType, PlaylistType, SortOrder } from "./types/common.js";

export const DEVICE_TYPES: readonly DeviceType[] = ["BROWSER", "DESKTOP", "PHONE", "TV"];
export const PLAYLIST_TYPES: readonly PlaylistType[] = [
  "FOLDER",
  "PLAYLIST",
  "FAVORITE_PLAYLIST",
  "USER_PLAYLIST",
];
const SORT_ORDERS: readonly SortOrder[] = ["DATE", "NAME"];

function isIterableObject(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

/** One item, a comma-separated string, or any iterable (arrays, tuples and sets alike), as a fresh array. */
function listOf(name: string, value: unknown, what: string): unknown[] {
  let items: unknown[];
  if (typeof value === "string") items = value.trim() === "" ? [] : value.split(",");
  else if (typeof value === "number") items = [value];
  else if (isIterableObject(value)) items = Array.from(value);
  else
    throw new ValidationError(
      name,
      `${name} must be ${what}, a comma-separated string of them or a list of them.`,
    );
  if (items.length === 0) throw new ValidationError(name, `${name} must contain at least one item.`);
  return items;
}

/** A catalogue id (album, artist, track, video, user) for a path or form field. */
export function catalogId(name: string, value: unknown): string {
  return tidalId(name, value);
}

/** A list of catalogue ids, comma-joined (at most 1 000, as the service accepts). */
export function catalogIds(name: string, value: unknown): string {
  return tidalIdList(name, value, { max: 1000 }).joined;
}

/** An explicit country code (upper-cased, must be an assigned ISO code) or `undefined` to resolve it. */
export function optionalCountry(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : countryCode("countryCode", value);
}

/** `limit` of an offset-paged list: 1–100, omitted when not given. */
export function offsetLimit(value: unknown): number | undefined {
  return optionalInteger("limit", value, { min: 1, max: 100 });
}

/** `offset` of an offset-paged list: ≥ 0, omitted when not given. */
export function offset(value: unknown): number | undefined {
  return optionalInteger("offset", value, { min: 0 });
}

/** `limit` of a my-collection cursor list: 1–50, sent as 50 when not given. */
export function cursorLimit(value: unknown): number {
  return value === undefined || value === null ? 50 : integer("limit", value, { min: 1, max: 50 });
}

/** `limit` of a profile-relationship cursor list: 1–50, omitted when not given. */
export function optionalCursorLimit(value: unknown): number | undefined {
  return optionalInteger("limit", value, { min: 1, max: 50 });
}

/** An opaque page cursor, trimmed; omitted when not given. */
export function cursor(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : nonBlankString("cursor", value);
}

/** `sortBy` → `order`. */
export function sortOrder(value: unknown): SortOrder | undefined {
  return value === undefined || value === null ? undefined : oneOf("sortBy", value, SORT_ORDERS);
}

/** `descending` → `orderDirection`. */
export function direction(value: unknown): "ASC" | "DESC" | undefined {
  if (value === undefined || value === null) return undefined;
  return boolean("descending", value) ? "DESC" : "ASC";
}

/** `deviceType` of the page endpoints, `BROWSER` by default. */
export function deviceType(value: unknown): DeviceType {
  return value === undefined || value === null ? "BROWSER" : oneOf("deviceType", value, DEVICE_TYPES);
}

/** `locale` as `ll_CC`; `en-US` is accepted and normalised. */
export function optionalLocale(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : locale("locale", value);
}

/** A playlist UUID in canonical form. */
export function playlistUuid(name: string, value: unknown): string {
  return uuid(name, value).toLowerCase();
}

/** A folder: `"root"` (the top level) or a folder UUID; omitted when not given. */
export function optionalFolder(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && value.trim() === "root") return "root";
  if (typeof value === "string" && /^trn:folder:/i.test(value.trim())) {
    return uuid(name, value.trim().slice("trn:folder:".length)).toLowerCase();
  }
  return uuid(name, value).toLowerCase();
}

/**
 * Playlist or folder names for the v2 collection endpoints: plain UUIDs get the `trn:<kind>:` prefix, already
 * prefixed names keep it (recognised by its text, whatever its length).
 */
export function trnList(name: string, value: unknown, kind: "playlist" | "folder"): string {
  const prefix = `trn:${kind}:`;
  const items = listOf(name, value, `a ${kind} UUID or "${prefix}<uuid>" name`);
  return items
    .map((item, index) => {
      if (typeof item !== "string") {
        throw new ValidationError(name, `${name} item ${index + 1} must be a string; got ${typeof item}.`);
      }
      const trimmed = item.trim();
      const bare = trimmed.toLowerCase().startsWith(prefix) ? trimmed.slice(prefix.length) : trimmed;
      return `${prefix}${uuid(name, bare).toLowerCase()}`;
    })
    .join(",");
}

/** Plain playlist UUIDs (a `trn:playlist:` prefix is dropped), comma-joined. */
export function playlistUuidList(name: string, value: unknown): string {
  const prefix = "trn:playlist:";
  const items = listOf(name, value, "a playlist UUID");
  return items
    .map((item, index) => {
      if (typeof item !== "string") {
        throw new ValidationError(name, `${name} item ${index + 1} must be a string; got ${typeof item}.`);
      }
      const trimmed = item.trim();
      const bare = trimmed.toLowerCase().startsWith(prefix) ? trimmed.slice(prefix.length) : trimmed;
      return uuid(name, bare).toLowerCase();
    })
    .join(",");
}

const MIX_ID = /^[0-9A-Za-z]+$/;

/** A mix id: letters and digits only, so it can never alter the path it is put in. */
export function mixId(name: string, value: unknown): string {
  const id = nonBlankString(name, value);
  if (!MIX_ID.test(id)) {
    throw new ValidationError(
      name,
      `${name} must be a TIDAL mix id (letters and digits); got ${JSON.stringify(id)}.`,
    );
  }
  return id;
}

/** Mix ids to follow or unfollow: 30 characters each, at most 100, comma-joined. */
export function mixIdList(name: string, value: unknown): string {
  const items = listOf(name, value, "a mix id");
  if (items.length > 100)
    throw new ValidationError(name, `${name} may contain at most 100 items; got ${items.length}.`);
  return items
    .map((item) => {
      const id = mixId(name, item);
      if (id.length !== 30) {
        throw new ValidationError(
          name,
          `${name} must contain 30-character mix ids; got ${JSON.stringify(id)}.`,
        );
      }
      return id;
    })
    .join(",");
}

/** A zero-based playlist position, as a number or a string of digits. */
export function itemIndex(name: string, value: unknown): number {
  if (typeof value === "string" && /^\s*[0-9]+\s*$/.test(value)) return Number(value.trim());
  return integer(name, value, { min: 0 });
}

/** Zero-based playlist positions for one path segment, comma-joined. */
export function itemIndices(name: string, value: unknown): string {
  return listOf(name, value, "a zero-based index")
    .map((item) => itemIndex(name, item))
    .join(",");
}

/** `playlistTypes` → `includeOnly`: one repeated key per type, whichever form the types were given in. */
export function playlistTypes(value: unknown): PlaylistType[] | undefined {
  if (value === undefined || value === null) return undefined;
  return listOf("playlistTypes", value, "a playlist type").map((item) =>
    oneOf("playlistTypes", typeof item === "string" ? item.trim() : item, PLAYLIST_TYPES),
  );
}

/** `onMissing` → `onArtifactNotFound`: `FAIL` or `SKIP`, any case. */
export function onMissing(value: unknown): "FAIL" | "SKIP" | undefined {
  if (value === undefined || value === null) return undefined;
  return oneOf("onMissing", typeof value === "string" ? value.trim().toUpperCase() : value, [
    "FAIL",
    "SKIP",
  ] as const);
}

/**
 * A wrapper's `missingOk` flag as the `onArtifactNotFound` its target sends: true → `SKIP`, false → `FAIL`.
 */
export function missingOk(value: unknown): "FAIL" | "SKIP" | undefined {
  if (value === undefined || value === null) return undefined;
  return boolean("missingOk", value) ? "SKIP" : "FAIL";
}

/** An upper-cased choice from a fixed set (qualities, playback intents). */
export function upperChoice<T extends string>(
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined || value === null) return fallback;
  return oneOf(name, typeof value === "string" ? value.trim().toUpperCase() : value, allowed);
}

/** `preview` → `assetpresentation`. */
export function presentation(value: unknown): "PREVIEW" | "FULL" {
  if (value === undefined || value === null) return "FULL";
  return boolean("preview", value) ? "PREVIEW" : "FULL";
}

/** `apiVersion`: exactly 1 or 2 (2 when not given). */
export function apiVersion(value: unknown): 1 | 2 {
  if (value === undefined || value === null) return 2;
  if (value === 1 || value === 2) return value;
  throw new ValidationError("apiVersion", `apiVersion must be 1 or 2; got ${String(value)}.`);
}

/** An optional text that may be blank (descriptions), trimmed. */
export function optionalText(name: string, value: unknown): string | undefined {
  return value === undefined || value === null
    ? undefined
    : nonBlankString(name, value, { allowBlank: true });
}

/** An optional non-blank text (names, titles), trimmed. */
export function optionalName(name: string, value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : nonBlankString(name, value);
}

/** An optional strict boolean. */
export function optionalBoolean(name: string, value: unknown): boolean | undefined {
  return value === undefined || value === null ? undefined : boolean(name, value);
}

/** The query and headers of a playback-info request, beside its quality parameter. */
export function playbackRequest(options: {
  mode?: unknown;
  presentation?: unknown;
  countryCode?: unknown;
  streamingSessionId?: unknown;
  playlistUuid?: unknown;
  prefetch?: unknown;
}): { query: QueryParams; headers: Record<string, string> | undefined } {
  const query: QueryParams = {
    playbackmode: upperChoice("mode", options.mode, ["STREAM", "OFFLINE"] as const, "STREAM"),
    assetpresentation: upperChoice(
      "presentation",
      options.presentation,
      ["FULL", "PREVIEW"] as const,
      "FULL",
    ),
    countryCode: optionalCountry(options.countryCode),
  };
  const headers: Record<string, string> = {};
  if (options.streamingSessionId != null) {
    headers["x-tidal-streamingsessionid"] = uuid(
      "streamingSessionId",
      options.streamingSessionId,
    ).toLowerCase();
  }
  if (options.playlistUuid != null)
    headers["x-tidal-playlistuuid"] = playlistUuid("playlistUuid", options.playlistUuid);
  if (options.prefetch != null && boolean("prefetch", options.prefetch)) headers["x-tidal-prefetch"] = "true";
  return { query, headers: Object.keys(headers).length === 0 ? undefined : headers };
}

/** `platform` of the v2 home feed, `WEB` by default. */
export function platform(value: unknown): "WEB" | "DESKTOP" | "ANDROID" | "IOS" {
  return upperChoice("platform", value, ["WEB", "DESKTOP", "ANDROID", "IOS"] as const, "WEB");
}
