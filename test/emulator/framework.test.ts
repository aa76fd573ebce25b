import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import { Agent, request } from "undici";
import { startServers } from "../../src/emulator/server.js";
import type { EmulatorServers } from "../../src/emulator/server.js";
import { ROLE_NAMES } from "../../src/emulator/types.js";
import type { EmulatorRequest, RecordedRequest } from "../../src/emulator/types.js";

/** The parts of a request a handler saw, in a form assert can compare. */
function summary(req: EmulatorRequest): Record<string, unknown> {
  return {
    role: req.role,
    method: req.method,
    path: req.path,
    params: req.params,
    query: Object.fromEntries(req.query),
    form: Object.fromEntries(req.form),
    text: req.text,
    contentType: req.headers["content-type"] ?? null,
    custom: req.headers["x-custom-header"] ?? null,
    deezerApiUrl: req.urls.deezerApi,
    host: req.url.host,
  };
}

describe("emulator servers: routing and replies", () => {
  let emu: EmulatorServers;
  const seen: RecordedRequest[] = [];

  before(async () => {
    emu = await startServers({ onRequest: (record) => seen.push(record) }, (builder) => {
      builder
        .router("deezerApi")
        .add("GET", "/album/:id", (req) => ({ json: { kind: "album", ...summary(req) } }))
        .add("GET", "/album/:id/fans", (req) => ({ json: { kind: "fans", ...summary(req) } }))
        .add("GET", "/album/special", () => ({ json: { kind: "shadowed" } }))
        .add("*", "/echo", (req) => ({ json: summary(req) }))
        .add("GET", "/files/*", (req) => ({ json: { rest: req.params["*"] } }))
        .add("GET", "/text", () => ({ text: "plain words" }))
        .add("GET", "/html", () => ({ html: "<p>hi</p>" }))
        .add("GET", "/bytes", () => ({
          body: Buffer.from([1, 2, 3]),
          headers: { "Content-Type": "image/jpeg" },
        }))
        .add("GET", "/custom", () => ({ status: 201, headers: { "X-Extra": "yes" }, text: "ünïcode" }))
        .add("GET", "/json-as-text", () => ({ text: "{}", headers: { "content-type": "application/json" } }))
        .add("DELETE", "/nothing", () => ({ status: 204 }))
        .add("GET", "/empty", () => ({}))
        .add("GET", "/throws", () => {
          throw new Error("handler exploded");
        })
        .add("GET", "/rejects", async () => {
          await Promise.resolve();
          throw new TypeError("async handler exploded");
        })
        .add("GET", "/bigint", () => ({ json: { n: 1n } }))
        .add("GET", "/bad-header", () => ({ headers: { "x-bad": "line\nbreak" }, text: "x" }));
      builder.router("tidalApi").add("GET", "/v1/ping", () => ({ json: { role: "tidalApi" } }));
      builder.router("tidalAuth").fallback((req) => ({ status: 418, json: { fallback: req.path } }));
    });
  });

  after(() => emu.close());

  async function get(
    role: keyof EmulatorServers["urls"],
    path: string,
    init: Parameters<typeof request>[1] = {},
  ) {
    const res = await request(emu.urls[role] + path, init);
    const body = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body };
  }

  it("gives every role its own loopback server", () => {
    const urls = ROLE_NAMES.map((role) => emu.urls[role]);
    assert.equal(urls.length, 7);
    for (const url of urls) assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(new Set(urls).size, 7);
  });

  it("routes by role", async () => {
    assert.deepEqual(JSON.parse((await get("tidalApi", "/v1/ping")).body), { role: "tidalApi" });
    assert.equal((await get("deezerApi", "/v1/ping")).status, 404);
  });

  it("fills named params, URL-decoded, and passes query, headers and role URLs", async () => {
    const res = await get("deezerApi", "/album/a%20b%2Fc?limit=5&q=caf%C3%A9", {
      headers: { "X-Custom-Header": "Hello" },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-type"], "application/json");
    assert.deepEqual(JSON.parse(res.body), {
      kind: "album",
      role: "deezerApi",
      method: "GET",
      path: "/album/a b/c",
      params: { id: "a b/c" },
      query: { limit: "5", q: "café" },
      form: {},
      text: "",
      contentType: null,
      custom: "Hello",
      deezerApiUrl: emu.urls.deezerApi,
      host: new URL(emu.urls.deezerApi).host,
    });
  });

  it("lets the first matching route win and matches segment counts exactly", async () => {
    assert.equal(JSON.parse((await get("deezerApi", "/album/special")).body).kind, "album");
    assert.equal(JSON.parse((await get("deezerApi", "/album/7/fans")).body).kind, "fans");
    assert.equal((await get("deezerApi", "/album/7/fans/extra")).status, 404);
    assert.equal((await get("deezerApi", "/album/")).status, 404);
  });

  it('matches any method with "*" and rejects other methods on method-specific routes', async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH"] as const) {
      const res = await get("deezerApi", "/echo", { method });
      assert.equal(JSON.parse(res.body).method, method);
    }
    assert.equal((await get("deezerApi", "/text", { method: "POST" })).status, 404);
  });

  it("answers HEAD from GET routes, with headers and no body", async () => {
    const res = await get("deezerApi", "/text", { method: "HEAD" });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-length"], "11");
    assert.equal(res.body, "");
  });

  it("takes the remaining segments with a trailing *", async () => {
    assert.deepEqual(JSON.parse((await get("deezerApi", "/files/a/b%20c/d.jpg")).body), {
      rest: "a/b c/d.jpg",
    });
    assert.equal((await get("deezerApi", "/files")).status, 404);
  });

  it("parses form bodies sent as x-www-form-urlencoded", async () => {
    const res = await get("deezerApi", "/echo", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" },
      body: "title=My%20list&songs=1%2C2",
    });
    const seenReq = JSON.parse(res.body);
    assert.deepEqual(seenReq.form, { title: "My list", songs: "1,2" });
    assert.equal(seenReq.text, "title=My%20list&songs=1%2C2");
  });

  it("parses form-looking bodies without a content type, and nothing else", async () => {
    // Raw Buffers keep the client from adding a content type of its own.
    const bare = await get("deezerApi", "/echo", { method: "POST", body: Buffer.from("a=1&b=two") });
    assert.equal(JSON.parse(bare.body).contentType, null);
    assert.deepEqual(JSON.parse(bare.body).form, { a: "1", b: "two" });

    const json = await get("deezerApi", "/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":"1=2"}',
    });
    assert.deepEqual(JSON.parse(json.body).form, {});
    assert.equal(JSON.parse(json.body).text, '{"a":"1=2"}');

    const prose = await get("deezerApi", "/echo", { method: "POST", body: Buffer.from("just some words") });
    assert.deepEqual(JSON.parse(prose.body).form, {});

    const typedText = await get("deezerApi", "/echo", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "a=1",
    });
    assert.deepEqual(JSON.parse(typedText.body).form, {});
  });

  it("sets content types and an exact Content-Length on every reply", async () => {
    const text = await get("deezerApi", "/text");
    assert.equal(text.headers["content-type"], "text/plain; charset=utf-8");
    assert.equal(text.headers["content-length"], "11");
    assert.equal(text.body, "plain words");

    const html = await get("deezerApi", "/html");
    assert.equal(html.headers["content-type"], "text/html; charset=utf-8");
    assert.equal(html.body, "<p>hi</p>");

    const custom = await get("deezerApi", "/custom");
    assert.equal(custom.status, 201);
    assert.equal(custom.headers["x-extra"], "yes");
    assert.equal(custom.headers["content-length"], String(Buffer.byteLength("ünïcode")));
    assert.equal(custom.body, "ünïcode");

    const bytes = await request(emu.urls.deezerApi + "/bytes");
    assert.equal(bytes.headers["content-type"], "image/jpeg");
    assert.equal(bytes.headers["content-length"], "3");
    assert.deepEqual([...new Uint8Array(await bytes.body.arrayBuffer())], [1, 2, 3]);

    const overridden = await get("deezerApi", "/json-as-text");
    assert.equal(overridden.headers["content-type"], "application/json");

    const empty = await get("deezerApi", "/empty");
    assert.equal(empty.status, 200);
    assert.equal(empty.headers["content-length"], "0");
    assert.equal(empty.body, "");

    const noContent = await get("deezerApi", "/nothing", { method: "DELETE" });
    assert.equal(noContent.status, 204);
    assert.equal(noContent.body, "");
  });

  it("answers unknown paths with the fallback, or a JSON 404 without one", async () => {
    const missing = await get("deezerApi", "/no/such/thing");
    assert.equal(missing.status, 404);
    assert.equal(missing.headers["content-type"], "application/json");
    assert.deepEqual(JSON.parse(missing.body), { error: "not found" });

    const fallback = await get("tidalAuth", "/oauth2/anything");
    assert.equal(fallback.status, 418);
    assert.deepEqual(JSON.parse(fallback.body), { fallback: "/oauth2/anything" });
  });

  it("turns handler failures into a 500 logged with the error, and keeps serving", async () => {
    for (const [path, message] of [
      ["/throws", "handler exploded"],
      ["/rejects", "async handler exploded"],
      ["/bigint", "BigInt"],
      ["/bad-header", "x-bad"],
    ] as const) {
      emu.clearRequests();
      const res = await get("deezerApi", path);
      assert.equal(res.status, 500, path);
      const body = JSON.parse(res.body);
      assert.equal(body.error, "emulator handler failed");
      assert.match(body.message, new RegExp(message));
      const [record] = emu.requests;
      assert.equal(record?.status, 500);
      assert.match(record?.error ?? "", new RegExp(message));
    }
    assert.equal((await get("deezerApi", "/text")).status, 200);
  });
});

