import type { QueryParams } from "../../core/transport.js";
import { ValidationError } from "../../core/errors.js";
import { boolean, oneOf } from "../../core/validate.js";
import { DeezerResource, type DeezerSpec } from "../endpoint.js";
import { requiredText } from "../params.js";
import type { SearchOptions } from "../options.js";
import type { Album } from "../types/album.js";
import type { Artist } from "../types/artist.js";
import type { DeezerPages } from "../types/common.js";
import type { Playlist } from "../types/playlist.js";
import type { Podcast } from "../types/podcast.js";
import type { Radio } from "../types/radio.js";
import type {
  SearchHistoryEntry,
  SearchHistoryPage,
  SearchOrder,
  SearchOrderField,
} from "../types/search.js";
import type { Track } from "../types/track.js";
import type { User } from "../types/user.js";

const ORDER_FIELDS: readonly SearchOrderField[] = [
  "RANKING",
  "TRACK",
  "ARTIST",
  "ALBUM",
  "RATING",
  "DURATION",
];

const ORDERS: readonly SearchOrder[] = [
  "RANKING",
  "TRACK_ASC",
  "TRACK_DESC",
  "ARTIST_ASC",
  "ARTIST_DESC",
  "ALBUM_ASC",
  "ALBUM_DESC",
  "RATING_ASC",
  "RATING_DESC",
  "DURATION_ASC",
  "DURATION_DESC",
];

/** The `order` option, as Deezer writes it (any case accepted). */
function order(value: unknown, options: SearchOptions): SearchOrder {
  if (options.sortBy != null || options.descending !== undefined) {
    throw new ValidationError(
      "order",
      "order must not be combined with sortBy or descending; give one or the other.",
    );
  }
  return oneOf("order", typeof value === "string" ? value.trim().toUpperCase() : value, ORDERS);
}

/** The modifiers shared by every search: `strict=on`, `order=<FIELD>_ASC|_DESC` or `RANKING`. */
function modifiers(options: SearchOptions | undefined): QueryParams {
  const query: QueryParams = {};
  if (options?.strict != null && boolean("strict", options.strict)) query.strict = "on";
  if (options?.order != null) return { ...query, order: order(options.order, options) };
  const descending = options?.descending === undefined ? false : boolean("descending", options.descending);
  if (options?.sortBy != null) {
    const raw: unknown = options.sortBy;
    const field = oneOf("sortBy", typeof raw === "string" ? raw.trim().toUpperCase() : raw, ORDER_FIELDS);
    query.order = field === "RANKING" ? field : `${field}_${descending ? "DESC" : "ASC"}`;
  }
  return query;
}

/** The request of one search; advanced syntax such as `artist:"aloe blacc" dur_min:300` goes in `query` as is. */
function search(query: string, options: SearchOptions | undefined): DeezerSpec {
  return { query: { q: requiredText("query", query), ...modifiers(options) }, ttl: "search" };
}

/** Catalogue search by kind, and the user's search history. */
export class SearchAPI extends DeezerResource {
  protected readonly group = "search";

  /**
   * Tracks matching a query, like {@link searchTracks} (`deezerQuery` writes the advanced syntax).
   * `GET /search` (`q`, `strict`, `order`). No permission. Cached: search.
   */
  search(query: string, options?: SearchOptions): DeezerPages<Track> {
    return this.list("search", "/search", options, search(query, options));
  }

  /** Albums matching a query. `GET /search/album` (`q`, `strict`, `order`). No permission. Cached: search. */
  searchAlbums(query: string, options?: SearchOptions): DeezerPages<Album> {
    return this.list("searchAlbums", "/search/album", options, search(query, options));
  }

  /** Artists matching a query. `GET /search/artist` (`q`, `strict`, `order`). No permission. Cached: search. */
  searchArtists(query: string, options?: SearchOptions): DeezerPages<Artist> {
    return this.list("searchArtists", "/search/artist", options, search(query, options));
  }

  /** Playlists matching a query. `GET /search/playlist` (`q`, `strict`, `order`). No permission. Cached: search. */
  searchPlaylists(query: string, options?: SearchOptions): DeezerPages<Playlist> {
    return this.list("searchPlaylists", "/search/playlist", options, search(query, options));
  }

  /** Podcasts matching a query. `GET /search/podcast` (`q`, `strict`, `order`). No permission. Cached: search. */
  searchPodcasts(query: string, options?: SearchOptions): DeezerPages<Podcast> {
    return this.list("searchPodcasts", "/search/podcast", options, search(query, options));
  }

  /** Radios matching a query. `GET /search/radio` (`q`, `strict`, `order`). No permission. Cached: search. */
  searchRadios(query: string, options?: SearchOptions): DeezerPages<Radio> {
    return this.list("searchRadios", "/search/radio", options, search(query, options));
  }

  /** Tracks matching a query. `GET /search/track` (`q`, `strict`, `order`). No permission. Cached: search. */
  searchTracks(query: string, options?: SearchOptions): DeezerPages<Track> {
    return this.list("searchTracks", "/search/track", options, search(query, options));
  }

  /** Users matching a query. `GET /search/user` (`q`, `strict`, `order`). No permission. Cached: search. */
  searchUsers(query: string, options?: SearchOptions): DeezerPages<User> {
    return this.list("searchUsers", "/search/user", options, search(query, options));
  }

  /**
   * The signed-in user's past searches, optionally filtered by a query. `GET /search/history`. Auth.
   * Cached: user.
   */
  getMySearchHistory(
    query?: string | null,
    options?: SearchOptions,
  ): DeezerPages<SearchHistoryEntry, SearchHistoryPage> {
    const q = query === null || query === undefined ? undefined : requiredText("query", query);
    return this.list("getMySearchHistory", "/search/history", options, {
      query: { q, ...modifiers(options) },
      ttl: "user",
      user: true,
    });
  }
}
