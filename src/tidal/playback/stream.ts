import { createRequire } from "node:module";
import { Readable } from "node:stream";
import type * as Undici from "undici";
import type { Dispatcher } from "undici";
import { subscribeAbort } from "../../core/abort.js";
import { systemClock, type Clock } from "../../core/clock.js";
import { AbortedError, ConnectionError, TimeoutError, ValidationError } from "../../core/errors.js";
import { parseRetryAfter } from "../../core/retry.js";
import type { ProtectionMarker } from "../types/playback.js";
import { ProtectedContentError, SegmentDownloadError, withoutQuery } from "./errors.js";
import { isHttpUrl } from "./manifest.js";

// undici is loaded on the first stream, as the transport does, so importing the package stays cheap.
const requireLazy = createRequire(import.meta.url);
let undiciModule: typeof Undici | undefined;
function undici(): typeof Undici {
  return (undiciModule ??= requireLazy("undici") as typeof Undici);
}

/** What `streamPlayback` needs from a stream description (any `decodePlaybackManifest` result fits). */
export interface PlayableStream {
  /** True refuses the stream; see {@link ProtectedContentError}. */
  protected: boolean;
  protection?: readonly ProtectionMarker[] | undefined;
  /** Absolute http(s) URLs, fetched in this order and concatenated. */
  urls: readonly string[];
  /** Set on EMU descriptions that point at an HLS master playlist, which is not the media itself. */
  masterPlaylistUrl?: string | undefined;
}

/** Reported after each segment has been handed to the stream. */
export interface PlaybackProgress {
  /** How many segments have been delivered (1-based number of the one just finished). */
  segment: number;
  /** Total segments in the description. */
  segments: number;
  /** Bytes delivered so far, all segments together. */
  bytes: number;
}

export interface StreamPlaybackOptions {
  /** Segments fetched at the same time, the one being delivered included (default 4, at most 32). */
  concurrency?: number | undefined;
  /**
   * Resends of one segment after a 5xx, 408 or 429 answer or a network failure (default 3). Other 4xx answers
   * fail at once. A body cut off midway is resumed with a `Range` request, so no byte is delivered twice.
   */
  retries?: number | undefined;
  /** First back-off step in ms (default 500); it doubles per retry. A `Retry-After` header takes precedence. */
  retryDelayMs?: number | undefined;
  /** Ceiling of one back-off step, and of an honoured `Retry-After`, in ms (default 8 000). */
  maxRetryDelayMs?: number | undefined;
  /**
   * Milliseconds a segment may stay silent, waiting for headers or the next body chunk (default 30 000; 0
   * disables). A silent segment counts as a network failure and is retried.
   */
  timeoutMs?: number | undefined;
  /** Stops every fetch and destroys the stream with an `AbortedError`. */
  signal?: AbortSignal | undefined;
  /** Called after each segment; an exception it throws destroys the stream with that error. */
  onProgress?: ((progress: PlaybackProgress) => void) | undefined;
  /**
   * An undici dispatcher (proxy, mock, custom pool), never closed by the stream. Without one the stream opens its
   * own connection pool and closes it when the stream ends or is destroyed.
   */
  dispatcher?: Dispatcher | undefined;
  /** Headers sent with every segment request (a `user-agent`, say). */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Time source for back-off waits; tests inject a `ManualClock`. */
  clock?: Clock | undefined;
}

const DEFAULTS = {
  concurrency: 4,
  retries: 3,
  retryDelayMs: 500,
  maxRetryDelayMs: 8_000,
  timeoutMs: 30_000,
};
const MAX_CONCURRENCY = 32;
const MAX_RETRIES = 20;
/** How far the segment being delivered may read ahead of the consumer before its socket is paused. */
const HEAD_READ_AHEAD_BYTES = 1024 * 1024;

/**
 * Downloads a stream description's `urls` in order and returns one Node `Readable` of the concatenated bytes: for
 * DASH the initialization segment followed by every media segment, which together form one playable MP4 file;
 * for BTS the file itself.
 *
 * A Node `Readable` rather than a web `ReadableStream`, because it pipes straight into files, players and
 * `stream.pipeline()`, honours back-pressure through undici's own Node streams without an adapter, and carries a
 * typed error through `destroy(error)`. `Readable.toWeb()` converts it when a web stream is wanted.
 *
 * Up to `concurrency` segments are fetched at once and delivered in order; segments ahead of the one being
 * delivered are held in memory, so memory stays within `concurrency` segments. Nothing is sent until the stream
 * is first read.
 *
 * minim-ts never decrypts, strips protection or handles licences: a protected description is refused with a
 * {@link ProtectedContentError} before any request is sent. Segment URLs carry access tokens, so errors report
 * them without their query.
 *
 * The stream fails with {@link SegmentDownloadError} when a segment cannot be fetched, and with `AbortedError`
 * when `signal` aborts; either way every in-flight request is cancelled.
 *
 * @throws {ValidationError} a description without http(s) URLs, an HLS master playlist, or bad options.
 * @throws {ProtectedContentError} the description is protected.
 * @throws {AbortedError} `signal` has already aborted.
 */
