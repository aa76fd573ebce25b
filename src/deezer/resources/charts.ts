import type { PageIterator } from "../../core/pagination.js";
import { Resource, id } from "../core.js";
import type { ChartOptions, PageOptions } from "../options.js";
import type { Album } from "../types/album.js";
import type { Artist } from "../types/artist.js";
import type { Chart } from "../types/chart.js";
import type { DeezerId, DeezerPage } from "../types/common.js";
import type { Playlist } from "../types/playlist.js";
import type { Podcast } from "../types/podcast.js";
import type { Radio } from "../types/radio.js";
import type { Track } from "../types/track.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** The path of one chart list; genre 0 (all genres) unless the options name another. */
function chartList(options: ChartOptions | undefined, kind: string): string {
  return `/chart/${id("genreId", options?.genreId ?? 0)}/${kind}`;
}

/** The charts: all genres (chart 0) or one genre's. */
export class ChartsAPI extends Resource {
  protected readonly group = "charts";

  /**
   * The chart of a genre, every kind at once (`{tracks, albums, artists, playlists, podcasts}`, each a page);
   * `limit`/`offset` apply to each kind. `null` sends the bare `GET /chart`, which Deezer answers as chart 0
   * (TestClient.test_request_unknown_resource). `GET /chart/{genreId}`. No permission. Cached: popularity.
   */
  async getChart(genreId: DeezerId | null = 0, options?: PageOptions): Promise<DeepReadonly<Chart>> {
    const path = genreId === null ? "/chart" : `/chart/${id("genreId", genreId)}`;
    return this.get("getChart", path, options, { ttl: "popularity", page: true });
  }

  /** Top albums. `GET /chart/{genreId}/albums` (genre 0 by default). No permission. Cached: popularity. */
  async getTopAlbums(options?: ChartOptions): Promise<DeepReadonly<DeezerPage<Album>>> {
    return this.get("getTopAlbums", chartList(options, "albums"), options, { ttl: "popularity", page: true });
  }

  /** Iterates {@link getTopAlbums} across pages. */
  iterTopAlbums(options?: ChartOptions): PageIterator<DeepReadonly<Album>, DeepReadonly<DeezerPage<Album>>> {
    return this.pages("getTopAlbums", () => this.getTopAlbums(options), options);
  }

  /** Top artists. `GET /chart/{genreId}/artists` (genre 0 by default). No permission. Cached: popularity. */
  async getTopArtists(options?: ChartOptions): Promise<DeepReadonly<DeezerPage<Artist>>> {
    return this.get("getTopArtists", chartList(options, "artists"), options, {
      ttl: "popularity",
      page: true,
    });
  }

  /** Iterates {@link getTopArtists} across pages. */
  iterTopArtists(
    options?: ChartOptions,
  ): PageIterator<DeepReadonly<Artist>, DeepReadonly<DeezerPage<Artist>>> {
    return this.pages("getTopArtists", () => this.getTopArtists(options), options);
  }

  /** Top playlists. `GET /chart/{genreId}/playlists` (genre 0 by default). No permission. Cached: popularity. */
  async getTopPlaylists(options?: ChartOptions): Promise<DeepReadonly<DeezerPage<Playlist>>> {
    return this.get("getTopPlaylists", chartList(options, "playlists"), options, {
      ttl: "popularity",
      page: true,
    });
  }

  /** Iterates {@link getTopPlaylists} across pages. */
  iterTopPlaylists(
    options?: ChartOptions,
  ): PageIterator<DeepReadonly<Playlist>, DeepReadonly<DeezerPage<Playlist>>> {
    return this.pages("getTopPlaylists", () => this.getTopPlaylists(options), options);
  }

  /** Top podcasts. `GET /chart/{genreId}/podcasts` (genre 0 by default). No permission. Cached: popularity. */
  async getTopPodcasts(options?: ChartOptions): Promise<DeepReadonly<DeezerPage<Podcast>>> {
    return this.get("getTopPodcasts", chartList(options, "podcasts"), options, {
      ttl: "popularity",
      page: true,
    });
  }

  /** Iterates {@link getTopPodcasts} across pages. */
  iterTopPodcasts(
    options?: ChartOptions,
  ): PageIterator<DeepReadonly<Podcast>, DeepReadonly<DeezerPage<Podcast>>> {
    return this.pages("getTopPodcasts", () => this.getTopPodcasts(options), options);
  }

  /**
   * Top radios, as parsed JSON (upstream returned the raw HTTP response). `GET /radio/top`. No permission.
   * Cached: popularity.
   */
  async getTopRadios(options?: PageOptions): Promise<DeepReadonly<DeezerPage<Radio>>> {
    return this.get("getTopRadios", "/radio/top", options, { ttl: "popularity", page: true });
  }

  /** Iterates {@link getTopRadios} across pages. */
  iterTopRadios(options?: PageOptions): PageIterator<DeepReadonly<Radio>, DeepReadonly<DeezerPage<Radio>>> {
    return this.pages("getTopRadios", () => this.getTopRadios(options), options);
  }

  /** Top tracks. `GET /chart/{genreId}/tracks` (genre 0 by default). No permission. Cached: popularity. */
  async getTopTracks(options?: ChartOptions): Promise<DeepReadonly<DeezerPage<Track>>> {
    return this.get("getTopTracks", chartList(options, "tracks"), options, { ttl: "popularity", page: true });
  }

  /** Iterates {@link getTopTracks} across pages. */
  iterTopTracks(options?: ChartOptions): PageIterator<DeepReadonly<Track>, DeepReadonly<DeezerPage<Track>>> {
    return this.pages("getTopTracks", () => this.getTopTracks(options), options);
  }
}
