/**
 * OAuth traffic reaches the clients' `onRequest`/`onResponse` hooks, their logger and `DEBUG=minim` like API calls
 * do, and nothing those observers receive holds a secret. Full logins against the emulator over loopback HTTP:
 * Deezer's authorization code flow (consent approved on the emulator's page, then a rejected token that makes the
 * client log in again) and TIDAL's device flow followed by a forced refresh. The secrets checked for are read from
 * what the emulator received and from the token store, not from the client's own redaction.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DeezerAuth } from "../../src/auth/deezer.js";
import type { TokenStore } from "../../src/auth/token-store.js";
import type { MinimLogger, RequestEvent, ResponseEvent } from "../../src/core/api-client.js";
import { ValidationError } from "../../src/core/errors.js";
import { DeezerAPIClient } from "../../src/deezer/client.js";
import { DEFAULT_DEEZER_APP } from "../../src/emulator/deezer/index.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import {
  TIDAL_DEVICE_CLIENT_ID,
  TIDAL_DEVICE_CLIENT_SECRET,
  TIDAL_SEED,
} from "../../src/emulator/tidal/index.js";
import type { RecordedRequest } from "../../src/emulator/types.js";
import { PrivateTIDALAPIClient } from "../../src/tidal/private-client.js";
import { freePort, tempTokenStore, type TempTokenStore } from "./helpers.js";

const SECRET_FIELDS = ["code", "secret", "client_secret", "code_verifier", "device_code", "refresh_token"];

/** Every credential a request carried: secret form and query fields, bearer tokens, both halves of basic auth. */
function sentSecrets(records: readonly RecordedRequest[]): string[] {
  const found: string[] = [];
  for (const record of records) {
    const url = new URL(record.url, "http://emulator.invalid");
    const form = new URLSearchParams(record.body);
    for (const name of [...SECRET_FIELDS, "access_token"]) {
      found.push(...url.searchParams.getAll(name), ...form.getAll(name));
    }
    const authorization = record.headers["authorization"] ?? "";
    const bearer = /^Bearer (.+)$/i.exec(authorization)?.[1];
    if (bearer !== undefined) found.push(bearer);
    const basic = /^Basic (.+)$/i.exec(authorization)?.[1];
    if (basic !== undefined) {
      found.push(basic, Buffer.from(basic, "base64").toString("utf8").split(":").slice(1).join(":"));
    }
  }
  return found.filter((value) => value.length >= 8);
}

/** Every token of either service the store holds, newest first. */
function stored(store: TokenStore) {
  return [...DeezerAPIClient.getTokens({}, store), ...PrivateTIDALAPIClient.getTokens({}, store)];
}

function storedSecrets(store: TokenStore): string[] {
  return stored(store).flatMap((t) => [t.accessToken, t.refreshToken ?? ""].filter((v) => v !== ""));
}

/** What a test application sees: every event and log line, as it would print them. */
class Observed {
  readonly requests: RequestEvent[] = [];
  readonly responses: ResponseEvent[] = [];
  readonly lines: string[] = [];
  readonly options = {
    onRequest: (event: RequestEvent): void => void this.requests.push(event),
    onResponse: (event: ResponseEvent): void => void this.responses.push(event),
  };
  readonly logger: MinimLogger = { debug: (line) => void this.lines.push(line) };

  text(): string {
    return [
      ...this.requests.map((e) => JSON.stringify(e)),
      ...this.responses.map((e) => `${JSON.stringify(e)} ${e.error?.message ?? ""} ${e.error?.stack ?? ""}`),
      ...this.lines,
    ].join("\n");
  }

  /** `name method status` of every OAuth request answered, in order. */
  oauth(): string[] {
    return this.responses
      .filter((e) => e.name.startsWith("oauth."))
      .map((e) => `${e.name} ${e.method} ${String(e.status)}`);
  }
}

