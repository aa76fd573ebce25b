/**
 * Contract tests of the endpoints beyond upstream (deezer.beyond.md): every recording holding one of their
 * requests is replayed by the emulator and the method that produces each recorded request is called. The client
 * must send only the recorded requests (the scrubbed access token aside) and return the recorded bodies, parsed.
 *
 * deezer-python's ordering recordings send `ordering=`, a parameter Deezer does not document; the client sends
 * Deezer's `order` instead, so those requests cannot be reproduced as recorded. Their answers are in plain
 * ranking order, which shows Deezer ignored the parameter; they are replayed below with it left out of the match.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { deezerQuery, type DeezerQueryFields, type SearchOptions } from "../../src/deezer/index.js";
import {
  FIXTURES_DIR,
  listCassetteFiles,
  loadCassette,
  type Cassette,
  type CassetteInteraction,
} from "../helpers/cassettes.js";
import { replayExactly } from "../helpers/replay.js";
import { contractEnvironment, pageOptions, type ContractClients } from "./helpers.js";

interface Step {
  call: (clients: ContractClients) => Promise<unknown>;
  /** What the call must return, from the recorded body; the body itself when absent. */
  expected?: (body: unknown) => unknown;
}

/** Requests only the methods of deezer.beyond.md produce. */
const BEYOND: RegExp[] = [
  /^GET \/album\/upc:/,
  /^GET \/track\/isrc:/,
  /^DELETE \/playlist\/\d+\/tracks$/,
  /^GET \/chart(\/\d+)?$/,
  /^GET \/chart\/\d+\/\w+$/,
  /^GET \/search$/,
  /^GET \/radio$/,
  /^GET \/genre\/\d+\/(artists|radios)$/,
  /^GET \/options$/,
];

/** Recordings whose `q` is advanced syntax: the replay writes it with deezerQuery, which must give the same. */
const ADVANCED: Record<string, DeezerQueryFields> = {
  'artist:"Lou Doillon"': { artist: "Lou Doillon" },
  'artist:"Lou Doillon" album:"Lay Low"': { artist: "Lou Doillon", album: "Lay Low" },
  'artist:"Lou Doillon" track:"Joke"': { artist: "Lou Doillon", track: "Joke" },
};

/** Recordings deezer.beyond.md cites by name; each must be among those replayed. */
const CITED = [
  "TestPlaylist.test_delete_tracks",
  "TestClient.test_get_overall_chart",
  "TestClient.test_get_chart",
  "TestClient.test_get_albums_chart",
  "TestClient.test_get_artists_chart",
  "TestClient.test_get_playlists_chart",
  "TestClient.test_get_podcasts_chart",
  "TestClient.test_get_tracks_chart",
  "TestClient.test_search_simple",
  "TestClient.test_search_strict",
  "TestClient.test_search_pagination[params0-2]",
  "TestClient.test_search_pagination[params1-3]",
  "TestClient.test_search_pagination[params2-4]",
  "TestClient.test_search_advanced_simple",
  "TestClient.test_search_advanced_multiple",
  "TestClient.test_advanced_search_invalid",
  "TestClient.test_advanced_search_complex_with_relation",
  "TestClient.test_list_radios",
  "TestGenre.test_get_artists",
  "TestGenre.test_get_radios",
];

