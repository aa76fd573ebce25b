/**
 * Deezer's list envelope: `{data, total, prev?, next?}` driven by `index` and `limit`. `next`/`prev` are absolute
 * URLs repeating the request's query in the order received (the access token included, as in
 * TestPaginatedList.test_authenticated_requests) with `index` moved to the end: `…/artist/27/albums?limit=1&index=1`.
 */
import type { RequestContext } from "./context.js";
import { param } from "./context.js";
import { fail } from "./errors.js";
import { rawUrlEncode } from "./util.js";

export const DEFAULT_LIMIT = 25;

export interface Paging {
  index: number;
  limit: number;
}

function nonNegative(ctx: RequestContext, name: string): number | undefined {
  const raw = param(ctx, name);
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d{1,9}$/.test(raw)) return fail.wrongParameter();
  return Number(raw);
}

export function readPaging(ctx: RequestContext, defaultLimit = DEFAULT_LIMIT): Paging {
  const index = nonNegative(ctx, "index") ?? 0;
  const limit = nonNegative(ctx, "limit");
  // `limit=0` gets the default page, not an empty one.
  return { index, limit: limit === undefined || limit === 0 ? defaultLimit : limit };
}

export function pageLink(ctx: RequestContext, index: number): string {
  const parts: string[] = [];
  for (const [key, value] of ctx.req.url.searchParams) {
    if (key !== "index") parts.push(`${rawUrlEncode(key)}=${rawUrlEncode(value)}`);
  }
  parts.push(`index=${index}`);
  return `${ctx.api}${ctx.req.url.pathname}?${parts.join("&")}`;
}

export interface PageOptions<T> {
  defaultLimit?: number;
  /** Builds one entry; `position` is the entry's 0-based place in the whole list. */
  map: (item: T, position: number) => unknown;
  /**
   * Entries for which this is false still count in `total` and in the page window but are left out of `data`, so a
   * page can hold fewer entries than `limit` while `next` still advances by `limit` — how Deezer answers when some
   * entries are not available (TestEditorial.test_get_releases: 19 entries, `next` at index 20).
   */
  visible?: (item: T) => boolean;
  /** Fields placed between `data` and `total` (`checksum`). */
  extra?: Record<string, unknown>;
}

export function page<T>(
  ctx: RequestContext,
  items: readonly T[],
  options: PageOptions<T>,
): Record<string, unknown> {
  const { index, limit } = readPaging(ctx, options.defaultLimit);
  const data: unknown[] = [];
  items.slice(index, index + limit).forEach((item, i) => {
    if (options.visible && !options.visible(item)) return;
    data.push(options.map(item, index + i));
  });
  const body: Record<string, unknown> = { data, ...options.extra, total: items.length };
  if (index > 0) body["prev"] = pageLink(ctx, Math.max(0, index - limit));
  if (index + limit < items.length) body["next"] = pageLink(ctx, index + limit);
  return body;
}

/**
 * A plain `{data}` list without `total` or links (flow, radio tracks, genre artists …), still honouring `index`
 * and, when given, `limit`.
 */
export function bare<T>(
  ctx: RequestContext,
  items: readonly T[],
  map: (item: T, position: number) => unknown,
  defaultLimit?: number,
): { data: unknown[] } {
  const { index, limit } = readPaging(ctx, defaultLimit ?? Math.max(items.length, 1));
  return { data: items.slice(index, index + limit).map((item, i) => map(item, index + i)) };
}
