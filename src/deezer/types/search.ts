import type { DeezerPage } from "./common.js";

/** One entry of the signed-in user's search history. */
export interface SearchHistoryEntry {
  query?: string;
  [field: string]: unknown;
}

/** `GET /search/history`: a page with the number of entries on it. */
export interface SearchHistoryPage extends DeezerPage<SearchHistoryEntry> {
  count?: number;
}

/** Fields search results can be ordered by. */
export type SearchOrderField = "RANKING" | "TRACK" | "ARTIST" | "ALBUM" | "RATING" | "DURATION";

/**
 * The `order` Deezer accepts: `RANKING`, or a field with a direction (`TRACK_ASC`, `DURATION_DESC`, …). Only
 * `order` is honoured: recorded searches sent with `ordering=` instead came back in ranking order every time
 * (TestClient.test_search_results_ordering[*]); this library always sends `order`.
 */
export type SearchOrder = "RANKING" | `${Exclude<SearchOrderField, "RANKING">}_${"ASC" | "DESC"}`;
