/**
 * Contract tests over bodies recorded from the real service (test/fixtures/tidal/yambs, `countryCode=US`): the
 * request the client sends must be the recorded one, and the recorded answer must come back parsed.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import type { Emulator, ReplayInteraction } from "../../src/emulator/index.js";
import type { DeepReadonly } from "../../src/core/readonly.js";
import type { TidalAlbum, CreditGroup, MediaItem, OffsetPage, TidalTrack } from "../../src/tidal/index.js";
import { anonymousClient, startTidal } from "./helpers.js";

const FIXTURES = new URL("../fixtures/tidal/yambs/", import.meta.url);
const ALBUMS = [1588184, 24700142, 58823194];

async function fixture(name: string): Promise<string> {
  return readFile(new URL(name, FIXTURES), "utf8");
}

function interaction(path: string, body: string): ReplayInteraction {
  return {
    method: "GET",
    path,
    query: { countryCode: "US" },
    response: { status: 200, headers: { "content-type": "application/json" }, body },
  };
}

let emu: Emulator;

describe("contract: recorded TIDAL bodies", () => {
  before(async () => {
    emu = await startTidal();
  });

  after(async () => {
    await emu.close();
  });

  for (const id of ALBUMS) {
    it(`album ${id}: GET /v1/albums/{id} and /credits match the recording`, async () => {
      const albumBody = await fixture(`album_${id}_US.json`);
      const creditsBody = await fixture(`credits_${id}_US.json`);
      const replay = emu.replay("tidalApi", [
        interaction(`/v1/albums/${id}`, albumBody),
        interaction(`/v1/albums/${id}/credits`, creditsBody),
      ]);
      const client = anonymousClient(emu);
      try {
        const album: DeepReadonly<TidalAlbum> = await client.albums.getAlbum(id, { countryCode: "US" });
        assert.deepEqual(album, JSON.parse(albumBody));
        assert.equal(album.id, id);
        assert.equal(typeof album.type, "string");

        // Credits are a bare JSON array; some contributors have no id.
        const credits: DeepReadonly<CreditGroup[]> = await client.albums.getAlbumCredits(id, {
          countryCode: "US",
        });
        assert.ok(Array.isArray(credits));
        assert.deepEqual(credits, JSON.parse(creditsBody));
        for (const group of credits) {
          assert.equal(typeof group.type, "string");
          for (const person of group.contributors) assert.equal(typeof person.name, "string");
        }
        assert.deepEqual(replay.unmatched, []);
        assert.equal(replay.remaining, 0);
      } finally {
        replay.remove();
        await client.close();
      }
    });
  }

  it("album 1588184: a region-filtered list is walked to its end, shorter than numberOfTracks", async () => {
    const albumBody = await fixture("album_1588184_US.json");
    const tracks = JSON.parse(await fixture("tracks_1588184_US.json")) as OffsetPage<TidalTrack>;
    // The recording is of `/tracks` (bare tracks); `/items`, which the client reads, wraps each one as
    // {item, type}. The envelope — limit, offset and the region-filtered total — is kept as recorded.
    const itemsBody = JSON.stringify({
      ...tracks,
      items: tracks.items.map((item) => ({ item, type: "track" })),
    });
    const replay = emu.replay("tidalApi", [
      interaction("/v1/albums/1588184", albumBody),
      interaction("/v1/albums/1588184/items", itemsBody),
    ]);
    const client = anonymousClient(emu);
    try {
      const album = await client.albums.getAlbum(1588184, { countryCode: "US" });
      const walked: DeepReadonly<MediaItem>[] = await client.albums
        .getAlbumItems(1588184, { countryCode: "US" })
        .toArray();
      assert.equal(album.numberOfTracks, 16);
      assert.equal(tracks.totalNumberOfItems, 9);
      assert.equal(walked.length, 9);
      assert.ok(walked.length < album.numberOfTracks);
      assert.deepEqual(
        walked.map((entry) => entry.item.id),
        tracks.items.map((t) => t.id),
      );
      // One page covered the list: the iterator did not ask for offsets the recording does not have.
      assert.deepEqual(replay.unmatched, []);
      assert.equal(replay.remaining, 0);
    } finally {
      replay.remove();
      await client.close();
    }
  });

  it("a request that differs from the recording is not answered from it", async () => {
    const replay = emu.replay("tidalApi", [
      interaction("/v1/albums/24700142", await fixture("album_24700142_US.json")),
    ]);
    const client = anonymousClient(emu, { maxRetries: 0 });
    try {
      await assert.rejects(client.albums.getAlbum(24700142, { countryCode: "GB" }), (error: unknown) => {
        assert.equal((error as { status?: number }).status, 599);
        return true;
      });
      assert.equal(replay.unmatched.length, 1);
    } finally {
      replay.remove();
      await client.close();
    }
  });
});
