/**
 * Type tests of what the endpoint methods hand back, checked by `npm run typecheck` (this file is compiled,
 * never run). Answers are deeply frozen by the cache, so changing one must not compile; writes that answer
 * nothing resolve to `void`, so using their result as a value must not compile either. Every
 * `@ts-expect-error` below fails the typecheck the day its line compiles.
 */
import type {
  DeezerAPIClient,
  DeezerPage,
  DeepReadonly,
  MediaItem,
  OffsetPage,
  PagePromise,
  PrivateTIDALAPIClient,
  TidalAlbum,
  Track,
} from "../../src/index.js";

declare const tidal: PrivateTIDALAPIClient;
declare const deezer: DeezerAPIClient;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Resolved<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;
/** The methods of a group that resolve to `unknown` (an answer nobody typed). */
type UntypedMethods<Group> = {
  [K in keyof Group]: Group[K] extends (...args: never[]) => Promise<unknown>
    ? unknown extends Resolved<Group[K]>
      ? K
      : never
    : never;
}[keyof Group];
/** The same over every endpoint group of a client. */
type UntypedEndpoints<Client> = {
  [G in keyof Client]: Client[G] extends (...args: never[]) => unknown ? never : UntypedMethods<Client[G]>;
}[keyof Client];

// No endpoint method of either client resolves to `unknown`.
export const tidalAllTyped: Equal<UntypedEndpoints<PrivateTIDALAPIClient>, never> = true;
export const deezerAllTyped: Equal<UntypedEndpoints<DeezerAPIClient>, never> = true;

/** What a list method yields in `for await`. */
type Item<F> = F extends (...args: never[]) => AsyncIterable<infer I> ? I : never;
/** The list methods of a group: those whose result is both awaitable and iterable. */
type ListMethods<Group> = {
  [K in keyof Group]: Group[K] extends (...args: never[]) => PromiseLike<unknown> & AsyncIterable<unknown>
    ? K
    : never;
}[keyof Group];
/** The list methods of a group whose awaited page holds items of another type than the walk yields. */
type MismatchedLists<Group> = {
  [K in keyof Group]: Group[K] extends (...args: never[]) => PagePromise<infer P, infer I>
    ? P extends
        | { readonly data: readonly I[] }
        | { readonly items: readonly I[] }
        // TIDAL's followed-mix ids come under `content`.
        | { readonly content: readonly I[] }
      ? never
      : K
    : never;
}[keyof Group];
type MismatchedEndpoints<Client> = {
  [G in keyof Client]: Client[G] extends (...args: never[]) => unknown ? never : MismatchedLists<Client[G]>;
}[keyof Client];
/** Method names left over from the `iter…` twins the list methods replaced. */
type IterMethods<Client> = {
  [G in keyof Client]: Client[G] extends (...args: never[]) => unknown
    ? never
    : Extract<keyof Client[G], `iter${string}`>;
}[keyof Client];

// A list method is awaitable to its first page and iterable to that page's items, both frozen.
export const deezerPageAwaited: Equal<
  Resolved<DeezerAPIClient["albums"]["getAlbumTracks"]>,
  DeepReadonly<DeezerPage<Track>>
> = true;
export const deezerItemIterated: Equal<
  Item<DeezerAPIClient["albums"]["getAlbumTracks"]>,
  DeepReadonly<Track>
> = true;
export const tidalPageAwaited: Equal<
  Resolved<PrivateTIDALAPIClient["albums"]["getAlbumItems"]>,
  DeepReadonly<OffsetPage<MediaItem>>
> = true;
export const tidalItemIterated: Equal<
  Item<PrivateTIDALAPIClient["albums"]["getAlbumItems"]>,
  DeepReadonly<MediaItem>
> = true;
// A wrapper hands back its target's list unchanged.
export const wrapperIsTheSameList: Equal<
  ReturnType<DeezerAPIClient["albums"]["getTopAlbums"]>,
  ReturnType<DeezerAPIClient["charts"]["getTopAlbums"]>
> = true;
// A user's playlists page carries the list's checksum, as the service sends it (wrapper included).
export const userPlaylistsHaveChecksum: Equal<
  Resolved<DeezerAPIClient["playlists"]["getUserPlaylists"]>["checksum"],
  string | undefined
> = true;
// The checks below see the list methods, wrappers included, and nothing else.
export const albumLists: Equal<
  ListMethods<DeezerAPIClient["albums"]>,
  | "getAlbumFans"
  | "getAlbumTracks"
  | "getAlbumComments"
  | "getTopAlbums"
  | "getUserSavedAlbums"
  | "getUserTopAlbums"
  | "getUserAlbumRecommendations"
  | "getUserReleaseRecommendations"
