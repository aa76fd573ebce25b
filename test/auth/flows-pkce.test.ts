import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import { ManualClock } from "../../src/core/clock.js";
import { AuthorizationError } from "../../src/core/errors.js";
import type { RedirectFlowContext } from "../../src/auth/flows/context.js";
import { createPkcePair, pkceAuthorizationUrl, runPkce } from "../../src/auth/flows/pkce.js";
import type { RedirectHandler, RedirectRequest } from "../../src/auth/redirect/types.js";
import { parseRedirect } from "../../src/auth/redirect/urls.js";
import { json, startTestServer, type TestServer } from "../helpers/http-server.js";
import { flowContext } from "./helpers.js";

const REDIRECT = "tidal://login/auth";
const clock = new ManualClock(Date.UTC(2026, 0, 1));
let server: TestServer;
let reply: { status: number; body: unknown } = { status: 200, body: {} };

before(async () => {
  server = await startTestServer((_req, res) => json(res, reply.status, reply.body));
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function context(handler: RedirectHandler): RedirectFlowContext {
  return {
    ...flowContext("tidal", server.url, clock),
    redirectHandler: handler,
    redirectUri: REDIRECT,
    authUrl: "https://login.tidal.com/authorize",
  };
}

function approving(code: string): RedirectHandler & { seen: RedirectRequest[] } {
  const seen: RedirectRequest[] = [];
  return {
    seen,
    capture: async (req) => {
      seen.push(req);
      const state = new URL(req.authorizationUrl).searchParams.get("state");
      return parseRedirect(`${REDIRECT}?code=${code}&state=${state}`);
    },
  };
}

describe("PKCE", () => {
  it("makes a 128-character verifier and its S256 challenge", () => {
    const { verifier, challenge } = createPkcePair();
    assert.equal(verifier.length, 128);
    assert.match(verifier, /^[A-Za-z0-9_-]+$/);
    assert.equal(challenge, createHash("sha256").update(verifier).digest("base64url"));
    assert.notEqual(createPkcePair().verifier, verifier);
  });

  it("builds the authorize URL with a fixed parameter order, scope only when set", () => {
    const url = new URL(
      pkceAuthorizationUrl("https://login.tidal.com/authorize", {
        clientId: "cid",
        redirectUri: REDIRECT,
        state: "st",
        scopes: ["w_usr", "r_usr"],
        challenge: "ch",
      }),
    );
    assert.deepEqual(
      [...url.searchParams.keys()],
      [
        "client_id",
        "redirect_uri",
        "response_type",
        "state",
        "scope",
        "code_challenge",
        "code_challenge_method",
      ],
    );
    assert.equal(url.searchParams.get("scope"), "r_usr w_usr");
    assert.equal(url.searchParams.get("code_challenge_method"), "S256");
    const noScope = new URL(
      pkceAuthorizationUrl("https://login.tidal.com/authorize", {
        clientId: "cid",
        redirectUri: REDIRECT,
        state: "st",
        scopes: [],
        challenge: "ch",
      }),
    );
    assert.equal(noScope.searchParams.has("scope"), false);
  });

  it("exchanges the code with the verifier, Basic auth (standard base64) when a secret is set", async () => {
    reply = {
      status: 200,
      body: {
        access_token: "tidal-access",
        token_type: "bearer",
        expires_in: 86400,
        refresh_token: "tidal-refresh",
        scope: "r_usr w_usr",
        user_id: 1234,
        user: { countryCode: "NO" },
      },
    };
    const handler = approving("auth-code-1");
    // `cid:~~~` encodes to `Y2lkOn5+fg==` in standard base64 but `Y2lkOn5-fg` in the URL-safe alphabet.
    const token = await runPkce(context(handler), {
      clientId: "cid",
      clientSecret: "~~~",
      tokenUrl: `${server.url}/v1/oauth2/token`,
      scopes: ["r_usr"],
    });
    assert.equal(token.accessToken, "tidal-access");
    assert.equal(token.tokenType, "Bearer");
    assert.equal(token.refreshToken, "tidal-refresh");
    assert.deepEqual(token.scopes, ["r_usr", "w_usr"]);
    assert.equal(token.expiresAt?.getTime(), clock.now() + 86_400_000);
    assert.deepEqual(token.extras, { user_id: 1234, user: { countryCode: "NO" } });

    const auth = new URL(handler.seen[0]?.authorizationUrl ?? "");
    const sent = server.requests[0];
    const form = new URLSearchParams(sent?.body);
    assert.equal(form.get("grant_type"), "authorization_code");
    assert.equal(form.get("client_id"), "cid");
    assert.equal(form.get("code"), "auth-code-1");
    assert.equal(form.get("redirect_uri"), REDIRECT);
    const verifier = form.get("code_verifier") ?? "";
    assert.equal(verifier.length, 128);
    assert.equal(
      auth.searchParams.get("code_challenge"),
      createHash("sha256").update(verifier).digest("base64url"),
    );
    assert.equal(sent?.headers["authorization"], "Basic Y2lkOn5+fg==");
  });

  it("sends no Authorization header without a secret", async () => {
    reply = { status: 200, body: { access_token: "a", token_type: "Bearer", expires_in: 10 } };
    await runPkce(context(approving("c")), { clientId: "cid", tokenUrl: `${server.url}/token`, scopes: [] });
    assert.equal(server.requests[0]?.headers["authorization"], undefined);
  });

  it("turns an auth-server error into an AuthorizationError carrying its fields, without secrets", async () => {
    reply = {
      status: 400,
      body: {
        status: 400,
        error: "invalid_grant",
        sub_status: 1003,
        error_description: "Authorization code expired",
      },
    };
    await assert.rejects(
      runPkce(context(approving("very-secret-code")), {
        clientId: "cid",
        clientSecret: "client-secret-1",
        tokenUrl: `${server.url}/token`,
        scopes: [],
      }),
      (error: unknown) => {
        assert.ok(error instanceof AuthorizationError);
        assert.equal(error.error, "invalid_grant");
        assert.equal(error.description, "Authorization code expired");
        assert.equal(error.status, 400);
        assert.equal(error.subStatus, 1003);
        assert.ok(!error.message.includes("very-secret-code"));
        assert.ok(!error.message.includes("client-secret-1"));
        return true;
      },
    );
  });

  it("refuses a redirect whose state does not match, without a token request", async () => {
    const forged: RedirectHandler = { capture: async () => parseRedirect(`${REDIRECT}?code=x&state=nope`) };
    await assert.rejects(
      runPkce(context(forged), { clientId: "cid", tokenUrl: `${server.url}/token`, scopes: [] }),
      (error: unknown) => error instanceof AuthorizationError && error.error === "state_mismatch",
    );
    assert.equal(server.requests.length, 0);
  });
});
