import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, it } from "node:test";
import { request } from "undici";
import { ManualClock } from "../../src/core/clock.js";
import {
  AuthorizationError,
  MissingPermissionError,
  ServiceUnavailableError,
  ValidationError,
} from "../../src/core/errors.js";
import { LoginRequiredError } from "../../src/auth/errors.js";
import { defaultBrowserExecutable } from "../../src/auth/redirect/browser.js";
import { TidalAuth, type TidalAuthOptions } from "../../src/auth/tidal.js";
import type { TokenStore } from "../../src/auth/token-store.js";
import type { AuthorizationPrompt } from "../../src/auth/types.js";
import { startServers, type EmulatorServers } from "../../src/emulator/server.js";
import {
  TIDAL_DEVICE_CLIENT_ID,
  TIDAL_DEVICE_CLIENT_SECRET,
  TIDAL_PKCE_CLIENT_ID,
  TidalEmulator,
} from "../../src/emulator/tidal/index.js";
import { clearEnv, driveClock, tempTokenStore, type TempTokenStore } from "./helpers.js";
import { skipUnlessInstalled } from "../helpers/servers.js";

const REDIRECT = "tidal://login/auth";
const DAY_MS = 86_400_000;
const ENV_ID = "PRIVATE_TIDAL_API_CLIENT_ID";
const ENV_SECRET = "PRIVATE_TIDAL_API_CLIENT_SECRET";

let temp: TempTokenStore;
let store: TokenStore;
let clock: ManualClock;
let tidal: TidalEmulator;
let servers: EmulatorServers;
let created: TidalAuth[];
let warnings: string[];
let restoreEnv: () => void;

beforeEach(async () => {
  temp = tempTokenStore("minim-tidal-auth-");
  store = temp.store;
  clock = new ManualClock(Date.UTC(2026, 0, 1));
  tidal = new TidalEmulator({ now: () => clock.now() });
  servers = await startServers({}, (builder) => tidal.install(builder));
  created = [];
  warnings = [];
  restoreEnv = clearEnv(ENV_ID, ENV_SECRET);
});

afterEach(async () => {
  for (const auth of created) await auth.close();
  await servers.close();
  temp.remove();
  restoreEnv();
});

/** Acts as the user on the emulated consent page: loads it, presses "Allow", returns where it redirects. */
async function consent(authorizationUrl: string, decision = "allow"): Promise<string> {
  const page = await request(authorizationUrl);
  const html = await page.body.text();
  const id = /name="request" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(id, `consent page without a request id (status ${page.statusCode})`);
  const answer = await request(new URL("/authorize", authorizationUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ request: id, decision }).toString(),
  });
  await answer.body.text();
  const location = answer.headers["location"];
  assert.equal(typeof location, "string");
  return location as string;
}

function endpoints(): Pick<TidalAuthOptions, "authUrl" | "tokenUrl" | "deviceAuthUrl"> {
  return {
    authUrl: `${servers.urls.tidalLogin}/authorize`,
    tokenUrl: `${servers.urls.tidalAuth}/v1/oauth2/token`,
    deviceAuthUrl: `${servers.urls.tidalAuth}/v1/oauth2/device_authorization`,
  };
}

/** A PKCE client whose user approves on the emulator and pastes the redirect (optionally altered) back. */
function pkce(
  extra: Partial<TidalAuthOptions> = {},
  tamper: (location: string) => string = (l) => l,
): TidalAuth {
  const input = new PassThrough();
  const auth = new TidalAuth({
    authFlow: "pkce",
    clientId: TIDAL_PKCE_CLIENT_ID,
    redirectUri: REDIRECT,
    scopes: "r_usr w_usr",
    ...endpoints(),
    tokenStore: store,
    clock,
    input,
    output: new PassThrough(),
    warn: (message) => warnings.push(message),
    onAuthorization: async ({ url }) => {
      input.write(`${tamper(await consent(url))}\n`);
    },
    ...extra,
  });
  created.push(auth);
  return auth;
}

