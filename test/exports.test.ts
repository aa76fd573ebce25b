/**
 * The package root offers what applications use (clients, errors, token storage, the fleet backends) and keeps
 * the machinery behind the clients to itself, so it can change without breaking anyone.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as root from "../src/index.js";

const INTERNAL = [
  // The request pipeline and what it is built from.
  "ApiClient",
  "Transport",
  "ResponseCache",
  "noLimit",
  "apiErrorClassForStatus",
  // Page walkers: endpoint methods hand out their iterators.
  "PageIterator",
  "deezerPages",
  "tidalOffsetPages",
  "tidalCursorPages",
  // Each service's wire format.
  "DeezerAdapter",
  "deezerErrorClass",
  "TidalAdapter",
  "tidalError",
  "readErrorBody",
  "bareEtag",
  "PlaylistEtags",
  "TIDAL_CLIENT_VERSION",
  "TIDAL_TOKEN_SUB_STATUSES",
  // Fleet wiring the clients do themselves from their `shared` option.
  "SharedParts",
  "sharedParts",
];

const PUBLIC = [
  "DeezerAPIClient",
  "PrivateTIDALAPIClient",
  "MinimError",
  "AbortedError",
  "LoginRequiredError",
  "TokenStore",
  "knownSecrets",
  "ManualClock",
  "buildArtworkUrl",
  "deezerQuery",
  "SharedRedis",
  "RedisTokenStorage",
];

describe("the package root", () => {
  it("exports no internals", () => {
    assert.deepEqual(
      INTERNAL.filter((name) => name in root),
      [],
    );
  });

  it("exports the clients, errors, token storage and fleet backends", () => {
    assert.deepEqual(
      PUBLIC.filter((name) => !(name in root)),
      [],
    );
  });
});
