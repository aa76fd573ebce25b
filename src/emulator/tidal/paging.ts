/**
 * The API's list envelopes: v1 offset pages (`{limit, offset, totalNumberOfItems, items}`), v2 cursor pages
 * (`{items, cursor}`), and the `order`/`orderDirection` sorting of collection lists.
 */
import type { EmulatorRequest } from "../types.js";
import { invalidParameter } from "./errors.js";

function integerParam(req: EmulatorRequest, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^\d+$/.test(raw)) throw invalidParameter(name, raw);
  return Number(raw);
}

export interface OffsetPage {
  limit: number;
  offset: number;
}

/** `limit`/`offset` of a v1 list (TIDAL's default limit is 10). */
export function offsetPage(req: EmulatorRequest, defaultLimit = 10, maxLimit = 10_000): OffsetPage {
  const limit = integerParam(req, "limit") ?? defaultLimit;
  const offset = integerParam(req, "offset") ?? 0;
  if (limit < 1 || limit > maxLimit) throw invalidParameter("limit", String(limit));
  return { limit, offset };
}

/**
 * A v1 page envelope. `limit` reports how many items the page could hold, capped at the list size – the recorded
 * bodies show `limit` equal to a short list's length (fixtures/tidal/yambs/tracks_1588184_US.json: 9 of 9) and an
 * empty list as `limit: 0` (the blocked-profiles sample).
 */
export function offsetEnvelope<T>(all: readonly T[], page: OffsetPage, extra: Record<string, unknown> = {}) {
  return {
    limit: Math.min(page.limit, all.length),
    offset: page.offset,
    totalNumberOfItems: all.length,
    items: all.slice(page.offset, page.offset + page.limit),
    ...extra,
  };
}

export interface CursorPage {
  limit: number;
  start: number;
}

/** `limit`/`cursor` of a v2 list; the cursor is opaque to clients. */
export function cursorPage(req: EmulatorRequest, defaultLimit = 50, maxLimit = 50): CursorPage {
  const limit = integerParam(req, "limit") ?? defaultLimit;
  if (limit < 1 || limit > maxLimit) throw invalidParameter("limit", String(limit));
  const cursor = req.query.get("cursor");
  if (cursor === null || cursor === "") return { limit, start: 0 };
  const decoded = /^o:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!decoded) throw invalidParameter("cursor", cursor);
  return { limit, start: Number(decoded[1]) };
}

/** The next-page cursor, `null` once the list is exhausted. */
export function nextCursor(total: number, page: CursorPage): string | null {
  const next = page.start + page.limit;
  return next < total ? Buffer.from(`o:${next}`, "utf8").toString("base64url") : null;
}

export function cursorSlice<T>(all: readonly T[], page: CursorPage): { items: T[]; cursor: string | null } {
  return { items: all.slice(page.start, page.start + page.limit), cursor: nextCursor(all.length, page) };
}

/** `order` (`DATE`|`NAME`) and `orderDirection` (`ASC`|`DESC`) of collection lists. */
export function ordering(req: EmulatorRequest): { order: "DATE" | "NAME"; descending: boolean } {
  const order = req.query.get("order") ?? "DATE";
  const direction = req.query.get("orderDirection") ?? "ASC";
  if (order !== "DATE" && order !== "NAME") throw invalidParameter("order", order);
  if (direction !== "ASC" && direction !== "DESC") throw invalidParameter("orderDirection", direction);
  return { order, descending: direction === "DESC" };
}

export function sortBy<T>(items: T[], key: (item: T) => number | string, descending: boolean): T[] {
  const sorted = [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (typeof ka === "number" && typeof kb === "number") return ka - kb;
    return String(ka).localeCompare(String(kb));
  });
  return descending ? sorted.reverse() : sorted;
}
