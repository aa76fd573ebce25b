/**
 * The endpoints the real Deezer API has beyond upstream minim (deezer.beyond.md), driven through the public
 * surface against the emulator: the request the emulator received, the parsed answer, the checks made before
 * anything is sent, and iteration across pages.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AuthenticationRequiredError,
  MissingPermissionError,
  NotFoundError,
  ValidationError,
} from "../../src/core/errors.js";
import type { DeepReadonly } from "../../src/core/readonly.js";
import { DeezerAPIClient, type DeezerAPIClientOptions } from "../../src/deezer/client.js";
import { deezerQuery } from "../../src/deezer/index.js";
import type { Chart, DeezerPage, Track } from "../../src/deezer/index.js";
import { DEEZER_SEED_IDS, DEFAULT_DEEZER_APP, DeezerState } from "../../src/emulator/deezer/index.js";
import type { RecordedRequest } from "../../src/emulator/types.js";
import { deezerTestEnvironment, REDIRECT } from "./helpers.js";

const { ALBUM, GENRE, PLAYLIST, RADIO } = DEEZER_SEED_IDS;
const CHART_KINDS = ["tracks", "albums", "artists", "playlists", "podcasts"] as const;

// The seed is deterministic; a fresh copy names the codes and ids the constants above do not.
const SEED = new DeezerState();
const SALT = SEED.albums.get(ALBUM.saltInTheEngine)!;
const FIRST_TRACK = SEED.tracks.get(SALT.trackIds[0]!)!;
const COMMUTE = SEED.playlists.get(PLAYLIST.morningCommute)!.tracks.map((t) => t.trackId);
const ROCK_ARTISTS = [...SEED.artists.values()].filter((a) => a.genreId === GENRE.rock).length;
const ROCK_RADIOS = [...SEED.radios.values()].filter((r) => r.genreId === GENRE.rock).length;

const env = deezerTestEnvironment();

function anonymous(options: DeezerAPIClientOptions = {}): DeezerAPIClient {
  return env.anonymous({ enableCache: false, ...options });
}

/** A signed-in client; its permissions are declared, so no permission lookup comes before the call under test. */
function signedIn(
  permissions: Iterable<string> = DeezerAPIClient.resolvePermissions(),
  options: DeezerAPIClientOptions = {},
): DeezerAPIClient {
  return anonymous({
    authFlow: "implicit",
    appId: DEFAULT_DEEZER_APP.appId,
    redirectUri: REDIRECT,
    accessToken: env.emulator.deezer!.issueToken(),
    permissions,
    ...options,
  });
}

function api(): RecordedRequest[] {
  return env.emulator.requestsTo("deezerApi");
}

/** The one request sent since the last reset: its method, path and query without the token. */
function onlyRequest(): { method: string; path: string; query: Record<string, string> } {
  const sent = api();
  assert.equal(sent.length, 1, `exactly one request: ${sent.map((r) => `${r.method} ${r.url}`).join(", ")}`);
  const { method, path, query, status } = sent[0]!;
  assert.equal(status, 200);
  const { access_token: _token, ...rest } = query;
  env.emulator.clearRequests();
  return { method, path, query: rest };
}

async function rejectsUnsent(call: () => Promise<unknown>, parameter: string): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof ValidationError, `expected ValidationError, got ${String(error)}`);
    assert.equal(error.parameter, parameter);
    return true;
  });
  assert.equal(api().length, 0, "nothing was sent");
}

async function rejectsNotFound(call: () => Promise<unknown>, path: string): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof NotFoundError, `expected NotFoundError, got ${String(error)}`);
    assert.equal(error.status, 200, "Deezer answers an unknown code with HTTP 200 and an error body");
    assert.equal(error.code, 800);
    return true;
  });
  assert.equal(onlyRequest().path, path);
}

