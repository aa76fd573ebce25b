/**
 * TIDAL's side of the shared endpoint layer ({@link Resource}): what a {@link TidalSpec} means — the user, scope
 * and subscription gates, the user id in the path, the country code, the paging parameters, the playlist ETag
 * precondition and the cache policy — and how a list walks offset and cursor pages. Argument checks live in
 * `params.ts`; the wire quirks (status/subStatus errors, client-version header, ETags) in `wire.ts`.
 */
import { SERVICE_ORIGINS } from "../core/services.js";
import { createHash } from "node:crypto";
import { requestOptions, type ApiClient, type EndpointCall } from "../core/api-client.js";
import { TTL_SECONDS, type TtlName } from "../core/cache.js";
import type { Authenticator, Credential } from "../core/credentials.js";
import {
  AuthenticationRequiredError,
  MinimError,
  PreconditionFailedError,
  SubscriptionRequiredError,
  type ResponseShape,
} from "../core/errors.js";
import {
  PagePromise,
  tidalCursorPages,
  tidalOffsetPages,
  type PageIterator,
  type TidalCursorPage,
  type TidalOffsetPage,
} from "../core/pagination.js";
import type { DeepReadonly } from "../core/readonly.js";
import { Resource, type CallSite, type EndpointLayer } from "../core/resource.js";
import type { HttpMethod, QueryParams } from "../core/transport.js";
import { CountryResolver } from "./country.js";
import {
  catalogId,
  cursor,
  cursorLimit,
  offset,
  offsetLimit,
  optionalCountry,
  optionalCursorLimit,
} from "./params.js";
import type { PrivatePagesAPI } from "./private/pages.js";
import type { PrivateUsersAPI } from "./private/users.js";
import type { TidalAdapter } from "./wire.js";

/** What the endpoint layer needs from the TIDAL authenticator ({@link import("../auth/tidal.js").TidalAuth}). */
export interface TidalAuthenticator extends Authenticator {
  readonly authFlow: "pkce" | "device" | null;
  readonly clientId: string | null;
  readonly scopes: ReadonlySet<string>;
  /** The account's user id, asking the profile endpoint when the token answer did not carry it. */
  getUserId(signal?: AbortSignal): Promise<string>;
  /** Throws `MissingPermissionError` unless the scope is granted. */
  requireScope(scope: string, method: string): void;
}

/** Placeholder in a path for the user id, filled with the current user's id when the caller gave none. */
export const USER_ID = "{user_id}";

/**
 * How a list is paged, read from the caller's options: `offset` — `limit` (1–100) and `offset`, both omitted when
 * not given; `cursor` — `limit` (1–50, omitted when not given) and `cursor`; `collection` — a my-collection list,
 * `limit` (1–50, 50 when not given) and `cursor`; `feed` — the v2 home feed, `cursor` only, the next one named
 * in the answer's `page.cursor`.
 */
export type TidalPaging = "offset" | "cursor" | "collection" | "feed";

/** How one TIDAL endpoint is sent and gated, beside its verb and path. */
export interface TidalSpec {
  /**
   * Query parameters besides those the spec derives (`countryCode`, the paging ones). Those go first unless this
   * lists their key (with `undefined`), which places them there.
   */
  query?: QueryParams | undefined;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: QueryParams | undefined;
  /** Extra request headers (the playback session headers). */
  headers?: Record<string, string> | undefined;
  /** Cache lifetime of a GET; omitted means not cached. */
  ttl?: TtlName | undefined;
  /** Needs an authorization flow (a user account); implied by a path with {@link USER_ID}. */
  user?: boolean | undefined;
  /** Needs a streaming subscription (`premiumAccess`), checked once per token before sending. */
  subscription?: boolean | undefined;
  /** Sends `countryCode`: the options' own (checked), else the account's country, resolved once. */
  country?: boolean | undefined;
  /** The id for {@link USER_ID} in the path, checked; the current user's when `undefined` or `null`. */
  userId?: unknown;
  /** Takes the paging parameters from the options (required for a list, so that it can ask for the next page). */
  page?: TidalPaging | undefined;
  /** The answer is the account's own data, dropped from the cache after the account's writes. */
  userScoped?: boolean | undefined;
  /** The playlist whose current ETag goes in `If-None-Match`, and the country of the ETag request. */
  etag?: { playlist: string; countryCode: string | undefined } | undefined;
  /** What a success's body is, and what the call resolves to (default: an object for reads). */
  expect?: ResponseShape | undefined;
  /**
   * What a write's answer must be when the method resolves to nothing (default: no body or a JSON object). A
   * write without {@link expect} resolves to `undefined` once its answer has passed this check.
   */
  ack?: ResponseShape | undefined;
}

