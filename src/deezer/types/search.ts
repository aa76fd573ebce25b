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
