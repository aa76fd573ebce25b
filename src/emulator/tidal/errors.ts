/**
 * Error answers of the emulated TIDAL hosts. The API and login hosts answer `{status, subStatus, userMessage}`;
 * the auth host answers `{status, error, sub_status, error_description}` (spec §2.9, STYLE "Quirks live at the
 * edge"). Handlers throw {@link TidalFailure}; the route wrapper turns it into the reply.
 */
import type { EmulatorReply } from "../types.js";

/**
 * The `subStatus` values this emulator uses. Where a public recording of the real service showed a value it is
 * reused (11002 "Token has invalid payload", 11003 "The token has expired. (Expired on time)", 6004 "Invalid
 * token" for a bad client token, 1002 "Missing countryCode", 2001 for unknown IDs); the others are this
 * emulator's choice, kept distinct so tests can tell the causes apart.
 */
export const TIDAL_SUB_STATUS = {
  /** A required parameter is missing or malformed (countryCode, deviceType, limit …). */
  invalidParameter: 1002,
  /** The requested resource does not exist or is not available in the requested country. */
  notFound: 2001,
  /** The caller is authenticated but this resource belongs to another user (private collection, playlist). */
  forbidden: 4003,
  /** The action needs a streaming subscription the user does not have (lyrics, video playback). */
  noSubscription: 4005,
  /** A precondition failed: the playlist's ETag does not match `If-None-Match`. */
  playlistModified: 4201,
  /** Adding duplicates with `onDupes=FAIL`. */
  duplicateItems: 4202,
  /** The request carries neither a bearer token nor a client token, or a user route has only a client token. */
  missingUser: 11001,
  /** The bearer token is unknown, malformed or revoked (for example by a refresh that rotated it). */
  invalidToken: 11002,
  /** The bearer token has passed its expiry (or was expired on purpose with `expireToken`). */
  expiredToken: 11003,
  /** `x-tidal-token` is not a registered client ID. */
  invalidClientToken: 6004,
} as const;

/** `sub_status` values of the auth host (the pending one is the value the real service sends). */
export const TIDAL_AUTH_SUB_STATUS = {
  authorizationPending: 1002,
  slowDown: 1003,
  expiredToken: 1004,
  accessDenied: 1005,
  invalidGrant: 11101,
  invalidClient: 1101,
  invalidRequest: 1001,
  unsupportedGrantType: 1006,
} as const;

export class TidalFailure extends Error {
  readonly reply: EmulatorReply;
  constructor(reply: EmulatorReply) {
    super(`TIDAL emulator failure ${reply.status ?? 0}`);
    this.reply = reply;
  }
}

/** A classic v1 error (`{status, subStatus, userMessage}`). */
export function apiFailure(status: number, subStatus: number, userMessage: string): TidalFailure {
  return new TidalFailure({ status, json: { status, subStatus, userMessage } });
}

/** An auth-server error (`{status, error, sub_status, error_description}`). */
export function authFailure(
  status: number,
  error: string,
  subStatus: number,
  description: string,
  headers?: Record<string, string>,
): TidalFailure {
  const reply: EmulatorReply = {
    status,
    json: { status, error, sub_status: subStatus, error_description: description },
  };
  if (headers) reply.headers = headers;
  return new TidalFailure(reply);
}

export const missingParameter = (name: string): TidalFailure =>
  apiFailure(400, TIDAL_SUB_STATUS.invalidParameter, `Missing ${name}`);

export const invalidParameter = (name: string, detail?: string): TidalFailure =>
  apiFailure(400, TIDAL_SUB_STATUS.invalidParameter, `Invalid ${name}${detail ? `: ${detail}` : ""}`);

export const notFound = (what: string): TidalFailure =>
  apiFailure(404, TIDAL_SUB_STATUS.notFound, `${what} not found`);

/** Runs a handler, turning a thrown {@link TidalFailure} into its reply. */
export async function settle(run: () => EmulatorReply | Promise<EmulatorReply>): Promise<EmulatorReply> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof TidalFailure) return thrown.reply;
    throw thrown;
  }
}