export function streamPlayback(description: PlayableStream, options: StreamPlaybackOptions = {}): Readable {
  if (typeof description !== "object" || description === null) {
    throw new ValidationError("description", "description must be a stream description.");
  }
  if (description.protected) throw new ProtectedContentError(description.protection ?? []);
  if (description.masterPlaylistUrl !== undefined) {
    throw new ValidationError(
      "description",
      "The description points at an HLS master playlist, not media; fetch it and choose a variant with parseHlsMasterPlaylist().",
    );
  }
  const urls = description.urls;
  if (!Array.isArray(urls) || urls.length === 0) {
    throw new ValidationError("description", "description.urls must list at least one URL.");
  }
  for (const url of urls) {
    if (typeof url !== "string" || !isHttpUrl(url)) {
      throw new ValidationError("description", "description.urls must hold absolute http(s) URLs.");
    }
  }
  const settings: StreamSettings = {
    concurrency: integerOption(options.concurrency, "concurrency", DEFAULTS.concurrency, 1, MAX_CONCURRENCY),
    retries: integerOption(options.retries, "retries", DEFAULTS.retries, 0, MAX_RETRIES),
    retryDelayMs: delayOption(options.retryDelayMs, "retryDelayMs", DEFAULTS.retryDelayMs),
    maxRetryDelayMs: delayOption(options.maxRetryDelayMs, "maxRetryDelayMs", DEFAULTS.maxRetryDelayMs),
    timeoutMs: delayOption(options.timeoutMs, "timeoutMs", DEFAULTS.timeoutMs),
    headers: { ...options.headers },
    clock: options.clock ?? systemClock,
    onProgress: options.onProgress,
    dispatcher: options.dispatcher,
  };
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new ValidationError("onProgress", "onProgress must be a function.");
  }
  const signal = options.signal;
  if (signal?.aborted) throw AbortedError.from(signal);
  return new PlaybackStream([...urls], settings, signal);
}

interface StreamSettings {
  concurrency: number;
  retries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  timeoutMs: number;
  headers: Record<string, string>;
  clock: Clock;
  onProgress: ((progress: PlaybackProgress) => void) | undefined;
  dispatcher: Dispatcher | undefined;
}

class PlaybackStream extends Readable {
  private readonly controller = new AbortController();
  private readonly downloads = new Map<number, SegmentDownload>();
  private readonly ownedPool: Dispatcher | undefined;
  private readonly dispatcher: Dispatcher;
  private readonly unsubscribe: (() => void) | undefined;
  private started = false;
  private nextToStart = 0;
  private readWaiter: (() => void) | undefined;

  constructor(
    private readonly urls: readonly string[],
    private readonly settings: StreamSettings,
    signal: AbortSignal | undefined,
  ) {
    super();
    if (settings.dispatcher) {
      this.dispatcher = settings.dispatcher;
    } else {
      const poolOptions = { headersTimeout: settings.timeoutMs, bodyTimeout: settings.timeoutMs };
      this.ownedPool = hasProxyEnvironment()
        ? new (undici().EnvHttpProxyAgent)({ ...poolOptions, proxyTunnel: false })
        : new (undici().Agent)(poolOptions);
      this.dispatcher = this.ownedPool;
    }
    if (signal) this.unsubscribe = subscribeAbort(signal, () => this.destroy(AbortedError.from(signal)));
  }

  override _read(): void {
    if (!this.started) {
      this.started = true;
      this.pump().catch((error: unknown) =>
        this.destroy(error instanceof Error ? error : new Error(String(error))),
      );
      return;
    }
    const waiter = this.readWaiter;
    this.readWaiter = undefined;
    waiter?.();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.controller.abort(error ?? undefined);
    this.unsubscribe?.();
    for (const download of this.downloads.values()) download.cancel();
    this.downloads.clear();
    const waiter = this.readWaiter;
    this.readWaiter = undefined;
    waiter?.();
    // 'close' is emitted only once the pool's sockets are gone, so a caller that waits for it leaks nothing.
    if (this.ownedPool) {
      this.ownedPool.destroy().then(
        () => callback(error),
        () => callback(error),
      );
    } else {
      callback(error);
    }
  }

