import type { Pictures } from "./common.js";

/** The account that wrote a comment (a simplified user). */
export interface CommentAuthor extends Pictures {
  id: number;
  name: string;
  link?: string;
  tracklist?: string;
  type?: "user";
}

/** What a comment was written on. */
export interface CommentTarget {
  id: number;
  /** `album`, `artist` or `playlist` (Deezer may add other kinds). */
  type: string;
}

/** A comment on an album, artist or playlist. `GET /comment/{id}`, and the `comments` lists of those objects. */
export interface Comment {
  id: number;
  text: string;
  /** When it was written, in Unix seconds. */
  date: number;
  author: CommentAuthor;
  /** Present on `GET /comment/{id}`; the lists leave it out (the list's owner is the target). */
  object?: CommentTarget;
  type: "comment";
}
