import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { request } from "undici";
import { startServers } from "../../src/emulator/server.js";
import type { EmulatorServers } from "../../src/emulator/server.js";
import type { ReplayInteraction } from "../../src/emulator/types.js";

const ALBUM_BODY = '{"id":302127,"title":"Discovery"}';

const CASSETTE: ReplayInteraction[] = [
  {
    method: "GET",
    path: "/album/302127",
    query: { access_token: "dummy" },
    response: {
      status: 200,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Encoding": "gzip",
        "Content-Length": "9999",
        "Transfer-Encoding": "chunked",
        Connection: "close",
        "X-Host": "blm-web-12",
      },
      body: ALBUM_BODY,
    },
  },
  {
    method: "POST",
    path: "/user/me/playlists",
    query: { title: "Mix", access_token: "dummy" },
    response: { status: 200, headers: { "content-type": "application/json" }, body: '{"id":1}' },
  },
  {
    method: "POST",
    path: "/user/me/playlists",
    query: { title: "Mix", access_token: "dummy" },
    response: { status: 200, headers: { "content-type": "application/json" }, body: '{"id":2}' },
  },
  {
    method: "GET",
    path: "/search",
    query: { q: "daft punk", index: "25" },
    response: { status: 200, body: '{"data":[],"total":0}' },
  },
];

