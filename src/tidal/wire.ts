/**
 * TIDAL's wire quirks, in one place: the client-version header every API request carries, the two ways a
 * request identifies itself (a user's bearer token, or the bare client id in `x-tidal-token`), the error
 * bodies of the API host, the auth host and the Spring/problem+json gateways, and the playlist ETags the item
 * edits depend on.
 */
import type { ServiceAdapter } from "../core/api-client.js";
import type { Credential } from "../core/credentials.js";
import { apiErrorClassForStatus, type APIError, type ResponseShape } from "../core/errors.js";
import { knownSecrets, redactText } from "../core/redact.js";
import type { HttpRequest, HttpResponse } from "../core/transport.js";
import { isRecord } from "../core/json.js";
import {
  notJsonError,
  parseBody,
  retryAfterOf,
  sentence,
  shorten,
  successBody,
} from "../core/wire-common.js";

/** Value of `x-tidal-client-version` on every API request (a version of TIDAL's web player). */
export const TIDAL_CLIENT_VERSION = "2025.12.18";

/**
 * `subStatus` values with which the API rejects a bearer token that a renewal can fix: 11002 "Token has
 * invalid payload" (unknown or rotated away) and 11003 "The token has expired. (Expired on time)".
 */
export const TIDAL_TOKEN_SUB_STATUSES: ReadonlySet<number> = new Set([11002, 11003]);

const PLAYLIST_PATH =
  /\/v1\/playlists\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i;

/** The playlist a v1 playlist URL is about, lower-cased, or `undefined`. */
export function playlistOfUrl(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  return PLAYLIST_PATH.exec(path)?.[1]?.toLowerCase();
}

