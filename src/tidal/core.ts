/**
 * The shared helper every private TIDAL endpoint method is one line over: the user and scope gate, the
 * subscription check, user id and country code resolution, the playlist ETag precondition, and the cache
 * policy.
 * Group classes only state the verb, the path and the options.
 */
import { createHash } from "node:crypto";
import {
  requestOptions,
  type ApiClient,
  type EndpointCall,
  type RequestOptions,
} from "../core/api-client.js";
import { TTL_SECONDS, type TtlName } from "../core/cache.js";
import type { DeepReadonly } from "../core/readonly.js";
import type { Authenticator, Credential } from "../core/credentials.js";
import {
  AuthenticationRequiredError,
  MinimError,
  PreconditionFailedError,
  SubscriptionRequiredError,
  type ResponseShape,
} from "../core/errors.js";
import {
  tidalCursorPages,
  tidalOffsetPages,
  type PageIterator,
  type TidalCursorPage,
  type TidalOffsetPage,
} from "../core/pagination.js";
import type { HttpMethod, QueryParams } from "../core/transport.js";
import { CountryResolver } from "./country.js";
import { offset } from "./params.js";
import { rejectBadArguments } from "./rejecting.js";
import type { PrivatePagesAPI } from "./private/pages.js";
import type { PrivateUsersAPI } from "./private/users.js";
import type { TidalAdapter } from "./wire.js";

/** What the core needs from the TIDAL authenticator ({@link import("../auth/tidal.js").TidalAuth}). */
export interface TidalAuthenticator extends Authenticator {
  readonly authFlow: "pkce" | "device" | null;
  readonly clientId: string | null;
  readonly scopes: ReadonlySet<string>;
  /** The account's user id, asking the profile endpoint when the token answer did not carry it. */
  getUserId(signal?: AbortSignal): Promise<string>;
  /** Throws `MissingPermissionError` unless the scope is granted. */
  requireScope(scope: string, method: string): void;
}

// Internal marker carried in a method's options object: the name the application called, so that a wrapper's
// errors name the wrapper (upstream printed the wrong group in thirteen places, defect 23). A symbol keeps it
// out
// of the public option names and of cache keys (which are built from the path and query only).
const CALLER = Symbol("minim.tidal.caller");

interface Internal {
  [CALLER]?: string;
}

/** Marks a wrapper's call of its target; the outermost wrapper wins. */
export function via<T extends object>(options: T | undefined, label: string): T {
  const current = options as (T & Internal) | undefined;
  if (current?.[CALLER] !== undefined) return options as T;
  return { ...options, [CALLER]: label } as T;
}

/** The label errors use for a call: the wrapper the application called, else `group.method`. */
export function labelOf(group: string, name: string, options: object | undefined): string {
  return (options as Internal | undefined)?.[CALLER] ?? `${group}.${name}`;
}

/**
 * Keeps only the per-call controls of an options object (the endpoint's own options are already on the wire),
 * checked: a `ValidationError` before anything is sent.
 */
export function requestOptionsOf(options: RequestOptions | undefined): RequestOptions | undefined {
  return requestOptions(options);
}

/** Placeholder in a path for the user id, filled with the current user's id when the caller gave none. */
export const USER_ID = "{user_id}";

/** How one endpoint is sent and gated, beside its verb and path. */
export interface EndpointSpec {
  query?: QueryParams | undefined;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: QueryParams | undefined;
  /** Cache lifetime of a GET; omitted means not cached. */
  ttl?: TtlName | undefined;
  /** Needs an authorization flow (a user account). */
  user?: boolean | undefined;
  /** Needs a streaming subscription (`premiumAccess`), checked once per token before sending. */
  subscription?: boolean | undefined;
  /** `query.countryCode` is resolved when it is `undefined` (the key keeps its place in the query). */
  country?: boolean | undefined;
  /** The user id for {@link USER_ID} in the path; resolved from the token or profile when undefined. */
  userId?: string | undefined;
  /** The answer is the account's own data, dropped from the cache after the account's writes. */
  userScoped?: boolean | undefined;
  /** The playlist whose current ETag goes in `If-None-Match`, and the country of the ETag request. */
  etag?: { playlist: string; countryCode: string | undefined } | undefined;
  /** What a success's body is (default: an object for reads, any body for writes). */
  expect?: ResponseShape | undefined;
}

