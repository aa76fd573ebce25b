import type { PageIterator } from "../../core/pagination.js";
import type { QueryParams } from "../../core/transport.js";
import { ValidationError } from "../../core/errors.js";
import { boolean, oneOf } from "../../core/validate.js";
import { Resource, text, type EndpointSpec } from "../core.js";
import type { SearchOptions } from "../options.js";
import type { Album } from "../types/album.js";
import type { Artist } from "../types/artist.js";
import type { DeezerPage } from "../types/common.js";
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
import type { DeepReadonly } from "../../core/readonly.js";

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
function search(query: string, options: SearchOptions | undefined): EndpointSpec {
  return { query: { q: text("query", query), ...modifiers(options) }, ttl: "search", page: true };
}

/** Catalogue search by kind, and the user's search history. */
export class SearchAPI extends Resource {
  protected readonly group = "search";

  /**
   * Tracks matching a query, like {@link searchTracks} (`deezerQuery` writes the advanced syntax).
   * `GET /search` (`q`, `strict`, `order`). No permission. Cached: search.
   */
  async search(query: string, options?: SearchOptions): Promise<DeepReadonly<DeezerPage<Track>>> {
    return this.get("search", "/search", options, search(query, options));
  }

  /** Iterates {@link search} across pages. */
  iterSearch(
    query: string,
    options?: SearchOptions,
  ): PageIterator<DeepReadonly<Track>, DeepReadonly<DeezerPage<Track>>> {
    return this.pages("search", () => this.search(query, options), options);
  }

  /** Albums matching a query. `GET /search/album` (`q`, `strict`, `order`). No permission. Cached: search. */
  async searchAlbums(query: string, options?: SearchOptions): Promise<DeepReadonly<DeezerPage<Album>>> {
    return this.get("searchAlbums", "/search/album", options, search(query, options));
  }

  /** Iterates {@link searchAlbums} across pages. */
  iterSearchAlbums(
    query: string,
    options?: SearchOptions,
  ): PageIterator<DeepReadonly<Album>, DeepReadonly<DeezerPage<Album>>> {
    return this.pages("searchAlbums", () => this.searchAlbums(query, options), options);
  }

  /** Artists matching a query. `GET /search/artist` (`q`, `strict`, `order`). No permission. Cached: search. */
  async searchArtists(query: string, options?: SearchOptions): Promise<DeepReadonly<DeezerPage<Artist>>> {
    return this.get("searchArtists", "/search/artist", options, search(query, options));
  }

  /** Iterates {@link searchArtists} across pages. */
  iterSearchArtists(
    query: string,
    options?: SearchOptions,
  ): PageIterator<DeepReadonly<Artist>, DeepReadonly<DeezerPage<Artist>>> {
    return this.pages("searchArtists", () => this.searchArtists(query, options), options);
  }

  /** Playlists matching a query. `GET /search/playlist` (`q`, `strict`, `order`). No permission. Cached: search. */
  async searchPlaylists(query: string, options?: SearchOptions): Promise<DeepReadonly<DeezerPage<Playlist>>> {
    return this.get("searchPlaylists", "/search/playlist", options, search(query, options));
  }

  /** Iterates {@link searchPlaylists} across pages. */
  iterSearchPlaylists(
    query: string,
    options?: SearchOptions,
  ): PageIterator<DeepReadonly<Playlist>, DeepReadonly<DeezerPage<Playlist>>> {
    return this.pages("searchPlaylists", () => this.searchPlaylists(query, options), options);
  }

  /** Podcasts matching a query. `GET /search/podcast` (`q`, `strict`, `order`). No permission. Cached: search. */
  async searchPodcasts(query: string, options?: SearchOptions): Promise<DeepReadonly<DeezerPage<Podcast>>> {
    return this.get("searchPodcasts", "/search/podcast", options, search(query, options));
  }

  /** Iterates {@link searchPodcasts} across pages. */
  iterSearchPodcasts(
    query: string,
    options?: SearchOptions,
  ): PageIterator<DeepReadonly<Podcast>, DeepReadonly<DeezerPage<Podcast>>> {
    return this.pages("searchPodcasts", () => this.searchPodcasts(query, options), options);
  }

  /** Radios matching a query. `GET /search/radio` (`q`, `strict`, `order`). No permission. Cached: search. */
  async searchRadios(query: string, options?: SearchOptions): Promise<DeepReadonly<DeezerPage<Radio>>> {
    return this.get("searchRadios", "/search/radio", options, search(query, options));
  }

  /** Iterates {@link searchRadios} across pages. */
  iterSearchRadios(
    query: string,
    options?: SearchOptions,
  ): PageIterator<DeepReadonly<Radio>, DeepReadonly<DeezerPage<Radio>>> {
    return this.pages("searchRadios", () => this.searchRadios(query, options), options);
  }

  /** Tracks matching a query. `GET /search/track` (`q`, `strict`, `order`). No permission. Cached: search. */
  async searchTracks(query: string, options?: SearchOptions): Promise<DeepReadonly<DeezerPage<Track>>> {
    return this.get("searchTracks", "/search/track", options, search(query, options));
  }

  /** Iterates {@link searchTracks} across pages. */
  iterSearchTracks(
    query: string,
    options?: SearchOptions,
  ): PageIterator<DeepReadonly<Track>, DeepReadonly<DeezerPage<Track>>> {
    return this.pages("searchTracks", () => this.searchTracks(query, options), options);
  }

  /** Users matching a query. `GET /search/user` (`q`, `strict`, `order`). No permission. Cached: search. */
  async searchUsers(query: string, options?: SearchOptions): Promise<DeepReadonly<DeezerPage<User>>> {
    return this.get("searchUsers", "/search/user", options, search(query, options));
  }

  /** Iterates {@link searchUsers} across pages. */
  iterSearchUsers(
    query: string,
    options?: SearchOptions,
  ): PageIterator<DeepReadonly<User>, DeepReadonly<DeezerPage<User>>> {
    return this.pages("searchUsers", () => this.searchUsers(query, options), options);
  }

  /**
   * The signed-in user's past searches, optionally filtered by a query. `GET /search/history`. Auth.
   * Cached: user.
   */
  async getMySearchHistory(
    query?: string | null,
    options?: SearchOptions,
  ): Promise<DeepReadonly<SearchHistoryPage>> {
    const q = query === null || query === undefined ? undefined : text("query", query);
    return this.get("getMySearchHistory", "/search/history", options, {
      query: { q, ...modifiers(options) },
      ttl: "user",
      user: true,
      page: true,
    });
  }

  /** Iterates {@link getMySearchHistory} across pages. */
  iterMySearchHistory(
    query?: string | null,
    options?: SearchOptions,
  ): PageIterator<DeepReadonly<SearchHistoryEntry>, DeepReadonly<DeezerPage<SearchHistoryEntry>>> {
    return this.pages("getMySearchHistory", () => this.getMySearchHistory(query, options), options);
  }
}
