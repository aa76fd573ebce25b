/**
 * The `shared` option of both clients: one Redis URL (or connection) and a namespace switch on the shared
 * limiter, cache and token store; each can be left out.
 */
import { ValidationError } from "../core/errors.js";
import { RedisResponseCache } from "./redis-cache.js";
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
export interface SharedParts {
  readonly redis: SharedRedis;
  /** Whether the client made the connection (and so closes it). */
  readonly ownsConnection: boolean;
  readonly limiter: boolean;
  readonly cache: RedisResponseCache | undefined;
  readonly tokens: boolean;
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
  return {
    redis,
    ownsConnection,
    limiter,
    cache: cache ? new RedisResponseCache({ redis, service }) : undefined,
    tokens,
  };
}
