import type { RequestOptions } from "../../core/api-client.js";
import type { PageIterator } from "../../core/pagination.js";
import { Resource, id } from "../core.js";
import type { PageOptions } from "../options.js";
import type { Artist } from "../types/artist.js";
import type { DeezerId, DeezerList, DeezerPage } from "../types/common.js";
import type { Genre } from "../types/genre.js";
import type { Podcast } from "../types/podcast.js";
import type { Radio } from "../types/radio.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Music and podcast genres (0 is "All"). */
export class GenresAPI extends Resource {
  protected readonly group = "genres";

  /** One genre, or without an id the list of all genres. `GET /genre/{genreId}` or `GET /genre`. No permission. Cached: static. */
  getGenre(genreId?: null, options?: RequestOptions): Promise<DeepReadonly<DeezerList<Genre>>>;
  getGenre(genreId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<Genre>>;
  async getGenre(
    genreId?: DeezerId | null,
    options?: RequestOptions,
  ): Promise<DeepReadonly<Genre | DeezerList<Genre>>> {
    const path = genreId === null || genreId === undefined ? "/genre" : `/genre/${id("genreId", genreId)}`;
    return this.get("getGenre", path, options, { ttl: "static" });
  }

  /**
   * Artists of the genre; `limit`/`offset` cut the list. Deezer sends it without `total` or paging links.
   * `GET /genre/{genreId}/artists`. No permission. Cached: static.
   */
  async getGenreArtists(
    genreId: DeezerId = 0,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerList<Artist>>> {
    return this.get("getGenreArtists", `/genre/${id("genreId", genreId)}/artists`, options, {
      ttl: "static",
      page: true,
    });
  }

  /**
   * Iterates {@link getGenreArtists} across pages. Deezer has sent this list without `next` links
   * (TestGenre.test_get_artists), so a walk usually ends with the first page; a link, when sent, is followed.
   */
  iterGenreArtists(
    genreId: DeezerId = 0,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Artist>, DeepReadonly<DeezerPage<Artist>>> {
    return this.pages("getGenreArtists", () => this.getGenreArtists(genreId, options), options);
  }

  /** Podcasts of the genre. `GET /genre/{genreId}/podcasts`. No permission. Cached: static. */
  async getGenrePodcasts(
    genreId: DeezerId = 0,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Podcast>>> {
    return this.get("getGenrePodcasts", `/genre/${id("genreId", genreId)}/podcasts`, options, {
      ttl: "static",
      page: true,
    });
  }

  /** Iterates {@link getGenrePodcasts} across pages. */
  iterGenrePodcasts(
    genreId: DeezerId = 0,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Podcast>, DeepReadonly<DeezerPage<Podcast>>> {
    return this.pages("getGenrePodcasts", () => this.getGenrePodcasts(genreId, options), options);
  }

  /**
   * Radios of the genre; `limit`/`offset` cut the list. Deezer sends it without `total` or paging links.
   * `GET /genre/{genreId}/radios`. No permission. Cached: static.
   */
  async getGenreRadios(
    genreId: DeezerId = 0,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerList<Radio>>> {
    return this.get("getGenreRadios", `/genre/${id("genreId", genreId)}/radios`, options, {
      ttl: "static",
      page: true,
    });
  }

  /**
   * Iterates {@link getGenreRadios} across pages. Deezer has sent this list without `next` links
   * (TestGenre.test_get_radios), so a walk usually ends with the first page; a link, when sent, is followed.
   */
  iterGenreRadios(
    genreId: DeezerId = 0,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Radio>, DeepReadonly<DeezerPage<Radio>>> {
    return this.pages("getGenreRadios", () => this.getGenreRadios(genreId, options), options);
  }
}
