/**
 * Artwork URLs on TIDAL's resources host: `/{images|videos}/{uuid with "-" → "/"}/{size}.{jpg|mp4}`. Pure
 * string building; nothing is requested.
 */
import { SERVICE_ORIGINS } from "../core/services.js";
import { ValidationError } from "../core/errors.js";
import { uuid as checkUuid } from "../core/validate.js";

/** The artwork host the official clients use. */
export const TIDAL_RESOURCE_URL = SERVICE_ORIGINS.tidalResources;

/** Kinds of item whose artwork sizes are known. */
export type ArtworkItemType = "album" | "artist" | "playlist" | "userProfile" | "video";

/**
 * Sizes the resources host serves per kind of item. For `userProfile` they are the three sizes TIDAL's own
 * clients request for profile pictures.
 */
export const ARTWORK_DIMENSIONS: Readonly<Record<ArtworkItemType, readonly string[]>> = {
  album: ["1280x1280", "1080x1080", "750x750", "640x640", "320x320", "160x160", "80x80"],
  artist: ["750x750", "480x480", "320x320", "160x160"],
  playlist: ["1280x1280", "480x480", "320x320", "160x160"],
  userProfile: ["600x600", "210x210", "100x100"],
  video: ["1280x720", "800x450", "640x360", "320x180", "160x90"],
};

/** A size: `"origin"`, a square edge (`1280`, `"1280"`), `"WxH"`, or a `[width, height]` pair. */
export type ArtworkDimensions = number | string | readonly [number | string, number | string];

export interface ArtworkOptions {
  /** Animated artwork (an MP4 under `/videos/`) instead of a still (a JPEG under `/images/`). */
  animated?: boolean | undefined;
  /** Size of the artwork; omitted or `"origin"` means the original upload. */
  dimensions?: ArtworkDimensions | null | undefined;
}

const DIMENSIONS_TEXT =
  '"origin", a positive integer, a string such as "1280" or "640x360", or a [width, height] pair';

function edge(value: unknown): string | undefined {
  // Booleans are not sizes (`true` must not become "truextrue").
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? String(value) : undefined;
  if (typeof value === "string" && /^[0-9]+$/.test(value.trim())) {
    const digits = value.trim().replace(/^0+(?=[0-9])/, "");
    return digits === "0" ? undefined : digits;
  }
  return undefined;
}

function normaliseDimensions(value: unknown): string {
  if (value === undefined || value === null) return "origin";
  if (typeof value === "string") {
    const trimmed = value.trim();
    // "origin" in any case: the original upload.
    if (trimmed.toLowerCase() === "origin") return "origin";
    const pair = /^([0-9]+)x([0-9]+)$/i.exec(trimmed);
    if (pair) {
      const width = edge(pair[1]);
      const height = edge(pair[2]);
      if (width !== undefined && height !== undefined) return `${width}x${height}`;
    }
    const square = edge(trimmed);
    if (square !== undefined) return `${square}x${square}`;
  } else if (typeof value === "number") {
    const square = edge(value);
    if (square !== undefined) return `${square}x${square}`;
  } else if (Array.isArray(value) && value.length === 2) {
    const width = edge(value[0]);
    const height = edge(value[1]);
    if (width !== undefined && height !== undefined) return `${width}x${height}`;
  }
  const shown =
    typeof value === "string" ? JSON.stringify(value) : Array.isArray(value) ? "an array" : String(value);
  throw new ValidationError("dimensions", `dimensions must be ${DIMENSIONS_TEXT}; got ${shown}.`);
}

function normaliseItemType(value: unknown): ArtworkItemType {
  if (typeof value === "string") {
    const trimmed = value.trim();
    // "albums" names the same kind as "album".
    const singular = trimmed.endsWith("s") ? trimmed.slice(0, -1) : trimmed;
    for (const type of Object.keys(ARTWORK_DIMENSIONS) as ArtworkItemType[]) {
      if (type.toLowerCase() === singular.toLowerCase()) return type;
    }
  }
  const allowed = Object.keys(ARTWORK_DIMENSIONS)
    .map((t) => `"${t}"`)
    .join(", ");
  throw new ValidationError(
    "itemType",
    `itemType must be one of ${allowed}; got ${typeof value === "string" ? JSON.stringify(value) : String(value)}.`,
  );
}

/** The kinds of item {@link buildArtworkUrl} accepts, singular or plural (`"album"`, `"albums"`). */
export type ArtworkItemTypeName = ArtworkItemType | `${ArtworkItemType}s`;

/**
 * Tells the two call forms apart: `(uuid, options)` and `(uuid, itemType?, options?)`. An object in the
 * second place is the options (an array is not: it would be a misplaced size, refused as an item type).
 */
export function artworkArguments(
  second: ArtworkItemTypeName | ArtworkOptions | null | undefined,
  third: ArtworkOptions | undefined,
): { itemType: ArtworkItemTypeName | null | undefined; options: ArtworkOptions } {
  if (typeof second === "object" && second !== null && !Array.isArray(second)) {
    if (third !== undefined) {
      throw new ValidationError(
        "options",
        "options were given twice: pass (artworkUuid, options) or (artworkUuid, itemType, options).",
      );
    }
    return { itemType: undefined, options: second };
  }
  if (third !== undefined && (typeof third !== "object" || third === null)) {
    throw new ValidationError("options", `options must be an object; got ${String(third)}.`);
  }
  return { itemType: second as ArtworkItemTypeName | null | undefined, options: third ?? {} };
}

/**
 * Builds the URL of a TIDAL artwork. With `itemType`, the size must be one the host serves for that kind of
 * item (or `"origin"`, which every kind has); without it, any well-formed size is accepted.
 */
export function buildArtworkUrl(artworkUuid: string, options?: ArtworkOptions): string;
export function buildArtworkUrl(
  artworkUuid: string,
  itemType?: ArtworkItemTypeName | null,
  options?: ArtworkOptions,
  resourceUrl?: string,
): string;
export function buildArtworkUrl(
  artworkUuid: string,
  itemTypeOrOptions?: ArtworkItemTypeName | ArtworkOptions | null,
  options?: ArtworkOptions,
  resourceUrl: string = TIDAL_RESOURCE_URL,
): string {
  const call = artworkArguments(itemTypeOrOptions, options);
  return artworkUrl(artworkUuid, call.itemType, call.options, resourceUrl);
}

function artworkUrl(
  artworkUuid: string,
  itemType: ArtworkItemTypeName | null | undefined,
  options: ArtworkOptions,
  resourceUrl: string,
): string {
  const id = checkUuid("artworkUuid", artworkUuid).toLowerCase();
  const animated = options.animated ?? false;
  if (typeof animated !== "boolean") {
    throw new ValidationError("animated", `animated must be true or false; got ${String(animated)}.`);
  }
  const dimensions = normaliseDimensions(options.dimensions);
  if (itemType !== undefined && itemType !== null) {
    const type = normaliseItemType(itemType);
    const allowed = ARTWORK_DIMENSIONS[type];
    if (dimensions !== "origin" && !allowed.includes(dimensions)) {
      throw new ValidationError(
        "dimensions",
        `dimensions of ${type} artwork must be "origin" or one of ${allowed.join(", ")}; got ${dimensions}.`,
      );
    }
  }
  const folder = animated ? "videos" : "images";
  const extension = animated ? "mp4" : "jpg";
  return `${resourceUrl.replace(/\/+$/, "")}/${folder}/${id.replace(/-/g, "/")}/${dimensions}.${extension}`;
}
