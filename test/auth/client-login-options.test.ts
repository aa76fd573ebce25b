import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DeezerAuth } from "../../src/auth/deezer.js";
import { TidalAuth } from "../../src/auth/tidal.js";
import { DeezerAPIClient } from "../../src/deezer/client.js";
import { PrivateTIDALAPIClient } from "../../src/tidal/private-client.js";
import { ValidationError } from "../../src/core/errors.js";

const DEEZER = {
  authFlow: "implicit",
  appId: "1",
  redirectUri: "http://127.0.0.1:9/cb",
  storeTokens: false,
} as const;

describe("interactive and signal options of logins", () => {
  it("interactive defaults to having a terminal, unless the application presents the login", () => {
    const terminal = process.stdin.isTTY === true && process.stderr.isTTY === true;
    assert.equal(new DeezerAuth({ ...DEEZER }).interactive, terminal);
    assert.equal(new DeezerAuth({ ...DEEZER, onAuthorization: () => undefined }).interactive, true);
    assert.equal(new DeezerAuth({ ...DEEZER, browser: { onPage: async () => undefined } }).interactive, true);
    assert.equal(
      new DeezerAuth({ ...DEEZER, interactive: false, onAuthorization: () => undefined }).interactive,
      false,
    );
    const tidal = new TidalAuth({ authFlow: "device", clientId: "c", clientSecret: "s", storeTokens: false });
    assert.equal(tidal.interactive, terminal);
  });

  it("a non-boolean interactive is a ValidationError", () => {
    assert.throws(
      () => new DeezerAPIClient({ ...DEEZER, interactive: "yes" as unknown as boolean }),
      (e: unknown) => e instanceof ValidationError && e.parameter === "interactive",
    );
    assert.throws(
      () =>
        new PrivateTIDALAPIClient({ authFlow: null, clientId: "c", interactive: 1 as unknown as boolean }),
      (e: unknown) => e instanceof ValidationError && e.parameter === "interactive",
    );
  });

  it("create() of both clients takes a signal that cancels the login before anything is sent", async () => {
    let presented = 0;
    const onAuthorization = (): void => void presented++;
    await assert.rejects(
      DeezerAPIClient.create({ ...DEEZER, onAuthorization }, AbortSignal.abort()),
      (e: unknown) => (e as Error).name === "AbortedError",
    );
    await assert.rejects(
      PrivateTIDALAPIClient.create(
        {
          authFlow: "device",
          clientId: "c",
          clientSecret: "s",
          storeTokens: false,
          deviceAuthUrl: "http://127.0.0.1:9/device",
          onAuthorization,
        },
        AbortSignal.abort(),
      ),
      (e: unknown) => (e as Error).name === "AbortedError",
    );
    assert.equal(presented, 0);
  });
});