  private async pump(): Promise<void> {
    const total = this.urls.length;
    let bytes = 0;
    for (let index = 0; index < total; index++) {
      this.fillWindow(index);
      const download = this.downloads.get(index);
      if (!download) return;
      download.becomeHead();
      for (;;) {
        let chunk: Buffer | undefined;
        while ((chunk = download.take()) !== undefined) {
          bytes += chunk.length;
          if (!this.push(chunk)) {
            await new Promise<void>((resolve) => (this.readWaiter = resolve));
            if (this.destroyed) return;
          }
        }
        if (download.error) throw download.error;
        if (download.finished) break;
        await download.changed();
        if (this.destroyed) return;
      }
      this.downloads.delete(index);
      const onProgress = this.settings.onProgress;
      onProgress?.({ segment: index + 1, segments: total, bytes });
    }
    this.push(null);
  }

  /** Starts downloads so that segments `head` … `head + concurrency - 1` are all under way. */
  private fillWindow(head: number): void {
    const end = Math.min(this.urls.length, head + this.settings.concurrency);
    for (; this.nextToStart < end; this.nextToStart++) {
      const index = this.nextToStart;
      const download = new SegmentDownload({
        url: this.urls[index] as string,
        segment: index + 1,
        segments: this.urls.length,
        settings: this.settings,
        dispatcher: this.dispatcher,
        signal: this.controller.signal,
      });
      this.downloads.set(index, download);
      download.start();
    }
  }
}

interface SegmentContext {
  url: string;
  segment: number;
  segments: number;
  settings: StreamSettings;
  dispatcher: Dispatcher;
  signal: AbortSignal;
}

/** A failure worth another attempt: a 5xx/408/429 answer or a network error. */
class RetryableFailure {
  constructor(
    readonly status: number | undefined,
    readonly cause: unknown,
    readonly retryAfterMs: number | undefined,
  ) {}
}

/**
 * One segment's bytes, fetched with retries into a queue the stream drains. While it is not yet the segment being
 * delivered it reads its whole body (freeing the connection for the next request); once it is, it stops reading
 * while the consumer is behind.
 */
class SegmentDownload {
  private readonly chunks: Buffer[] = [];
  private queuedBytes = 0;
  /** Bytes of this segment received so far, over all attempts: where a resumed request starts. */
  private received = 0;
  private head = false;
  private changeWaiter: (() => void) | undefined;
  private drainWaiter: (() => void) | undefined;
  finished = false;
  error: Error | undefined;

  constructor(private readonly context: SegmentContext) {}

  start(): void {
    this.run().catch((error: unknown) =>
      this.fail(error instanceof Error ? error : new Error(String(error))),
    );
  }

  becomeHead(): void {
    this.head = true;
  }

  take(): Buffer | undefined {
    const chunk = this.chunks.shift();
    if (chunk !== undefined) {
      this.queuedBytes -= chunk.length;
      if (this.queuedBytes < HEAD_READ_AHEAD_BYTES) this.wakeReader();
    }
    return chunk;
  }

  changed(): Promise<void> {
    if (this.chunks.length > 0 || this.finished || this.error) return Promise.resolve();
    return new Promise<void>((resolve) => (this.changeWaiter = resolve));
  }

  /** Releases every wait; the aborted signal ends the fetch itself. */
  cancel(): void {
    this.wakeReader();
    this.notify();
  }

  private notify(): void {
    const waiter = this.changeWaiter;
    this.changeWaiter = undefined;
    waiter?.();
  }

  private wakeReader(): void {
    const waiter = this.drainWaiter;
    this.drainWaiter = undefined;
    waiter?.();
  }

  private fail(error: Error): void {
    if (this.error === undefined) this.error = error;
    this.notify();
  }

