/** Expired tokens, rate limits, error pages and the default request pacing. */
import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { ManualClock } from "../../src/core/clock.js";
import { AuthenticationError, RateLimitError, ServiceUnavailableError } from "../../src/core/errors.js";
import type { Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import { anonymousClient, during, failing, startTidal, userClient } from "./helpers.js";

const ALBUM = TIDAL_SEED.albums.tidewater;
const US = { countryCode: "US" };
let emu: Emulator;

describe("resilience", () => {
  before(async () => {
    emu = await startTidal();
  });

  after(async () => {
    await emu.close();
  });

  it("refreshes an expired token once and resends the request", async () => {
    const { client, accessToken } = userClient(emu);
    emu.tidal!.expireToken(accessToken);
    const refreshes = emu.tidal!.countTokenRequests("refresh_token");
    const { answer, sent } = await during(emu, () => client.albums.getAlbum(ALBUM, US));
    assert.equal(answer.id, ALBUM);
    assert.equal(emu.tidal!.countTokenRequests("refresh_token"), refreshes + 1);
    const albumRequests = sent.filter((s) => s.path === `/v1/albums/${ALBUM}`);
    assert.deepEqual(
      albumRequests.map((s) => s.status),
      [401, 200],
    );
    assert.equal(albumRequests[0]?.headers["authorization"], `Bearer ${accessToken}`);
    assert.notEqual(albumRequests[1]?.headers["authorization"], `Bearer ${accessToken}`);
    assert.ok(sent.some((s) => s.role === "tidalAuth" && s.path === "/v1/oauth2/token"));
    // The new token keeps working without another refresh.
    await client.tracks.getTrack(TIDAL_SEED.tracks.lowWater, US);
    assert.equal(emu.tidal!.countTokenRequests("refresh_token"), refreshes + 1);
    await client.close();
  });

  it("gives up after one renewal when the new token is refused too", async () => {
    const { client, accessToken } = userClient(emu);
    emu.tidal!.expireToken(accessToken);
    emu.faults.inject({
      role: "tidalApi",
      path: `/v1/albums/${ALBUM}`,
      times: 2,
      status: 401,
      json: { status: 401, subStatus: 11002, userMessage: "Token has invalid payload" },
    });
    const { error, sent } = await failing(emu, () => client.albums.getAlbum(ALBUM, US));
    assert.ok(error instanceof AuthenticationError);
    assert.equal(error.subStatus, 11002);
    assert.equal(sent.filter((s) => s.path === `/v1/albums/${ALBUM}`).length, 2);
    assert.ok(!error.message.includes(accessToken));
    await client.close();
  });

  it("waits for Retry-After on 429 and then succeeds", async () => {
    const client = anonymousClient(emu);
    emu.faults.inject({
      role: "tidalApi",
      path: `/v1/albums/${ALBUM}`,
      status: 429,
      headers: { "retry-after": "1" },
      json: { status: 429, subStatus: 9001, userMessage: "Too many requests" },
    });
    const started = Date.now();
    const { answer, sent } = await during(emu, () => client.albums.getAlbum(ALBUM, US));
    const waited = Date.now() - started;
    assert.equal(answer.id, ALBUM);
    assert.deepEqual(
      sent.map((s) => s.status),
      [429, 200],
    );
    assert.ok(waited >= 950, `waited ${waited} ms`);
    await client.close();
  });

  it("reports a 429 as RateLimitError when no retry is allowed", async () => {
    const client = anonymousClient(emu, { maxRetries: 0 });
    emu.faults.inject({
      role: "tidalApi",
      path: `/v1/albums/${ALBUM}`,
      status: 429,
      headers: { "retry-after": "7" },
      json: { status: 429, subStatus: 9001, userMessage: "Too many requests" },
    });
    const { error } = await failing(emu, () => client.albums.getAlbum(ALBUM, US));
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.retryAfter, 7);
    assert.equal(error.status, 429);
    await client.close();
  });

  it("turns an HTML error page into a typed error instead of a parse failure", async () => {
    const client = anonymousClient(emu, { maxRetries: 0 });
    emu.faults.inject({ role: "tidalApi", path: `/v1/albums/${ALBUM}`, html: true });
    const { error } = await failing(emu, () => client.albums.getAlbum(ALBUM, US));
    assert.ok(error instanceof ServiceUnavailableError);
    assert.equal(error.status, 502);
    assert.match(error.message, /not JSON/);
    await client.close();
  });

  it("retries a failed read but never a failed write", async () => {
    const { client } = userClient(emu, { maxRetries: 2 });
    await client.users.getMe();
    emu.faults.inject({ role: "tidalApi", path: `/v1/albums/${ALBUM}`, status: 503, json: { status: 503 } });
    const read = await during(emu, () => client.albums.getAlbum(ALBUM, US));
    assert.equal(read.answer.id, ALBUM);
    emu.faults.inject({ role: "tidalApi", method: "POST", status: 503, json: { status: 503 } });
    const write = await failing(emu, () => client.tracks.blockTrack(5810010));
    assert.ok(write.error instanceof ServiceUnavailableError);
    assert.equal(write.sent.filter((s) => s.method === "POST").length, 1);
    await client.close();
  });

  it("paces requests to a burst of 12, then about four a second, by default", async () => {
    const clock = new ManualClock(Date.now());
    const client = anonymousClient(emu, { limitRate: undefined, enableCache: false, clock });
    const before = emu.requestsTo("tidalApi").length;
    const calls = Array.from({ length: 13 }, () => client.albums.getAlbum(ALBUM, US));
    for (let i = 0; i < 100 && emu.requestsTo("tidalApi").length - before < 12; i++) await delay(10);
    await delay(50);
    assert.equal(emu.requestsTo("tidalApi").length - before, 12, "the thirteenth waits for the bucket");
    await clock.advance(250);
    const answers = await Promise.all(calls);
    assert.equal(answers.length, 13);
    assert.equal(emu.requestsTo("tidalApi").length - before, 13);
    await client.close();
  });
});
