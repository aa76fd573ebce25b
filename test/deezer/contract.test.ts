/**
 * Contract tests: every recorded exchange with api.deezer.com under test/fixtures/deezer is replayed by the
 * emulator, and the client method that produces the recorded request is called. The emulator must see no request
 * the recording does not hold, and the recorded body must come back parsed (or as the right typed error).
 * Recorded requests no method of the seed surface can produce are listed with the reason, except those the methods
 * of deezer.beyond.md produce: contract-beyond.test.ts replays them.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { APIError, BadRequestError, NotFoundError } from "../../src/core/errors.js";
import type { SearchOptions } from "../../src/deezer/options.js";
import {
  FIXTURES_DIR,
  listCassetteFiles,
  loadCassette,
  type Cassette,
  type CassetteInteraction,
} from "../helpers/cassettes.js";
import { replayExactly } from "../helpers/replay.js";
import { contractEnvironment, pageOptions, type ContractClients } from "./helpers.js";

type Call = (clients: ContractClients) => Promise<unknown>;
type Plan = { call: Call } | { skip: string } | { elsewhere: string };

const BEYOND_TEST = "contract-beyond.test.ts";

/** Requests only the methods of deezer.beyond.md send; contract-beyond.test.ts replays them. */
const ELSEWHERE: RegExp[] = [
  /^GET \/chart$/,
  /^GET \/chart\/\d+$/,
  /^GET \/chart\/[1-9]\d*\/\w+$/,
  /^GET \/radio$/,
  /^DELETE \/playlist\/\d+\/tracks$/,
];

/** Reasons why a recorded request cannot be produced by any method. */
const SKIPS: [RegExp, string][] = [
  [
    /^GET \/search$/,
    "deezer-python's own `ordering=` parameter, which Deezer does not document (the client sends `order`); " +
      `the answers are in plain ranking order, so ${BEYOND_TEST} replays them as an unordered search with ordering= left out of the match`,
  ],
  [
    /^GET \/does-not-exists$/,
    "no method requests an unknown path; the adapter's handling of this 404 body is pinned in wire.test.ts",
  ],
];

function searchOptions(query: Record<string, string>): SearchOptions {
  const options: SearchOptions = pageOptions(query);
  if (query["strict"] === "on") options.strict = true;
  const order = query["order"];
  if (order !== undefined) {
    const [field, direction] = order.split("_");
    options.sortBy = field;
    options.descending = direction === "DESC";
  }
  return options;
}

function hasOnly(query: Record<string, string>, ...names: string[]): boolean {
  return Object.keys(query).every((name) => name === "access_token" || names.includes(name));
}

