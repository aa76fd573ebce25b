import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED, TidalEmulator } from "../../src/emulator/tidal/index.js";

/** Width and height from a JPEG's SOF0 segment. */
function jpegSize(bytes: Buffer): { width: number; height: number } | undefined {
  for (let i = 2; i + 9 < bytes.length;) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1] as number;
    const length = bytes.readUInt16BE(i + 2);
    if (marker === 0xc0) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  return undefined;
}

describe("TIDAL emulator: resources host", () => {
  let tidal: TidalEmulator;
  let servers: Emulator;
  before(async () => {
    servers = await startEmulator({ services: ["tidal"] });
    assert.ok(servers.tidal instanceof TidalEmulator);
    tidal = servers.tidal;
  });
  after(() => servers.close());

  const path = (uuid: string): string => uuid.replace(/-/g, "/");
  const fetchBytes = async (url: string) => {
    const res = await fetch(url);
    return {
      status: res.status,
      type: res.headers.get("content-type"),
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  };

  it("serves album covers as JPEGs in the album sizes only", async () => {
    const album = tidal.state.albums.get(TIDAL_SEED.albums.tidewater);
    assert.ok(album);
    const ok = await fetchBytes(`${servers.urls.tidalResources}/images/${path(album.cover)}/640x640.jpg`);
    assert.equal(ok.status, 200);
    assert.equal(ok.type, "image/jpeg");
    assert.deepEqual([...ok.bytes.subarray(0, 2)], [0xff, 0xd8]);
    assert.deepEqual([...ok.bytes.subarray(-2)], [0xff, 0xd9]);
    assert.deepEqual(jpegSize(ok.bytes), { width: 640, height: 640 });

    const origin = await fetchBytes(`${servers.urls.tidalResources}/images/${path(album.cover)}/origin.jpg`);
    assert.deepEqual(jpegSize(origin.bytes), { width: 1280, height: 1280 });

    const odd = await fetchBytes(`${servers.urls.tidalResources}/images/${path(album.cover)}/500x500.jpg`);
    assert.equal(odd.status, 404);
    const asVideo = await fetchBytes(
      `${servers.urls.tidalResources}/videos/${path(album.cover)}/640x640.mp4`,
    );
    assert.equal(asVideo.status, 404, "a still cover has no animated rendition");
  });

  it("uses each artwork kind's own sizes", async () => {
    const artist = tidal.state.artists.get(TIDAL_SEED.artists.harborLights);
    const video = tidal.state.videos.get(TIDAL_SEED.videos.tidewater);
    assert.ok(artist?.picture && video);
    assert.equal(
      (await fetchBytes(`${servers.urls.tidalResources}/images/${path(artist.picture)}/480x480.jpg`)).status,
      200,
    );
    assert.equal(
      (await fetchBytes(`${servers.urls.tidalResources}/images/${path(artist.picture)}/1280x1280.jpg`))
        .status,
      404,
    );
    const still = await fetchBytes(
      `${servers.urls.tidalResources}/images/${path(video.imageId)}/320x180.jpg`,
    );
    assert.deepEqual(jpegSize(still.bytes), { width: 320, height: 180 });
  });

  it("serves animated covers as MP4 and 404s unknown artwork", async () => {
    const album = tidal.state.albums.get(TIDAL_SEED.albums.tidewater);
    assert.ok(album?.videoCover);
    const clip = await fetchBytes(
      `${servers.urls.tidalResources}/videos/${path(album.videoCover)}/1280x1280.mp4`,
    );
    assert.equal(clip.status, 200);
    assert.equal(clip.type, "video/mp4");
    assert.equal(clip.bytes.subarray(4, 8).toString("latin1"), "ftyp");
    const unknown = await fetchBytes(
      `${servers.urls.tidalResources}/images/${path("0b2c4e6f-1111-4222-8333-944455556666")}/640x640.jpg`,
    );
    assert.equal(unknown.status, 404);
  });
});
