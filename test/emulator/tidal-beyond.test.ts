import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ROLE_NAMES, startEmulator, type Emulator } from "../../src/emulator/index.js";
import { TIDAL_PKCE_CLIENT_ID, TIDAL_SEED, type TidalEmulator } from "../../src/emulator/tidal/index.js";

const VERSION = { "x-tidal-client-version": "2025.12.18" };
const STREAM = "playbackmode=STREAM&assetpresentation=FULL";

type Body = Record<string, unknown>;
interface Page<T = Body> {
  limit: number;
  offset: number;
  totalNumberOfItems: number;
  items: T[];
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

function decodeBase64(value: unknown): string {
  assert.equal(typeof value, "string");
  return Buffer.from(value as string, "base64").toString("utf8");
}

/** The segment URLs of an MPD by the DASH rules: each `S` stands for r+1 segments, numbered from startNumber. */
function dashSegments(mpd: string): { init: string; media: string[]; tidalapiCount: number } {
  const attribute = (name: string): string => {
    const value = new RegExp(`\\s${name}="([^"]*)"`).exec(mpd)?.[1];
    assert.ok(value !== undefined, `MPD has ${name}`);
    return value.replace(/&amp;/g, "&");
  };
  const start = Number(attribute("startNumber"));
  const timeline = [...mpd.matchAll(/<S d="(\d+)"(?: r="(\d+)")?\/>/g)];
  assert.ok(timeline.length > 0, "the MPD has a SegmentTimeline");
  const count = timeline.reduce((sum, s) => sum + Number(s[2] ?? 0) + 1, 0);
  const template = attribute("media");
  const media = Array.from({ length: count }, (_, i) => template.replace("$Number$", String(start + i)));
  // tidalapi's rule: 2 + Σ(r if set else 1) URLs, the init segment included.
  const tidalapiCount = 2 + timeline.reduce((sum, s) => sum + (s[2] !== undefined ? Number(s[2]) : 1), 0);
  return { init: attribute("initialization"), media, tidalapiCount };
}

async function bytes(url: string, init?: RequestInit): Promise<{ status: number; body: Buffer }> {
  const res = await fetch(url, init);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

describe("TIDAL emulator: routes beyond the seed", () => {
  let emulator: Emulator;
  let tidal: TidalEmulator;
  let user: string;
  let noSub: string;
  const anon = { "x-tidal-token": TIDAL_PKCE_CLIENT_ID };
  const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

  before(async () => {
    emulator = await startEmulator({ services: ["tidal"] });
    tidal = emulator.tidal as TidalEmulator;
    user = tidal.issueToken().accessToken;
    noSub = tidal.issueToken({ userId: tidal.secondUserId }).accessToken;
  });
  after(() => emulator.close());

  async function call(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    role: "tidalApi" | "tidalOpenApi" = "tidalApi",
  ): Promise<Answer> {
    const res = await fetch(`${emulator.urls[role]}${path}`, { method, headers: { ...VERSION, ...headers } });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text === "" ? null : (JSON.parse(text) as unknown),
    };
  }
  const get = (path: string, headers?: Record<string, string>): Promise<Answer> => call("GET", path, headers);

  async function playback(trackId: number, query: string, headers = bearer(user)): Promise<Body> {
    const res = await get(`/v1/tracks/${trackId}/playbackinfopostpaywall?${query}`, headers);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as Body;
  }

  describe("track playback info (post-paywall) and the CDN", () => {
    it("answers LOW and HIGH with a BTS manifest whose file is the track's bytes", async () => {
      const { lowWater } = TIDAL_SEED.tracks;
      for (const [quality, codecs] of [
        ["LOW", "mp4a.40.5"],
        ["HIGH", "mp4a.40.2"],
      ] as const) {
        const info = await playback(lowWater, `audioquality=${quality}&${STREAM}&countryCode=US`);
        assert.equal(info.trackId, lowWater);
        assert.equal(info.assetPresentation, "FULL");
        assert.equal(info.audioMode, "STEREO");
        assert.equal(info.audioQuality, quality);
        assert.equal(info.manifestMimeType, "application/vnd.tidal.bts");
        assert.equal(info.bitDepth, null);
        assert.equal(info.sampleRate, null);
        assert.equal(typeof info.manifestHash, "string");
        assert.equal(typeof info.streamingSessionId, "string");
        assert.equal(typeof info.trackReplayGain, "number");
        assert.ok(!("licenseSecurityToken" in info), "an unprotected stream names no licence");
        const manifest = JSON.parse(decodeBase64(info.manifest)) as Body & { urls: string[] };
        assert.equal(manifest.mimeType, "audio/mp4");
        assert.equal(manifest.codecs, codecs);
        assert.equal(manifest.encryptionType, "NONE");
        assert.equal(manifest.urls.length, 1);
        const file = await bytes(manifest.urls[0] as string);
        assert.equal(file.status, 200);
        assert.deepEqual(file.body, tidal.mediaBytes(lowWater, quality));
        assert.equal(file.body.subarray(4, 8).toString("latin1"), "ftyp");
      }
    });

    it("answers LOSSLESS with a DASH manifest whose segments follow the MPD exactly", async () => {
      const { lowWater } = TIDAL_SEED.tracks;
      const info = await playback(
        lowWater,
        `audioquality=LOSSLESS&${STREAM}&immersiveaudio=false&countryCode=US`,
      );
      assert.equal(info.audioQuality, "LOSSLESS");
      assert.equal(info.manifestMimeType, "application/dash+xml");
      assert.equal(info.bitDepth, 16);
      assert.equal(info.sampleRate, 44100);
      const mpd = decodeBase64(info.manifest);
      // tidalapi splits on this exact declaration and calls int() on audioSamplingRate.
      assert.ok(mpd.startsWith("<?xml version='1.0' encoding='UTF-8'?>"));
      assert.match(mpd, /audioSamplingRate="44100"/);
      assert.match(mpd, /<Representation id="[A-Z_]+,44100,16" codecs="flac"/);
      assert.match(mpd, /mimeType="audio\/mp4"/);
      assert.doesNotMatch(mpd, /ContentProtection/);
      assert.match(mpd, /<S d="176128" r="\d+"\/>\s*<S d="\d+"\/>/, "TIDAL's usual [S r=N][S] pattern");

      const { init, media, tidalapiCount } = dashSegments(mpd);
      assert.equal(tidalapiCount, media.length + 1, "tidalapi's count is exact for this pattern");
      const parts: Buffer[] = [];
      for (const url of [init, ...media]) {
        const part = await bytes(url);
        assert.equal(part.status, 200, url);
        parts.push(part.body);
      }
      assert.deepEqual(Buffer.concat(parts), tidal.mediaBytes(lowWater, "LOSSLESS"));
      assert.equal(parts[0]?.subarray(4, 8).toString("latin1"), "ftyp");
      assert.equal(parts[1]?.subarray(4, 8).toString("latin1"), "moof");

      const last = media.at(-1) as string;
      const pastEnd = last.replace(`/${media.length}.mp4`, `/${media.length + 1}.mp4`);
      assert.notEqual(pastEnd, last);
      assert.equal((await bytes(pastEnd)).status, 500, "the CDN answers 500 past the last segment");
      assert.equal((await bytes(pastEnd, { method: "HEAD" })).status, 500, "also to a HEAD probe");
      assert.equal((await bytes(last, { method: "HEAD" })).status, 200);
      assert.equal((await bytes(last.replace(/\?token=.*$/, ""))).status, 403, "the token is required");
    });

    it("delivers HI_RES_LOSSLESS at 24 bit / 96 kHz and falls back to the album's best quality", async () => {
      const hires = await playback(TIDAL_SEED.tracks.paperMoons, `audioquality=HI_RES_LOSSLESS&${STREAM}`);
      assert.equal(hires.audioQuality, "HI_RES_LOSSLESS");
      assert.equal(hires.bitDepth, 24);
      assert.equal(hires.sampleRate, 96000);
      const mpd = decodeBase64(hires.manifest);
      assert.match(mpd, /<Representation id="FLAC_HIRES,96000,24"[^>]*audioSamplingRate="96000"/);
      assert.match(mpd, /timescale="96000"/);
      const capped = await playback(TIDAL_SEED.tracks.lowWater, `audioquality=HI_RES_LOSSLESS&${STREAM}`);
      assert.equal(capped.audioQuality, "LOSSLESS", "Tidewater is a LOSSLESS album");
      assert.equal(capped.manifestMimeType, "application/dash+xml");
    });

    it("applies the playback rules: previews without a plan, offline only with one, bad input refused", async () => {
      const { lowWater, undertow } = TIDAL_SEED.tracks;
      const path = `audioquality=LOSSLESS&${STREAM}`;
      for (const headers of [anon, bearer(noSub)]) {
        const preview = await playback(lowWater, path, headers);
        assert.equal(preview.assetPresentation, "PREVIEW");
        assert.equal(preview.audioQuality, "HIGH");
        assert.equal(preview.manifestMimeType, "application/vnd.tidal.bts");
      }
      // A subscriber may ask for a preview too: the first 30 seconds.
      const clip = await playback(
        lowWater,
        "audioquality=LOSSLESS&playbackmode=STREAM&assetpresentation=PREVIEW",
      );
      assert.equal(clip.assetPresentation, "PREVIEW");
      const clipMpd = decodeBase64(clip.manifest);
      assert.match(clipMpd, /mediaPresentationDuration="PT30\.000S"/);
      const clipSegments = dashSegments(clipMpd);
      assert.equal(clipSegments.media.length, Math.ceil((30 * 44100) / 176128));
      const clipParts = await Promise.all([clipSegments.init, ...clipSegments.media].map((u) => bytes(u)));
      assert.deepEqual(
        Buffer.concat(clipParts.map((p) => p.body)),
        tidal.mediaBytes(lowWater, "LOSSLESS", "PREVIEW"),
      );

      const offline = "audioquality=HIGH&playbackmode=OFFLINE&assetpresentation=FULL";
      const refused = await get(`/v1/tracks/${lowWater}/playbackinfopostpaywall?${offline}`, bearer(noSub));
      assert.equal(refused.status, 403);
      assert.equal((refused.body as Body).subStatus, 4005);
      const kept = await playback(lowWater, offline);
      assert.equal(typeof kept.offlineValidUntil, "number");
      assert.ok((kept.offlineValidUntil as number) > (kept.offlineRevalidateAt as number));

      const bad = async (query: string, id: number = lowWater): Promise<Answer> =>
        get(`/v1/tracks/${id}/playbackinfopostpaywall?${query}`, bearer(user));
      assert.equal((await bad(`audioquality=ULTRA&${STREAM}`)).status, 400);
      assert.equal((await bad(`audioquality=HIGH&playbackmode=LATER`)).status, 400);
      assert.equal((await bad(`audioquality=HIGH&${STREAM}&immersiveaudio=maybe`)).status, 400);
      assert.equal((await bad(`audioquality=HIGH&${STREAM}&countryCode=USA`)).status, 400);
      assert.equal(
        (await bad(`audioquality=HIGH&${STREAM}`, undertow)).status,
        404,
        "not available in the US",
      );
      assert.equal((await bad(`audioquality=HIGH&${STREAM}`, 999)).status, 404);
      assert.equal((await get(`/v1/tracks/${lowWater}/playbackinfopostpaywall?${path}`, {})).status, 401);
    });

    it("marks the protected track's streams: ContentProtection, a licence token, OLD_AES", async () => {
      const id = TIDAL_SEED.tracks.protectedHover;
      const dash = await playback(id, `audioquality=LOSSLESS&${STREAM}`);
      assert.equal(typeof dash.licenseSecurityToken, "string");
      const mpd = decodeBase64(dash.manifest);
      assert.match(
        mpd,
        /<ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cbcs" cenc:default_KID="[0-9a-f-]{36}"\/>/,
      );
      assert.match(mpd, /schemeIdUri="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"/);
      // The protected stream is served like any other; only its description says what it is.
      const { init } = dashSegments(mpd);
      assert.equal((await bytes(init)).status, 200);

      const bts = await playback(id, `audioquality=HIGH&${STREAM}`);
      const manifest = JSON.parse(decodeBase64(bts.manifest)) as Body;
      assert.equal(manifest.encryptionType, "OLD_AES");
      assert.equal(typeof manifest.keyId, "string");
    });

    it("answers a video with an EMU manifest naming an HLS master playlist with its variants", async () => {
      const id = TIDAL_SEED.videos.tidewater;
      const path = `/v1/videos/${id}/playbackinfopostpaywall?videoquality=HIGH&${STREAM}`;
      assert.equal((await get(path, bearer(noSub))).status, 403);
      assert.equal((await get(path, anon)).status, 401);
      const res = await get(path, bearer(user));
      assert.equal(res.status, 200);
      const info = res.body as Body;
      assert.equal(info.videoId, id);
      assert.equal(info.streamType, "ON_DEMAND");
      assert.equal(info.videoQuality, "HIGH");
      assert.equal(info.assetPresentation, "FULL");
      assert.equal(info.manifestMimeType, "application/vnd.tidal.emu");
      const manifest = JSON.parse(decodeBase64(info.manifest)) as { mimeType: string; urls: string[] };
      assert.equal(manifest.mimeType, "application/vnd.apple.mpegurl");
      const masterRes = await fetch(manifest.urls[0] as string);
      assert.equal(masterRes.status, 200);
      assert.equal(masterRes.headers.get("content-type"), "application/vnd.apple.mpegurl");
      const master = await masterRes.text();
      assert.ok(master.startsWith("#EXTM3U"));
      const variants = [...master.matchAll(/#EXT-X-STREAM-INF:.*RESOLUTION=(\d+)x(\d+).*\n(\S+)/g)];
      assert.deepEqual(
        variants.map((v) => Number(v[2])),
        [360, 720, 1080],
      );
      const best = variants.at(-1)?.[3] as string;
      const media = await (await fetch(best)).text();
      assert.match(media, /#EXT-X-ENDLIST/);
      const segments = [...media.matchAll(/^(http\S+\.ts\S*)$/gm)].map((m) => m[1] as string);
      assert.equal(segments.length, Math.ceil(245 / 10), "one 10-second segment per started 10 seconds");
      const first = await bytes(segments[0] as string);
      assert.equal(first.status, 200);
      assert.equal(first.body[0], 0x47, "an MPEG-TS packet");
      const pastEnd = (segments.at(-1) as string).replace(
        /\/(\d+)\.ts/,
        (_, n: string) => `/${Number(n) + 1}.ts`,
      );
      assert.equal((await bytes(pastEnd)).status, 500);

      const low = await get(
        `/v1/videos/${id}/playbackinfopostpaywall?videoquality=LOW&${STREAM}`,
        bearer(user),
      );
      const lowMaster = await (
        await fetch(
          (JSON.parse(decodeBase64((low.body as Body).manifest)) as { urls: string[] }).urls[0] as string,
        )
      ).text();
      assert.equal([...lowMaster.matchAll(/RESOLUTION=/g)].length, 1, "no variant above the granted quality");
      const live = await get(
        `/v1/videos/${TIDAL_SEED.videos.paperMoonsLive}/playbackinfopostpaywall?videoquality=HIGH&${STREAM}`,
        bearer(user),
      );
      assert.equal((live.body as Body).videoQuality, "MEDIUM", "a 720p video is capped at MEDIUM");
    });
  });

  describe("v2 home feed", () => {
    const feed = "/v2/home/feed/static?countryCode=US&deviceType=BROWSER&platform=WEB&locale=en_US";

    it("pages modules of several types with a cursor, MIX items as v2 mixes", async () => {
      const first = await get(feed, bearer(user));
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const page1 = first.body as { items: Body[]; page?: { cursor: string } };
      const cursor = page1.page?.cursor;
      assert.equal(typeof cursor, "string");
      const second = await get(`${feed}&cursor=${encodeURIComponent(cursor as string)}`, bearer(user));
      assert.equal(second.status, 200);
      const page2 = second.body as { items: Body[]; page?: unknown };
      assert.ok(page2.items.length > 0);
      assert.equal(page2.page, undefined, "the last page names no next cursor");

      const modules = [...page1.items, ...page2.items];
      const ids = modules.map((m) => m.moduleId);
      assert.equal(new Set(ids).size, ids.length, "the second page continues, it does not repeat");
      const types = new Set(modules.map((m) => m.type));
      assert.ok(types.size >= 3, [...types].join());
      for (const type of types) {
        assert.ok(
          ["SHORTCUT_LIST", "HORIZONTAL_LIST", "HORIZONTAL_LIST_WITH_CONTEXT", "TRACK_LIST"].includes(
            type as string,
          ),
        );
      }
      const items = modules.flatMap((m) => m.items as { type: string; data: Body }[]);
      for (const entry of items)
        assert.ok(["PLAYLIST", "VIDEO", "TRACK", "ARTIST", "ALBUM", "MIX"].includes(entry.type));
      const mix = items.find((i) => i.type === "MIX")?.data;
      assert.ok(mix, "the feed holds mixes");
      assert.equal(typeof mix.id, "string");
      assert.ok(
        Array.isArray(mix.mixImages) && (mix.mixImages as Body[]).every((i) => typeof i.url === "string"),
      );
      assert.equal(typeof (mix.titleTextInfo as Body).text, "string");
      assert.equal(mix.countryCode, "US");
      const album = items.find((i) => i.type === "ALBUM")?.data;
      assert.equal(typeof album?.title, "string", "other items carry the v1 object");
    });

    it("requires a user, the client version header and the query the clients send", async () => {
      assert.equal((await get(feed, anon)).status, 401);
      const noVersion = await fetch(`${emulator.urls.tidalApi}${feed}`, { headers: bearer(user) });
      assert.equal(noVersion.status, 400);
      await noVersion.text();
      assert.equal((await get(feed.replace("deviceType=BROWSER&", ""), bearer(user))).status, 400);
      assert.equal((await get(feed.replace("countryCode=US&", ""), bearer(user))).status, 400);
      assert.equal((await get(`${feed}&cursor=nonsense`, bearer(user))).status, 400);
      assert.equal((await get(feed.replace("static", "relax"), bearer(user))).status, 404);
    });
  });

  describe("album tracks and track radio", () => {
    it("lists an album's bare tracks by offset, filtered by country", async () => {
      const { tidewater, paperMoons } = TIDAL_SEED.albums;
      const all = (await get(`/v1/albums/${tidewater}/tracks?countryCode=US&limit=100`, anon)).body as Page;
      assert.equal(all.totalNumberOfItems, 10, "two of the twelve are not available in the US");
      assert.ok(
        all.items.every((t) => typeof t.id === "number" && typeof t.title === "string" && !("item" in t)),
      );
      assert.ok(!all.items.some((t) => t.id === TIDAL_SEED.tracks.undertow));
      const tail = (await get(`/v1/albums/${tidewater}/tracks?countryCode=US&limit=4&offset=8`, anon))
        .body as Page;
      assert.deepEqual(
        tail.items.map((t) => t.id),
        all.items.slice(8).map((t) => t.id),
      );
      const gb = (await get(`/v1/albums/${paperMoons}/tracks?countryCode=GB`, anon)).body as Page;
      assert.equal(gb.totalNumberOfItems, 7);
      assert.equal(
        (await get(`/v1/albums/${TIDAL_SEED.albums.fernSessions}/tracks?countryCode=DE`, anon)).status,
        404,
      );
    });

    it("answers a track radio as a page of other tracks, and 404 for a track without one", async () => {
      const { lowWater, horizonMarch } = TIDAL_SEED.tracks;
      const radio = await get(`/v1/tracks/${lowWater}/radio?countryCode=US&limit=100`, bearer(user));
      assert.equal(radio.status, 200);
      const page = radio.body as Page;
      assert.ok(page.totalNumberOfItems >= 5);
      assert.equal(page.items.length, page.totalNumberOfItems);
      const ids = page.items.map((t) => t.id as number);
      assert.ok(!ids.includes(lowWater), "the radio plays other tracks");
      assert.ok(!ids.includes(TIDAL_SEED.tracks.undertow), "nothing unavailable in the country");
      assert.equal(new Set(ids).size, ids.length);
      const second = (await get(`/v1/tracks/${lowWater}/radio?countryCode=US&limit=2&offset=2`, bearer(user)))
        .body as Page;
      assert.deepEqual(
        second.items.map((t) => t.id),
        ids.slice(2, 4),
      );
      const none = await get(`/v1/tracks/${horizonMarch}/radio?countryCode=US`, bearer(user));
      assert.equal(none.status, 404);
      assert.equal((none.body as Body).subStatus, 2001);
      assert.equal((await get(`/v1/tracks/999/radio?countryCode=US`, bearer(user))).status, 404);
      assert.equal(
        (await get(`/v1/tracks/${lowWater}/radio`, bearer(user))).status,
        400,
        "countryCode required",
      );
    });
  });

  describe("playlist folder rename", () => {
    const folders = "/v2/my-collection/playlists/folders?folderId=root&includeOnly=FOLDER";
    const rename = (trn: string, name: string, token = user): Promise<Answer> =>
      call(
        "PUT",
        `/v2/my-collection/playlists/folders/rename?trn=${encodeURIComponent(trn)}&name=${encodeURIComponent(name)}&countryCode=US`,
        bearer(token),
      );

    it("renames a folder, and the folder listing shows the new name", async () => {
      const trn = `trn:folder:${TIDAL_SEED.folders.moods}`;
      const res = await rename(trn, "Evening Moods");
      assert.equal(res.status, 204);
      const listing = (await get(folders, bearer(user))).body as { items: Body[] };
      const entry = listing.items.find((i) => i.trn === trn);
      assert.equal(entry?.name, "Evening Moods");
      assert.equal((entry?.data as Body).name, "Evening Moods");
      assert.equal(tidal.folders().find((f) => f.id === TIDAL_SEED.folders.moods)?.name, "Evening Moods");
    });

    it("refuses unknown folders, other users, bad trns and blank names", async () => {
      const trn = `trn:folder:${TIDAL_SEED.folders.archive}`;
      assert.equal((await rename("trn:folder:00000000-0000-4000-8000-000000000000", "X")).status, 404);
      assert.equal((await rename(trn, "Mine now", noSub)).status, 404, "another user's folder");
      assert.equal((await rename(`trn:playlist:${TIDAL_SEED.playlists.focus}`, "X")).status, 400);
      assert.equal((await rename(trn, "   ")).status, 400);
      const anonymous = await call(
        "PUT",
        `/v2/my-collection/playlists/folders/rename?trn=${trn}&name=X`,
        anon,
      );
      assert.equal(anonymous.status, 401);
      assert.equal(tidal.folders().find((f) => f.id === TIDAL_SEED.folders.archive)?.name, "Archive");
    });
  });

  describe("openapi host: ISRC and UPC lookups", () => {
    const open = (path: string, headers = bearer(user)): Promise<Answer> =>
      call("GET", path, headers, "tidalOpenApi");

    it("is the seventh role", () => {
      assert.equal(ROLE_NAMES.length, 7);
      assert.equal(ROLE_NAMES.at(-1), "tidalOpenApi");
      assert.match(emulator.urls.tidalOpenApi, /^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it("finds tracks by ISRC as JSON:API resources, and answers an empty data array for no match", async () => {
      const res = await open("/v2/tracks?countryCode=US&filter[isrc]=USSM10024274");
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "application/vnd.api+json");
      const data = (res.body as { data: Body[] }).data;
      assert.equal(data.length, 1);
      assert.equal(data[0]?.id, String(TIDAL_SEED.tracks.brother));
      assert.equal(data[0]?.type, "tracks");
      assert.equal((data[0]?.attributes as Body).isrc, "USSM10024274");
      assert.equal((data[0]?.attributes as Body).title, "Brother");

      const seeded = tidal.state.tracks.get(TIDAL_SEED.tracks.lowWater)?.isrc as string;
      const two = await open(
        `/v2/tracks?countryCode=US&filter%5Bisrc%5D=USSM10024274&filter%5Bisrc%5D=${seeded}`,
      );
      assert.deepEqual(
        (two.body as { data: Body[] }).data.map((d) => d.id),
        [String(TIDAL_SEED.tracks.lowWater), String(TIDAL_SEED.tracks.brother)],
      );
      const none = await open("/v2/tracks?countryCode=US&filter[isrc]=USAAA9999999");
      assert.equal(none.status, 200);
      assert.deepEqual((none.body as { data: unknown[] }).data, []);
    });

    it("finds albums by barcode, filtered by country", async () => {
      const res = await open("/v2/albums?countryCode=US&filter[barcodeId]=884977869965");
      assert.equal(res.status, 200);
      const data = (res.body as { data: Body[] }).data;
      assert.equal(data[0]?.id, "24700142");
      assert.equal(data[0]?.type, "albums");
      assert.equal((data[0]?.attributes as Body).barcodeId, "884977869965");
      const ferns = tidal.state.albums.get(TIDAL_SEED.albums.fernSessions)?.upc as string;
      const us = await open(`/v2/albums?countryCode=US&filter[barcodeId]=${ferns}`);
      assert.equal((us.body as { data: unknown[] }).data.length, 1);
      const de = await open(`/v2/albums?countryCode=DE&filter[barcodeId]=${ferns}`);
      assert.deepEqual((de.body as { data: unknown[] }).data, [], "Fern Sessions is not available in DE");
    });

    it("answers errors in the JSON:API shape", async () => {
      const malformed = await open("/v2/tracks?countryCode=US&filter[isrc]=not-an-isrc");
      assert.equal(malformed.status, 400);
      const [error] = (malformed.body as { errors: Body[] }).errors;
      assert.equal(error?.status, "400");
      assert.equal(typeof error?.code, "string");
      assert.match(error?.detail as string, /filter\[isrc\]/);
      assert.ok(!("status" in (malformed.body as Body)), "nothing but errors at the top level");

      assert.equal((await open("/v2/albums?countryCode=US&filter[barcodeId]=12AB")).status, 400);
      assert.equal((await open("/v2/tracks?filter[isrc]=USSM10024274")).status, 400, "countryCode required");
      assert.equal((await open("/v2/tracks?countryCode=US")).status, 400, "a filter is required");
      const anonymous = await open("/v2/tracks?countryCode=US&filter[isrc]=USSM10024274", {});
      assert.equal(anonymous.status, 401);
      assert.equal(((anonymous.body as { errors: Body[] }).errors[0] as Body).status, "401");
      const revoked = tidal.issueToken().accessToken;
      tidal.revokeToken(revoked);
      assert.equal(
        (await open("/v2/tracks?countryCode=US&filter[isrc]=USSM10024274", bearer(revoked))).status,
        401,
      );
      const unknown = await open("/v2/artists?countryCode=US");
      assert.equal(unknown.status, 404);
      assert.ok(Array.isArray((unknown.body as Body).errors));
    });
  });
});
