import type { RequestOptions } from "../../core/api-client.js";
import type { PageIterator } from "../../core/pagination.js";
import { Resource, id, via } from "../core.js";
import type { ChartOptions, PageOptions, UserOptions } from "../options.js";
import type { Album } from "../types/album.js";
import type { Artist } from "../types/artist.js";
import type { Comment } from "../types/comment.js";
import type {
  ActionResult,
  ChecksummedPage,
  DeezerId,
  DeezerIdList,
  DeezerPage,
  UserId,
} from "../types/common.js";
import type { Playlist } from "../types/playlist.js";
import type { Track } from "../types/track.js";
import type { User } from "../types/user.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Artists, and the artist parts of the charts and of a user's library. */
export class ArtistsAPI extends Resource {
  protected readonly group = "artists";

  /** An artist. `GET /artist/{artistId}`. No permission. Cached: popularity. */
  async getArtist(artistId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<Artist>> {
    return this.get("getArtist", `/artist/${id("artistId", artistId)}`, options, { ttl: "popularity" });
  }

  /** The artist's most popular tracks. `GET /artist/{artistId}/top`. No permission. Cached: popularity. */
  async getArtistTopTracks(
    artistId: DeezerId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Track>>> {
    return this.get("getArtistTopTracks", `/artist/${id("artistId", artistId)}/top`, options, {
      ttl: "popularity",
      page: true,
    });
  }

  /** Iterates {@link getArtistTopTracks} across pages. */
  iterArtistTopTracks(
    artistId: DeezerId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Track>, DeepReadonly<DeezerPage<Track>>> {
    return this.pages("getArtistTopTracks", () => this.getArtistTopTracks(artistId, options), options);
  }

  /** The artist's albums. `GET /artist/{artistId}/albums`. No permission. Cached: popularity. */
  async getArtistAlbums(artistId: DeezerId, options?: PageOptions): Promise<DeepReadonly<DeezerPage<Album>>> {
    return this.get("getArtistAlbums", `/artist/${id("artistId", artistId)}/albums`, options, {
      ttl: "popularity",
      page: true,
    });
  }

  /** Iterates {@link getArtistAlbums} across pages. */
  iterArtistAlbums(
    artistId: DeezerId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Album>, DeepReadonly<DeezerPage<Album>>> {
    return this.pages("getArtistAlbums", () => this.getArtistAlbums(artistId, options), options);
  }

  /** Users who follow the artist. `GET /artist/{artistId}/fans`. No permission. Cached: popularity. */
  async getArtistFans(artistId: DeezerId, options?: PageOptions): Promise<DeepReadonly<DeezerPage<User>>> {
    return this.get("getArtistFans", `/artist/${id("artistId", artistId)}/fans`, options, {
      ttl: "popularity",
      page: true,
    });
  }

  /** Iterates {@link getArtistFans} across pages. */
  iterArtistFans(
    artistId: DeezerId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<User>, DeepReadonly<DeezerPage<User>>> {
    return this.pages("getArtistFans", () => this.getArtistFans(artistId, options), options);
  }

  /** Artists similar to this one. `GET /artist/{artistId}/related`. No permission. Cached: popularity. */
  async getSimilarArtists(
    artistId: DeezerId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Artist>>> {
    return this.get("getSimilarArtists", `/artist/${id("artistId", artistId)}/related`, options, {
      ttl: "popularity",
      page: true,
    });
  }

  /** Iterates {@link getSimilarArtists} across pages. */
  iterSimilarArtists(
    artistId: DeezerId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Artist>, DeepReadonly<DeezerPage<Artist>>> {
    return this.pages("getSimilarArtists", () => this.getSimilarArtists(artistId, options), options);
  }

  /** Tracks of the artist's radio (random each time). `GET /artist/{artistId}/radio`. No permission. Not cached. */
  async getArtistRadioTracks(
    artistId: DeezerId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Track>>> {
    return this.get("getArtistRadioTracks", `/artist/${id("artistId", artistId)}/radio`, options, {
      page: true,
    });
  }

  /** Iterates {@link getArtistRadioTracks} across pages. */
  iterArtistRadioTracks(
    artistId: DeezerId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Track>, DeepReadonly<DeezerPage<Track>>> {
    return this.pages("getArtistRadioTracks", () => this.getArtistRadioTracks(artistId, options), options);
  }

  /** Playlists featuring the artist. `GET /artist/{artistId}/playlists`. No permission. Cached: daily. */
  async getArtistPlaylists(
    artistId: DeezerId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Playlist>>> {
    return this.get("getArtistPlaylists", `/artist/${id("artistId", artistId)}/playlists`, options, {
      ttl: "daily",
      page: true,
    });
  }

  /** Iterates {@link getArtistPlaylists} across pages. */
  iterArtistPlaylists(
    artistId: DeezerId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Playlist>, DeepReadonly<DeezerPage<Playlist>>> {
    return this.pages("getArtistPlaylists", () => this.getArtistPlaylists(artistId, options), options);
  }

  /**
   * Comments on the artist. `GET /artist/{artistId}/comments`. No permission. Cached: popularity.
   */
  async getArtistComments(
    artistId: DeezerId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Comment>>> {
    return this.get("getArtistComments", `/artist/${id("artistId", artistId)}/comments`, options, {
      ttl: "popularity",
      page: true,
    });
  }

  /** Iterates {@link getArtistComments} across pages. */
  iterArtistComments(
    artistId: DeezerId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Comment>, DeepReadonly<DeezerPage<Comment>>> {
    return this.pages("getArtistComments", () => this.getArtistComments(artistId, options), options);
  }

  /**
   * Top artists; same as `charts.getTopArtists`. `GET /chart/{genreId}/artists` (genre 0 by default).
   * No permission. Cached: popularity.
   */
  async getTopArtists(options?: ChartOptions): Promise<DeepReadonly<DeezerPage<Artist>>> {
    return this.core.charts.getTopArtists(via(options, "artists.getTopArtists"));
  }

  /** Iterates {@link getTopArtists} across pages. */
  iterTopArtists(
    options?: ChartOptions,
  ): PageIterator<DeepReadonly<Artist>, DeepReadonly<DeezerPage<Artist>>> {
    return this.core.charts.iterTopArtists(via(options, "artists.getTopArtists"));
  }

  /** The user's favourite artists; same as `users.getUserFollowedArtists`. `GET /user/{userId}/artists`. Public with an explicit id; `"me"` needs a user. Cached: user. */
  async getUserFollowedArtists(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Artist>>> {
    return this.core.users.getUserFollowedArtists(userId, via(options, "artists.getUserFollowedArtists"));
  }

  /** Iterates {@link getUserFollowedArtists} across pages. */
  iterUserFollowedArtists(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Artist>, DeepReadonly<DeezerPage<Artist>>> {
    return this.core.users.iterUserFollowedArtists(userId, via(options, "artists.getUserFollowedArtists"));
  }

  /** Follows artists; same as `users.followArtists`. `POST /user/{userId}/artists`. Permission: manage_library. Not cached. */
  async followArtists(artistIds: DeezerIdList, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.followArtists(artistIds, via(options, "artists.followArtists"));
  }

  /**
   * Unfollows an artist; same as `users.unfollowArtist`. `DELETE /user/{userId}/artists`.
   * Permissions: delete_library, manage_library. Not cached.
   */
  async unfollowArtist(artistId: DeezerId, options?: UserOptions): Promise<DeepReadonly<ActionResult>> {
    return this.core.users.unfollowArtist(artistId, via(options, "artists.unfollowArtist"));
  }

  /** The user's most played artists; same as `users.getUserTopArtists`. `GET /user/{userId}/charts/artists`. Auth. Cached: popularity. */
  async getUserTopArtists(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<ChecksummedPage<Artist>>> {
    return this.core.users.getUserTopArtists(userId, via(options, "artists.getUserTopArtists"));
  }

  /** Iterates {@link getUserTopArtists} across pages. */
  iterUserTopArtists(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Artist>, DeepReadonly<DeezerPage<Artist>>> {
    return this.core.users.iterUserTopArtists(userId, via(options, "artists.getUserTopArtists"));
  }

  /**
   * Recommended artists; same as `users.getUserArtistRecommendations`.
   * `GET /user/{userId}/recommendations/artists`. Auth. Not cached.
   */
  async getUserArtistRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): Promise<DeepReadonly<DeezerPage<Artist>>> {
    return this.core.users.getUserArtistRecommendations(
      userId,
      via(options, "artists.getUserArtistRecommendations"),
    );
  }

  /** Iterates {@link getUserArtistRecommendations} across pages. */
  iterUserArtistRecommendations(
    userId?: UserId,
    options?: PageOptions,
  ): PageIterator<DeepReadonly<Artist>, DeepReadonly<DeezerPage<Artist>>> {
    return this.core.users.iterUserArtistRecommendations(
      userId,
      via(options, "artists.getUserArtistRecommendations"),
    );
  }
}
