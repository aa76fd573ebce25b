/**
 * Artists: metadata, albums, biography, links, mix, top tracks, videos, similar artists, and collection
 * wrappers.
 */
import { via } from "../../core/resource.js";
import { oneOf } from "../../core/validate.js";
import { TidalResource } from "../endpoint.js";
import { catalogId, missingOk } from "../params.js";
import type { TidalAlbum, AlbumFilter } from "../types/album.js";
import type { TidalArtist, ArtistLink, ArtistLinksPage } from "../types/artist.js";
import type {
  EditorialText,
  IdAnswer,
  OffsetPage,
  OffsetPages,
  TidalId,
  TidalIdList,
} from "../types/common.js";
import type { PageLayout } from "../types/page.js";
import type { TidalTrack } from "../types/track.js";
import type { BlockedItem, SavedItem } from "../types/user.js";
import type { TidalVideo } from "../types/video.js";
import type {
  CountryOptions,
  CountryPageOptions,
  OffsetOptions,
  TidalPageOptions,
  SaveWrapperOptions,
  SortedPageOptions,
  TidalUserOptions,
} from "./options.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** `getArtistAlbums` options. */
export interface ArtistAlbumsOptions extends CountryPageOptions {
  /** `COMPILATIONS` or `EPSANDSINGLES` (sent as `filter`); regular albums when omitted. */
  albumType?: AlbumFilter | null | undefined;
}

const ALBUM_FILTERS: readonly AlbumFilter[] = ["COMPILATIONS", "EPSANDSINGLES"];

/** Artists API endpoints of the private TIDAL API. */
export class PrivateArtistsAPI extends TidalResource {
  protected readonly group = "artists";

