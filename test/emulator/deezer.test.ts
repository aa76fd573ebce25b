import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { DEEZER_SEED_IDS } from "../../src/emulator/deezer/index.js";
import type { DeezerEmulator } from "../../src/emulator/deezer/index.js";

const { ALBUM, ARTIST, GENRE, PLAYLIST, PODCAST, RADIO, USER } = DEEZER_SEED_IDS;

type Obj = Record<string, unknown>;
interface Page {
  data: Obj[];
  total?: number;
  next?: string;
  prev?: string;
  checksum?: string;
}
interface ErrorBody {
  error: { type: string; message: string; code?: number };
}

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

interface CallOptions {
  method?: string;
  token?: string;
  query?: Record<string, string | number>;
}

function client(emulator: () => Emulator) {
  async function raw(url: string, method = "GET"): Promise<Answer<unknown>> {
    const res = await fetch(url, { method, redirect: "manual" });
    const text = await res.text();
    let body: unknown = text;
    if ((res.headers.get("content-type") ?? "").includes("json")) body = JSON.parse(text);
    return { status: res.status, headers: res.headers, body };
  }
  function url(path: string, options: CallOptions = {}): string {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(options.query ?? {})) query.set(k, String(v));
    if (options.token !== undefined) query.set("access_token", options.token);
    const search = query.toString();
    return (
      emulator().urls.deezerApi + path + (search === "" ? "" : (path.includes("?") ? "&" : "?") + search)
    );
  }
  return {
    raw,
    url,
    async call<T = Obj>(path: string, options: CallOptions = {}): Promise<Answer<T>> {
      return (await raw(url(path, options), options.method)) as Answer<T>;
    },
    async json<T = Obj>(path: string, options: CallOptions = {}): Promise<T> {
      const answer = await raw(url(path, options), options.method);
      assert.equal(answer.status, 200, `${path} answered ${answer.status}`);
      return answer.body as T;
    },
  };
}

function assertError(body: unknown, type: string, code: number | undefined): void {
  const error = (body as ErrorBody).error;
  assert.ok(error, `expected an error body, got ${JSON.stringify(body).slice(0, 200)}`);
  assert.equal(error.type, type);
  if (code === undefined) assert.equal("code" in error, false);
  else assert.equal(error.code, code);
}

function ids(page: Page | Obj[]): unknown[] {
  return (Array.isArray(page) ? page : page.data).map((entry) => entry["id"]);
}

