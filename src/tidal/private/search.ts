/** Catalogue search: all kinds at once, or one kind with offset paging. */
import { nonBlankString } from "../../core/validate.js";
import { TidalResource, type TidalSpec } from "../endpoint.js";
import type { TidalAlbum } from "../types/album.js";
import type { TidalArtist } from "../types/artist.js";
import type { OffsetPages } from "../types/common.js";
import type { TidalPlaylist } from "../types/playlist.js";
import type { SearchResults } from "../types/search.js";
import type { TidalTrack } from "../types/track.js";
import type { TidalVideo } from "../types/video.js";
import type { CountryPageOptions } from "./options.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Every search's spec: `query` goes first, before the country and the paging parameters. */
function searchSpec(query: unknown): TidalSpec {
  return {
    query: {
      query: nonBlankString("query", query),
      countryCode: undefined,
      limit: undefined,
      offset: undefined,
    },
    country: true,
    page: "offset",
    ttl: "search",
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
    return this.get("search", "/v1/search", options, searchSpec(query));
  }

  /** Searches albums. `GET /v1/search/albums`. No scope. Cached "search". */
  searchAlbums(query: string, options: CountryPageOptions = {}): OffsetPages<TidalAlbum> {
    return this.list("searchAlbums", "/v1/search/albums", options, searchSpec(query));
  }

  /** Searches artists. `GET /v1/search/artists`. No scope. Cached "search". */
  searchArtists(query: string, options: CountryPageOptions = {}): OffsetPages<TidalArtist> {
    return this.list("searchArtists", "/v1/search/artists", options, searchSpec(query));
  }

  /** Searches playlists. `GET /v1/search/playlists`. No scope. Cached "search". */
  searchPlaylists(query: string, options: CountryPageOptions = {}): OffsetPages<TidalPlaylist> {
    return this.list("searchPlaylists", "/v1/search/playlists", options, searchSpec(query));
  }

  /** Searches tracks. `GET /v1/search/tracks`. No scope. Cached "search". */
  searchTracks(query: string, options: CountryPageOptions = {}): OffsetPages<TidalTrack> {
    return this.list("searchTracks", "/v1/search/tracks", options, searchSpec(query));
  }

  /** Searches videos. `GET /v1/search/videos`. No scope. Cached "search". */
  searchVideos(query: string, options: CountryPageOptions = {}): OffsetPages<TidalVideo> {
    return this.list("searchVideos", "/v1/search/videos", options, searchSpec(query));
  }
}
