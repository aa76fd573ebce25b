import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, it } from "node:test";
import { request } from "undici";
import { ManualClock } from "../../src/core/clock.js";
import { AuthorizationError, ValidationError } from "../../src/core/errors.js";
import { LoginRequiredError } from "../../src/auth/errors.js";
import { DeezerAuth, type DeezerAuthOptions } from "../../src/auth/deezer.js";
import type { TokenStore } from "../../src/auth/token-store.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { DEFAULT_DEEZER_APP, type DeezerEmulator } from "../../src/emulator/deezer/index.js";
import { clearEnv, freePort, tempTokenStore, type TempTokenStore } from "./helpers.js";

const APP_ID = DEFAULT_DEEZER_APP.appId;
const APP_SECRET = DEFAULT_DEEZER_APP.secret;
const REDIRECT = "http://localhost:8080/deezer/callback";
const HOUR_MS = 3_600_000;
const ENV_ID = "DEEZER_API_APP_ID";
const ENV_SECRET = "DEEZER_API_APP_SECRET";

let temp: TempTokenStore;
let store: TokenStore;
let clock: ManualClock;
let emulator: Emulator;
let deezer: DeezerEmulator;
let created: DeezerAuth[];
let warnings: string[];
let userLookups: number;
let restoreEnv: () => void;

beforeEach(async () => {
  temp = tempTokenStore("minim-deezer-auth-");
  store = temp.store;
  clock = new ManualClock(Date.UTC(2026, 0, 1));
  emulator = await startEmulator({ services: ["deezer"], deezer: { now: () => clock.now() } });
  deezer = emulator.deezer as DeezerEmulator;
  created = [];
  warnings = [];
  userLookups = 0;
  restoreEnv = clearEnv(ENV_ID, ENV_SECRET);
});

afterEach(async () => {
  for (const auth of created) await auth.close();
  await emulator.close();
  temp.remove();
  restoreEnv();
});

