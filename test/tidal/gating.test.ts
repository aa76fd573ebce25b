/**
 * Gates that refuse a call before anything is sent: no user (no authorization flow), no subscription, and the
 * device flow's `r_usr` scope.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { ManualClock } from "../../src/core/clock.js";
import {
  AuthenticationRequiredError,
  MissingPermissionError,
  PermissionDeniedError,
  SubscriptionRequiredError,
} from "../../src/core/errors.js";
import type { Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import { PrivateTIDALAPIClient } from "../../src/tidal/index.js";
import {
  anonymousClient,
  deviceOptions,
  during,
  failing,
  startTidal,
  TIDAL_DEVICE_CLIENT_ID,
  userClient,
} from "./helpers.js";

interface SpecParam {
  tsName: string;
  pyKind: string;
  required: boolean;
}

interface SpecEntry {
  group: string;
  tsName: string;
  auth: string;
  docAuth: string | null;
  delegatesTo: string | null;
  params: SpecParam[];
}

const ALBUM = TIDAL_SEED.albums.tidewater;
const TRACK = TIDAL_SEED.tracks.lowWater;
const ROAD_TRIP = TIDAL_SEED.playlists.roadTrip;

/** A valid value for each argument name the spec uses. */
const VALUES: Record<string, unknown> = {
  albumId: ALBUM,
  artistId: TIDAL_SEED.artists.harborLights,
  trackId: TRACK,
  videoId: TIDAL_SEED.videos.tidewater,
  userId: TIDAL_SEED.users.third,
  playlistUuid: ROAD_TRIP,
  playlistUuids: [ROAD_TRIP],
  folderUuids: [TIDAL_SEED.folders.moods],
  mixIds: [TIDAL_SEED.mixes.myMix1],
  albumIds: [ALBUM],
  artistIds: [TIDAL_SEED.artists.harborLights],
  trackIds: [TRACK],
  videoIds: [TIDAL_SEED.videos.tidewater],
  name: "New",
  public: true,
  fromItemIndices: [0],
  toIndex: 1,
  itemIndex: 0,
  itemId: TRACK,
  itemIndices: [0],
  itemIds: [TRACK],
};

/** Optional arguments some methods need one of (a change to make, items to add). */
const OPTIONAL_GIVEN = new Set(["name", "itemIds"]);

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * Calls a method by its spec entry with valid arguments: positional-only ones in order, the rest as options.
 */
function invoke(client: PrivateTIDALAPIClient, entry: SpecEntry): Promise<unknown> {
  const group = (client as unknown as Record<string, Record<string, Method>>)[entry.group]!;
  const method = group[entry.tsName]!;
  const positional: unknown[] = [];
  const options: Record<string, unknown> = {};
  for (const param of entry.params) {
    if (param.pyKind === "positional-only") {
      positional.push(param.required ? VALUES[param.tsName] : undefined);
    } else if (param.required || OPTIONAL_GIVEN.has(param.tsName)) {
      options[param.tsName] = VALUES[param.tsName];
    }
  }
  return method.call(group, ...positional, options);
}

/** Methods that need a user: marked so in the endpoint list, the feed, and the personal mixes page. */
function needsUser(entry: SpecEntry, byName: Map<string, SpecEntry>): boolean {
  const target = entry.delegatesTo ? byName.get(entry.delegatesTo) : entry;
  if (!target) return false;
  if (target.auth === "user" || target.docAuth === "required") return true;
  return target.group === "feed" || target.tsName === "getPersonalizedMixesPage";
}

let emu: Emulator;
let spec: SpecEntry[];

