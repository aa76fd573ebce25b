import { MinimError } from "../../core/errors.js";
import type { ProtectionMarker } from "../types/playback.js";

/**
 * A playback manifest (or an HLS playlist) that cannot be turned into a stream description: an unknown MIME
 * type, base64 or JSON that does not decode, XML that is not a usable DASH MPD. The message names what was
 * wrong and never quotes the manifest, whose URLs carry access tokens.
 */
export class ManifestError extends MinimError {
  override name = "ManifestError";
  /** The manifest's MIME type (`application/dash+xml`, …), or the playlist kind for HLS. */
  readonly manifestMimeType: string;
  constructor(manifestMimeType: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.manifestMimeType = manifestMimeType;
  }
}

/**
 * The stream is encrypted or needs a DRM licence. minim-ts never decrypts, strips protection or handles licences,
 * so helpers that would need the plaintext refuse such streams before sending any request.
 */
export class ProtectedContentError extends MinimError {
  override name = "ProtectedContentError";
  /** Every piece of evidence of protection the manifest and playback info held. */
  readonly protection: readonly ProtectionMarker[];
  constructor(protection: readonly ProtectionMarker[]) {
    const sources = [...new Set(protection.map((marker) => marker.source))].join(", ");
    super(
      `The stream is protected (${sources || "marked protected"}); minim-ts does not decrypt or license protected content.`,
    );
    this.protection = protection;
  }
}

/**
 * A segment could not be downloaded: the CDN answered with an error status that is not worth retrying (a 4xx),
 * or every retry of a 5xx or network failure failed too. `url` has its query removed, because the query is the
 * access token.
 */
export class SegmentDownloadError extends MinimError {
  override name = "SegmentDownloadError";
  /** 1-based position of the segment in the description's `urls`. */
  readonly segment: number;
  readonly segments: number;
  /** The last HTTP status, when the CDN answered at all. */
  readonly status: number | undefined;
  /** Requests sent for this segment, retries included. */
  readonly attempts: number;
  /** The segment's URL without its query string. */
  readonly url: string;
  constructor(init: {
    segment: number;
    segments: number;
    status: number | undefined;
    attempts: number;
    url: string;
    cause?: unknown;
  }) {
    const what = init.status !== undefined ? `HTTP ${init.status}` : "a network failure";
    super(
      `Segment ${init.segment} of ${init.segments} (${init.url}) failed with ${what} after ${init.attempts} attempt${init.attempts === 1 ? "" : "s"}.`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.segment = init.segment;
    this.segments = init.segments;
    this.status = init.status;
    this.attempts = init.attempts;
    this.url = init.url;
  }
}

/** A URL without its query and fragment, for error messages: CDN URLs carry their access token in the query. */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}
