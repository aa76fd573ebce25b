import type { RequestOptions } from "../../core/api-client.js";
import { via } from "../../core/resource.js";
import { DeezerResource } from "../endpoint.js";
import { id } from "../params.js";
import type { ChartOptions, PageOptions, UserOptions } from "../options.js";
import type { Album } from "../types/album.js";
import type { Artist } from "../types/artist.js";
import type { Comment } from "../types/comment.js";
import type {
  ActionResult,
  ChecksummedPage,
  DeezerId,
  DeezerIdList,
  DeezerPages,
  UserId,
} from "../types/common.js";
import type { Playlist } from "../types/playlist.js";
import type { Track } from "../types/track.js";
import type { User } from "../types/user.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** Artists, and the artist parts of the charts and of a user's library. */
export class ArtistsAPI extends DeezerResource {
  protected readonly group = "artists";

  /** An artist. `GET /artist/{artistId}`. No permission. Cached: popularity. */
  async getArtist(artistId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<Artist>> {
    return this.get("getArtist", `/artist/${id("artistId", artistId)}`, options, { ttl: "popularity" });
  }

  /** The artist's most popular tracks. `GET /artist/{artistId}/top`. No permission. Cached: popularity. */
  getArtistTopTracks(artistId: DeezerId, options?: PageOptions): DeezerPages<Track> {
    return this.list("getArtistTopTracks", `/artist/${id("artistId", artistId)}/top`, options, {
      ttl: "popularity",
    });
  }

  /** The artist's albums. `GET /artist/{artistId}/albums`. No permission. Cached: popularity. */
  getArtistAlbums(artistId: DeezerId, options?: PageOptions): DeezerPages<Album> {
    return this.list("getArtistAlbums", `/artist/${id("artistId", artistId)}/albums`, options, {
      ttl: "popularity",
    });
  }

  /** Users who follow the artist. `GET /artist/{artistId}/fans`. No permission. Cached: popularity. */
  getArtistFans(artistId: DeezerId, options?: PageOptions): DeezerPages<User> {
    return this.list("getArtistFans", `/artist/${id("artistId", artistId)}/fans`, options, {
      ttl: "popularity",
    });
  }

  /** Artists similar to this one. `GET /artist/{artistId}/related`. No permission. Cached: popularity. */
  getSimilarArtists(artistId: DeezerId, options?: PageOptions): DeezerPages<Artist> {
    return this.list("getSimilarArtists", `/artist/${id("artistId", artistId)}/related`, options, {
      ttl: "popularity",
    });
  }

  /** Tracks of the artist's radio (random each time). `GET /artist/{artistId}/radio`. No permission. Not cached. */
  getArtistRadioTracks(artistId: DeezerId, options?: PageOptions): DeezerPages<Track> {
    return this.list("getArtistRadioTracks", `/artist/${id("artistId", artistId)}/radio`, options);
  }

  /** Playlists featuring the artist. `GET /artist/{artistId}/playlists`. No permission. Cached: daily. */
  getArtistPlaylists(artistId: DeezerId, options?: PageOptions): DeezerPages<Playlist> {
    return this.list("getArtistPlaylists", `/artist/${id("artistId", artistId)}/playlists`, options, {
      ttl: "daily",
    });
  }

  /** Comments on the artist. `GET /artist/{artistId}/comments`. No permission. Cached: popularity. */
  getArtistComments(artistId: DeezerId, options?: PageOptions): DeezerPages<Comment> {
    return this.list("getArtistComments", `/artist/${id("artistId", artistId)}/comments`, options, {
      ttl: "popularity",
    });
  }

  /**
   * Top artists; same as `charts.getTopArtists`. `GET /chart/{genreId}/artists` (genre 0 by default).
   * No permission. Cached: popularity.
   */
  getTopArtists(options?: ChartOptions): DeezerPages<Artist> {
    return this.core.charts.getTopArtists(via(options, "artists.getTopArtists"));
  }

  /** The user's favourite artists; same as `users.getUserFollowedArtists`. `GET /user/{userId}/artists`. Public with an explicit id; `"me"` needs a user. Cached: user. */
  getUserFollowedArtists(
    userId?: UserId,
    options?: PageOptions,
  ): DeezerPages<Artist, ChecksummedPage<Artist>> {
    return this.core.users.getUserFollowedArtists(userId, via(options, "artists.getUserFollowedArtists"));
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
  getUserTopArtists(userId?: UserId, options?: PageOptions): DeezerPages<Artist, ChecksummedPage<Artist>> {
    return this.core.users.getUserTopArtists(userId, via(options, "artists.getUserTopArtists"));
  }

  /**
   * Recommended artists; same as `users.getUserArtistRecommendations`.
   * `GET /user/{userId}/recommendations/artists`. Auth. Not cached.
   */
  getUserArtistRecommendations(userId?: UserId, options?: PageOptions): DeezerPages<Artist> {
    return this.core.users.getUserArtistRecommendations(
      userId,
      via(options, "artists.getUserArtistRecommendations"),
    );
  }
}