describe("deezer emulator: catalogue", () => {
  let emulator: Emulator;
  const { json, call } = client(() => emulator);

  before(async () => {
    emulator = await startEmulator({ services: ["deezer"] });
  });
  after(() => emulator.close());

  it("serves an album with the recorded field layout and its embedded tracks", async () => {
    const album = await json(`/album/${ALBUM.saltInTheEngine}`);
    assert.deepEqual(Object.keys(album).slice(0, 5), ["id", "title", "upc", "link", "share"]);
    assert.equal(album["title"], "Salt in the Engine");
    assert.equal(album["nb_tracks"], 9);
    assert.equal(album["record_type"], "album");
    assert.equal(album["type"], "album");
    assert.match(album["upc"] as string, /^\d{12}$/);
    assert.equal(album["tracklist"], `${emulator.urls.deezerApi}/album/${ALBUM.saltInTheEngine}/tracks`);
    const tracks = (album["tracks"] as Page).data;
    assert.equal(tracks.length, 9);
    assert.deepEqual(tracks[0]?.["artist"], {
      id: ARTIST.velvetHarbor,
      name: "Velvet Harbor",
      tracklist: `${emulator.urls.deezerApi}/artist/${ARTIST.velvetHarbor}/top?limit=50`,
      type: "artist",
    });
    const genres = (album["genres"] as Page).data;
    assert.equal(genres[0]?.["name"], "Rock");
    const contributors = album["contributors"] as Obj[];
    assert.equal(contributors[0]?.["role"], "Main");
  });

  it("looks albums up by UPC and tracks by ISRC, and answers unknown codes with no data", async () => {
    const album = await json(`/album/${ALBUM.paperSatellites}`);
    const byUpc = await json(`/album/upc:${album["upc"] as string}`);
    assert.equal(byUpc["id"], ALBUM.paperSatellites);
    const byEan = await json(`/album/upc:0${album["upc"] as string}`);
    assert.equal(byEan["id"], ALBUM.paperSatellites);

    const first = (album["tracks"] as Page).data[3] as Obj;
    const track = await json(`/track/${first["id"] as number}`);
    assert.equal(track["title_short"], "Lightyears");
    const isrc = track["isrc"] as string;
    assert.match(isrc, /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/);
    assert.equal((await json(`/track/isrc:${isrc}`))["id"], first["id"]);
    assert.equal((await json(`/track/isrc:${isrc.toLowerCase()}`))["id"], first["id"]);

    assertError(await json("/album/upc:000000000000"), "DataException", 800);
    assertError(await json("/track/isrc:ZZZZZ0000000"), "DataException", 800);
  });

  it("gives full track objects with contributors, bpm and the album's release date", async () => {
    const album = await json(`/album/${ALBUM.paperSatellites}`);
    const trackId = (album["tracks"] as Page).data[3]?.["id"] as number;
    const track = await json(`/track/${trackId}`);
    assert.equal(track["bpm"], 122);
    assert.equal(track["release_date"], "2021-03-19");
    assert.equal(typeof track["gain"], "number");
    assert.ok((track["available_countries"] as string[]).includes("FR"));
    const contributors = track["contributors"] as Obj[];
    assert.deepEqual(
      contributors.map((c) => [c["name"], c["role"]]),
      [
        ["Mira Solenne", "Main"],
        ["Kaito Brandt", "Featured"],
      ],
    );
    assert.equal((track["album"] as Obj)["release_date"], "2021-03-19");
  });

  it("answers each kind of unknown ID with the body the real service uses", async () => {
    for (const path of ["/album/-1", "/artist/-1", "/track/-1", "/playlist/-1", "/user/-1", "/album/abc"]) {
      assertError(await json(path), "DataException", 800);
    }
    for (const path of ["/genre/-1", "/editorial/-1", "/radio/-1", "/chart/999"]) {
      assertError(await json(path), "ParameterException", 500);
    }
    for (const path of ["/podcast/-1", "/episode/-1"]) {
      const body = await json(path);
      assertError(body, "Exception", undefined);
      assert.equal((body as unknown as ErrorBody).error.message, "An error has occured");
    }
    const missing = await call("/does-not-exist");
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, { error: "Not Found" });
    assert.equal(missing.headers.get("content-type"), "application/json; charset=utf-8");
  });

  it("refuses malformed paging parameters with a ParameterException", async () => {
    assertError(
      await json(`/artist/${ARTIST.velvetHarbor}/albums`, { query: { limit: "ten" } }),
      "ParameterException",
      500,
    );
    assertError(
      await json(`/artist/${ARTIST.velvetHarbor}/albums`, { query: { index: -3 } }),
      "ParameterException",
      500,
    );
  });

  it("lists an artist's top tracks five at a time, with contributors", async () => {
    const top = await json<Page>(`/artist/${ARTIST.velvetHarbor}/top`);
    assert.equal(top.data.length, 5);
    assert.equal(top.total, 20);
    assert.equal(top.next, `${emulator.urls.deezerApi}/artist/${ARTIST.velvetHarbor}/top?index=5`);
    const ranks = top.data.map((t) => t["rank"] as number);
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => b - a),
    );
    assert.ok(Array.isArray(top.data[0]?.["contributors"]));
  });

  it("serves artist albums, related artists, radio, fans and playlists", async () => {
    const albums = await json<Page>(`/artist/${ARTIST.kaitoBrandt}/albums`);
    assert.deepEqual(ids(albums), [ALBUM.midnightRemixes, ALBUM.pulseTheory, ALBUM.neonCartography]);
    const related = await json<Page>(`/artist/${ARTIST.kaitoBrandt}/related`);
    assert.deepEqual(ids(related), [ARTIST.djQuillfeather, ARTIST.miraSolenne]);
    assert.equal(related.total, 2);
    const radio = await json<Page>(`/artist/${ARTIST.kaitoBrandt}/radio`);
    assert.equal("total" in radio, false);
    assert.ok(radio.data.length > 5 && radio.data.length <= 25);
    const fans = await json<Page>(`/artist/${ARTIST.velvetHarbor}/fans`);
    assert.deepEqual(ids(fans), [USER.main, USER.tomasz]);
    const playlists = await json<Page>(`/artist/${ARTIST.kaitoBrandt}/playlists`);
    assert.ok(ids(playlists).includes(PLAYLIST.electroEssentials));
    assert.equal(
      playlists.data.every((p) => p["public"] === true),
      true,
    );
  });

  it("pages album tracks and reports an empty page past the end with only a prev link", async () => {
    const page = await json<Page>(`/album/${ALBUM.saltInTheEngine}/tracks`);
    assert.equal(page.data.length, 9);
    assert.equal(page.total, 9);
    assert.equal(page.next, undefined);
    assert.equal(page.data[0]?.["track_position"], 1);
    assert.ok(typeof page.data[0]?.["isrc"] === "string");
    const beyond = await json<Page>(`/album/${ALBUM.saltInTheEngine}/tracks`, { query: { index: 9 } });
    assert.deepEqual(beyond.data, []);
    assert.equal(beyond.prev, `${emulator.urls.deezerApi}/album/${ALBUM.saltInTheEngine}/tracks?index=0`);
  });

  it("serves charts for all genres and per genre", async () => {
    const overall = await json("/chart");
    assert.deepEqual(Object.keys(overall), ["tracks", "albums", "artists", "playlists", "podcasts"]);
    const byId = await json("/chart/0");
    assert.deepEqual(byId, overall);
    const tracks = overall["tracks"] as Page;
    assert.equal(tracks.data.length, 10);
    assert.ok((tracks.total as number) > 10);
    assert.equal(tracks.data[0]?.["position"], 1);
    assert.equal("readable" in (tracks.data[0] as Obj), false);

    const electro = await json<Page>(`/chart/${GENRE.electro}/albums`);
    assert.deepEqual(ids(electro), [ALBUM.neonCartography, ALBUM.pulseTheory]);
    const jazzPodcasts = await json<Page>(`/chart/${GENRE.jazz}/podcasts`);
    assert.deepEqual(ids(jazzPodcasts), [PODCAST.blueNoteHour]);
    const page2 = await json<Page>("/chart/0/tracks", { query: { limit: 10, index: 10 } });
    assert.equal(page2.data[0]?.["position"], 11);
    assert.equal((await call("/chart/0/nothing")).status, 404);
  });

  it("serves genres, editorials, radios, podcasts and episodes", async () => {
    const genres = await json<Page>("/genre");
    assert.equal(genres.data[0]?.["name"], "All");
    assert.equal("total" in genres, false);
    assert.equal((await json(`/genre/${GENRE.jazz}`))["name"], "Jazz");
    const artists = await json<Page>(`/genre/${GENRE.rock}/artists`);
    assert.deepEqual(ids(artists), [ARTIST.velvetHarbor, ARTIST.lanternChoir]);
    const second = await json<Page>(`/genre/${GENRE.rock}/artists`, { query: { index: 1 } });
    assert.deepEqual(ids(second), [ARTIST.lanternChoir]);
    const genreRadios = await json<Page>(`/genre/${GENRE.jazz}/radios`);
    assert.deepEqual(ids(genreRadios), [RADIO.jazzLounge, RADIO.chillEvenings]);
    const genrePodcasts = await json<Page>(`/genre/${GENRE.pop}/podcasts`);
    assert.deepEqual(ids(genrePodcasts), [PODCAST.popAutopsy]);

    const editorials = await json<Page>("/editorial");
    assert.equal(editorials.total, 6);
    const editorial = await json(`/editorial/${GENRE.electro}`);
    assert.equal(editorial["type"], "editorial");
    assert.match(editorial["picture"] as string, /^https:\/\/e-cdns-images\.dzcdn\.net\/images\/misc\//);
    const selection = await json<Page>(`/editorial/${GENRE.electro}/selection`);
    assert.deepEqual(ids(selection), [ALBUM.neonCartography, ALBUM.pulseTheory]);
    const charts = await json(`/editorial/${GENRE.electro}/charts`);
    assert.ok("podcasts" in charts);

    const radios = await json<Page>("/radio");
    assert.equal(radios.data.length, 9);
    assert.equal("total" in radios, false);
    const groups = await json<{ data: { id: number; title: string; radios: Obj[] }[] }>("/radio/genres");
    assert.deepEqual(
      groups.data.find((g) => g.id === GENRE.dance)?.radios.map((r) => r["id"]),
      [RADIO.danceFloor, RADIO.workoutEnergy],
    );
    const lists = await json<Page>("/radio/lists", { query: { limit: 4 } });
    assert.equal(lists.total, 9);
    assert.equal(lists.data.length, 4);
    const top = await json<Page>("/radio/top");
    assert.equal(top.total, 6);
    const radio = await json(`/radio/${RADIO.rockMix}`);
    assert.equal(radio["title"], "Rock Mix");
    const radioTracks = await json<Page>(`/radio/${RADIO.rockMix}/tracks`);
    assert.ok(radioTracks.data.length > 0);

    const podcast = await json(`/podcast/${PODCAST.popAutopsy}`);
    assert.equal(podcast["link"], `https://www.deezer.com/show/${PODCAST.popAutopsy}`);
    const episodes = await json<Page>(`/podcast/${PODCAST.popAutopsy}/episodes`);
    assert.equal(episodes.total, 5);
    assert.deepEqual(Object.keys(episodes.data[0] as Obj), [
      "id",
      "title",
      "release_date",
      "duration",
      "picture",
      "type",
    ]);
    const episode = await json(`/episode/${episodes.data[0]?.["id"] as number}`);
    assert.equal((episode["podcast"] as Obj)["id"], PODCAST.popAutopsy);
  });

  it("answers /infos without a token", async () => {
    const infos = await json("/infos");
    assert.equal(infos["country_iso"], "FR");
    assert.equal(infos["open"], true);
  });

  it("redirects picture URLs to the CDN", async () => {
    const album = await call(`/album/${ALBUM.saltInTheEngine}/image`);
    assert.equal(album.status, 302);
    assert.match(
      album.headers.get("location") ?? "",
      /^https:\/\/e-cdns-images\.dzcdn\.net\/images\/cover\/[0-9a-f]{32}\//,
    );
  });
});