const ORDERING = /^TestClient\.test_search_results_ordering\[/;

function searchOptions(query: Record<string, string>): SearchOptions {
  const options: SearchOptions = pageOptions(query);
  if (query["strict"] === "on") options.strict = true;
  if (query["order"] !== undefined) options.order = query["order"] as SearchOptions["order"];
  return options;
}

function searchQuery(recorded: string): string {
  const fields = ADVANCED[recorded];
  return fields === undefined ? recorded : deezerQuery(fields);
}

function lineOf(interaction: CassetteInteraction): string {
  return `${interaction.method} ${interaction.path}`;
}

function dataOf(body: unknown): unknown {
  return (body as { data: unknown }).data;
}

/** The client call that sends exactly this recorded request, or undefined when none does. */
function stepFor(interaction: CassetteInteraction): Step | undefined {
  const line = lineOf(interaction);
  const query = interaction.query;
  const page = pageOptions(query);
  let m: RegExpExecArray | null;

  if (line === "GET /chart") return { call: (c) => c.anonymous.charts.getChart(null, page) };
  if ((m = /^GET \/chart\/(\d+)$/.exec(line))) {
    const genreId = Number(m[1]);
    return { call: (c) => c.anonymous.charts.getChart(genreId, page) };
  }
  if ((m = /^GET \/chart\/(\d+)\/(albums|artists|playlists|podcasts|tracks)$/.exec(line))) {
    const genreId = Number(m[1]);
    const kind = m[2]!;
    const method = `getTop${kind[0]!.toUpperCase()}${kind.slice(1)}` as "getTopAlbums";
    return { call: (c) => c.anonymous.charts[method]({ genreId, ...page }) };
  }
  if (line === "GET /search" && query["ordering"] === undefined) {
    const q = searchQuery(query["q"]!);
    const options = searchOptions(query);
    return { call: (c) => c.anonymous.search.search(q, options) };
  }
  if (line === "GET /search/track") {
    const q = searchQuery(query["q"]!);
    const options = searchOptions(query);
    return { call: (c) => c.anonymous.search.searchTracks(q, options) };
  }
  if (line === "GET /radio") return { call: (c) => c.anonymous.radios.getAllRadios() };
  if ((m = /^GET \/genre\/(\d+)$/.exec(line))) {
    const genreId = Number(m[1]);
    return { call: (c) => c.anonymous.genres.getGenre(genreId) };
  }
  if ((m = /^GET \/genre\/(\d+)\/(artists|radios)$/.exec(line))) {
    const genreId = Number(m[1]);
    const artists = m[2] === "artists";
    if (query["index"] === undefined) {
      return {
        call: (c) =>
          artists ? c.anonymous.genres.getGenreArtists(genreId) : c.anonymous.genres.getGenreRadios(genreId),
      };
    }
    // deezer-python walked these lists from index 0: iterating sends the same first request.
    return {
      call: (c) =>
        (artists
          ? c.anonymous.genres.getGenreArtists(genreId, page)
          : c.anonymous.genres.getGenreRadios(genreId, page)
        ).toArray(),
      expected: dataOf,
    };
  }
  if ((m = /^GET \/playlist\/(\d+)$/.exec(line))) {
    const playlistId = Number(m[1]);
    return { call: (c) => c.user.playlists.getPlaylist(playlistId, page) };
  }
  if ((m = /^GET \/track\/(\d+)$/.exec(line))) {
    const trackId = Number(m[1]);
    return { call: (c) => c.user.tracks.getTrack(trackId) };
  }
  if ((m = /^DELETE \/playlist\/(\d+)\/tracks$/.exec(line))) {
    const playlistId = Number(m[1]);
    const trackIds = query["songs"]!.split(",").map(Number);
    return { call: (c) => c.user.playlists.removePlaylistTracks(playlistId, { trackIds }) };
  }
  return undefined;
}

const CASSETTES: Cassette[] = listCassetteFiles(join(FIXTURES_DIR, "deezer")).map(loadCassette);
const byName = new Map(CASSETTES.map((c) => [c.name, c]));
const REPLAYED = CASSETTES.filter(
  (c) =>
    !ORDERING.test(c.name) &&
    (CITED.includes(c.name) || c.interactions.some((i) => BEYOND.some((p) => p.test(lineOf(i))))),
);
const ORDERED = CASSETTES.filter((c) => ORDERING.test(c.name));

describe("contract: recorded traffic of the endpoints beyond upstream", () => {
  const env = contractEnvironment();

  it("replays every recording deezer.beyond.md cites", () => {
    const replayed = new Set(REPLAYED.map((c) => c.name));
    for (const name of CITED) {
      assert.ok(byName.has(name), `${name} is in the fixtures`);
      assert.ok(replayed.has(name), `${name} is replayed`);
    }
    assert.equal(ORDERED.length, 11, "one ordering recording per order Deezer knows");
  });

  for (const cassette of REPLAYED) {
    it(cassette.id, async () => {
      const steps = cassette.interactions.map((interaction) => {
        const step = stepFor(interaction);
        assert.ok(step, `a method sends ${interaction.method} ${interaction.uri}`);
        return { interaction, step };
      });
      await replayExactly(env.emulator, "deezerApi", cassette.interactions, async () => {
        for (const { interaction, step } of steps) {
          const body: unknown = JSON.parse(interaction.body);
          assert.deepEqual(await step.call(env.clients), step.expected ? step.expected(body) : body);
        }
      });
    });
  }

  describe("deezer-python's undocumented ordering= parameter", () => {
    const simple = byName.get("TestClient.test_search_simple")!;
    const rankingIds = (dataOf(JSON.parse(simple.interactions[0]!.body)) as { id: number }[]).map(
      (t) => t.id,
    );

    for (const cassette of ORDERED) {
      it(`${cassette.id}: answered in ranking order, replayed as an unordered search`, async () => {
        assert.equal(cassette.interactions.length, 1);
        const interaction = cassette.interactions[0]!;
        const body = JSON.parse(interaction.body) as { data: { id: number }[] };
        assert.deepEqual(
          body.data.map((t) => t.id),
          rankingIds,
          "Deezer ignored ordering=: the same tracks in the same order as without it",
        );
        assert.ok(interaction.query["ordering"] !== undefined && interaction.query["order"] === undefined);

        await replayExactly(
          env.emulator,
          "deezerApi",
          [interaction],
          async () => {
            assert.deepEqual(await env.clients.anonymous.search.search(interaction.query["q"]!), body);
          },
          { ignoreParams: ["access_token", "ordering"] },
        );
        const sent = env.emulator.requests[0]!;
        assert.deepEqual(sent.query, { q: interaction.query["q"] }, "neither ordering nor order was sent");
      });
    }
  });
});
