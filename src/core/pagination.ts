import type { RequestOptions } from "./api-client.js";

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
 * Follows Deezer's `next` links as sent: page sizes vary and totals can change between pages, so neither is
 * used to decide where the list ends.
 */
export function deezerPages<T>(
  first: () => Promise<DeezerPage<T>>,
  fetchUrl: (url: string) => Promise<DeezerPage<T>>,
): PageIterator<T, DeezerPage<T>> {
  return new PageIterator(
    first,
    () => {
      const seen = new Set<string>();
      return (page) => {
        const next = page.next;
        if (!next || page.data.length === 0 || seen.has(next)) return null;
        seen.add(next);
        return fetchUrl(next);
      };
    },
    (page) => page.data ?? [],
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
): PageIterator<T, TidalOffsetPage<T>> {
  return new PageIterator(
    () => fetchAt(startOffset),
    () => (page) => {
      if (page.items.length === 0) return null;
      const step = page.limit > 0 ? page.limit : page.items.length;
      const nextOffset = page.offset + step;
      if (nextOffset >= page.totalNumberOfItems) return null;
      return fetchAt(nextOffset);
    },
    (page) => page.items,
  );
}

/** Walks TIDAL cursor pages until the service stops returning a cursor. */
export function tidalCursorPages<T>(
  fetchWith: (cursor: string | undefined) => Promise<TidalCursorPage<T>>,
): PageIterator<T, TidalCursorPage<T>> {
  return new PageIterator(
    () => fetchWith(undefined),
    () => {
      const seen = new Set<string>();
      return (page) => {
        const cursor = page.cursor;
        if (!cursor || page.items.length === 0 || seen.has(cursor)) return null;
        seen.add(cursor);
        return fetchWith(cursor);
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
