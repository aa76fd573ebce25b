import type { Pictures } from "./common.js";

/** A podcast (show). */
export interface Podcast extends Pictures {
  id: number;
  title: string;
  type: "podcast";
  description?: string;
  available?: boolean;
  rating?: number;
  fans?: number;
  link?: string;
  share?: string;
  /** In charts: the rank. */
  position?: number;
  time_add?: number;
}

/** A podcast episode. */
export interface Episode extends Pictures {
  id: number;
  title: string;
  type: "episode";
  description?: string;
  available?: boolean;
  release_date?: string;
  /** Length in seconds. */
  duration?: number;
  link?: string;
  share?: string;
  track_token?: string;
  podcast?: Podcast;
}