function device(extra: Partial<TidalAuthOptions> = {}): TidalAuth {
  const auth = new TidalAuth({
    authFlow: "device",
    clientId: TIDAL_DEVICE_CLIENT_ID,
    clientSecret: TIDAL_DEVICE_CLIENT_SECRET,
    scopes: ["r_usr", "w_usr"],
    ...endpoints(),
    tokenStore: store,
    clock,
    warn: (message) => warnings.push(message),
    onAuthorization: (prompt) => tidal.approveDevice(prompt.userCode ?? ""),
    ...extra,
  });
  created.push(auth);
  return auth;
}

const drive = <T>(promise: Promise<T>): Promise<T> => driveClock(clock, promise);

const authorizePages = () =>
  servers.requestsTo("tidalLogin", "/authorize").filter((r) => r.method === "GET").length;
const stored = (userIdentifier?: string) =>
  store.find({
    clientName: "PrivateTIDALAPIClient",
    authFlow: "pkce",
    clientId: TIDAL_PKCE_CLIENT_ID,
    ...(userIdentifier !== undefined ? { userIdentifier } : {}),
  });

describe("TidalAuth with the emulator", () => {
  it("PKCE end to end through the paste handler, stored under the user id", async () => {
    const auth = pkce();
    await auth.authenticate();
    const credential = await auth.getCredential();
    assert.ok(credential?.accessToken.startsWith("emu-at-"));
    assert.equal(credential?.tokenType, "Bearer");
    assert.equal(auth.tokenType, "Bearer");
    assert.equal(auth.userId, String(tidal.mainUserId));
    assert.equal(auth.userIdentifier, String(tidal.mainUserId));
    assert.equal(auth.accountKey(), `user:${tidal.mainUserId}`);
    assert.deepEqual([...auth.scopes].sort(), ["r_usr", "w_usr"]);
    const row = stored(String(tidal.mainUserId));
    assert.equal(row?.accessToken, credential?.accessToken);
    assert.ok(row?.refreshToken?.startsWith("emu-rt-"));
    assert.equal(row?.redirectUri, REDIRECT);
    assert.equal(row?.expiresAt?.getTime(), clock.now() + DAY_MS);
    assert.equal(tidal.countTokenRequests("authorization_code"), 1);
  });

  it("a second instance reuses the stored token without a new authorization", async () => {
    await pkce().authenticate();
    const first = stored();
    const again = pkce({
      onAuthorization: () => assert.fail("no authorization expected"),
    });
    const credential = await again.getCredential();
    assert.equal(credential?.accessToken, first?.accessToken);
    assert.equal(again.userIdentifier, String(tidal.mainUserId), "identifier restored from the stored row");
    assert.equal(again.userId, String(tidal.mainUserId));
    assert.equal(authorizePages(), 1);
    assert.equal(tidal.countTokenRequests(), 1);
  });

  it("`~name` forces a new authorization stored under `name`", async () => {
    await pkce({ userIdentifier: "work" }).authenticate();
    const forced = pkce({ userIdentifier: "~work" });
    await forced.authenticate();
    assert.equal(authorizePages(), 2);
    assert.equal(forced.userIdentifier, "work");
    assert.equal(stored("work")?.accessToken, (await forced.getCredential())?.accessToken);
    assert.equal(TidalAuth.getTokens({ userIdentifiers: "~work" }, store).length, 0);
    assert.equal(TidalAuth.getTokens({}, store).length, 1);
  });

  it("refreshes when the token nears expiry, keeping the rotated refresh token", async () => {
    const auth = pkce();
    await auth.authenticate();
    const before = stored();
    await clock.advance(DAY_MS - 30_000);
    const credential = await auth.getCredential();
    assert.notEqual(credential?.accessToken, before?.accessToken);
    assert.equal(tidal.countTokenRequests("refresh_token"), 1);
    const after = stored();
    assert.equal(after?.accessToken, credential?.accessToken);
    assert.notEqual(after?.refreshToken, before?.refreshToken, "the emulator rotates refresh tokens");
    // The rotated token works for the next refresh; the old one was revoked by the rotation.
    await clock.advance(DAY_MS);
    await auth.getCredential();
    assert.equal(tidal.countTokenRequests("refresh_token", { successfulOnly: true }), 2);
  });

  it("100 concurrent getCredential() on an expired token make exactly one refresh request", async () => {
    const auth = pkce();
    await auth.authenticate();
    await clock.advance(DAY_MS + 1000);
    const credentials = await Promise.all(Array.from({ length: 100 }, () => auth.getCredential()));
    assert.equal(tidal.countTokenRequests("refresh_token"), 1);
    assert.equal(new Set(credentials.map((c) => c?.accessToken)).size, 1);
  });

  it("renewAfterRejection is single-flight and skips the request when the token already changed", async () => {
    const auth = pkce();
    await auth.authenticate();
    const rejected = await auth.getCredential();
    assert.ok(rejected);
    tidal.expireToken(rejected.accessToken);
    const renewed = await Promise.all(Array.from({ length: 25 }, () => auth.renewAfterRejection(rejected)));
    assert.equal(tidal.countTokenRequests("refresh_token"), 1);
    assert.ok(renewed.every((c) => c !== null && c.accessToken !== rejected.accessToken));
    const late = await auth.renewAfterRejection(rejected);
    assert.equal(late?.accessToken, renewed[0]?.accessToken);
    assert.equal(tidal.countTokenRequests("refresh_token"), 1);
  });

  it("a refresh answered 503 fails the call but keeps the in-memory and stored token", async () => {
    const auth = pkce();
    await auth.authenticate();
    const before = stored();
    servers.faults.inject({
      role: "tidalAuth",
      path: "/v1/oauth2/token",
      status: 503,
      json: { status: 503, error: "temporarily_unavailable" },
    });
    await clock.advance(DAY_MS + 1000);
    await assert.rejects(auth.getCredential(), ServiceUnavailableError);
    assert.deepEqual(
      [stored()?.accessToken, stored()?.refreshToken],
      [before?.accessToken, before?.refreshToken],
    );
    // The fault is spent: the kept refresh token still works.
    const credential = await auth.getCredential();
    assert.notEqual(credential?.accessToken, before?.accessToken);
    assert.equal(authorizePages(), 1);
  });

  it("a revoked refresh token (invalid_grant) falls back to a new authorization", async () => {
    const auth = pkce();
    await auth.authenticate();
    const first = await auth.getCredential();
    tidal.revokeToken(first?.accessToken ?? "");
    const renewed = await auth.renewAfterRejection(first ?? { accessToken: "" });
    assert.notEqual(renewed?.accessToken, first?.accessToken);
    assert.equal(authorizePages(), 2);
    assert.ok(warnings.some((w) => w.includes("invalid_grant")));
  });

  it("with interactive: false a dead refresh token is a LoginRequiredError and the stored row stays", async () => {
    await pkce().authenticate();
    const row = stored();
    tidal.revokeToken(row?.accessToken ?? "");
    const auth = pkce({ interactive: false });
    await clock.advance(DAY_MS + 1000);
    await assert.rejects(
      auth.getCredential(),
      (e: unknown) =>
        e instanceof LoginRequiredError &&
        e.message.includes("minim login tidal") &&
        e.cause instanceof AuthorizationError &&
        e.cause.error === "invalid_grant" &&
        e.cause.status === 400,
    );
    assert.equal(stored()?.accessToken, row?.accessToken);
    assert.equal(authorizePages(), 1);
  });

  it("a pasted redirect with another state is refused and nothing is stored or exchanged", async () => {
    const auth = pkce({}, (location) => location.replace(/state=[^&]+/, "state=forged"));
    await assert.rejects(
      auth.authenticate(),
      (e: unknown) => e instanceof AuthorizationError && e.error === "state_mismatch",
    );
    assert.equal(tidal.countTokenRequests(), 0);
    assert.equal(TidalAuth.getTokens({}, store).length, 0);
  });

  it("a denied consent is an AuthorizationError", async () => {
    const input = new PassThrough();
    const auth = pkce({
      input,
      onAuthorization: async ({ url }) => void input.write(`${await consent(url, "deny")}\n`),
    });
    await assert.rejects(
      auth.authenticate(),
      (e: unknown) => e instanceof AuthorizationError && e.error === "access_denied",
    );
  });

  it(
    "PKCE with the playwright handler catches the tidal:// redirect no local server could receive",
    {
      skip: skipUnlessInstalled(
        existsSync(defaultBrowserExecutable() ?? "") ? false : "no Chromium installed",
      ),
    },
    async () => {
      const auth = pkce({
        redirectHandler: "playwright",
        onAuthorization: undefined,
        browser: { headless: true, onPage: (page) => page.click("#allow") },
      });
      await auth.authenticate();
      assert.equal(auth.userId, String(tidal.mainUserId));
      assert.equal(tidal.countTokenRequests("authorization_code", { successfulOnly: true }), 1);
      assert.deepEqual(warnings, []);
    },
  );

  it("device flow end to end: prompt, approval, polling, storage", async () => {
    const prompts: AuthorizationPrompt[] = [];
    const auth = device({
      onAuthorization: (prompt) => {
        prompts.push(prompt);
        tidal.approveDevice(prompt.userCode ?? "");
      },
    });
    await drive(auth.authenticate());
    assert.equal(prompts.length, 1);
    assert.match(prompts[0]?.url ?? "", /^https:\/\/127\.0\.0\.1:\d+\/device\/[A-Z]{5}$/);
    assert.equal(prompts[0]?.expiresIn, 300);
    assert.equal(auth.userId, String(tidal.mainUserId));
    const row = store.find({
      clientName: "PrivateTIDALAPIClient",
      authFlow: "device",
      clientId: TIDAL_DEVICE_CLIENT_ID,
      userIdentifier: String(tidal.mainUserId),
    });
    assert.equal(row?.clientSecret, TIDAL_DEVICE_CLIENT_SECRET);
    assert.deepEqual(row?.scopes, ["r_usr", "w_usr"]);
    assert.doesNotThrow(() => auth.requireScope("r_usr", "users.getMe"));
  });

  it("device flow: a denied code ends with access_denied", async () => {
    const auth = device({ onAuthorization: (prompt) => tidal.denyDevice(prompt.userCode ?? "") });
    await assert.rejects(
      drive(auth.authenticate()),
      (e: unknown) => e instanceof AuthorizationError && e.error === "access_denied",
    );
  });

  it("device flow: a wrong client secret is refused without the secret in the message", async () => {
    const auth = device({ clientSecret: "wrong-device-secret" });
    await assert.rejects(drive(auth.authenticate()), (e: unknown) => {
      assert.ok(e instanceof AuthorizationError);
      assert.equal(e.error, "invalid_client");
      assert.equal(e.status, 401);
      assert.ok(!e.message.includes("wrong-device-secret"));
      return true;
    });
  });

  it("device flow without r_usr: requireScope throws MissingPermissionError naming the scope", async () => {
    const auth = device({ scopes: "w_usr" });
    await drive(auth.authenticate());
    assert.throws(
      () => auth.requireScope("r_usr", "users.getMe"),
      (e: unknown) =>
        e instanceof MissingPermissionError &&
        /requires the 'r_usr' scope/.test(e.message) &&
        e.missing[0] === "r_usr",
    );
  });

  it("secrets never appear in warnings or error messages", async () => {
    tidal.registerClient({ clientId: "confidential", clientSecret: "right-secret-~~~" });
    const auth = pkce({
      clientId: "confidential",
      clientSecret: "wrong-secret-zz",
      redirectHandler: "http.server",
    });
    const error = await auth.authenticate().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof AuthorizationError);
    assert.equal(error.error, "invalid_client");
    const texts = [...warnings, error.message, String(error.description)];
    for (const text of texts) {
      assert.ok(!text.includes("wrong-secret-zz"), text);
      assert.ok(!/emu-(at|rt)-/.test(text), text);
    }
    assert.ok(
      warnings.some((w) => w.includes("http.server")),
      "http.server with tidal:// falls back to pasting, with a warning",
    );
    // With the right secret the confidential client's exchange succeeds, and the secret is stored with the token.
    const right = pkce({ clientId: "confidential", clientSecret: "right-secret-~~~", userIdentifier: "c" });
    await right.authenticate();
    assert.equal(
      store.find({ clientName: "PrivateTIDALAPIClient", authFlow: "pkce", clientId: "confidential" })
        ?.clientSecret,
      "right-secret-~~~",
    );
  });
});

