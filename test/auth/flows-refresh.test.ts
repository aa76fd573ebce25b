import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { ManualClock } from "../../src/core/clock.js";
import {
  AuthorizationError,
  ConnectionError,
  RateLimitError,
  ServiceUnavailableError,
} from "../../src/core/errors.js";
import type { FlowContext } from "../../src/auth/flows/context.js";
import { isTransientFailure } from "../../src/auth/flows/token-errors.js";
import { runRefresh } from "../../src/auth/flows/refresh.js";
import type { TokenSet } from "../../src/auth/types.js";
import { json, startTestServer, type TestServer } from "../helpers/http-server.js";
import { flowContext } from "./helpers.js";

const clock = new ManualClock(Date.UTC(2026, 0, 1));
let server: TestServer;
let reply: { status: number; body: unknown; headers?: Record<string, string> } = { status: 200, body: {} };

before(async () => {
  server = await startTestServer((_req, res) => json(res, reply.status, reply.body, reply.headers));
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const ctx = (): FlowContext => flowContext("tidal", server.url, clock);

const old: TokenSet = {
  accessToken: "old-access-token",
  tokenType: "Bearer",
  refreshToken: "old-refresh-token",
  expiresAt: new Date(clock.now() - 1000),
  scopes: ["r_usr", "w_usr"],
  extras: { user_id: 5 },
};

const params = (clientSecret: string | null = "refresh-client-secret") => ({
  clientId: "cid",
  clientSecret,
  tokenUrl: `${server.url}/v1/oauth2/token`,
});

describe("refresh grant", () => {
  it("sends grant_type, refresh_token and client_id with Basic auth, and keeps the old refresh token", async () => {
    reply = {
      status: 200,
      body: { access_token: "new-access", token_type: "Bearer", expires_in: 3600, user_id: 5 },
    };
    const token = await runRefresh(ctx(), params(), old);
    assert.equal(token.accessToken, "new-access");
    assert.equal(token.refreshToken, "old-refresh-token");
    assert.deepEqual(token.scopes, ["r_usr", "w_usr"]);
    assert.deepEqual(token.extras, { user_id: 5 });
    assert.equal(token.expiresAt?.getTime(), clock.now() + 3_600_000);
    const sent = server.requests[0];
    assert.deepEqual(Object.fromEntries(new URLSearchParams(sent?.body)), {
      grant_type: "refresh_token",
      refresh_token: "old-refresh-token",
      client_id: "cid",
    });
    assert.equal(
      sent?.headers["authorization"],
      `Basic ${Buffer.from("cid:refresh-client-secret").toString("base64")}`,
    );
  });

  it("takes a rotated refresh token and a new scope, and no Basic auth without a secret", async () => {
    reply = {
      status: 200,
      body: {
        access_token: "n",
        token_type: "Bearer",
        expires_in: 10,
        refresh_token: "rotated",
        scope: "r_usr",
      },
    };
    const token = await runRefresh(ctx(), params(null), old);
    assert.equal(token.refreshToken, "rotated");
    assert.deepEqual(token.scopes, ["r_usr"]);
    assert.equal(server.requests[0]?.headers["authorization"], undefined);
  });

  it("an auth-server refusal is an AuthorizationError with error, description, status and sub_status", async () => {
    reply = {
      status: 400,
      body: {
        status: 400,
        error: "invalid_grant",
        sub_status: 11101,
        error_description: "Token could not be refreshed",
      },
    };
    await assert.rejects(runRefresh(ctx(), params(), old), (e: unknown) => {
      assert.ok(e instanceof AuthorizationError);
      assert.deepEqual(
        [e.error, e.description, e.status, e.subStatus],
        ["invalid_grant", "Token could not be refreshed", 400, 11101],
      );
      assert.ok(!e.message.includes("old-refresh-token") && !e.message.includes("refresh-client-secret"));
      assert.equal(isTransientFailure(e), false);
      return true;
    });
  });

  it("429 and 5xx are transient API errors (with Retry-After)", async () => {
    reply = { status: 429, body: { error: "too_many_requests" }, headers: { "retry-after": "7" } };
    await assert.rejects(runRefresh(ctx(), params(), old), (e: unknown) => {
      assert.ok(e instanceof RateLimitError);
      assert.equal(e.retryAfter, 7);
      assert.equal(isTransientFailure(e), true);
      return true;
    });
    reply = { status: 503, body: { status: 503, error: "unavailable" } };
    await assert.rejects(runRefresh(ctx(), params(), old), (e: unknown) => {
      assert.ok(e instanceof ServiceUnavailableError);
      assert.equal(e.status, 503);
      assert.ok(!JSON.stringify(e.body).includes("old-refresh-token"));
      return isTransientFailure(e);
    });
  });

  it("a network failure surfaces as a transient ConnectionError", async () => {
    const closed = await startTestServer(() => undefined);
    const url = closed.url;
    await closed.close();
    await assert.rejects(
      runRefresh(ctx(), { clientId: "cid", clientSecret: null, tokenUrl: `${url}/token` }, old),
      (e: unknown) => e instanceof ConnectionError && isTransientFailure(e),
    );
  });

  it("a 200 without access_token is refused", async () => {
    reply = { status: 200, body: { token_type: "Bearer" } };
    await assert.rejects(
      runRefresh(ctx(), params(), old),
      (e: unknown) => e instanceof AuthorizationError && e.error === "invalid_response",
    );
  });
});
