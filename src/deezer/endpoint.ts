/**
 * Deezer's side of the shared endpoint layer ({@link Resource}): what a {@link DeezerSpec} means — the user and
 * permission gate, `limit`/`index` paging, the cache policy — and how a list follows Deezer's `next` links.
 * Argument checks live in `params.ts`; the wire quirks (HTTP-200 error bodies, the token in the query) in `wire.ts`.
 */
import { SERVICE_ORIGINS } from "../core/services.js";
import { requestOptions, type ApiClient, type EndpointCall } from "../core/api-client.js";
import type { TtlName } from "../core/cache.js";
import type { Authenticator } from "../core/credentials.js";
import {
  AuthenticationRequiredError,
  MinimError,
  MissingPermissionError,
  type ResponseShape,
} from "../core/errors.js";
import { deezerPages, PagePromise, type DeezerPage, type PageIterator } from "../core/pagination.js";
import type { DeepReadonly } from "../core/readonly.js";
import { Resource, type CallSite, type EndpointLayer } from "../core/resource.js";
import type { HttpMethod, QueryParams } from "../core/transport.js";
import { optionalInteger } from "../core/validate.js";
import type { ChartsAPI } from "./resources/charts.js";
import type { UsersAPI } from "./resources/users.js";
import type { DeezerPermission, Permissions } from "./types/user.js";

/** The official API origin; `next` links point there even when the client talks to another base URL. */
export const OFFICIAL_API_ORIGIN = SERVICE_ORIGINS.deezerApi;

/** What the gate needs from the Deezer authenticator. */
export interface DeezerAuthenticator extends Authenticator {
  /** Whether {@link permissions} reflects what the current token was granted. */
  readonly permissionsKnown: boolean;
  readonly permissions: ReadonlySet<string>;
  setGrantedPermissions(permissions: Iterable<string>): void;
}

/** How one Deezer endpoint is sent and gated, beside its verb and path. */
export interface DeezerSpec {
  /** Query parameters other than `limit`/`index` (those come from the options when `page` is set). */
  query?: QueryParams | undefined;
  /** Cache lifetime of a GET; omitted means not cached. */
  ttl?: TtlName | undefined;
  /** Needs an authorization flow (a user account). Writes always do. */
  user?: boolean | undefined;
  /** Deezer permissions the token must hold. */
  permissions?: readonly DeezerPermission[] | undefined;
  /** The answer depends on data the account itself can change (cleared after its writes). */
  userScoped?: boolean | undefined;
  /** Takes `limit` and `offset` from the options and sends them as `limit` and `index` (implied by a list). */
  page?: boolean | undefined;
  /**
   * What a success's body is (default: an object for reads; for writes `true`, or `false` when Deezer declined, as
   * the methods' `ActionResult` says). A write that creates or reports says what object it answers.
   */
  expect?: ResponseShape | undefined;
  /** Bypasses the cache (the permission look-up must see what the token holds now). */
  fresh?: boolean | undefined;
}

/**
 * The gate of a `public-with-id` read: Deezer answers an explicit user id without a token (public data), while
 * `"me"` names the token's account and so needs a user. The answer stays user-scoped either way: with a token the
 * service shows the account's private items too, and the account's writes change it.
 */
export function publicWithId(userSegment: string): Pick<DeezerSpec, "user" | "userScoped"> {
  return { user: userSegment === "me", userScoped: true };
}

interface PermissionLookup {
  token: string;
  promise: Promise<ReadonlySet<string>>;
}

/** One per client: sends endpoint calls through the pipeline after checking arguments and permissions. */
export class DeezerEndpoints implements EndpointLayer<DeezerSpec> {
  /** Set by the client once the groups exist: wrappers reach their targets here. */
  users!: UsersAPI;
  charts!: ChartsAPI;
  #lookup: PermissionLookup | undefined;

  constructor(
    readonly api: ApiClient,
    readonly auth: DeezerAuthenticator,
    readonly baseUrl: string,
  ) {}

  async request<T>(
    method: HttpMethod,
    site: CallSite,
    path: string,
    spec: DeezerSpec = {},
  ): Promise<DeepReadonly<T>> {
    const controls = requestOptions(site.options);
    let query = spec.query;
    if (spec.page) {
      const page = (site.options ?? {}) as { limit?: unknown; offset?: unknown };
      const limit = optionalInteger("limit", page.limit, { min: 1 });
      const offset = optionalInteger("offset", page.offset, { min: 0 });
      query = { ...query, limit, index: offset };
    }
    const needsUser = spec.user === true || method !== "GET" || (spec.permissions?.length ?? 0) > 0;
    await this.#gate(site.label, needsUser, spec.permissions ?? [], controls?.signal);
    const call: EndpointCall = {
      name: site.name,
      method,
      path,
      query,
      ttl: method === "GET" ? spec.ttl : undefined,
      userScoped: spec.userScoped ?? needsUser,
      expect: spec.expect ?? (method === "GET" ? "object" : "boolean"),
      options: controls,
    };
    // Typed as the cache hands it out: frozen when it came from (or went into) the cache.
    if (spec.fresh) return (await this.api.send(call)) as DeepReadonly<T>;
    return (await this.api.call<T>(call)) as DeepReadonly<T>;
  }

