/**
 * Building blocks shared by the private TIDAL API's answers. Field lists follow the response samples of
 * test/data/tidal-private.endpoints.json and the recorded bodies in test/fixtures/tidal/yambs; fields the
 * service leaves out or sets to null in some answers are optional or nullable.
 */
import type { PagePromise, TidalCursorPage, TidalOffsetPage } from "../../core/pagination.js";
import type { DeepReadonly } from "../../core/readonly.js";

/** A numeric catalogue id, as a number or a string of digits. */
export type TidalId = number | string;

/** One id or several: a number, a comma-separated string, or a list. */
export type TidalIdList = TidalId | Iterable<TidalId>;

/** Device types the page endpoints lay pages out for. */
export type DeviceType = "BROWSER" | "DESKTOP" | "PHONE" | "TV";

/** `includeOnly` values of the my-collection playlist lists. */
export type PlaylistType = "FOLDER" | "PLAYLIST" | "FAVORITE_PLAYLIST" | "USER_PLAYLIST";

/** `order` of collection lists. */
export type SortOrder = "DATE" | "NAME";

/** What to do with ids the catalogue does not know (`onArtifactNotFound`). */
export type OnMissing = "FAIL" | "SKIP";

/** A v1 list page; `totalNumberOfItems` is a hint (region filtering shortens lists). */
export type OffsetPage<T> = TidalOffsetPage<T>;

/** A v2 list page; `cursor` is null or absent on the last page. */
export type CursorPage<T> = TidalCursorPage<T> & { lastModifiedAt?: string; totalNumberOfItems?: number };

/**
 * What an offset-paged list method returns: `await` it for the first page (`P`), or iterate it with
 * `for await` for every item from the options' `offset` on.
 */
export type OffsetPages<T, P extends OffsetPage<T> = OffsetPage<T>> = PagePromise<
  DeepReadonly<P>,
  DeepReadonly<T>
>;

/**
 * What a cursor-paged list method returns: `await` it for the first page (`P`), or iterate it with
 * `for await` for every item from the options' `cursor` on.
 */
export type CursorPages<T, P extends CursorPage<T> = CursorPage<T>> = PagePromise<
  DeepReadonly<P>,
  DeepReadonly<T>
>;

/** The short artist object embedded in albums, tracks and videos. */
export interface ArtistRef {
  id: number;
  name: string;
  /** `MAIN`, `FEATURED`, … */
  type: string;
  picture: string | null;
  handle?: string | null;
}

/** The short album object embedded in tracks and videos. */
export interface AlbumRef {
  id: number;
  title: string;
  cover: string | null;
  vibrantColor: string | null;
  videoCover: string | null;
  releaseDate?: string;
  url?: string;
}

export interface MediaMetadata {
  tags: string[];
}

/**
 * A credited person; `id` is missing for people without an artist page (test/fixtures/tidal/yambs/credits_*).
 */
export interface Contributor {
  name: string;
  id?: number;
}

/** One role of a credit list (`Producer`, `Composer`, …). */
export interface CreditGroup {
  type: string;
  contributors: Contributor[];
}

/** A `{id}` answer (the mix of an artist or a track). */
export interface IdAnswer {
  id: string;
}

/** An editorial text (album review, artist biography). */
export interface EditorialText {
  source: string;
  lastUpdated: string;
  text: string;
  summary: string;
}

/** Artwork of a mix in three sizes. */
export interface ImageSet {
  SMALL: ImageRef;
  MEDIUM: ImageRef;
  LARGE: ImageRef;
}

export interface ImageRef {
  width: number;
  height: number;
  url: string;
}
