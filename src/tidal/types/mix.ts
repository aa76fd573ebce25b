import type { ImageSet } from "./common.js";

/** A mix (track radio, artist radio, personal mixes). */
export interface TidalMix {
  id: string;
  title: string;
  subTitle: string;
  mixType: string;
  images: ImageSet;
  detailImages?: ImageSet;
  master?: boolean;
  titleTextInfo?: { text: string; color: string };
  subTitleTextInfo?: { text: string; color: string };
  shortSubtitle?: string;
  contentBehavior?: string;
  sharingImages?: unknown;
  description?: string;
  dateAdded?: string;
  updated?: string;
}

/** `GET /v2/favorites/mixes/ids`: ids under `content`, not `items`. */
export interface MixIdsPage {
  content: string[];
  cursor: string | null;
}
