import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED, TidalEmulator } from "../../src/emulator/tidal/index.js";

interface SpecParam {
  wire: string;
  wireName: string | null;
  required: boolean;
}
interface SpecVariant {
  httpMethod: string;
  path: string;
}
interface SpecEndpoint {
  group: string;
  pyName: string;
  httpMethod: string | null;
  path: string;
  params: SpecParam[];
  pathVariants?: SpecVariant[];
  headers?: Record<string, string>;
}

const SPEC = new URL("../data/tidal-private.endpoints.json", import.meta.url);

/** A value for each wire name that exists in the seed. */
function sample(name: string): string {
  const values: Record<string, string> = {
    album_id: String(TIDAL_SEED.albums.tidewater),
    albumId: String(TIDAL_SEED.albums.tidewater),
    album_ids: String(TIDAL_SEED.albums.nightFerry),
    albumIds: String(TIDAL_SEED.albums.nightFerry),
    artist_id: String(TIDAL_SEED.artists.harborLights),
    artistId: String(TIDAL_SEED.artists.quietFerns),
    artist_ids: String(TIDAL_SEED.artists.quietFerns),
    artistIds: String(TIDAL_SEED.artists.quietFerns),
    track_id: String(TIDAL_SEED.tracks.lowWater),
    trackId: String(TIDAL_SEED.tracks.saltLines),
    track_ids: String(TIDAL_SEED.tracks.saltLines),
    trackIds: String(TIDAL_SEED.tracks.saltLines),
    video_id: String(TIDAL_SEED.videos.tidewater),
    videoId: String(TIDAL_SEED.videos.paperMoonsLive),
    video_ids: String(TIDAL_SEED.videos.paperMoonsLive),
    videoIds: String(TIDAL_SEED.videos.paperMoonsLive),
    mix_id: TIDAL_SEED.mixes.myMix1,
    mixId: TIDAL_SEED.mixes.myMix1,
    mixIds: TIDAL_SEED.mixes.newArrivals,
    playlist_uuid: TIDAL_SEED.playlists.roadTrip,
    playlist_uuids: TIDAL_SEED.playlists.brassHour,
    uuids: TIDAL_SEED.playlists.brassHour,
    user_id: String(TIDAL_SEED.users.main),
    from_item_indices: "0",
    item_indices: "0",
    item_index: "0",
    toIndex: "1",
    itemId: String(TIDAL_SEED.tracks.saltLines),
    itemIds: String(TIDAL_SEED.tracks.saltLines),
    title: "Coverage",
    countryCode: "US",
    deviceType: "BROWSER",
    query: "harbor",
    name: "Coverage",
    trns: `trn:playlist:${TIDAL_SEED.playlists.essentials}`,
    trn: `trn:user:${TIDAL_SEED.users.third}`,
  };
  return values[name] ?? "";
}

describe("TIDAL emulator: every endpoint of the spec has a route", () => {
  let emulator: Emulator;
  let tidal: TidalEmulator;
  let token: string;
  const endpoints = (JSON.parse(readFileSync(SPEC, "utf8")) as SpecEndpoint[]).filter(
    (e) => e.httpMethod !== null && e.path.startsWith("/"),
  );

  before(async () => {
    emulator = await startEmulator({ services: ["tidal"] });
    assert.ok(emulator.tidal instanceof TidalEmulator);
    tidal = emulator.tidal;
    token = tidal.issueToken().accessToken;
  });
  after(() => emulator.close());

  it("covers the 141 API endpoints and their path variants", async () => {
    assert.ok(endpoints.length >= 140);
    let requests = 0;
    for (const endpoint of endpoints) {
      const variants: SpecVariant[] = [{ httpMethod: endpoint.httpMethod as string, path: endpoint.path }];
      for (const v of endpoint.pathVariants ?? []) variants.push({ httpMethod: v.httpMethod, path: v.path });
      for (const variant of variants) {
        tidal.reset();
        token = tidal.issueToken().accessToken;
        // Blocking takes another user's ID; every other user_id path is the caller's own.
        const target = variant.path.startsWith("/v2/profiles/block/")
          ? String(TIDAL_SEED.users.third)
          : undefined;
        const path = variant.path.replace(/\{(\w+)\}/g, (_, name: string) => target ?? sample(name));
        const query = new URLSearchParams();
        const form = new URLSearchParams();
        for (const param of endpoint.params) {
          if (param.wireName === null) continue;
          if (param.wire === "query" && (param.required || param.wireName === "countryCode")) {
            query.set(param.wireName, sample(param.wireName));
          } else if (param.wire === "body" && param.required) {
            form.set(param.wireName, sample(param.wireName));
          }
        }
        // Where every body field is optional, send the first one, as a caller would.
        const firstBody = endpoint.params.find((p) => p.wire === "body" && p.wireName !== null);
        if ([...form.keys()].length === 0 && firstBody?.wireName)
          form.set(firstBody.wireName, sample(firstBody.wireName));
        if (path.startsWith("/v1/pages/")) query.set("deviceType", "BROWSER");
        if (variant.path.includes("favorites/playlists") && variant.httpMethod === "POST") {
          form.set("uuids", sample("uuids"));
        }
        const headers: Record<string, string> = {
          authorization: `Bearer ${token}`,
          "x-tidal-client-version": "2025.12.18",
        };
        if (endpoint.headers?.["If-None-Match"]) {
          headers["if-none-match"] = (tidal.playlistEtag(TIDAL_SEED.playlists.roadTrip) ?? "").replace(
            /"/g,
            "",
          );
        }
        let body: string | undefined;
        if ([...form.keys()].length > 0) {
          headers["content-type"] = "application/x-www-form-urlencoded";
          body = form.toString();
        }
        const qs = query.toString();
        const res = await fetch(`${emulator.urls.tidalApi}${path}${qs ? `?${qs}` : ""}`, {
          method: variant.httpMethod,
          headers,
          body,
        });
        const text = await res.text();
        requests++;
        const where = `${endpoint.group}.${endpoint.pyName}: ${variant.httpMethod} ${path}?${qs} -> ${res.status} ${text.slice(0, 200)}`;
        assert.ok(res.status >= 200 && res.status < 300, where);
      }
    }
    assert.ok(requests >= 145);
  });

  it("serves the profile endpoint on the login host", async () => {
    const res = await fetch(`${emulator.urls.tidalLogin}/oauth2/me`, {
      headers: { authorization: `Bearer ${token}`, "x-tidal-client-version": "2025.12.18" },
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { userId: number }).userId, TIDAL_SEED.users.main);
  });
});
