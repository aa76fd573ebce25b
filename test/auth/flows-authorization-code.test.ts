import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, before, beforeEach, describe, it } from "node:test";
import { ManualClock } from "../../src/core/clock.js";
import { AuthorizationError, ServiceUnavailableError } from "../../src/core/errors.js";
import {
  deezerAuthorizationCodeUrl,
  readDeezerTokenBody,
  runDeezerAuthorizationCode,
} from "../../src/auth/flows/authorization-code.js";
import type { RedirectFlowContext } from "../../src/auth/flows/context.js";
import { PasteRedirectHandler } from "../../src/auth/redirect/paste.js";
import type { RedirectHandler, RedirectRequest } from "../../src/auth/redirect/types.js";
import { parseRedirect } from "../../src/auth/redirect/urls.js";
import { startTestServer, type TestServer } from "../helpers/http-server.js";
import { flowContext } from "./helpers.js";

const SECRET = "app-secret-value-123";
const REDIRECT = "http://127.0.0.1:9/callback";

let server: TestServer;
let answer: { status: number; body: string; type: string } = { status: 200, body: "", type: "text/plain" };
const clock = new ManualClock(Date.UTC(2026, 0, 1));

before(async () => {
  server = await startTestServer((_req, res) => {
    res.writeHead(answer.status, { "content-type": answer.type });
    res.end(answer.body);
  });
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** A handler that plays the user: it reads the authorization URL and redirects with what `reply` builds. */
function stubHandler(reply: (auth: URL) => string): RedirectHandler & { seen: RedirectRequest[] } {
  const seen: RedirectRequest[] = [];
  return {
    seen,
    capture: async (req) => {
      seen.push(req);
      return parseRedirect(reply(new URL(req.authorizationUrl)));
    },
  };
}

function context(handler: RedirectHandler): RedirectFlowContext {
  return {
    ...flowContext("deezer", server.url, clock),
    redirectHandler: handler,
    redirectUri: REDIRECT,
    authUrl: "https://connect.deezer.com/oauth/auth.php",
  };
}

const params = () => ({
  appId: "123456",
  appSecret: SECRET,
  tokenUrl: `${server.url}/oauth/access_token.php`,
  permissions: ["manage_library", "basic_access"],
});

describe("Deezer authorization code flow", () => {
  it("builds the authorization URL with app_id, redirect_uri, comma-joined perms and a 43-char state", () => {
    const url = new URL(
      deezerAuthorizationCodeUrl("https://connect.deezer.com/oauth/auth.php", {
        appId: "1",
        redirectUri: REDIRECT,
        permissions: ["email", "basic_access"],
        state: "s",
      }),
    );
    assert.deepEqual([...url.searchParams.keys()], ["app_id", "redirect_uri", "perms", "state"]);
    assert.equal(url.searchParams.get("perms"), "basic_access,email");
    assert.equal(url.searchParams.get("response_type"), null);
  });

  it("exchanges the code (form-encoded answer) and reads expires", async () => {
    answer = { status: 200, body: "access_token=deezer-token-1&expires=3600", type: "text/plain" };
    const handler = stubHandler(
      (auth) => `${REDIRECT}?code=the-code&state=${auth.searchParams.get("state")}`,
    );
    const token = await runDeezerAuthorizationCode(context(handler), params());
    assert.equal(token.accessToken, "deezer-token-1");
    assert.equal(token.tokenType, null);
    assert.equal(token.refreshToken, null);
    assert.equal(token.expiresAt?.getTime(), clock.now() + 3_600_000);
    assert.deepEqual(token.scopes, ["manage_library", "basic_access"]);
    const state = new URL(handler.seen[0]?.authorizationUrl ?? "").searchParams.get("state") ?? "";
    assert.match(state, /^[A-Za-z0-9_-]{43}$/);
    const sent = server.requests[0];
    assert.equal(sent?.method, "POST");
    assert.equal(sent?.url, "/oauth/access_token.php");
    assert.equal(sent?.headers["content-type"], "application/x-www-form-urlencoded");
    assert.deepEqual(Object.fromEntries(new URLSearchParams(sent?.body)), {
      app_id: "123456",
      secret: SECRET,
      code: "the-code",
    });
  });

  it("reads a JSON answer too, and expires=0 means no expiry", async () => {
    answer = {
      status: 200,
      body: JSON.stringify({ access_token: "json-token", expires: 0 }),
      type: "application/json",
    };
    const handler = stubHandler((auth) => `${REDIRECT}?code=c&state=${auth.searchParams.get("state")}`);
    const token = await runDeezerAuthorizationCode(context(handler), params());
    assert.equal(token.accessToken, "json-token");
    assert.equal(token.expiresAt, null);
  });

  it("turns `wrong code` into invalid_grant without echoing the secret or the code", async () => {
    answer = { status: 200, body: "wrong code", type: "text/plain" };
    const handler = stubHandler(
      (auth) => `${REDIRECT}?code=secret-code-xyz&state=${auth.searchParams.get("state")}`,
    );
    await assert.rejects(runDeezerAuthorizationCode(context(handler), params()), (error: unknown) => {
      assert.ok(error instanceof AuthorizationError);
      assert.equal(error.error, "invalid_grant");
      assert.ok(!error.message.includes(SECRET));
      assert.ok(!error.message.includes("secret-code-xyz"));
      return true;
    });
  });

  it("reports a 5xx token endpoint as a transient error", async () => {
    answer = { status: 503, body: "busy", type: "text/plain" };
    const handler = stubHandler((auth) => `${REDIRECT}?code=c&state=${auth.searchParams.get("state")}`);
    await assert.rejects(runDeezerAuthorizationCode(context(handler), params()), ServiceUnavailableError);
  });

  it("error_reason in the redirect → AuthorizationError, no token request", async () => {
    const handler = stubHandler(
      (auth) => `${REDIRECT}?error_reason=user_denied&state=${auth.searchParams.get("state")}`,
    );
    await assert.rejects(
      runDeezerAuthorizationCode(context(handler), params()),
      (error: unknown) => error instanceof AuthorizationError && error.error === "user_denied",
    );
    assert.equal(server.requests.length, 0);
  });

  it("an error without the state is a state mismatch, not the user's decision", async () => {
    const handler = stubHandler(() => `${REDIRECT}?error=access_denied&error_reason=user_denied`);
    await assert.rejects(
      runDeezerAuthorizationCode(context(handler), params()),
      (error: unknown) => error instanceof AuthorizationError && error.error === "state_mismatch",
    );
    assert.equal(server.requests.length, 0);
  });

  it("a state mismatch is refused before the code is exchanged", async () => {
    const handler = stubHandler(() => `${REDIRECT}?code=c&state=forged`);
    await assert.rejects(
      runDeezerAuthorizationCode(context(handler), params()),
      (error: unknown) => error instanceof AuthorizationError && error.error === "state_mismatch",
    );
    const missing = stubHandler(() => `${REDIRECT}?code=c`);
    await assert.rejects(
      runDeezerAuthorizationCode(context(missing), params()),
      (error: unknown) => error instanceof AuthorizationError && error.error === "state_mismatch",
    );
    assert.equal(server.requests.length, 0);
  });

  it("works through the paste handler fed from a stream", async () => {
    answer = { status: 200, body: "access_token=pasted-token&expires=60", type: "text/plain" };
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const ctx: RedirectFlowContext = {
      ...context(new PasteRedirectHandler()),
      input,
      output,
      onAuthorization: ({ url }) => {
        const state = new URL(url).searchParams.get("state");
        input.write(`${REDIRECT}?code=pasted-code&state=${state}\n`);
      },
    };
    const token = await runDeezerAuthorizationCode(ctx, params());
    assert.equal(token.accessToken, "pasted-token");
    // The hook presented the page; the terminal only asks for the paste.
    assert.ok(!printed.includes("auth.php"));
    assert.match(printed, /paste here the full URL/);
  });
});

describe("readDeezerTokenBody", () => {
  it("reads form text, JSON, and maps errors to invalid_grant", () => {
    assert.deepEqual(readDeezerTokenBody("access_token=a&expires=5"), { access_token: "a", expires: "5" });
    assert.deepEqual(readDeezerTokenBody('{"access_token":"b","expires":0}'), {
      access_token: "b",
      expires: 0,
    });
    assert.deepEqual(readDeezerTokenBody("wrong code"), { error: "invalid_grant" });
    assert.deepEqual(
      readDeezerTokenBody('{"error":{"type":"OAuthException","message":"Invalid code","code":4}}'),
      { error: "invalid_grant" },
    );
  });
});