/** Who called: the method's name (cache entries, `clearCache`) and the label its errors use. */
export interface CallSite {
  name: string;
  label: string;
  options: RequestOptions | undefined;
}

interface SubscriptionLookup {
  expiresAt: number;
  promise: Promise<boolean>;
}

/** One per client: checks, resolves and sends endpoint calls through the pipeline. */
export class TidalCore {
  readonly country: CountryResolver;
  /**
   * Set by the client once the groups exist: wrappers forward to them, and the subscription check uses users.
   */
  pages!: PrivatePagesAPI;
  users!: PrivateUsersAPI;
  readonly #subscriptions = new Map<string, SubscriptionLookup>();
  readonly #profiles = new Map<string, Promise<Record<string, unknown>>>();

  constructor(
    readonly api: ApiClient,
    readonly auth: TidalAuthenticator,
    readonly adapter: TidalAdapter,
    readonly loginUrl: string,
  ) {
    this.country = new CountryResolver(this);
  }

  /** Sends one endpoint call after the gate and the resolutions it needs. */
  async request<T>(
    method: HttpMethod,
    site: CallSite,
    path: string,
    spec: EndpointSpec = {},
  ): Promise<DeepReadonly<T>> {
    const controls = requestOptionsOf(site.options);
    const signal = controls?.signal;
    const needsUser = spec.user === true || spec.subscription === true;
    if (needsUser && !this.auth.hasUserAuth) throw new AuthenticationRequiredError(site.label);
    if (this.auth.hasUserAuth) {
      // Obtaining the token first (given, stored or by login) makes its granted scopes known for the check.
      await this.auth.getCredential(signal);
      this.requireDeviceScope(site.label);
    }
    if (spec.subscription === true) await this.requireSubscription(site.label, signal);

    let resolvedPath = path;
    if (path.includes(USER_ID)) {
      const userId = spec.userId ?? (await this.currentUserId(signal));
      resolvedPath = path.replace(USER_ID, userId);
    }
    let query = spec.query;
    if (spec.country === true && query?.countryCode === undefined) {
      // Assigning into a copy keeps `countryCode` where the method placed it in the query order.
      query = { ...query, countryCode: await this.country.resolve(signal) };
    }
    let headers: Record<string, string> | undefined;
    if (spec.etag !== undefined) {
      headers = { "if-none-match": await this.playlistEtag(spec.etag.playlist, spec.etag.countryCode, site) };
    }
    const call: EndpointCall = {
      name: site.name,
      method,
      path: resolvedPath,
      query,
      form: spec.form,
      headers,
      ttl: method === "GET" ? spec.ttl : undefined,
      userScoped: spec.userScoped ?? spec.ttl === "user",
      expect: spec.expect,
      options: controls,
    };
    try {
      const value = await this.api.call<T>(call);
      if (typeof value === "object" && value !== null) answeredBy.set(value, site.label);
      // Typed as the cache hands it out: frozen when it came from (or went into) the cache.
      return value as DeepReadonly<T>;
    } catch (error) {
      // The remembered ETag is stale: forget it so the caller's retry fetches the current one.
      if (spec.etag !== undefined && error instanceof PreconditionFailedError) {
        this.adapter.etags.forget(spec.etag.playlist);
      }
      throw error;
    }
  }

  /**
   * A device-flow token without `r_usr` cannot read anything for its user, so every call of such a client is
   * refused before it is sent (upstream checked it inside every request, defect 19).
   */
  requireDeviceScope(label: string): void {
    if (this.auth.authFlow === "device") this.auth.requireScope("r_usr", label);
  }

