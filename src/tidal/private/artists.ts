/**
 * Artists: metadata, albums, biography, links, mix, top tracks, videos, similar artists, and collection
 * wrappers.
 */
import type { PageIterator } from "../../core/pagination.js";
import { oneOf } from "../../core/validate.js";
import { offsetPages, TidalResource, via } from "../core.js";
import { catalogId, missingOk, offset, offsetLimit, optionalCountry } from "../params.js";
import type { TidalAlbum, AlbumFilter } from "../types/album.js";
import type { TidalArtist, ArtistLink, ArtistLinksPage } from "../types/artist.js";
import type { EditorialText, IdAnswer, OffsetPage, TidalId, TidalIdList } from "../types/common.js";
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

function countryPage(options: CountryPageOptions) {
  return {
    countryCode: optionalCountry(options.countryCode),
    limit: offsetLimit(options.limit),
    offset: offset(options.offset),
  };
}

/** Artists API endpoints of the private TIDAL API. */
export class PrivateArtistsAPI extends TidalResource {
  protected readonly group = "artists";

  /** An artist. `GET /v1/artists/{artist_id}`. No scope. Cached "popularity". */
  getArtist(artistId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<TidalArtist>> {
    return this.get("getArtist", options, `/v1/artists/${catalogId("artistId", artistId)}`, {
      query: { countryCode: optionalCountry(options.countryCode) },
      country: true,
      ttl: "popularity",
    });
  }

  /**
   * An artist's albums, or its compilations or EPs and singles. `GET /v1/artists/{artist_id}/albums`. No
   * scope.
   * Cached "popularity".
   */
  getArtistAlbums(
    artistId: TidalId,
    options: ArtistAlbumsOptions = {},
  ): Promise<DeepReadonly<OffsetPage<TidalAlbum>>> {
    const filter =
      options.albumType === undefined || options.albumType === null
        ? undefined
        : oneOf("albumType", options.albumType, ALBUM_FILTERS);
    return this.get("getArtistAlbums", options, `/v1/artists/${catalogId("artistId", artistId)}/albums`, {
      query: { filter, ...countryPage(options) },
      country: true,
      ttl: "popularity",
    });
  }

  /**
   * Every album of an artist, page by page. `GET /v1/artists/{artist_id}/albums`. No scope. Cached
   * "popularity".
   */
  iterArtistAlbums(
    artistId: TidalId,
    options: ArtistAlbumsOptions = {},
  ): PageIterator<DeepReadonly<TidalAlbum>, DeepReadonly<OffsetPage<TidalAlbum>>> {
    return offsetPages(options, (page) => this.getArtistAlbums(artistId, page));
  }

  /** An artist's biography. `GET /v1/artists/{artist_id}/bio`. No scope. Cached "static". */
  getArtistBiography(artistId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<EditorialText>> {
    return this.get("getArtistBiography", options, `/v1/artists/${catalogId("artistId", artistId)}/bio`, {
      query: { countryCode: optionalCountry(options.countryCode) },
      country: true,
      ttl: "static",
    });
  }

  /** Links to an artist's websites. `GET /v1/artists/{artist_id}/links`. No scope. Cached "static". */
  getArtistLinks(
    artistId: TidalId,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<ArtistLinksPage>> {
    return this.get("getArtistLinks", options, `/v1/artists/${catalogId("artistId", artistId)}/links`, {
      query: countryPage(options),
      country: true,
      ttl: "static",
    });
  }

  /**
   * Every link of an artist, page by page. `GET /v1/artists/{artist_id}/links`. No scope. Cached "static".
   */
  iterArtistLinks(
    artistId: TidalId,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<ArtistLink>, DeepReadonly<ArtistLinksPage>> {
    return offsetPages(options, (page) => this.getArtistLinks(artistId, page));
  }

  /** The id of an artist's mix. `GET /v1/artists/{artist_id}/mix`. No scope. Cached "static". */
  getArtistMixId(artistId: TidalId, options: CountryOptions = {}): Promise<DeepReadonly<IdAnswer>> {
    return this.get("getArtistMixId", options, `/v1/artists/${catalogId("artistId", artistId)}/mix`, {
      query: { countryCode: optionalCountry(options.countryCode) },
      country: true,
      ttl: "static",
    });
  }

  /**
   * The tracks of an artist's mix (the legacy radio). `GET /v1/artists/{artist_id}/radio`. No scope. Cached
   * "popularity".
   */
  getArtistMix(
    artistId: TidalId,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<TidalTrack>>> {
    return this.get("getArtistMix", options, `/v1/artists/${catalogId("artistId", artistId)}/radio`, {
      query: countryPage(options),
      country: true,
      ttl: "popularity",
    });
  }

  /**
   * Every track of an artist's mix, page by page. `GET /v1/artists/{artist_id}/radio`. No scope. Cached
   * "popularity".
   */
  iterArtistMix(
    artistId: TidalId,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<TidalTrack>, DeepReadonly<OffsetPage<TidalTrack>>> {
    return offsetPages(options, (page) => this.getArtistMix(artistId, page));
  }

  /**
   * An artist's most popular tracks. `GET /v1/artists/{artist_id}/toptracks`. No scope. Cached "popularity".
   */
  getArtistTopTracks(
    artistId: TidalId,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<TidalTrack>>> {
    return this.get(
      "getArtistTopTracks",
      options,
      `/v1/artists/${catalogId("artistId", artistId)}/toptracks`,
      {
        query: countryPage(options),
        country: true,
        ttl: "popularity",
      },
    );
  }

  /**
   * Every top track of an artist, page by page. `GET /v1/artists/{artist_id}/toptracks`. No scope. Cached
   * "popularity".
   */
  iterArtistTopTracks(
    artistId: TidalId,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<TidalTrack>, DeepReadonly<OffsetPage<TidalTrack>>> {
    return offsetPages(options, (page) => this.getArtistTopTracks(artistId, page));
  }

  /** An artist's videos. `GET /v1/artists/{artist_id}/videos`. No scope. Cached "popularity". */
  getArtistVideos(
    artistId: TidalId,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<TidalVideo>>> {
    return this.get("getArtistVideos", options, `/v1/artists/${catalogId("artistId", artistId)}/videos`, {
      query: countryPage(options),
      country: true,
      ttl: "popularity",
    });
  }

  /**
   * Every video of an artist, page by page. `GET /v1/artists/{artist_id}/videos`. No scope. Cached
   * "popularity".
   */
  iterArtistVideos(
    artistId: TidalId,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<TidalVideo>, DeepReadonly<OffsetPage<TidalVideo>>> {
    return offsetPages(options, (page) => this.getArtistVideos(artistId, page));
  }

  /** Artists similar to an artist. `GET /v1/artists/{artist_id}/similar`. No scope. Cached "popularity". */
  getSimilarArtists(
    artistId: TidalId,
    options: CountryPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<TidalArtist> & { source?: string }>> {
    return this.get("getSimilarArtists", options, `/v1/artists/${catalogId("artistId", artistId)}/similar`, {
      query: countryPage(options),
      country: true,
      ttl: "popularity",
    });
  }

  /**
   * Every similar artist, page by page. `GET /v1/artists/{artist_id}/similar`. No scope. Cached "popularity".
   */
  iterSimilarArtists(
    artistId: TidalId,
    options: CountryPageOptions = {},
  ): PageIterator<DeepReadonly<TidalArtist>, DeepReadonly<OffsetPage<TidalArtist>>> {
    return offsetPages(options, (page) => this.getSimilarArtists(artistId, page));
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
  ): Promise<DeepReadonly<OffsetPage<BlockedItem<TidalArtist>>>> {
    return this.core.users.getUserBlockedArtists(userId, via(options, "artists.getUserBlockedArtists"));
  }

  /**
   * Every blocked artist, page by page. `GET /v1/users/{user_id}/blocks/artists`. Needs a user. Cached
   * "user".
   */
  iterUserBlockedArtists(
    userId?: TidalId | null,
    options: OffsetOptions = {},
  ): PageIterator<
    DeepReadonly<BlockedItem<TidalArtist>>,
    DeepReadonly<OffsetPage<BlockedItem<TidalArtist>>>
  > {
    return this.core.users.iterUserBlockedArtists(userId, via(options, "artists.getUserBlockedArtists"));
  }

  /**
   * Blocks an artist; same as `users.blockArtist`. `POST /v1/users/{user_id}/blocks/artists`. Needs a user.
   */
  blockArtist(artistId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.blockArtist(artistId, via(options, "artists.blockArtist"));
  }

  /**
   * Unblocks an artist; same as `users.unblockArtist`. `DELETE
   * /v1/users/{user_id}/blocks/artists/{artist_id}`.
   * Needs a user.
   */
  unblockArtist(artistId: TidalId, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.unblockArtist(artistId, via(options, "artists.unblockArtist"));
  }

  /**
   * Followed artists; same as `users.getUserFollowedArtists`. `GET /v1/users/{user_id}/favorites/artists`.
   * Needs
   * a user. Cached "user".
   */
  getUserFollowedArtists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): Promise<DeepReadonly<OffsetPage<SavedItem<TidalArtist>>>> {
    return this.core.users.getUserFollowedArtists(userId, via(options, "artists.getUserFollowedArtists"));
  }

  /**
   * Every followed artist, page by page. `GET /v1/users/{user_id}/favorites/artists`. Needs a user. Cached
   * "user".
   */
  iterUserFollowedArtists(
    userId?: TidalId | null,
    options: SortedPageOptions = {},
  ): PageIterator<DeepReadonly<SavedItem<TidalArtist>>, DeepReadonly<OffsetPage<SavedItem<TidalArtist>>>> {
    return this.core.users.iterUserFollowedArtists(userId, via(options, "artists.getUserFollowedArtists"));
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
   * Unfollows artists; same as `users.unfollowArtists`. `DELETE
   * /v1/users/{user_id}/favorites/artists/{artist_ids}`.
   * Needs a user.
   */
  unfollowArtists(artistIds: TidalIdList, options: TidalUserOptions = {}): Promise<void> {
    return this.core.users.unfollowArtists(artistIds, via(options, "artists.unfollowArtists"));
  }
}