/** The client call that sends exactly this recorded request. */
function planFor(interaction: CassetteInteraction): Plan {
  const { method, path } = interaction;
  const query = interaction.query;
  const line = `${method} ${path}`;
  if (line === "GET /search" && query["ordering"] === undefined) return { elsewhere: BEYOND_TEST };
  for (const pattern of ELSEWHERE) if (pattern.test(line)) return { elsewhere: BEYOND_TEST };
  for (const [pattern, reason] of SKIPS) if (pattern.test(line)) return { skip: reason };
  const page = pageOptions(query);
  const user = (id: string): string | number => (id === "me" ? "me" : Number(id));
  let m: RegExpExecArray | null;

  if ((m = /^GET \/album\/(-?\d+)$/.exec(line))) {
    const id = Number(m[1]);
    return { call: (c) => c.anonymous.albums.getAlbum(id, page) };
  }
  if ((m = /^GET \/album\/(\d+)\/tracks$/.exec(line))) {
    const id = m[1]!;
    return { call: (c) => c.anonymous.albums.getAlbumTracks(id, page) };
  }
  if ((m = /^GET \/artist\/(-?\d+)$/.exec(line))) {
    const id = Number(m[1]);
    return { call: (c) => c.anonymous.artists.getArtist(id) };
  }
  if ((m = /^GET \/artist\/(\d+)\/(albums|top|related|radio|playlists)$/.exec(line))) {
    const id = Number(m[1]);
    const method = {
      albums: "getArtistAlbums",
      top: "getArtistTopTracks",
      related: "getSimilarArtists",
      radio: "getArtistRadioTracks",
      playlists: "getArtistPlaylists",
    }[m[2] as "albums"] as "getArtistAlbums";
    return { call: (c) => c.anonymous.artists[method](id, page) };
  }
  if ((m = /^GET \/chart\/0\/(albums|artists|playlists|podcasts|tracks)$/.exec(line))) {
    const kind = m[1]!;
    const method = `getTop${kind[0]!.toUpperCase()}${kind.slice(1)}` as "getTopAlbums";
    return { call: (c) => c.anonymous.charts[method](page) };
  }
  if (line === "GET /editorial") return { call: (c) => c.anonymous.editorial.getEditorial(null, page) };
  if ((m = /^GET \/editorial\/(-?\d+)$/.exec(line)) && hasOnly(query)) {
    const id = Number(m[1]);
    return { call: (c) => c.anonymous.editorial.getEditorial(id) };
  }
  if ((m = /^GET \/editorial\/(\d+)\/(charts|releases|selection)$/.exec(line))) {
    const id = Number(m[1]);
    const kind = m[2]!;
    if (kind === "charts") return { call: (c) => c.anonymous.editorial.getEditorialCharts(id, page) };
    if (kind === "releases") return { call: (c) => c.anonymous.editorial.getEditorialReleases(id, page) };
    return { call: (c) => c.anonymous.editorial.getEditorialAlbums(id) };
  }
  if ((m = /^GET \/episode\/(-?\d+)$/.exec(line))) {
    const id = Number(m[1]);
    return { call: (c) => c.anonymous.episodes.getEpisode(id) };
  }
  if ((m = /^POST \/episode\/(\d+)\/bookmark$/.exec(line))) {
    const id = Number(m[1]);
    const position = Number(query["offset"]);
    return { call: (c) => c.user.episodes.setEpisodeResumePoint(id, { position }) };
  }
  if ((m = /^DELETE \/episode\/(\d+)\/bookmark$/.exec(line))) {
    const id = Number(m[1]);
    return { call: (c) => c.user.episodes.removeEpisodeResumePoint(id) };
  }
  if (line === "GET /genre") return { call: (c) => c.anonymous.genres.getGenre() };
  if ((m = /^GET \/genre\/(-?\d+)$/.exec(line))) {
    const id = Number(m[1]);
    return { call: (c) => c.anonymous.genres.getGenre(id) };
  }
  if ((m = /^GET \/genre\/(\d+)\/(artists|radios|podcasts)$/.exec(line))) {
    const id = Number(m[1]);
    const kind = m[2]!;
    if (kind === "podcasts") return { call: (c) => c.anonymous.genres.getGenrePodcasts(id, page) };
    if (!hasOnly(query)) return { elsewhere: BEYOND_TEST };
    if (kind === "artists") return { call: (c) => c.anonymous.genres.getGenreArtists(id) };
    return { call: (c) => c.anonymous.genres.getGenreRadios(id) };
  }
  if ((m = /^GET \/playlist\/(-?\d+)$/.exec(line))) {
    const id = Number(m[1]);
    return { call: (c) => (query["access_token"] ? c.user : c.anonymous).playlists.getPlaylist(id, page) };
  }
  if ((m = /^GET \/playlist\/(\d+)\/(fans|tracks)$/.exec(line))) {
    const id = Number(m[1]);
    if (m[2] === "fans") return { call: (c) => c.anonymous.playlists.getPlaylistFans(id, page) };
    return { call: (c) => c.anonymous.playlists.getPlaylistTracks(id, page) };
  }
  if ((m = /^POST \/playlist\/(\d+)\/seen$/.exec(line))) {
    const id = Number(m[1]);
    return { call: (c) => c.user.playlists.markPlaylistSeen(id) };
  }
  if ((m = /^POST \/playlist\/(\d+)\/tracks$/.exec(line))) {
    const id = Number(m[1]);
    if (query["songs"] !== undefined) {
      const trackIds = query["songs"].split(",").map(Number);
      return { call: (c) => c.user.playlists.addPlaylistTracks(id, { trackIds }) };
    }
    const order = query["order"]!;
    return { call: (c) => c.user.playlists.reorderPlaylistTracks(id, { trackIds: order }) };
  }
  if ((m = /^DELETE \/playlist\/(\d+)$/.exec(line))) {
    const id = m[1]!;
    return { call: (c) => c.user.playlists.deletePlaylist(id) };
  }
  if ((m = /^GET \/podcast\/(-?\d+)$/.exec(line))) {
    const id = Number(m[1]);
    return { call: (c) => c.anonymous.podcasts.getPodcast(id) };
  }
  if ((m = /^GET \/podcast\/(\d+)\/episodes$/.exec(line))) {
    const id = Number(m[1]);
    return { call: (c) => c.anonymous.podcasts.getPodcastEpisodes(id, page) };
  }
  if (line === "GET /radio/top") return { call: (c) => c.anonymous.radios.getTopRadios(page) };
  if ((m = /^GET \/radio\/(-?\d+)$/.exec(line))) {
    const id = Number(m[1]);
    return { call: (c) => c.anonymous.radios.getRadio(id) };
  }
  if ((m = /^GET \/radio\/(\d+)\/tracks$/.exec(line))) {
    const id = Number(m[1]);
    return { call: (c) => c.anonymous.radios.getRadioTracks(id, page) };
  }
  if ((m = /^GET \/search\/(album|artist|playlist|podcast|radio|track|user)$/.exec(line))) {
    const kind = m[1]!;
    const method = `search${kind[0]!.toUpperCase()}${kind.slice(1)}s` as "searchAlbums";
    const q = query["q"]!;
    const options = searchOptions(query);
    return { call: (c) => c.anonymous.search[method](q, options) };
  }
  if ((m = /^GET \/track\/(-?\d+)$/.exec(line))) {
    const id = Number(m[1]);
    return { call: (c) => (query["access_token"] ? c.user : c.anonymous).tracks.getTrack(id) };
  }
  if ((m = /^GET \/user\/(me|-?\d+)$/.exec(line))) {
    const id = user(m[1]!);
    // Recorded without a token: a public read, which an anonymous client makes (contract-public.test.ts).
    return { call: (c) => (query["access_token"] ? c.user : c.anonymous).users.getUser(id) };
  }
  if (
    (m = /^GET \/user\/(me|\d+)\/(albums|artists|tracks|followers|followings|playlists|flow|history)$/.exec(
      line,
    ))
  ) {
    const id = user(m[1]!);
    const users = (c: ContractClients) => (query["access_token"] ? c.user : c.anonymous).users;
    switch (m[2]) {
      case "albums":
        return { call: (c) => users(c).getUserSavedAlbums(id, page) };
      case "artists":
        return { call: (c) => users(c).getUserFollowedArtists(id, page) };
      case "tracks":
        return { call: (c) => users(c).getUserSavedTracks(id, page) };
      case "followers":
        return { call: (c) => users(c).getUserFollowers(id, page) };
      case "followings":
        return { call: (c) => users(c).getUserFollowings(id, page) };
      case "playlists":
        return { call: (c) => users(c).getUserPlaylists(id, page) };
      case "flow":
        return { call: (c) => users(c).getUserMixTracks(id) };
      default:
        return { call: (c) => users(c).getUserRecentlyPlayed(id, page) };
    }
  }
  if ((m = /^GET \/user\/(me|\d+)\/recommendations\/(albums|artists|playlists|tracks)$/.exec(line))) {
    const id = user(m[1]!);
    switch (m[2]) {
      case "albums":
        return { call: (c) => c.user.albums.getUserAlbumRecommendations(id, page) };
      case "artists":
        return { call: (c) => c.user.artists.getUserArtistRecommendations(id, page) };
      case "playlists":
        return { call: (c) => c.user.playlists.getUserPlaylistRecommendations(id, page) };
      default:
        return { call: (c) => c.user.tracks.getUserTrackRecommendations(id) };
    }
  }
  if ((m = /^(POST|DELETE) \/user\/(me|\d+)\/(albums|artists|tracks|playlists|followings)$/.exec(line))) {
    const add = m[1] === "POST";
    const userId = user(m[2]!);
    const options = { userId };
    switch (m[3]) {
      case "albums": {
        const id = query["album_id"]!;
        return {
          call: (c) =>
            add ? c.user.albums.saveAlbums(id, options) : c.user.albums.removeSavedAlbum(id, options),
        };
      }
      case "artists": {
        const id = Number(query["artist_id"]);
        return {
          call: (c) =>
            add ? c.user.artists.followArtists([id], options) : c.user.artists.unfollowArtist(id, options),
        };
      }
      case "tracks": {
        const id = Number(query["track_id"]);
        return {
          call: (c) =>
            add ? c.user.tracks.saveTracks(id, options) : c.user.tracks.removeSavedTrack(id, options),
        };
      }
      case "playlists": {
        const title = query["title"];
        if (add && title !== undefined)
          return { call: (c) => c.user.playlists.createPlaylist({ name: title, userId }) };
        const id = Number(query["playlist_id"]);
        return {
          call: (c) =>
            add
              ? c.user.playlists.followPlaylists(id, options)
              : c.user.playlists.unfollowPlaylist(id, options),
        };
      }
      default: {
        const id = Number(query["user_id"]);
        return {
          call: (c) => (add ? c.user.users.followUser(id, options) : c.user.users.unfollowUser(id, options)),
        };
      }
    }
  }
  return { skip: "NO MAPPING" };
}