describe("deezer emulator: pagination", () => {
  let emulator: Emulator;
  let deezer: DeezerEmulator;
  let token: string;
  const { json, raw } = client(() => emulator);

  before(async () => {
    emulator = await startEmulator({ services: ["deezer"] });
    deezer = emulator.deezer as DeezerEmulator;
    token = deezer.issueToken();
  });
  after(() => emulator.close());

  it("builds next and prev links from the query as received, token included, index last", async () => {
    const first = await json<Page>(`/playlist/${PLAYLIST.electroEssentials}/tracks`, {
      query: { limit: 4 },
      token,
    });
    const base = `${emulator.urls.deezerApi}/playlist/${PLAYLIST.electroEssentials}/tracks`;
    assert.equal(first.next, `${base}?limit=4&access_token=${token}&index=4`);
    assert.equal(first.prev, undefined);
    assert.match(first.checksum ?? "", /^[0-9a-f]{32}$/);
    assert.deepEqual(Object.keys(first), ["data", "checksum", "total", "next"]);
    const second = (await raw(first.next as string)).body as Page;
    assert.equal(second.prev, `${base}?limit=4&access_token=${token}&index=0`);
  });

  it("follows next links to the end and collects the whole list exactly once", async () => {
    const seen: unknown[] = [];
    let url: string | undefined =
      `${emulator.urls.deezerApi}/playlist/${PLAYLIST.electroEssentials}/tracks?limit=4`;
    let pages = 0;
    while (url !== undefined) {
      const page = (await raw(url)).body as Page;
      seen.push(...ids(page));
      url = page.next;
      pages++;
    }
    assert.equal(pages, 4);
    assert.deepEqual(seen, deezer.playlist(PLAYLIST.electroEssentials)?.trackIds);
  });

  it("encodes search queries in links the way Deezer does (%20, %22)", async () => {
    const page = await json<Page>("/search", { query: { q: 'artist:"Velvet Harbor"', limit: 3 } });
    assert.equal(
      page.next,
      `${emulator.urls.deezerApi}/search?q=artist%3A%22Velvet%20Harbor%22&limit=3&index=3`,
    );
    const all: unknown[] = [];
    let url: string | undefined = page.next;
    all.push(...ids(page));
    while (url !== undefined) {
      const next = (await raw(url)).body as Page;
      all.push(...ids(next));
      url = next.next;
    }
    assert.equal(all.length, page.total);
    assert.equal(new Set(all).size, all.length);
  });

  it("leaves unavailable tracks out of a playlist page while total and next still count them", async () => {
    const first = await json<Page>(`/playlist/${PLAYLIST.rainySunday}/tracks`);
    assert.equal(first.total, 30);
    assert.equal(first.data.length, 24);
    assert.match(first.next ?? "", /index=25$/);
    const second = (await raw(first.next as string)).body as Page;
    assert.equal(second.data.length, 5);
    assert.equal(second.next, undefined);
    const playlist = await json(`/playlist/${PLAYLIST.rainySunday}`);
    assert.equal(playlist["nb_tracks"], 30);
    assert.equal((playlist["tracks"] as Page).data.length, 29);
  });

  it("leaves unavailable albums out of editorial releases, twenty per page by default", async () => {
    const all = await json<Page>("/editorial/0/releases");
    assert.equal(all.total, 15);
    assert.equal(all.data.length, 14);
    assert.equal(all.data[0]?.["id"], ALBUM.midnightRemixes);
    const window = await json<Page>("/editorial/0/releases", { query: { limit: 3, index: 9 } });
    assert.equal(window.data.length, 2);
    assert.equal(ids(window).includes(ALBUM.cometSeason), false);
    assert.match(window.next ?? "", /index=12$/);
  });

  it("grows the listening history between pages", async () => {
    const before = deezer.history().length;
    const first = await json<Page>("/user/me/history", { query: { limit: 3 }, token });
    assert.equal(first.total, before);
    assert.equal(typeof first.data[0]?.["timestamp"], "number");
    const second = (await raw(first.next as string)).body as Page;
    assert.equal(second.total, before + 1);
    // The newest-first list moved by one: the last entry of page one comes back first on page two.
    assert.equal(second.data[0]?.["id"], first.data[2]?.["id"]);
  });
});