describe("emulator servers: request log", () => {
  let emu: EmulatorServers;
  const observed: string[] = [];

  before(async () => {
    emu = await startServers(
      { onRequest: (r) => observed.push(`${r.role} ${r.path} ${r.status}`) },
      (builder) => {
        builder.router("deezerApi").add("*", "/:name", (req) => ({ json: { name: req.params["name"] } }));
        builder.router("tidalApi").add("*", "/v1/:name", () => ({ status: 202, text: "ok" }));
      },
    );
  });

  after(() => emu.close());

  it("records method, path, url, query, headers, body and status, newest last", async () => {
    emu.clearRequests();
    await (await request(emu.urls.deezerApi + "/first?access_token=abc&x=%20y")).body.text();
    await (
      await request(emu.urls.tidalApi + "/v1/second", {
        method: "POST",
        headers: { authorization: "Bearer tok", "content-type": "application/x-www-form-urlencoded" },
        body: "a=1",
      })
    ).body.text();

    assert.equal(emu.requests.length, 2);
    const [first, second] = emu.requests;
    assert.ok(first && second);
    assert.equal(first.role, "deezerApi");
    assert.equal(first.method, "GET");
    assert.equal(first.path, "/first");
    assert.equal(first.url, "/first?access_token=abc&x=%20y");
    assert.deepEqual(first.query, { access_token: "abc", x: " y" });
    assert.equal(first.status, 200);
    assert.equal(first.faulted, false);
    assert.equal(first.body, "");
    assert.equal(typeof first.at, "number");
    assert.equal(first.error, undefined);

    assert.equal(second.role, "tidalApi");
    assert.equal(second.method, "POST");
    assert.equal(second.status, 202);
    assert.equal(second.body, "a=1");
    assert.equal(second.headers["authorization"], "Bearer tok");
    assert.ok(second.at >= first.at);
  });

  it("filters by role and by path prefix or RegExp", async () => {
    emu.clearRequests();
    for (const path of ["/alpha", "/beta", "/alphabet"])
      await (await request(emu.urls.deezerApi + path)).body.text();
    await (await request(emu.urls.tidalApi + "/v1/alpha")).body.text();

    assert.deepEqual(
      emu.requestsTo("deezerApi").map((r) => r.path),
      ["/alpha", "/beta", "/alphabet"],
    );
    assert.deepEqual(
      emu.requestsTo("deezerApi", "/alpha").map((r) => r.path),
      ["/alpha", "/alphabet"],
    );
    const sticky = /^\/(beta|alphabet)$/g;
    assert.deepEqual(
      emu.requestsTo("deezerApi", sticky).map((r) => r.path),
      ["/beta", "/alphabet"],
    );
    assert.deepEqual(
      emu.requestsTo("tidalApi").map((r) => r.path),
      ["/v1/alpha"],
    );
    assert.deepEqual(emu.requestsTo("tidalResources"), []);
  });

  it("empties the log without changing a copy already taken", async () => {
    await (await request(emu.urls.deezerApi + "/keep")).body.text();
    const held = emu.requests;
    const count = held.length;
    emu.clearRequests();
    assert.equal(emu.requests.length, 0);
    assert.equal(held.length, count);
  });

  it("drops the oldest entries past logLimit", async () => {
    const small = await startServers({ logLimit: 10 });
    try {
      for (let i = 1; i <= 12; i++) await (await request(`${small.urls.deezerApi}/${i}`)).body.text();
      assert.deepEqual(
        small.requests.map((r) => r.path),
        ["/3", "/4", "/5", "/6", "/7", "/8", "/9", "/10", "/11", "/12"],
      );
    } finally {
      await small.close();
    }
    await assert.rejects(startServers({ logLimit: -1 }), RangeError);
  });

  it("tells the onRequest observer about every request", async () => {
    observed.length = 0;
    await (await request(emu.urls.deezerApi + "/observed")).body.text();
    await (await request(emu.urls.tidalApi + "/v1/x")).body.text();
    assert.deepEqual(observed, ["deezerApi /observed 200", "tidalApi /v1/x 202"]);
  });
});

