import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { request } from "undici";
import { startServers } from "../../src/emulator/server.js";
import type { EmulatorServers } from "../../src/emulator/server.js";
import type { FaultHandle } from "../../src/emulator/faults.js";
import type { RoleName } from "../../src/emulator/types.js";

describe("emulator fault injection", () => {
  let emu: EmulatorServers;
  let handled = 0;

  before(async () => {
    emu = await startServers({}, (builder) => {
      for (const role of ["deezerApi", "tidalApi"] as const) {
        builder.router(role).add("*", "/*", (req) => {
          handled += 1;
          return { json: { ok: true, role, path: req.path } };
        });
      }
    });
  });

  after(() => emu.close());

  beforeEach(() => {
    emu.faults.clear();
    emu.clearRequests();
    handled = 0;
  });

  async function call(path: string, role: RoleName = "deezerApi", method = "GET") {
    const res = await request(emu.urls[role] + path, { method });
    const body = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body };
  }

  async function statuses(paths: string[], role: RoleName = "deezerApi"): Promise<number[]> {
    const out: number[] = [];
    for (const path of paths) out.push((await call(path, role)).status);
    return out;
  }

  it("answers with a status, headers and a JSON body, e.g. 429 with Retry-After", async () => {
    const fault = emu.faults.inject({
      path: "/album/1",
      status: 429,
      headers: { "Retry-After": "7" },
      json: { status: 429, subStatus: 0, userMessage: "Too many requests" },
    });
    const res = await call("/album/1");
    assert.equal(res.status, 429);
    assert.equal(res.headers["retry-after"], "7");
    assert.equal(res.headers["content-type"], "application/json");
    assert.deepEqual(JSON.parse(res.body), { status: 429, subStatus: 0, userMessage: "Too many requests" });
    assert.equal(handled, 0);
    assert.equal(fault.hits, 1);

    const [record] = emu.requests;
    assert.equal(record?.status, 429);
    assert.equal(record?.faulted, true);

    // Used up: the next request gets the normal answer.
    assert.equal((await call("/album/1")).status, 200);
    assert.equal(emu.requests[1]?.faulted, false);
    assert.equal(fault.active, false);
  });

  it("answers 503 with a text body, and Deezer-style HTTP 200 error bodies", async () => {
    emu.faults.inject({ path: "/a", status: 503, text: "Service Unavailable" });
    emu.faults.inject({
      path: "/b",
      status: 200,
      json: { error: { type: "Exception", message: "Quota limit exceeded", code: 4 } },
    });
    const outage = await call("/a");
    assert.equal(outage.status, 503);
    assert.equal(outage.headers["content-type"], "text/plain; charset=utf-8");
    assert.equal(outage.body, "Service Unavailable");
    const quota = await call("/b");
    assert.equal(quota.status, 200);
    assert.equal(JSON.parse(quota.body).error.code, 4);
  });

  it("answers with an HTML error page, 502 by default", async () => {
    emu.faults.inject({ html: true });
    emu.faults.inject({ nth: 2, html: true, status: 504 });
    const page = await call("/x");
    assert.equal(page.status, 502);
    assert.match(String(page.headers["content-type"]), /^text\/html/);
    assert.match(page.body, /<html>.*502 Bad Gateway/s);
    const timeout = await call("/x");
    assert.equal(timeout.status, 504);
    assert.match(timeout.body, /504 Gateway Timeout/);
  });

  it("resets the connection without answering", async () => {
    emu.faults.inject({ path: "/reset", reset: true });
    await assert.rejects(request(emu.urls.deezerApi + "/reset"), (error: Error & { code?: string }) => {
      assert.equal(error.code, "UND_ERR_SOCKET");
      return true;
    });
    assert.equal(handled, 0);
    assert.deepEqual(
      emu.requests.map((r) => [r.path, r.status, r.faulted]),
      [["/reset", 0, true]],
    );
    assert.equal((await call("/reset")).status, 200);
  });

  it("truncates the body: headers arrive, reading the body fails", async () => {
    emu.faults.inject({
      path: "/truncated",
      truncate: true,
      json: { data: [{ id: 1, title: "One" }, { id: 2 }] },
    });
    const res = await request(emu.urls.deezerApi + "/truncated");
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["content-type"], "application/json");
    const announced = Number(res.headers["content-length"]);
    assert.ok(announced > JSON.stringify({ data: [{ id: 1, title: "One" }, { id: 2 }] }).length);
    await assert.rejects(res.body.text());
    assert.equal(emu.requests[0]?.faulted, true);
    assert.equal((await call("/truncated")).status, 200);
  });

  it("delays an answer without changing it", async () => {
    const slow = emu.faults.inject({ path: "/slow", delayMs: 1000 });
    const order: string[] = [];
    const slowCall = call("/slow").then((res) => {
      order.push("slow");
      return res;
    });
    // Send the second request only once the first has reached the fault.
    while (slow.seen === 0) await sleep(1);
    const fastCall = call("/fast").then((res) => {
      order.push("fast");
      return res;
    });
    const [slowRes, fastRes] = await Promise.all([slowCall, fastCall]);
    assert.deepEqual(order, ["fast", "slow"]);
    assert.deepEqual(JSON.parse(slowRes.body), { ok: true, role: "deezerApi", path: "/slow" });
    assert.equal(fastRes.status, 200);
    assert.deepEqual(
      emu.requests.map((r) => [r.path, r.faulted]),
      [
        ["/fast", false],
        ["/slow", true],
      ],
    );
    assert.equal(handled, 2);
  });

  it("delays and then answers with the fault's status when both are set", async () => {
    emu.faults.inject({ path: "/slow-fail", delayMs: 20, status: 500, json: { error: "boom" } });
    const res = await call("/slow-fail");
    assert.equal(res.status, 500);
    assert.deepEqual(JSON.parse(res.body), { error: "boom" });
    assert.equal(handled, 0);
  });

  it("applies only to the nth matching request with nth", async () => {
    const fault = emu.faults.inject({ path: "/n", nth: 3, status: 503 });
    assert.deepEqual(await statuses(["/n", "/other", "/n", "/n", "/n"]), [200, 200, 200, 503, 200]);
    assert.equal(fault.seen, 3);
    assert.equal(fault.hits, 1);
    assert.equal(fault.active, false);
  });

  it("applies to a run of requests with nth and times", async () => {
    emu.faults.inject({ nth: 2, times: 2, status: 503 });
    assert.deepEqual(await statuses(["/1", "/2", "/3", "/4"]), [200, 503, 503, 200]);
  });

  it("applies to the first `times` matching requests, or to all with Infinity", async () => {
    const twice = emu.faults.inject({ path: "/t", times: 2, status: 429 });
    assert.deepEqual(await statuses(["/t", "/u", "/t", "/t"]), [429, 200, 429, 200]);
    assert.equal(twice.hits, 2);

    const always = emu.faults.inject({ path: "/always", times: Infinity, status: 500 });
    assert.deepEqual(await statuses(["/always", "/always", "/always"]), [500, 500, 500]);
    assert.equal(always.active, true);
    always.remove();
    assert.equal(always.active, false);
    assert.deepEqual(await statuses(["/always"]), [200]);
  });

  it("filters by role, method and RegExp path", async () => {
    emu.faults.inject({
      role: "tidalApi",
      method: "post",
      path: /^\/v1\/users\/\d+\/favorites/g,
      times: Infinity,
      status: 412,
    });
    assert.equal((await call("/v1/users/5/favorites/tracks", "tidalApi", "POST")).status, 412);
    assert.equal((await call("/v1/users/5/favorites/tracks", "tidalApi", "POST")).status, 412);
    assert.equal((await call("/v1/users/5/favorites/tracks", "tidalApi", "GET")).status, 200);
    assert.equal((await call("/v1/users/x/favorites", "tidalApi", "POST")).status, 200);
    assert.equal((await call("/v1/users/5/favorites/tracks", "deezerApi", "POST")).status, 200);
  });

  it("lets the oldest applicable fault win while the others still count the request", async () => {
    const first = emu.faults.inject({ path: "/p", status: 500 });
    const second = emu.faults.inject({ path: "/p", nth: 2, status: 503 });
    const third = emu.faults.inject({ path: "/p", status: 429 });
    assert.deepEqual(await statuses(["/p", "/p", "/p", "/p"]), [500, 503, 429, 200]);
    assert.deepEqual(
      [first, second, third].map((f: FaultHandle) => [f.seen, f.hits]),
      [
        [1, 1],
        [2, 1],
        [3, 1],
      ],
    );
    assert.equal(emu.faults.active.length, 0);
  });

  it("lists active faults and clears them", async () => {
    const a = emu.faults.inject({ status: 500, times: Infinity });
    const b = emu.faults.inject({ path: "/b", status: 500 });
    assert.deepEqual(emu.faults.active, [a, b]);
    emu.faults.clear();
    assert.equal(a.active, false);
    assert.equal(b.active, false);
    assert.deepEqual(emu.faults.active, []);
    assert.deepEqual(await statuses(["/b", "/c"]), [200, 200]);
  });

  it("rejects impossible specs", () => {
    assert.throws(() => emu.faults.inject({ nth: 0, status: 500 }), RangeError);
    assert.throws(() => emu.faults.inject({ times: 0, status: 500 }), RangeError);
    assert.throws(() => emu.faults.inject({ delayMs: -1 }), RangeError);
    assert.throws(() => emu.faults.inject({ status: 99 }), RangeError);
    assert.throws(() => emu.faults.inject({ reset: true, truncate: true }), TypeError);
    assert.deepEqual(emu.faults.active, []);
  });

  it("applies a fault with a probability, drawn from the given source", async () => {
    const draws = [0.5, 0.05, 0.9, 0.09, 0.1];
    const fault = emu.faults.inject({
      path: /^\/p\//,
      status: 503,
      times: Infinity,
      probability: 0.1,
      random: () => draws.shift() ?? 1,
    });
    assert.deepEqual(
      await statuses(["/p/1", "/p/2", "/p/3", "/p/4", "/p/5", "/p/6"]),
      [200, 503, 200, 503, 200, 200],
    );
    assert.equal(fault.seen, 6);
    assert.equal(fault.hits, 2);
    assert.equal(handled, 4);
    assert.throws(() => emu.faults.inject({ status: 500, probability: 0 }), RangeError);
    assert.throws(() => emu.faults.inject({ status: 500, probability: 1.5 }), RangeError);
  });

  it("filters on the query and headers with when", async () => {
    const fault = emu.faults.inject({
      status: 401,
      times: Infinity,
      when: (r) => r.query.get("access_token") === "victim" || r.headers["x-who"] === "victim",
    });
    assert.equal((await call("/a?access_token=other")).status, 200);
    assert.equal((await call("/a?access_token=victim")).status, 401);
    const res = await request(emu.urls.deezerApi + "/a", { headers: { "x-who": "victim" } });
    await res.body.dump();
    assert.equal(res.statusCode, 401);
    assert.equal(fault.seen, 2);
  });

  it("drip-feeds an answer in pieces with its full length announced", async () => {
    emu.faults.inject({ path: "/drip", drip: { bytes: 16, intervalMs: 20 } });
    const res = await request(emu.urls.deezerApi + "/drip");
    assert.equal(res.statusCode, 200);
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    assert.deepEqual(JSON.parse(text), { ok: true, role: "deezerApi", path: "/drip" });
    assert.equal(res.headers["content-length"], String(Buffer.byteLength(text)));
    const [record] = emu.requests;
    assert.equal(record?.faulted, true);
    assert.equal(record?.passedThrough, true);
    assert.equal(handled, 1);
    // The pieces went out with pauses between them (a busy reader may still see some of them together).
    assert.ok(chunks.length >= 2, `${chunks.length} chunks for ${text.length} bytes`);

    emu.faults.inject({
      path: "/dripped-error",
      status: 503,
      text: "busy busy busy",
      drip: { intervalMs: 1 },
    });
    const failed = await call("/dripped-error");
    assert.equal(failed.status, 503);
    assert.equal(failed.body, "busy busy busy");
    assert.equal(emu.requests[1]?.passedThrough, undefined);
    assert.equal(handled, 1);
    assert.throws(() => emu.faults.inject({ reset: true, drip: { intervalMs: 1 } }), TypeError);
    assert.throws(() => emu.faults.inject({ drip: { bytes: 0, intervalMs: 1 } }), RangeError);
    assert.throws(() => emu.faults.inject({ drip: { intervalMs: -1 } }), RangeError);
  });

  it("stalls a body with a long drip interval until the client gives up", async () => {
    emu.faults.inject({ path: "/stall", drip: { bytes: 4, intervalMs: 60_000 } });
    const controller = new AbortController();
    const res = await request(emu.urls.deezerApi + "/stall", { signal: controller.signal });
    assert.equal(res.statusCode, 200);
    const first = await new Promise<Buffer>((resolve) => res.body.once("data", resolve));
    assert.equal(first.toString(), '{"ok');
    controller.abort();
    await assert.rejects(res.body.text());
    // The emulator keeps serving other requests meanwhile.
    assert.equal((await call("/after")).status, 200);
  });

  it("stops a pending delay when the emulator closes", async () => {
    const own = await startServers({}, (b) =>
      b.router("deezerApi").add("GET", "/", () => ({ text: "late" })),
    );
    const fault = own.faults.inject({ delayMs: 60_000 });
    const pending = request(own.urls.deezerApi + "/");
    while (fault.seen === 0) await sleep(1);
    await own.close();
    await assert.rejects(pending);
    // Nothing was answered or logged after the close.
    assert.deepEqual(own.requests, []);
  });
});