describe("deezer emulator: search", () => {
  let emulator: Emulator;
  const { json } = client(() => emulator);

  before(async () => {
    emulator = await startEmulator({ services: ["deezer"] });
  });
  after(() => emulator.close());

  const titles = (page: Page): unknown[] => page.data.map((t) => t["title"]);

  it("finds tracks by words of title, artist and album, fuzzily unless strict", async () => {
    const weather = await json<Page>("/search", { query: { q: "velvet weather" } });
    assert.deepEqual(new Set(titles(weather)), new Set(["Velvet Weather"]));
    assert.equal(weather.total, 2);
    const prefix = await json<Page>("/search", { query: { q: "glassh" } });
    assert.ok(titles(prefix).includes("Glasshouse"));
    const typo = await json<Page>("/search/track", { query: { q: "Featherwieght" } });
    assert.ok(titles(typo).includes("Featherweight"));
    const strictTypo = await json<Page>("/search/track", { query: { q: "Featherwieght", strict: "on" } });
    assert.equal(strictTypo.total, 0);
    const strictPrefix = await json<Page>("/search", { query: { q: "glassh", strict: "on" } });
    assert.equal(strictPrefix.total, 0);
    const byArtist = await json<Page>("/search", { query: { q: "lantern choir" } });
    assert.equal(byArtist.total, 5);
  });

  it("understands the advanced syntax", async () => {
    const artistAlbum = await json<Page>("/search", {
      query: { q: 'artist:"Velvet Harbor" album:"Northern Static"' },
    });
    assert.equal(artistAlbum.total, 7);
    const trackField = await json<Page>("/search/track", {
      query: { q: 'artist:"Mira Solenne" track:"Lightyears"' },
    });
    assert.deepEqual(titles(trackField), ["Lightyears"]);
    const label = await json<Page>("/search", { query: { q: 'label:"Quiet Room Jazz"' } });
    assert.equal(label.total, 4);
    const durations = await json<Page>("/search", {
      query: { q: 'artist:"Nadia Reyes" dur_min:350 dur_max:390' },
    });
    assert.deepEqual(new Set(titles(durations)), new Set(["Blue Hour", "Last Tram Home"]));
    const bpm = await json<Page>("/search", { query: { q: "bpm_min:135" } });
    assert.deepEqual(titles(bpm), ["Cold Front"]);
    const mixed = await json<Page>("/search", { query: { q: 'harbor lights artist:"Velvet Harbor"' } });
    assert.deepEqual(new Set(titles(mixed)), new Set(["Harbor Lights", "Harbor Lights (Live)"]));
    const strictArtist = await json<Page>("/search", { query: { q: 'artist:"Velvet"', strict: "on" } });
    assert.equal(strictArtist.total, 0);
  });

  it("orders results on request", async () => {
    const q = 'artist:"Velvet Harbor"';
    const byDuration = await json<Page>("/search", { query: { q, order: "DURATION_ASC", limit: 50 } });
    const durations = byDuration.data.map((t) => t["duration"] as number);
    assert.deepEqual(
      durations,
      [...durations].sort((a, b) => a - b),
    );
    const byTitle = await json<Page>("/search", { query: { q, order: "TRACK_DESC", limit: 50 } });
    const sortedTitles = titles(byTitle) as string[];
    assert.deepEqual(
      sortedTitles,
      [...sortedTitles].sort((a, b) => b.localeCompare(a, "en", { sensitivity: "base" })),
    );
    const ranking = await json<Page>("/search", { query: { q, order: "RANKING", limit: 50 } });
    const ranks = ranking.data.map((t) => t["rank"] as number);
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => b - a),
    );
  });

  it("refuses missing, empty and malformed queries", async () => {
    assertError(await json("/search"), "MissingParameterException", 501);
    assertError(await json("/search", { query: { q: "" } }), "InvalidQueryException", 600);
    assertError(await json("/search", { query: { q: "   " } }), "InvalidQueryException", 600);
    assertError(await json("/search", { query: { q: 'artist:"Velvet' } }), "InvalidQueryException", 600);
    assertError(await json("/search", { query: { q: 'genre:"Rock"' } }), "InvalidQueryException", 600);
    assertError(await json("/search", { query: { q: "dur_min:long" } }), "InvalidQueryException", 600);
    assertError(await json("/search", { query: { q: 'artist:""' } }), "InvalidQueryException", 600);
    assertError(
      await json("/search", { query: { q: 'artist:"A" artist:"B"' } }),
      "InvalidQueryException",
      600,
    );
    // A colon inside ordinary words is not a field.
    const plain = await json<Page>("/search", { query: { q: "note:to self" } });
    assert.equal(plain.total, 0);
  });

  it("searches albums, artists, playlists, podcasts, radios and users", async () => {
    const albums = await json<Page>("/search/album", { query: { q: "velvet harbor" } });
    assert.deepEqual(
      new Set(ids(albums)),
      new Set([ALBUM.saltInTheEngine, ALBUM.northernStatic, ALBUM.breakwater, ALBUM.liveAtTheLighthouse]),
    );
    assert.ok("nb_tracks" in (albums.data[0] as Obj));
    const artists = await json<Page>("/search/artist", { query: { q: "kaito" } });
    assert.deepEqual(ids(artists), [ARTIST.kaitoBrandt]);
    const playlists = await json<Page>("/search/playlist", { query: { q: "demos" } });
    assert.equal(playlists.total, 0, "private playlists are not searchable");
    const rainy = await json<Page>("/search/playlist", { query: { q: "rainy" } });
    assert.deepEqual(ids(rainy), [PLAYLIST.rainySunday]);
    const podcasts = await json<Page>("/search/podcast", { query: { q: "jazz history" } });
    assert.deepEqual(ids(podcasts), [PODCAST.blueNoteHour]);
    const radios = await json<Page>("/search/radio", { query: { q: "mix" } });
    assert.deepEqual(ids(radios), [RADIO.popMix, RADIO.rockMix, RADIO.electroMix, RADIO.rapMix]);
    const users = await json<Page>("/search/user", { query: { q: "aiko" } });
    assert.deepEqual(ids(users), [USER.aiko]);
  });
});