/** The options a spec reads besides the per-call controls. */
interface DerivedOptions {
  countryCode?: unknown;
  limit?: unknown;
  offset?: unknown;
  cursor?: unknown;
}

/** The v2 home feed names its next page in `page.cursor`. */
function feedCursor(page: object): string | null | undefined {
  const next = (page as { page?: { cursor?: unknown } }).page?.cursor;
  return typeof next === "string" ? next : undefined;
}

/** The query a spec describes, with the derived parameters in place (see {@link TidalSpec.query}). */
function queryOf(spec: TidalSpec, options: DerivedOptions): QueryParams | undefined {
  const derived: QueryParams = {};
  if (spec.country === true) derived.countryCode = optionalCountry(options.countryCode);
  if (spec.page === "offset") {
    derived.limit = offsetLimit(options.limit);
    derived.offset = offset(options.offset);
  } else if (spec.page === "feed") {
    derived.cursor = cursor(options.cursor);
  } else if (spec.page !== undefined) {
    derived.limit =
      spec.page === "collection" ? cursorLimit(options.limit) : optionalCursorLimit(options.limit);
    derived.cursor = cursor(options.cursor);
  }
  const listed = spec.query ?? {};
  const query: QueryParams = {};
  for (const name in derived) if (!(name in listed)) query[name] = derived[name];
  for (const name in listed) query[name] = name in derived ? derived[name] : listed[name];
  return Object.keys(query).length === 0 && spec.query === undefined ? undefined : query;
}

interface SubscriptionLookup {
  expiresAt: number;
  promise: Promise<boolean>;
}

/** One per client: checks, resolves and sends endpoint calls through the pipeline. */
export class TidalEndpoints implements EndpointLayer<TidalSpec> {
  readonly country: CountryResolver;
  /** Set by the client once the groups exist: wrappers forward to them, and the subscription check uses users. */
  pages!: PrivatePagesAPI;
  users!: PrivateUsersAPI;
  readonly #subscriptions = new Map<string, SubscriptionLookup>();
  readonly #profiles = new Map<string, Promise<Record<string, unknown>>>();

  constructor(
    readonly api: ApiClient,
    readonly auth: TidalAuthenticator,
    readonly adapter: TidalAdapter,
    readonly loginUrl: string,
    /** Host of the openapi v2 lookups by code, without a trailing slash. */
    readonly openApiUrl: string = SERVICE_ORIGINS.tidalOpenApi,
  ) {
    this.country = new CountryResolver(this);
  }