describe("emulator servers: lifecycle", () => {
  it("closes promptly with keep-alive connections and a request still in progress", async () => {
    let entered!: () => void;
    const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
    const emu = await startServers({}, (builder) => {
      builder
        .router("deezerApi")
        .add("GET", "/quick", () => ({ text: "ok" }))
        .add("GET", "/hang", () => {
          entered();
          return new Promise(() => undefined);
        });
    });
    const agent = new Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
    try {
      for (const role of ROLE_NAMES) {
        const res = await request(emu.urls[role] + (role === "deezerApi" ? "/quick" : "/"), {
          dispatcher: agent,
        });
        await res.body.text();
        assert.equal(res.headers["connection"], "keep-alive");
      }
      const hanging = request(emu.urls.deezerApi + "/hang", { dispatcher: agent });
      await handlerEntered;

      let guard: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        emu.close().then(() => "closed"),
        new Promise<string>((resolve) => (guard = setTimeout(() => resolve("still open"), 4000))),
      ]);
      clearTimeout(guard);
      assert.equal(outcome, "closed");
      await assert.rejects(hanging);
      await assert.rejects(request(emu.urls.deezerApi + "/quick", { dispatcher: agent }));
      // Closing twice is harmless.
      await emu.close();
    } finally {
      await agent.destroy();
    }
  });

  it("supports async disposal", async () => {
    const emu = await startServers({}, (b) => b.router("tidalLogin").add("GET", "/", () => ({ text: "hi" })));
    const url = emu.urls.tidalLogin;
    assert.equal(await (await request(url)).body.text(), "hi");
    await emu[Symbol.asyncDispose]();
    await assert.rejects(request(url));
  });

  it("binds consecutive ports in role order when given a port", async () => {
    const base = await freePortRange(ROLE_NAMES.length);
    const emu = await startServers({ port: base });
    try {
      ROLE_NAMES.forEach((role, i) => assert.equal(emu.urls[role], `http://127.0.0.1:${base + i}`));
      const res = await request(`http://127.0.0.1:${base + 5}/x`);
      assert.equal(res.statusCode, 404);
      await res.body.text();
      assert.equal(emu.requests[0]?.role, "tidalResources");
    } finally {
      await emu.close();
    }
  });

  it("fails to start, leaving nothing listening, when a port of the range is taken", async () => {
    const base = await freePortRange(ROLE_NAMES.length);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(base + 3, "127.0.0.1", resolve));
    try {
      await assert.rejects(startServers({ port: base }), /tidalAuth could not listen/);
      // The roles that did bind were released again.
      const again = createServer();
      await new Promise<void>((resolve, reject) => {
        again.once("error", reject);
        again.listen(base, "127.0.0.1", resolve);
      });
      await new Promise<void>((resolve) => again.close(() => resolve()));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it("rejects ports that cannot hold every role", async () => {
    await assert.rejects(startServers({ port: 65533 }), RangeError);
    await assert.rejects(startServers({ port: -1 }), RangeError);
    await assert.rejects(startServers({ port: 1.5 }), RangeError);
  });
});

/** Finds `count` consecutive free loopback ports (retrying, as another process may take one meanwhile). */
async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const servers = [];
    let ok = true;
    for (let i = 0; i < count && ok; i++) {
      const server = createServer();
      ok = await new Promise<boolean>((resolve) => {
        server.once("error", () => resolve(false));
        server.listen(base + i, "127.0.0.1", () => resolve(true));
      });
      if (ok) servers.push(server);
    }
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    if (ok) return base;
  }
  throw new Error("no free port range found");
}
