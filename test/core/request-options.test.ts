/**
 * Per-call options are arguments like any other: every endpoint method of both clients rejects a bad `signal`,
 * `timeout` or `maxRetries` with a ValidationError before anything is sent.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { requestOptions } from "../../src/core/api-client.js";
import { ValidationError } from "../../src/core/errors.js";
import { MAX_TIMEOUT_MS, Transport } from "../../src/core/transport.js";
import { DeezerAPIClient } from "../../src/deezer/client.js";
import { DEEZER_SEED_IDS } from "../../src/emulator/deezer/index.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { TIDAL_PKCE_CLIENT_ID, TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import { PrivateTIDALAPIClient } from "../../src/tidal/private-client.js";
import { urls } from "../tidal/helpers.js";

const BAD: readonly [string, Record<string, unknown>][] = [
  ["maxRetries", { maxRetries: Number.NaN }],
  ["maxRetries", { maxRetries: "abc" }],
  ["maxRetries", { maxRetries: Infinity }],
  ["maxRetries", { maxRetries: -1 }],
  ["maxRetries", { maxRetries: 1.5 }],
  ["timeout", { timeout: -1 }],
  ["timeout", { timeout: 0 }],
  ["timeout", { timeout: "abc" }],
  ["timeout", { timeout: Number.NaN }],
  ["timeout", { timeout: Infinity }],
  ["signal", { signal: "x" }],
  ["signal", { signal: { aborted: false } }],
  // Node fires a timer set past 2^31 - 1 ms after 1 ms: the call would time out at once.
  ["timeout", { timeout: 3e9 }],
  ["timeout", { timeout: 2 ** 31 }],
];

/** Client-level timeouts that must be refused when the client is built. */
const BAD_CLIENT_TIMEOUTS: readonly unknown[] = [-1, "abc", 0, Number.NaN, Infinity, 3e9, 2 ** 31, "30000"];

describe("requestOptions()", () => {
  for (const [parameter, options] of BAD) {
    it(`rejects ${JSON.stringify(options)} naming ${parameter}`, () => {
      assert.throws(
        () => requestOptions(options as never),
        (error: unknown) => error instanceof ValidationError && error.parameter === parameter,
      );
    });
  }

  it("keeps valid controls and drops everything else", () => {
    const signal = new AbortController().signal;
    assert.deepEqual(requestOptions({ signal, timeout: 0.5, maxRetries: 0, limit: 3 } as never), {
      signal,
      timeout: 0.5,
      maxRetries: 0,
    });
    assert.equal(requestOptions(undefined), undefined);
  });

  it("accepts the longest timeout a timer can keep", () => {
    assert.equal(MAX_TIMEOUT_MS, 2_147_483_647);
    assert.equal(requestOptions({ timeout: MAX_TIMEOUT_MS })?.timeout, MAX_TIMEOUT_MS);
  });
});

