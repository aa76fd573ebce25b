/** Iterators walk offset and cursor lists to their end, page by page, as the service sent them. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import type { PrivateTIDALAPIClient } from "../../src/tidal/index.js";
import { during, startTidal, userClient } from "./helpers.js";

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
      client.albums.iterAlbumItems(TIDAL_SEED.albums.tidewater, { limit: 4 }).toArray(),
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
    for await (const page of client.users.iterUserSavedTracks(undefined, { limit: 5, offset: 3 }).pages()) {
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
      client.artists.iterArtistTopTracks(TIDAL_SEED.artists.harborLights, { limit: 2 }).toArray(),
    );
    assert.equal(answer.length, 2);
    assert.equal(sent.length, 2);
  });

  it("walks a cursor list to its end", async () => {
    const whole = await client.users.getMyFoldersAndPlaylists({ limit: 50 });
    const { answer, sent } = await during(emu, () =>
      client.playlists.iterMyFoldersAndPlaylists({ limit: 2 }).toArray(),
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
      client.mixes.iterMyFollowedMixIds({ limit: 1 }).toArray(),
    );
    assert.deepEqual(answer, all);
    assert.equal(sent.length, all.length);
  });

  it("walks a relationship list with an optional limit", async () => {
    const ids = await client.users.iterUserFollowers(TIDAL_SEED.users.second, { limit: 1 }).toArray();
    const whole = await client.users.getUserFollowers(TIDAL_SEED.users.second, { limit: 50 });
    assert.equal(ids.length, whole.items.length);
  });
});
