import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { Agent, type Dispatcher } from "undici";
import type { Clock } from "../../src/core/clock.js";
import { AbortedError, ValidationError } from "../../src/core/errors.js";
import {
  ProtectedContentError,
  SegmentDownloadError,
  streamPlayback,
  type PlaybackProgress,
} from "../../src/tidal/playback/index.js";

const TOKEN = "cdn-t0ken-SECRET";

/** Segment i of a stream: distinct bytes per segment, sizes from a few bytes to past a stream's buffer. */
function segmentBody(index: number): Buffer {
  let body = bodies.get(index);
  if (body === undefined) {
    const sizes = [17, 70_000, 3, 250_000, 1, 4096, 131_072, 999, 64, 100_000];
    body = Buffer.alloc(sizes[index % sizes.length] ?? 1);
    for (let k = 0; k < body.length; k++) body[k] = (index * 31 + k * 7) % 256;
    bodies.set(index, body);
  }
  return body;
}
const bodies = new Map<number, Buffer>();

type Handler = (request: {
  index: number;
  attempt: number;
  req: IncomingMessage;
  res: ServerResponse;
}) => void;

/** A loopback CDN serving `/seg/<i>.mp4?token=…`; each test swaps in its own handler. */
class Cdn {
  server!: Server;
  url!: string;
  readonly sockets = new Set<Socket>();
  requests: { index: number; range: string | undefined }[] = [];
  handler: Handler = serve;
  private zeroWaiters: (() => void)[] = [];

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const index = Number(/^\/seg\/(\d+)\.mp4/.exec(req.url ?? "")?.[1] ?? -1);
      const attempt = this.requests.filter((r) => r.index === index).length + 1;
      this.requests.push({ index, range: req.headers.range });
      this.handler({ index, attempt, req, res });
    });
    this.server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => {
        this.sockets.delete(socket);
        if (this.sockets.size === 0) for (const wake of this.zeroWaiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  urls(count: number): string[] {
    return Array.from({ length: count }, (_, i) => `${this.url}/seg/${i}.mp4?token=${TOKEN}`);
  }

  /** Resolves once every connection to the server has closed (immediately when there is none). */
  noOpenSockets(): Promise<void> {
    if (this.sockets.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.zeroWaiters.push(resolve));
  }

  reset(): void {
    this.requests = [];
    this.handler = serve;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function serve({ index, res }: { index: number; res: ServerResponse }): void {
  const body = segmentBody(index);
  res.writeHead(200, { "content-type": "audio/mp4", "content-length": body.length });
  res.end(body);
}

function expected(count: number): Buffer {
  return Buffer.concat(Array.from({ length: count }, (_, i) => segmentBody(i)));
}

async function collect(stream: NodeJS.ReadableStream & { toArray(): Promise<unknown[]> }): Promise<Buffer> {
  return Buffer.concat((await stream.toArray()) as Buffer[]);
}

function plain(urls: string[]) {
  return { protected: false, protection: [], urls };
}

/** A clock that records each back-off and returns at once. */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
}

describe("streamPlayback", () => {
  const cdn = new Cdn();
  before(() => cdn.start());
  after(() => cdn.stop());
  beforeEach(() => cdn.reset());

  it("delivers every segment's bytes in order and reports progress per segment", async () => {
    const progress: PlaybackProgress[] = [];
    const stream = streamPlayback(plain(cdn.urls(10)), { onProgress: (p) => progress.push(p) });
    const bytes = await collect(stream);
    assert.ok(bytes.equals(expected(10)));
    let total = 0;
    assert.deepEqual(
      progress,
      Array.from({ length: 10 }, (_, i) => ({
        segment: i + 1,
        segments: 10,
        bytes: (total += segmentBody(i).length),
      })),
    );
    assert.deepEqual(
      cdn.requests.map((r) => r.index).sort((a, b) => a - b),
      Array.from({ length: 10 }, (_, i) => i),
    );
  });

  it("never has more than `concurrency` requests open, and fills that many", async () => {
    const concurrency = 3;
    const segments = 10;
    const agent = new Agent();
    let sent = 0;
    const counting = agent.compose((dispatch: Dispatcher.Dispatch) => (options, handler) => {
      sent++;
      return dispatch(options, handler);
    });
    let answered = 0;
    let open = 0;
    let mostOpen = 0;
    const sentButNotAnswered: number[] = [];
    const parked: (() => void)[] = [];
    cdn.handler = ({ index, res }) => {
      open++;
      mostOpen = Math.max(mostOpen, open);
      parked.push(() => {
        open--;
        answered++;
        serve({ index, res });
      });
      // Answers are held until the server has as many requests as the client may open. A client that opened
      // fewer would stall here; one that opened more has sent a request the server has not seen yet, which the
      // client-side count shows (the client sends a window's requests synchronously, before any arrives).
      if (parked.length === Math.min(concurrency, segments - answered)) {
        sentButNotAnswered.push(sent - answered);
        for (const release of parked.splice(0)) release();
      }
    };
    try {
      const bytes = await collect(
        streamPlayback(plain(cdn.urls(segments)), { concurrency, dispatcher: counting }),
      );
      assert.ok(bytes.equals(expected(segments)));
    } finally {
      await agent.close();
    }
    assert.equal(mostOpen, concurrency);
    assert.deepEqual(sentButNotAnswered, [3, 3, 3, 1]);
  });

  it("retries a segment that answers 500 once", async () => {
    cdn.handler = (request) => {
      if (request.index === 2 && request.attempt === 1) {
        request.res.writeHead(500).end("busy");
        return;
      }
      serve(request);
    };
    const bytes = await collect(streamPlayback(plain(cdn.urls(4)), { retryDelayMs: 0 }));
    assert.ok(bytes.equals(expected(4)));
    assert.equal(cdn.requests.filter((r) => r.index === 2).length, 2);
  });

  it("retries a connection dropped before the answer", async () => {
    cdn.handler = (request) => {
      if (request.index === 1 && request.attempt === 1) {
        request.req.socket.destroy();
        return;
      }
      serve(request);
    };
    const bytes = await collect(streamPlayback(plain(cdn.urls(3)), { retryDelayMs: 0 }));
    assert.ok(bytes.equals(expected(3)));
  });

  it("resumes a body cut off midway with a Range request, repeating no byte", async () => {
    const cut = 100_000;
    cdn.handler = (request) => {
      const body = segmentBody(request.index);
      if (request.index === 3 && request.attempt === 1) {
        request.res.writeHead(200, { "content-length": body.length });
        request.res.write(body.subarray(0, cut), () => request.req.socket.destroy());
        return;
      }
      const range = /^bytes=(\d+)-$/.exec(request.req.headers.range ?? "");
      if (request.index === 3 && range) {
        const start = Number(range[1]);
        request.res.writeHead(206, {
          "content-length": body.length - start,
          "content-range": `bytes ${start}-${body.length - 1}/${body.length}`,
        });
        request.res.end(body.subarray(start));
        return;
      }
      serve(request);
    };
    const bytes = await collect(streamPlayback(plain(cdn.urls(5)), { retryDelayMs: 0 }));
    assert.ok(bytes.equals(expected(5)));
    const resumed = cdn.requests.filter((r) => r.index === 3);
    assert.equal(resumed.length, 2);
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(resumed[1]?.range ?? "")?.[1]);
    assert.ok(resumedAt > 0 && resumedAt <= cut, `resumed at ${resumedAt}`);
  });

  it("drops the already-received part when the server ignores Range and resends everything", async () => {
    cdn.handler = (request) => {
      const body = segmentBody(request.index);
      if (request.index === 3 && request.attempt === 1) {
        request.res.writeHead(200, { "content-length": body.length });
        request.res.write(body.subarray(0, 120_000), () => request.req.socket.destroy());
        return;
      }
      serve(request);
    };
    const bytes = await collect(streamPlayback(plain(cdn.urls(5)), { retryDelayMs: 0 }));
    assert.ok(bytes.equals(expected(5)));
    assert.match(cdn.requests.filter((r) => r.index === 3)[1]?.range ?? "", /^bytes=\d+-$/);
  });

  it("fails at once on a 404, with a typed error that hides the token", async () => {
    cdn.handler = (request) => {
      if (request.index === 2) {
        request.res.writeHead(404).end();
        return;
      }
      serve(request);
    };
    const stream = streamPlayback(plain(cdn.urls(4)), { retryDelayMs: 0 });
    await assert.rejects(collect(stream), (error: unknown) => {
      assert.ok(error instanceof SegmentDownloadError);
      assert.equal(error.status, 404);
      assert.equal(error.segment, 3);
      assert.equal(error.segments, 4);
      assert.equal(error.attempts, 1);
      assert.equal(error.url, `${cdn.url}/seg/2.mp4`);
      assert.ok(!error.message.includes(TOKEN));
      return true;
    });
    assert.equal(cdn.requests.filter((r) => r.index === 2).length, 1);
  });

  it("gives up after the configured retries, backing off between them", async () => {
    cdn.handler = (request) => {
      if (request.index === 1) {
        request.res.writeHead(503).end();
        return;
      }
      serve(request);
    };
    const clock = recordingClock();
    const stream = streamPlayback(plain(cdn.urls(2)), {
      retries: 3,
      retryDelayMs: 100,
      maxRetryDelayMs: 300,
      clock,
    });
    await assert.rejects(
      collect(stream),
      (error: unknown) =>
        error instanceof SegmentDownloadError && error.status === 503 && error.attempts === 4,
    );
    assert.equal(cdn.requests.filter((r) => r.index === 1).length, 4);
    assert.deepEqual(clock.sleeps, [100, 200, 300]);
  });

  it("waits as long as Retry-After asks, within the ceiling", async () => {
    cdn.handler = (request) => {
      if (request.index === 0 && request.attempt < 3) {
        request.res.writeHead(429, { "retry-after": request.attempt === 1 ? "2" : "60" }).end();
        return;
      }
      serve(request);
    };
    const clock = recordingClock();
    const bytes = await collect(streamPlayback(plain(cdn.urls(1)), { maxRetryDelayMs: 5_000, clock }));
    assert.ok(bytes.equals(expected(1)));
    assert.deepEqual(clock.sleeps, [2_000, 5_000]);
  });

  it("on abort, stops every fetch, fails with AbortedError and leaves no socket open", async () => {
    const hanging = new Set<number>();
    let bothHanging: () => void = () => {};
    const requestsHang = new Promise<void>((resolve) => (bothHanging = resolve));
    cdn.handler = (request) => {
      if (request.index < 2) return serve(request);
      // Segment 2 sends half its body and stalls; segment 3 never answers.
      if (request.index === 2) {
        const body = segmentBody(2);
        request.res.writeHead(200, { "content-length": body.length });
        request.res.write(body.subarray(0, 1));
      }
      hanging.add(request.index);
      if (hanging.size === 2) bothHanging();
    };
    const controller = new AbortController();
    let delivered = 0;
    const stream = streamPlayback(plain(cdn.urls(6)), {
      concurrency: 2,
      signal: controller.signal,
      onProgress: (p) => (delivered = p.segment),
    });
    const failure = assert.rejects(collect(stream), AbortedError);
    await requestsHang;
    controller.abort();
    await failure;
    assert.equal(delivered, 2);
    assert.ok(stream.destroyed);
    await cdn.noOpenSockets();
    assert.equal(cdn.sockets.size, 0);
    assert.deepEqual(
      cdn.requests.map((r) => r.index).sort((a, b) => a - b),
      [0, 1, 2, 3],
    );
  });

  it("closes its sockets when the consumer destroys the stream", async () => {
    let stalled: () => void = () => {};
    const stall = new Promise<void>((resolve) => (stalled = resolve));
    cdn.handler = (request) => {
      if (request.index === 0) return serve(request);
      stalled();
    };
    const stream = streamPlayback(plain(cdn.urls(3)), { concurrency: 2 });
    stream.resume();
    await stall;
    const closed = new Promise<void>((resolve) => stream.on("close", resolve));
    stream.destroy();
    await closed;
    await cdn.noOpenSockets();
    assert.equal(cdn.sockets.size, 0);
  });

  it("uses an injected dispatcher and leaves it open", async () => {
    const agent = new Agent();
    let dispatched = 0;
    const counting = agent.compose(
      (dispatch: Dispatcher.Dispatch) =>
        (options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
          dispatched++;
          return dispatch(options, handler);
        },
    );
    try {
      const bytes = await collect(streamPlayback(plain(cdn.urls(3)), { dispatcher: counting }));
      assert.ok(bytes.equals(expected(3)));
      assert.equal(dispatched, 3);
      assert.equal(agent.closed, false);
      assert.equal(agent.destroyed, false);
    } finally {
      await agent.close();
    }
  });

  it("refuses protected descriptions before sending anything", () => {
    const protection = [
      { source: "ContentProtection" as const, schemeIdUri: "urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed" },
    ];
    assert.throws(
      () => streamPlayback({ protected: true, protection, urls: cdn.urls(2) }),
      (error: unknown) => error instanceof ProtectedContentError && error.protection === protection,
    );
    assert.equal(cdn.requests.length, 0);
  });

  it("rejects an HLS master playlist, missing URLs and bad options with a ValidationError", () => {
    const cases: [string, () => unknown][] = [
      ["an HLS master", () => streamPlayback({ ...plain(cdn.urls(1)), masterPlaylistUrl: cdn.urls(1)[0] })],
      ["no URLs", () => streamPlayback(plain([]))],
      ["a relative URL", () => streamPlayback(plain(["/seg/0.mp4"]))],
      ["concurrency 0", () => streamPlayback(plain(cdn.urls(1)), { concurrency: 0 })],
      ["fractional retries", () => streamPlayback(plain(cdn.urls(1)), { retries: 1.5 })],
      ["a negative delay", () => streamPlayback(plain(cdn.urls(1)), { retryDelayMs: -1 })],
    ];
    for (const [name, call] of cases) assert.throws(call, ValidationError, name);
    assert.equal(cdn.requests.length, 0);
  });

  it("throws AbortedError for a signal that has already aborted", () => {
    assert.throws(() => streamPlayback(plain(cdn.urls(1)), { signal: AbortSignal.abort() }), AbortedError);
  });

  it("fails the stream with the error onProgress throws", async () => {
    const boom = new Error("listener failed");
    const stream = streamPlayback(plain(cdn.urls(3)), {
      onProgress: () => {
        throw boom;
      },
    });
    await assert.rejects(collect(stream), (error: unknown) => error === boom);
  });
});
