/**
 * The endpoint layer both services share. A group class (`AlbumsAPI`, `PrivateAlbumsAPI`, …) extends
 * {@link Resource} and each of its methods is one statement: the verb, the method's name, the path, the caller's
 * options and a declarative spec. What the spec means (auth gates, country codes, paging parameters, cache
 * policy) is the business of the service's {@link EndpointLayer}; everything else lives here, once.
 */
import type { RequestOptions } from "./api-client.js";
import { PagePromise } from "./pagination.js";
import type { DeepReadonly } from "./readonly.js";
import type { HttpMethod } from "./transport.js";

// The name of the method the application called, carried in the options object a wrapper hands to its target.
// A symbol keeps it out of the public option names and out of cache keys (built from the path and query only).
const CALLER = Symbol("minim.caller");

interface Labelled {
  [CALLER]?: string;
}

/**
 * Marks a wrapper's call of its target (`albums.getTopAlbums` forwarding to `charts.getTopAlbums`) so that the
 * target's errors name the method the application called. The outermost wrapper wins.
 */
export function via<T extends object>(options: T | undefined, label: string): T {
  const current = options as (T & Labelled) | undefined;
  if (current?.[CALLER] !== undefined) return options as T;
  return { ...options, [CALLER]: label } as T;
}

/** Who called: the method's name (cache entries, `clearCache`), the label its errors use, and its options. */
export interface CallSite {
  name: string;
  label: string;
  /** The method's whole options object: its own options and the per-call controls. */
  options: RequestOptions | undefined;
}

/** The label errors use for a call: the wrapper the application called, else `group.method`. */
export function labelOf(group: string, name: string, options: object | undefined): string {
  return (options as Labelled | undefined)?.[CALLER] ?? `${group}.${name}`;
}

/** What one service implements so that its group classes can be written as one statement per method. */
export interface EndpointLayer<Spec> {
  /** Checks, gates and sends one call; a write without an expected body resolves to `undefined`. */
  request<T>(
    method: HttpMethod,
    site: CallSite,
    path: string,
    spec: Spec | undefined,
  ): Promise<DeepReadonly<T>>;
  /** Sends the first page of a list and returns it as a {@link PagePromise} that walks the rest. */
  list<TPage, TItem>(
    site: CallSite,
    path: string,
    spec: Spec | undefined,
  ): PagePromise<DeepReadonly<TPage>, DeepReadonly<TItem>>;
}

/** Base of every endpoint group of both services. */
export abstract class Resource<Spec, Layer extends EndpointLayer<Spec> = EndpointLayer<Spec>> {
  /** The group's name on the client (`albums`), the first half of the label errors use. */
  protected abstract readonly group: string;

  /** @internal Groups are built by their client. */
  constructor(protected readonly core: Layer) {
    reportBadArgumentsAsRejections(new.target.prototype, Resource.prototype);
  }

  protected site(name: string, options: RequestOptions | undefined): CallSite {
    return { name, label: labelOf(this.group, name, options), options };
  }

  protected get<T>(
    name: string,
    path: string,
    options: RequestOptions | undefined,
    spec?: Spec,
  ): Promise<DeepReadonly<T>> {
    return this.core.request<T>("GET", this.site(name, options), path, spec);
  }

  protected post<T = void>(
    name: string,
    path: string,
    options: RequestOptions | undefined,
    spec?: Spec,
  ): Promise<DeepReadonly<T>> {
    return this.core.request<T>("POST", this.site(name, options), path, spec);
  }

  protected put<T = void>(
    name: string,
    path: string,
    options: RequestOptions | undefined,
    spec?: Spec,
  ): Promise<DeepReadonly<T>> {
    return this.core.request<T>("PUT", this.site(name, options), path, spec);
  }

  protected delete<T = void>(
    name: string,
    path: string,
    options: RequestOptions | undefined,
    spec?: Spec,
  ): Promise<DeepReadonly<T>> {
    return this.core.request<T>("DELETE", this.site(name, options), path, spec);
  }

  /** A paginated read: awaitable for its first page, async-iterable over every item. */
  protected list<TPage, TItem>(
    name: string,
    path: string,
    options: RequestOptions | undefined,
    spec?: Spec,
  ): PagePromise<DeepReadonly<TPage>, DeepReadonly<TItem>> {
    return this.core.list<TPage, TItem>(this.site(name, options), path, spec);
  }
}

const guarded = new WeakSet<object>();

type Method = (this: unknown, ...args: unknown[]) => unknown;

function guard(name: string, method: Method): Method {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    try {
      return method.apply(this, args);
    } catch (error) {
      // A list method's caller may iterate rather than await: the failure has to reach either.
      return PagePromise.failed(error);
    }
  };
  // `clearCache(client.albums.getAlbum)` identifies a method by its function name.
  Object.defineProperty(wrapped, "name", { value: name });
  Object.defineProperty(wrapped, "length", { value: method.length });
  return wrapped;
}

/**
 * Makes every endpoint method report a bad argument the way an `async` function would: as a rejected promise,
 * never a synchronous throw. Methods check their arguments while building the path, before the shared layer is
 * reached, and list methods cannot be `async` (they return a {@link PagePromise}); without this a caller relying
 * on `promise.catch()` or `Promise.allSettled` would be crashed by a bad id. Done once per class, when its first
 * instance is built, for every method declared on `prototype` and its ancestors below `base`.
 */
function reportBadArgumentsAsRejections(prototype: object, base: object): void {
  for (let level = prototype; level !== base && level !== Object.prototype;) {
    if (!guarded.has(level)) {
      guarded.add(level);
      for (const name of Object.getOwnPropertyNames(level)) {
        if (name === "constructor") continue;
        const descriptor = Object.getOwnPropertyDescriptor(level, name);
        if (typeof descriptor?.value !== "function") continue;
        Object.defineProperty(level, name, { ...descriptor, value: guard(name, descriptor.value as Method) });
      }
    }
    const parent: unknown = Object.getPrototypeOf(level);
    if (parent === null || typeof parent !== "object") break;
    level = parent;
  }
}
