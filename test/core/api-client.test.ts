import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { ApiClient, type ServiceAdapter } from "../../src/core/api-client.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Authenticator, Credential } from "../../src/core/credentials.js";
import type { APIError } from "../../src/core/errors.js";
import {
  AbortedError,
  apiErrorClassForStatus,
  AuthenticationError,
  ServiceUnavailableError,
} from "../../src/core/errors.js";
import type { RateLimiter, ReleaseSlot } from "../../src/core/rate-limit.js";
import type { HttpRequest, HttpResponse } from "../../src/core/transport.js";
import { json, startTestServer, type TestServer } from "../helpers/http-server.js";

/** A minimal service: token in a header, errors as `{status, message}` JSON. */
const adapter: ServiceAdapter = {
  authorize(request: HttpRequest, credential: Credential | null) {
    if (credential)
      request.headers = { ...request.headers, authorization: `Bearer ${credential.accessToken}` };
  },
  interpret(response: HttpResponse) {
    const body: unknown = response.text ? JSON.parse(response.text) : null;
    if (response.status >= 400) {
      const Kind = apiErrorClassForStatus(response.status);
      const retryAfter = response.headers["retry-after"];
      throw new Kind({
        service: "tidal",
        status: response.status,
        method: response.method,
        url: response.url,
        message: "failed",
        retryAfter: retryAfter ? Number(retryAfter) : undefined,
        body,
      });
    }
    return body;
  },
  isInvalidToken: (error: APIError) => error instanceof AuthenticationError,
};

class CountingLimiter implements RateLimiter {
  acquired = 0;
  pending = 0;
  acquire(): Promise<ReleaseSlot> {
    this.acquired++;
    return Promise.resolve(() => undefined);
  }
}

class FakeAuth implements Authenticator {
  hasUserAuth = true;
  token = "token-1";
  renewals = 0;
  account = "user:1";
  getCredential(): Promise<Credential> {
    return Promise.resolve({ accessToken: this.token });
  }
  renewAfterRejection(rejected: Credential): Promise<Credential | null> {
    if (rejected.accessToken !== this.token) return Promise.resolve({ accessToken: this.token });
    this.renewals++;
    this.token = `token-${this.renewals + 1}`;
    return Promise.resolve({ accessToken: this.token });
  }
  accountKey(): string {
    return this.account;
  }
}

