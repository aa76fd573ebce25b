import type { RequestOptions } from "./api-client.js";
import { InvalidPageError, type ServiceName } from "./errors.js";
import { isRecord } from "./json.js";

/** A Deezer list page, kept exactly as the service sent it. */
export interface DeezerPage<T> {
  data: T[];
  total?: number;
  /** Absolute URL of the next page, to be followed as sent. */
  next?: string;
  prev?: string;
  checksum?: string;
}

/** A TIDAL v1 list page. `totalNumberOfItems` is a hint: region filtering can make lists shorter. */
export interface TidalOffsetPage<T> {
  limit: number;
  offset: number;
  totalNumberOfItems: number;
  items: T[];
}

/** A TIDAL v2 list page; `cursor` is absent or null on the last page. */
export interface TidalCursorPage<T> {
  items: T[];
  cursor?: string | null;
}

/**
 * Async iteration over a paginated list: `for await (const item of iterator)` walks items across pages;
 * `iterator.pages()` walks whole pages as the service sent them.
 */
export class PageIterator<TItem, TPage> implements AsyncIterable<TItem> {
  constructor(
    private readonly first: () => Promise<TPage>,
    /** Called at the start of every walk, so each walk keeps its own loop-detection state. */
    private readonly startWalk: () => (page: TPage) => Promise<TPage> | null,
    private readonly itemsOf: (page: TPage) => readonly TItem[],
  ) {}

