import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { AbortedError, ConnectionError, TimeoutError } from "../../src/core/errors.js";
import { Transport } from "../../src/core/transport.js";
import { json, startTestServer, type TestServer } from "../helpers/http-server.js";

describe("Transport", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer((req, res) => {
      if (req.url?.startsWith("/slow")) {
        setTimeout(() => json(res, 200, { slow: true }), 2_000).unref();
        return;
      }
      if (req.url?.startsWith("/reset")) {
        req.socket.destroy();
        return;
      }
      json(res, 200, { ok: true }, { "x-multi": "a" });
    });
  });
  after(() => server.close());

  it("resolves paths against the base URL and serialises query values like the services expect", async () => {
    const transport = new Transport({ baseUrl: `${server.url}/`, userAgent: "minim-test/1" });
    const res = await transport.request({
      method: "GET",
      url: "/search/track",
      query: {
        q: "daft punk",
        strict: true,
        limit: 5,
        skip: undefined,
        none: null,
        ids: "1,2",
        includeOnly: ["A", "B"],
      },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.text), { ok: true });
    const seen = server.requests.at(-1);
    assert.equal(
      seen?.url,
      "/search/track?q=daft+punk&strict=true&limit=5&ids=1%2C2&includeOnly=A&includeOnly=B",
    );
    assert.equal(seen?.headers["user-agent"], "minim-test/1");
    await transport.close();
  });

  it("sends form bodies with the form content type and an empty body on body-less writes", async () => {
    const transport = new Transport({ baseUrl: server.url });
    await transport.request({ method: "POST", url: "/form", form: { trackIds: "1,2", onDupes: "FAIL" } });
    let seen = server.requests.at(-1);
    assert.equal(seen?.headers["content-type"], "application/x-www-form-urlencoded");
    assert.equal(seen?.body, "trackIds=1%2C2&onDupes=FAIL");
    await transport.request({ method: "POST", url: "/empty", query: { title: "x" } });
    seen = server.requests.at(-1);
    assert.equal(seen?.body, "");
    assert.equal(seen?.headers["content-length"], "0");
    await transport.close();
  });

  it("keeps query parameters already present in an absolute URL (next links) and adds new ones", async () => {
    const transport = new Transport({ baseUrl: "http://unused.invalid" });
    await transport.request({
      method: "GET",
      url: `${server.url}/chart/0/tracks?index=25&limit=25`,
      query: { access_token: "t0k3n" },
    });
    assert.equal(server.requests.at(-1)?.url, "/chart/0/tracks?index=25&limit=25&access_token=t0k3n");
    await transport.close();
  });

  it("times out with a TimeoutError whose URL carries no secret", async () => {
    const transport = new Transport({ baseUrl: server.url, timeout: 50 });
    await assert.rejects(
      transport.request({ method: "GET", url: "/slow", query: { access_token: "very-secret-token" } }),
      (error: unknown) => {
        assert.ok(error instanceof TimeoutError);
        assert.equal(error.timeoutMs, 50);
        assert.ok(!error.message.includes("very-secret-token"));
        assert.ok(!error.url.includes("very-secret-token"));
        return true;
      },
    );
    await transport.close();
  });

  it("aborts with AbortedError when the caller's signal fires", async () => {
    const transport = new Transport({ baseUrl: server.url });
    const controller = new AbortController();
    const pending = transport.request({ method: "GET", url: "/slow", signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, AbortedError);
    const aborted = AbortSignal.abort();
    await assert.rejects(
      transport.request({ method: "GET", url: "/", signal: aborted }),
      (error: unknown) => {
        assert.ok(error instanceof AbortedError);
        assert.equal(error.name, "AbortedError");
        // The signal's own reason stays reachable for code that looks for the DOM-style AbortError.
        assert.equal((error.cause as Error).name, "AbortError");
        return true;
      },
    );
    await transport.close();
  });

  it("reports a refused connection as not sent, and a reset as possibly sent", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const refused = new Transport({ baseUrl: `http://127.0.0.1:${port}` });
    await assert.rejects(refused.request({ method: "POST", url: "/x" }), (error: unknown) => {
      assert.ok(error instanceof ConnectionError);
      assert.equal(error.notSent, true);
      assert.equal(error.errorCode, "ECONNREFUSED");
      return true;
    });
    const transport = new Transport({ baseUrl: server.url });
    await assert.rejects(transport.request({ method: "POST", url: "/reset" }), (error: unknown) => {
      assert.ok(error instanceof ConnectionError);
      assert.equal(error.notSent, false);
      return true;
    });
    await transport.close();
    await refused.close();
  });

  it("reopens after close and reuses keep-alive connections", async () => {
    const transport = new Transport({ baseUrl: server.url });
    await transport.request({ method: "GET", url: "/a" });
    await transport.request({ method: "GET", url: "/b" });
    const [first, second] = server.requests.slice(-2);
    assert.equal(first?.headers.connection, "keep-alive");
    assert.equal(second?.headers.connection, "keep-alive");
    await transport.close();
    assert.equal(transport.isOpen, false);
    const res = await transport.request({ method: "GET", url: "/c" });
    assert.equal(res.status, 200);
    await transport.close();
  });

  it("routes through HTTP_PROXY when set, and bypasses it for NO_PROXY hosts", async () => {
    const proxied: string[] = [];
    const proxy = await startTestServer((req, res) => {
      proxied.push(req.url ?? "");
      json(res, 200, { via: "proxy" });
    });
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    try {
      process.env.HTTP_PROXY = proxy.url;
      delete process.env.NO_PROXY;
      const viaProxy = new Transport({ baseUrl: "http://api.deezer.example" });
      const res = await viaProxy.request({ method: "GET", url: "/infos" });
      assert.deepEqual(JSON.parse(res.text), { via: "proxy" });
      assert.deepEqual(proxied, ["http://api.deezer.example/infos"]);
      await viaProxy.close();

      process.env.NO_PROXY = "127.0.0.1";
      const direct = new Transport({ baseUrl: server.url });
      const direct1 = await direct.request({ method: "GET", url: "/direct" });
      assert.deepEqual(JSON.parse(direct1.text), { ok: true });
      assert.equal(proxied.length, 1);
      await direct.close();
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await proxy.close();
    }
  });
});
