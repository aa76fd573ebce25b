import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { TIDAL_PKCE_CLIENT_ID, TIDAL_SEED, TIDAL_SUB_STATUS } from "../../src/emulator/tidal/index.js";
import { startTidalEmulator, type TidalHarness } from "./helpers.js";
import { decodePlaybackManifest, type PlaybackManifestSource } from "../../src/tidal/index.js";

const VERSION = { "x-tidal-client-version": "2025.12.18" };
const FIXTURES = new URL("../fixtures/tidal/yambs/", import.meta.url);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

type Body = Record<string, unknown>;
interface Page<T = Body> {
  limit: number;
  offset: number;
  totalNumberOfItems: number;
  items: T[];
}

function fixture(name: string): Body {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")) as Body;
}

/** Every key of the recorded object exists in ours with a value of the same JSON kind (null matches anything). */
function assertSameShape(ours: Body, recorded: Body, where: string): void {
  for (const [key, value] of Object.entries(recorded)) {
    assert.ok(key in ours, `${where}: missing ${key}`);
    const mine = ours[key];
    if (value === null || mine === null) continue;
    assert.equal(Array.isArray(mine), Array.isArray(value), `${where}.${key}: array-ness`);
    assert.equal(typeof mine, typeof value, `${where}.${key}: type`);
    if (typeof value === "object" && !Array.isArray(value))
      assertSameShape(mine as Body, value as Body, `${where}.${key}`);
  }
}

