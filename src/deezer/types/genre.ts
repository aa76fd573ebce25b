import type { Pictures } from "./common.js";

/** A music or podcast genre. Genre 0 is "All". */
export interface Genre extends Pictures {
  id: number;
  name: string;
  type: "genre";
}