  private async run(): Promise<void> {
    const { settings, signal } = this.context;
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) return;
      let failure: RetryableFailure;
      try {
        await this.attempt(attempt);
        this.finished = true;
        this.notify();
        return;
      } catch (error) {
        if (signal.aborted) return;
        if (!(error instanceof RetryableFailure)) throw error;
        failure = error;
      }
      if (attempt > settings.retries) {
        throw this.downloadError(failure.status, attempt, failure.cause);
      }
      const backOff = Math.min(settings.maxRetryDelayMs, settings.retryDelayMs * 2 ** (attempt - 1));
      const wait =
        failure.retryAfterMs !== undefined
          ? Math.min(settings.maxRetryDelayMs, failure.retryAfterMs)
          : backOff;
      try {
        await settings.clock.sleep(wait, signal);
      } catch {
        return;
      }
    }
  }

  /** One request; resolves when the segment is complete, throws {@link RetryableFailure} when worth another. */
  private async attempt(attempt: number): Promise<void> {
    const { url, settings, dispatcher, signal } = this.context;
    const headers: Record<string, string> = { ...settings.headers };
    // A body cut off midway resumes where it stopped: bytes already queued (or delivered) are never repeated.
    if (this.received > 0) headers.range = `bytes=${this.received}-`;
    let response: Dispatcher.ResponseData;
    try {
      response = await undici().request(url, {
        method: "GET",
        headers,
        signal,
        dispatcher,
        headersTimeout: settings.timeoutMs,
        bodyTimeout: settings.timeoutMs,
      });
    } catch (error) {
      throw this.networkFailure(error);
    }
    const status = response.statusCode;
    if (status < 200 || status >= 300) {
      await response.body.dump().catch(() => undefined);
      if (status === 408 || status === 429 || status >= 500) {
        const retryAfter = parseRetryAfter(
          headerValue(response.headers["retry-after"]),
          settings.clock.now(),
        );
        throw new RetryableFailure(status, undefined, retryAfter);
      }
      throw this.downloadError(status, attempt);
    }
    let skip = 0;
    if (this.received > 0) {
      // A server that ignores Range resends the whole body; the part already received is dropped.
      const start = status === 206 ? contentRangeStart(headerValue(response.headers["content-range"])) : 0;
      if (start === undefined || start > this.received) {
        await response.body.dump().catch(() => undefined);
        const cause = new Error("The server resumed the segment at a different offset than asked.");
        throw this.downloadError(status, attempt, cause);
      }
      skip = this.received - start;
    }
    try {
      for await (const raw of response.body as AsyncIterable<Buffer>) {
        let chunk = raw;
        if (skip > 0) {
          if (chunk.length <= skip) {
            skip -= chunk.length;
            continue;
          }
          chunk = chunk.subarray(skip);
          skip = 0;
        }
        this.chunks.push(chunk);
        this.queuedBytes += chunk.length;
        this.received += chunk.length;
        this.notify();
        if (this.head && this.queuedBytes >= HEAD_READ_AHEAD_BYTES && !signal.aborted) {
          await new Promise<void>((resolve) => (this.drainWaiter = resolve));
        }
      }
    } catch (error) {
      throw this.networkFailure(error);
    }
    if (skip > 0) {
      throw new RetryableFailure(status, new Error("The resent segment was shorter than before."), undefined);
    }
  }

  /** This segment failed for good; the URL is named without its query, where the CDN puts the access token. */
  private downloadError(status: number | undefined, attempts: number, cause?: unknown): SegmentDownloadError {
    const { segment, segments } = this.context;
    return new SegmentDownloadError({
      segment,
      segments,
      status,
      attempts,
      url: withoutQuery(this.context.url),
      cause,
    });
  }

  private networkFailure(error: unknown): RetryableFailure {
    const url = withoutQuery(this.context.url);
    const code = errorCode(error);
    const cause =
      code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT"
        ? new TimeoutError({ method: "GET", url, timeoutMs: this.context.settings.timeoutMs, idle: true })
        : new ConnectionError({
            message: `GET ${url} failed at the network level (${code ?? (error instanceof Error ? error.name : "unknown error")}).`,
            method: "GET",
            url,
            notSent: false,
            ...(code !== undefined ? { errorCode: code } : {}),
            cause: error,
          });
    return new RetryableFailure(undefined, cause, undefined);
  }
}

function contentRangeStart(value: string | undefined): number | undefined {
  const match = /^bytes\s+(\d+)-\d+\/(?:\d+|\*)$/i.exec(value?.trim() ?? "");
  return match ? Number(match[1]) : undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function integerOption(
  value: number | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(name, `${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function delayOption(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ValidationError(name, `${name} must be a non-negative number of milliseconds.`);
  }
  return value;
}

function hasProxyEnvironment(): boolean {
  const env = process.env;
  return Boolean(env.HTTP_PROXY || env.http_proxy || env.HTTPS_PROXY || env.https_proxy);
}