describe("deezer emulator: accounts and library edits", () => {
  let emulator: Emulator;
  let deezer: DeezerEmulator;
  let token: string;
  const { json, call } = client(() => emulator);

  before(async () => {
    emulator = await startEmulator({ services: ["deezer"] });
    deezer = emulator.deezer as DeezerEmulator;
    token = deezer.issueToken();
  });
  after(() => emulator.close());

  it("shows the token's account as `me`, with the email only under the email permission", async () => {
    const me = await json("/user/me", { token });
    assert.equal(me["id"], deezer.mainUserId);
    assert.equal(me["email"], "ines.marlow@example.com");
    assert.ok("explicit_content_levels_available" in me);
    const noEmail = deezer.issueToken({ permissions: ["basic_access"] });
    assert.equal("email" in (await json("/user/me", { token: noEmail })), false);
    const other = await json(`/user/${USER.tomasz}`);
    assert.deepEqual(Object.keys(other), [
      "id", "name", "link", "picture", "picture_small", "picture_medium", "picture_big", "picture_xl", "country", "tracklist", "type",
    ]); // prettier-ignore
  });

  it("refuses `me` and private lists without a token, with code 200", async () => {
    for (const path of ["/user/me", "/user/me/flow", "/user/me/permissions", "/options", "/search/history"]) {
      assertError(await json(path), "OAuthException", 200);
    }
    assertError(await json(`/user/${USER.main}/flow`), "OAuthException", 200);
    // The public reads of an explicit id still need a token for `me`.
    for (const list of ["albums", "artists", "tracks", "playlists", "followers", "followings"]) {
      assertError(await json(`/user/me/${list}`), "OAuthException", 200);
    }
    assertError(await json(`/user/${USER.tomasz}/flow`, { token }), "OAuthException", 200);
  });

  it("lets anyone read an account's public lists", async () => {
    const albums = await json<Page>(`/user/${USER.main}/albums`);
    assert.deepEqual(ids(albums), deezer.favourites().albums);
    assert.equal(typeof albums.data[0]?.["time_add"], "number");
    assert.match(albums.checksum ?? "", /^[0-9a-f]{32}$/);
    const playlists = await json<Page>(`/user/${USER.main}/playlists`);
    assert.equal(
      ids(playlists).includes(PLAYLIST.lateNightCoding),
      false,
      "a private playlist shows to its owner only",
    );
    assert.match(playlists.checksum ?? "", /^[0-9a-f]{64}$/);
    const own = await json<Page>("/user/me/playlists", { token });
    assert.ok(ids(own).includes(PLAYLIST.lateNightCoding));
    assert.ok(ids(own).includes(PLAYLIST.electroEssentials), "followed playlists are listed too");
    const followers = await json<Page>(`/user/${USER.main}/followers`);
    assert.deepEqual(ids(followers), [USER.tomasz, USER.rafael]);
    const followings = await json<Page>(`/user/${USER.main}/followings`);
    assert.deepEqual(ids(followings), [USER.tomasz, USER.aiko]);
    const artists = await json<Page>(`/user/${USER.main}/artists`);
    assert.deepEqual(ids(artists), deezer.favourites().artists);
    const tracks = await json<Page>(`/user/${USER.main}/tracks`);
    assert.deepEqual(ids(tracks), deezer.favourites().tracks);
    assert.equal((await json(`/user/${USER.main}`))["id"], USER.main);
  });

  it("refuses an invalid, revoked or expired token with code 300 even on public endpoints", async () => {
    assertError(
      await json(`/album/${ALBUM.saltInTheEngine}`, { token: "not-a-token" }),
      "OAuthException",
      300,
    );
    const revoked = deezer.issueToken();
    assert.equal((await json("/user/me", { token: revoked }))["id"], deezer.mainUserId);
    deezer.revokeToken(revoked);
    assertError(await json("/user/me", { token: revoked }), "OAuthException", 300);
    const expired = deezer.issueToken({ expiresInSeconds: -1 });
    assertError(await json(`/album/${ALBUM.saltInTheEngine}`, { token: expired }), "OAuthException", 300);
    const forever = deezer.issueToken({ expiresInSeconds: 0 });
    assert.equal(deezer.tokenInfo(forever)?.expiresAt, null);
  });

  it("refuses writes without the permission the endpoint needs, with code 200", async () => {
    const readOnly = deezer.issueToken({ permissions: ["basic_access", "manage_library"] });
    const before = deezer.favourites().albums;
    assertError(
      await json("/user/me/albums", {
        method: "DELETE",
        token: readOnly,
        query: { album_id: ALBUM.paperSatellites },
      }),
      "OAuthException",
      200,
    );
    assert.deepEqual(deezer.favourites().albums, before);
    const basic = deezer.issueToken({ permissions: ["basic_access"] });
    assertError(
      await json("/user/me/albums", { method: "POST", token: basic, query: { album_id: ALBUM.glasshouse } }),
      "OAuthException",
      200,
    );
    assertError(await json("/user/me/history", { token: basic }), "OAuthException", 200);
    assertError(
      await json("/user/me/followings", { method: "POST", token: readOnly, query: { user_id: USER.rafael } }),
      "OAuthException",
      200,
    );
    assertError(
      await json(`/user/${USER.tomasz}/albums`, {
        method: "POST",
        token,
        query: { album_id: ALBUM.glasshouse },
      }),
      "OAuthException",
      200,
    );
    assertError(
      await json("/user/me/albums", { method: "POST", query: { album_id: ALBUM.glasshouse } }),
      "OAuthException",
      200,
    );
  });

  it("adds and removes favourites of every kind, and later reads see it", async () => {
    const add = async (kind: string, query: Record<string, string | number>): Promise<void> => {
      assert.equal(await json(`/user/me/${kind}`, { method: "POST", token, query }), true);
    };
    const remove = async (kind: string, query: Record<string, string | number>): Promise<void> => {
      assert.equal(await json(`/user/me/${kind}`, { method: "DELETE", token, query }), true);
    };

    await add("albums", { album_id: ALBUM.glasshouse });
    assert.ok(deezer.favourites().albums.includes(ALBUM.glasshouse));
    const albums = await json<Page>("/user/me/albums", { token });
    assert.equal(albums.data.at(-1)?.["id"], ALBUM.glasshouse);
    assert.ok(ids(await json<Page>(`/album/${ALBUM.glasshouse}/fans`)).includes(USER.main));
    await remove("albums", { album_id: ALBUM.glasshouse });
    assert.equal(ids(await json<Page>("/user/me/albums", { token })).includes(ALBUM.glasshouse), false);

    await add("artists", { artist_ids: `${ARTIST.orlaComets},${ARTIST.lanternChoir}` });
    assert.deepEqual(deezer.favourites().artists.slice(-2), [ARTIST.orlaComets, ARTIST.lanternChoir]);
    await remove("artists", { artist_id: ARTIST.orlaComets });
    assert.equal(deezer.favourites().artists.includes(ARTIST.orlaComets), false);

    const trackId = deezer.playlist(PLAYLIST.jazzAfterDark)?.trackIds[2] as number;
    await add("tracks", { track_id: trackId });
    const tracks = await json<Page>("/user/me/tracks", { token });
    assert.equal(tracks.data.at(-1)?.["id"], trackId);
    await remove("tracks", { track_id: trackId });

    await add("podcasts", { podcast_id: PODCAST.popAutopsy });
    assert.ok(ids(await json<Page>("/user/me/podcasts", { token })).includes(PODCAST.popAutopsy));
    await remove("podcasts", { podcast_id: PODCAST.popAutopsy });

    await add("radios", { radio_id: RADIO.rapMix });
    assert.ok(ids(await json<Page>("/user/me/radios", { token })).includes(RADIO.rapMix));
    await remove("radios", { radio_id: RADIO.rapMix });
    assert.equal(deezer.favourites().radios.includes(RADIO.rapMix), false);

    assertError(
      await json("/user/me/albums", { method: "POST", token, query: { album_id: 1 } }),
      "DataException",
      800,
    );
    assertError(await json("/user/me/albums", { method: "POST", token }), "MissingParameterException", 501);
  });

  it("follows and unfollows accounts, declining unknown accounts and oneself", async () => {
    const follow = (userId: number) =>
      json("/user/me/followings", { method: "POST", token, query: { user_id: userId } });
    assert.equal(await follow(USER.rafael), true);
    assert.ok(deezer.followings().includes(USER.rafael));
    assert.ok(ids(await json<Page>(`/user/${USER.rafael}/followers`)).includes(USER.main));
    assert.equal(await follow(27), false);
    assert.equal(await follow(USER.main), false);
    assert.equal(
      await json("/user/me/followings", { method: "DELETE", token, query: { user_id: USER.rafael } }),
      true,
    );
    assert.equal(deezer.followings().includes(USER.rafael), false);
  });

  it("follows playlists, declining one's own and ones already followed", async () => {
    const follow = (id: number) =>
      json("/user/me/playlists", { method: "POST", token, query: { playlist_id: id } });
    assert.equal(await follow(PLAYLIST.popRadar), true);
    assert.equal(await follow(PLAYLIST.popRadar), false);
    assert.equal(await follow(PLAYLIST.morningCommute), false);
    assert.ok(ids(await json<Page>(`/playlist/${PLAYLIST.popRadar}/fans`)).includes(USER.main));
    assert.equal(
      await json("/user/me/playlists", {
        method: "DELETE",
        token,
        query: { playlist_id: PLAYLIST.popRadar },
      }),
      true,
    );
    assert.equal(deezer.favourites().playlists.includes(PLAYLIST.popRadar), false);
  });

  it("runs a full playlist edit cycle", async () => {
    const created = await json<{ id: number }>("/user/me/playlists", {
      method: "POST",
      token,
      query: { title: "Road Trip" },
    });
    assert.equal(typeof created.id, "number");
    const id = created.id;
    let playlist = await json(`/playlist/${id}`, { token });
    assert.equal(playlist["title"], "Road Trip");
    assert.equal(playlist["nb_tracks"], 0);
    assert.equal((playlist["creator"] as Obj)["id"], deezer.mainUserId);
    assert.deepEqual((playlist["tracks"] as Page).data, []);

    const [a, b, c] = deezer.playlist(PLAYLIST.hipHopHeat)?.trackIds ?? [];
    assert.equal(
      await json(`/playlist/${id}/tracks`, { method: "POST", token, query: { songs: `${a},${b},${c}` } }),
      true,
    );
    assert.deepEqual(ids(await json<Page>(`/playlist/${id}/tracks`, { token })), [a, b, c]);
    const checksumBefore = (await json<Page>(`/playlist/${id}/tracks`, { token })).checksum;

    assert.equal(
      await json(`/playlist/${id}/tracks`, { method: "POST", token, query: { order: `${c},${a},${b}` } }),
      true,
    );
    const reordered = await json<Page>(`/playlist/${id}/tracks`, { token });
    assert.deepEqual(ids(reordered), [c, a, b]);
    assert.notEqual(reordered.checksum, checksumBefore);
    assertError(
      await json(`/playlist/${id}/tracks`, {
        method: "POST",
        token,
        query: { order: `${c},${ALBUM.glasshouse}` },
      }),
      "DataException",
      800,
    );

    assert.equal(
      await json(`/playlist/${id}/tracks`, { method: "DELETE", token, query: { songs: `${a}` } }),
      true,
    );
    assert.deepEqual(deezer.playlist(id)?.trackIds, [c, b]);

    assert.equal(
      await json(`/playlist/${id}`, {
        method: "POST",
        token,
        query: { title: "Road Trip 2", description: "Windows down.", public: "false" },
      }),
      true,
    );
    playlist = await json(`/playlist/${id}`, { token });
    assert.equal(playlist["title"], "Road Trip 2");
    assert.equal(playlist["description"], "Windows down.");
    assert.equal(playlist["public"], false);
    assertError(await json(`/playlist/${id}`), "OAuthException", 200);
    assert.ok(ids(await json<Page>("/user/me/playlists", { token })).includes(id));

    assert.equal(await json(`/playlist/${id}`, { method: "DELETE", token }), true);
    assertError(await json(`/playlist/${id}`, { token }), "DataException", 800);
    assert.equal(deezer.playlist(id), undefined);
  });

  it("accepts `name` for the title, as some clients send it", async () => {
    const created = await json<{ id: number }>("/user/me/playlists", {
      method: "POST",
      token,
      query: { name: "Named" },
    });
    assert.equal(deezer.playlist(created.id)?.title, "Named");
  });

  it("guards other people's playlists: private ones unreadable, edits refused, collaborative adds allowed", async () => {
    assertError(await json(`/playlist/${PLAYLIST.secretDemos}`, { token }), "OAuthException", 200);
    const rafael = deezer.issueToken({ userId: USER.rafael });
    assert.equal(
      (await json(`/playlist/${PLAYLIST.secretDemos}`, { token: rafael }))["title"],
      "Secret Demos",
    );
    assertError(
      await json(`/playlist/${PLAYLIST.rainySunday}`, {
        method: "POST",
        token,
        query: { title: "Mine now" },
      }),
      "OAuthException",
      200,
    );
    assertError(
      await json(`/playlist/${PLAYLIST.rainySunday}`, { method: "DELETE", token }),
      "OAuthException",
      200,
    );
    const extra = deezer.playlist(PLAYLIST.popRadar)?.trackIds[0] as number;
    assert.equal(
      await json(`/playlist/${PLAYLIST.gymRotation}/tracks`, {
        method: "POST",
        token,
        query: { songs: extra },
      }),
      true,
    );
    assert.equal(deezer.playlist(PLAYLIST.gymRotation)?.trackIds.at(-1), extra);
    assertError(
      await json(`/playlist/${PLAYLIST.gymRotation}`, { method: "POST", token, query: { title: "Renamed" } }),
      "OAuthException",
      200,
    );
  });

  it("marks playlists seen, stores episode resume points and notifications", async () => {
    assert.equal(await json(`/playlist/${PLAYLIST.popRadar}/seen`, { method: "POST", token }), true);
    assert.deepEqual(deezer.seenPlaylists(), [PLAYLIST.popRadar]);
    assertError(await json(`/playlist/${PLAYLIST.popRadar}/seen`, { method: "POST" }), "OAuthException", 200);

    const episodes = await json<Page>(`/podcast/${PODCAST.signalAndNoise}/episodes`);
    const episodeId = episodes.data[0]?.["id"] as number;
    const set = await json(`/episode/${episodeId}/bookmark`, {
      method: "POST",
      token,
      query: { offset: 55 },
    });
    assert.deepEqual(set, { error: [], results: true });
    assert.equal(deezer.bookmarks().get(episodeId)?.offset, 55);
    const removed = await json(`/episode/${episodeId}/bookmark`, { method: "DELETE", token });
    assert.deepEqual(removed, { error: [], results: true });
    assert.equal(deezer.bookmarks().has(episodeId), false);
    assertError(
      await json(`/episode/${episodeId}/bookmark`, { method: "POST", token }),
      "MissingParameterException",
      501,
    );

    const sent = await json("/user/me/notifications", {
      method: "POST",
      token,
      query: { message: "New mix ready" },
    });
    assert.deepEqual(sent, { success: true });
    assert.deepEqual(
      deezer.notifications().map((n) => n.message),
      ["New mix ready"],
    );
  });

  it("serves private lists to their owner: flow, recommendations, charts, permissions, options", async () => {
    const flow = await json<Page>("/user/me/flow", { token });
    assert.equal(flow.data.length, 8);
    assert.equal("total" in flow, false);
    const recoAlbums = await json<Page>("/user/me/recommendations/albums", { token });
    assert.equal(recoAlbums.total, 5);
    assert.equal(typeof recoAlbums.data[0]?.["timestamp"], "number");
    const recoArtists = await json<Page>("/user/me/recommendations/artists", { token });
    assert.deepEqual(ids(recoArtists), [
      ARTIST.miraSolenne,
      ARTIST.djQuillfeather,
      ARTIST.lanternChoir,
      ARTIST.orlaComets,
    ]);
    for (const type of ["releases", "playlists", "radios", "tracks"]) {
      assert.ok((await json<Page>(`/user/me/recommendations/${type}`, { token })).data.length > 0, type);
    }
    const charts = await json<Page>(`/user/${USER.main}/charts/artists`);
    assert.deepEqual(ids(charts), [
      ARTIST.miraSolenne,
      ARTIST.kaitoBrandt,
      ARTIST.velvetHarbor,
      ARTIST.lowtideSyndicate,
    ]);
    const partial = deezer.issueToken({ permissions: ["basic_access", "email"] });
    const permissions = await json("/user/me/permissions", { token: partial });
    assert.deepEqual(permissions["permissions"], {
      basic_access: true,
      email: true,
      offline_access: false,
      manage_library: false,
      manage_community: false,
      delete_library: false,
      listening_history: false,
    });
    const options = await json("/options", { token });
    assert.equal(options["type"], "options");
    assert.equal(options["lossless"], true);
    assert.deepEqual(await json("/user/me/options", { token }), options);
  });

  it("keeps personal songs private to their owner and lets the owner rename and delete them", async () => {
    const songs = await json<Page>("/user/me/personal_songs", { token });
    assert.deepEqual(ids(songs), [-1000001, -1000002]);
    assertError(await json("/track/-1000001"), "DataException", 800);
    assert.equal((await json("/track/-1000001", { token }))["title"], "Voice Memo 14");
    assert.equal(
      await json("/track/-1000001", { method: "POST", token, query: { title: "Voice Memo 15" } }),
      true,
    );
    assert.equal((await json("/track/-1000001", { token }))["title"], "Voice Memo 15");
    const otherToken = deezer.issueToken({ userId: USER.aiko });
    assertError(await json("/track/-1000002", { method: "DELETE", token: otherToken }), "DataException", 800);
    assert.equal(await json("/track/-1000002", { method: "DELETE", token }), true);
    assert.deepEqual(ids(await json<Page>("/user/me/personal_songs", { token })), [-1000001]);
  });

  it("restores the seed on reset while keeping tokens", async () => {
    assert.equal(
      await json("/user/me/albums", { method: "POST", token, query: { album_id: ALBUM.breakwater } }),
      true,
    );
    deezer.reset();
    assert.equal(deezer.favourites().albums.includes(ALBUM.breakwater), false);
    assert.equal((await json("/user/me", { token }))["id"], deezer.mainUserId);
    const status = (await call("/user/me", { token })).status;
    assert.equal(status, 200);
  });
});

