/**
 * The openapi v2 host (openapi.tidal.com/v2, role `tidalOpenApi`), reduced to the two lookups a private-API
 * client makes with its own user token:
 *
 * - `GET /v2/tracks?countryCode=…&filter[isrc]=…` and
 * - `GET /v2/albums?countryCode=…&filter[barcodeId]=…`.
 *
 * Answers are JSON:API (`application/vnd.api+json`): `data` is an array of `{id, type, attributes,
 * relationships, links}` resources, empty when a well-formed code matches nothing (or nothing available in the
 * country). A filter may repeat or hold a comma list. Errors are `{"errors":[{id, status, code, detail,
 * source}]}` with `status` a string, as JSON:API has it. `countryCode` is required here, as it is in the
 * service's published client.
 */
import type { EmulatorReply, EmulatorRequest, RoleRouter } from "../../types.js";
import { resolveCaller } from "../context.js";
import type { AlbumSeed, TrackSeed } from "../data.js";
import { TidalFailure } from "../errors.js";
import type { TidalService } from "../service.js";
import { stableUuid } from "../util.js";

const CONTENT_TYPE = "application/vnd.api+json";
const ISRC = /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/i;
const BARCODE = /^\d{8}$|^\d{12,14}$/;
/** A lookup takes at most this many codes at once (an emulator limit, refused with 400 beyond it). */
const MAX_FILTER_VALUES = 20;

type Resource = Record<string, unknown>;

class OpenApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly parameter?: string,
  ) {
    super(detail);
  }
}

function errorReply(status: number, code: string, detail: string, parameter?: string): EmulatorReply {
  const error: Record<string, unknown> = {
    id: stableUuid(`openapi-error:${status}:${code}:${detail}`),
    status: String(status),
    code,
    detail,
  };
  if (parameter !== undefined) error.source = { parameter };
  return { status, headers: { "content-type": CONTENT_TYPE }, json: { errors: [error] } };
}

const document = (body: unknown): EmulatorReply => ({
  status: 200,
  headers: { "content-type": CONTENT_TYPE },
  json: body,
});

/** The caller must be a user token of the API host; its failures are restated as JSON:API errors. */
function authenticate(svc: TidalService, req: EmulatorRequest): void {
  if (!req.headers["authorization"]) {
    throw new OpenApiFailure(401, "UNAUTHORIZED", "Full authentication is required to access this resource");
  }
  try {
    resolveCaller(svc, req);
  } catch (thrown) {
    if (!(thrown instanceof TidalFailure)) throw thrown;
    const body = thrown.reply.json as { userMessage?: unknown } | undefined;
    const detail = typeof body?.userMessage === "string" ? body.userMessage : "Invalid token";
    throw new OpenApiFailure(thrown.reply.status ?? 401, "UNAUTHORIZED", detail);
  }
}

function countryCode(req: EmulatorRequest): string {
  const value = req.query.get("countryCode");
  if (value === null || value === "") {
    throw new OpenApiFailure(400, "PARAMETER_MISSING", "countryCode is required", "countryCode");
  }
  if (!/^[A-Za-z]{2}$/.test(value)) {
    throw new OpenApiFailure(
      400,
      "VALUE_REGEX_MISMATCH",
      `countryCode is not a country: ${value}`,
      "countryCode",
    );
  }
  return value.toUpperCase();
}

function filterValues(req: EmulatorRequest, name: string, pattern: RegExp, what: string): string[] {
  const parameter = `filter[${name}]`;
  const values = req.query
    .getAll(parameter)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
  if (values.length === 0) {
    throw new OpenApiFailure(400, "PARAMETER_MISSING", `${parameter} is required`, parameter);
  }
  if (values.length > MAX_FILTER_VALUES) {
    throw new OpenApiFailure(
      400,
      "VALUE_TOO_LONG",
      `${parameter} takes at most ${MAX_FILTER_VALUES} values`,
      parameter,
    );
  }
  for (const value of values) {
    if (!pattern.test(value)) {
      throw new OpenApiFailure(
        400,
        "VALUE_REGEX_MISMATCH",
        `${parameter} is not a valid ${what}: ${value}`,
        parameter,
      );
    }
  }
  return values;
}

