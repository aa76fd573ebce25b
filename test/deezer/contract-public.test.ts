/**
 * Contract tests of the public user reads: Deezer answers `GET /user/{id}` and its albums, artists, followers,
 * followings, playlists and tracks without a token when the id is explicit. The seven recordings are replayed to a
 * client with no auth flow; the query must match the recording exactly (so no `access_token` may go out), and the
 * recorded body must come back parsed.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AuthenticationRequiredError } from "../../src/core/errors.js";
import { FIXTURES_DIR, loadCassette } from "../helpers/cassettes.js";
import { replayExactly } from "../helpers/replay.js";
import { contractEnvironment, type ContractClients } from "./helpers.js";

type Read = (clients: ContractClients, userId: number) => Promise<unknown>;

const RECORDINGS: [string, Read][] = [
  ["cassettes/TestClient.test_get_user", (c, id) => c.anonymous.users.getUser(id)],
  ["resources-cassettes/TestUser.test_get_albums", (c, id) => c.anonymous.users.getUserSavedAlbums(id)],
  [
    "resources-cassettes/TestUser.test_get_artists",
    (c, id) => c.anonymous.artists.getUserFollowedArtists(id),
  ],
  ["resources-cassettes/TestUser.test_get_followers", (c, id) => c.anonymous.users.getUserFollowers(id)],
  ["resources-cassettes/TestUser.test_get_followings", (c, id) => c.anonymous.users.getUserFollowings(id)],
  ["resources-cassettes/TestUser.test_get_playlists", (c, id) => c.anonymous.playlists.getUserPlaylists(id)],
  ["resources-cassettes/TestUser.test_get_tracks", (c, id) => c.anonymous.tracks.getUserSavedTracks(id)],
];

describe("contract: public user reads without a token", () => {
  const env = contractEnvironment();

  for (const [name, read] of RECORDINGS) {
    it(name, async () => {
      const cassette = loadCassette(join(FIXTURES_DIR, "deezer/deezer-python", `${name}.yaml`));
      assert.equal(cassette.interactions.length, 1);
      const recorded = cassette.interactions[0]!;
      assert.equal(recorded.method, "GET");
      assert.deepEqual(recorded.query, {}, "the recording was made without a token");
      const userId = Number(/^\/user\/(\d+)/.exec(recorded.path)?.[1]);
      assert.ok(Number.isInteger(userId));

      // No parameter is ignored: a token the client added would make the request differ from the recording.
      await replayExactly(
        env.emulator,
        "deezerApi",
        cassette.interactions,
        async () => {
          assert.deepEqual(await read(env.clients, userId), JSON.parse(recorded.body));
        },
        { ignoreParams: [] },
      );
      const sent = env.emulator.requestsTo("deezerApi");
      assert.deepEqual(
        sent.map((r) => `${r.method} ${r.path}`),
        [`GET ${recorded.path}`],
      );
      assert.equal(sent[0]!.query["access_token"], undefined);
    });
  }

  it('refuses the same reads for "me" without a user, before sending', async () => {
    const before = env.emulator.requests.length;
    const { anonymous } = env.clients;
    const calls: (() => Promise<unknown>)[] = [
      () => anonymous.users.getUser("me"),
      () => anonymous.users.getUserSavedAlbums(),
      () => anonymous.artists.getUserFollowedArtists("me"),
      () => anonymous.users.getUserFollowers(),
      () => anonymous.users.getUserFollowings("me"),
      () => anonymous.playlists.getUserPlaylists(),
      () => anonymous.tracks.getUserSavedTracks("me"),
    ];
    for (const call of calls) await assert.rejects(call, AuthenticationRequiredError);
    assert.equal(env.emulator.requests.length, before);
  });
});