describe("TIDAL emulator: API access, errors and catalogue", () => {
  let h: TidalHarness;
  let user: string;
  let noSub: string;
  before(async () => {
    h = await startTidalEmulator();
    user = h.tidal.issueToken().accessToken;
    noSub = h.tidal.issueToken({ userId: h.tidal.secondUserId }).accessToken;
  });
  after(() => h.servers.close());

  async function get(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${h.urls.tidalApi}${path}`, { headers: { ...VERSION, ...headers } });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text === "" ? null : JSON.parse(text)) as unknown,
    };
  }
  const anon = { "x-tidal-token": TIDAL_PKCE_CLIENT_ID };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("answers GET /v1/country for a registered client token", async () => {
    const res = await get("/v1/country", anon);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { countryCode: "US" });
  });

  it("refuses requests without credentials or with an unknown client token", async () => {
    const none = await get("/v1/albums/4710001?countryCode=US");
    assert.equal(none.status, 401);
    assert.equal((none.body as Body).subStatus, TIDAL_SUB_STATUS.missingUser);
    const unknown = await get("/v1/albums/4710001?countryCode=US", { "x-tidal-token": "not-a-client" });
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown.body, {
      status: 401,
      subStatus: TIDAL_SUB_STATUS.invalidClientToken,
      userMessage: "Invalid token",
    });
    const garbage = await get("/v1/country", { authorization: "Bearer nonsense" });
    assert.equal(garbage.status, 401);
    assert.equal((garbage.body as Body).subStatus, TIDAL_SUB_STATUS.invalidToken);
  });

  it("requires countryCode on catalogue routes and answers unknown IDs with 404/2001", async () => {
    const missing = await get("/v1/albums/4710001", anon);
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body, { status: 400, subStatus: 1002, userMessage: "Missing countryCode" });
    const unknown = await get("/v1/albums/999?countryCode=US", anon);
    assert.equal(unknown.status, 404);
    assert.equal((unknown.body as Body).subStatus, 2001);
    assert.equal(typeof (unknown.body as Body).userMessage, "string");
    const blocked = await get(`/v1/albums/${TIDAL_SEED.albums.fernSessions}?countryCode=DE`, anon);
    assert.equal(blocked.status, 404, "an album not available in the country is not found there");
    const route = await get("/v1/nothing-here", anon);
    assert.equal(route.status, 404);
  });

  it("sends albums, tracks and credits in the recorded shapes", async () => {
    const album = await get(`/v1/albums/${TIDAL_SEED.albums.tidewater}?countryCode=US`, anon);
    assert.equal(album.status, 200);
    assertSameShape(album.body as Body, fixture("album_58823194_US.json"), "album");
    assert.match((album.body as Body).streamStartDate as string, DATE_TIME);

    const tracks = await get(`/v1/albums/${TIDAL_SEED.albums.tidewater}/tracks?countryCode=US`, anon);
    const recorded = fixture("tracks_58823194_US.json") as unknown as Page;
    const page = tracks.body as Page;
    assert.deepEqual(Object.keys(page).sort(), Object.keys(recorded).sort());
    assertSameShape(page.items[0] as Body, recorded.items[0] as Body, "track");

    const credits = await get(`/v1/albums/${TIDAL_SEED.albums.tidewater}/credits?countryCode=US`, anon);
    assert.ok(Array.isArray(credits.body), "album credits are a bare array");
    const entry = (credits.body as Body[])[0] as Body;
    assert.deepEqual(Object.keys(entry).sort(), ["contributors", "type"]);
  });

  it("filters album track lists by country while numberOfTracks stays the album's", async () => {
    const id = TIDAL_SEED.albums.tidewater;
    const album = (await get(`/v1/albums/${id}?countryCode=US`, anon)).body as Body;
    assert.equal(album.numberOfTracks, 12);
    const us = (await get(`/v1/albums/${id}/tracks?countryCode=US`, anon)).body as Page;
    assert.equal(us.totalNumberOfItems, 10);
    assert.ok(us.totalNumberOfItems < (album.numberOfTracks as number));
    assert.ok(!us.items.some((t) => t.id === TIDAL_SEED.tracks.undertow));
    const gb = (await get(`/v1/albums/${id}/tracks?countryCode=GB`, anon)).body as Page;
    assert.equal(gb.totalNumberOfItems, 12);
    const items = (await get(`/v1/albums/${id}/items?countryCode=US`, anon)).body as Page;
    assert.equal(items.totalNumberOfItems, 11, "ten tracks and the video");
    assert.deepEqual(
      items.items.map((i) => i.type),
      [...Array<string>(10).fill("track"), "video"],
    );
    const unavailable = await get(`/v1/tracks/${TIDAL_SEED.tracks.undertow}?countryCode=US`, anon);
    assert.equal(unavailable.status, 404);
  });

  it("pages offset lists to the end", async () => {
    const seen: number[] = [];
    let total = Infinity;
    for (let offset = 0; offset < total;) {
      const res = await get(
        `/v1/users/${h.tidal.mainUserId}/favorites/tracks?countryCode=US&limit=5&offset=${offset}`,
        bearer(user),
      );
      assert.equal(res.status, 200);
      const page = res.body as Page<{ created: string; item: Body }>;
      total = page.totalNumberOfItems;
      assert.equal(page.offset, offset);
      assert.ok(page.items.length > 0 && page.items.length <= 5);
      for (const entry of page.items) {
        assert.match(entry.created, DATE_TIME);
        seen.push(entry.item.id as number);
      }
      offset += page.items.length;
    }
    assert.equal(total, 14, "two of the sixteen favourites are not available in the US");
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, total);
    const past = (
      await get(
        `/v1/users/${h.tidal.mainUserId}/favorites/tracks?countryCode=US&limit=5&offset=20`,
        bearer(user),
      )
    ).body as Page;
    assert.deepEqual(past.items, []);
    assert.equal(past.totalNumberOfItems, 14);
  });

  it("pages cursor lists to the end", async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: "3" });
      if (cursor) query.set("cursor", cursor);
      const res = await get(`/v2/my-collection/playlists/folders/flattened?${query}`, bearer(user));
      assert.equal(res.status, 200);
      const body = res.body as {
        items: { name: string; trn: string }[];
        cursor: string | null;
        lastModifiedAt: string;
      };
      assert.ok(body.items.length <= 3);
      names.push(...body.items.map((i) => i.name));
      cursor = body.cursor;
      pages++;
    } while (cursor !== null && pages < 10);
    assert.equal(cursor, null);
    assert.equal(pages, 3);
    assert.equal(names.length, 8, "three folders, three own playlists, two followed playlists");
    assert.equal(new Set(names).size, 8);
    const bad = await get("/v2/my-collection/playlists/folders/flattened?limit=51", bearer(user));
    assert.equal(bad.status, 400);
  });

  it("keeps user routes for users and private collections private", async () => {
    const anonymous = await get(`/v1/users/${h.tidal.mainUserId}/favorites/albums?countryCode=US`, anon);
    assert.equal(anonymous.status, 401);
    assert.equal((anonymous.body as Body).subStatus, TIDAL_SUB_STATUS.missingUser);
    const foreign = await get(
      `/v1/users/${h.tidal.secondUserId}/favorites/tracks?countryCode=US`,
      bearer(user),
    );
    assert.equal(foreign.status, 403);
    assert.equal((foreign.body as Body).subStatus, TIDAL_SUB_STATUS.forbidden);
    const theirPublic = (
      await get(`/v1/users/${h.tidal.secondUserId}/playlists?countryCode=US`, bearer(user))
    ).body as Page<{
      playlist: Body;
    }>;
    assert.deepEqual(
      theirPublic.items.map((i) => i.playlist.title),
      ["Ferns & Friends"],
      "only the other user's public playlists are listed",
    );
    const me = (await get(`/v1/users/me/favorites/ids`, bearer(user))).body as Record<string, string[]>;
    assert.ok(me.ALBUM?.includes(String(TIDAL_SEED.albums.tidewater)));
  });

  it("gates lyrics and video playback behind a subscription", async () => {
    const lyrics = await get(`/v1/tracks/${TIDAL_SEED.tracks.lowWater}/lyrics?countryCode=US`, bearer(user));
    assert.equal(lyrics.status, 200);
    assert.match((lyrics.body as Body).lyrics as string, /Low water/);
    const free = await get(`/v1/tracks/${TIDAL_SEED.tracks.lowWater}/lyrics?countryCode=US`, bearer(noSub));
    assert.equal(free.status, 403);
    assert.equal((free.body as Body).subStatus, TIDAL_SUB_STATUS.noSubscription);
    const overridden = h.tidal.issueToken({ subscription: false }).accessToken;
    assert.equal(
      (await get(`/v1/tracks/${TIDAL_SEED.tracks.lowWater}/lyrics?countryCode=US`, bearer(overridden)))
        .status,
      403,
    );
    const none = await get(`/v1/tracks/${TIDAL_SEED.tracks.saltLines}/lyrics?countryCode=US`, bearer(user));
    assert.equal(none.status, 404);

    const video = `/v1/videos/${TIDAL_SEED.videos.tidewater}/playbackinfo?videoquality=HIGH&assetpresentation=FULL&playbackmode=STREAM`;
    assert.equal((await get(video, bearer(noSub))).status, 403);
    assert.equal((await get(video, anon)).status, 401);
    const played = await get(video, bearer(user));
    assert.equal(played.status, 200);
    assert.equal((played.body as Body).videoId, TIDAL_SEED.videos.tidewater);
  });

  it("hands out previews without a plan and full streams with one", async () => {
    const path = `/v1/tracks/${TIDAL_SEED.tracks.lowWater}/playbackinfo?audioquality=HI_RES_LOSSLESS&playbackmode=STREAM&assetpresentation=FULL`;
    const anonymous = (await get(path, anon)).body as Body;
    assert.equal(anonymous.assetPresentation, "PREVIEW");
    assert.equal(anonymous.audioQuality, "HIGH");
    const full = (await get(path, bearer(user))).body as Body;
    assert.equal(full.assetPresentation, "FULL");
    assert.equal(full.audioQuality, "LOSSLESS", "capped at the album's quality");
    // Both answers name files the emulated CDN serves.
    for (const answer of [anonymous, full]) {
      const { urls } = decodePlaybackManifest(answer as unknown as PlaybackManifestSource);
      assert.ok(urls.length > 0 && urls.every((url) => url.startsWith(h.urls.tidalResources)));
      const first = await fetch(urls[0]!);
      assert.equal(first.status, 200);
      await first.arrayBuffer();
    }
  });

  it("records requests that lack x-tidal-client-version", async () => {
    const before = h.tidal.requestsWithoutClientVersion().length;
    const res = await fetch(`${h.urls.tidalApi}/v1/country`, { headers: anon });
    assert.equal(res.status, 200, "the header is not required");
    await res.text();
    const missing = h.tidal.requestsWithoutClientVersion();
    assert.equal(missing.length, before + 1);
    assert.equal(missing.at(-1)?.path, "/v1/country");
    assert.equal(missing.at(-1)?.credentials, "client");
    assert.equal(h.tidal.apiRequests.at(-2)?.clientVersion, "2025.12.18");
  });

  it("answers the session and profile for a bearer token", async () => {
    const session = (await get("/v1/sessions", bearer(user))).body as Body;
    assert.equal(session.userId, h.tidal.mainUserId);
    assert.equal(session.countryCode, "US");
    assert.equal(typeof session.sessionId, "string");
    assert.equal((await get("/v1/sessions", anon)).status, 401);
    const subscription = (
      await get(`/v1/users/${h.tidal.secondUserId}/subscription?countryCode=GB`, bearer(noSub))
    ).body as Body;
    assert.equal(subscription.premiumAccess, false);
  });

  it("serves pages with deviceType, locale and country rules", async () => {
    const missing = await get("/v1/pages/home?countryCode=US", anon);
    assert.equal(missing.status, 400);
    const bad = await get("/v1/pages/home?countryCode=US&deviceType=FRIDGE", anon);
    assert.equal(bad.status, 400);
    const home = (await get("/v1/pages/home?countryCode=US&deviceType=BROWSER&locale=de_DE", anon)).body as {
      title: string;
      rows: { modules: { type: string; pagedList?: Page }[] }[];
    };
    assert.equal(home.title, "Startseite");
    assert.deepEqual(
      home.rows.map((r) => r.modules[0]?.type),
      ["PLAYLIST_LIST", "TRACK_LIST", "ALBUM_LIST"],
    );
    const album = (
      await get(
        `/v1/pages/album?albumId=${TIDAL_SEED.albums.tidewater}&countryCode=US&deviceType=PHONE`,
        anon,
      )
    ).body as { rows: { modules: { type: string; pagedList?: Page }[] }[] };
    assert.equal(album.rows[0]?.modules[0]?.type, "ALBUM_HEADER");
    assert.equal(album.rows[1]?.modules[0]?.pagedList?.totalNumberOfItems, 11);
    const gone = await get(
      `/v1/pages/album?albumId=${TIDAL_SEED.albums.fernSessions}&countryCode=DE&deviceType=TV`,
      anon,
    );
    assert.equal(gone.status, 404);
    assert.equal(
      (await get("/v1/pages/my_collection_my_mixes?countryCode=US&deviceType=BROWSER", anon)).status,
      401,
    );
    const mixes = (
      await get("/v1/pages/my_collection_my_mixes?countryCode=US&deviceType=BROWSER", bearer(user))
    ).body as {
      rows: { modules: { pagedList?: Page }[] }[];
    };
    assert.equal(mixes.rows[1]?.modules[0]?.pagedList?.totalNumberOfItems, 3);
  });

  it("searches the catalogue", async () => {
    const all = (await get("/v1/search?query=harbor&countryCode=US&limit=3", anon)).body as Record<
      string,
      Page & Body
    >;
    assert.equal((all.topHit as unknown as Body).type, "ARTISTS");
    assert.equal((all.artists as Page).items[0]?.name, "Harbor Lights");
    assert.ok((all.tracks as Page).totalNumberOfItems > 3);
    assert.equal((all.tracks as Page).items.length, 3);
    const missing = await get("/v1/search/albums?countryCode=US", anon);
    assert.equal(missing.status, 400);
  });
});

describe("TIDAL emulator: options", () => {
  it("answers GET /v1/country with the configured country", async () => {
    const h = await startTidalEmulator({ countryCode: "de" });
    try {
      const res = await fetch(`${h.urls.tidalApi}/v1/country`, {
        headers: { ...VERSION, "x-tidal-token": TIDAL_PKCE_CLIENT_ID },
      });
      assert.deepEqual(await res.json(), { countryCode: "DE" });
      h.tidal.registerClient({ clientId: "my-app" });
      const custom = await fetch(`${h.urls.tidalApi}/v1/country`, {
        headers: { ...VERSION, "x-tidal-token": "my-app" },
      });
      assert.equal(custom.status, 200);
      await custom.text();
    } finally {
      await h.servers.close();
    }
  });
});
