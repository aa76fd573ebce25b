/**
 * The Redis connection behind the shared backends, and what they do when it fails: a server that cannot be
 * reached at start is a typed error; a server lost later turns every shared operation into a
 * {@link SharedUnavailableError}, on which the backends fall back to their in-process counterparts until the
 * connection is ready again (ioredis keeps reconnecting in the background).
 */
import { createHash } from "node:crypto";
import type { Redis, RedisOptions } from "ioredis";
import { MinimError, ValidationError } from "../core/errors.js";

/** Redis could not be reached when the shared backends were set up. */
export class SharedBackendError extends MinimError {
  override name = "SharedBackendError";
  /** The server's URL, with any password removed. */
  readonly url: string;
  constructor(url: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.url = url;
  }
}

/**
 * A shared operation could not run because Redis is unreachable right now. The backends catch it and use their
 * in-process fallback; it only escapes to callers of the low-level {@link SharedRedis.run}.
 */
export class SharedUnavailableError extends MinimError {
  override name = "SharedUnavailableError";
}

/** Options of {@link SharedRedis.connect}. */
export interface SharedRedisOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /**
   * Everything that should share one quota, cache and token store uses the same namespace (default `minim`).
   * Letters, digits and `._:-` only.
   */
  namespace?: string | undefined;
  /** Receives one message when Redis is lost and one when it is back (default `process.emitWarning`). */
  warn?: ((message: string) => void) | undefined;
  /** Milliseconds allowed for the first connection (default 5 000). */
  connectTimeoutMs?: number | undefined;
  /** Milliseconds before a command is given up and the fallback used (default 2 000). */
  commandTimeoutMs?: number | undefined;
}

const NAMESPACE = /^[A-Za-z0-9._:-]{1,100}$/;

/** The URL as it may appear in errors and logs: the password (in the authority or the query) replaced. */
export function redactRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // An unparsable URL may still hold a password after the scheme; show none of it.
    return "(unparsable Redis URL)";
  }
  if (parsed.password !== "") parsed.password = "***";
  for (const name of [...parsed.searchParams.keys()]) {
    if (/pass|secret|token/i.test(name)) parsed.searchParams.set(name, "***");
  }
  return parsed.toString();
}

/** A Lua script run by hash, sent in full only when the server does not know it (first use, or a restart). */
export class LuaScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash("sha1").update(source).digest("hex");
  }

  /** Runs the script with its keys and arguments. */
  async run(client: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.#sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return client.eval(this.#source, keys.length, ...keys, ...args);
    }
  }
}

type MessageListener = (message: string) => void;

/**
 * One Redis connection (and, on first use of pub/sub, a second one for subscriptions) shared by the limiter,
 * cache and token store of any number of clients in this process.
 */
export class SharedRedis {
  /** The server's URL with any password removed. */
  readonly url: string;
  /** The namespace shared with the other workers. */
  readonly namespace: string;
  #client: Redis | undefined;
  readonly #clientOptions: RedisOptions;
  readonly #rawUrl: string;
  readonly #warn: (message: string) => void;
  readonly #prefix: string;
  #subscriber: Redis | undefined;
  readonly #listeners = new Map<string, Set<MessageListener>>();
  /** Each channel's SUBSCRIBE on the current subscriber connection, settled once the server confirmed it. */
  readonly #subscriptions = new Map<string, Promise<void>>();
  readonly #commandTimeoutMs: number;
  readonly #readyListeners = new Set<() => void>();
  /** The first connection of this instance (or since {@link close}); shared by every caller meanwhile. */
  #starting: Promise<void> | undefined;
  #started = false;
  #lost = false;
  /** Why the last connection attempt failed, as reported by the client's error event. */
  #lastError: unknown;