/** Acts as the user on the emulated Deezer dialog: loads it, submits its form, returns the redirect. */
async function consent(authorizationUrl: string, decision = "allow"): Promise<string> {
  const page = await request(authorizationUrl);
  const html = await page.body.text();
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(
      name ?? "",
      (value ?? "").replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))),
    );
  }
  assert.ok(form.has("app_id"), "the consent page has a form");
  form.set("decision", decision);
  const answer = await request(new URL("/oauth/auth.php", authorizationUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  await answer.body.text();
  const location = answer.headers["location"];
  assert.equal(typeof location, "string", `expected a redirect, got ${answer.statusCode}`);
  return location as string;
}

const deps = {
  async fetchCurrentUserId(token: string): Promise<string> {
    userLookups++;
    const answer = await request(
      `${emulator.urls.deezerApi}/user/me?access_token=${encodeURIComponent(token)}`,
    );
    const body = (await answer.body.json()) as { id: number };
    return String(body.id);
  },
};

/** A Deezer client whose user consents on the emulator and pastes the redirect (optionally altered) back. */
function deezerAuth(
  extra: Partial<DeezerAuthOptions> = {},
  options: { tamper?: (location: string) => string; decision?: string } = {},
): DeezerAuth {
  const input = new PassThrough();
  const auth = new DeezerAuth(
    {
      authFlow: "auth_code",
      appId: APP_ID,
      appSecret: APP_SECRET,
      redirectUri: REDIRECT,
      permissions: "basic_access,manage_library",
      authUrl: `${emulator.urls.deezerConnect}/oauth/auth.php`,
      tokenUrl: `${emulator.urls.deezerConnect}/oauth/access_token.php`,
      tokenStore: store,
      clock,
      input,
      output: new PassThrough(),
      warn: (message) => warnings.push(message),
      onAuthorization: async ({ url }) => {
        const location = await consent(url, options.decision);
        input.write(`${options.tamper ? options.tamper(location) : location}\n`);
      },
      ...extra,
    },
    deps,
  );
  created.push(auth);
  return auth;
}

const consentPages = () =>
  emulator.requestsTo("deezerConnect", "/oauth/auth.php").filter((r) => r.method === "GET").length;
const exchanges = () => emulator.requestsTo("deezerConnect", "/oauth/access_token.php").length;
const rows = () => DeezerAuth.getTokens({}, store);

describe("DeezerAuth with the emulator", () => {
  it("auth_code end to end through the paste handler, stored under the Deezer user id", async () => {
    const auth = deezerAuth();
    await auth.authenticate();
    const credential = await auth.getCredential();
    assert.ok(credential);
    assert.equal(credential.tokenType, undefined);
    const info = deezer.tokenInfo(credential.accessToken);
    assert.equal(info?.userId, deezer.mainUserId);
    assert.deepEqual([...(info?.permissions ?? [])].sort(), ["basic_access", "manage_library"]);
    assert.equal(auth.userIdentifier, String(deezer.mainUserId));
    assert.equal(auth.accountKey(), `user:${deezer.mainUserId}`);
    assert.deepEqual([...auth.permissions].sort(), ["basic_access", "manage_library"]);
    assert.equal(auth.permissionsKnown, true);
    const [row] = rows();
    assert.equal(row?.accessToken, credential.accessToken);
    assert.equal(row?.clientName, "DeezerAPIClient");
    assert.equal(row?.authFlow, "auth_code");
    assert.equal(row?.clientId, APP_ID);
    assert.equal(row?.clientSecret, APP_SECRET);
    assert.equal(row?.userIdentifier, String(deezer.mainUserId));
    assert.equal(row?.redirectUri, REDIRECT);
    assert.deepEqual(row?.scopes, ["basic_access", "manage_library"]);
    assert.equal(row?.tokenType, null);
    assert.equal(row?.refreshToken, null);
    assert.equal(row?.expiresAt?.getTime(), clock.now() + HOUR_MS);
    assert.equal(userLookups, 1);
  });

  it("implicit end to end with only an app id: token read from the pasted fragment, state checked", async () => {
    const auth = deezerAuth({ authFlow: "implicit", appSecret: undefined, permissions: ["offline_access"] });
    await auth.authenticate();
    const credential = await auth.getCredential();
    assert.equal(deezer.tokenInfo(credential?.accessToken ?? "")?.userId, deezer.mainUserId);
    assert.equal(exchanges(), 0, "the implicit grant has no code exchange");
    const [row] = rows();
    assert.equal(row?.authFlow, "implicit");
    assert.equal(row?.clientSecret, null);
    assert.equal(row?.expiresAt, null, "an offline_access token (expires=0) does not expire");
  });

  it("auth_code through the http.server handler, driven by a plain HTTP client", async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/callback`;
    const auth = deezerAuth({
      redirectUri,
      redirectHandler: "http.server",
      onAuthorization: async ({ url }) => {
        const location = await consent(url);
        const landing = await request(location);
        await landing.body.text();
      },
    });
    await auth.authenticate();
    assert.ok(deezer.tokenInfo((await auth.getCredential())?.accessToken ?? ""));
    assert.equal(rows()[0]?.redirectUri, redirectUri);
    assert.deepEqual(warnings, []);
  });

  it("a second instance reuses the stored token, its identifier and its secret", async () => {
    await deezerAuth().authenticate();
    const first = rows()[0];
    const again = deezerAuth({
      appSecret: undefined,
      onAuthorization: () => assert.fail("no authorization expected"),
    });
    assert.equal((await again.getCredential())?.accessToken, first?.accessToken);
    assert.equal(again.userIdentifier, String(deezer.mainUserId));
    assert.equal(again.accountKey(), `user:${deezer.mainUserId}`);
    assert.equal(consentPages(), 1);
    assert.equal(exchanges(), 1);
    assert.equal(userLookups, 1);
  });

  it("`~name` forces a new authorization stored under `name`", async () => {
    await deezerAuth({ userIdentifier: "me" }).authenticate();
    const forced = deezerAuth({ userIdentifier: "~me" });
    await forced.authenticate();
    assert.equal(consentPages(), 2);
    assert.equal(forced.userIdentifier, "me");
    assert.deepEqual(
      rows().map((r) => r.userIdentifier),
      ["me"],
    );
    assert.equal(rows()[0]?.accessToken, (await forced.getCredential())?.accessToken);
    assert.equal(userLookups, 0, "a named login needs no user lookup");
  });

  it("an expiring token leads to a new authorization (Deezer has no refresh tokens)", async () => {
    const auth = deezerAuth();
    await auth.authenticate();
    const first = await auth.getCredential();
    await clock.advance(HOUR_MS - 30_000);
    const second = await auth.getCredential();
    assert.notEqual(second?.accessToken, first?.accessToken);
    assert.equal(consentPages(), 2);
    assert.equal(rows().length, 1);
    assert.equal(rows()[0]?.accessToken, second?.accessToken);
  });

  it("an invalid-token rejection (code 300) re-authorizes once for all concurrent callers", async () => {
    const auth = deezerAuth();
    await auth.authenticate();
    const rejected = await auth.getCredential();
    assert.ok(rejected);
    deezer.revokeToken(rejected.accessToken);
    const renewed = await Promise.all(Array.from({ length: 10 }, () => auth.renewAfterRejection(rejected)));
    assert.equal(consentPages(), 2);
    assert.equal(exchanges(), 2);
    assert.equal(new Set(renewed.map((c) => c?.accessToken)).size, 1);
    assert.ok(deezer.tokenInfo(renewed[0]?.accessToken ?? ""));
    assert.equal((await auth.renewAfterRejection(rejected))?.accessToken, renewed[0]?.accessToken);
    assert.equal(consentPages(), 2);
  });

  it("with interactive: false a rejected or expired token is a LoginRequiredError naming `minim login deezer`", async () => {
    await deezerAuth().authenticate();
    const auth = deezerAuth({
      interactive: false,
      onAuthorization: () => assert.fail("no authorization expected"),
    });
    const credential = await auth.getCredential();
    assert.ok(credential);
    const isLoginRequired = (e: unknown): boolean =>
      e instanceof LoginRequiredError &&
      e instanceof AuthorizationError &&
      e.error === "interaction_required" &&
      e.message.includes("minim login deezer");
    await assert.rejects(auth.renewAfterRejection(credential), isLoginRequired);
    await clock.advance(HOUR_MS);
    await assert.rejects(auth.getCredential(), isLoginRequired);
    assert.equal(rows().length, 1, "the stored login is kept");
  });

  it("a redirect with another state is refused: nothing exchanged, nothing stored", async () => {
    const auth = deezerAuth({}, { tamper: (location) => location.replace(/state=[^&]+/, "state=forged") });
    await assert.rejects(
      auth.authenticate(),
      (e: unknown) => e instanceof AuthorizationError && e.error === "state_mismatch",
    );
    assert.equal(exchanges(), 0);
    assert.deepEqual(rows(), []);
  });

  it("a denied dialog is an AuthorizationError carrying error_reason", async () => {
    const auth = deezerAuth({}, { decision: "deny" });
    await assert.rejects(
      auth.authenticate(),
      (e: unknown) => e instanceof AuthorizationError && e.error === "user_denied",
    );
    assert.deepEqual(rows(), []);
  });

  it("a wrong secret (`wrong code`) is invalid_grant, with no secret or code in any message", async () => {
    let code = "";
    const auth = deezerAuth(
      { appSecret: "not-the-secret-1234" },
      {
        tamper: (location) => {
          code = new URL(location).searchParams.get("code") ?? "";
          return location;
        },
      },
    );
    const error = await auth.authenticate().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof AuthorizationError);
    assert.equal(error.error, "invalid_grant");
    assert.ok(code.length > 4);
    for (const text of [error.message, String(error.description), ...warnings]) {
      assert.ok(!text.includes("not-the-secret-1234"), text);
      assert.ok(!text.includes(code), text);
    }
    assert.deepEqual(rows(), []);
  });
});

describe("DeezerAuth options", () => {
  const base = (): Partial<DeezerAuthOptions> => ({
    authUrl: `${emulator.urls.deezerConnect}/oauth/auth.php`,
    tokenUrl: `${emulator.urls.deezerConnect}/oauth/access_token.php`,
    tokenStore: store,
    clock,
    warn: (m) => void warnings.push(m),
  });

  it("validates flows and options before any request", () => {
    const cases: [DeezerAuthOptions, string][] = [
      [{ authFlow: "pkce" as never, appId: "1", redirectUri: REDIRECT }, "authFlow"],
      [{ authFlow: "auth_code", appSecret: "s", redirectUri: REDIRECT }, "appId"],
      [{ authFlow: "auth_code", appId: "1", redirectUri: REDIRECT }, "appSecret"],
      [{ authFlow: "implicit", appId: "1" }, "redirectUri"],
      [{ authFlow: "implicit", appId: "1", redirectUri: "/relative" }, "redirectUri"],
      [
        { authFlow: "implicit", appId: "1", redirectUri: REDIRECT, redirectHandler: "browser" as never },
        "redirectHandler",
      ],
      [{ authFlow: "implicit", appId: "1", redirectUri: REDIRECT, permissions: 5 as never }, "permissions"],
      [
        { authFlow: "implicit", appId: "1", redirectUri: REDIRECT, accessToken: "t", expiresAt: "tomorrow" },
        "expiresAt",
      ],
    ];
    for (const [options, parameter] of cases) {
      assert.throws(
        () => new DeezerAuth({ ...base(), ...options }),
        (e: unknown) => e instanceof ValidationError && e.parameter === parameter,
        parameter,
      );
    }
    assert.equal(emulator.requests.length, 0);
  });

  it("reads the app id and secret from the environment each on its own", () => {
    process.env[ENV_ID] = "env-app";
    const implicit = new DeezerAuth({ ...base(), authFlow: "implicit", redirectUri: REDIRECT });
    assert.equal(implicit.appId, "env-app");
    const explicit = new DeezerAuth({
      ...base(),
      authFlow: "implicit",
      appId: "own-app",
      redirectUri: REDIRECT,
    });
    assert.equal(explicit.appId, "own-app", "an explicit id is not replaced by the environment");
    process.env[ENV_SECRET] = "env-secret";
    assert.doesNotThrow(
      () => new DeezerAuth({ ...base(), authFlow: "auth_code", appId: "own-app", redirectUri: REDIRECT }),
    );
    delete process.env[ENV_ID];
    assert.throws(
      () => new DeezerAuth({ ...base(), authFlow: "auth_code", appSecret: "s", redirectUri: REDIRECT }),
      (e: unknown) => e instanceof ValidationError && e.parameter === "appId",
    );
  });

  it("without a flow: warnings for dropped options, no credential, anonymous account", async () => {
    const auth = new DeezerAuth({
      ...base(),
      authFlow: null,
      redirectUri: REDIRECT,
      permissions: "email",
      accessToken: "ignored-token",
    });
    assert.equal(warnings.length, 3);
    assert.ok(warnings.every((w) => !w.includes("ignored-token")));
    assert.equal(auth.hasUserAuth, false);
    assert.equal(auth.permissions.size, 0);
    assert.equal(await auth.getCredential(), null);
    assert.equal(auth.accountKey(), "anonymous");
    await auth.authenticate();
    assert.equal(emulator.requests.length, 0);
    assert.throws(() => auth.setAccessToken("t"), ValidationError);
  });

  it("warns when http.server cannot receive a non-loopback redirect URI", () => {
    new DeezerAuth({
      ...base(),
      authFlow: "implicit",
      appId: "1",
      redirectUri: "https://example.com/callback",
      redirectHandler: "http.server",
    });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /only works for loopback redirect URIs/);
  });

  it("a given token is used with its expiry; setAccessToken replaces it", async () => {
    const token = deezer.issueToken({ expiresInSeconds: 7200 });
    const auth = new DeezerAuth({
      ...base(),
      authFlow: "auth_code",
      appId: APP_ID,
      appSecret: APP_SECRET,
      redirectUri: REDIRECT,
      accessToken: token,
      expiresAt: "2026-01-01T02:00:00Z",
      interactive: false,
    });
    created.push(auth);
    assert.equal((await auth.getCredential())?.accessToken, token);
    assert.equal(auth.permissionsKnown, false, "no permissions requested or confirmed");
    auth.setGrantedPermissions(["basic_access", "email"]);
    assert.equal(auth.permissionsKnown, true);
    assert.deepEqual([...auth.permissions], ["basic_access", "email"]);
    await clock.advance(2 * HOUR_MS);
    await assert.rejects(auth.getCredential(), AuthorizationError);
    auth.setAccessToken("replacement", { expiresAt: new Date(clock.now() + HOUR_MS) });
    assert.equal((await auth.getCredential())?.accessToken, "replacement");
    assert.equal(auth.permissionsKnown, false, "a new token's permissions are not assumed");
    assert.throws(() => auth.setAccessToken(null), ValidationError);
    assert.deepEqual(rows(), [], "given tokens are not stored");
  });

  it("setAuthFlow replaces the settings and authenticates unless told not to", async () => {
    const auth = new DeezerAuth({ ...base(), authFlow: null });
    created.push(auth);
    const input = new PassThrough();
    await auth.setAuthFlow("implicit", { appId: APP_ID, redirectUri: REDIRECT, authenticate: false });
    assert.equal(auth.authFlow, "implicit");
    assert.equal(emulator.requests.length, 0);
    await assert.rejects(
      auth.setAuthFlow("auth_code", { appId: APP_ID, redirectUri: REDIRECT }),
      ValidationError,
    );
    assert.equal(auth.authFlow, "implicit", "a rejected setAuthFlow changes nothing");
    const interactive = new DeezerAuth(
      {
        ...base(),
        authFlow: null,
        input,
        output: new PassThrough(),
        onAuthorization: async ({ url }) => void input.write(`${await consent(url)}\n`),
      },
      deps,
    );
    created.push(interactive);
    await interactive.setAuthFlow("implicit", {
      appId: APP_ID,
      redirectUri: REDIRECT,
      userIdentifier: "set",
    });
    assert.equal(interactive.userIdentifier, "set");
    assert.equal(rows()[0]?.userIdentifier, "set");
  });

  it("permission helpers and stored-token listing", async () => {
    assert.equal(DeezerAuth.PERMISSIONS.length, 7);
    assert.deepEqual([...DeezerAuth.resolvePermissions("library")].sort(), [
      "delete_library",
      "manage_library",
    ]);
    assert.deepEqual([...DeezerAuth.resolvePermissions(["email", "history"])].sort(), [
      "email",
      "listening_history",
    ]);
    assert.equal(DeezerAuth.resolvePermissions().size, 7);
    await deezerAuth({ userIdentifier: "one" }).authenticate();
    await deezerAuth({ userIdentifier: "two", permissions: "" }).authenticate();
    const listed = DeezerAuth.getTokens({ userIdentifiers: ["one", "two"] }, store);
    assert.deepEqual(listed.map((t) => t.userIdentifier).sort(), ["one", "two"]);
    assert.deepEqual(listed.find((t) => t.userIdentifier === "two")?.scopes, ["basic_access"]);
    // A restored login brings its recorded permissions along.
    const restored = deezerAuth({ userIdentifier: "one", permissions: undefined });
    await restored.authenticate();
    assert.deepEqual([...restored.permissions].sort(), ["basic_access", "manage_library"]);
    assert.equal(restored.permissionsKnown, true);
    assert.equal(DeezerAuth.removeTokens({ userIdentifiers: "one" }, store), 1);
    assert.equal(DeezerAuth.removeTokens({}, store), 1);
    assert.deepEqual(rows(), []);
  });
});
