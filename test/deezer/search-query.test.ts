/**
 * deezerQuery: the exact `q` strings Deezer answered in the recordings, the fixed part order, the refusals, and
 * (against the emulator) that the string works with every search method.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ValidationError } from "../../src/core/errors.js";
import { DeezerAPIClient, deezerQuery, type DeezerQueryFields } from "../../src/index.js";
import { DEEZER_SEED_IDS, DeezerState } from "../../src/emulator/deezer/index.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { FIXTURES_DIR, loadCassette } from "../helpers/cassettes.js";

const { ALBUM } = DEEZER_SEED_IDS;

function recordedQ(name: string): string {
  const cassette = loadCassette(join(FIXTURES_DIR, "deezer/deezer-python/cassettes", `${name}.yaml`));
  const q = cassette.interactions[0]?.query["q"];
  assert.ok(q !== undefined, `${name} sends q`);
  return q;
}

function refuses(fields: DeezerQueryFields, parameter: string, message?: RegExp): void {
  assert.throws(
    () => deezerQuery(fields),
    (error: unknown) => {
      assert.ok(error instanceof ValidationError, `expected ValidationError, got ${String(error)}`);
      assert.equal(error.parameter, parameter);
      if (message) assert.match(error.message, message);
      return true;
    },
  );
}

describe("deezerQuery output", () => {
  it("writes exactly the q strings of the recordings", () => {
    assert.equal(deezerQuery({ artist: "Lou Doillon" }), recordedQ("TestClient.test_search_advanced_simple"));
    assert.equal(
      deezerQuery({ artist: "Lou Doillon", album: "Lay Low" }),
      recordedQ("TestClient.test_search_advanced_multiple"),
    );
    assert.equal(
      deezerQuery({ artist: "Lou Doillon", track: "Joke" }),
      recordedQ("TestClient.test_advanced_search_complex_with_relation"),
    );
    assert.equal(deezerQuery({ text: "Lou Doillon" }), recordedQ("TestClient.test_advanced_search_invalid"));
  });

  it("writes Deezer's documented examples", () => {
    assert.equal(
      deezerQuery({ artist: "aloe blacc", track: "i need a dollar" }),
      'artist:"aloe blacc" track:"i need a dollar"',
    );
    assert.equal(deezerQuery({ durMin: 300, durMax: 500 }), "dur_min:300 dur_max:500");
    assert.equal(deezerQuery({ bpmMin: 120, bpmMax: 200 }), "bpm_min:120 bpm_max:200");
  });

  it("puts the parts in one fixed order, whatever the order of the keys", () => {
    const all = deezerQuery({
      bpmMax: 130,
      label: "Solenne Music",
      durMax: 240,
      track: "Lightyears",
      bpmMin: 100,
      album: "Paper Satellites",
      durMin: 180,
      artist: "Mira Solenne",
      text: "live",
    });
    assert.equal(
      all,
      'live artist:"Mira Solenne" album:"Paper Satellites" track:"Lightyears" label:"Solenne Music" ' +
        "dur_min:180 dur_max:240 bpm_min:100 bpm_max:130",
    );
  });

  it("trims values, collapses inner white space to single spaces, keeps case, leaves out absent parts", () => {
    assert.equal(
      deezerQuery({ artist: "  Aloe \t Blacc ", album: null, track: undefined, text: " I  Need\na Dollar " }),
      'I Need a Dollar artist:"Aloe Blacc"',
    );
    assert.equal(deezerQuery({ durMin: 0 }), "dur_min:0", "zero is a value, not an absent part");
    assert.equal(deezerQuery({ durMin: 200, durMax: 200 }), "dur_min:200 dur_max:200");
  });
});

describe("deezerQuery refusals", () => {
  it("refuses double quotes, which Deezer's syntax cannot escape", () => {
    refuses({ track: 'The "Joke"' }, "track", /double quote/);
    refuses({ artist: 'Lou "D" Doillon' }, "artist");
    refuses({ text: '"exact words"' }, "text");
  });

  it("refuses blank and non-string text values", () => {
    refuses({ artist: "   " }, "artist");
    refuses({ label: 42 as never }, "label");
  });

  it("refuses field syntax inside the free text", () => {
    refuses({ text: "artist:Lou" }, "text", /typed field/);
    refuses({ text: "live DUR_MIN:300" }, "text");
    assert.equal(deezerQuery({ text: "re:union" }), "re:union", "other colons are ordinary words");
  });

  it("refuses ranges that are not non-negative integers, or whose minimum is above the maximum", () => {
    refuses({ durMin: -1 }, "durMin");
    refuses({ durMax: 2.5 }, "durMax");
    refuses({ bpmMin: "120" as never }, "bpmMin");
    refuses({ bpmMax: Number.NaN }, "bpmMax");
    refuses({ durMin: 300, durMax: 200 }, "durMin", /greater than durMax/);
    refuses({ bpmMin: 140, bpmMax: 120 }, "bpmMin");
  });

  it("refuses an empty query and unknown keys", () => {
    refuses({}, "fields");
    refuses({ artist: null, durMin: undefined }, "fields");
    refuses({ artists: "Lou Doillon" } as never, "artists");
    refuses(null as never, "fields");
  });
});

describe("deezerQuery with the search methods (emulator)", () => {
  let emulator: Emulator;
  let client: DeezerAPIClient;
  let minimDir: string;
  const seed = new DeezerState();
  const salt = seed.albums.get(ALBUM.saltInTheEngine)!;

  before(async () => {
    minimDir = mkdtempSync(join(tmpdir(), "minim-deezer-"));
    process.env["MINIM_DIR"] = minimDir;
    emulator = await startEmulator({ services: ["deezer"] });
    client = new DeezerAPIClient({
      baseUrl: emulator.urls.deezerApi,
      storeTokens: false,
      limitRate: false,
      enableCache: false,
    });
  });

  after(async () => {
    await client.close();
    await emulator.close();
    rmSync(minimDir, { recursive: true, force: true });
  });

  it("sends the string as q, unchanged, and the service reads the fields", async () => {
    const q = deezerQuery({ artist: "Velvet Harbor", album: salt.title });
    emulator.clearRequests();
    const tracks = await client.search.search(q, { limit: 100 });
    const albums = await client.search.searchAlbums(q);
    const sent = emulator.requestsTo("deezerApi");
    assert.deepEqual(
      sent.map((r) => [r.path, r.query["q"]]),
      [
        ["/search", q],
        ["/search/album", q],
      ],
    );
    assert.deepEqual(
      tracks.data.map((t) => t.id).sort(),
      [...salt.trackIds].sort(),
      "exactly the album's tracks",
    );
    assert.deepEqual(
      albums.data.map((a) => a.id),
      [ALBUM.saltInTheEngine],
    );
  });

  it("narrows by duration", async () => {
    const durations = salt.trackIds.map((id) => seed.tracks.get(id)!.duration).sort((a, b) => a - b);
    const middle = durations[Math.floor(durations.length / 2)]!;
    const q = deezerQuery({ album: salt.title, durMin: middle });
    const page = await client.search.searchTracks(q, { limit: 100 });
    assert.ok(page.data.length > 0);
    assert.ok(page.data.length < salt.trackIds.length, "some tracks are too short");
    assert.ok(page.data.every((t) => (t.duration ?? 0) >= middle));
  });
});