describe("ApiClient pipeline", () => {
  let server: TestServer;
  /** Scripted answers per path: consumed in order, the last one repeats. */
  let script: Map<string, { status: number; body: unknown; headers?: Record<string, string> }[]>;

  before(async () => {
    server = await startTestServer((req, res) => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      const answers = script.get(path);
      if (path === "/needs-token-2") {
        const ok = req.headers.authorization === "Bearer token-2";
        json(res, ok ? 200 : 401, ok ? { ok: true } : { error: "expired" });
        return;
      }
      const answer = answers && answers.length > 1 ? answers.shift() : answers?.[0];
      if (!answer) return json(res, 404, { error: "no script" });
      json(res, answer.status, answer.body, answer.headers);
    });
  });
  after(() => server.close());
  beforeEach(() => {
    script = new Map();
    server.requests.length = 0;
  });

  function makeClient(extra: Partial<ConstructorParameters<typeof ApiClient>[0]> = {}) {
    const clock = new ManualClock();
    const limiter = new CountingLimiter();
    const auth = new FakeAuth();
    const client = new ApiClient({
      baseUrl: server.url,
      adapter,
      auth,
      limiter,
      clock,
      retry: { random: () => 0.5 },
      ...extra,
    });
    return { client, clock, limiter, auth };
  }

  it("serves a cache hit without touching the network or the limiter", async () => {
    script.set("/album/1", [{ status: 200, body: { id: 1, title: "A" } }]);
    const { client, limiter } = makeClient();
    const call = { name: "getAlbum", method: "GET" as const, path: "/album/1", ttl: "popularity" as const };
    const first = await client.call<{ id: number }>(call);
    const second = await client.call<{ id: number }>(call);
    assert.deepEqual(first, { id: 1, title: "A" });
    assert.equal(second, first);
    assert.equal(server.requests.length, 1);
    assert.equal(limiter.acquired, 1);
    assert.ok(Object.isFrozen(first), "cached answers are immutable");
    await client.close();
  });

  it("never shares cache entries between accounts, and a write invalidates the writer's user entries", async () => {
    script.set("/me/albums", [{ status: 200, body: { data: [1] } }]);
    script.set("/me/albums/add", [{ status: 200, body: true }]);
    const { client, auth } = makeClient();
    const read = {
      name: "getUserSavedAlbums",
      method: "GET" as const,
      path: "/me/albums",
      ttl: "user" as const,
      userScoped: true,
    };
    await client.call(read);
    auth.account = "user:2";
    await client.call(read);
    assert.equal(server.requests.length, 2, "second account misses");
    await client.call(read);
    assert.equal(server.requests.length, 2, "second account now hits its own entry");
    await client.call({ name: "saveAlbums", method: "POST", path: "/me/albums/add" });
    await client.call(read);
    assert.equal(server.requests.length, 4, "the write dropped the user's cached list");
    auth.account = "user:1";
    await client.call(read);
    assert.equal(server.requests.length, 4, "another account's entries survive the write");
    client.clearCache("getUserSavedAlbums");
    await client.call(read);
    assert.equal(server.requests.length, 5);
    await client.close();
  });

  it("retries a 429 after the Retry-After wait, then succeeds", async () => {
    script.set("/busy", [
      { status: 429, body: { error: "slow down" }, headers: { "retry-after": "3" } },
      { status: 200, body: { ok: true } },
    ]);
    const { client, clock } = makeClient();
    let settled = false;
    const pending = client
      .call({ name: "busy", method: "POST", path: "/busy" })
      .finally(() => (settled = true));
    while (server.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
    await clock.advance(2_999);
    assert.equal(settled, false);
    assert.equal(server.requests.length, 1);
    await clock.advance(1);
    assert.deepEqual(await pending, { ok: true });
    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[1]?.method, "POST");
    await client.close();
  });

  it("does not resend a POST after a 503 (it may have been applied), but does resend a GET", async () => {
    script.set("/flaky", [
      { status: 503, body: {} },
      { status: 200, body: { ok: true } },
    ]);
    const { client, clock } = makeClient();
    await assert.rejects(
      client.call({ name: "write", method: "POST", path: "/flaky" }),
      ServiceUnavailableError,
    );
    assert.equal(server.requests.length, 1);
    script.set("/flaky", [
      { status: 503, body: {} },
      { status: 200, body: { ok: true } },
    ]);
    const pending = client.call({ name: "read", method: "GET", path: "/flaky" });
    while (server.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    await clock.advance(500);
    assert.deepEqual(await pending, { ok: true });
    assert.equal(server.requests.length, 3);
    await client.close();
  });

  it("stops after maxRetries, configurable per client and per call", async () => {
    script.set("/down", [{ status: 503, body: {} }]);
    const { client, clock } = makeClient({ maxRetries: 1 });
    const pending = assert.rejects(
      client.call({ name: "down", method: "GET", path: "/down" }),
      ServiceUnavailableError,
    );
    while (server.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
    await clock.advance(10_000);
    await pending;
    assert.equal(server.requests.length, 2);
    server.requests.length = 0;
    await assert.rejects(
      client.call({ name: "down", method: "GET", path: "/down", options: { maxRetries: 0 } }),
      ServiceUnavailableError,
    );
    assert.equal(server.requests.length, 1);
    await client.close();
  });

  it("renews a rejected token once and resends with the new one", async () => {
    const { client, auth } = makeClient();
    assert.deepEqual(await client.call({ name: "t", method: "GET", path: "/needs-token-2" }), { ok: true });
    assert.equal(auth.renewals, 1);
    assert.deepEqual(
      server.requests.map((r) => r.headers.authorization),
      ["Bearer token-1", "Bearer token-2"],
    );
    auth.token = "token-9";
    server.requests.length = 0;
    await assert.rejects(
      client.call({ name: "t", method: "GET", path: "/needs-token-2" }),
      AuthenticationError,
    );
    assert.equal(server.requests.length, 2, "one renewal, not a loop");
    await client.close();
  });

  it("aborts a retry wait as soon as the signal fires", async () => {
    script.set("/busy", [{ status: 429, body: {}, headers: { "retry-after": "30" } }]);
    const { client } = makeClient();
    const controller = new AbortController();
    const pending = client.call({
      name: "b",
      method: "GET",
      path: "/busy",
      options: { signal: controller.signal },
    });
    while (server.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await assert.rejects(pending, AbortedError);
    assert.equal(server.requests.length, 1);
    await client.close();
  });
});