  /** The current user's id: from the token answer, else the profile (asked once per account). */
  async currentUserId(signal: AbortSignal | undefined): Promise<string> {
    return this.auth.getUserId(signal);
  }

  /**
   * Throws {@link SubscriptionRequiredError} unless the account has `premiumAccess`. Looked up once per token
   * and
   * kept for the "user" TTL; concurrent callers share one lookup.
   */
  async requireSubscription(label: string, signal: AbortSignal | undefined): Promise<void> {
    const credential = await this.auth.getCredential(signal);
    if (credential === null) throw new AuthenticationRequiredError(label);
    const key = tokenKey(credential);
    const now = this.api.clock.now();
    let lookup = this.#subscriptions.get(key);
    if (lookup === undefined || lookup.expiresAt <= now) {
      lookup = {
        expiresAt: now + TTL_SECONDS.user * 1000,
        promise: this.users
          .getUserSubscription(undefined, { signal })
          .then((answer) => answer.premiumAccess === true),
      };
      this.#subscriptions.set(key, lookup);
    }
    let premium: boolean;
    try {
      premium = await lookup.promise;
    } catch (error) {
      if (this.#subscriptions.get(key) === lookup) this.#subscriptions.delete(key);
      throw error;
    }
    if (!premium) throw new SubscriptionRequiredError(label);
  }

  /**
   * The playlist's current ETag without quotes: the one last seen for it, else the one of a fresh
   * `GET /v1/playlists/{uuid}` (never cached, so it is current).
   */
  async playlistEtag(playlist: string, countryCode: string | undefined, site: CallSite): Promise<string> {
    const known = this.adapter.etags.get(playlist);
    if (known !== undefined) return known;
    const signal = site.options?.signal;
    await this.api.send({
      name: "getPlaylist",
      method: "GET",
      path: `/v1/playlists/${playlist}`,
      query: { countryCode: countryCode ?? (await this.country.resolve(signal)) },
      options: requestOptionsOf(site.options),
    });
    const etag = this.adapter.etags.get(playlist);
    if (etag === undefined) {
      throw new MinimError(
        `TIDAL sent no ETag for playlist ${playlist}, so ${site.label}() cannot edit it safely.`,
      );
    }
    return etag;
  }

  /** Forgets what was learnt about the account (after its token or flow changed). */
  forgetAccount(): void {
    this.#subscriptions.clear();
    this.#profiles.clear();
    this.country.forget();
  }

  /** Forgets the subscription lookups only. */
  forgetSubscriptions(): void {
    this.#subscriptions.clear();
  }

  /**
   * The profile (`GET {loginUrl}/oauth2/me`) of the account a credential belongs to, asked once per token:
   * the
   * auth engine wants its user id and the country resolution its country, and one answer serves both.
   */
  profileFor(credential: Credential, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const key = tokenKey(credential);
    let lookup = this.#profiles.get(key);
    if (lookup === undefined) {
      lookup = this.fetchProfileWith(credential, signal).then((answer) =>
        typeof answer === "object" && answer !== null ? (answer as Record<string, unknown>) : {},
      );
      this.#profiles.set(key, lookup);
      lookup.catch(() => {
        if (this.#profiles.get(key) === lookup) this.#profiles.delete(key);
      });
    }
    return lookup;
  }

  /**
   * `GET {loginUrl}/oauth2/me` with a given credential, outside the pipeline's own credential handling: the
   * auth
   * engine asks for it while it is obtaining that very credential.
   */
  async fetchProfileWith(credential: Credential, signal?: AbortSignal): Promise<unknown> {
    const request = {
      method: "GET" as const,
      url: `${this.loginUrl}/oauth2/me`,
      headers: {} as Record<string, string>,
      signal,
    };
    this.adapter.authorize(request, credential);
    const release = await this.api.limiter.acquire(signal);
    return this.adapter.interpret(await this.api.transport.request(request).finally(release), "object");
  }
}

/** The method label each page object was fetched for, so a page of the wrong shape names its method. */
const answeredBy = new WeakMap<object, string>();

/** A short digest of the token, so lookups are keyed per token without keeping the token itself around. */
function tokenKey(credential: Credential): string {
  return createHash("sha256").update(credential.accessToken).digest("hex").slice(0, 24);
}

/**
 * Walks an offset-paged list from `options.offset` (0 by default). The first page is asked exactly as a
 * single
 * call with these options would ask it (no `offset=0` added), so it shares that call's cache entry.
 */
export function offsetPages<
  T,
  O extends { offset?: number | null | undefined },
  P extends DeepReadonly<TidalOffsetPage<unknown>> & { readonly items: readonly T[] },
>(options: O, fetch: (options: O) => Promise<P>): PageIterator<T, P> {
  const start = offset(options.offset);
  // The pages are the `P`s `fetch` returned; the walker only reads their envelope.
  return tidalOffsetPages<T>(
    (at) =>
      fetch(at === (start ?? 0) ? options : { ...options, offset: at }) as Promise<unknown> as Promise<
        TidalOffsetPage<T>
      >,
    start,
    (page) => answeredBy.get(page),
  ) as unknown as PageIterator<T, P>;
}

/**
 * Walks a cursor-paged list from `options.cursor` (the start by default) until the service sends no cursor.
 */
export function cursorPages<
  T,
  O extends { cursor?: string | null | undefined },
  P extends DeepReadonly<TidalCursorPage<unknown>> & { readonly items: readonly T[] },
>(options: O, fetch: (options: O) => Promise<P>): PageIterator<T, P> {
  return tidalCursorPages<T>(
    (next) =>
      fetch(next === undefined ? options : { ...options, cursor: next }) as Promise<unknown> as Promise<
        TidalCursorPage<T>
      >,
    (page) => answeredBy.get(page),
  ) as unknown as PageIterator<T, P>;
}

/** Base of the ten endpoint groups: one-line methods over {@link TidalCore}. */
export abstract class TidalResource {
  /** The group's name on the client, used in gate errors (`albums.getAlbum`). */
  protected abstract readonly group: string;

  constructor(protected readonly core: TidalCore) {
    rejectBadArguments(new.target.prototype, TidalResource.prototype);
  }

  protected site(name: string, options: RequestOptions | undefined): CallSite {
    return { name, label: labelOf(this.group, name, options), options };
  }

  protected get<T>(
    name: string,
    options: RequestOptions | undefined,
    path: string,
    spec?: EndpointSpec,
  ): Promise<DeepReadonly<T>> {
    return this.core.request<T>("GET", this.site(name, options), path, spec);
  }

  /** A write whose answer carries nothing: it resolves to `undefined`, whatever body the service sent. */
  protected async post(
    name: string,
    options: RequestOptions | undefined,
    path: string,
    spec?: EndpointSpec,
  ): Promise<void> {
    await this.core.request<unknown>("POST", this.site(name, options), path, spec);
  }

  /** A write whose answer carries nothing: it resolves to `undefined`, whatever body the service sent. */
  protected async put(
    name: string,
    options: RequestOptions | undefined,
    path: string,
    spec?: EndpointSpec,
  ): Promise<void> {
    await this.core.request<unknown>("PUT", this.site(name, options), path, spec);
  }

  /** A `PUT` that answers with what it created. */
  protected putReturning<T>(
    name: string,
    options: RequestOptions | undefined,
    path: string,
    spec?: EndpointSpec,
  ): Promise<DeepReadonly<T>> {
    return this.core.request<T>("PUT", this.site(name, options), path, spec);
  }

  /** A write whose answer carries nothing: it resolves to `undefined`, whatever body the service sent. */
  protected async delete(
    name: string,
    options: RequestOptions | undefined,
    path: string,
    spec?: EndpointSpec,
  ): Promise<void> {
    await this.core.request<unknown>("DELETE", this.site(name, options), path, spec);
  }
}
