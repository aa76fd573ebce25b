/**
 * Playing a track end to end over loopback HTTP: playback info from the emulator, the manifest decoded without a
 * request, every segment streamed from the emulated CDN, and the bytes compared with the file the emulator serves.
 */
import assert from "node:assert/strict";
import type { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { AbortedError } from "../../src/core/errors.js";
import type { Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import {
  decodePlaybackManifest,
  ProtectedContentError,
  streamPlayback,
  type PlaybackProgress,
  type PrivateTIDALAPIClient,
} from "../../src/tidal/index.js";
import { startTidal, userClient } from "./helpers.js";

const { paperMoons, lowWater, protectedHover } = TIDAL_SEED.tracks;

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Open TCP sockets of this process, both ends of every loopback connection included. */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === "TCPSocketWrap").length;
}

/**
 * Resolves once no more than `count` sockets are open. A closed socket leaves the list after its close callback,
 * some event-loop turns after the peer's FIN; this follows those turns rather than a clock.
 */
async function socketsBackTo(count: number): Promise<number> {
  for (let turn = 0; turn < 10_000 && openSockets() > count; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  return openSockets();
}

describe("playing a track against the emulator", () => {
  let emu: Emulator;
  let client: PrivateTIDALAPIClient;

  before(async () => {
    emu = await startTidal();
    client = userClient(emu, { enableCache: false }).client;
  });

  after(async () => {
    await client.close();
    await emu.close();
  });

  it("decodes a DASH answer and streams every segment: the bytes are the emulator's file", async () => {
    const info = await client.tracks.getTrackPlaybackInfo(paperMoons, { quality: "HI_RES_LOSSLESS" });
    const before = emu.requestsTo("tidalResources", "/").length;
    const description = decodePlaybackManifest(info);
    assert.equal(emu.requestsTo("tidalResources", "/").length, before, "decoding sends nothing");
    assert.equal(description.manifestType, "dash");
    assert.equal(description.protected, false);
    assert.equal(description.codec, "flac");
    if (description.manifestType !== "dash") return;
    assert.equal(description.sampleRate, 96_000);
    assert.equal(description.bitDepth, 24);
    assert.equal(description.urls[0], description.initializationUrl);
    assert.equal(description.urls.length, description.segmentUrls.length + 1);

    const progress: PlaybackProgress[] = [];
    const bytes = await collect(
      streamPlayback(description, { concurrency: 3, onProgress: (step) => progress.push(step) }),
    );
    assert.ok(bytes.equals(emu.tidal!.mediaBytes(paperMoons, "HI_RES_LOSSLESS")));
    assert.deepEqual(
      progress.map((step) => step.segment),
      description.urls.map((_, index) => index + 1),
    );
    assert.equal(progress.at(-1)?.bytes, bytes.length);
    // Exactly the segments of the manifest were asked for, each once: none past the end.
    const served = emu.requestsTo("tidalResources", "/").slice(before);
    assert.equal(served.length, description.urls.length);
    assert.ok(served.every((request) => request.status === 200));
  });

  it("streams a BTS answer's file", async () => {
    const info = await client.tracks.getTrackPlaybackInfo(lowWater, { quality: "LOW" });
    const description = decodePlaybackManifest(info);
    assert.equal(description.manifestType, "bts");
    assert.equal(description.protected, false);
    const bytes = await collect(streamPlayback(description));
    assert.ok(bytes.equals(emu.tidal!.mediaBytes(lowWater, "LOW")));
  });

  it("reports a protected stream and refuses to fetch it", async () => {
    const before = emu.requestsTo("tidalResources", "/").length;
    for (const quality of ["LOW", "LOSSLESS"] as const) {
      const info = await client.tracks.getTrackPlaybackInfo(protectedHover, { quality });
      const description = decodePlaybackManifest(info);
      assert.equal(description.protected, true, quality);
      assert.ok(description.protection.length > 0);
      assert.throws(() => streamPlayback(description), ProtectedContentError);
    }
    assert.equal(emu.requestsTo("tidalResources", "/").length, before, "no segment was asked for");
  });

  it("stops on abort with an AbortedError and leaves no socket open", async () => {
    const info = await client.tracks.getTrackPlaybackInfo(paperMoons, { quality: "HI_RES_LOSSLESS" });
    const description = decodePlaybackManifest(info);
    const baseline = openSockets();
    const controller = new AbortController();
    const stream = streamPlayback(description, {
      concurrency: 4,
      signal: controller.signal,
      onProgress: (step) => {
        if (step.segment === 2) controller.abort();
      },
    });
    // Not `events.once`: it rejects on the 'error' the abort emits first.
    const closed = new Promise((resolve) => stream.once("close", resolve));
    await assert.rejects(collect(stream), AbortedError);
    await closed;
    const left = await socketsBackTo(baseline);
    assert.ok(left <= baseline, `${left} sockets open, ${baseline} before the stream`);
    const served = emu.requestsTo("tidalResources", "/");
    assert.ok(served.length < description.urls.length * 2, "the walk did not run to the end");
  });
});
