import type { Pictures } from "./common.js";

/** A radio (a Deezer-curated endless mix). */
export interface Radio extends Pictures {
  id: number;
  title: string;
  type: "radio";
  description?: string;
  share?: string;
  md5_image?: string;
  tracklist?: string;
  time_add?: number;
}

/** `GET /radio/genres`: radios grouped by genre. */
export interface RadioGroup {
  id: number;
  title: string;
  radios: Radio[];
}
