/** The client itself: options, statics, authentication, cache, account switches and lifecycle. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { TokenStore } from "../../src/auth/token-store.js";
import type { AuthorizationPrompt } from "../../src/auth/types.js";
import {
  AuthenticationRequiredError,
  MissingPermissionError,
  ValidationError,
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
  TIDAL_PKCE_CLIENT_ID,
  userClient,
} from "./helpers.js";

const ALBUM = TIDAL_SEED.albums.tidewater;
const US = { countryCode: "US" };
let emu: Emulator;

describe("PrivateTIDALAPIClient", () => {
  before(async () => {
    emu = await startTidal({ tidal: { deviceIntervalSeconds: 1 } });
  });

  after(async () => {
    await emu.close();
  });

  it("exposes the service constants and scope resolution", () => {
    assert.equal(PrivateTIDALAPIClient.AUTH_URL, "https://login.tidal.com/authorize");
    assert.equal(PrivateTIDALAPIClient.BASE_URL, "https://api.tidal.com");
    assert.equal(
      PrivateTIDALAPIClient.DEVICE_AUTH_URL,
      "https://auth.tidal.com/v1/oauth2/device_authorization",
    );
    assert.equal(PrivateTIDALAPIClient.RESOURCE_URL, "https://resources.tidal.com");
    assert.equal(PrivateTIDALAPIClient.TOKEN_URL, "https://auth.tidal.com/v1/oauth2/token");
    assert.deepEqual([...PrivateTIDALAPIClient.resolveScopes("usr")].sort(), ["r_usr", "w_usr"]);
    assert.deepEqual([...PrivateTIDALAPIClient.resolveScopes()].sort(), ["r_usr", "w_sub", "w_usr"]);
  });

  it("validates its options", () => {
    assert.throws(() => new PrivateTIDALAPIClient({} as never), ValidationError);
    assert.throws(
      () => new PrivateTIDALAPIClient({ authFlow: "implicit" as never, clientId: "c", storeTokens: false }),
      ValidationError,
    );
    assert.throws(
      () =>
        new PrivateTIDALAPIClient({ authFlow: null, clientId: "c", baseUrl: "ftp://x", storeTokens: false }),
      (error: unknown) => error instanceof ValidationError && error.parameter === "baseUrl",
    );
    assert.throws(
      () =>
        new PrivateTIDALAPIClient({
          authFlow: null,
          clientId: "c",
          limitRate: "yes" as never,
          storeTokens: false,
        }),
      ValidationError,
    );
  });

  it("sends the user agent and the client version with every API request, the profile request included", async () => {
    const { client } = userClient(emu, { userAgent: "minim-test/1.0" });
    const { sent } = await during(emu, () => client.albums.getAlbum(ALBUM));
    assert.deepEqual(
      sent.map((s) => s.role),
      ["tidalLogin", "tidalApi"],
    );
    for (const request of sent) {
      assert.equal(request.headers["user-agent"], "minim-test/1.0");
      assert.equal(request.headers["x-tidal-client-version"], "2025.12.18");
    }
    await client.close();
  });

  it("defaults userId to the token's user when the token was passed in ", async () => {
    const { client } = userClient(emu, {}, { userId: TIDAL_SEED.users.third });
    const { answer, sent } = await during(emu, () => client.users.getUserSavedAlbums());
    assert.equal(answer.totalNumberOfItems, emu.tidal!.collection(TIDAL_SEED.users.third).albums.length);
    assert.equal(sent.at(-1)?.path, `/v1/users/${TIDAL_SEED.users.third}/favorites/albums`);
    // One profile request served both the user id and the country.
    assert.equal(sent.filter((s) => s.path === "/oauth2/me").length, 1);
    await client.close();
  });

  it("caches per method and account, and drops the account's collection reads after its writes", async () => {
    const { client } = userClient(emu);
    const first = await during(emu, async () => {
      await client.albums.getAlbum(ALBUM, US);
      await client.albums.getAlbum(ALBUM, US);
    });
    assert.equal(first.sent.filter((s) => s.path === `/v1/albums/${ALBUM}`).length, 1);

    const cached = await client.albums.getAlbum(ALBUM, US);
    assert.ok(Object.isFrozen(cached), "cached answers cannot be changed by a caller");

    client.clearCache("albums.getAlbum");
    const cleared = await during(emu, () => client.albums.getAlbum(ALBUM, US));
    assert.equal(cleared.sent.length, 1);

    const saved = await during(emu, async () => {
      await client.users.getUserSavedAlbums(undefined, US);
      await client.users.getUserSavedAlbums(undefined, US);
      await client.users.saveAlbums(TIDAL_SEED.albums.brassHorizons, US);
      return client.users.getUserSavedAlbums(undefined, US);
    });
    assert.equal(
      saved.sent.filter((s) => s.path.endsWith("/favorites/albums") && s.method === "GET").length,
      2,
    );
    assert.ok(saved.answer.items.some((e) => e.item.id === TIDAL_SEED.albums.brassHorizons));
    await client.users.removeSavedAlbums(TIDAL_SEED.albums.brassHorizons);

    client.setCacheEnabled(false);
    const uncached = await during(emu, async () => {
      await client.albums.getAlbum(ALBUM, US);
      await client.albums.getAlbum(ALBUM, US);
    });
    assert.equal(uncached.sent.length, 2);
    assert.throws(() => client.setCacheEnabled("no" as never), ValidationError);
    await client.close();
  });

  it("never serves one account's data to another after setAccessToken", async () => {
    const { client } = userClient(emu);
    const mine = await client.users.getMe();
    assert.equal(mine.userId, TIDAL_SEED.users.main);
    const other = emu.tidal!.issueToken({ userId: TIDAL_SEED.users.second });
    client.setAccessToken(other.accessToken, "Bearer", { refreshToken: other.refreshToken });
    const theirs = await client.users.getMe();
    assert.equal(theirs.userId, TIDAL_SEED.users.second);
    const { sent } = await during(emu, () => client.users.getUserSavedAlbums());
    assert.equal(sent.at(-1)?.path, `/v1/users/${TIDAL_SEED.users.second}/favorites/albums`);
    assert.equal(sent.at(-1)?.query.countryCode, "GB");
    await client.close();
  });

  it("switches to no user with setAuthFlow", async () => {
    const { client } = userClient(emu);
    await client.users.getMe();
    await client.setAuthFlow(null, { clientId: TIDAL_PKCE_CLIENT_ID, storeTokens: false });
    await assert.rejects(client.users.getMe(), AuthenticationRequiredError);
    const { sent } = await during(emu, () => client.albums.getAlbum(ALBUM, US));
    assert.equal(sent[0]?.headers["x-tidal-token"], TIDAL_PKCE_CLIENT_ID);
    assert.equal(sent[0]?.headers["authorization"], undefined);
    await client.close();
  });

  it("create() runs the device flow at once and stores the login", async () => {
    const dir = mkdtempSync(join(tmpdir(), "minim-tidal-"));
    const store = new TokenStore({ path: join(dir, "auth.db") });
    const prompts: AuthorizationPrompt[] = [];
    try {
      const client = await PrivateTIDALAPIClient.create(
        deviceOptions(emu, {
          scopes: ["r_usr", "w_usr"],
          storeTokens: true,
          tokenStore: store,
          onAuthorization: (prompt) => {
            prompts.push(prompt);
            emu.tidal!.approveDevice(prompt.userCode!);
          },
        }),
      );
      assert.equal(prompts.length, 1);
      const stored = PrivateTIDALAPIClient.getTokens({ clientIds: TIDAL_DEVICE_CLIENT_ID }, store);
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.userIdentifier, String(TIDAL_SEED.users.main));
      const me = await client.users.getMe();
      assert.equal(me.userId, TIDAL_SEED.users.main);
      await client.close();

      // A second client finds the stored login and needs no authorization.
      const again = new PrivateTIDALAPIClient(deviceOptions(emu, { storeTokens: true, tokenStore: store }));
      const album = await again.albums.getAlbum(ALBUM, US);
      assert.equal(album.id, ALBUM);
      assert.equal(prompts.length, 1);
      await again.close();

      assert.equal(PrivateTIDALAPIClient.removeTokens({ clientIds: TIDAL_DEVICE_CLIENT_ID }, store), 1);
      assert.deepEqual(PrivateTIDALAPIClient.getTokens({}, store), []);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a device login granted without r_usr", async () => {
    const client = await PrivateTIDALAPIClient.create(
      deviceOptions(emu, {
        scopes: "w_usr",
        onAuthorization: (prompt) => emu.tidal!.approveDevice(prompt.userCode!),
      }),
    );
    const { error, sent } = await failing(emu, () => client.search.searchAlbums("tide", US));
    assert.ok(error instanceof MissingPermissionError);
    assert.deepEqual(sent, []);
    await client.close();
  });

  it("closes and reopens, and disposes with await using", async () => {
    const client = anonymousClient(emu);
    client.open();
    await client.albums.getAlbum(ALBUM, US);
    await client.close();
    const reopened = await client.albums.getAlbum(TIDAL_SEED.albums.nightFerry, US);
    assert.equal(reopened.id, TIDAL_SEED.albums.nightFerry);
    await client[Symbol.asyncDispose]();
  });

  it("never puts a token into an error message", async () => {
    const { client, accessToken } = userClient(emu, { maxRetries: 0 });
    emu.faults.inject({
      role: "tidalApi",
      path: `/v1/albums/${ALBUM}`,
      status: 400,
      json: { status: 400, subStatus: 1002, userMessage: `echo ${accessToken} and Bearer ${accessToken}` },
    });
    const { error } = await failing(emu, () => client.albums.getAlbum(ALBUM, US));
    assert.ok(error instanceof Error);
    assert.ok(!error.message.includes(accessToken));
    assert.ok(!JSON.stringify(error).includes(accessToken), "not even in the kept error body");
    await client.close();
  });
});
