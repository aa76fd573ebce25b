import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { request } from "undici";
import { ValidationError } from "../../src/core/errors.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import { ARTWORK_DIMENSIONS, buildArtworkUrl, PrivateTIDALAPIClient } from "../../src/tidal/index.js";
import { anonymousClient, startTidal } from "./helpers.js";

const UUID = "ec479657-8559-45a2-9d67-42a5f8d4c048";
const PATH = "ec479657/8559/45a2/9d67/42a5f8d4c048";
const HOST = "https://resources.tidal.com";

describe("buildArtworkUrl", () => {
  const cases: [string, Parameters<typeof PrivateTIDALAPIClient.buildArtworkUrl>, string][] = [
    ["origin by default", [UUID], `${HOST}/images/${PATH}/origin.jpg`],
    ['"origin" spelled out', [UUID, null, { dimensions: "origin" }], `${HOST}/images/${PATH}/origin.jpg`],
    ["an integer edge", [UUID, undefined, { dimensions: 640 }], `${HOST}/images/${PATH}/640x640.jpg`],
    [
      "a decimal string edge",
      [UUID, undefined, { dimensions: "1280" }],
      `${HOST}/images/${PATH}/1280x1280.jpg`,
    ],
    ["WxH", [UUID, undefined, { dimensions: "640x360" }], `${HOST}/images/${PATH}/640x360.jpg`],
    ["a pair", [UUID, undefined, { dimensions: [640, "360"] }], `${HOST}/images/${PATH}/640x360.jpg`],
    ["animated", [UUID, "album", { animated: true, dimensions: 320 }], `${HOST}/videos/${PATH}/320x320.mp4`],
    ["a plural item type", [UUID, "albums", { dimensions: 80 }], `${HOST}/images/${PATH}/80x80.jpg`],
    [
      "origin with an item type",
      [UUID, "artist", { dimensions: "origin" }],
      `${HOST}/images/${PATH}/origin.jpg`,
    ],
    [
      "a user profile picture",
      [UUID, "userProfile", { dimensions: 210 }],
      `${HOST}/images/${PATH}/210x210.jpg`,
    ],
    [
      "upper-case UUIDs are normalised",
      [UUID.toUpperCase(), undefined, { dimensions: 160 }],
      `${HOST}/images/${PATH}/160x160.jpg`,
    ],
  ];
  for (const [name, args, expected] of cases) {
    it(name, () => assert.equal(PrivateTIDALAPIClient.buildArtworkUrl(...args), expected));
  }

  it("accepts every listed size of every item type, and nothing else", () => {
    for (const [type, sizes] of Object.entries(ARTWORK_DIMENSIONS)) {
      for (const size of sizes) {
        assert.equal(
          buildArtworkUrl(UUID, type as keyof typeof ARTWORK_DIMENSIONS, { dimensions: size }),
          `${HOST}/images/${PATH}/${size}.jpg`,
        );
      }
    }
    assert.throws(
      () => buildArtworkUrl(UUID, "artist", { dimensions: 1280 }),
      /dimensions of artist artwork/,
    );
    assert.throws(() => buildArtworkUrl(UUID, "video", { dimensions: 640 }), ValidationError);
    assert.throws(() => buildArtworkUrl(UUID, "playlist", { dimensions: "750x750" }), ValidationError);
  });

  const bad: [string, () => unknown, string][] = [
    ["a non-UUID", () => buildArtworkUrl("not-a-uuid"), "artworkUuid"],
    ["a path in the UUID", () => buildArtworkUrl(`${UUID}/../x`), "artworkUuid"],
    ["zero", () => buildArtworkUrl(UUID, null, { dimensions: 0 }), "dimensions"],
    ["a negative edge", () => buildArtworkUrl(UUID, null, { dimensions: -5 }), "dimensions"],
    ["a fraction", () => buildArtworkUrl(UUID, null, { dimensions: 1.5 }), "dimensions"],
    ["a boolean", () => buildArtworkUrl(UUID, null, { dimensions: true as unknown as number }), "dimensions"],
    ["a malformed size", () => buildArtworkUrl(UUID, null, { dimensions: "640x" }), "dimensions"],
    [
      "a triple",
      () => buildArtworkUrl(UUID, null, { dimensions: [1, 2, 3] as unknown as [number, number] }),
      "dimensions",
    ],
    ["an unknown item type", () => buildArtworkUrl(UUID, "mixtape" as "album"), "itemType"],
    [
      "a non-boolean animated flag",
      () => buildArtworkUrl(UUID, null, { animated: "yes" as unknown as boolean }),
      "animated",
    ],
  ];
  for (const [name, run, parameter] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(
        run,
        (error: unknown) => error instanceof ValidationError && error.parameter === parameter,
      );
    });
  }

  describe("without an item type, options second", () => {
    it("builds an animated artwork of any well-formed size (no item type to check it against)", () => {
      assert.equal(
        PrivateTIDALAPIClient.buildArtworkUrl(UUID, { animated: true, dimensions: "640x640" }),
        `${HOST}/videos/${PATH}/640x640.mp4`,
      );
      // 100x100 is in no album's list: only an item type makes the size checked.
      assert.equal(buildArtworkUrl(UUID, { dimensions: 100 }), `${HOST}/images/${PATH}/100x100.jpg`);
      assert.throws(
        () => buildArtworkUrl(UUID, "album", { dimensions: 100 }),
        (error: unknown) => error instanceof ValidationError && error.parameter === "dimensions",
      );
    });

    it("means the same as an omitted or null item type", () => {
      const options = { animated: false, dimensions: [320, 180] as const };
      const expected = `${HOST}/images/${PATH}/320x180.jpg`;
      assert.equal(PrivateTIDALAPIClient.buildArtworkUrl(UUID, options), expected);
      assert.equal(PrivateTIDALAPIClient.buildArtworkUrl(UUID, undefined, options), expected);
      assert.equal(PrivateTIDALAPIClient.buildArtworkUrl(UUID, null, options), expected);
      assert.equal(PrivateTIDALAPIClient.buildArtworkUrl(UUID, {}), `${HOST}/images/${PATH}/origin.jpg`);
    });

    it("still checks the options", () => {
      assert.throws(
        () => PrivateTIDALAPIClient.buildArtworkUrl(UUID, { dimensions: "640x" }),
        (error: unknown) => error instanceof ValidationError && error.parameter === "dimensions",
      );
      assert.throws(
        () => PrivateTIDALAPIClient.buildArtworkUrl(UUID, { animated: "yes" as unknown as boolean }),
        (error: unknown) => error instanceof ValidationError && error.parameter === "animated",
      );
    });

    it("refuses options given twice, and options that are not an object", () => {
      assert.throws(
        // @ts-expect-error -- no overload takes options in both places
        () => PrivateTIDALAPIClient.buildArtworkUrl(UUID, { animated: true }, { dimensions: 640 }),
        (error: unknown) => error instanceof ValidationError && error.parameter === "options",
      );
      assert.throws(
        // @ts-expect-error -- options are an object
        () => buildArtworkUrl(UUID, "album", 640),
        (error: unknown) => error instanceof ValidationError && error.parameter === "options",
      );
      // A size pair in the item type's place is not mistaken for options.
      assert.throws(
        // @ts-expect-error -- a pair is not an item type
        () => buildArtworkUrl(UUID, [640, 360]),
        (error: unknown) => error instanceof ValidationError && error.parameter === "itemType",
      );
    });
  });

  it("uses the configured resources host on an instance", async () => {
    const emu = await startTidal();
    try {
      const client = anonymousClient(emu);
      const album = emu.tidal!.state.albums.get(TIDAL_SEED.albums.tidewater)!;
      const url = client.buildArtworkUrl(album.cover, "album", { dimensions: 640 });
      assert.ok(url.startsWith(`${emu.urls.tidalResources}/images/`));
      // The resources role serves the built URL: a JPEG of the requested size exists there.
      const image = await request(url);
      assert.equal(image.statusCode, 200);
      assert.equal(image.headers["content-type"], "image/jpeg");
      assert.ok((await image.body.arrayBuffer()).byteLength > 0);
      const origin = await request(client.buildArtworkUrl(album.cover));
      assert.equal(origin.statusCode, 200);
      await origin.body.dump();
      // A size the host does not have is refused before a request could fail.
      assert.throws(() => client.buildArtworkUrl(album.cover, "album", { dimensions: 100 }), ValidationError);
      // The options-second form, on the instance, names the same file as the typed one.
      assert.equal(
        client.buildArtworkUrl(album.cover, { dimensions: "640x640" }),
        client.buildArtworkUrl(album.cover, "album", { dimensions: 640 }),
      );
      const animated = [...emu.tidal!.state.albums.values()].find((a) => a.videoCover !== null);
      if (animated?.videoCover) {
        const untyped = await request(
          client.buildArtworkUrl(animated.videoCover, { animated: true, dimensions: "640x640" }),
        );
        assert.equal(untyped.statusCode, 200);
        assert.equal(untyped.headers["content-type"], "video/mp4");
        await untyped.body.dump();
        const video = await request(
          client.buildArtworkUrl(animated.videoCover, "album", { animated: true, dimensions: 640 }),
        );
        assert.equal(video.statusCode, 200);
        assert.equal(video.headers["content-type"], "video/mp4");
        await video.body.dump();
      }
      await client.close();
    } finally {
      await emu.close();
    }
  });
});
