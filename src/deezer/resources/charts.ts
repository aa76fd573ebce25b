import { DeezerResource } from "../endpoint.js";
import { id } from "../params.js";
import type { ChartOptions, PageOptions } from "../options.js";
import type { Album } from "../types/album.js";
import type { Artist } from "../types/artist.js";
import type { Chart } from "../types/chart.js";
import type { DeezerId, DeezerPages } from "../types/common.js";
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
export class ChartsAPI extends DeezerResource {
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
  getTopAlbums(options?: ChartOptions): DeezerPages<Album> {
    return this.list("getTopAlbums", chartList(options, "albums"), options, { ttl: "popularity" });
  }

  /** Top artists. `GET /chart/{genreId}/artists` (genre 0 by default). No permission. Cached: popularity. */
  getTopArtists(options?: ChartOptions): DeezerPages<Artist> {
    return this.list("getTopArtists", chartList(options, "artists"), options, { ttl: "popularity" });
  }

  /** Top playlists. `GET /chart/{genreId}/playlists` (genre 0 by default). No permission. Cached: popularity. */
  getTopPlaylists(options?: ChartOptions): DeezerPages<Playlist> {
    return this.list("getTopPlaylists", chartList(options, "playlists"), options, { ttl: "popularity" });
  }

  /** Top podcasts. `GET /chart/{genreId}/podcasts` (genre 0 by default). No permission. Cached: popularity. */
  getTopPodcasts(options?: ChartOptions): DeezerPages<Podcast> {
    return this.list("getTopPodcasts", chartList(options, "podcasts"), options, { ttl: "popularity" });
  }

  /** Top radios. `GET /radio/top`. No permission. Cached: popularity. */
  getTopRadios(options?: PageOptions): DeezerPages<Radio> {
    return this.list("getTopRadios", "/radio/top", options, { ttl: "popularity" });
  }

  /** Top tracks. `GET /chart/{genreId}/tracks` (genre 0 by default). No permission. Cached: popularity. */
  getTopTracks(options?: ChartOptions): DeezerPages<Track> {
    return this.list("getTopTracks", chartList(options, "tracks"), options, { ttl: "popularity" });
  }
}
