import type { OffsetPage } from "./common.js";

/** An artist (`GET /v1/artists/{id}` and every list of artists). */
export interface TidalArtist {
  id: number;
  name: string;
  artistTypes?: string[];
  url?: string;
  picture: string | null;
  selectedAlbumCoverFallback?: string | null;
  popularity?: number;
  artistRoles?: { category: string; categoryId: number }[];
  mixes?: { ARTIST_MIX?: string };
  handle?: string | null;
  userId?: number | null;
  spotlighted?: boolean;
  banner?: string | null;
  type?: string | null;
}

/** A link to one of the artist's websites. */
export interface ArtistLink {
  siteName: string;
  url: string;
}

/** `GET /v1/artists/{id}/links`: a page of links and their source. */
export type ArtistLinksPage = OffsetPage<ArtistLink> & { source?: string };
