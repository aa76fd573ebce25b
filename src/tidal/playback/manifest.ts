import { ValidationError } from "../../core/errors.js";
import type {
  BtsStreamDescription,
  DashStreamDescription,
  EmuStreamDescription,
  PlaybackInfo,
  ProtectionMarker,
  StreamDescription,
} from "../types/playback.js";
import { decodeDashManifest } from "./dash.js";
import { ManifestError } from "./errors.js";

const BTS = "application/vnd.tidal.bts";
const DASH = "application/dash+xml";
const EMU = "application/vnd.tidal.emu";

const HLS_MIME_TYPES = new Set([
  "application/vnd.apple.mpegurl",
  "application/x-mpegurl",
  "audio/mpegurl",
  "audio/x-mpegurl",
]);

export interface DecodeManifestOptions {
  /**
   * URL that relative manifest URLs are resolved against. TIDAL's manifests hold absolute URLs, so this is
   * needed only for manifests from elsewhere.
   */
  baseUrl?: string | undefined;
}

/** The playback-info members `decodePlaybackManifest` reads; track and video answers both have them. */
export type PlaybackManifestSource = Pick<PlaybackInfo, "manifestMimeType" | "manifest"> &
  Partial<Pick<PlaybackInfo, "licenseSecurityToken" | "licenseUrl">> &
  Partial<{ bitDepth: number | null; sampleRate: number | null }>;

/**
 * Decodes the base64 manifest of a track or video playback-info answer into a stream description: the URLs to
 * fetch in order, codec and MIME type, and whether the stream is protected. Pure: it sends no request.
 *
 * - `application/vnd.tidal.bts`: a JSON document naming the file URL(s); `encryptionType` other than `NONE`, or
 *   a `keyId`, means the file is encrypted.
 * - `application/dash+xml`: an MPD; the URLs are the initialization segment followed by every media segment.
 *   Any `ContentProtection` element means DRM.
 * - `application/vnd.tidal.emu` (videos): a JSON document naming an HLS master playlist; see
 *   `parseHlsMasterPlaylist`.
 *
 * A `licenseSecurityToken` or `licenseUrl` in the playback info also marks the stream protected. minim-ts reports
 * protection and never decrypts, strips it or handles licences.
 *
 * @throws {ValidationError} `playbackInfo` is not an object.
 * @throws {ManifestError} unknown `manifestMimeType`, or a manifest that does not decode.
 */
