/** Argument checks: every documented form passes, everything else fails before sending. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ValidationError } from "../../src/core/errors.js";
import type { Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import {
  apiVersion,
  catalogIds,
  cursorLimit,
  itemIndices,
  mixIdList,
  onMissing,
  optionalFolder,
  playlistTypes,
  playlistUuidList,
  trnList,
} from "../../src/tidal/params.js";
import type { PrivateTIDALAPIClient } from "../../src/tidal/index.js";
import { during, failing, startTidal, userClient } from "./helpers.js";

const A = "0ae80812-f8d6-4fc4-90ea-b2df4ecc3861";
const B = "1be80812-f8d6-4fc4-90ea-b2df4ecc3862";
const MIX = "000ec0b01da1ddd752ec5dee553d48";

function rejects(run: () => unknown, parameter: string): void {
  assert.throws(run, (error: unknown) => error instanceof ValidationError && error.parameter === parameter);
}

describe("TIDAL argument serialisation", () => {
  it("accepts the documented id list forms without touching the caller's list", () => {
    const frozen = Object.freeze([1, "2"]);
    assert.equal(catalogIds("ids", frozen), "1,2");
    assert.equal(catalogIds("ids", new Set([3, 4])), "3,4");
    assert.equal(catalogIds("ids", " 5 , 6 "), "5,6");
    assert.equal(catalogIds("ids", 7), "7");
    assert.deepEqual(frozen, [1, "2"]);
    rejects(() => catalogIds("ids", []), "ids");
    rejects(() => catalogIds("ids", [1, "x"]), "ids");
    rejects(() => catalogIds("ids", true), "ids");
    rejects(
      () =>
        catalogIds(
          "ids",
          Array.from({ length: 1001 }, (_, i) => i + 1),
        ),
      "ids",
    );
  });

  it("prefixes UUIDs as trn names, keeping prefixes of any length", () => {
    assert.equal(trnList("f", A, "folder"), `trn:folder:${A}`);
    assert.equal(trnList("f", `trn:folder:${A}, ${B}`, "folder"), `trn:folder:${A},trn:folder:${B}`);
    const list = Object.freeze([`trn:playlist:${A}`, B.toUpperCase()]);
    assert.equal(trnList("p", list, "playlist"), `trn:playlist:${A},trn:playlist:${B}`);
    assert.equal(trnList("p", new Set([A]), "playlist"), `trn:playlist:${A}`);
    rejects(() => trnList("p", `trn:folder:${A}`, "playlist"), "p");
    rejects(() => trnList("p", "not-a-uuid", "playlist"), "p");
    assert.equal(playlistUuidList("p", [`trn:playlist:${A}`, B]), `${A},${B}`);
  });

  it("checks mix ids, indices, folders, playlist types and choices", () => {
    assert.equal(mixIdList("m", `${MIX},${MIX}`), `${MIX},${MIX}`);
    rejects(() => mixIdList("m", "short"), "m");
    rejects(() => mixIdList("m", `${MIX.slice(0, 29)}/`), "m");
    rejects(
      () =>
        mixIdList(
          "m",
          Array.from({ length: 101 }, () => MIX),
        ),
      "m",
    );
    assert.equal(itemIndices("i", "0, 2"), "0,2");
    assert.equal(itemIndices("i", new Set([3, 1])), "3,1");
    rejects(() => itemIndices("i", [-1]), "i");
    rejects(() => itemIndices("i", "1/2"), "i");
    assert.equal(optionalFolder("f", "root"), "root");
    assert.equal(optionalFolder("f", `trn:folder:${A}`), A);
    rejects(() => optionalFolder("f", "home"), "f");
    assert.deepEqual(playlistTypes("FOLDER,PLAYLIST"), ["FOLDER", "PLAYLIST"]);
    assert.deepEqual(playlistTypes(new Set(["USER_PLAYLIST"])), ["USER_PLAYLIST"]);
    rejects(() => playlistTypes(["folder"]), "playlistTypes");
    assert.equal(onMissing(" skip "), "SKIP");
    rejects(() => onMissing("ignore"), "onMissing");
    assert.equal(cursorLimit(undefined), 50);
    rejects(() => cursorLimit(51), "limit");
    rejects(() => cursorLimit(true), "limit");
    assert.equal(apiVersion(undefined), 2);
    rejects(() => apiVersion(true), "apiVersion");
    rejects(() => apiVersion(3), "apiVersion");
  });
});

describe("validation through the client", () => {
  let emu: Emulator;
  let client: PrivateTIDALAPIClient;

  before(async () => {
    emu = await startTidal();
    client = userClient(emu).client;
  });

  after(async () => {
    await client.close();
    await emu.close();
  });

  const bad: [string, (c: PrivateTIDALAPIClient) => Promise<unknown>, string][] = [
    ["a path-altering album id", (c) => c.albums.getAlbum("1/../2"), "albumId"],
    ["a boolean id", (c) => c.tracks.getTrack(true as never), "trackId"],
    ["'me' as a track id", (c) => c.tracks.getTrack("me"), "trackId"],
    ["a limit over 100", (c) => c.albums.getAlbumItems(1, { limit: 101 }), "limit"],
    ["a negative offset", (c) => c.search.searchTracks("x", { offset: -1 }), "offset"],
    ["a boolean limit", (c) => c.search.searchTracks("x", { limit: true as never }), "limit"],
    ["a blank query", (c) => c.search.search("   "), "query"],
    ["a bad device type", (c) => c.pages.getMyHomePage({ deviceType: "browser" as never }), "deviceType"],
    ["a bad locale", (c) => c.pages.getMyExplorePage({ locale: "english" }), "locale"],
    [
      "a bad album filter",
      (c) => c.artists.getArtistAlbums(1, { albumType: "ALBUMS" as never }),
      "albumType",
    ],
    ["a bad sort order", (c) => c.users.getUserSavedTracks(undefined, { sortBy: "date" as never }), "sortBy"],
    [
      "a non-boolean descending",
      (c) => c.users.getUserSavedTracks(undefined, { descending: 1 as never }),
      "descending",
    ],
    ["a bad playlist UUID", (c) => c.playlists.getPlaylist("road-trip"), "playlistUuid"],
    ["a braced UUID", (c) => c.playlists.getPlaylist(`{${A}}`), "playlistUuid"],
    ["an empty name", (c) => c.playlists.createFolder({ name: " " }), "name"],
    [
      "a non-boolean public",
      (c) => c.playlists.createPlaylist({ name: "x", public: "yes" as never }),
      "public",
    ],
    ["a truthy visibility", (c) => c.playlists.setPlaylistVisibility(A, { public: 1 as never }), "public"],
    ["no detail to change", (c) => c.playlists.updatePlaylistDetails(A, {}), "name"],
    ["a bad quality", (c) => c.tracks.getTrackMediaInfo(1, { quality: "ULTRA" as never }), "quality"],
    ["a non-string intent", (c) => c.videos.getVideoMediaInfo(1, { intent: 5 as never }), "intent"],
    ["a bad user id", (c) => c.users.getUserSavedAlbums("me"), "userId"],
    ["a bad missingOk", (c) => c.albums.saveAlbums(1, { missingOk: "yes" as never }), "missingOk"],
    ["a bad cursor", (c) => c.users.getMyPlaylists({ cursor: " " }), "cursor"],
    ["a mix id with a slash", (c) => c.mixes.getMixItems("abc/def"), "mixId"],
    ["a relationship limit over 50", (c) => c.users.getUserFollowers(undefined, { limit: 10_000 }), "limit"],
  ];

  for (const [name, run, parameter] of bad) {
    it(`rejects ${name} before any request`, async () => {
      const { error, sent } = await failing(emu, () => run(client));
      assert.ok(error instanceof ValidationError, String(error));
      assert.equal(error.parameter, parameter);
      assert.deepEqual(sent, []);
    });
  }

  it("sends a trn name, a single id string and a set as documented", async () => {
    const { sent } = await during(emu, async () => {
      await client.playlists.deleteFolders(`trn:folder:${TIDAL_SEED.folders.archive}`);
      await client.users.followPlaylists(`${TIDAL_SEED.playlists.brassHour}`);
      await client.users.unfollowPlaylists(new Set([TIDAL_SEED.playlists.brassHour]));
    });
    const puts = sent.filter((s) => s.method === "PUT");
    assert.deepEqual(
      puts.map((s) => s.query),
      [
        { trns: `trn:folder:${TIDAL_SEED.folders.archive}` },
        { uuids: TIDAL_SEED.playlists.brassHour },
        { trns: `trn:playlist:${TIDAL_SEED.playlists.brassHour}` },
      ],
    );
    assert.ok(puts.every((s) => s.status === 204));
  });
});