describe("albums.getAlbumByUpc", () => {
  it("normalises the barcode into GET /album/upc:{upc} and returns the album", async () => {
    const client = anonymous();
    const spaced = `${SALT.upc.slice(0, 4)}-${SALT.upc.slice(4, 8)} ${SALT.upc.slice(8)}`;
    const album = await client.albums.getAlbumByUpc(` ${spaced} `);
    assert.deepEqual(onlyRequest(), { method: "GET", path: `/album/upc:${SALT.upc}`, query: {} });
    assert.equal(album.id, ALBUM.saltInTheEngine);
    assert.equal(album.upc, SALT.upc);
    assert.equal(album.tracks?.data.length, SALT.trackIds.length, "the full album, as GET /album/{id}");

    const byNumber = await client.albums.getAlbumByUpc(Number(SALT.upc));
    assert.equal(onlyRequest().path, `/album/upc:${SALT.upc}`);
    assert.deepEqual(byNumber, album);
  });

  it("turns an unknown barcode into NotFoundError", async () => {
    // A well-formed UPC-A (valid check digit) that no emulated album carries.
    await rejectsNotFound(() => anonymous().albums.getAlbumByUpc("036000291452"), "/album/upc:036000291452");
  });

  it("refuses malformed barcodes before sending", async () => {
    const client = anonymous();
    await rejectsUnsent(() => client.albums.getAlbumByUpc("840007200017"), "upc"); // wrong check digit
    await rejectsUnsent(() => client.albums.getAlbumByUpc("84000720001"), "upc"); // 11 digits
    await rejectsUnsent(() => client.albums.getAlbumByUpc("84000720001A"), "upc");
    await rejectsUnsent(() => client.albums.getAlbumByUpc(""), "upc");
    await rejectsUnsent(() => client.albums.getAlbumByUpc(true as never), "upc");
  });
});

describe("tracks.getTrackByIsrc", () => {
  it("normalises the code into GET /track/isrc:{isrc} and returns the track", async () => {
    const client = anonymous();
    const written = FIRST_TRACK.isrc.toLowerCase().replace(/^(..)(...)(..)/, "$1-$2-$3-");
    const track = await client.tracks.getTrackByIsrc(written);
    assert.deepEqual(onlyRequest(), { method: "GET", path: `/track/isrc:${FIRST_TRACK.isrc}`, query: {} });
    assert.equal(track.id, FIRST_TRACK.id);
    assert.equal(track.isrc, FIRST_TRACK.isrc);
  });

  it("turns an unknown ISRC into NotFoundError", async () => {
    await rejectsNotFound(
      () => anonymous().tracks.getTrackByIsrc("USRC17607839"),
      "/track/isrc:USRC17607839",
    );
  });

  it("refuses malformed codes before sending", async () => {
    const client = anonymous();
    await rejectsUnsent(() => client.tracks.getTrackByIsrc("GBVHR190000"), "isrc"); // 11 characters
    await rejectsUnsent(() => client.tracks.getTrackByIsrc("GBVHR19000011"), "isrc"); // 13 characters
    await rejectsUnsent(() => client.tracks.getTrackByIsrc("GBVHRAB00001"), "isrc"); // letters in the year
    await rejectsUnsent(() => client.tracks.getTrackByIsrc(12 as never), "isrc");
  });
});

describe("playlists.removePlaylistTracks and users.removePlaylistTracks", () => {
  for (const group of ["playlists", "users"] as const) {
    it(`${group}: DELETE /playlist/{id}/tracks?songs=… removes the tracks and answers true`, async () => {
      const client = signedIn();
      const [first, second] = [COMMUTE[1]!, COMMUTE[3]!];
      const answer = await client[group].removePlaylistTracks(PLAYLIST.morningCommute, {
        trackIds: `${first}, ${second}`,
      });
      assert.deepEqual(onlyRequest(), {
        method: "DELETE",
        path: `/playlist/${PLAYLIST.morningCommute}/tracks`,
        query: { songs: `${first},${second}` },
      });
      assert.equal(answer, true);
      assert.deepEqual(
        env.emulator.deezer!.playlist(PLAYLIST.morningCommute)!.trackIds,
        COMMUTE.filter((id) => id !== first && id !== second),
      );
    });
  }

  it("needs delete_library as well as manage_library, and names the method called", async () => {
    const client = signedIn(["basic_access", "manage_library"]);
    await assert.rejects(
      () => client.playlists.removePlaylistTracks(PLAYLIST.morningCommute, { trackIds: [COMMUTE[0]!] }),
      (error: unknown) => {
        assert.ok(error instanceof MissingPermissionError);
        assert.equal(error.method, "playlists.removePlaylistTracks");
        assert.deepEqual(error.missing, ["delete_library"]);
        return true;
      },
    );
    await assert.rejects(
      () => anonymous().users.removePlaylistTracks(PLAYLIST.morningCommute, { trackIds: COMMUTE[0]! }),
      (error: unknown) =>
        error instanceof AuthenticationRequiredError && error.method === "users.removePlaylistTracks",
    );
    assert.equal(api().length, 0, "nothing was sent");
  });

  it("checks the playlist id and the track list before sending", async () => {
    const client = signedIn();
    await rejectsUnsent(
      () => client.playlists.removePlaylistTracks(PLAYLIST.morningCommute, { trackIds: [] }),
      "trackIds",
    );
    await rejectsUnsent(
      () => client.playlists.removePlaylistTracks(PLAYLIST.morningCommute, { trackIds: "1,x" }),
      "trackIds",
    );
    await rejectsUnsent(() => client.users.removePlaylistTracks("me", { trackIds: 1 }), "playlistId");
  });
});