describe("client-level timeout", () => {
  for (const timeout of BAD_CLIENT_TIMEOUTS) {
    it(`refuses timeout ${JSON.stringify(timeout) ?? String(timeout)} when a client or transport is built`, () => {
      const refused = (error: unknown): boolean => {
        assert.ok(error instanceof ValidationError, String(error));
        assert.equal(error.parameter, "timeout");
        assert.match(error.message, /no greater than 2147483647/);
        return true;
      };
      assert.throws(
        () => new Transport({ baseUrl: "http://127.0.0.1:9", timeout: timeout as number }),
        refused,
      );
      assert.throws(() => new DeezerAPIClient({ storeTokens: false, timeout: timeout as number }), refused);
      // The auth engine's transport (token requests) is built with the same value.
      assert.throws(
        () =>
          new DeezerAPIClient({
            authFlow: "implicit",
            appId: "123456",
            redirectUri: "http://127.0.0.1:8765/callback",
            storeTokens: false,
            timeout: timeout as number,
          }),
        refused,
      );
      assert.throws(
        () =>
          new PrivateTIDALAPIClient({
            authFlow: "pkce",
            clientId: TIDAL_PKCE_CLIENT_ID,
            redirectUri: "tidal://login/auth",
            storeTokens: false,
            timeout: timeout as number,
          }),
        refused,
      );
    });
  }

  it("accepts the longest timeout a timer can keep, and it does not fire early", async () => {
    const emulator = await startEmulator({ services: ["deezer"] });
    const client = new DeezerAPIClient({
      baseUrl: emulator.urls.deezerApi,
      storeTokens: false,
      limitRate: false,
      timeout: MAX_TIMEOUT_MS,
    });
    try {
      const album = DEEZER_SEED_IDS.ALBUM.breakwater;
      // An answer that takes a while: a deadline clamped by Node would have fired after 1 ms.
      emulator.faults.inject({ path: `/album/${album}`, times: 2, delayMs: 50 });
      assert.equal((await client.albums.getAlbum(album, { maxRetries: 0 })).id, album);
      client.clearCache();
      const again = await client.albums.getAlbum(album, { maxRetries: 0, timeout: MAX_TIMEOUT_MS });
      assert.equal(again.id, album);
    } finally {
      await client.close();
      await emulator.close();
    }
  });
});

/** Methods of the client's endpoint groups (and its own), by `group.name`. */
function endpointMethods(client: object, groups: readonly string[]): [string, object, string][] {
  const out: [string, object, string][] = [];
  for (const group of groups) {
    const target = (client as Record<string, object>)[group]!;
    let proto: object | null = Object.getPrototypeOf(target) as object;
    const names = new Set<string>();
    while (proto && proto !== Object.prototype) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const value = (target as Record<string, unknown>)[name];
        if (name !== "constructor" && !HELPERS.has(name) && typeof value === "function") names.add(name);
      }
      proto = Object.getPrototypeOf(proto) as object | null;
    }
    for (const name of names) out.push([`${group}.${name}`, target, name]);
  }
  return out;
}

/**
 * Calls `name` with each candidate list of leading arguments followed by the bad options, until one call fails
 * on the option itself. Returns whether some call did.
 */
async function rejectsOption(
  target: object,
  name: string,
  candidates: readonly unknown[][],
  bad: Record<string, unknown>,
  parameter: string,
): Promise<boolean> {
  const fn = (target as Record<string, (...args: unknown[]) => unknown>)[name]!;
  for (const leading of candidates) {
    try {
      let result = fn.apply(target, [...leading, { ...REQUIRED[name], ...bad }]);
      // Iterators validate when they fetch their first page (or at once).
      if (result && typeof result === "object" && "pages" in result && typeof result.pages === "function") {
        result = (result as { pages(): AsyncGenerator<unknown> }).pages().next();
      }
      await result;
    } catch (error) {
      if (error instanceof ValidationError && error.parameter === parameter) return true;
    }
  }
  return false;
}

/** Option members some methods require, so their call gets as far as the per-call controls. */
const REQUIRED: Record<string, Record<string, unknown>> = {
  setEpisodeResumePoint: { position: 10 },
  updatePlaylistDetails: { title: "t", name: "t" },
  addPlaylistTracks: { trackIds: [1] },
  reorderPlaylistTracks: { trackIds: [1] },
  removePlaylistTracks: { trackIds: [1] },
  updateTrackMetadata: { title: "t" },
  createFolder: { name: "n" },
  createPlaylist: { name: "n" },
  setPlaylistVisibility: { public: true },
  addPlaylistItems: { itemIds: [1], trackIds: [1], items: [1] },
  reorderPlaylistItems: { fromItemIndices: [0], toIndex: 1 },
  replacePlaylistItem: { itemIndex: 0, itemId: 1 },
  removePlaylistItems: { itemIndices: [0] },
};

/** Protected helpers of the resource base classes, not endpoint methods. */
const HELPERS = new Set(["get", "post", "put", "delete", "list", "site"]);

