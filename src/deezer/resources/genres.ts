import type { RequestOptions } from "../../core/api-client.js";
import { DeezerResource } from "../endpoint.js";
import { id } from "../params.js";
import type { PageOptions } from "../options.js";
import type { Artist } from "../types/artist.js";
import type { DeezerId, DeezerList, DeezerPages } from "../types/common.js";
import type { Genre } from "../types/genre.js";
import type { Podcast } from "../types/podcast.js";
import type { Radio } from "../types/radio.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Music and podcast genres (0 is "All"). */
export class GenresAPI extends DeezerResource {
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
   * Artists of the genre; `limit`/`offset` cut the list. Deezer has sent it without `total` or `next` links
   * (TestGenre.test_get_artists), so a walk usually ends with the first page; a link, when sent, is followed.
   * `GET /genre/{genreId}/artists`. No permission. Cached: static.
   */
  getGenreArtists(genreId: DeezerId = 0, options?: PageOptions): DeezerPages<Artist, DeezerList<Artist>> {
    return this.list("getGenreArtists", `/genre/${id("genreId", genreId)}/artists`, options, {
      ttl: "static",
    });
  }

  /** Podcasts of the genre. `GET /genre/{genreId}/podcasts`. No permission. Cached: static. */
  getGenrePodcasts(genreId: DeezerId = 0, options?: PageOptions): DeezerPages<Podcast> {
    return this.list("getGenrePodcasts", `/genre/${id("genreId", genreId)}/podcasts`, options, {
      ttl: "static",
    });
  }

  /**
   * Radios of the genre; `limit`/`offset` cut the list. Deezer has sent it without `total` or `next` links
   * (TestGenre.test_get_radios), so a walk usually ends with the first page; a link, when sent, is followed.
   * `GET /genre/{genreId}/radios`. No permission. Cached: static.
   */
  getGenreRadios(genreId: DeezerId = 0, options?: PageOptions): DeezerPages<Radio, DeezerList<Radio>> {
    return this.list("getGenreRadios", `/genre/${id("genreId", genreId)}/radios`, options, { ttl: "static" });
  }
}