describe("charts.getChart", () => {
  function assertChart(chart: DeepReadonly<Chart>, limit: number): void {
    for (const kind of CHART_KINDS) {
      const page = chart[kind] as DeepReadonly<DeezerPage<unknown>>;
      assert.ok(Array.isArray(page.data), `${kind} is a page`);
      assert.ok(page.data.length <= limit, `${kind} holds at most ${limit}`);
    }
  }

  it("sends GET /chart/0 by default and returns every kind", async () => {
    const chart = await anonymous().charts.getChart();
    assert.deepEqual(onlyRequest(), { method: "GET", path: "/chart/0", query: {} });
    assertChart(chart, 10);
    assert.ok(chart.tracks.data.length > 0);
  });

  it("sends a genre's chart with limit and index, and the bare GET /chart for null", async () => {
    const client = anonymous();
    const rock = await client.charts.getChart(GENRE.rock, { limit: 2, offset: 1 });
    assert.deepEqual(onlyRequest(), {
      method: "GET",
      path: `/chart/${GENRE.rock}`,
      query: { limit: "2", index: "1" },
    });
    assertChart(rock, 2);
    const all = await client.charts.getChart(0, { limit: 50 });
    onlyRequest();
    const rockAlbums = new Set(
      [...SEED.albums.values()].filter((a) => a.genreId === GENRE.rock).map((a) => a.id),
    );
    assert.ok(
      rock.albums.data.every((a) => rockAlbums.has(a.id)),
      "only the genre's albums",
    );
    assert.notDeepEqual(rock.albums.data, all.albums.data.slice(1, 3), "not the overall chart");

    const bare = await client.charts.getChart(null);
    assert.deepEqual(onlyRequest(), { method: "GET", path: "/chart", query: {} });
    assert.deepEqual(bare, await client.charts.getChart(0));
  });

  it("checks the genre id and paging before sending", async () => {
    const client = anonymous();
    await rejectsUnsent(() => client.charts.getChart("rock" as never), "genreId");
    await rejectsUnsent(() => client.charts.getChart(GENRE.rock, { limit: 0 }), "limit");
  });
});

describe("chart lists of a genre (genreId option)", () => {
  const methods = {
    tracks: "getTopTracks",
    albums: "getTopAlbums",
    artists: "getTopArtists",
    playlists: "getTopPlaylists",
    podcasts: "getTopPodcasts",
  } as const;

  for (const [kind, method] of Object.entries(methods)) {
    it(`charts.${method} and ${kind}.${method} send GET /chart/{genreId}/${kind}`, async () => {
      const client = anonymous();
      for (const group of ["charts", kind] as const) {
        const target = client[group as "charts"];
        await target[method as "getTopAlbums"]({ genreId: GENRE.rock, limit: 2, offset: 1 });
        assert.deepEqual(onlyRequest(), {
          method: "GET",
          path: `/chart/${GENRE.rock}/${kind}`,
          query: { limit: "2", index: "1" },
        });
        await target[method as "getTopAlbums"]();
        assert.deepEqual(
          onlyRequest(),
          { method: "GET", path: `/chart/0/${kind}`, query: {} },
          "without a genre: exactly the request sent before the option existed",
        );
      }
    });
  }

  it("iterates a genre's chart across pages", async () => {
    const client = anonymous();
    const whole = await client.charts.getTopTracks({ genreId: GENRE.rock, limit: 100 });
    onlyRequest();
    assert.ok(whole.data.length > 2, "enough entries to need several pages");
    const walked = await client.tracks.getTopTracks({ genreId: GENRE.rock, limit: 2 }).toArray();
    assert.deepEqual(
      walked.map((t) => t.id),
      whole.data.map((t) => t.id),
    );
    const sent = api();
    assert.equal(sent.length, Math.ceil(whole.data.length / 2));
    assert.ok(sent.every((r) => r.path === `/chart/${GENRE.rock}/tracks`));
  });

  it("checks the genre id before sending", async () => {
    await rejectsUnsent(() => anonymous().albums.getTopAlbums({ genreId: "1.5" }), "genreId");
  });
});

