/**
 * `timeout` is a deadline for the whole attempt (connect, headers and body), not a bound on each wait: a server
 * that drip-feeds its body cannot keep a call alive past it.
 */
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { after, before, describe, it } from "node:test";
import { AbortedError, TimeoutError, ValidationError } from "../../src/core/errors.js";
import { Transport } from "../../src/core/transport.js";
import { startTestServer, type TestServer } from "../helpers/http-server.js";

/** What the drip-feeding server saw of one request. */
interface Drip {
  /** Bytes of the body written before the socket closed. */
  written: number;
  /** Whether the whole body was written. */
  finished: boolean;
  /** Settles when the client's socket closes. */
  closed: Promise<void>;
}

// A body that takes 30 s: far past every deadline below, however slowly a busy machine gets the request there.
const BODY_BYTES = 600;
const DRIP_MS = 50;

describe("Transport deadline", () => {
  let server: TestServer;
  const drips: Drip[] = [];

  before(async () => {
    server = await startTestServer((_req, res: ServerResponse) => {
      let resolveClosed!: () => void;
      const drip: Drip = {
        written: 0,
        finished: false,
        closed: new Promise<void>((resolve) => (resolveClosed = resolve)),
      };
      drips.push(drip);
      res.socket?.once("close", () => resolveClosed());
      res.writeHead(200, { "content-type": "application/json", "content-length": String(BODY_BYTES) });
      res.flushHeaders();
      // One byte every DRIP_MS: each chunk arrives well inside any idle timeout.
      const timer = setInterval(() => {
        if (res.destroyed || res.socket?.destroyed) {
          clearInterval(timer);
          return;
        }
        res.write(drip.written === 0 ? "[" : drip.written === BODY_BYTES - 1 ? "]" : " ");
        drip.written++;
        if (drip.written === BODY_BYTES) {
          clearInterval(timer);
          drip.finished = true;
          res.end();
        }
      }, DRIP_MS);
      res.on("close", () => clearInterval(timer));
    });
  });

  after(async () => {
    await server.close();
  });

  it("abandons a drip-fed body at the deadline, closing the socket before the body is complete", async () => {
    const transport = new Transport({ baseUrl: server.url });
    // Loads undici and opens the pool first: what is timed here is the body, not the first load.
    transport.open();
    try {
      const started = performance.now();
      const error = await transport.request({ method: "GET", url: "/slow", timeout: 1500 }).then(
        () => assert.fail("the request resolved"),
        (caught: unknown) => caught,
      );
      const settledAfter = performance.now() - started;
      assert.ok(error instanceof TimeoutError, String(error));
      assert.equal(error.timeoutMs, 1500);
      // The reported time is the measured one, and never earlier than the deadline.
      assert.ok(error.elapsedMs >= 1499, `elapsed ${error.elapsedMs}`);
      assert.ok(settledAfter >= 1499, `settled after ${settledAfter}`);
      assert.match(error.message, new RegExp(`timed out after ${error.elapsedMs} ms`));
      const drip = drips.at(-1)!;
      await drip.closed;
      // The server saw the socket close while it still had body left to send: the client gave up, the server
      // did not finish.
      assert.equal(drip.finished, false);
      assert.ok(drip.written < BODY_BYTES, `written ${drip.written}`);
    } finally {
      await transport.close();
    }
  });

  it("applies the transport's own timeout as the deadline when the call sets none", async () => {
    const transport = new Transport({ baseUrl: server.url, timeout: 1000 });
    transport.open();
    try {
      await assert.rejects(transport.request({ method: "GET", url: "/slow" }), TimeoutError);
      const drip = drips.at(-1)!;
      await drip.closed;
      assert.equal(drip.finished, false);
    } finally {
      await transport.close();
    }
  });

  it("refuses a per-request timeout no timer can keep before anything is sent", async () => {
    const transport = new Transport({ baseUrl: server.url });
    const before = drips.length;
    try {
      for (const timeout of [3e9, 0, -5, Number.NaN]) {
        await assert.rejects(
          transport.request({ method: "GET", url: "/slow", timeout }),
          (error: unknown) => error instanceof ValidationError && error.parameter === "timeout",
        );
      }
      assert.equal(drips.length, before, "no request reached the server");
      assert.equal(transport.isOpen, false, "nor was the pool opened");
    } finally {
      await transport.close();
    }
  });

  it("still reports the caller's abort as AbortedError, not a timeout", async () => {
    const transport = new Transport({ baseUrl: server.url });
    try {
      const controller = new AbortController();
      const pending = transport.request({
        method: "GET",
        url: "/slow",
        timeout: 10_000,
        signal: controller.signal,
      });
      // Abort once the server has started writing, so the abort lands in the middle of the body.
      while (drips.at(-1)?.written === 0 || drips.length === 0) await new Promise((r) => setTimeout(r, 10));
      controller.abort();
      await assert.rejects(pending, AbortedError);
    } finally {
      await transport.close();
    }
  });

  it("shares one abort listener between many requests on one signal", async () => {
    const transport = new Transport({ baseUrl: server.url, timeout: 60 });
    const controller = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning);
    };
    process.on("warning", onWarning);
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, () =>
          transport.request({ method: "GET", url: "/slow", signal: controller.signal }),
        ),
      );
      assert.ok(results.every((r) => r.status === "rejected" && r.reason instanceof TimeoutError));
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
      await transport.close();
    }
    assert.deepEqual(
      warnings.filter((w) => w.name === "MaxListenersExceededWarning").map((w) => w.message),
      [],
    );
  });
});