  /** An artist. `GET /v1/artists/{artist_id}`. No scope. Cached "popularity". */
  getArtist(artistId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<TidalArtist>> {
    return this.get("getArtist", `/v1/artists/${catalogId("artistId", artistId)}`, options, {
      country: true,
      ttl: "popularity",
    });
  }

  /**
   * An artist's albums, or its compilations or EPs and singles. `GET /v1/artists/{artist_id}/albums`. No
   * scope. Cached "popularity".
   */
  getArtistAlbums(artistId: TidalId, options: ArtistAlbumsOptions = {}): OffsetPages<TidalAlbum> {
    const type = options.albumType;
    const filter = type === undefined || type === null ? undefined : oneOf("albumType", type, ALBUM_FILTERS);
    return this.list("getArtistAlbums", `/v1/artists/${catalogId("artistId", artistId)}/albums`, options, {
      // `filter` goes before the derived parameters.
      query: { filter, countryCode: undefined, limit: undefined, offset: undefined },
      country: true,
      page: "offset",
      ttl: "popularity",
    });
  }

  /** An artist's biography. `GET /v1/artists/{artist_id}/bio`. No scope. Cached "static". */
  getArtistBiography(artistId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<EditorialText>> {
    return this.get("getArtistBiography", `/v1/artists/${catalogId("artistId", artistId)}/bio`, options, {
      country: true,
      ttl: "static",
    });
  }

  /** Links to an artist's websites. `GET /v1/artists/{artist_id}/links`. No scope. Cached "static". */
  getArtistLinks(
    artistId: TidalId,
    options: CountryPageOptions = {},
  ): OffsetPages<ArtistLink, ArtistLinksPage> {
    return this.list("getArtistLinks", `/v1/artists/${catalogId("artistId", artistId)}/links`, options, {
      country: true,
      page: "offset",
      ttl: "static",
    });
  }

  /** The id of an artist's mix. `GET /v1/artists/{artist_id}/mix`. No scope. Cached "static". */
  getArtistMixId(artistId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<IdAnswer>> {
    return this.get("getArtistMixId", `/v1/artists/${catalogId("artistId", artistId)}/mix`, options, {
      country: true,
      ttl: "static",
    });
  }

  /**
   * The tracks of an artist's mix (the legacy radio). `GET /v1/artists/{artist_id}/radio`. No scope. Cached
   * "popularity".
   */
  getArtistMix(artistId: TidalId, options: CountryPageOptions = {}): OffsetPages<TidalTrack> {
    return this.list("getArtistMix", `/v1/artists/${catalogId("artistId", artistId)}/radio`, options, {
      country: true,
      page: "offset",
      ttl: "popularity",
    });
  }

  /**
   * An artist's most popular tracks. `GET /v1/artists/{artist_id}/toptracks`. No scope. Cached "popularity".
   */
  getArtistTopTracks(artistId: TidalId, options: CountryPageOptions = {}): OffsetPages<TidalTrack> {
    const path = `/v1/artists/${catalogId("artistId", artistId)}/toptracks`;
    return this.list("getArtistTopTracks", path, options, {
      country: true,
      page: "offset",
      ttl: "popularity",
    });
  }

  /** An artist's videos. `GET /v1/artists/{artist_id}/videos`. No scope. Cached "popularity". */
  getArtistVideos(artistId: TidalId, options: CountryPageOptions = {}): OffsetPages<TidalVideo> {
    return this.list("getArtistVideos", `/v1/artists/${catalogId("artistId", artistId)}/videos`, options, {
      country: true,
      page: "offset",
      ttl: "popularity",
    });
  }

  /** Artists similar to an artist. `GET /v1/artists/{artist_id}/similar`. No scope. Cached "popularity". */
  getSimilarArtists(
    artistId: TidalId,
    options: CountryPageOptions = {},
  ): OffsetPages<TidalArtist, OffsetPage<TidalArtist> & { source?: string }> {
    return this.list("getSimilarArtists", `/v1/artists/${catalogId("artistId", artistId)}/similar`, options, {
      country: true,
      page: "offset",
      ttl: "popularity",
    });
  }

  /** An artist's page; same as `pages.getArtistPage`. `GET /v1/pages/artist`. No scope. Cached "daily". */
  getArtistPage(artistId: TidalId, options: TidalPageOptions = {}): Promise<DeepReadonly<PageLayout>> {
    return this.core.pages.getArtistPage(artistId, via(options, "artists.getArtistPage"));
  }

  /**
   * Blocked artists; same as `users.getUserBlockedArtists`. `GET /v1/users/{user_id}/blocks/artists`. Needs a
   * user. Cached "user".
   */
  getUserBlockedArtists(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): OffsetPages<BlockedItem<TidalArtist>> {
    return this.core.users.getUserBlockedArtists(userId, via(options, "artists.getUserBlockedArtists"));
  }

  /**
   * Blocks an artist; same as `users.blockArtist`. `POST /v1/users/{user_id}/blocks/artists`. Needs a user.
   */
  blockArtist(artistId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.blockArtist(artistId, via(options, "artists.blockArtist"));
  }

  /**
   * Unblocks an artist; same as `users.unblockArtist`.
   * `DELETE /v1/users/{user_id}/blocks/artists/{artist_id}`. Needs a user.
   */
  unblockArtist(artistId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.unblockArtist(artistId, via(options, "artists.unblockArtist"));
  }

  /**
   * Followed artists; same as `users.getUserFollowedArtists`. `GET /v1/users/{user_id}/favorites/artists`.
   * Needs a user. Cached "user".
   */
  getUserFollowedArtists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): OffsetPages<SavedItem<TidalArtist>> {
    return this.core.users.getUserFollowedArtists(userId, via(options, "artists.getUserFollowedArtists"));
  }

  /**
   * Follows artists; `missingOk: true` skips unknown ids. Same as `users.followArtists`.
   * `POST /v1/users/{user_id}/favorites/artists`. Needs a user.
   */
  followArtists(artistIds: TidalIdList, options: SaveWrapperOptions = {}): Promise<void> {
    const { missingOk: skip, ...rest } = options;
    return this.core.users.followArtists(
      artistIds,
      via({ ...rest, onMissing: missingOk(skip) }, "artists.followArtists"),
    );
  }

  /**
   * Unfollows artists; same as `users.unfollowArtists`.
   * `DELETE /v1/users/{user_id}/favorites/artists/{artist_ids}`. Needs a user.
   */
  unfollowArtists(artistIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.unfollowArtists(artistIds, via(options, "artists.unfollowArtists"));
  }
}