export function decodePlaybackManifest(
  playbackInfo: PlaybackManifestSource,
  options: DecodeManifestOptions = {},
): StreamDescription {
  if (typeof playbackInfo !== "object" || playbackInfo === null) {
    throw new ValidationError("playbackInfo", "playbackInfo must be a playback-info object.");
  }
  const baseUrl = options.baseUrl;
  if (baseUrl !== undefined && !isHttpUrl(baseUrl)) {
    throw new ValidationError("baseUrl", "baseUrl must be an absolute http or https URL.");
  }
  const declared: unknown = playbackInfo.manifestMimeType;
  if (typeof declared !== "string") {
    throw new ManifestError("", "The playback info has no manifestMimeType.");
  }
  // Compared without parameters or case: `application/dash+xml; charset=utf-8` is still an MPD.
  const mimeType = declared.split(";")[0]?.trim().toLowerCase() ?? "";
  if (mimeType !== BTS && mimeType !== DASH && mimeType !== EMU) {
    throw new ManifestError(declared, `Unknown manifest type ${JSON.stringify(declared)}.`);
  }
  const text = decodeBase64Text(playbackInfo.manifest, mimeType);
  const licence = licenceMarkers(playbackInfo);
  const bitDepth = positiveOrUndefined(playbackInfo.bitDepth);
  const sampleRate = positiveOrUndefined(playbackInfo.sampleRate);

  if (mimeType === DASH) {
    const dash = decodeDashManifest(text, baseUrl);
    const protection = [...dash.protection, ...licence];
    const urls =
      dash.initializationUrl === undefined ? dash.segmentUrls : [dash.initializationUrl, ...dash.segmentUrls];
    const description: DashStreamDescription = {
      manifestType: "dash",
      manifestMimeType: DASH,
      protected: protection.length > 0,
      protection,
      mimeType: dash.mimeType,
      codec: dash.codec,
      urls,
      representationId: dash.representationId,
      bandwidth: dash.bandwidth,
      sampleRate: dash.sampleRate ?? sampleRate,
      bitDepth: dash.bitDepth ?? bitDepth,
      durationSeconds: dash.durationSeconds,
      initializationUrl: dash.initializationUrl,
      segmentUrls: dash.segmentUrls,
    };
    return description;
  }

  const json = parseJsonManifest(text, mimeType);
  const urls = urlList(json.urls, mimeType, baseUrl);
  const mediaType = json.mimeType;
  if (typeof mediaType !== "string" || mediaType === "") {
    throw new ManifestError(mimeType, "The manifest has no mimeType.");
  }
  const codec = typeof json.codecs === "string" && json.codecs !== "" ? json.codecs : undefined;
  const keyId = typeof json.keyId === "string" && json.keyId !== "" ? json.keyId : undefined;
  const encryptionType = typeof json.encryptionType === "string" ? json.encryptionType : undefined;
  const encryption: ProtectionMarker[] = [];

  if (mimeType === BTS) {
    // A BTS manifest always states its encryption; one that does not is not assumed to be plain.
    if (encryptionType !== "NONE") encryption.push({ source: "encryptionType", value: encryptionType ?? "" });
    if (keyId !== undefined) encryption.push({ source: "keyId" });
    const protection = [...encryption, ...licence];
    const description: BtsStreamDescription = {
      manifestType: "bts",
      manifestMimeType: BTS,
      protected: protection.length > 0,
      protection,
      mimeType: mediaType,
      codec,
      urls,
      encryptionType: encryptionType ?? "",
      keyId,
      bitDepth,
      sampleRate,
    };
    return description;
  }

  // EMU manifests name a playlist and normally say nothing about encryption; when they do, it counts.
  if (encryptionType !== undefined && encryptionType !== "NONE") {
    encryption.push({ source: "encryptionType", value: encryptionType });
  }
  if (keyId !== undefined) encryption.push({ source: "keyId" });
  const protection = [...encryption, ...licence];
  const description: EmuStreamDescription = {
    manifestType: "emu",
    manifestMimeType: EMU,
    protected: protection.length > 0,
    protection,
    mimeType: mediaType,
    codec,
    urls,
    masterPlaylistUrl: HLS_MIME_TYPES.has(mediaType.toLowerCase()) ? urls[0] : undefined,
  };
  return description;
}

function licenceMarkers(info: PlaybackManifestSource): ProtectionMarker[] {
  // The emulator and the service send `null` on plain streams; any other value is a licence to fetch.
  const markers: ProtectionMarker[] = [];
  if (info.licenseSecurityToken !== undefined && info.licenseSecurityToken !== null) {
    markers.push({ source: "licenseSecurityToken" });
  }
  if (info.licenseUrl !== undefined && info.licenseUrl !== null) markers.push({ source: "licenseUrl" });
  return markers;
}

function decodeBase64Text(manifest: unknown, mimeType: string): string {
  if (typeof manifest !== "string" || manifest === "") {
    throw new ManifestError(mimeType, "The playback info has no manifest.");
  }
  const compact = manifest.replace(/\s+/g, "");
  // Buffer.from() skips characters outside the alphabet; a manifest with any is damaged, not decodable.
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/.test(compact)) {
    throw new ManifestError(mimeType, "The manifest is not valid base64.");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(compact, "base64"));
  } catch (error) {
    throw new ManifestError(mimeType, "The decoded manifest is not UTF-8 text.", { cause: error });
  }
}

function parseJsonManifest(text: string, mimeType: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message quotes the text, which holds tokenised URLs; it is not passed on.
    throw new ManifestError(mimeType, "The decoded manifest is not JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ManifestError(mimeType, "The decoded manifest is not a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

function urlList(value: unknown, mimeType: string, baseUrl: string | undefined): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ManifestError(mimeType, "The manifest lists no URLs.");
  }
  return value.map((url) => {
    if (typeof url !== "string" || url === "") {
      throw new ManifestError(mimeType, "The manifest's urls hold something other than URLs.");
    }
    if (isHttpUrl(url)) return url;
    if (baseUrl !== undefined) {
      try {
        const resolved = new URL(url, baseUrl).href;
        if (isHttpUrl(resolved)) return resolved;
      } catch {
        // Reported below.
      }
    }
    throw new ManifestError(mimeType, "The manifest holds a URL that is not an absolute http(s) URL.");
  });
}

/** Whether a string is an absolute http(s) URL (the only kind a segment may be fetched from). */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function positiveOrUndefined(value: number | null | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
}