describe("search.search", () => {
  it("sends GET /search with q, strict=on, order, limit and index", async () => {
    const client = anonymous();
    const q = deezerQuery({ artist: "Velvet Harbor" });
    const page = await client.search.search(q, { strict: true, order: "duration_desc", limit: 3, offset: 1 });
    assert.deepEqual(onlyRequest(), {
      method: "GET",
      path: "/search",
      query: { q: 'artist:"Velvet Harbor"', strict: "on", order: "DURATION_DESC", limit: "3", index: "1" },
    });
    assert.equal(page.data.length, 3);
    const durations = page.data.map((t) => t.duration ?? 0);
    assert.deepEqual(
      durations,
      [...durations].sort((a, b) => b - a),
      "longest first",
    );
    assert.ok(page.data.every((t: DeepReadonly<Track>) => t.type === "track"));
  });

  it("takes the order as sortBy and descending too, and the order option on every search", async () => {
    const client = anonymous();
    await client.search.search("harbor", { sortBy: "track", descending: true });
    assert.deepEqual(onlyRequest().query, { q: "harbor", order: "TRACK_DESC" });
    await client.search.searchAlbums("harbor", { order: "RANKING" });
    assert.deepEqual(onlyRequest(), {
      method: "GET",
      path: "/search/album",
      query: { q: "harbor", order: "RANKING" },
    });
    await client.search.search("harbor");
    assert.deepEqual(onlyRequest().query, { q: "harbor" });
  });

  it("iterates the results across pages", async () => {
    const client = anonymous();
    const q = deezerQuery({ artist: "Velvet Harbor" });
    const whole = await client.search.search(q, { limit: 100 });
    onlyRequest();
    assert.ok(whole.data.length > 3);
    const walked = await client.search.search(q, { limit: 3 }).toArray();
    assert.deepEqual(
      walked.map((t) => t.id),
      whole.data.map((t) => t.id),
    );
    assert.equal(api().length, Math.ceil(whole.data.length / 3));
  });

  it("refuses a blank query, an unknown order, and order mixed with sortBy", async () => {
    const client = anonymous();
    await rejectsUnsent(() => client.search.search("  "), "query");
    await rejectsUnsent(() => client.search.search("x", { order: "FASTEST" as never }), "order");
    await rejectsUnsent(() => client.search.search("x", { order: "TRACK_ASC", sortBy: "TRACK" }), "order");
    await rejectsUnsent(
      () => client.search.searchTracks("x", { order: "RANKING", descending: false }),
      "order",
    );
  });
});

describe("radios.getAllRadios", () => {
  it("sends GET /radio and returns every radio without a total", async () => {
    const list = await anonymous().radios.getAllRadios();
    assert.deepEqual(onlyRequest(), { method: "GET", path: "/radio", query: {} });
    assert.deepEqual(list.data.map((r) => r.id).sort(), [...SEED.radios.keys()].sort());
    assert.equal((list as { total?: unknown }).total, undefined);
    assert.ok(list.data.some((r) => r.id === RADIO.popMix && r.type === "radio"));
  });
});

