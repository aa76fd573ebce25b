/** Catalogue search: all kinds at once, or one kind with offset paging. */
import type { PageIterator } from "../../core/pagination.js";
import type { QueryParams } from "../../core/transport.js";
import { nonBlankString } from "../../core/validate.js";
import { offsetPages, TidalResource } from "../core.js";
import { offset, offsetLimit, optionalCountry } from "../params.js";
import type { TidalAlbum } from "../types/album.js";
import type { TidalArtist } from "../types/artist.js";
import type { OffsetPage } from "../types/common.js";
import type { TidalPlaylist } from "../types/playlist.js";
import type { SearchResults } from "../types/search.js";
import type { TidalTrack } from "../types/track.js";
import type { TidalVideo } from "../types/video.js";
import type { CountryPageOptions } from "./options.js";
import type { DeepReadonly } from "../../core/readonly.js";

function searchQuery(query: unknown, options: CountryPageOptions): QueryParams {
  return {
    query: nonBlankString("query", query),
    countryCode: optionalCountry(options.countryCode),
    limit: offsetLimit(options.limit),
    offset: offset(options.offset),
  };
}

/** Search API endpoints of the private TIDAL API. */
export class PrivateSearchAPI extends TidalResource {
  protected readonly group = "search";

  /**
   * Searches every kind at once; `limit`/`offset` apply to each kind. `GET /v1/search`. No scope. Cached
   * "search".
   */
  search(query: string, options: CountryPageOptions = {}): Promise<DeepReadonly<SearchResults>> {
    return this.get("search", options, "/v1/search", {
      query: searchQuery(query, options),
      country: true,
      ttl: "search",
    });
  }

  /** Searches albums. `GET /v1/search/albums`. No scope. Cached "search". */
  searchAlbums(
    query: string,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<TidalAlbum>>> {
    return this.get("searchAlbums", options, "/v1/search/albums", {
      query: searchQuery(query, options),
      country: true,
      ttl: "search",
    });
  }

  /** Every matching album, page by page. `GET /v1/search/albums`. No scope. Cached "search". */
  iterSearchAlbums(
    query: string,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<TidalAlbum>, DeepReadonly<OffsetPage<TidalAlbum>>> {
    return offsetPages(options, (page) => this.searchAlbums(query, page));
  }

  /** Searches artists. `GET /v1/search/artists`. No scope. Cached "search". */
  searchArtists(
    query: string,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<TidalArtist>>> {
    return this.get("searchArtists", options, "/v1/search/artists", {
      query: searchQuery(query, options),
      country: true,
      ttl: "search",
    });
  }

  /** Every matching artist, page by page. `GET /v1/search/artists`. No scope. Cached "search". */
  iterSearchArtists(
    query: string,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<TidalArtist>, DeepReadonly<OffsetPage<TidalArtist>>> {
    return offsetPages(options, (page) => this.searchArtists(query, page));
  }

  /** Searches playlists. `GET /v1/search/playlists`. No scope. Cached "search". */
  searchPlaylists(
    query: string,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<TidalPlaylist>>> {
    return this.get("searchPlaylists", options, "/v1/search/playlists", {
      query: searchQuery(query, options),
      country: true,
      ttl: "search",
    });
  }

  /** Every matching playlist, page by page. `GET /v1/search/playlists`. No scope. Cached "search". */
  iterSearchPlaylists(
    query: string,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<TidalPlaylist>, DeepReadonly<OffsetPage<TidalPlaylist>>> {
    return offsetPages(options, (page) => this.searchPlaylists(query, page));
  }

  /** Searches tracks. `GET /v1/search/tracks`. No scope. Cached "search". */
  searchTracks(
    query: string,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<TidalTrack>>> {
    return this.get("searchTracks", options, "/v1/search/tracks", {
      query: searchQuery(query, options),
      country: true,
      ttl: "search",
    });
  }

  /** Every matching track, page by page. `GET /v1/search/tracks`. No scope. Cached "search". */
  iterSearchTracks(
    query: string,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<TidalTrack>, DeepReadonly<OffsetPage<TidalTrack>>> {
    return offsetPages(options, (page) => this.searchTracks(query, page));
  }

  /** Searches videos. `GET /v1/search/videos`. No scope. Cached "search". */
  searchVideos(
    query: string,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<TidalVideo>>> {
    return this.get("searchVideos", options, "/v1/search/videos", {
      query: searchQuery(query, options),
      country: true,
      ttl: "search",
    });
  }

  /** Every matching video, page by page. `GET /v1/search/videos`. No scope. Cached "search". */
  iterSearchVideos(
    query: string,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<TidalVideo>, DeepReadonly<OffsetPage<TidalVideo>>> {
    return offsetPages(options, (page) => this.searchVideos(query, page));
  }
}
