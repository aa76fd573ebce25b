/** The emulator's comment and album-rating routes on the wire, with the bodies deezer.beyond.md records. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DEEZER_SEED_IDS, type DeezerEmulator } from "../../src/emulator/deezer/index.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";

const { ALBUM, ARTIST, COMMENT, PLAYLIST, USER } = DEEZER_SEED_IDS;

describe("deezer emulator: comments and album ratings", () => {
  let emulator: Emulator;
  let deezer: DeezerEmulator;

  before(async () => {
    emulator = await startEmulator({ services: ["deezer"] });
    deezer = emulator.deezer!;
  });
  after(() => emulator.close());

  async function call(path: string, method = "GET"): Promise<{ status: number; body: unknown }> {
    const res = await fetch(emulator.urls.deezerApi + path, { method });
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
    return { status: res.status, body: JSON.parse(await res.text()) };
  }

  it("answers GET /comment/{id} with the documented comment object", async () => {
    const { status, body } = await call(`/comment/${COMMENT.onAlbum}`);
    assert.equal(status, 200);
    const comment = body as Record<string, unknown>;
    assert.deepEqual(Object.keys(comment), ["id", "text", "date", "object", "author", "type"]);
    assert.equal(comment["type"], "comment");
    assert.deepEqual(comment["object"], { id: ALBUM.saltInTheEngine, type: "album" });
    const author = comment["author"] as Record<string, unknown>;
    assert.equal(author["id"], USER.tomasz);
    assert.equal(author["type"], "user");
    assert.ok(typeof author["picture_small"] === "string");
  });

  it("answers an unknown comment with HTTP 200 and DataException 800", async () => {
    for (const id of ["1", "abc"]) {
      assert.deepEqual(await call(`/comment/${id}`), {
        status: 200,
        body: { error: { type: "DataException", message: "no data", code: 800 } },
      });
    }
  });

  it("pages the comments lists with next links, newest first", async () => {
    const first = (await call(`/album/${ALBUM.saltInTheEngine}/comments?limit=2`)).body as {
      data: { id: number; date: number }[];
      total: number;
      next?: string;
    };
    assert.equal(first.total, 3);
    assert.equal(first.data.length, 2);
    assert.ok(first.data[0]!.date > first.data[1]!.date);
    assert.equal(
      first.next,
      `${emulator.urls.deezerApi.replace(/\/$/, "")}/album/${ALBUM.saltInTheEngine}/comments?limit=2&index=2`,
    );
    assert.equal(
      ((await call(`/artist/${ARTIST.velvetHarbor}/comments`)).body as { total: number }).total,
      2,
    );
    assert.equal(
      ((await call(`/playlist/${PLAYLIST.morningCommute}/comments`)).body as { total: number }).total,
      2,
    );
    assert.deepEqual((await call(`/album/1/comments`)).body, {
      error: { type: "DataException", message: "no data", code: 800 },
    });
  });

  it("refuses a rating without a token with the code-less OAuthException, and stores one with a token", async () => {
    assert.deepEqual(await call(`/album/${ALBUM.glasshouse}?note=3`, "POST"), {
      status: 200,
      body: {
        error: {
          type: "OAuthException",
          message:
            "You don't have the right permission to execute this method. You need the following permissions : basic_access",
        },
      },
    });
    const token = deezer.issueToken({ userId: USER.aiko });
    assert.deepEqual(await call(`/album/${ALBUM.glasshouse}?note=3&access_token=${token}`, "POST"), {
      status: 200,
      body: true,
    });
    assert.equal(deezer.albumRatings(USER.aiko).get(ALBUM.glasshouse)?.note, 3);
    assert.equal(deezer.albumRatings().size, 0, "another account's ratings are untouched");
    const bad = (await call(`/album/${ALBUM.glasshouse}?note=9&access_token=${token}`, "POST")).body;
    assert.deepEqual(bad, { error: { type: "ParameterException", message: "Wrong parameter", code: 500 } });
    deezer.reset();
    assert.equal(deezer.albumRatings(USER.aiko).size, 0, "reset forgets ratings");
  });
});
