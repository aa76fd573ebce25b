/** Argument checks of the Deezer endpoint methods: each returns the value as it goes on the wire. */
import type { QueryParams } from "../core/transport.js";
import { deezerId, deezerIdList, nonBlankString } from "../core/validate.js";
import type { DeezerIdList, UserId } from "./types/common.js";

/** Checks a single Deezer id (never `"me"`) for the path or query. */
export function id(name: string, value: unknown): string {
  return deezerId(name, value);
}

/** Checks a user id; `"me"` (the default) is sent literally and Deezer resolves it from the token. */
export function user(value: UserId | undefined, name = "userId"): string {
  return deezerId(name, value ?? "me", { allowMe: true });
}

/** Checks a list of ids and names the parameter singular for one id, plural for more (as Deezer expects). */
export function ids(
  singular: string,
  plural: string,
  name: string,
  value: DeezerIdList | undefined,
): QueryParams {
  const list = deezerIdList(name, value);
  return { [list.count === 1 ? singular : plural]: list.joined };
}

/** Checks a list of ids for a parameter whose name does not change with the count. */
export function idList(name: string, value: DeezerIdList | undefined): string {
  return deezerIdList(name, value).joined;
}

/** Checks a required text argument (a title, a comment, a query) and trims it. */
export function requiredText(name: string, value: unknown): string {
  return nonBlankString(name, value);
}