/** Runs `work` with `DEBUG=minim` while `construct` runs and standard error captured throughout. */
async function withDebugStderr<C>(construct: () => C, work: (client: C) => Promise<void>): Promise<string[]> {
  const previous = process.env["DEBUG"];
  process.env["DEBUG"] = "minim";
  let client: C;
  try {
    client = construct();
  } finally {
    if (previous === undefined) delete process.env["DEBUG"];
    else process.env["DEBUG"] = previous;
  }
  const written: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    await work(client);
  } finally {
    process.stderr.write = write;
  }
  return written
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("minim "));
}

function assertNoSecret(text: string, secrets: readonly string[], label: string): void {
  for (const secret of new Set(secrets)) {
    for (const form of [secret, encodeURIComponent(secret)]) {
      assert.ok(!text.includes(form), `${label} reveals a secret (${secret.slice(0, 3)}…):\n${text}`);
    }
  }
}

describe("OAuth requests are observed like API calls, with their secrets removed", () => {
  let emulator: Emulator;
  const stores: TempTokenStore[] = [];
  const closing: { close(): Promise<void> }[] = [];

  before(async () => {
    emulator = await startEmulator({ tidal: { deviceIntervalSeconds: 0.05 } });
  });

  after(async () => {
    await Promise.all(closing.map((c) => c.close()));
    for (const store of stores) store.remove();
    await emulator.close();
  });

  const newStore = (): TokenStore => {
    const temp = tempTokenStore("minim-observed-auth-");
    stores.push(temp);
    return temp.store;
  };

  /** An auth-code login through the emulator's consent page, with the loopback redirect server. */
  const deezerLogin = (redirectUri: string, store: TokenStore) =>
    ({
      authFlow: "auth_code",
      appId: DEFAULT_DEEZER_APP.appId,
      appSecret: DEFAULT_DEEZER_APP.secret,
      redirectUri,
      redirectHandler: "http.server",
      baseUrl: emulator.urls.deezerApi,
      authUrl: `${emulator.urls.deezerConnect}/oauth/auth.php`,
      tokenUrl: `${emulator.urls.deezerConnect}/oauth/access_token.php`,
      tokenStore: store,
      limitRate: false,
      enableCache: false,
      onAuthorization: ({ url }: { url: string }) => emulator.deezer!.approveConsent(url),
    }) as const;

  const deezerClient = async (observed: Observed, store: TokenStore, logger?: MinimLogger) => {
    const client = new DeezerAPIClient({
      ...deezerLogin(`http://127.0.0.1:${await freePort()}/callback`, store),
      ...observed.options,
      ...(logger ? { logger } : {}),
    });
    closing.push(client);
    return client;
  };

  /** Login, a call, the token revoked at the service, a call that makes the client log in again. */
  const deezerScenario = async (client: DeezerAPIClient, store: TokenStore): Promise<string[]> => {
    await client.users.getUser();
    const first = stored(store)[0]!.accessToken;
    emulator.deezer!.revokeToken(first);
    await client.users.getUser();
    const second = stored(store)[0]!.accessToken;
    assert.notEqual(second, first, "the rejected token was replaced by a new login");
    return [first, second];
  };

  const tidalClient = (observed: Observed, store: TokenStore, logger?: MinimLogger) => {
    const client = new PrivateTIDALAPIClient({
      authFlow: "device",
      clientId: TIDAL_DEVICE_CLIENT_ID,
      clientSecret: TIDAL_DEVICE_CLIENT_SECRET,
      baseUrl: emulator.urls.tidalApi,
      loginUrl: emulator.urls.tidalLogin,
      authUrl: `${emulator.urls.tidalLogin}/authorize`,
      tokenUrl: `${emulator.urls.tidalAuth}/v1/oauth2/token`,
      deviceAuthUrl: `${emulator.urls.tidalAuth}/v1/oauth2/device_authorization`,
      tokenStore: store,
      limitRate: false,
      enableCache: false,
      warn: () => undefined,
      onAuthorization: (prompt) => emulator.tidal!.approveDevice(prompt.userCode!),
      ...observed.options,
      ...(logger ? { logger } : {}),
    });
    closing.push(client);
    return client;
  };

  /** Device login, a call, the access token expired at the service, a call that makes the client refresh. */
  const tidalScenario = async (client: PrivateTIDALAPIClient, store: TokenStore): Promise<string[]> => {
    await client.albums.getAlbum(TIDAL_SEED.albums.tidewater, { countryCode: "US" });
    const login = stored(store)[0]!;
    const refreshes = emulator.tidal!.countTokenRequests("refresh_token", { successfulOnly: true });
    emulator.tidal!.expireToken(login.accessToken);
    await client.albums.getAlbum(TIDAL_SEED.albums.tidewater, { countryCode: "US" });
    assert.equal(
      emulator.tidal!.countTokenRequests("refresh_token", { successfulOnly: true }),
      refreshes + 1,
    );
    const deviceCodes = emulator.tidal!.deviceAuthorizations.map((d) => d.deviceCode);
    return [login.accessToken, login.refreshToken ?? "", ...deviceCodes];
  };

  it("Deezer: the code exchanges reach the hooks and the logger, and no secret does", async () => {
    const observed = new Observed();
    const store = newStore();
    const client = await deezerClient(observed, store, observed.logger);
    const since = emulator.requests.length;
    const tokens = await deezerScenario(client, store);
    const secrets = [
      ...tokens,
      DEFAULT_DEEZER_APP.secret,
      ...sentSecrets(emulator.requests.slice(since)),
      ...storedSecrets(store),
    ];
    // Two codes were exchanged; the scan must be looking for them.
    const codes = emulator.requests
      .slice(since)
      .filter((r) => r.path === "/oauth/access_token.php")
      .map((r) => new URLSearchParams(r.body).get("code"));
    assert.equal(codes.length, 2);
    assert.ok(codes.every((code) => code !== null && secrets.includes(code)));

    const tokenUrl = `${emulator.urls.deezerConnect}/oauth/access_token.php`;
    assert.deepEqual(observed.oauth(), ["oauth.token POST 200", "oauth.token POST 200"]);
    const exchanges = observed.requests.filter((e) => e.name === "oauth.token");
    assert.deepEqual(
      exchanges.map((e) => [e.method, e.url, e.attempt]),
      [
        ["POST", tokenUrl, 1],
        ["POST", tokenUrl, 1],
      ],
    );
    const answered = observed.responses.filter((e) => e.name === "oauth.token");
    assert.ok(answered.every((e) => e.durationMs >= 0 && typeof e.headers["content-type"] === "string"));
    // The API calls around them are still reported under their own names.
    assert.ok(observed.requests.some((e) => e.name === "getUser"));
    const authLines = observed.lines.filter((line) => line.endsWith("(oauth.token)"));
    assert.equal(authLines.length, 2, observed.lines.join("\n"));
    assert.match(
      authLines[0]!,
      /^minim POST http:\/\/127\.0\.0\.1:\d+\/oauth\/access_token\.php -> 200 in \d+ ms/,
    );

    assertNoSecret(observed.text(), secrets, "the hooks and the logger");
  });

  it("Deezer: DEBUG=minim writes the code exchanges to standard error without their secrets", async () => {
    const observed = new Observed();
    const store = newStore();
    const since = emulator.requests.length;
    let tokens: string[] = [];
    const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    const lines = await withDebugStderr(
      () => new DeezerAPIClient(deezerLogin(redirectUri, store)),
      async (client) => {
        closing.push(client);
        tokens = await deezerScenario(client, store);
      },
    );
    const secrets = [...tokens, DEFAULT_DEEZER_APP.secret, ...sentSecrets(emulator.requests.slice(since))];
    assert.equal(lines.filter((line) => line.endsWith("(oauth.token)")).length, 2, lines.join("\n"));
    assert.ok(lines.some((line) => /^minim GET .*\/user\/me.* -> 200 in \d+ ms \(attempt 1\)$/.test(line)));
    assertNoSecret(lines.join("\n"), secrets, "DEBUG=minim");
    assert.equal(observed.requests.length, 0);
  });

  it("TIDAL: the device code request, its polls and a refresh reach the hooks and the logger, and no secret does", async () => {
    const observed = new Observed();
    const store = newStore();
    const client = tidalClient(observed, store, observed.logger);
    const since = emulator.requests.length;
    const learnt = await tidalScenario(client, store);
    const secrets = [
      ...learnt,
      TIDAL_DEVICE_CLIENT_SECRET,
      ...sentSecrets(emulator.requests.slice(since)),
      ...storedSecrets(store),
    ];
    assert.ok(secrets.includes(TIDAL_DEVICE_CLIENT_SECRET));

    const oauth = observed.oauth();
    assert.equal(oauth[0], "oauth.deviceAuthorization POST 200");
    // Polls until approval, then the refresh the expired token forced.
    assert.ok(oauth.length >= 3, oauth.join("\n"));
    assert.deepEqual(oauth.slice(-2), ["oauth.token POST 200", "oauth.token POST 200"]);
    assert.ok(oauth.slice(1).every((entry) => entry.startsWith("oauth.token POST ")));
    const tokenUrl = `${emulator.urls.tidalAuth}/v1/oauth2/token`;
    assert.ok(observed.requests.filter((e) => e.name === "oauth.token").every((e) => e.url === tokenUrl));
    assert.equal(
      observed.requests.find((e) => e.name === "oauth.deviceAuthorization")?.url,
      `${emulator.urls.tidalAuth}/v1/oauth2/device_authorization`,
    );
    // The API calls: the album, the 401 that forced the refresh, and the album again.
    assert.deepEqual(
      observed.responses.filter((e) => e.name === "getAlbum").map((e) => e.status),
      [200, 401, 200],
    );
    assert.ok(
      observed.lines.some((line) => /\/v1\/oauth2\/token -> 200 in \d+ ms \(oauth\.token\)$/.test(line)),
    );
    assert.ok(observed.lines.some((line) => line.endsWith("(oauth.deviceAuthorization)")));

    assertNoSecret(observed.text(), secrets, "the hooks and the logger");
  });

  it("TIDAL: DEBUG=minim writes the device flow and the refresh to standard error without their secrets", async () => {
    const store = newStore();
    const since = emulator.requests.length;
    let learnt: string[] = [];
    const lines = await withDebugStderr(
      () => tidalClient(new Observed(), store),
      async (client) => {
        learnt = await tidalScenario(client, store);
      },
    );
    const secrets = [
      ...learnt,
      TIDAL_DEVICE_CLIENT_SECRET,
      ...sentSecrets(emulator.requests.slice(since)),
      ...storedSecrets(store),
    ];
    assert.ok(
      lines.some((line) => line.endsWith("(oauth.deviceAuthorization)")),
      lines.join("\n"),
    );
    assert.ok(lines.filter((line) => line.endsWith("(oauth.token)")).length >= 2, lines.join("\n"));
    assertNoSecret(lines.join("\n"), secrets, "DEBUG=minim");
  });

  it("secrets a token endpoint echoes into its response headers are removed from what onResponse sees", async () => {
    const observed = new Observed();
    const store = newStore();
    const tokenPath = "/v1/oauth2/token";
    const client = new PrivateTIDALAPIClient({
      authFlow: "device",
      clientId: TIDAL_DEVICE_CLIENT_ID,
      clientSecret: TIDAL_DEVICE_CLIENT_SECRET,
      baseUrl: emulator.urls.tidalApi,
      loginUrl: emulator.urls.tidalLogin,
      tokenUrl: `${emulator.urls.tidalAuth}${tokenPath}`,
      deviceAuthUrl: `${emulator.urls.tidalAuth}/v1/oauth2/device_authorization`,
      tokenStore: store,
      limitRate: false,
      enableCache: false,
      maxRetries: 0,
      warn: () => undefined,
      onAuthorization: (prompt) => {
        const device = emulator.tidal!.deviceAuthorizations.find((d) => d.userCode === prompt.userCode)!;
        // The first poll is refused as pending, by a server that quotes the device code it was sent.
        emulator.faults.inject({
          role: "tidalAuth",
          path: tokenPath,
          status: 400,
          json: { error: "authorization_pending" },
          headers: { "x-echo": `device_code=${device.deviceCode}`, "x-debug": device.deviceCode },
        });
        emulator.tidal!.approveDevice(prompt.userCode!);
      },
      ...observed.options,
    });
    closing.push(client);
    await client.albums.getAlbum(TIDAL_SEED.albums.tidewater, { countryCode: "US" });
    const login = stored(store)[0]!;
    const deviceCode = emulator.tidal!.deviceAuthorizations.find((d) => d.status === "consumed")?.deviceCode;
    assert.ok(deviceCode !== undefined && login.refreshToken !== null);

    // The refresh the expired token forces fails, quoting the refresh token and the client credentials.
    emulator.tidal!.expireToken(login.accessToken);
    const basic = Buffer.from(`${TIDAL_DEVICE_CLIENT_ID}:${TIDAL_DEVICE_CLIENT_SECRET}`).toString("base64");
    emulator.faults.inject({
      role: "tidalAuth",
      path: tokenPath,
      status: 503,
      json: { error: "temporarily_unavailable" },
      headers: {
        "x-echo": `${login.refreshToken!} ${login.accessToken}`,
        "x-client": `${TIDAL_DEVICE_CLIENT_SECRET} ${basic}`,
      },
    });
    await assert.rejects(client.albums.getAlbum(TIDAL_SEED.albums.tidewater, { countryCode: "US" }));

    const echoed = observed.responses.filter((e) => e.name === "oauth.token" && e.headers["x-echo"]);
    assert.deepEqual(
      echoed.map((e) => e.status),
      [400, 503],
    );
    assert.equal(echoed[0]!.headers["x-debug"], "[REDACTED]");
    assert.equal(echoed[1]!.headers["x-client"], "[REDACTED] [REDACTED]");
    assertNoSecret(
      observed.text(),
      [deviceCode, login.refreshToken!, login.accessToken, TIDAL_DEVICE_CLIENT_SECRET, basic],
      "onResponse",
    );
  });

  it("a hook that throws does not fail the login it watches", async () => {
    const store = newStore();
    const called: string[] = [];
    const client = new PrivateTIDALAPIClient({
      authFlow: "device",
      clientId: TIDAL_DEVICE_CLIENT_ID,
      clientSecret: TIDAL_DEVICE_CLIENT_SECRET,
      baseUrl: emulator.urls.tidalApi,
      loginUrl: emulator.urls.tidalLogin,
      tokenUrl: `${emulator.urls.tidalAuth}/v1/oauth2/token`,
      deviceAuthUrl: `${emulator.urls.tidalAuth}/v1/oauth2/device_authorization`,
      tokenStore: store,
      limitRate: false,
      warn: () => undefined,
      onAuthorization: (prompt) => emulator.tidal!.approveDevice(prompt.userCode!),
      onRequest: (event) => {
        called.push(event.name);
        throw new Error("observer failure");
      },
      onResponse: () => {
        throw new Error("observer failure");
      },
    });
    closing.push(client);
    const me = await client.users.getMe();
    assert.equal(me.userId, TIDAL_SEED.users.main);
    assert.equal(called[0], "oauth.deviceAuthorization");
    assert.ok(called.includes("oauth.token") && called.includes("getMe"), called.join(" "));
  });

  it("an authenticator built directly checks its hooks and logger before anything is sent", () => {
    const base = {
      authFlow: "implicit",
      appId: "1",
      redirectUri: "http://127.0.0.1:9/cb",
      storeTokens: false,
    } as const;
    for (const [name, value] of [
      ["onRequest", "log"],
      ["onResponse", 1],
      ["logger", { info: () => undefined }],
    ] as const) {
      assert.throws(
        () => new DeezerAuth({ ...base, [name]: value } as never),
        (e: unknown) => e instanceof ValidationError && e.parameter === name,
      );
    }
  });
});