  async request<T>(
    method: HttpMethod,
    site: CallSite,
    path: string,
    spec: TidalSpec = {},
  ): Promise<DeepReadonly<T>> {
    const controls = requestOptions(site.options);
    let query = queryOf(spec, (site.options ?? {}) as DerivedOptions);
    const forUser = path.includes(USER_ID);
    const userId = forUser && spec.userId != null ? catalogId("userId", spec.userId) : undefined;
    const signal = controls?.signal;
    const needsUser = spec.user === true || spec.subscription === true || forUser;
    if (needsUser && !this.auth.hasUserAuth) throw new AuthenticationRequiredError(site.label);
    if (this.auth.hasUserAuth) {
      // Obtaining the token first (given, stored or by login) makes its granted scopes known for the check.
      await this.auth.getCredential(signal);
      this.requireDeviceScope(site.label);
    }
    if (spec.subscription === true) await this.requireSubscription(site.label, signal);

    const resolvedPath = forUser ? path.replace(USER_ID, userId ?? (await this.currentUserId(signal))) : path;
    if (spec.country === true && query?.countryCode === undefined) {
      // Assigning into a copy keeps `countryCode` where the spec placed it in the query order.
      query = { ...query, countryCode: await this.country.resolve(signal) };
    }
    let headers = spec.headers;
    if (spec.etag !== undefined) {
      const etag = await this.playlistEtag(spec.etag.playlist, spec.etag.countryCode, site);
      headers = { ...headers, "if-none-match": etag };
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
      expect: spec.expect ?? (method === "GET" ? "object" : (spec.ack ?? "empty-or-object")),
      options: controls,
    };
    try {
      const value = await this.api.call<T>(call);
      // A write answers with nothing worth keeping unless the spec says what it returns.
      if (method !== "GET" && spec.expect === undefined) return undefined as DeepReadonly<T>;
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
   * The first page exactly as a single call with these options asks it (so it shares that call's cache entry),
   * then the next pages by offset or cursor, asked with the same options otherwise.
   */
  list<TPage, TItem>(
    site: CallSite,
    path: string,
    spec: TidalSpec = {},
  ): PagePromise<DeepReadonly<TPage>, DeepReadonly<TItem>> {
    if (spec.page === undefined) throw new MinimError(`${site.label} is not a paged list.`);
    const first = this.request<TPage>("GET", site, path, spec);
    const again = (override: DerivedOptions): Promise<DeepReadonly<TPage>> =>
      this.request<TPage>("GET", { ...site, options: { ...site.options, ...override } }, path, spec);
    const label = (): string => site.label;
    let walk: (first: () => Promise<DeepReadonly<TPage>>) => object;
    if (spec.page === "offset") {
      const options = (site.options ?? {}) as DerivedOptions;
      // An invalid offset has already failed the first request; the walk then never asks for more.
      const start = Number.isSafeInteger(options.offset) ? (options.offset as number) : 0;
      walk = (firstPage) =>
        tidalOffsetPages<TItem>(
          (at) =>
            (at === start ? firstPage() : again({ offset: at })) as Promise<unknown> as Promise<
              TidalOffsetPage<TItem>
            >,
          start,
          label,
        );
    } else {
      walk = (firstPage) =>
        tidalCursorPages<TItem>(
          (next) =>
            (next === undefined ? firstPage() : again({ cursor: next })) as Promise<unknown> as Promise<
              TidalCursorPage<TItem>
            >,
          label,
          spec.page === "feed" ? feedCursor : undefined,
        );
    }
    // The walkers only read the pages' envelopes; the pages reach the caller as the frozen answers they are.
    return new PagePromise(
      first,
      walk as (
        first: () => Promise<DeepReadonly<TPage>>,
      ) => PageIterator<DeepReadonly<TItem>, DeepReadonly<TPage>>,
    );
  }

  /**
   * A device-flow token without `r_usr` cannot read anything for its user, so every call of such a client is
   * refused before it is sent.
   */
  requireDeviceScope(label: string): void {
    if (this.auth.authFlow === "device") this.auth.requireScope("r_usr", label);
  }

  /** The current user's id: from the token answer, else the profile (asked once per account). */
  async currentUserId(signal: AbortSignal | undefined): Promise<string> {
    return this.auth.getUserId(signal);
  }

  /**
   * Throws {@link SubscriptionRequiredError} unless the account has `premiumAccess`. Looked up once per token and
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
      options: requestOptions(site.options),
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
   * The profile (`GET {loginUrl}/oauth2/me`) of the account a credential belongs to, asked once per token: the
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
   * `GET {loginUrl}/oauth2/me` with a given credential rather than the authenticator's: the auth engine asks for
   * it while it is still obtaining that very credential.
   */
  fetchProfileWith(credential: Credential, signal?: AbortSignal): Promise<unknown> {
    return this.api.send({
      name: "getProfile",
      method: "GET",
      path: `${this.loginUrl}/oauth2/me`,
      credential,
      options: signal === undefined ? undefined : { signal },
    });
  }
}

/** A short digest of the token, so lookups are keyed per token without keeping the token itself around. */
function tokenKey(credential: Credential): string {
  return createHash("sha256").update(credential.accessToken).digest("hex").slice(0, 24);
}

/** Base of the TIDAL endpoint groups. */
export abstract class TidalResource extends Resource<TidalSpec, TidalEndpoints> {}