/** `PT4M27S`. */
function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h > 0 ? `${h}H` : ""}${m > 0 ? `${m}M` : ""}${s > 0 || seconds === 0 ? `${s}S` : ""}`;
}

function mediaTags(album: AlbumSeed | undefined): string[] {
  return (album?.tags ?? []).filter((t) => t === "LOSSLESS" || t === "HIRES_LOSSLESS" || t === "DOLBY_ATMOS");
}

function relationship(path: string, cc: string): Record<string, unknown> {
  return { links: { self: `${path}?countryCode=${cc}` } };
}

function trackResource(svc: TidalService, track: TrackSeed, cc: string): Resource {
  const album = svc.state.albums.get(track.albumId);
  return {
    id: String(track.id),
    type: "tracks",
    attributes: {
      title: track.title,
      version: track.version,
      isrc: track.isrc,
      duration: isoDuration(track.duration),
      copyright: { text: album?.copyright ?? "" },
      explicit: track.explicit,
      popularity: track.popularity / 100,
      key: track.key,
      keyScale: track.keyScale,
      bpm: track.bpm,
      accessType: "PUBLIC",
      availability: ["STREAM", "DJ"],
      mediaTags: mediaTags(album),
      externalLinks: [
        { href: `https://tidal.com/browse/track/${track.id}`, meta: { type: "TIDAL_SHARING" } },
      ],
    },
    relationships: {
      albums: relationship(`/tracks/${track.id}/relationships/albums`, cc),
      artists: relationship(`/tracks/${track.id}/relationships/artists`, cc),
    },
    links: { self: `/tracks/${track.id}` },
  };
}

function albumResource(svc: TidalService, album: AlbumSeed, cc: string): Resource {
  const tracks = svc.state.albumTracks(album.id);
  const videos = svc.state.albumVideos(album.id);
  const seconds =
    tracks.reduce((sum, t) => sum + t.duration, 0) + videos.reduce((sum, v) => sum + v.duration, 0);
  return {
    id: String(album.id),
    type: "albums",
    attributes: {
      title: album.title,
      barcodeId: album.upc,
      numberOfVolumes: album.numberOfVolumes,
      numberOfItems: tracks.length + videos.length,
      duration: isoDuration(seconds),
      explicit: album.explicit,
      releaseDate: album.releaseDate,
      copyright: { text: album.copyright },
      popularity: album.popularity / 100,
      accessType: "PUBLIC",
      availability: ["STREAM", "DJ"],
      mediaTags: mediaTags(album),
      type: album.type === "COMPILATION" ? "ALBUM" : album.type,
      externalLinks: [
        { href: `https://tidal.com/browse/album/${album.id}`, meta: { type: "TIDAL_SHARING" } },
      ],
    },
    relationships: {
      artists: relationship(`/albums/${album.id}/relationships/artists`, cc),
      items: relationship(`/albums/${album.id}/relationships/items`, cc),
    },
    links: { self: `/albums/${album.id}` },
  };
}

function route(
  router: RoleRouter,
  svc: () => TidalService,
  pattern: string,
  handler: (req: EmulatorRequest, s: TidalService) => EmulatorReply,
): void {
  router.add("GET", pattern, (req) => {
    try {
      return handler(req, svc());
    } catch (thrown) {
      if (thrown instanceof OpenApiFailure)
        return errorReply(thrown.status, thrown.code, thrown.detail, thrown.parameter);
      throw thrown;
    }
  });
}

/** The request's path and query as the `links.self` of a collection document. */
function selfLink(req: EmulatorRequest): string {
  return `${req.path.replace(/^\/v2/, "")}${req.url.search}`;
}

export function openApiRoutes(router: RoleRouter, svc: () => TidalService): void {
  router.fallback((req) => errorReply(404, "NOT_FOUND", `No endpoint ${req.method} ${req.path}`));

  route(router, svc, "/v2/tracks", (req, s) => {
    authenticate(s, req);
    const cc = countryCode(req);
    const isrcs = new Set(filterValues(req, "isrc", ISRC, "ISRC").map((v) => v.toUpperCase()));
    const data = [...s.state.tracks.values()]
      .filter((t) => isrcs.has(t.isrc) && s.state.trackAvailable(t, cc))
      .sort((a, b) => a.id - b.id)
      .map((t) => trackResource(s, t, cc));
    return document({ data, links: { self: selfLink(req) } });
  });

  route(router, svc, "/v2/albums", (req, s) => {
    authenticate(s, req);
    const cc = countryCode(req);
    const barcodes = new Set(filterValues(req, "barcodeId", BARCODE, "barcode"));
    const data = [...s.state.albums.values()]
      .filter((a) => barcodes.has(a.upc) && s.state.albumAvailable(a, cc))
      .sort((a, b) => a.id - b.id)
      .map((a) => albumResource(s, a, cc));
    return document({ data, links: { self: selfLink(req) } });
  });
}