  async *pages(): AsyncGenerator<TPage, void, undefined> {
    const following = this.startWalk();
    let page: TPage | null = await this.first();
    while (page) {
      yield page;
      const next: Promise<TPage> | null = following(page);
      page = next ? await next : null;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TItem, void, undefined> {
    for await (const page of this.pages()) yield* this.itemsOf(page);
  }

  /** Collects items, stopping after `max` when given. */
  async toArray(max = Infinity): Promise<TItem[]> {
    const out: TItem[] = [];
    if (max <= 0) return out;
    for await (const item of this) {
      out.push(item);
      if (out.length >= max) break;
    }
    return out;
  }
}

/**
 * What a list method returns: the first page as a promise (`await client.albums.getAlbumFans(id)`) that is also
 * an async iterable over every item of every page (`for await (const fan of client.albums.getAlbumFans(id))`).
 * The first page is requested once, when the method is called, and a walk starts from it rather than asking again.
 * `pages()` walks whole pages; `toArray(max)` collects items.
 */
export class PagePromise<TPage, TItem> extends Promise<TPage> implements AsyncIterable<TItem> {
  // `then`/`catch`/`finally` build plain promises: a derived promise is not a list to walk.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #walk: PageIterator<TItem, TPage>;

  /** `walk` must start from `first` (its first thunk returns that same promise). */
  constructor(first: Promise<TPage>, walk: (first: () => Promise<TPage>) => PageIterator<TItem, TPage>) {
    super((resolve, reject) => first.then(resolve, reject));
    // A caller who only iterates never handles the promise itself; its failure reaches the loop instead and must
    // not also be reported as an unhandled rejection.
    this.then(undefined, () => undefined);
    this.#walk = walk(() => first);
  }

  /** A list call that failed before anything was sent (a bad argument): awaiting and iterating both reject. */
  static failed<TPage, TItem>(error: unknown): PagePromise<TPage, TItem> {
    return new PagePromise<TPage, TItem>(
      Promise.reject(error),
      (first) =>
        new PageIterator(
          first,
          () => () => null,
          () => [],
        ),
    );
  }

  pages(): AsyncGenerator<TPage, void, undefined> {
    return this.#walk.pages();
  }

  [Symbol.asyncIterator](): AsyncGenerator<TItem, void, undefined> {
    return this.#walk[Symbol.asyncIterator]();
  }

  /** Collects items across pages, stopping after `max` when given. */
  toArray(max = Infinity): Promise<TItem[]> {
    return this.#walk.toArray(max);
  }
}

/** How a page of the wrong shape is described in an error. */
function describePage(page: unknown): string {
  if (Array.isArray(page)) return page.length === 0 ? "an empty array" : "an array";
  if (isRecord(page)) {
    const keys = Object.keys(page);
    return keys.length === 0 ? "an empty object" : `an object with ${keys.slice(0, 5).join(", ")}`;
  }
  return page === null ? "null" : `a ${typeof page}`;
}

/**
 * Resolves to the page once it is known to hold its items under `member`; anything else (`{}`, `[]`, a
 * `{next}` without `data`) is an {@link InvalidPageError} naming the method, rather than a `TypeError` deep in
 * the walk or a silently empty list.
 */
async function checked<P>(
  page: Promise<P>,
  member: "data" | "items",
  service: ServiceName,
  method: string | ((page: object) => string | undefined) | undefined,
): Promise<P> {
  const value: unknown = await page;
  if (isRecord(value) && Array.isArray(value[member])) return value as P;
  const name =
    typeof method === "function"
      ? typeof value === "object" && value !== null
        ? method(value)
        : undefined
      : method;
  throw new InvalidPageError({ service, method: name, missing: member, received: describePage(value) });
}

/**
 * Follows Deezer's `next` links as sent: page sizes vary and totals can change between pages, so neither is
 * used to decide where the list ends. `method` names the walk in errors.
 */
export function deezerPages<T>(
  first: () => Promise<DeezerPage<T>>,
  fetchUrl: (url: string) => Promise<DeezerPage<T>>,
  method?: string,
): PageIterator<T, DeezerPage<T>> {
  return new PageIterator(
    () => checked(first(), "data", "deezer", method),
    () => {
      const seen = new Set<string>();
      return (page) => {
        const next = page.next;
        if (!next || page.data.length === 0 || seen.has(next)) return null;
        seen.add(next);
        return checked(fetchUrl(next), "data", "deezer", method);
      };
    },
    (page) => page.data,
  );
}

/**
 * Walks TIDAL offset pages. The next offset is the page's own `offset + limit` rather than a count of items
 * received, because the service drops region-unavailable items after slicing, which leaves short pages in the
 * middle of a list.
 */
export function tidalOffsetPages<T>(
  fetchAt: (offset: number) => Promise<TidalOffsetPage<T>>,
  startOffset = 0,
  methodOf?: (page: object) => string | undefined,
): PageIterator<T, TidalOffsetPage<T>> {
  const fetchChecked = (offset: number): Promise<TidalOffsetPage<T>> =>
    checked(fetchAt(offset), "items", "tidal", methodOf);
  return new PageIterator(
    () => fetchChecked(startOffset),
    () => (page) => {
      if (page.items.length === 0) return null;
      const step = page.limit > 0 ? page.limit : page.items.length;
      const nextOffset = page.offset + step;
      if (nextOffset >= page.totalNumberOfItems) return null;
      return fetchChecked(nextOffset);
    },
    (page) => page.items,
  );
}

/** Walks TIDAL cursor pages until the service stops returning a cursor. */
export function tidalCursorPages<T>(
  fetchWith: (cursor: string | undefined) => Promise<TidalCursorPage<T>>,
  methodOf?: (page: object) => string | undefined,
  /** Where a page names the next one: `cursor` on most lists, `page.cursor` on the v2 home feed. */
  cursorOf: (page: TidalCursorPage<T>) => string | null | undefined = (page) => page.cursor,
): PageIterator<T, TidalCursorPage<T>> {
  const fetchChecked = (cursor: string | undefined): Promise<TidalCursorPage<T>> =>
    checked(fetchWith(cursor), "items", "tidal", methodOf);
  return new PageIterator(
    () => fetchChecked(undefined),
    () => {
      const seen = new Set<string>();
      return (page) => {
        const cursor = cursorOf(page);
        if (!cursor || page.items.length === 0 || seen.has(cursor)) return null;
        seen.add(cursor);
        return fetchChecked(cursor);
      };
    },
    (page) => page.items,
  );
}

/** Options accepted by every paginated endpoint method. */
export interface PageOptions extends RequestOptions {
  limit?: number | null | undefined;
  offset?: number | null | undefined;
}
