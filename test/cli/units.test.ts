import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ValidationError,
} from "../../src/core/errors.js";
import { exitCodeFor, hintFor, LoginRequiredError } from "../../src/cli/exit-codes.js";
import { formatHuman, useColor } from "../../src/cli/format.js";
import { editDistance, suggest } from "../../src/cli/methods.js";
import { resolveEndpoints } from "../../src/cli/endpoints.js";

const apiError = { service: "tidal" as const, status: 401, method: "GET", url: "http://x/", message: "m" };

describe("CLI building blocks", () => {
  it("suggests near method names only", () => {
    const known = ["albums.getAlbum", "albums.getAlbumFans", "artists.getArtist", "tracks.getTrack"];
    assert.deepEqual(suggest("albums.getAlbm", known), ["albums.getAlbum"]);
    assert.deepEqual(suggest("ALBUMS.GETALBUM", known), ["albums.getAlbum"]);
    assert.deepEqual(suggest("playlists.create", known), []);
    assert.equal(editDistance("getAlbum", "getAlubm"), 1, "a transposition is one edit");
  });

  it("maps error classes to exit codes and hints", () => {
    assert.equal(exitCodeFor(new ValidationError("x", "bad")), 2);
    assert.equal(exitCodeFor(new AuthenticationError({ ...apiError, subStatus: 11002 })), 3);
    assert.equal(exitCodeFor(new LoginRequiredError("deezer", "again")), 3);
    assert.equal(exitCodeFor(new NotFoundError({ ...apiError, status: 404 })), 4);
    assert.equal(exitCodeFor(new RateLimitError({ ...apiError, status: 429 })), 5);
    assert.equal(
      exitCodeFor(new ConnectionError({ message: "m", method: "GET", url: "http://x/", notSent: true })),
      6,
    );
    assert.equal(exitCodeFor(new Error("other")), 1);
    assert.match(hintFor(new AuthenticationError(apiError), "tidal") ?? "", /minim login tidal/);
    assert.equal(hintFor(new Error("other"), "tidal"), undefined);
  });

  it("colours only on a terminal, never with NO_COLOR", () => {
    assert.equal(useColor({ isTTY: true }, {}), true);
    assert.equal(useColor({ isTTY: false }, {}), false);
    assert.equal(useColor({ isTTY: true }, { NO_COLOR: "1" }), false);
    assert.equal(useColor({ isTTY: false }, { FORCE_COLOR: "1" }), true);
    assert.equal(useColor({ isTTY: true }, { NO_COLOR: "1", FORCE_COLOR: "1" }), false);
  });

  it("formats TIDAL's wrapped items, scalar lists and empty answers", () => {
    const page = {
      items: [
        { item: { id: 1, title: "Low Water", url: "http://x" }, type: "track" },
        { item: { id: 2, title: "Salt Lines", url: "http://y" }, type: "video" },
      ],
      totalNumberOfItems: 2,
    };
    const text = formatHuman(page, { color: false, width: 80 });
    assert.deepEqual(text.split("\n"), [
      "id  title       type",
      "1   Low Water   track",
      "2   Salt Lines  video",
      "2 items",
    ]);
    assert.equal(formatHuman(null, { color: false, width: 80 }), "OK (no content)");
    assert.equal(formatHuman(["a", "b"], { color: false, width: 80 }), "a\nb\n2 items");
    const wide = formatHuman([{ id: 1, title: "x".repeat(200) }], { color: false, width: 60 });
    assert.ok(
      wide.split("\n").every((line) => line.length <= 60),
      wide,
    );
  });

  it("reads role URLs from the environment, flags winning", () => {
    const endpoints = resolveEndpoints(["deezerApi=http://127.0.0.1:2/"], {
      MINIM_DEEZER_API_URL: "http://127.0.0.1:1",
      MINIM_TIDAL_AUTH_URL: "http://127.0.0.1:3",
    });
    assert.deepEqual(endpoints, { deezerApi: "http://127.0.0.1:2", tidalAuth: "http://127.0.0.1:3" });
    assert.throws(() => resolveEndpoints(["nowhere=http://x"], {}), /role=URL/);
    assert.throws(() => resolveEndpoints([], { MINIM_TIDAL_API_URL: "ftp://x" }), /http\(s\)/);
  });
});
