/**
 * A catalogue item found by a code (ISRC, barcode) on TIDAL's openapi v2 host, whose answer is JSON:API. The
 * resource's attributes are kept as sent, beside the numeric id the private API's methods take.
 */
export interface CatalogueMatch<Attributes> {
  /** The id `tracks.getTrack` / `albums.getAlbum` take. */
  id: number;
  /** `tracks` or `albums`. */
  type: string;
  attributes: Attributes;
}

/** What the openapi host tells about a track (the fields a match is usually judged by). */
export interface TrackMatchAttributes {
  title: string;
  isrc: string;
  version?: string | null;
  /** ISO-8601 duration (`PT4M27S`). */
  duration?: string;
  explicit?: boolean;
  [field: string]: unknown;
}

/** What the openapi host tells about an album. */
export interface AlbumMatchAttributes {
  title: string;
  barcodeId: string;
  numberOfItems?: number;
  releaseDate?: string;
  explicit?: boolean;
  [field: string]: unknown;
}

export type TrackMatch = CatalogueMatch<TrackMatchAttributes>;
export type AlbumMatch = CatalogueMatch<AlbumMatchAttributes>;
