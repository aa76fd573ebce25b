import { ValidationError } from "../../core/errors.js";
import type { HlsMasterPlaylist, HlsVariant } from "../types/playback.js";
import { ManifestError } from "./errors.js";

const HLS = "application/vnd.apple.mpegurl";

/**
 * Reads an HLS master playlist (RFC 8216 §4.3.4.2): every `#EXT-X-STREAM-INF` variant with its bandwidth,
 * resolution and codecs, and its media-playlist URI resolved against `baseUrl` (the URL the master was fetched
 * from). Pure: the caller fetches the text and picks a variant, for example the highest `bandwidth` or the
 * `resolution.height` it wants.
 *
 * @throws {ValidationError} `text` is not a string or `baseUrl` not an absolute http(s) URL.
 * @throws {ManifestError} the text is not a master playlist (no `#EXTM3U`, a media playlist, a variant without
 *   `BANDWIDTH` or URI).
 */
export function parseHlsMasterPlaylist(text: string, baseUrl: string): HlsMasterPlaylist {
  if (typeof text !== "string") throw new ValidationError("text", "The playlist text must be a string.");
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new ValidationError("baseUrl", "baseUrl must be the absolute URL the playlist was fetched from.");
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    throw new ValidationError("baseUrl", "baseUrl must be an http or https URL.");
  }

  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((line) => line.trim());
  if (lines[0] !== "#EXTM3U") throw new ManifestError(HLS, "The playlist does not start with #EXTM3U.");

  const variants: HlsVariant[] = [];
  let pending: Record<string, string> | undefined;
  let encrypted = false;
  for (const line of lines.slice(1)) {
    if (line === "") continue;
    if (line.startsWith("#EXTINF:") || line.startsWith("#EXT-X-TARGETDURATION:")) {
      throw new ManifestError(HLS, "The playlist is a media playlist, not a master playlist.");
    }
    if (line.startsWith("#EXT-X-STREAM-INF:")) {
      if (pending) throw new ManifestError(HLS, "An #EXT-X-STREAM-INF is not followed by its URI.");
      pending = parseAttributeList(line.slice("#EXT-X-STREAM-INF:".length));
      continue;
    }
    if (line.startsWith("#EXT-X-SESSION-KEY:")) {
      const method = parseAttributeList(line.slice("#EXT-X-SESSION-KEY:".length)).METHOD;
      if (method !== undefined && method !== "NONE") encrypted = true;
      continue;
    }
    if (line.startsWith("#")) continue;
    if (pending) {
      variants.push(toVariant(pending, resolveUri(line, base)));
      pending = undefined;
    }
  }
  if (pending) throw new ManifestError(HLS, "The last #EXT-X-STREAM-INF is not followed by its URI.");
  if (variants.length === 0) throw new ManifestError(HLS, "The master playlist lists no variant streams.");
  return { variants, protected: encrypted };
}

function toVariant(attributes: Record<string, string>, uri: string): HlsVariant {
  const bandwidth = decimalInteger(attributes.BANDWIDTH);
  if (bandwidth === undefined) throw new ManifestError(HLS, "A variant stream has no valid BANDWIDTH.");
  const resolution = /^(\d+)x(\d+)$/i.exec(attributes.RESOLUTION ?? "");
  const frameRate = attributes["FRAME-RATE"] === undefined ? undefined : Number(attributes["FRAME-RATE"]);
  return {
    bandwidth,
    averageBandwidth: decimalInteger(attributes["AVERAGE-BANDWIDTH"]),
    resolution: resolution ? { width: Number(resolution[1]), height: Number(resolution[2]) } : undefined,
    codecs: (attributes.CODECS ?? "")
      .split(",")
      .map((codec) => codec.trim())
      .filter((codec) => codec !== ""),
    frameRate: frameRate !== undefined && Number.isFinite(frameRate) && frameRate > 0 ? frameRate : undefined,
    uri,
  };
}

function decimalInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

function resolveUri(reference: string, base: URL): string {
  try {
    return new URL(reference, base).href;
  } catch (error) {
    throw new ManifestError(HLS, "A variant URI cannot be resolved against the playlist's URL.", {
      cause: error,
    });
  }
}

/**
 * Splits an attribute list (`BANDWIDTH=1280000,CODECS="avc1.4d401f,mp4a.40.2"`): quoted values may hold commas
 * and lose their quotes; names are kept as written (upper case by the RFC).
 */
function parseAttributeList(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = /([A-Z0-9-]+)=("[^"]*"|[^,]*)\s*(?:,|$)/gy;
  let position = 0;
  while (position < text.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (!match) throw new ManifestError(HLS, "An HLS tag has a malformed attribute list.");
    const [whole, name = "", raw = ""] = match;
    attributes[name] = raw.startsWith('"') ? raw.slice(1, -1) : raw.trim();
    position += whole.length;
    while (text[position] === " ") position++;
  }
  return attributes;
}