describe("genres.getGenreArtists and getGenreRadios with paging", () => {
  const cases = [
    { kind: "artists", get: "getGenreArtists", count: ROCK_ARTISTS },
    { kind: "radios", get: "getGenreRadios", count: ROCK_RADIOS },
  ] as const;

  for (const { kind, get, count } of cases) {
    it(`${get}: unchanged without paging, limit/index with it`, async () => {
      const client = anonymous();
      const all = await client.genres[get](GENRE.rock);
      assert.deepEqual(onlyRequest(), { method: "GET", path: `/genre/${GENRE.rock}/${kind}`, query: {} });
      assert.equal(all.data.length, count);

      const fromStart = await client.genres[get](GENRE.rock, { offset: 0 });
      assert.deepEqual(onlyRequest().query, { index: "0" }, "as the recordings send it");
      assert.deepEqual(fromStart, all);

      const second = await client.genres[get](GENRE.rock, { limit: 1, offset: 1 });
      assert.deepEqual(onlyRequest().query, { limit: "1", index: "1" });
      assert.deepEqual(second.data, all.data.slice(1, 2));
    });

    it(`${get}: iterated, one page when Deezer sends no next link`, async () => {
      const client = anonymous();
      const items = await client.genres[get](GENRE.rock).toArray();
      assert.equal(items.length, count);
      assert.equal(api().length, 1);
    });

    it(`${get}: iterated, follows a next link when one is sent`, async () => {
      const path = `/genre/${GENRE.electro}/${kind}`;
      const first = { data: [{ id: 1 }, { id: 2 }], next: `https://api.deezer.com${path}?limit=2&index=2` };
      const second = { data: [{ id: 3 }] };
      const replay = env.emulator.replay("deezerApi", [
        {
          method: "GET",
          path,
          query: { limit: "2" },
          response: { status: 200, body: JSON.stringify(first) },
        },
        {
          method: "GET",
          path,
          query: { limit: "2", index: "2" },
          response: { status: 200, body: JSON.stringify(second) },
        },
      ]);
      try {
        const items = await anonymous().genres[get](GENRE.electro, { limit: 2 }).toArray();
        assert.deepEqual(
          items.map((i) => i.id),
          [1, 2, 3],
        );
      } finally {
        replay.remove();
      }
      assert.deepEqual(replay.unmatched, []);
      assert.equal(replay.remaining, 0);
    });
  }

  it("checks paging before sending", async () => {
    const client = anonymous();
    await rejectsUnsent(() => client.genres.getGenreArtists(GENRE.rock, { offset: -1 }), "offset");
    await rejectsUnsent(() => client.genres.getGenreRadios(GENRE.rock, { limit: 1.5 }), "limit");
  });
});

describe("users.getUserOptions and its alias getUserEntitlements", () => {
  it("sends GET /options and returns the options object", async () => {
    const client = signedIn();
    const options = await client.users.getUserOptions();
    assert.deepEqual(onlyRequest(), { method: "GET", path: "/options", query: {} });
    assert.equal(options.type, "options");
    assert.deepEqual(await client.users.getUserEntitlements(), options);
    assert.deepEqual(onlyRequest(), { method: "GET", path: "/options", query: {} });
  });

  it("shares one cache entry, which either name clears", async () => {
    const client = signedIn(undefined, { enableCache: true });
    await client.users.getUserOptions();
    await client.users.getUserEntitlements("me");
    assert.equal(api().length, 1, "the alias answered from the entry of getUserOptions");

    client.clearCache("users.getUserEntitlements");
    await client.users.getUserOptions();
    assert.equal(api().length, 2, "clearing the alias cleared getUserOptions");

    client.clearCache(client.users.getUserOptions);
    await client.users.getUserEntitlements();
    assert.equal(api().length, 3);
  });

  it('needs a user, names the method called, and takes only "me"', async () => {
    const client = anonymous();
    for (const [call, name] of [
      [() => client.users.getUserOptions(), "users.getUserOptions"],
      [() => client.users.getUserEntitlements(), "users.getUserEntitlements"],
    ] as const) {
      await assert.rejects(call, (error: unknown) => {
        assert.ok(error instanceof AuthenticationRequiredError);
        assert.equal(error.method, name);
        return true;
      });
    }
    await rejectsUnsent(() => signedIn().users.getUserEntitlements(12345), "userId");
  });
});