describe("TidalAuth options", () => {
  const base = (): Partial<TidalAuthOptions> => ({
    ...endpoints(),
    tokenStore: store,
    clock,
    warn: (m) => void warnings.push(m),
  });

  it("validates before any request", () => {
    const cases: [() => unknown, string][] = [
      [() => new TidalAuth({ clientId: "x" } as unknown as TidalAuthOptions), "authFlow"],
      [
        () => new TidalAuth({ ...base(), authFlow: "client_credentials" as never, clientId: "x" }),
        "authFlow",
      ],
      [() => new TidalAuth({ ...base(), authFlow: null }), "clientId"],
      [() => new TidalAuth({ ...base(), authFlow: "device", clientId: "x" }), "clientSecret"],
      [() => new TidalAuth({ ...base(), authFlow: "pkce", clientId: "x" }), "redirectUri"],
      [
        () => new TidalAuth({ ...base(), authFlow: "pkce", clientId: "x", redirectUri: "not a url" }),
        "redirectUri",
      ],
      [
        () =>
          new TidalAuth({
            ...base(),
            authFlow: "pkce",
            clientId: "x",
            redirectUri: REDIRECT,
            redirectHandler: "curl" as never,
          }),
        "redirectHandler",
      ],
      [
        () =>
          new TidalAuth({
            ...base(),
            authFlow: "pkce",
            clientId: "x",
            redirectUri: REDIRECT,
            accessToken: "t",
            expiresAt: "2026-01-01 10:00",
          }),
        "expiresAt",
      ],
    ];
    for (const [make, parameter] of cases) {
      assert.throws(
        make,
        (e: unknown) => e instanceof ValidationError && e.parameter === parameter,
        parameter,
      );
    }
    assert.equal(servers.requests.length, 0);
  });

  it("reads the client id and secret from the environment each on its own", async () => {
    process.env[ENV_ID] = TIDAL_DEVICE_CLIENT_ID;
    const fromEnv = new TidalAuth({
      ...base(),
      authFlow: "device",
      clientSecret: TIDAL_DEVICE_CLIENT_SECRET,
      onAuthorization: (p) => tidal.approveDevice(p.userCode ?? ""),
    });
    created.push(fromEnv);
    assert.equal(fromEnv.clientId, TIDAL_DEVICE_CLIENT_ID);
    await drive(fromEnv.authenticate());
    assert.equal(fromEnv.userId, String(tidal.mainUserId));

    process.env[ENV_ID] = "env-client";
    process.env[ENV_SECRET] = "env-secret";
    const explicit = new TidalAuth({ ...base(), authFlow: "device", clientId: "explicit-client" });
    assert.equal(explicit.clientId, "explicit-client", "an explicit id is not replaced by the environment");
    assert.equal(explicit.clientSecret, "env-secret");
    const both = new TidalAuth({ ...base(), authFlow: "device", clientSecret: "explicit-secret" });
    assert.deepEqual([both.clientId, both.clientSecret], ["env-client", "explicit-secret"]);
  });

  it("keeps the client secret out of the instance's own properties", () => {
    const auth = new TidalAuth({
      ...base(),
      authFlow: "device",
      clientId: "c",
      clientSecret: "hidden-secret-value",
    });
    assert.equal(auth.clientSecret, "hidden-secret-value");
    assert.ok(!JSON.stringify(auth).includes("hidden-secret-value"));
    assert.ok(!Object.keys(auth).includes("clientSecret"));
  });

  it("warns about dropped or unusual options", () => {
    new TidalAuth({ ...base(), authFlow: null, clientId: "c", scopes: "r_usr", redirectUri: REDIRECT });
    assert.ok(warnings.some((w) => w.includes("scopes are ignored")));
    assert.ok(warnings.some((w) => w.includes("redirectUri is ignored")));
    warnings.length = 0;
    new TidalAuth({
      ...base(),
      authFlow: "pkce",
      clientId: "c",
      redirectUri: "http://127.0.0.1:9/cb",
      redirectHandler: "http.server",
    });
    assert.equal(
      warnings.length,
      1,
      "a loopback URI works with http.server; only the unregistered URI is noted",
    );
    assert.match(warnings[0] ?? "", /not one of TIDAL's registered redirect URIs/);
    warnings.length = 0;
    new TidalAuth({
      ...base(),
      authFlow: "pkce",
      clientId: "c",
      redirectUri: "https://tidal.com/login/auth",
      redirectHandler: "playwright",
    });
    assert.deepEqual(warnings, [], "the browser handler intercepts non-loopback redirects");
  });

  it("without a flow: no credential, anonymous account, client id kept", async () => {
    const auth = new TidalAuth({ ...base(), authFlow: null, clientId: "client-token" });
    assert.equal(auth.hasUserAuth, false);
    assert.equal(await auth.getCredential(), null);
    assert.equal(await auth.renewAfterRejection({ accessToken: "x" }), null);
    assert.equal(auth.accountKey(), "anonymous");
    assert.equal(auth.clientId, "client-token");
    assert.throws(() => auth.setAccessToken("t"), ValidationError);
    assert.doesNotThrow(() => auth.setAccessToken(null));
  });

  it("a given access token is used as is; setAccessToken replaces every token value", async () => {
    const auth = new TidalAuth({
      ...base(),
      authFlow: "pkce",
      clientId: TIDAL_PKCE_CLIENT_ID,
      redirectUri: REDIRECT,
      accessToken: "given-token",
      refreshToken: "given-refresh",
      expiresAt: "2026-06-01T00:00:00Z",
      interactive: false,
    });
    created.push(auth);
    assert.deepEqual(await auth.getCredential(), { accessToken: "given-token", tokenType: "Bearer" });
    assert.match(auth.accountKey(), /^token:[0-9a-f]{16}$/);
    assert.throws(() => auth.setAccessToken(null), ValidationError);
    auth.setAccessToken("second", "Bearer", { expiresAt: new Date(clock.now() - 1) });
    // Expired, no refresh token, no authorization allowed.
    await assert.rejects(
      auth.getCredential(),
      (e: unknown) => e instanceof AuthorizationError && e.error === "interaction_required",
    );
    assert.equal(TidalAuth.getTokens({}, store).length, 0, "given tokens are not stored");
  });

  it("setAuthFlow replaces the settings and authenticates unless told not to", async () => {
    const auth = new TidalAuth({ ...base(), authFlow: null, clientId: "c" });
    created.push(auth);
    await auth.setAuthFlow("device", {
      clientId: TIDAL_DEVICE_CLIENT_ID,
      clientSecret: TIDAL_DEVICE_CLIENT_SECRET,
      scopes: "r_usr",
      authenticate: false,
    });
    assert.equal(auth.authFlow, "device");
    assert.equal(auth.hasUserAuth, true);
    assert.equal(servers.requests.length, 0);
    await assert.rejects(auth.setAuthFlow("pkce", { clientId: "c" }), ValidationError);
    assert.equal(auth.authFlow, "device", "a rejected setAuthFlow changes nothing");
  });

  it("resolveScopes matches substrings; getTokens/removeTokens work on the store", async () => {
    assert.deepEqual([...TidalAuth.resolveScopes("usr")].sort(), ["r_usr", "w_usr"]);
    assert.deepEqual([...TidalAuth.resolveScopes(["sub", "r_"])].sort(), ["r_usr", "w_sub"]);
    assert.deepEqual([...TidalAuth.resolveScopes()].sort(), ["r_usr", "w_sub", "w_usr"]);
    assert.deepEqual(TidalAuth.SCOPES, ["r_usr", "w_usr", "w_sub"]);
    await pkce({ userIdentifier: "a" }).authenticate();
    await pkce({ userIdentifier: "b" }).authenticate();
    assert.deepEqual(
      TidalAuth.getTokens({}, store)
        .map((t) => t.userIdentifier)
        .sort(),
      ["a", "b"],
    );
    assert.equal(TidalAuth.removeTokens({ userIdentifiers: "a" }, store), 1);
    assert.equal(TidalAuth.removeTokens({}, store), 1);
    assert.equal(TidalAuth.getTokens({}, store).length, 0);
  });
});