  /** The first page as sent for these options, then every `next` link as Deezer sent it. */
  list<TPage, TItem>(
    site: CallSite,
    path: string,
    spec: DeezerSpec = {},
  ): PagePromise<DeepReadonly<TPage>, DeepReadonly<TItem>> {
    const first = this.request<DeezerPage<TItem>>("GET", site, path, { ...spec, page: true });
    const next = (url: string): Promise<DeezerPage<TItem>> =>
      this.api.call<DeezerPage<TItem>>({
        name: site.name,
        method: "GET",
        path: this.followable(url),
        options: requestOptions(site.options),
      });
    // The walker only reads the pages' envelopes; they reach the caller as the frozen answers they are.
    return new PagePromise(
      first as Promise<unknown> as Promise<DeepReadonly<TPage>>,
      (firstPage) =>
        deezerPages(
          firstPage as () => Promise<unknown> as () => Promise<DeezerPage<TItem>>,
          next,
          site.label,
        ) as unknown as PageIterator<DeepReadonly<TItem>, DeepReadonly<TPage>>,
    );
  }

  /**
   * Turns a `next` link into a URL this client may request. Deezer writes its own origin into the link, so a
   * client pointed elsewhere (a proxy, the emulator) rebases it; any other host is refused, because the token
   * would go with the request. The service echoes the token in the link, which is dropped here: the adapter adds
   * the current one.
   */
  followable(link: string): string {
    let url: URL;
    let base: URL;
    try {
      url = new URL(link, this.baseUrl);
      base = new URL(this.baseUrl);
    } catch {
      throw new MinimError("Deezer sent a next-page link that is not a URL.");
    }
    url.searchParams.delete("access_token");
    const rest = `${url.pathname}${url.search}`;
    if (url.origin === base.origin) return url.toString();
    if (url.origin === OFFICIAL_API_ORIGIN) return `${this.baseUrl.replace(/\/+$/, "")}${rest}`;
    throw new MinimError(`Refusing to follow a next-page link to another host (${url.origin}).`);
  }

  /** Forgets what the permission lookup learnt (a new token may carry other permissions). */
  forgetPermissions(): void {
    this.#lookup = undefined;
  }

  async #gate(
    label: string,
    needsUser: boolean,
    required: readonly DeezerPermission[],
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (!needsUser) return;
    if (!this.auth.hasUserAuth) throw new AuthenticationRequiredError(label);
    if (required.length === 0) return;
    const granted = await this.#grantedPermissions(signal);
    const missing = required.filter((permission) => !granted.has(permission));
    if (missing.length > 0) throw new MissingPermissionError(label, missing);
  }

  /**
   * What the token may do. When the authenticator does not know (a token obtained without a permission list), it
   * is asked of Deezer once per token; concurrent callers share that one request.
   */
  async #grantedPermissions(signal: AbortSignal | undefined): Promise<ReadonlySet<string>> {
    if (this.auth.permissionsKnown) return this.auth.permissions;
    const credential = await this.auth.getCredential(signal);
    // Logging in may have established the permissions.
    if (this.auth.permissionsKnown) return this.auth.permissions;
    const token = credential?.accessToken ?? "";
    let lookup = this.#lookup;
    if (lookup === undefined || lookup.token !== token) {
      lookup = { token, promise: this.#fetchPermissions(signal) };
      this.#lookup = lookup;
    }
    try {
      const granted = await lookup.promise;
      this.auth.setGrantedPermissions(granted);
      return granted;
    } catch (error) {
      if (this.#lookup === lookup) this.#lookup = undefined;
      throw error;
    }
  }

  async #fetchPermissions(signal: AbortSignal | undefined): Promise<ReadonlySet<string>> {
    const answer = await this.request<Permissions>(
      "GET",
      { name: "getUserPermissions", label: "users.getUserPermissions", options: { signal } },
      "/user/me/permissions",
      { user: true, fresh: true },
    );
    const granted = new Set<string>();
    for (const [name, value] of Object.entries(answer.permissions ?? {}))
      if (value === true) granted.add(name);
    return granted;
  }
}

/** Base of the Deezer endpoint groups. */
export abstract class DeezerResource extends Resource<DeezerSpec, DeezerEndpoints> {}