describe("deezer emulator: quota", () => {
  let emulator: Emulator;
  let clock = 1_700_000_000_000;
  const { json } = client(() => emulator);

  before(async () => {
    emulator = await startEmulator({
      services: ["deezer"],
      deezer: { quota: { limit: 3, windowMs: 5000 }, now: () => clock },
    });
  });
  after(() => emulator.close());

  it("answers the quota error once more than `limit` requests fall in the window, and recovers after it", async () => {
    for (let i = 0; i < 3; i++) assert.equal((await json(`/genre/${GENRE.pop}`))["id"], GENRE.pop);
    const refused = await json(`/genre/${GENRE.pop}`);
    assert.deepEqual(refused, { error: { type: "Exception", message: "Quota limit exceeded", code: 4 } });
    clock += 2000;
    assertError(await json("/infos"), "Exception", 4);
    clock += 3001;
    assert.equal((await json(`/genre/${GENRE.pop}`))["id"], GENRE.pop);
  });
});

describe("deezer emulator: token lifetime", () => {
  it("expires tokens after the configured lifetime", async () => {
    let clock = 1_700_000_000_000;
    const emulator = await startEmulator({
      services: ["deezer"],
      deezer: { tokenLifetimeSeconds: 60, now: () => clock },
    });
    try {
      const { json } = client(() => emulator);
      const token = (emulator.deezer as DeezerEmulator).issueToken();
      assert.equal((await json("/user/me", { token }))["id"], USER.main);
      clock += 60_000;
      assertError(await json("/user/me", { token }), "OAuthException", 300);
    } finally {
      await emulator.close();
    }
  });
});