describe("emulator replay", () => {
  let emu: EmulatorServers;

  before(async () => {
    emu = await startServers({}, (builder) => {
      builder.router("deezerApi").add("*", "/*", () => ({ json: { from: "routes" } }));
      builder.router("tidalApi").add("*", "/*", () => ({ json: { from: "tidal routes" } }));
    });
  });

  after(() => emu.close());

  beforeEach(() => {
    emu.faults.clear();
    emu.clearRequests();
  });

  async function call(path: string, method = "GET", role: "deezerApi" | "tidalApi" = "deezerApi") {
    const res = await request(emu.urls[role] + path, { method });
    return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
  }

  it("answers a matching request verbatim, without connection and encoding headers", async () => {
    const replay = emu.replay("deezerApi", CASSETTE, { ignoreParams: ["access_token"] });
    try {
      const res = await call("/album/302127?access_token=real-token-123");
      assert.equal(res.status, 200);
      assert.equal(res.body, ALBUM_BODY);
      assert.equal(res.headers["content-type"], "application/json; charset=utf-8");
      assert.equal(res.headers["x-host"], "blm-web-12");
      assert.equal(res.headers["content-encoding"], undefined);
      assert.equal(res.headers["transfer-encoding"], undefined);
      assert.equal(res.headers["content-length"], String(ALBUM_BODY.length));
      assert.equal(replay.remaining, 3);
      assert.deepEqual(replay.unmatched, []);
    } finally {
      replay.remove();
    }
  });

  it("compares the query, parameter order aside and ignored parameters excepted", async () => {
    const replay = emu.replay("deezerApi", CASSETTE, { ignoreParams: ["access_token"] });
    try {
      assert.equal((await call("/search?index=25&q=daft%20punk")).body, '{"data":[],"total":0}');
      const missingParam = await call("/search?q=daft+punk");
      assert.equal(missingParam.status, 599);
      const extraParam = await call("/album/302127?limit=10");
      assert.equal(extraParam.status, 599);
      assert.equal(replay.unmatched.length, 2);
    } finally {
      replay.remove();
    }
  });

  it("compares ignored parameters too when not told to ignore them", async () => {
    const replay = emu.replay("deezerApi", CASSETTE);
    try {
      assert.equal((await call("/album/302127?access_token=other")).status, 599);
      assert.equal((await call("/album/302127?access_token=dummy")).status, 200);
    } finally {
      replay.remove();
    }
  });

  it("consumes repeated interactions in recording order, then fails", async () => {
    const replay = emu.replay("deezerApi", CASSETTE, { ignoreParams: ["access_token"] });
    try {
      const path = "/user/me/playlists?title=Mix&access_token=t";
      assert.equal((await call(path, "POST")).body, '{"id":1}');
      assert.equal((await call(path, "POST")).body, '{"id":2}');
      const third = await call(path, "POST");
      assert.equal(third.status, 599);
      const body = JSON.parse(third.body);
      assert.match(body.reason, /already used/);
      assert.deepEqual(
        body.candidates.map((c: { index: number; used: boolean }) => [c.index, c.used]),
        [
          [1, true],
          [2, true],
        ],
      );
      assert.equal(replay.remaining, 2);
    } finally {
      replay.remove();
    }
  });

  it("can repeat the last matching interaction when asked", async () => {
    const replay = emu.replay("deezerApi", CASSETTE, { ignoreParams: ["access_token"], allowRepeats: true });
    try {
      const path = "/user/me/playlists?title=Mix";
      const bodies = [];
      for (let i = 0; i < 3; i++) bodies.push((await call(path, "POST")).body);
      assert.deepEqual(bodies, ['{"id":1}', '{"id":2}', '{"id":2}']);
    } finally {
      replay.remove();
    }
  });

  it("answers unmatched requests with 599 describing the mismatch, and logs them", async () => {
    const replay = emu.replay("deezerApi", CASSETTE, { ignoreParams: ["access_token"] });
    try {
      const wrongMethod = await call("/album/302127", "DELETE");
      assert.equal(wrongMethod.status, 599);
      assert.equal(wrongMethod.headers["content-type"], "application/json");
      const body = JSON.parse(wrongMethod.body);
      assert.equal(body.error, "replay mismatch");
      assert.equal(body.reason, "no recorded interaction has this method and path");
      assert.deepEqual(body.request, { method: "DELETE", path: "/album/302127", query: {} });
      assert.equal(body.remaining, 4);
      assert.equal(body.candidates.length, 4);

      const wrongQuery = JSON.parse((await call("/search?q=other&index=25&access_token=x")).body);
      assert.match(wrongQuery.reason, /different query/);
      assert.deepEqual(wrongQuery.request.query, { q: "other", index: "25" });
      assert.deepEqual(wrongQuery.candidates, [
        { index: 3, method: "GET", path: "/search", query: { q: "daft punk", index: "25" }, used: false },
      ]);

      assert.deepEqual(
        replay.unmatched.map((r) => [r.method, r.url, r.status]),
        [
          ["DELETE", "/album/302127", 599],
          ["GET", "/search?q=other&index=25&access_token=x", 599],
        ],
      );
      assert.deepEqual(
        emu.requests.map((r) => r.status),
        [599, 599],
      );
    } finally {
      replay.remove();
    }
  });

  it("only takes over its own role, and hands back to the routes when removed", async () => {
    const replay = emu.replay("deezerApi", CASSETTE);
    assert.deepEqual(JSON.parse((await call("/x", "GET", "tidalApi")).body), { from: "tidal routes" });
    assert.equal((await call("/x")).status, 599);
    replay.remove();
    assert.equal(replay.active, false);
    assert.deepEqual(JSON.parse((await call("/x")).body), { from: "routes" });
  });

  it("replaces an earlier replay on the same role", async () => {
    const first = emu.replay("deezerApi", CASSETTE);
    const second = emu.replay("deezerApi", [
      { method: "GET", path: "/only", query: {}, response: { status: 201, body: "second" } },
    ]);
    try {
      assert.equal(first.active, false);
      const res = await call("/only");
      assert.equal(res.status, 201);
      assert.equal(res.body, "second");
      // Removing the replaced one does not disturb the current one.
      first.remove();
      assert.equal((await call("/album/302127?access_token=dummy")).status, 599);
    } finally {
      second.remove();
    }
  });

  it("still lets faults come first", async () => {
    const replay = emu.replay("deezerApi", CASSETTE, { ignoreParams: ["access_token"] });
    try {
      emu.faults.inject({ path: "/album/302127", status: 429, headers: { "retry-after": "1" } });
      assert.equal((await call("/album/302127")).status, 429);
      assert.equal(replay.remaining, 4);
      assert.equal((await call("/album/302127")).body, ALBUM_BODY);
      assert.equal(replay.remaining, 3);
    } finally {
      replay.remove();
    }
  });

  it("matches percent-encoded recorded paths against decoded request paths", async () => {
    const replay = emu.replay("deezerApi", [
      { method: "get", path: "/search/artist%20name", query: {}, response: { status: 200, body: "found" } },
    ]);
    try {
      assert.equal((await call("/search/artist%20name")).body, "found");
    } finally {
      replay.remove();
    }
  });
});