  /**
   * Creates the connection object without connecting: the first shared operation connects, and fails with a
   * {@link SharedBackendError} when Redis cannot be reached then. {@link connect} does both at once.
   */
  constructor(options: SharedRedisOptions) {
    if (typeof options?.url !== "string" || !/^rediss?:\/\//i.test(options.url)) {
      throw new ValidationError("redis", "redis must be a redis:// or rediss:// URL.");
    }
    const namespace = options.namespace ?? "minim";
    if (typeof namespace !== "string" || !NAMESPACE.test(namespace)) {
      throw new ValidationError(
        "namespace",
        "namespace must be 1 to 100 letters, digits or the characters . _ : -",
      );
    }
    if (options.warn !== undefined && typeof options.warn !== "function") {
      throw new ValidationError("warn", "warn must be a function.");
    }
    const connectTimeout = positive("connectTimeoutMs", options.connectTimeoutMs, 5_000);
    const commandTimeout = positive("commandTimeoutMs", options.commandTimeoutMs, 2_000);
    this.url = redactRedisUrl(options.url);
    this.#rawUrl = options.url;
    this.#commandTimeoutMs = commandTimeout;
    this.namespace = namespace;
    this.#warn = options.warn ?? ((message: string) => process.emitWarning(message, "MinimWarning"));
    // The hash tag keeps every key of a namespace in one cluster slot, so the scripts may touch several.
    this.#prefix = `minim:{${namespace}}:`;
    this.#clientOptions = {
      lazyConnect: true,
      connectTimeout,
      commandTimeout,
      // Without a connection a command fails at once, so the caller can use the fallback instead of waiting.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // Keep trying in the background, at most every two seconds, so shared mode resumes by itself.
      retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), 2_000),
    };
  }

  /** The client, created on first use: the Redis library is loaded only by programs that use shared mode. */
  async #connection(): Promise<Redis> {
    if (this.#client !== undefined) return this.#client;
    const { Redis } = await import("ioredis");
    if (this.#client !== undefined) return this.#client;
    const client = new Redis(this.#rawUrl, this.#clientOptions);
    client.on("error", (error: unknown) => {
      // Failures surface through `status` and the failed commands; this keeps the reason for the start error
      // and keeps Node from treating the event as unhandled.
      this.#lastError = error;
    });
    client.on("close", () => {
      if (this.#started) this.#markLost();
    });
    client.on("ready", () => this.#markReady());
    this.#client = client;
    return client;
  }

  /**
   * Connects to the server, failing with a {@link SharedBackendError} that names the (redacted) URL when it
   * cannot be reached or refuses the credentials.
   */
  static async connect(options: SharedRedisOptions): Promise<SharedRedis> {
    const redis = new SharedRedis(options);
    await redis.ready();
    return redis;
  }

  /**
   * Connects unless connected already. Rejects with a {@link SharedBackendError} when the first connection
   * fails; the next call tries again. After the first success, a lost connection is an outage handled by the
   * backends, not an error.
   */
  ready(): Promise<void> {
    if (this.#started) return Promise.resolve();
    this.#starting ??= this.#start().finally(() => {
      this.#starting = undefined;
    });
    return this.#starting;
  }

  async #start(): Promise<void> {
    this.#lastError = undefined;
    const client = await this.#connection();
    try {
      if (client.status === "wait" || client.status === "end") await client.connect();
      await client.ping();
    } catch (error) {
      client.disconnect();
      const reason = this.#lastError ?? error;
      throw new SharedBackendError(
        this.url,
        `Could not connect to Redis at ${this.url}: ${describe(reason, this.#rawUrl)}`,
        { cause: reason },
      );
    }
    this.#started = true;
    // Channels listened to before the connection existed (or before a close) are subscribed now.
    if (this.#listeners.size > 0) this.#subscriberClient(client);
  }

  /** Whether the first connection succeeded (and {@link close} was not called since). */
  get started(): boolean {
    return this.#started;
  }

  /** Whether shared operations can run now. */
  get available(): boolean {
    return this.#started && this.#client?.status === "ready";
  }

  /** A key of this namespace: `minim:{namespace}:` followed by the parts joined with `:`. */
  key(...parts: string[]): string {
    return this.#prefix + parts.join(":");
  }

  /**
   * Runs `operation` on the connection, connecting first if this is the first use (which rejects with a
   * {@link SharedBackendError} when Redis cannot be reached). Later, rejects with {@link SharedUnavailableError}
   * when Redis is unreachable or stops answering; errors Redis itself returns (a script error) pass through.
   */
  async run<T>(operation: (client: Redis) => Promise<T>): Promise<T> {
    if (!this.#started) await this.ready();
    if (!this.available) {
      this.#markLost();
      throw new SharedUnavailableError(`Redis at ${this.url} is not reachable.`);
    }
    let result: T;
    try {
      result = await operation(this.#client!);
    } catch (error) {
      if (
        error instanceof Error &&
        error.name === "ReplyError" &&
        !/^(LOADING|BUSY|MASTERDOWN|READONLY)/.test(error.message)
      ) {
        throw error;
      }
      this.#markLost();
      throw new SharedUnavailableError(`Redis at ${this.url} did not answer.`, { cause: error });
    }
    // A server that stalled without dropping the connection never emits "ready" again.
    if (this.#lost) this.#markReady();
    return result;
  }

  /** Runs a script on the connection (see {@link run}). */
  eval(script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    return this.run((client) => script.run(client, keys, args));
  }

  /**
   * Calls `listener` with each message published on `channel` (a key of this namespace) until the returned
   * function is called. Messages sent while the connection is down are lost; users of this re-check on a timer.
   */
  subscribe(channel: string, listener: MessageListener): () => void {
    let listeners = this.#listeners.get(channel);
    if (listeners === undefined) {
      listeners = new Set();
      this.#listeners.set(channel, listeners);
      // Before the first connection there is nothing to subscribe on yet; the start does it.
      if (this.#client !== undefined && this.#started) {
        this.#subscribeOn(this.#subscriberClient(this.#client), channel);
      }
    }
    listeners.add(listener);
    return () => {
      const current = this.#listeners.get(channel);
      if (current === undefined) return;
      current.delete(listener);
      if (current.size === 0) {
        this.#listeners.delete(channel);
        this.#subscriptions.delete(channel);
        this.#subscriber?.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  /**
   * Resolves once the server has confirmed the subscription to `channel` (at once when nothing is subscribed
   * yet), so a caller can be sure to hear what others publish from then on. Never rejects: after the command
   * timeout it resolves anyway, and a subscription that failed is made again by the reconnection.
   */
  listening(channel: string): Promise<void> {
    const pending = this.#subscriptions.get(channel);
    if (pending === undefined) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.#commandTimeoutMs);
      timer.unref();
      void pending.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Calls `listener` whenever the connection becomes ready again after a loss, until the returned function runs. */
  onReady(listener: () => void): () => void {
    this.#readyListeners.add(listener);
    return () => this.#readyListeners.delete(listener);
  }

  /**
   * Closes the connections. Until the next shared operation reconnects, the backends built on this instance
   * work in process.
   */
  async close(): Promise<void> {
    await this.#starting?.catch(() => undefined);
    const wasStarted = this.#started;
    this.#started = false;
    this.#lost = false;
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    this.#subscriptions.clear();
    const clients = [wasStarted ? this.#client : undefined, subscriber].filter(
      (c): c is Redis => c !== undefined,
    );
    await Promise.all(
      clients.map(async (client) => {
        try {
          await client.quit();
        } catch {
          client.disconnect();
        }
      }),
    );
  }

  #subscriberClient(client: Redis): Redis {
    if (this.#subscriber === undefined) {
      const subscriber = client.duplicate({ enableOfflineQueue: true, lazyConnect: false });
      subscriber.on("error", () => undefined);
      subscriber.on("message", (channel: string, message: string) => {
        const listeners = this.#listeners.get(channel);
        if (listeners === undefined) return;
        for (const listener of [...listeners]) listener(message);
      });
      this.#subscriber = subscriber;
      // After a close(), the channels still listened to are subscribed again on the new connection.
      for (const channel of this.#listeners.keys()) this.#subscribeOn(subscriber, channel);
    }
    return this.#subscriber;
  }

  #subscribeOn(subscriber: Redis, channel: string): void {
    this.#subscriptions.set(
      channel,
      subscriber.subscribe(channel).then(
        () => undefined,
        () => {
          // Subscribing again happens on reconnection (ioredis resubscribes); until then the timers serve.
        },
      ),
    );
  }

  #markLost(): void {
    if (!this.#started || this.#lost) return;
    this.#lost = true;
    this.#warn(
      `Redis at ${this.url} is unreachable; rate limiting, caching and token refreshes continue per process ` +
        "until it is back.",
    );
  }

  #markReady(): void {
    if (!this.#lost) return;
    this.#lost = false;
    this.#warn(`Redis at ${this.url} is reachable again; shared mode resumes.`);
    for (const listener of [...this.#readyListeners]) {
      try {
        listener();
      } catch {
        // A listener's failure must not stop the others from learning that Redis is back.
      }
    }
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(name, `${name} must be a positive number of milliseconds.`);
  }
  return value;
}

/** The error's message without the URL's password, which some connection errors repeat. */
function describe(error: unknown, rawUrl: string): string {
  let message = error instanceof Error ? error.message : String(error);
  try {
    const password = new URL(rawUrl).password;
    if (password !== "") message = message.split(password).join("***");
  } catch {
    // Nothing to hide if the URL cannot be parsed; connect() would have failed on it anyway.
  }
  return message;
}
