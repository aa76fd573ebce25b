/**
 * The shared helper every Deezer endpoint method is one line over: argument checks, the auth and permission gate,
 * the cache policy and pagination. Resource classes only state the verb, the path and the options.
 */
import { requestOptions, type ApiClient, type RequestOptions } from "../core/api-client.js";
import type { TtlName } from "../core/cache.js";
import type { ResponseShape } from "../core/errors.js";
import type { Authenticator } from "../core/credentials.js";
import { AuthenticationRequiredError, MinimError, MissingPermissionError } from "../core/errors.js";
import type { DeepReadonly } from "../core/readonly.js";
import { deezerPages, type DeezerPage, type PageIterator, type PageOptions } from "../core/pagination.js";
import type { HttpMethod, QueryParams } from "../core/transport.js";
import { deezerId, deezerIdList, nonBlankString, optionalInteger } from "../core/validate.js";
import type { ChartsAPI } from "./resources/charts.js";
import type { UsersAPI } from "./resources/users.js";
import type { DeezerId, DeezerIdList, UserId } from "./types/common.js";
import type { DeezerPermission, Permissions } from "./types/user.js";

/** The official API origin; `next` links point there even when the client talks to another base URL. */
export const OFFICIAL_API_ORIGIN = "https://api.deezer.com";

/** What the gate needs from the Deezer authenticator. */
export interface DeezerAuthenticator extends Authenticator {
  /** Whether {@link permissions} reflects what the current token was granted. */
  readonly permissionsKnown: boolean;
  readonly permissions: ReadonlySet<string>;
  setGrantedPermissions(permissions: Iterable<string>): void;
}

// Internal markers carried in a method's options object. Symbols keep them out of the public option names and
// out of cache keys (which are built from the path and query only).
const CALLER = Symbol("minim.deezer.caller");
const FRESH = Symbol("minim.deezer.fresh");

interface Internal {
  [CALLER]?: string;
  [FRESH]?: boolean;
}

/**
 * Marks a wrapper's call of its target so that gate errors name the method the application called
 * (upstream named the wrong one in several places). The outermost wrapper wins.
 */
export function via<T extends object>(options: T | undefined, label: string): T {
  const current = options as (T & Internal) | undefined;
  if (current?.[CALLER] !== undefined) return options as T;
  return { ...options, [CALLER]: label } as T;
}

/** Options that make a call bypass the cache (the permission lookup must see what the token has now). */
export function fresh<T extends object>(options: T | undefined): T {
  return { ...options, [FRESH]: true } as T;
}

/** How one endpoint is sent and gated, beside its verb and path. */
export interface EndpointSpec {
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
  /** Takes `limit` and `offset` from the options and sends them as `limit` and `index`. */
  page?: boolean | undefined;
  /** What a success's body is (default: an object for reads, any JSON — often `true` — for writes). */
  expect?: ResponseShape | undefined;
}

/** Checks a single Deezer id (never `"me"`) for the path or query. */
export function id(name: string, value: unknown): string {
  return deezerId(name, value);
}

/** Checks a user id; `"me"` (the default) is sent literally and Deezer resolves it from the token. */
export function user(value: UserId | undefined, name = "userId"): string {
  return deezerId(name, value ?? "me", { allowMe: true });
}

/**
 * The gate of a `public-with-id` read: Deezer answers an explicit user id without a token (public data), while
 * `"me"` names the token's account and so needs a user. The answer stays user-scoped either way: with a token the
 * service shows the account's private items too, and the account's writes change it.
 */
export function publicWithId(userSegment: string): Pick<EndpointSpec, "user" | "userScoped"> {
  return { user: userSegment === "me", userScoped: true };
}

/** Checks a list of ids and names the parameter singular for one id, plural for more (as Deezer expects). */
export function ids(
  singular: string,
  plural: string,
  name: string,
  value: DeezerIdList | undefined,
): QueryParams {
  const list = deezerIdList(name, value);
  return { [list.count === 1 ? singular : plural]: list.joined };
}

/** Checks a list of ids for a parameter whose name does not change with the count. */
export function idList(name: string, value: DeezerIdList | undefined): string {
  return deezerIdList(name, value).joined;
}

/** Checks a required text argument and trims it. */
export function text(name: string, value: unknown): string {
  return nonBlankString(name, value);
}

/** The per-call controls of an options object, checked (a `ValidationError` before anything is sent). */
function requestOptionsOf(options: RequestOptions | undefined): RequestOptions | undefined {
  return requestOptions(options);
}

interface PermissionLookup {
  token: string;
  promise: Promise<ReadonlySet<string>>;
}

/** One per client: sends endpoint calls through the pipeline after checking arguments and permissions. */
export class DeezerCore {
  /** Set by the client once the groups exist; wrappers and the permission lookup reach their targets here. */
  users!: UsersAPI;
  charts!: ChartsAPI;
  #lookup: PermissionLookup | undefined;

  constructor(
    readonly api: ApiClient,
    readonly auth: DeezerAuthenticator,
    readonly baseUrl: string,
  ) {}

