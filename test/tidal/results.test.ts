/**
 * What the endpoint methods resolve to at run time, matching their types: writes that answer nothing resolve
 * to `undefined` (typed `void`), and cached answers are frozen all the way down (typed `DeepReadonly`).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import { startTidal, userClient } from "./helpers.js";

describe("TIDAL results", () => {
  let emu: Emulator;
  before(async () => {
    emu = await startTidal();
  });
  after(async () => {
    await emu.close();
  });

  it("writes that answer nothing resolve to undefined, whatever body the service sent", async () => {
    const { client } = userClient(emu);
    try {
      const trackId = [...emu.tidal!.state.tracks.keys()][0]!;
      assert.equal(await client.users.saveTracks([trackId]), undefined);
      assert.equal(await client.tracks.removeSavedTracks(trackId), undefined);
      // Some writes answer with a JSON body the method has nothing to say about.
      emu.faults.inject({ method: "PUT", path: "/v2/feed/activities/seen", status: 200, json: { ok: true } });
      assert.equal(await client.feed.markFeedActivitiesSeen(), undefined);
      const writes = emu.requests.filter((r) => r.method !== "GET");
      assert.deepEqual(
        writes.map((r) => `${r.method} ${r.status}`),
        ["POST 204", "DELETE 204", "PUT 200"],
      );
      assert.ok(writes[1]!.path.endsWith(`/favorites/tracks/${trackId}`));
      // A write that creates something still answers with it.
      const folder = await client.playlists.createFolder({ name: "Results" });
      assert.equal(folder.name, "Results");
    } finally {
      await client.close();
    }
  });

  it("a cached answer is frozen all the way down, as its type says", async () => {
    const { client } = userClient(emu);
    try {
      const album = await client.albums.getAlbum(TIDAL_SEED.albums.tidewater);
      assert.ok(Object.isFrozen(album));
      assert.ok(Object.isFrozen(album.artists));
      assert.ok(Object.isFrozen(album.artists[0]));
      assert.throws(() => {
        (album as { title: string }).title = "Changed";
      }, TypeError);
    } finally {
      await client.close();
    }
  });
});
