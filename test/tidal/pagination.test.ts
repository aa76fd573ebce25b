/**
 * List methods walk offset and cursor lists to their end, page by page, as the service sent them: awaited, a
 * list is its first page; iterated, every item from that page on.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AuthenticationRequiredError, ValidationError } from "../../src/core/errors.js";
import type { Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import type { PrivateTIDALAPIClient } from "../../src/tidal/index.js";
import { anonymousClient, during, failing, startTidal, userClient } from "./helpers.js";

let emu: Emulator;
let client: PrivateTIDALAPIClient;

describe("pagination", () => {
  before(async () => {
    emu = await startTidal();
    client = userClient(emu, { enableCache: false }).client;
    await client.users.getMe();
  });

  after(async () => {
    await client.close();
    await emu.close();
  });

  it("walks an offset list to its end, page by page", async () => {
    const whole = await client.albums.getAlbumItems(TIDAL_SEED.albums.tidewater, { limit: 100 });
    const { answer, sent } = await during(emu, () =>
      client.albums.getAlbumItems(TIDAL_SEED.albums.tidewater, { limit: 4 }).toArray(),
    );
    assert.deepEqual(
      answer.map((entry) => entry.item.id),
      whole.items.map((entry) => entry.item.id),
    );
    assert.equal(answer.length, whole.totalNumberOfItems);
    // Tracks unavailable in the US are not in the list, although the album counts them.
    const album = await client.albums.getAlbum(TIDAL_SEED.albums.tidewater);
    assert.ok(answer.filter((e) => e.type === "track").length < album.numberOfTracks);
    assert.deepEqual(
      sent.map((s) => s.query.offset ?? "(none)"),
      ["(none)", ...Array.from({ length: sent.length - 1 }, (_, i) => String((i + 1) * 4))],
    );
    assert.ok(sent.every((s) => s.query.limit === "4"));
  });

  it("starts at the given offset and exposes whole pages", async () => {
    const pages = [];
    for await (const page of client.users.getUserSavedTracks(undefined, { limit: 5, offset: 3 }).pages()) {
      pages.push(page);
    }
    assert.deepEqual(
      pages.map((p) => p.offset),
      [3, 8, 13].slice(0, pages.length),
    );
    const collected = pages.flatMap((p) => p.items);
    const total = pages[0]!.totalNumberOfItems;
    assert.equal(collected.length, total - 3);
    // Two of the sixteen saved tracks are region-filtered in the US.
    assert.equal(total, emu.tidal!.collection().tracks.length - 2);
  });

  it("stops on an empty page even when the total promised more", async () => {
    const path = `/v1/artists/${TIDAL_SEED.artists.harborLights}/toptracks`;
    emu.faults.inject({
      role: "tidalApi",
      path,
      status: 200,
      json: { limit: 2, offset: 0, totalNumberOfItems: 50, items: [{ id: 1 }, { id: 2 }] },
    });
    emu.faults.inject({
      role: "tidalApi",
      path,
      nth: 2,
      status: 200,
      json: { limit: 2, offset: 2, totalNumberOfItems: 50, items: [] },
    });
    const { answer, sent } = await during(emu, () =>
      client.artists.getArtistTopTracks(TIDAL_SEED.artists.harborLights, { limit: 2 }).toArray(),
    );
    assert.equal(answer.length, 2);
    assert.equal(sent.length, 2);
  });

  it("walks a cursor list to its end", async () => {
    const whole = await client.users.getMyFoldersAndPlaylists({ limit: 50 });
    const { answer, sent } = await during(emu, () =>
      client.playlists.getMyFoldersAndPlaylists({ limit: 2 }).toArray(),
    );
    assert.deepEqual(
      answer.map((entry) => entry.trn),
      whole.items.map((entry) => entry.trn),
    );
    assert.ok(sent.length >= 2, "several pages were asked");
    assert.equal(sent[0]?.query.cursor, undefined);
    assert.ok(sent.slice(1).every((s) => typeof s.query.cursor === "string" && s.query.cursor !== ""));
  });

  it("walks followed mix ids, which come under `content`", async () => {
    const all = emu.tidal!.collection().mixes.map((e) => e.id);
    assert.ok(all.length >= 2);
    const { answer, sent } = await during(emu, () =>
      client.mixes.getMyFollowedMixIds({ limit: 1 }).toArray(),
    );
    assert.deepEqual(answer, all);
    assert.equal(sent.length, all.length);
  });

  it("asks for the first page once when a list is awaited and then iterated", async () => {
    const { answer, sent } = await during(emu, async () => {
      const list = client.artists.getArtistTopTracks(TIDAL_SEED.artists.harborLights, {
        limit: 2,
        offset: 1,
      });
      const first = await list;
      const pages = [];
      for await (const page of list.pages()) pages.push(page);
      return { first, pages, items: await list.toArray() };
    });
    assert.equal(answer.pages[0], answer.first, "the walk starts from the awaited page");
    assert.ok(answer.pages.length >= 2, "the list has several pages");
    assert.deepEqual(
      answer.items.map((track) => track.id),
      answer.pages.flatMap((page) => page.items.map((track) => track.id)),
    );
    // Two walks: the first page went out once, every later page once per walk.
    const offsets = sent.map((s) => s.query.offset);
    assert.equal(offsets.filter((o) => o === "1").length, 1);
    assert.equal(offsets.length, 1 + 2 * (answer.pages.length - 1));
  });

  it("rejects a bad argument both awaited and iterated, before sending anything", async () => {
    const awaited = await failing(emu, () => client.search.searchTracks("  "));
    assert.ok(awaited.error instanceof ValidationError && awaited.error.parameter === "query");
    const iterated = await failing(emu, async () => {
      for await (const track of client.videos.getVideoContributors(TIDAL_SEED.videos.tidewater, {
        limit: 0,
      })) {
        assert.fail(`iterated ${String(track)}`);
      }
    });
    assert.ok(iterated.error instanceof ValidationError && iterated.error.parameter === "limit");
    assert.deepEqual([...awaited.sent, ...iterated.sent], []);
  });

  it("names the wrapper the application iterated in its errors", async () => {
    const anonymous = anonymousClient(emu);
    try {
      const { error, sent } = await failing(emu, () => anonymous.tracks.getUserSavedTracks().toArray());
      assert.ok(error instanceof AuthenticationRequiredError);
      assert.equal(error.method, "tracks.getUserSavedTracks");
      assert.deepEqual(sent, []);
    } finally {
      await anonymous.close();
    }
  });

  it("walks a relationship list with an optional limit", async () => {
    const ids = await client.users.getUserFollowers(TIDAL_SEED.users.second, { limit: 1 }).toArray();
    const whole = await client.users.getUserFollowers(TIDAL_SEED.users.second, { limit: 50 });
    assert.equal(ids.length, whole.items.length);
  });
});