const DEEZER_GROUPS = [
  "albums",
  "artists",
  "charts",
  "editorial",
  "episodes",
  "genres",
  "playlists",
  "podcasts",
  "radios",
  "search",
  "tracks",
  "users",
];
const TIDAL_GROUPS = [
  "albums",
  "artists",
  "feed",
  "mixes",
  "pages",
  "playlists",
  "search",
  "tracks",
  "users",
  "videos",
];

describe("per-call options of every endpoint method", () => {
  let emulator: Emulator;
  let minimDir: string;
  let deezer: DeezerAPIClient;
  let tidal: PrivateTIDALAPIClient;

  before(async () => {
    minimDir = mkdtempSync(join(tmpdir(), "minim-options-"));
    process.env["MINIM_DIR"] = minimDir;
    emulator = await startEmulator();
    deezer = new DeezerAPIClient({
      baseUrl: emulator.urls.deezerApi,
      accessToken: emulator.deezer!.issueToken(),
      authFlow: "implicit",
      appId: "123456",
      redirectUri: "http://127.0.0.1:8765/callback",
      storeTokens: false,
      limitRate: false,
    });
    const issued = emulator.tidal!.issueToken({});
    tidal = new PrivateTIDALAPIClient({
      authFlow: "pkce",
      clientId: TIDAL_PKCE_CLIENT_ID,
      redirectUri: "tidal://login/auth",
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      storeTokens: false,
      limitRate: false,
      ...urls(emulator),
    });
  });

  after(async () => {
    await deezer.close();
    await tidal.close();
    await emulator.close();
    rmSync(minimDir, { recursive: true, force: true });
  });

  const check = async (
    client: object,
    groups: readonly string[],
    candidates: readonly unknown[][],
  ): Promise<{ checked: number; missed: string[] }> => {
    emulator.clearRequests();
    const missed: string[] = [];
    let checked = 0;
    for (const [label, target, name] of endpointMethods(client, groups)) {
      for (const [parameter, bad] of [BAD[0]!, BAD[5]!, BAD[10]!]) {
        if (await rejectsOption(target, name, candidates, bad, parameter)) checked++;
        else missed.push(`${label} (${parameter})`);
      }
    }
    return { checked, missed };
  };

  it("Deezer: a ValidationError naming the option, and no request sent", async () => {
    const album = DEEZER_SEED_IDS.ALBUM.breakwater;
    const user = DEEZER_SEED_IDS.USER.main;
    const playlist = DEEZER_SEED_IDS.PLAYLIST.morningCommute;
    const candidates = [
      [],
      [album],
      ["me"],
      [user, album],
      ["me", album],
      [playlist, [album]],
      ["q"],
      ["q", "q"],
      ["012345678905"],
      ["USSM12209515"],
      [album, 3],
    ];
    const { checked, missed } = await check(deezer, DEEZER_GROUPS, candidates);
    assert.deepEqual(missed, []);
    assert.ok(checked > 300, `checked ${checked}`);
    assert.deepEqual(emulator.requests, [], "nothing was sent");
  });

  it("TIDAL: a ValidationError naming the option, and no request sent", async () => {
    const album = TIDAL_SEED.albums.tidewater;
    const uuid = TIDAL_SEED.playlists.roadTrip;
    const mix = TIDAL_SEED.mixes.myMix1;
    const candidates = [
      [],
      [album],
      [uuid],
      [mix],
      [album, album],
      [uuid, uuid],
      ["q"],
      [[album]],
      [[uuid]],
      ["012345678905"],
      ["USSM12209515"],
    ];
    const { checked, missed } = await check(tidal, TIDAL_GROUPS, candidates);
    assert.deepEqual(missed, []);
    assert.ok(checked > 300, `checked ${checked}`);
    assert.deepEqual(emulator.requests, [], "nothing was sent");
  });
});
