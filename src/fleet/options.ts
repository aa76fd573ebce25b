/**
 * The `shared` option of both clients: one Redis URL (or connection) and a namespace switch on the shared
 * limiter, cache and token store; each can be left out.
 */
import { ValidationError } from "../core/errors.js";
import type { TokenStorage } from "./contracts.js";
import { RedisResponseCache } from "./redis-cache.js";
import { RedisTokenStorage } from "./redis-token-storage.js";
import { SharedRedis } from "./redis.js";

/** What `new DeezerAPIClient({ shared })` and `new PrivateTIDALAPIClient({ shared })` accept. */
export interface SharedOptions {
  /**
   * `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS), or a connection made with
   * `SharedRedis.connect()` to share one connection among several clients (the client then does not close it).
   */
  redis: string | SharedRedis;
  /** Workers that share a quota, a cache and logins use the same namespace (default `minim`). */
  namespace?: string | undefined;
  /** Keep to the service's quota across the namespace (default true; needs the client's `limitRate`). */
  limiter?: boolean | undefined;
  /** Share cached answers across the namespace under the in-process cache (default true; needs `enableCache`). */
  cache?: boolean | undefined;
  /** Keep logins in Redis and refresh each once across the namespace (default true). */
  tokens?: boolean | undefined;
  /** Receives the message when Redis is lost and when it is back (default `process.emitWarning`). */
  warn?: ((message: string) => void) | undefined;
}

/** The parts a client builds from {@link SharedOptions}. */
export class SharedParts {
  readonly redis: SharedRedis;
  /** Whether the client made the connection (and so closes it). */
  readonly ownsConnection: boolean;
  /** Whether to use the shared limiter. */
  readonly limiter: boolean;
  readonly cache: RedisResponseCache | undefined;
  /** Whether to keep logins in Redis. */
  readonly tokens: boolean;
  #tokenStorage: RedisTokenStorage | undefined;

  constructor(init: {
    redis: SharedRedis;
    ownsConnection: boolean;
    limiter: boolean;
    cache: RedisResponseCache | undefined;
    tokens: boolean;
  }) {
    this.redis = init.redis;
    this.ownsConnection = init.ownsConnection;
    this.limiter = init.limiter;
    this.cache = init.cache;
    this.tokens = init.tokens;
  }

  /**
   * The token storage on Redis, writing through to `given` (the application's store) or else to a store made by
   * `createDefault` on first use, which this object then owns and closes.
   */
  tokenStorage(given: TokenStorage | undefined, createDefault: () => TokenStorage): RedisTokenStorage {
    if (this.#tokenStorage === undefined) {
      let own: TokenStorage | undefined;
      const fallback: TokenStorage = given ??
        // A proxy that creates the local store only when first used, so an unused one never touches the disk.
        {
          findToken: (query) => (own ??= createDefault()).findToken(query),
          saveToken: (token) => (own ??= createDefault()).saveToken(token),
          withLock: (key, task, options) => (own ??= createDefault()).withLock(key, task, options),
          close: () => own?.close?.(),
        };
      this.#tokenStorage = new RedisTokenStorage({
        redis: this.redis,
        fallback,
        closeFallback: given === undefined,
      });
    }
    return this.#tokenStorage;
  }

  /** Closes what the client opened: the local token store it made and the connection it made. */
  async close(): Promise<void> {
    await this.#tokenStorage?.close();
    if (this.ownsConnection) await this.redis.close();
  }
}

function flag(name: string, value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== "boolean") throw new ValidationError(name, `${name} must be a boolean.`);
  return value;
}

/** Checks the option and creates the connection object (which connects on first use). */
export function sharedParts(option: SharedOptions | undefined, service: string): SharedParts | undefined {
  if (option === undefined || option === null) return undefined;
  if (typeof option !== "object") throw new ValidationError("shared", "shared must be an object.");
  const limiter = flag("shared.limiter", option.limiter);
  const cache = flag("shared.cache", option.cache);
  const tokens = flag("shared.tokens", option.tokens);
  let redis: SharedRedis;
  let ownsConnection: boolean;
  if (option.redis instanceof SharedRedis) {
    if (option.namespace !== undefined && option.namespace !== option.redis.namespace) {
      throw new ValidationError(
        "shared.namespace",
        "shared.namespace must match the namespace of the given connection (or be left out).",
      );
    }
    redis = option.redis;
    ownsConnection = false;
  } else if (typeof option.redis === "string") {
    redis = new SharedRedis({ url: option.redis, namespace: option.namespace, warn: option.warn });
    ownsConnection = true;
  } else {
    throw new ValidationError(
      "shared.redis",
      "shared.redis must be a redis:// URL or a SharedRedis connection.",
    );
  }
  return new SharedParts({
    redis,
    ownsConnection,
    limiter,
    cache: cache ? new RedisResponseCache({ redis, service }) : undefined,
    tokens,
  });
}
