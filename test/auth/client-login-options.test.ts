import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import { DeezerAuth } from "../../src/auth/deezer.js";
import { TidalAuth } from "../../src/auth/tidal.js";
import { DeezerAPIClient } from "../../src/deezer/client.js";
import { PrivateTIDALAPIClient } from "../../src/tidal/private-client.js";
import { AbortedError, ValidationError } from "../../src/core/errors.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { DEFAULT_DEEZER_APP } from "../../src/emulator/deezer/index.js";
import {
  TIDAL_DEVICE_CLIENT_ID,
  TIDAL_DEVICE_CLIENT_SECRET,
  type TidalEmulator,
} from "../../src/emulator/tidal/index.js";
import type { AuthorizationPrompt } from "../../src/auth/types.js";
import { freePort } from "./helpers.js";

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

/** Handles and timers of this process by kind, to see what a cancelled login left behind. */
function resources(kind: string): number {
  return process.getActiveResourcesInfo().filter((name) => name === kind).length;
}

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("aborting a login under way", () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ services: ["deezer", "tidal"] });
  });
  after(() => emulator.close());

  function deviceOptions(onAuthorization: (prompt: AuthorizationPrompt) => void) {
    return {
      authFlow: "device",
      clientId: TIDAL_DEVICE_CLIENT_ID,
      clientSecret: TIDAL_DEVICE_CLIENT_SECRET,
      storeTokens: false,
      deviceAuthUrl: `${emulator.urls.tidalAuth}/v1/oauth2/device_authorization`,
      tokenUrl: `${emulator.urls.tidalAuth}/v1/oauth2/token`,
      onAuthorization,
    } as const;
  }

  it("create() ends a device login that is polling with AbortedError and leaves no timer", async () => {
    const timers = resources("Timeout");
    const controller = new AbortController();
    let prompted = 0;
    const login = PrivateTIDALAPIClient.create(
      // The code is never approved, so the login would poll until the code expires.
      deviceOptions(() => {
        prompted++;
        // Aborted from outside the login, once it has shown its code and started polling.
        setImmediate(() => controller.abort());
      }),
      controller.signal,
    );
    await assert.rejects(login, AbortedError);
    assert.equal(prompted, 1, "the login had started");
    assert.equal(resources("Timeout"), timers, "a poll timer outlived the login");
  });

  it("setAuthFlow() ends a device login with AbortedError; the client can log in again afterwards", async () => {
    const timers = resources("Timeout");
    const tidal = emulator.tidal as TidalEmulator;
    let onPrompt: (prompt: AuthorizationPrompt) => void = () => undefined;
    const client = new PrivateTIDALAPIClient({
      ...deviceOptions((prompt) => onPrompt(prompt)),
      authFlow: null,
    });
    const flow = {
      clientId: TIDAL_DEVICE_CLIENT_ID,
      clientSecret: TIDAL_DEVICE_CLIENT_SECRET,
      storeTokens: false,
    } as const;
    try {
      const controller = new AbortController();
      const started = new Promise<void>((resolve) => (onPrompt = () => resolve()));
      const login = client.setAuthFlow("device", { ...flow, signal: controller.signal });
      await started;
      controller.abort();
      await assert.rejects(login, AbortedError);
      assert.equal(resources("Timeout"), timers, "a poll timer outlived the login");
      let approved = 0;
      onPrompt = (prompt) => {
        approved++;
        tidal.approveDevice(prompt.userCode ?? "");
      };
      // Resolves only once a token has been obtained.
      await client.setAuthFlow("device", flow);
      assert.equal(approved, 1, "a later login on the same client works");
    } finally {
      await client.close();
    }
  });

  it("create() ends a login waiting for its redirect with AbortedError and closes the redirect server", async () => {
    const servers = resources("TCPServerWrap");
    const timers = resources("Timeout");
    const port = await freePort();
    const controller = new AbortController();
    let ready!: () => void;
    const waiting = new Promise<void>((resolve) => (ready = resolve));
    const login = DeezerAPIClient.create(
      {
        authFlow: "auth_code",
        appId: DEFAULT_DEEZER_APP.appId,
        appSecret: DEFAULT_DEEZER_APP.secret,
        redirectUri: `http://127.0.0.1:${port}/callback`,
        redirectHandler: "http.server",
        openBrowser: false,
        storeTokens: false,
        authUrl: `${emulator.urls.deezerConnect}/oauth/auth.php`,
        tokenUrl: `${emulator.urls.deezerConnect}/oauth/access_token.php`,
        // Called once the handler is ready to receive the redirect: its server is listening.
        onAuthorization: () => ready(),
      },
      controller.signal,
    );
    await waiting;
    assert.equal(await listening(port), true, "the redirect server was waiting");
    controller.abort();
    await assert.rejects(login, AbortedError);
    assert.equal(await listening(port), false, "the redirect server still accepts connections");
    assert.equal(resources("TCPServerWrap"), servers);
    assert.equal(resources("Timeout"), timers, "the capture's deadline outlived it");
  });
});