/** Cassettes whose point is pagination: replayed through the iterator, which must follow the recorded links. */
const ITERATED: Record<string, Call> = {
  "TestPaginatedList.test_iterate": (c) => c.anonymous.artists.getArtistAlbums(27).toArray(),
  "TestPaginatedList.test_slicing_no_end": (c) => c.anonymous.artists.getArtistAlbums("27").toArray(),
  "TestPaginatedList.test_authenticated_requests": (c) =>
    c.user.users.getUserSavedTracks("me", { limit: 2 }).toArray(),
};

function expectedError(body: unknown): typeof APIError | undefined {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error !== "object" || error === null || Array.isArray(error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (code === 800) return NotFoundError;
  if (code === 500) return BadRequestError;
  if (code === undefined) return APIError;
  throw new Error(`no expectation for Deezer error code ${String(code)}`);
}

async function verify(call: Call, clients: ContractClients, interaction: CassetteInteraction): Promise<void> {
  const body: unknown = JSON.parse(interaction.body);
  const Class = expectedError(body);
  if (Class === undefined) {
    assert.deepEqual(await call(clients), body);
    return;
  }
  await assert.rejects(
    () => call(clients),
    (error: unknown) => {
      assert.equal((error as object).constructor, Class);
      assert.equal((error as APIError).status, interaction.status);
      assert.deepEqual((error as APIError).body, body);
      return true;
    },
  );
}

const CASSETTES: Cassette[] = listCassetteFiles(join(FIXTURES_DIR, "deezer")).map(loadCassette);
const unreproducible: string[] = [];

describe("contract: recorded Deezer traffic", () => {
  const env = contractEnvironment();

  after(() => {
    if (unreproducible.length > 0) {
      console.log(
        `Recorded requests the seed surface cannot produce (${unreproducible.length}):\n  ${unreproducible.join("\n  ")}`,
      );
    }
  });

  it("finds both recording folders", () => {
    const folders = new Set(CASSETTES.map((c) => c.id.split("/").slice(0, -1).join("/")));
    assert.deepEqual([...folders].sort(), [
      "deezer/deezer-python/cassettes",
      "deezer/deezer-python/resources-cassettes",
    ]);
    assert.ok(CASSETTES.length >= 170);
  });

  for (const cassette of CASSETTES) {
    it(cassette.id, async () => {
      const iterated = ITERATED[cassette.name];
      const plans = cassette.interactions.map((interaction) => ({ interaction, plan: planFor(interaction) }));
      for (const { plan } of plans)
        assert.ok(!("skip" in plan) || plan.skip !== "NO MAPPING", "every request is mapped or explained");
      const replayed = plans.filter((p) => "call" in p.plan).map((p) => p.interaction);
      for (const { interaction, plan } of plans) {
        if ("skip" in plan)
          unreproducible.push(`${cassette.name}: ${interaction.method} ${interaction.uri} — ${plan.skip}`);
      }
      await replayExactly(env.emulator, "deezerApi", replayed, async () => {
        const clients = env.clients;
        if (iterated) {
          const items = await iterated(clients);
          const recorded = replayed.flatMap((i) => (JSON.parse(i.body) as { data: unknown[] }).data);
          assert.deepEqual(items, recorded);
        } else {
          for (const { interaction, plan } of plans) {
            if ("call" in plan) await verify(plan.call, clients, interaction);
          }
        }
      });
    });
  }
});
