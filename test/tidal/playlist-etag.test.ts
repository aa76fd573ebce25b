/**
 * The playlist item edits send the playlist's current ETag in If-None-Match (spec §2.13). A stale one makes the
 * service refuse with 412, which arrives as PreconditionFailedError, and the playlist stays as it was.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { PreconditionFailedError, ValidationError } from "../../src/core/errors.js";
import type { Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import { during, failing, startTidal, userClient } from "./helpers.js";

const FOCUS = TIDAL_SEED.playlists.focus;
let emu: Emulator;

const itemsOf = (uuid: string) => emu.tidal!.playlist(uuid)!.items.map((i) => `${i.type}:${i.id}`);
const bare = (uuid: string) => emu.tidal!.playlistEtag(uuid)!.replace(/"/g, "");

describe("playlist ETags", () => {
  before(async () => {
    emu = await startTidal();
  });

  beforeEach(() => {
    emu.tidal!.reset();
  });

  after(async () => {
    await emu.close();
  });

  it("fetches the ETag with GET /v1/playlists/{uuid} when it is not known, and sends it without quotes", async () => {
    const { client } = userClient(emu);
    const before = itemsOf(FOCUS);
    const etag = bare(FOCUS);
    const { sent } = await during(emu, () =>
      client.playlists.removePlaylistItems(FOCUS, { itemIndices: [0], countryCode: "GB" }),
    );
    assert.deepEqual(
      sent.map((s) => `${s.method} ${s.path}`),
      [`GET /v1/playlists/${FOCUS}`, `DELETE /v1/playlists/${FOCUS}/items/0`],
    );
    // The country applies to the ETag request only.
    assert.deepEqual(sent[0]?.query, { countryCode: "GB" });
    assert.deepEqual(sent[1]?.query, {});
    assert.equal(sent[1]?.headers["if-none-match"], etag);
    assert.deepEqual(itemsOf(FOCUS), before.slice(1));
    await client.close();
  });

  it("reuses the ETag of an earlier answer, including that of its own edit", async () => {
    const { client } = userClient(emu);
    await client.playlists.getPlaylistItems(FOCUS, { countryCode: "US" });
    const first = await during(emu, () =>
      client.playlists.addPlaylistItems(FOCUS, { itemIds: TIDAL_SEED.tracks.saltLines }),
    );
    // The ETag came with the items list: no extra GET before the edit.
    assert.deepEqual(
      first.sent.map((s) => s.method),
      ["POST"],
    );
    const afterAdd = bare(FOCUS);
    const second = await during(emu, () =>
      client.playlists.reorderPlaylistItems(FOCUS, { fromItemIndices: "0,1", toIndex: 2 }),
    );
    // The answer to the add carried the new ETag, which the reorder sends.
    assert.deepEqual(
      second.sent.map((s) => `${s.method} ${s.path}`),
      [`POST /v1/playlists/${FOCUS}/items/0,1`],
    );
    assert.equal(second.sent[0]?.headers["if-none-match"], afterAdd);
    assert.notEqual(afterAdd, first.sent[0]?.headers["if-none-match"]);
    await client.close();
  });

  it("turns a stale ETag into PreconditionFailedError, leaves the playlist unchanged, and recovers on retry", async () => {
    const mine = userClient(emu).client;
    const other = userClient(emu).client;
    // This client learns the ETag, then another session changes the playlist.
    await mine.playlists.getPlaylist(FOCUS, { apiVersion: 1, countryCode: "US" });
    const stale = bare(FOCUS);
    await other.playlists.addPlaylistItems(FOCUS, {
      itemIds: [TIDAL_SEED.tracks.saltLines],
      countryCode: "US",
    });
    assert.notEqual(bare(FOCUS), stale);
    const after = itemsOf(FOCUS);

    const { error, sent } = await failing(emu, () =>
      mine.playlists.removePlaylistItems(FOCUS, { itemIndices: [0, 1] }),
    );
    assert.ok(error instanceof PreconditionFailedError, String(error));
    assert.equal(error.status, 412);
    assert.equal(error.service, "tidal");
    assert.equal(sent.length, 1, "a 412 is not retried");
    assert.equal(sent[0]?.headers["if-none-match"], stale);
    assert.deepEqual(itemsOf(FOCUS), after, "nothing was removed");

    // The stale ETag was forgotten: the retry asks for the current one and succeeds.
    const retry = await during(emu, () =>
      mine.playlists.removePlaylistItems(FOCUS, { itemIndices: [0, 1], countryCode: "US" }),
    );
    assert.deepEqual(
      retry.sent.map((s) => s.method),
      ["GET", "DELETE"],
    );
    assert.deepEqual(itemsOf(FOCUS), after.slice(2));
    await mine.close();
    await other.close();
  });

  it("learns that a visibility change made its ETag stale", async () => {
    const { client } = userClient(emu);
    await client.playlists.getPlaylist(FOCUS, { apiVersion: 1, countryCode: "US" });
    await client.playlists.setPlaylistVisibility(FOCUS, { public: true });
    const { sent } = await during(emu, () =>
      client.playlists.replacePlaylistItem(FOCUS, {
        itemIndex: 0,
        itemId: TIDAL_SEED.tracks.lowWater,
        countryCode: "US",
      }),
    );
    assert.deepEqual(
      sent.map((s) => s.method),
      ["GET", "POST"],
    );
    assert.equal(sent[1]?.status, 200);
    await client.close();
  });

  it("checks the edit's arguments before any request", async () => {
    const { client } = userClient(emu);
    const bad: [string, () => Promise<unknown>][] = [
      ["no source", () => client.playlists.addPlaylistItems(FOCUS, {})],
      [
        "two sources",
        () =>
          client.playlists.addPlaylistItems(FOCUS, {
            itemIds: [1],
            fromAlbumId: TIDAL_SEED.albums.tidewater,
          }),
      ],
      [
        "a bad onDuplicate",
        () => client.playlists.addPlaylistItems(FOCUS, { itemIds: [1], onDuplicate: "add" as "ADD" }),
      ],
      ["a negative index", () => client.playlists.removePlaylistItems(FOCUS, { itemIndices: [-1] })],
      ["an index path", () => client.playlists.removePlaylistItems(FOCUS, { itemIndices: "0/../1" })],
      [
        "a fractional target",
        () => client.playlists.reorderPlaylistItems(FOCUS, { fromItemIndices: 0, toIndex: 1.5 }),
      ],
      ["a bad item id", () => client.playlists.replacePlaylistItem(FOCUS, { itemIndex: 0, itemId: "me" })],
      ["a bad playlist", () => client.playlists.removePlaylistItems("focus", { itemIndices: 0 })],
    ];
    for (const [name, run] of bad) {
      const { error, sent } = await failing(emu, run);
      assert.ok(error instanceof ValidationError, `${name}: ${String(error)}`);
      assert.deepEqual(sent, [], name);
    }
    await client.close();
  });
});
