import type { Pictures } from "./common.js";

/** An editorial (a curated section of Deezer, one per genre; 0 is "All"). */
export interface Editorial extends Pictures {
  id: number;
  name: string;
  type: "editorial";
}
