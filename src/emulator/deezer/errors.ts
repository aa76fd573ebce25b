/**
 * Deezer's error answers. Almost all come with HTTP 200 and an `{"error": {type, message, code}}` body; the bodies
 * below are the ones the recordings show (fixtures/deezer/deezer-python: test_no_*_raise, test_request_404), plus
 * the documented codes the recordings do not cover (4 quota, 300 token, 501 missing parameter, 600 query).
 */
import type { EmulatorReply } from "../types.js";

/** Real answers say `application/json; charset=utf-8` (every recording). */
export const JSON_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "application/json; charset=utf-8",
};

export function ok(body: unknown): EmulatorReply {
  return { status: 200, headers: { ...JSON_HEADERS }, json: body };
}

export function errorReply(type: string, message: string, code?: number, status = 200): EmulatorReply {
  const error: Record<string, unknown> = { type, message };
  if (code !== undefined) error["code"] = code;
  return { status, headers: { ...JSON_HEADERS }, json: { error } };
}

/** Thrown by route code to answer with an error body; the dispatcher turns it into the reply. */
export class DeezerFailure extends Error {
  constructor(readonly reply: EmulatorReply) {
    super("deezer emulator error reply");
  }
}

/** The message Deezer gives for every code-200 refusal: no token for "me", a private resource, a missing permission. */
export const NO_ACTIVE_TOKEN =
  "An active access token must be used to query information about the current user";

export const fail = {
  /** Unknown album, artist, track, playlist, user, UPC or ISRC (test_no_album_raise, test_no_user_raise …). */
  noData(): never {
    throw new DeezerFailure(errorReply("DataException", "no data", 800));
  },
  /** Unknown genre, editorial or radio (test_no_genre_raise …), and malformed parameters. */
  wrongParameter(): never {
    throw new DeezerFailure(errorReply("ParameterException", "Wrong parameter", 500));
  },
  /** Unknown podcast or episode: a bare `Exception` without a code (test_no_podcast_raise, test_no_episode_raise). */
  generic(): never {
    throw new DeezerFailure(errorReply("Exception", "An error has occured"));
  },
  missing(...names: string[]): never {
    throw new DeezerFailure(
      errorReply("MissingParameterException", `Missing parameters: ${names.join(", ")}`, 501),
    );
  },
  invalidQuery(detail: string): never {
    throw new DeezerFailure(errorReply("InvalidQueryException", `Invalid query: ${detail}`, 600));
  },
  invalidToken(): never {
    throw new DeezerFailure(errorReply("OAuthException", "Invalid OAuth access token.", 300));
  },
  noActiveToken(): never {
    throw new DeezerFailure(errorReply("OAuthException", NO_ACTIVE_TOKEN, 200));
  },
  /** A write that names the permissions it lacks, without a code (rating an album without a token). */
  missingPermission(...permissions: string[]): never {
    throw new DeezerFailure(
      errorReply(
        "OAuthException",
        `You don't have the right permission to execute this method. You need the following permissions : ${permissions.join(", ")}`,
      ),
    );
  },
};

export function quotaExceeded(): EmulatorReply {
  return errorReply("Exception", "Quota limit exceeded", 4);
}

/** Paths the API does not know answer a real 404 with a string error (test_request_404). */
export function notFound(): EmulatorReply {
  return { status: 404, headers: { ...JSON_HEADERS }, json: { error: "Not Found" } };
}
