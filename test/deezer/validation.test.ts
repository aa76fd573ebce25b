import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ValidationError } from "../../src/core/errors.js";
import { DeezerAPIClient } from "../../src/deezer/client.js";
import { startTestServer, type TestServer } from "../helpers/http-server.js";

// Every rejection here must happen before a request is built; the server only proves that nothing was sent.
let server: TestServer;
let client: DeezerAPIClient;

before(async () => {
  server = await startTestServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
  client = new DeezerAPIClient({ baseUrl: server.url, storeTokens: false, limitRate: false });
});

after(async () => {
  await client.close();
  await server.close();
});

async function rejects(call: () => Promise<unknown>, parameter: string, message?: RegExp): Promise<void> {
  const before = server.requests.length;
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof ValidationError, `expected ValidationError, got ${String(error)}`);
    assert.equal(error.parameter, parameter);
    if (message) assert.match(error.message, message);
    return true;
  });
  assert.equal(server.requests.length, before, "nothing was sent");
}

describe("argument validation (stricter than upstream)", () => {
  it("does not take booleans, blanks or doubled minus signs as ids", async () => {
    await rejects(() => client.albums.getAlbum(true as never), "albumId");
    await rejects(() => client.tracks.getTrack(""), "trackId");
    await rejects(() => client.tracks.getTrack("--5"), "trackId");
    await rejects(() => client.artists.getArtist(1.5), "artistId");
    await rejects(() => client.artists.getArtist("٣"), "artistId");
  });

  it('accepts "me" only where a user is meant', async () => {
    await rejects(() => client.albums.getAlbum("me"), "albumId");
    await rejects(() => client.users.followUser("me", { userId: "me" }), "followUserId");
    await rejects(() => client.users.getUser("someone"), "userId");
  });

  it("checks limit and offset, and never sends booleans for them", async () => {
    await rejects(() => client.albums.getAlbumFans(1, { limit: true as never }), "limit");
    await rejects(() => client.albums.getAlbumFans(1, { limit: 0 }), "limit");
    await rejects(() => client.albums.getAlbumFans(1, { offset: -1 }), "offset");
    await rejects(() => client.albums.getAlbumFans(1, { offset: false as never }), "offset");
  });

  it("checks id lists: not empty, every piece an id", async () => {
    await rejects(() => client.users.saveAlbums([]), "albumIds");
    await rejects(() => client.users.saveTracks("1,x"), "trackIds");
    await rejects(() => client.playlists.addPlaylistTracks(1, { trackIds: [1, true as never] }), "trackIds");
    await rejects(() => client.playlists.addPlaylistTracks(1, {} as never), "trackIds");
  });

  it("follows Deezer's rule that collaborative playlists must be public", async () => {
    await rejects(
      () => client.users.updatePlaylistDetails(1, { collaborative: true, public: false }),
      "public",
      /collaborative/,
    );
    await rejects(() => client.playlists.updatePlaylistDetails(1, {}), "options");
    await rejects(() => client.users.updatePlaylistDetails(1, { public: "yes" as never }), "public");
    await rejects(() => client.users.updatePlaylistDetails(1, { name: "   " }), "name");
  });

  it("needs at least one change for uploaded-track metadata", async () => {
    await rejects(() => client.tracks.updateTrackMetadata(-1, {}), "options");
    await rejects(() => client.tracks.updateTrackMetadata(-1, { title: "" }), "title");
  });

  it("bounds episode resume points to a percentage", async () => {
    await rejects(() => client.episodes.setEpisodeResumePoint(1, { position: 101 }), "position");
    await rejects(() => client.users.setEpisodeResumePoint(1, { position: -1 }), "position");
  });

  it("checks text arguments and search modifiers", async () => {
    await rejects(() => client.search.searchTracks("  "), "query");
    await rejects(() => client.search.searchTracks("x", { sortBy: "POPULARITY" }), "sortBy");
    await rejects(() => client.search.searchTracks("x", { strict: "on" as never }), "strict");
    await rejects(
      () => client.search.searchTracks("x", { sortBy: "RATING", descending: 1 as never }),
      "descending",
    );
    await rejects(() => client.users.createPlaylist(" "), "name");
    await rejects(() => client.playlists.createPlaylist({ name: "" }), "name");
    await rejects(() => client.users.sendUserNotification(""), "message");
  });

  it("refuses paging of a single editorial instead of dropping it", async () => {
    await rejects(() => client.editorial.getEditorial(5, { limit: 2 } as never), "limit");
  });

  it('refuses another user id for the options, which Deezer reports only for "me"', async () => {
    await rejects(() => client.users.getUserEntitlements(123), "userId");
  });

  it("validates client options", () => {
    assert.throws(() => new DeezerAPIClient({ enableCache: "no" as never }), ValidationError);
    assert.throws(() => new DeezerAPIClient({ authFlow: "password" as never }), ValidationError);
    assert.throws(() => client.setCacheEnabled(1 as never), ValidationError);
  });
});
