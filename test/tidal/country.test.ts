/**
 * Country code resolution (spec §2.6): an explicit code is sent as given (upper-cased); else a user's profile
 * country; else `GET /v1/country` — each looked up once, not both every time.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ValidationError } from "../../src/core/errors.js";
import type { Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import { anonymousClient, during, failing, startTidal, userClient } from "./helpers.js";

const ALBUM = TIDAL_SEED.albums.tidewater;
let emu: Emulator;

describe("country code resolution", () => {
  before(async () => {
    // The IP-based answer differs from every seeded account's country, so the source of each code is visible.
    emu = await startTidal({ tidal: { countryCode: "SE" } });
  });

  after(async () => {
    await emu.close();
  });

  it("sends an explicit code without looking anything up", async () => {
    const client = anonymousClient(emu);
    const { sent } = await during(emu, () => client.albums.getAlbum(ALBUM, { countryCode: "de" }));
    assert.deepEqual(
      sent.map((s) => `${s.path}?${new URLSearchParams(s.query as Record<string, string>)}`),
      [`/v1/albums/${ALBUM}?countryCode=DE`],
    );
    await client.close();
  });

  it("rejects codes that are not assigned ISO 3166-1 alpha-2 codes, before any request", async () => {
    const client = anonymousClient(emu);
    for (const bad of ["USA", "U1", "", "EU", 42]) {
      const { error, sent } = await failing(emu, () =>
        client.albums.getAlbum(ALBUM, { countryCode: bad as string }),
      );
      assert.ok(error instanceof ValidationError, String(bad));
      assert.equal(error.parameter, "countryCode");
      assert.deepEqual(sent, []);
    }
    await client.close();
  });

  it("asks GET /v1/country once for an anonymous client, even with the cache off", async () => {
    const client = anonymousClient(emu, { enableCache: false });
    const { sent } = await during(emu, async () => {
      await client.albums.getAlbum(ALBUM);
      await client.tracks.getTrack(TIDAL_SEED.tracks.lowWater);
      await client.artists.getArtist(TIDAL_SEED.artists.harborLights);
    });
    assert.deepEqual(
      sent.map((s) => s.path),
      [
        "/v1/country",
        `/v1/albums/${ALBUM}`,
        `/v1/tracks/${TIDAL_SEED.tracks.lowWater}`,
        `/v1/artists/${TIDAL_SEED.artists.harborLights}`,
      ],
    );
    assert.ok(sent.slice(1).every((s) => s.query.countryCode === "SE"));
    await client.close();
  });

  it("uses the profile's country for a user, without asking GET /v1/country", async () => {
    const { client } = userClient(emu, { enableCache: false }, { userId: TIDAL_SEED.users.second });
    const { sent } = await during(emu, async () => {
      await client.albums.getAlbum(TIDAL_SEED.albums.nightFerry);
      await client.users.getUserSavedTracks();
    });
    assert.deepEqual(
      sent.map((s) => `${s.role} ${s.path}`),
      [
        "tidalLogin /oauth2/me",
        `tidalApi /v1/albums/${TIDAL_SEED.albums.nightFerry}`,
        `tidalApi /v1/users/${TIDAL_SEED.users.second}/favorites/tracks`,
      ],
    );
    assert.ok(sent.slice(1).every((s) => s.query.countryCode === "GB"));
    await client.close();
  });

  it("falls back to GET /v1/country when the profile has no country", async () => {
    const { client } = userClient(emu);
    emu.faults.inject({
      role: "tidalLogin",
      path: "/oauth2/me",
      status: 200,
      json: { userId: TIDAL_SEED.users.main },
    });
    const { sent } = await during(emu, () => client.albums.getAlbum(ALBUM));
    assert.deepEqual(
      sent.map((s) => s.path),
      ["/oauth2/me", "/v1/country", `/v1/albums/${ALBUM}`],
    );
    assert.equal(sent[2]?.query.countryCode, "SE");
    await client.close();
  });

  it("resolves again after the account changes", async () => {
    const { client } = userClient(emu);
    const first = await during(emu, () => client.albums.getAlbum(ALBUM));
    assert.equal(first.sent.at(-1)?.query.countryCode, "US");
    const other = emu.tidal!.issueToken({ userId: TIDAL_SEED.users.third });
    client.setAccessToken(other.accessToken);
    const second = await during(emu, () => client.albums.getAlbum(TIDAL_SEED.albums.nightFerry));
    assert.deepEqual(
      second.sent.map((s) => s.path),
      ["/oauth2/me", `/v1/albums/${TIDAL_SEED.albums.nightFerry}`],
    );
    assert.equal(second.sent.at(-1)?.query.countryCode, "DE");
    assert.deepEqual(await client.getCountryCode(), { countryCode: "SE" });
    await client.close();
  });
});
