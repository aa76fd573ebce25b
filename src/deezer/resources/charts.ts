import type { PageIterator } from "../../core/pagination.js";
import { Resource } from "../core.js";
import type { PageOptions } from "../options.js";
import type { Album } from "../types/album.js";
import type { Artist } from "../types/artist.js";
import type { DeezerPage } from "../types/common.js";
import type { Playlist } from "../types/playlist.js";
import type { Podcast } from "../types/podcast.js";
import type { Radio } from "../types/radio.js";
import type { Track } from "../types/track.js";

/** The global charts (chart 0, all genres). */
export class ChartsAPI extends Resource {
  protected readonly group = "charts";

  /** Top albums. `GET /chart/0/albums`. No permission. Cached: popularity. */
  async getTopAlbums(options?: PageOptions): Promise<DeezerPage<Album>> {
    return this.get("getTopAlbums", "/chart/0/albums", options, { ttl: "popularity", page: true });
  }

  /** Iterates {@link getTopAlbums} across pages. */
  iterTopAlbums(options?: PageOptions): PageIterator<Album, DeezerPage<Album>> {
    return this.pages("getTopAlbums", () => this.getTopAlbums(options), options);
  }

  /** Top artists. `GET /chart/0/artists`. No permission. Cached: popularity. */
  async getTopArtists(options?: PageOptions): Promise<DeezerPage<Artist>> {
    return this.get("getTopArtists", "/chart/0/artists", options, { ttl: "popularity", page: true });
  }

  /** Iterates {@link getTopArtists} across pages. */
  iterTopArtists(options?: PageOptions): PageIterator<Artist, DeezerPage<Artist>> {
    return this.pages("getTopArtists", () => this.getTopArtists(options), options);
  }

  /** Top playlists. `GET /chart/0/playlists`. No permission. Cached: popularity. */
  async getTopPlaylists(options?: PageOptions): Promise<DeezerPage<Playlist>> {
    return this.get("getTopPlaylists", "/chart/0/playlists", options, { ttl: "popularity", page: true });
  }

  /** Iterates {@link getTopPlaylists} across pages. */
  iterTopPlaylists(options?: PageOptions): PageIterator<Playlist, DeezerPage<Playlist>> {
    return this.pages("getTopPlaylists", () => this.getTopPlaylists(options), options);
  }

  /** Top podcasts. `GET /chart/0/podcasts`. No permission. Cached: popularity. */
  async getTopPodcasts(options?: PageOptions): Promise<DeezerPage<Podcast>> {
    return this.get("getTopPodcasts", "/chart/0/podcasts", options, { ttl: "popularity", page: true });
  }

  /** Iterates {@link getTopPodcasts} across pages. */
  iterTopPodcasts(options?: PageOptions): PageIterator<Podcast, DeezerPage<Podcast>> {
    return this.pages("getTopPodcasts", () => this.getTopPodcasts(options), options);
  }

  /**
   * Top radios, as parsed JSON (upstream returned the raw HTTP response). `GET /radio/top`. No permission.
   * Cached: popularity.
   */
  async getTopRadios(options?: PageOptions): Promise<DeezerPage<Radio>> {
    return this.get("getTopRadios", "/radio/top", options, { ttl: "popularity", page: true });
  }

  /** Iterates {@link getTopRadios} across pages. */
  iterTopRadios(options?: PageOptions): PageIterator<Radio, DeezerPage<Radio>> {
    return this.pages("getTopRadios", () => this.getTopRadios(options), options);
  }

  /** Top tracks. `GET /chart/0/tracks`. No permission. Cached: popularity. */
  async getTopTracks(options?: PageOptions): Promise<DeezerPage<Track>> {
    return this.get("getTopTracks", "/chart/0/tracks", options, { ttl: "popularity", page: true });
  }

  /** Iterates {@link getTopTracks} across pages. */
  iterTopTracks(options?: PageOptions): PageIterator<Track, DeezerPage<Track>> {
    return this.pages("getTopTracks", () => this.getTopTracks(options), options);
  }
}
