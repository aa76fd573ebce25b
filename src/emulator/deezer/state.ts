/**
 * The mutable per-run state of the Deezer emulator: the catalogue (read-only after seeding), playlists, every
 * account's library, and the OAuth side (applications, authorization codes, access tokens). Route modules read and
 * write it; tests read it through {@link DeezerEmulator.state}.
 */
import { createSeed, emptyLibrary } from "./data.js";
import type {
  AlbumSeed,
  ArtistSeed,
  CommentSeed,
  DeezerSeed,
  EditorialSeed,
  EpisodeSeed,
  GenreSeed,
  LibrarySeed,
  Permission,
  PersonalSongSeed,
  PlaylistSeed,
  PlaylistTrackSeed,
  PodcastSeed,
  RadioSeed,
  TrackSeed,
  UserSeed,
} from "./data.js";

export type PlaylistState = Omit<PlaylistSeed, "tracks"> & { tracks: PlaylistTrackSeed[] };
export type PersonalSongState = PersonalSongSeed;

/** One listened track, newest first in {@link LibraryState.history}. */
export interface Play {
  trackId: number;
  /** Unix seconds. */
  timestamp: number;
}

export interface Bookmark {
  /** Resume point as Deezer receives it (`offset`, a percentage of the episode). */
  offset: number;
  /** Unix seconds of the last change. */
  updatedAt: number;
}

export interface Notification {
  message: string;
  /** Unix seconds. */
  sentAt: number;
}

/** Favourites map an ID to the Unix second it was added, in the order they were added. */
export interface LibraryState {
  albums: Map<number, number>;
  artists: Map<number, number>;
  tracks: Map<number, number>;
  /** Followed playlists of other users. */
  playlists: Map<number, number>;
  podcasts: Map<number, number>;
  radios: Map<number, number>;
  followings: Map<number, number>;
  history: Play[];
  flow: number[];
  charts: LibrarySeed["charts"];
  recommendations: LibrarySeed["recommendations"];
  bookmarks: Map<number, Bookmark>;
  notifications: Notification[];
  /** Playlists marked seen (`POST /playlist/{id}/seen`), with the Unix second. */
  seenPlaylists: Map<number, number>;
  /** Album ratings (`POST /album/{id}?note=`), by album ID. */
  albumRatings: Map<number, AlbumRating>;
}

export interface AlbumRating {
  /** 1 to 5. */
  note: number;
  /** Unix seconds of the last rating. */
  ratedAt: number;
}

export type FavouriteKind = "albums" | "artists" | "tracks" | "playlists" | "podcasts" | "radios";

export interface TokenRecord {
  token: string;
  userId: number;
  appId: string;
  permissions: Set<Permission>;
  /** Unix milliseconds. */
  issuedAt: number;
  /** Unix milliseconds; `null` never expires. */
  expiresAt: number | null;
}

export interface AuthorizationCode {
  code: string;
  appId: string;
  userId: number;
  permissions: Set<Permission>;
  redirectUri: string;
  /** Unix milliseconds. */
  expiresAt: number;
}

function library(seed: LibrarySeed): LibraryState {
  return {
    albums: new Map(seed.albums),
    artists: new Map(seed.artists),
    tracks: new Map(seed.tracks),
    playlists: new Map(seed.playlists),
    podcasts: new Map(seed.podcasts),
    radios: new Map(seed.radios),
    followings: new Map(seed.followings),
    history: seed.history.map(([trackId, timestamp]) => ({ trackId, timestamp })),
    flow: [...seed.flow],
    charts: seed.charts,
    recommendations: seed.recommendations,
    bookmarks: new Map(),
    notifications: [],
    seenPlaylists: new Map(),
    albumRatings: new Map(),
  };
}

