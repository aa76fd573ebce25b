/**
 * Shapes shared by every Deezer response. Deezer omits fields freely (simplified objects nested in lists carry a
 * handful of keys), so apart from `id` and `type` most fields are optional.
 */
import type { DeezerPage, PagePromise } from "../../core/pagination.js";
import type { DeepReadonly } from "../../core/readonly.js";

export type { DeezerPage } from "../../core/pagination.js";

/**
 * What a paged list method returns: `await` it for the first page (`P`, as Deezer sent it), or iterate it with
 * `for await` for every item of every page, following Deezer's `next` links.
 */
export type DeezerPages<T, P extends DeezerPage<T> = DeezerPage<T>> = PagePromise<
  DeepReadonly<P>,
  DeepReadonly<T>
>;

/** A Deezer id: a number, or a string of digits (negative for user-uploaded tracks). */
export type DeezerId = number | string;

/** A user id, or `"me"` for the account the token belongs to. */
export type UserId = DeezerId | "me";

/** One id, a comma-separated string of ids, or any iterable of ids. */
export type DeezerIdList = DeezerId | Iterable<DeezerId>;

/** A list Deezer answers without paging links (`{ data: [...] }`). */
export interface DeezerList<T> {
  data: T[];
}

/** A page of a user's own list, which Deezer sends with a checksum of the whole list. */
export interface ChecksummedPage<T> extends DeezerPage<T> {
  checksum?: string;
}

/** The answer of most write actions: `true` on success, `false` when Deezer declined (e.g. already followed). */
export type ActionResult = boolean;

/**
 * The answer of the episode bookmark actions. Deezer sends an empty `error` list alongside the result, which is a
 * success, not an error.
 */
export interface BookmarkResult {
  error: unknown[];
  results: boolean;
}

/** Image URLs in every size Deezer renders. */
export interface Pictures {
  picture?: string;
  picture_small?: string;
  picture_medium?: string;
  picture_big?: string;
  picture_xl?: string;
}

/** Cover URLs of an album. */
export interface Covers {
  cover?: string;
  cover_small?: string;
  cover_medium?: string;
  cover_big?: string;
  cover_xl?: string;
}