/** Removes every `"` and the weak-validator prefix: TIDAL compares the bare value. */
export function bareEtag(value: string): string {
  return value.trim().replace(/^W\//, "").replace(/"/g, "");
}

/**
 * The latest ETag seen for each playlist. The four item edits need the playlist's current one; remembering
 * what passes by (reads of the playlist or its items, and the answers to edits) spares a request per edit.
 */
export class PlaylistEtags {
  readonly #etags = new Map<string, string>();

  get(playlistUuid: string): string | undefined {
    return this.#etags.get(playlistUuid.toLowerCase());
  }

  set(playlistUuid: string, etag: string): void {
    this.#etags.set(playlistUuid.toLowerCase(), bareEtag(etag));
  }

  forget(playlistUuid?: string): void {
    if (playlistUuid === undefined) this.#etags.clear();
    else this.#etags.delete(playlistUuid.toLowerCase());
  }

  /**
   * Learns from one answer: a v1 playlist answer with an ETag is the current state; other writes make it
   * stale.
   */
  observe(response: HttpResponse): void {
    const uuid = playlistOfUrl(response.url);
    if (uuid === undefined) return;
    const etag = response.headers["etag"];
    const success = response.status >= 200 && response.status < 300;
    if (success && etag !== undefined && bareEtag(etag) !== "") this.set(uuid, etag);
    else if (response.method !== "GET") this.forget(uuid);
  }
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function int(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** What an error body says, whichever of TIDAL's shapes it has. */
export interface TidalErrorDetails {
  message: string;
  subStatus?: number | undefined;
  /** The auth host's `error` string (`invalid_grant`, `authorization_pending`, …). */
  code?: string | undefined;
  /** Spring's `error` phrase or problem+json's `title`. */
  type?: string | undefined;
}

/** Reads an error body (parsed JSON, or `undefined` when it was not JSON) into its parts. */
export function readErrorBody(status: number, body: unknown): TidalErrorDetails {
  const prefix = `TIDAL answered HTTP ${status}`;
  if (typeof body === "string" && body.trim() !== "")
    return { message: sentence(`${prefix}: ${shorten(body)}`) };
  if (!isRecord(body)) return { message: sentence(prefix) };

  // Classic v1 errors: {"status":404,"subStatus":2001,"userMessage":"Album not found"}.
  const userMessage = text(body.userMessage);
  if (userMessage !== undefined || ("subStatus" in body && !("error" in body))) {
    const subStatus = int(body.subStatus);
    const label = subStatus !== undefined ? `${prefix} (subStatus ${subStatus})` : prefix;
    return { subStatus, message: sentence(userMessage ? `${label}: ${shorten(userMessage)}` : label) };
  }
  // The auth host: {"status":400,"error":"invalid_grant","sub_status":11101,"error_description":"…"}.
  const authError = text(body.error);
  if (authError !== undefined && ("error_description" in body || "sub_status" in body)) {
    const description = text(body.error_description);
    return {
      code: authError,
      subStatus: int(body.sub_status),
      message: sentence(`${prefix} (${shorten(authError)})${description ? `: ${shorten(description)}` : ""}`),
    };
  }
  // problem+json: {"status":400,"title":"Bad Request","detail":"…"}.
  const title = text(body.title);
  if (title !== undefined) {
    const detail = text(body.detail);
    return {
      type: title,
      message: sentence(`${prefix} (${shorten(title)})${detail ? `: ${shorten(detail)}` : ""}`),
    };
  }
  // The gateway's Spring shape: {"timestamp":…,"status":404,"error":"Not Found","path":"/v2/…"}; and the
  // {"httpStatus","subStatus","error","description"} variant.
  if (authError !== undefined) {
    const detail = text(body.description) ?? text(body.message) ?? text(body.path);
    return {
      type: authError,
      subStatus: int(body.subStatus),
      message: sentence(`${prefix} (${shorten(authError)})${detail ? `: ${shorten(detail)}` : ""}`),
    };
  }
  // JSON:API style {"errors":[{"code":"…","detail":"…"}]} from v2 gateways.
  if (Array.isArray(body.errors) && isRecord(body.errors[0])) {
    const first = body.errors[0];
    const detail = text(first.detail) ?? text(first.title) ?? text(first.code);
    return {
      type: text(first.code),
      message: sentence(detail ? `${prefix}: ${shorten(detail)}` : prefix),
    };
  }
  const message = text(body.message) ?? text(body.description);
  return { message: sentence(message ? `${prefix}: ${shorten(message)}` : prefix) };
}

/**
 * A copy of an error body with credentials scrubbed from every string, in case the service echoes a request.
 */
function scrub(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (depth > 32 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrub(item, secrets, depth + 1);
  return out;
}

/** Builds the typed error for a failed answer; `body` is the parsed JSON or `undefined` for other content. */
export function tidalError(response: HttpResponse, body: unknown, secrets: readonly string[] = []): APIError {
  const clean = scrub(body, secrets);
  const details = readErrorBody(response.status, clean);
  const Class = apiErrorClassForStatus(response.status);
  return new Class({
    service: "tidal",
    status: response.status,
    method: response.method,
    url: response.url,
    message: details.message,
    code: details.code,
    subStatus: details.subStatus,
    type: details.type,
    retryAfter: retryAfterOf(response),
    body: clean,
  });
}

/**
 * The {@link ServiceAdapter} of the private TIDAL API (and of `login.tidal.com/oauth2/me`, which shares it).
 */
export class TidalAdapter implements ServiceAdapter {
  readonly service = "tidal" as const;
  readonly etags = new PlaylistEtags();
  readonly #clientId: () => string | null;
  /** Tokens sent lately, scrubbed from error bodies should the service echo one back. */
  readonly #recentTokens: string[] = [];

  /** `clientId` is read per request: `setAuthFlow` may change it. */
  constructor(clientId: () => string | null) {
    this.#clientId = clientId;
  }

  /**
   * A user's token goes as `Authorization: Bearer …` and the client id is then left out; without a user the
   * client id alone identifies the application (`x-tidal-token`).
   */
  authorize(request: HttpRequest, credential: Credential | null): void {
    const headers: Record<string, string | undefined> = { ...request.headers };
    headers["x-tidal-client-version"] = TIDAL_CLIENT_VERSION;
    if (credential) {
      this.#remember(credential.accessToken);
      headers["authorization"] = `${capitalise(credential.tokenType ?? "Bearer")} ${credential.accessToken}`;
      headers["x-tidal-token"] = undefined;
    } else {
      const clientId = this.#clientId();
      if (clientId) headers["x-tidal-token"] = clientId;
      headers["authorization"] = undefined;
    }
    request.headers = headers;
  }

  /**
   * `expect` is what the endpoint returns on success (default: any body). A success of another shape is an
   * `InvalidResponseError`, a write's included: TIDAL's writes answer nothing or a JSON object, so a proxy page,
   * garbled JSON or an array in their place cannot be taken for the service's confirmation.
   */
  interpret(response: HttpResponse, expect: ResponseShape = "any"): unknown {
    this.etags.observe(response);
    const parsed = parseBody(response);
    if (response.status >= 200 && response.status < 300) {
      return successBody("tidal", response, parsed, expect);
    }
    if (!parsed.ok) throw notJsonError("tidal", response);
    throw tidalError(response, parsed.value, this.#recentTokens);
  }

  #remember(token: string): void {
    if (this.#recentTokens.includes(token)) return;
    knownSecrets.add(token);
    this.#recentTokens.push(token);
    if (this.#recentTokens.length > 4) this.#recentTokens.shift();
  }

  /** A 401 with a token sub-status (or none at all) means the bearer token itself was refused. */
  isInvalidToken(error: APIError): boolean {
    if (error.service !== "tidal" || error.status !== 401) return false;
    if (error.code === "invalid_client") return false;
    return error.subStatus === undefined || TIDAL_TOKEN_SUB_STATUSES.has(error.subStatus);
  }
}

function capitalise(word: string): string {
  return word.length === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