describe("gates", () => {
  before(async () => {
    emu = await startTidal();
    const raw = await readFile(new URL("../data/tidal-private.endpoints.json", import.meta.url), "utf8");
    spec = (JSON.parse(raw) as SpecEntry[]).filter((e) => e.group !== "client");
  });

  after(async () => {
    await emu.close();
  });

  it("refuses every user method without an authorization flow, naming it, before sending anything", async () => {
    const client = anonymousClient(emu);
    const byName = new Map(
      spec.map((e) => [`${e.group}.${e.tsName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, e]),
    );
    const gated = spec.filter((e) => needsUser(e, byName));
    assert.ok(gated.length >= 95, `found ${gated.length} gated methods`);
    for (const entry of gated) {
      const { error, sent } = await failing(emu, () => invoke(client, entry));
      assert.ok(
        error instanceof AuthenticationRequiredError,
        `${entry.group}.${entry.tsName}: ${String(error)}`,
      );
      assert.equal(error.method, `${entry.group}.${entry.tsName}`);
      assert.deepEqual(sent, [], `${entry.group}.${entry.tsName} sent a request`);
    }
    await client.close();
  });

  it("lets the anonymous client use the catalogue with its client id", async () => {
    const client = anonymousClient(emu);
    const { answer, sent } = await during(emu, () => client.tracks.getTrackMediaInfo(TRACK));
    assert.equal(answer.trackId, TRACK);
    assert.equal(sent[0]?.headers["x-tidal-token"], "tidal-pkce-client");
    assert.equal(sent[0]?.headers["authorization"], undefined);
    const legacy = await client.playlists.getPlaylist(ROAD_TRIP, { apiVersion: 1, countryCode: "US" });
    assert.equal(legacy.uuid, ROAD_TRIP);
    // Version 2 of the same endpoint needs a user.
    await assert.rejects(client.playlists.getPlaylist(ROAD_TRIP), AuthenticationRequiredError);
    await client.close();
  });

  it("refuses lyrics and video playback without a subscription, asking the subscription once per token", async () => {
    const clock = new ManualClock(Date.now());
    const { client } = userClient(emu, { clock }, { userId: TIDAL_SEED.users.second });
    const first = await failing(emu, () => client.tracks.getTrackLyrics(TRACK));
    assert.ok(first.error instanceof SubscriptionRequiredError);
    assert.equal(first.error.method, "tracks.getTrackLyrics");
    assert.ok(!first.sent.some((s) => s.path.endsWith("/lyrics")), "the lyrics were not requested");
    assert.equal(first.sent.filter((s) => s.path.endsWith("/subscription")).length, 1);

    const second = await failing(emu, () => client.videos.getVideoMediaInfo(TIDAL_SEED.videos.tidewater));
    assert.ok(second.error instanceof SubscriptionRequiredError);
    assert.equal(second.error.method, "videos.getVideoMediaInfo");
    assert.deepEqual(second.sent, [], "the subscription answer was reused");

    // After the "user" TTL the subscription is asked again.
    await clock.advance(61_000);
    const third = await failing(emu, () => client.tracks.getTrackLyrics(TRACK));
    assert.ok(third.error instanceof SubscriptionRequiredError);
    assert.deepEqual(
      third.sent.map((s) => s.path),
      [`/v1/users/${TIDAL_SEED.users.second}/subscription`],
    );
    await client.close();
  });

  it("lets a subscriber through after one subscription lookup", async () => {
    const { client } = userClient(emu);
    const { answer, sent } = await during(emu, () =>
      client.tracks.getTrackLyrics(TRACK, { countryCode: "US" }),
    );
    assert.equal(answer.trackId, TRACK);
    assert.ok(sent.some((s) => s.path.endsWith("/subscription")));
    const again = await during(emu, () => client.videos.getVideoMediaInfo(TIDAL_SEED.videos.tidewater));
    assert.deepEqual(
      again.sent.map((s) => s.path),
      [`/v1/videos/${TIDAL_SEED.videos.tidewater}/playbackinfo`],
    );
    await client.close();
  });

  it("surfaces the service's refusal when the account loses the subscription between checks", async () => {
    const { client } = userClient(emu, {}, { subscription: false });
    // The token-level override is known to the playback route only, so the client's check passes and the
    // service's own 403 comes back typed.
    const { error } = await failing(emu, () => client.tracks.getTrackLyrics(TRACK));
    assert.ok(error instanceof PermissionDeniedError);
    assert.equal(error.status, 403);
    await client.close();
  });

  it("requires r_usr for every request of a device-flow client", async () => {
    const issued = emu.tidal!.issueToken({ clientId: TIDAL_DEVICE_CLIENT_ID, scopes: ["w_usr"] });
    const client = new PrivateTIDALAPIClient(
      deviceOptions(emu, { accessToken: issued.accessToken, scopes: "w_usr" }),
    );
    const refused = await failing(emu, () => client.albums.getAlbum(ALBUM, { countryCode: "US" }));
    assert.ok(refused.error instanceof MissingPermissionError);
    assert.deepEqual(refused.error.missing, ["r_usr"]);
    assert.equal(refused.error.method, "albums.getAlbum");
    assert.deepEqual(refused.sent, []);
    await client.close();

    const granted = emu.tidal!.issueToken({ clientId: TIDAL_DEVICE_CLIENT_ID, scopes: ["r_usr", "w_usr"] });
    const allowed = new PrivateTIDALAPIClient(
      deviceOptions(emu, { accessToken: granted.accessToken, scopes: ["r_usr", "w_usr"] }),
    );
    const album = await allowed.albums.getAlbum(ALBUM, { countryCode: "US" });
    assert.equal(album.id, ALBUM);
    await allowed.close();
  });
});
