/**
 * Makes the endpoint methods of a group report bad arguments the way an `async` function would: as a
 * rejected promise (or, for an `iter…` method, an iterator whose first page rejects) rather than a synchronous
 * throw. The methods check their arguments while building the request, before they reach the shared helper, so a
 * caller relying on `promise.catch()` or `Promise.allSettled` would otherwise be crashed by a bad id.
 */
import { PageIterator } from "../core/pagination.js";

const guarded = new WeakSet<object>();

type Method = (this: unknown, ...args: unknown[]) => unknown;

function failed(name: string, error: unknown): unknown {
  if (name.startsWith("iter")) {
    return new PageIterator<never, never>(
      () => Promise.reject(error),
      () => () => null,
      () => [],
    );
  }
  return Promise.reject(error);
}

function guard(name: string, method: Method): Method {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    try {
      return method.apply(this, args);
    } catch (error) {
      return failed(name, error);
    }
  };
  // `clearCache(client.albums.getAlbum)` identifies a method by its function name.
  Object.defineProperty(wrapped, "name", { value: name });
  Object.defineProperty(wrapped, "length", { value: method.length });
  return wrapped;
}

/**
 * Wraps, once per class, every method declared on `prototype` and on its ancestors below `base`. Done when the
 * first instance is built, so a group or a method added later is covered without being listed anywhere.
 */
export function rejectBadArguments(prototype: object, base: object): void {
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