  /** Sends one endpoint call. `group` and `name` form the label used in gate errors. */
  async request<T>(
    group: string,
    name: string,
    method: HttpMethod,
    path: string,
    options: PageOptions | RequestOptions | undefined,
    spec: EndpointSpec = {},
  ): Promise<DeepReadonly<T>> {
    const internal = (options ?? {}) as Internal;
    const label = internal[CALLER] ?? `${group}.${name}`;
    const controls = requestOptionsOf(options);
    let query = spec.query;
    if (spec.page) {
      const page = (options ?? {}) as PageOptions;
      const limit = optionalInteger("limit", page.limit, { min: 1 });
      const offset = optionalInteger("offset", page.offset, { min: 0 });
      query = { ...query, limit, index: offset };
    }
    const needsUser = spec.user === true || method !== "GET" || (spec.permissions?.length ?? 0) > 0;
    await this.gate(label, needsUser, spec.permissions ?? [], controls?.signal);
    const call = {
      name,
      method,
      path,
      query,
      ttl: method === "GET" ? spec.ttl : undefined,
      userScoped: spec.userScoped ?? needsUser,
      expect: spec.expect ?? (method === "GET" ? ("object" as const) : ("json" as const)),
      options: controls,
    };
    // Typed as the cache hands it out: frozen when it came from (or went into) the cache.
    if (internal[FRESH]) return (await this.api.send(call)) as DeepReadonly<T>;
    return (await this.api.call<T>(call)) as DeepReadonly<T>;
  }

  /** Iterates a paginated list: the first page from `first`, then every `next` link as Deezer sent it. */
  pages<T>(
    name: string,
    first: () => Promise<DeepReadonly<DeezerPage<T>>>,
    options: RequestOptions | undefined,
  ): PageIterator<DeepReadonly<T>, DeepReadonly<DeezerPage<T>>> {
    const controls = requestOptionsOf(options);
    // The walker only reads the pages; they reach the caller as the frozen answers they are.
    return deezerPages(
      first as () => Promise<DeezerPage<T>>,
      (url) =>
        this.api.call<DeezerPage<T>>({
          name,
          method: "GET",
          path: this.followable(url),
          options: controls,
        }),
      name,
    ) as unknown as PageIterator<DeepReadonly<T>, DeepReadonly<DeezerPage<T>>>;
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

  private async gate(
    label: string,
    needsUser: boolean,
    required: readonly DeezerPermission[],
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (!needsUser) return;
    if (!this.auth.hasUserAuth) throw new AuthenticationRequiredError(label);
    if (required.length === 0) return;
    const granted = await this.grantedPermissions(signal);
    const missing = required.filter((permission) => !granted.has(permission));
    if (missing.length > 0) throw new MissingPermissionError(label, missing);
  }

  /**
   * What the token may do. When the authenticator does not know (a token obtained without a permission list), it
   * is asked of Deezer once per token; concurrent callers share that one request.
   */
  private async grantedPermissions(signal: AbortSignal | undefined): Promise<ReadonlySet<string>> {
    if (this.auth.permissionsKnown) return this.auth.permissions;
    const credential = await this.auth.getCredential(signal);
    // Logging in may have established the permissions.
    if (this.auth.permissionsKnown) return this.auth.permissions;
    const token = credential?.accessToken ?? "";
    let lookup = this.#lookup;
    if (lookup === undefined || lookup.token !== token) {
      lookup = { token, promise: this.fetchPermissions(signal) };
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

  private async fetchPermissions(signal: AbortSignal | undefined): Promise<ReadonlySet<string>> {
    const answer: Permissions = await this.users.getUserPermissions("me", fresh({ signal }));
    const granted = new Set<string>();
    for (const [name, value] of Object.entries(answer.permissions ?? {}))
      if (value === true) granted.add(name);
    return granted;
  }
}

/** Base of the twelve endpoint groups: one-line methods over {@link DeezerCore}. */
export abstract class Resource {
  /** The group's name on the client, used in gate errors (`albums.getAlbum`). */
  protected abstract readonly group: string;

  constructor(protected readonly core: DeezerCore) {}

  protected get<T>(
    name: string,
    path: string,
    options: PageOptions | RequestOptions | undefined,
    spec?: EndpointSpec,
  ): Promise<DeepReadonly<T>> {
    return this.core.request<T>(this.group, name, "GET", path, options, spec);
  }

  protected post<T>(
    name: string,
    path: string,
    options: RequestOptions | undefined,
    spec?: EndpointSpec,
  ): Promise<DeepReadonly<T>> {
    return this.core.request<T>(this.group, name, "POST", path, options, spec);
  }

  protected delete<T>(
    name: string,
    path: string,
    options: RequestOptions | undefined,
    spec?: EndpointSpec,
  ): Promise<DeepReadonly<T>> {
    return this.core.request<T>(this.group, name, "DELETE", path, options, spec);
  }

  protected pages<T>(
    name: string,
    first: () => Promise<DeepReadonly<DeezerPage<T>>>,
    options: RequestOptions | undefined,
  ): PageIterator<DeepReadonly<T>, DeepReadonly<DeezerPage<T>>> {
    return this.core.pages(name, first, options);
  }
}

export type { DeezerId, DeezerIdList, UserId };