> = true;
// Over every list method of both clients: the walk yields exactly what the pages hold.
export const tidalListsAgree: Equal<MismatchedEndpoints<PrivateTIDALAPIClient>, never> = true;
export const deezerListsAgree: Equal<MismatchedEndpoints<DeezerAPIClient>, never> = true;
// The list methods themselves are iterable: no `iter…` twin is left on any group.
export const tidalHasNoIterMethods: Equal<IterMethods<PrivateTIDALAPIClient>, never> = true;
export const deezerHasNoIterMethods: Equal<IterMethods<DeezerAPIClient>, never> = true;

// Writes that answer nothing resolve to `void`; a write that creates something answers with it.
export const saveIsVoid: Equal<Resolved<PrivateTIDALAPIClient["users"]["saveAlbums"]>, void> = true;
export const wrapperIsVoid: Equal<Resolved<PrivateTIDALAPIClient["albums"]["saveAlbums"]>, void> = true;
export const editIsVoid: Equal<Resolved<PrivateTIDALAPIClient["playlists"]["addPlaylistItems"]>, void> = true;
export const albumIsReadonly: Equal<
  Resolved<PrivateTIDALAPIClient["albums"]["getAlbum"]>,
  DeepReadonly<TidalAlbum>
> = true;

export async function tidalAnswersAreReadonly(): Promise<string> {
  const album = await tidal.albums.getAlbum(1588184);
  // @ts-expect-error -- a cached answer is frozen
  album.title = "Another title";
  // @ts-expect-error -- and so are the arrays in it
  album.artists.push(album.artists[0]!);
  // @ts-expect-error -- and the objects in those arrays
  album.artists[0]!.name = "Someone else";

  const page = await tidal.albums.getAlbumItems(1588184);
  // @ts-expect-error -- a page's items cannot be cleared
  page.items.length = 0;
  for await (const item of tidal.albums.getAlbumItems(1588184)) {
    // @ts-expect-error -- iterated items come from the same frozen pages
    item.item.title = "";
  }
  for await (const whole of tidal.albums.getAlbumItems(1588184).pages()) {
    // @ts-expect-error -- so are the pages a walk yields
    whole.items.pop();
  }
  const collected = await tidal.albums.getAlbumItems(1588184).toArray(10);
  // @ts-expect-error -- collected items too (the array itself is the caller's)
  collected[0]!.item.title = "";
  collected.length = 0;
  const country = await tidal.getCountryCode();
  // @ts-expect-error -- the client's own endpoint method too
  country.countryCode = "US";
  // Reading is unaffected.
  return `${album.title} ${album.artists.map((artist) => artist.name).join(", ")}`;
}

export async function tidalWritesAreVoid(): Promise<void> {
  // @ts-expect-error -- a write that answers nothing has no value to keep
  const saved: object = await tidal.users.saveTracks([1]);
  // @ts-expect-error -- nor to test
  if (await tidal.playlists.removePlaylistItems("uuid", { itemIndices: [0] })) return;
  // Awaiting a write for its completion is what it is for.
  await tidal.feed.markFeedActivitiesSeen();
  void saved;
  // A created folder is an answer like any other.
  const folder = await tidal.playlists.createFolder({ name: "New" });
  // @ts-expect-error -- read-only as well
  folder.name = "Renamed";
}

export async function deezerAnswersAreReadonly(): Promise<number> {
  const album = await deezer.albums.getAlbum(302127);
  // @ts-expect-error -- a cached answer is frozen
  album.title = "Another title";
  const tracks = await deezer.albums.getAlbumTracks(302127);
  // @ts-expect-error -- a page's data is a read-only array
  tracks.data.push(tracks.data[0]!);
  // @ts-expect-error -- of read-only objects
  tracks.data[0]!.title = "";
  for await (const track of deezer.albums.getAlbumTracks(302127)) {
    // @ts-expect-error -- iterated items come from the same frozen pages
    track.title = "";
  }
  const derived = deezer.albums.getAlbumTracks(302127).then((page) => page.data);
  // @ts-expect-error -- a promise derived with `then` is a plain promise, not a list to walk
  for await (const track of derived) void track;
  const info = await deezer.getCountryInfo();
  // @ts-expect-error -- the client's own endpoint method too
  info.open = false;
  return tracks.data.length;
}