export class DeezerState {
  readonly seed: DeezerSeed;
  readonly mainUserId: number;
  readonly genres = new Map<number, GenreSeed>();
  readonly editorials = new Map<number, EditorialSeed>();
  readonly artists = new Map<number, ArtistSeed>();
  readonly albums = new Map<number, AlbumSeed>();
  readonly albumsByUpc = new Map<string, AlbumSeed>();
  readonly tracks = new Map<number, TrackSeed>();
  readonly tracksByIsrc = new Map<string, TrackSeed>();
  readonly users = new Map<number, UserSeed>();
  readonly podcasts = new Map<number, PodcastSeed>();
  readonly episodes = new Map<number, EpisodeSeed>();
  readonly radios = new Map<number, RadioSeed>();
  readonly playlists = new Map<number, PlaylistState>();
  readonly personalSongs = new Map<number, PersonalSongState>();
  readonly libraries = new Map<number, LibraryState>();
  readonly comments = new Map<number, CommentSeed>();
  /** Application ID → secret. */
  readonly apps = new Map<string, string>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly codes = new Map<string, AuthorizationCode>();
  nextPlaylistId = 880101;

  constructor() {
    const seed = createSeed();
    this.seed = seed;
    this.mainUserId = seed.mainUserId;
    for (const g of seed.genres) this.genres.set(g.id, g);
    for (const e of seed.editorials) this.editorials.set(e.id, e);
    for (const a of seed.artists) this.artists.set(a.id, a);
    for (const a of seed.albums) {
      this.albums.set(a.id, a);
      this.albumsByUpc.set(a.upc, a);
    }
    for (const t of seed.tracks) {
      this.tracks.set(t.id, t);
      this.tracksByIsrc.set(t.isrc, t);
    }
    for (const u of seed.users) this.users.set(u.id, u);
    for (const p of seed.podcasts) this.podcasts.set(p.id, p);
    for (const e of seed.episodes) this.episodes.set(e.id, e);
    for (const r of seed.radios) this.radios.set(r.id, r);
    for (const p of seed.playlists)
      this.playlists.set(p.id, { ...p, tracks: p.tracks.map((t) => ({ ...t })) });
    for (const s of seed.personalSongs) this.personalSongs.set(s.id, { ...s });
    for (const l of seed.libraries) this.libraries.set(l.userId, library(l));
    for (const c of seed.comments) this.comments.set(c.id, c);
  }

  /** The library of an account (created empty the first time for an account without one). */
  library(userId: number): LibraryState {
    let lib = this.libraries.get(userId);
    if (!lib) {
      lib = library(emptyLibrary(userId));
      this.libraries.set(userId, lib);
    }
    return lib;
  }

  /** Albums an artist leads or co-leads, newest first (the order of `GET /artist/{id}/albums`). */
  albumsOfArtist(artistId: number): AlbumSeed[] {
    return [...this.albums.values()]
      .filter((a) => a.contributors.some((c) => c.artistId === artistId))
      .sort((a, b) => b.releaseDate.localeCompare(a.releaseDate) || a.id - b.id);
  }

  /** Tracks an artist appears on (main or featured), most popular first. */
  tracksOfArtist(artistId: number): TrackSeed[] {
    return [...this.tracks.values()]
      .filter((t) => t.contributors.some((c) => c.artistId === artistId))
      .sort((a, b) => b.rank - a.rank || a.id - b.id);
  }

  /** Tracks of a genre (0 = all), most popular first. */
  tracksOfGenre(genreId: number): TrackSeed[] {
    return [...this.tracks.values()]
      .filter((t) => genreId === 0 || this.albums.get(t.albumId)?.genreId === genreId)
      .sort((a, b) => b.rank - a.rank || a.id - b.id);
  }

  /** Accounts whose favourites of `kind` contain `id`, in account order. */
  fansOf(kind: FavouriteKind, id: number): number[] {
    const fans: number[] = [];
    for (const [userId, lib] of this.libraries) if (lib[kind].has(id)) fans.push(userId);
    return fans;
  }

  followersOf(userId: number): number[] {
    const followers: number[] = [];
    for (const [id, lib] of this.libraries) if (lib.followings.has(userId)) followers.push(id);
    return followers;
  }

  /** Comments on one object, newest first. */
  commentsOn(type: CommentSeed["object"]["type"], id: number): CommentSeed[] {
    return [...this.comments.values()]
      .filter((c) => c.object.type === type && c.object.id === id)
      .sort((a, b) => b.date - a.date || b.id - a.id);
  }

  playlistsOwnedBy(userId: number): PlaylistState[] {
    return [...this.playlists.values()].filter((p) => p.ownerId === userId);
  }
}
