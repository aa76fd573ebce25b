/**
 * Comments and album ratings (deezer.beyond.md) through the public surface against the emulator: the request sent,
 * the parsed answer, iteration across pages, the checks made before sending, and the service's own refusals.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AuthenticationRequiredError,
  MissingPermissionError,
  NotFoundError,
  PermissionDeniedError,
  ValidationError,
} from "../../src/core/errors.js";
import { DeezerAPIClient, type DeezerAPIClientOptions } from "../../src/deezer/client.js";
import type { Comment } from "../../src/deezer/index.js";
import { DEEZER_SEED_IDS, DEFAULT_DEEZER_APP, DeezerState } from "../../src/emulator/deezer/index.js";
import type { RecordedRequest } from "../../src/emulator/types.js";
import { deezerTestEnvironment, REDIRECT } from "./helpers.js";

const { ALBUM, ARTIST, COMMENT, PLAYLIST, USER } = DEEZER_SEED_IDS;
const SEED = new DeezerState();
const ON_SALT = SEED.commentsOn("album", ALBUM.saltInTheEngine).map((c) => c.id);

const env = deezerTestEnvironment();

function anonymous(options: DeezerAPIClientOptions = {}): DeezerAPIClient {
  return env.anonymous({ enableCache: false, ...options });
}

function signedIn(
  options: { permissions?: Iterable<string>; granted?: readonly string[] } & DeezerAPIClientOptions = {},
): DeezerAPIClient {
  const { permissions, granted, ...rest } = options;
  return anonymous({
    authFlow: "implicit",
    appId: DEFAULT_DEEZER_APP.appId,
    redirectUri: REDIRECT,
    accessToken: env.emulator.deezer!.issueToken(granted ? { permissions: granted } : {}),
    permissions: permissions ?? DeezerAPIClient.resolvePermissions(),
    ...rest,
  });
}

function api(): RecordedRequest[] {
  return env.emulator.requestsTo("deezerApi");
}

function sent(): string[] {
  return api().map((r) => {
    const { access_token: _token, ...query } = r.query;
    const search = new URLSearchParams(query).toString();
    return `${r.method} ${r.path}${search ? `?${search}` : ""}`;
  });
}

function isComment(value: Comment): void {
  assert.equal(value.type, "comment");
  assert.equal(typeof value.id, "number");
  assert.equal(typeof value.text, "string");
  assert.ok(Number.isInteger(value.date), "date in Unix seconds");
  assert.equal(typeof value.author.id, "number");
  assert.equal(typeof value.author.name, "string");
}

describe("comments", () => {
  it("reads one comment anonymously, with its author and the object it is on", async () => {
    const comment = await anonymous().comments.getComment(COMMENT.onArtist);
    isComment(comment);
    assert.equal(comment.id, COMMENT.onArtist);
    assert.deepEqual(comment.object, { id: ARTIST.velvetHarbor, type: "artist" });
    assert.equal(comment.author.id, USER.rafael);
    assert.deepEqual(sent(), [`GET /comment/${COMMENT.onArtist}`]);
    assert.equal(api()[0]!.query["access_token"], undefined);
  });

  it("turns the unknown-comment answer (DataException 800 over HTTP 200) into NotFoundError", async () => {
    await assert.rejects(
      () => anonymous().comments.getComment(1),
      (error: unknown) => {
        assert.ok(error instanceof NotFoundError, String(error));
        assert.equal(error.status, 200);
        assert.equal(error.code, 800);
        assert.equal(error.type, "DataException");
        assert.deepEqual(error.body, {
          error: { type: "DataException", message: "no data", code: 800 },
        });
        return true;
      },
    );
  });

  it("pages the comments of an album, artist and playlist with limit and index", async () => {
    const client = anonymous();
    const first = await client.albums.getAlbumComments(ALBUM.saltInTheEngine, { limit: 2 });
    assert.equal(first.total, ON_SALT.length);
    assert.deepEqual(
      first.data.map((c) => c.id),
      ON_SALT.slice(0, 2),
    );
    first.data.forEach(isComment);
    const second = await client.albums.getAlbumComments(ALBUM.saltInTheEngine, { limit: 2, offset: 2 });
    assert.deepEqual(
      second.data.map((c) => c.id),
      ON_SALT.slice(2),
    );
    const artist = await client.artists.getArtistComments(ARTIST.velvetHarbor);
    assert.ok(artist.data.every((c) => c.object?.type === "artist" && c.object.id === ARTIST.velvetHarbor));
    assert.equal(artist.data.length, 2);
    const playlist = await client.playlists.getPlaylistComments(String(PLAYLIST.morningCommute), {
      offset: 1,
    });
    assert.equal(playlist.total, 2);
    assert.equal(playlist.data.length, 1);
    assert.deepEqual(sent(), [
      `GET /album/${ALBUM.saltInTheEngine}/comments?limit=2`,
      `GET /album/${ALBUM.saltInTheEngine}/comments?limit=2&index=2`,
      `GET /artist/${ARTIST.velvetHarbor}/comments`,
      `GET /playlist/${PLAYLIST.morningCommute}/comments?index=1`,
    ]);
  });

  it("iterates every comment across pages, following the next links", async () => {
    const client = anonymous();
    const all = await client.albums.getAlbumComments(ALBUM.saltInTheEngine, { limit: 1 }).toArray();
    assert.deepEqual(
      all.map((c) => c.id),
      ON_SALT,
    );
    assert.equal(api().length, ON_SALT.length);
    env.emulator.clearRequests();
    assert.equal((await client.artists.getArtistComments(ARTIST.velvetHarbor).toArray()).length, 2);
    assert.equal((await client.playlists.getPlaylistComments(PLAYLIST.morningCommute).toArray()).length, 2);
  });

  it("shows the comments of a private playlist to its owner only", async () => {
    await assert.rejects(
      () => anonymous().playlists.getPlaylistComments(PLAYLIST.lateNightCoding),
      PermissionDeniedError,
    );
    await assert.rejects(
      () => anonymous().comments.getComment(COMMENT.onPrivatePlaylist),
      PermissionDeniedError,
    );
    const owner = signedIn();
    const page = await owner.playlists.getPlaylistComments(PLAYLIST.lateNightCoding);
    assert.deepEqual(
      page.data.map((c) => c.id),
      [COMMENT.onPrivatePlaylist],
    );
  });

  it("caches comments like the neighbouring lists", async () => {
    const client = env.anonymous();
    await client.comments.getComment(COMMENT.onAlbum);
    await client.comments.getComment(COMMENT.onAlbum);
    await client.albums.getAlbumComments(ALBUM.saltInTheEngine);
    await client.albums.getAlbumComments(ALBUM.saltInTheEngine);
    assert.equal(api().length, 2);
  });

  it("rejects bad ids and page options before sending", async () => {
    const client = anonymous();
    const cases: [() => Promise<unknown>, string][] = [
      [() => client.comments.getComment("abc"), "commentId"],
      [() => client.comments.getComment(undefined as unknown as number), "commentId"],
      [() => client.albums.getAlbumComments("me"), "albumId"],
      [() => client.artists.getArtistComments(ARTIST.velvetHarbor, { limit: 0 }), "limit"],
      [() => client.playlists.getPlaylistComments(PLAYLIST.morningCommute, { offset: -1 }), "offset"],
    ];
    for (const [call, parameter] of cases) {
      await assert.rejects(call, (error: unknown) => {
        assert.ok(error instanceof ValidationError, String(error));
        assert.equal(error.parameter, parameter);
        return true;
      });
    }
    assert.equal(api().length, 0);
  });
});

describe("albums.rateAlbum", () => {
  it("sends the rating as note and the emulator keeps it for the account", async () => {
    const client = signedIn();
    assert.equal(await client.albums.rateAlbum(ALBUM.glasshouse, 4), true);
    assert.equal(await client.albums.rateAlbum(String(ALBUM.glasshouse), 5), true);
    assert.deepEqual(sent(), [
      `POST /album/${ALBUM.glasshouse}?note=4`,
      `POST /album/${ALBUM.glasshouse}?note=5`,
    ]);
    assert.equal(api()[0]!.body, "", "no request body");
    const ratings = env.emulator.deezer!.albumRatings();
    assert.equal(ratings.get(ALBUM.glasshouse)?.note, 5, "rating again replaces the rating");
    assert.equal(env.emulator.deezer!.albumRatings(USER.tomasz).size, 0, "ratings are per account");
  });

  it("accepts only a whole number of stars from 1 to 5, before anything is sent", async () => {
    const client = signedIn();
    for (const rating of [0, 6, 2.5, -1, Number.NaN, "3", true, null, undefined]) {
      await assert.rejects(
        () => client.albums.rateAlbum(ALBUM.glasshouse, rating as number),
        (error: unknown) => {
          assert.ok(error instanceof ValidationError, `${String(rating)}: ${String(error)}`);
          assert.equal(error.parameter, "rating");
          return true;
        },
      );
    }
    await assert.rejects(() => client.albums.rateAlbum("me", 3), ValidationError);
    assert.equal(api().length, 0);
  });

  it("needs a user and basic_access", async () => {
    await assert.rejects(
      () => anonymous().albums.rateAlbum(ALBUM.glasshouse, 3),
      (error: unknown) => error instanceof AuthenticationRequiredError && error.method === "albums.rateAlbum",
    );
    await assert.rejects(
      () => signedIn({ permissions: ["manage_library"] }).albums.rateAlbum(ALBUM.glasshouse, 3),
      (error: unknown) => {
        assert.ok(error instanceof MissingPermissionError);
        assert.deepEqual(error.missing, ["basic_access"]);
        return true;
      },
    );
    assert.equal(api().length, 0);
  });

  it("maps the service's code-less permission refusal to PermissionDeniedError", async () => {
    // The client believes it holds basic_access; the token the service sees does not.
    const client = signedIn({ granted: ["manage_library"] });
    await assert.rejects(
      () => client.albums.rateAlbum(ALBUM.glasshouse, 3),
      (error: unknown) => {
        assert.ok(error instanceof PermissionDeniedError, String(error));
        assert.equal(error.code, undefined);
        assert.equal(error.type, "OAuthException");
        assert.match(error.message, /basic_access/);
        return true;
      },
    );
    assert.equal(env.emulator.deezer!.albumRatings().size, 0);
  });

  it("answers an unknown album with NotFoundError", async () => {
    await assert.rejects(() => signedIn().albums.rateAlbum(1, 3), NotFoundError);
  });
});
