/**
 * The emulator's mutable per-run TIDAL state: the catalogue (read-only after seeding), accounts, collections,
 * playlists with their ETags, and the v2 folder tree. Route modules read and write it; tests read it through
 * {@link TidalEmulator.state}.
 */
import { ARTWORK_SIZES, createSeed, emptyCollection } from "./data.js";
import type {
  AlbumSeed,
  ArtistSeed,
  ArtworkKind,
  CollectionSeed,
  FeedActivitySeed,
  FolderSeed,
  MixSeed,
  PlaylistSeed,
  TrackSeed,
  UserSeed,
  VideoSeed,
} from "./data.js";

export interface ArtworkEntry {
  kind: ArtworkKind;
  /** Animated artwork is served as `.mp4` under `/videos/…`; still artwork as `.jpg` under `/images/…`. */
  animated: boolean;
}

export class TidalState {
  readonly artists = new Map<number, ArtistSeed>();
  readonly albums = new Map<number, AlbumSeed>();
  readonly tracks = new Map<number, TrackSeed>();
  readonly videos = new Map<number, VideoSeed>();
  readonly mixes = new Map<string, MixSeed>();
  readonly playlists = new Map<string, PlaylistSeed>();
  readonly users = new Map<number, UserSeed>();
  readonly folders = new Map<string, FolderSeed>();
  readonly collections: Map<number, CollectionSeed>;
  readonly feed: FeedActivitySeed[];
  /** Every artwork UUID the data refers to, with the sizes it may be served in. */
  readonly artwork = new Map<string, ArtworkEntry>();

  constructor() {
    const seed = createSeed();
    for (const a of seed.artists) this.artists.set(a.id, a);
    for (const a of seed.albums) this.albums.set(a.id, a);
    for (const t of seed.tracks) this.tracks.set(t.id, t);
    for (const v of seed.videos) this.videos.set(v.id, v);
    for (const m of seed.mixes) this.mixes.set(m.id, m);
    for (const p of seed.playlists) this.playlists.set(p.uuid, p);
    for (const u of seed.users) this.users.set(u.id, u);
    for (const f of seed.folders) this.folders.set(f.id, f);
    this.collections = seed.collections;
    this.feed = seed.feed;
    for (const a of seed.artists) if (a.picture) this.addArtwork(a.picture, "artist");
    for (const a of seed.albums) {
      this.addArtwork(a.cover, "album");
      if (a.videoCover) this.addArtwork(a.videoCover, "album", true);
    }
    for (const v of seed.videos) this.addArtwork(v.imageId, "video");
    for (const m of seed.mixes) this.addArtwork(m.image, "mix");
    for (const p of seed.playlists) this.registerPlaylistArtwork(p);
    for (const u of seed.users) if (u.picture) this.addArtwork(u.picture, "user");
  }

  addArtwork(uuid: string, kind: ArtworkKind, animated = false): void {
    this.artwork.set(uuid, { kind, animated });
  }

  registerPlaylistArtwork(playlist: PlaylistSeed): void {
    this.addArtwork(playlist.image, "playlist");
    this.addArtwork(playlist.squareImage, "playlist");
  }

  /** Sizes the resources host serves for an artwork UUID (`undefined` when unknown). */
  artworkSizes(uuid: string): readonly string[] | undefined {
    const entry = this.artwork.get(uuid);
    return entry ? ARTWORK_SIZES[entry.kind] : undefined;
  }

  collection(userId: number): CollectionSeed {
    let found = this.collections.get(userId);
    if (!found) {
      found = emptyCollection();
      this.collections.set(userId, found);
    }
    return found;
  }

  albumAvailable(album: AlbumSeed, country: string): boolean {
    return !album.unavailableIn.includes(country);
  }

  trackAvailable(track: TrackSeed, country: string): boolean {
    if (track.unavailableIn.includes(country)) return false;
    const album = this.albums.get(track.albumId);
    return album ? this.albumAvailable(album, country) : true;
  }

  videoAvailable(video: VideoSeed, country: string): boolean {
    return !video.unavailableIn.includes(country);
  }

  /** Every track of an album in volume/track order, regardless of region. */
  albumTracks(albumId: number): TrackSeed[] {
    return [...this.tracks.values()]
      .filter((t) => t.albumId === albumId)
      .sort((a, b) => a.volumeNumber - b.volumeNumber || a.trackNumber - b.trackNumber);
  }

  albumVideos(albumId: number): VideoSeed[] {
    return [...this.videos.values()].filter((v) => v.albumId === albumId);
  }

  artistAlbums(artistId: number): AlbumSeed[] {
    return [...this.albums.values()]
      .filter((a) => a.artists.some((ref) => ref.id === artistId))
      .sort((a, b) => b.releaseDate.localeCompare(a.releaseDate));
  }

  artistTracks(artistId: number): TrackSeed[] {
    return [...this.tracks.values()]
      .filter((t) => t.artists.some((ref) => ref.id === artistId))
      .sort((a, b) => b.popularity - a.popularity || a.id - b.id);
  }

  artistVideos(artistId: number): VideoSeed[] {
    return [...this.videos.values()].filter((v) => v.artists.some((ref) => ref.id === artistId));
  }

  /** The current ETag of a playlist, quoted as the API sends it in the `ETag` header. */
  playlistEtag(playlist: PlaylistSeed): string {
    return `"${playlist.lastUpdated}"`;
  }

  /**
   * Marks a playlist as changed. The ETag is the `lastUpdated` timestamp, bumped by at least one millisecond so
   * two edits within the same millisecond still produce different ETags.
   */
  touchPlaylist(playlist: PlaylistSeed, now: number): void {
    playlist.lastUpdated = Math.max(now, playlist.lastUpdated + 1);
    playlist.version += 1;
  }

  /** Removes a playlist from the catalogue and from every collection that refers to it. */
  deletePlaylist(uuid: string): void {
    this.playlists.delete(uuid);
    for (const collection of this.collections.values()) {
      collection.playlists = collection.playlists.filter((e) => e.uuid !== uuid);
      collection.ownPlaylists = collection.ownPlaylists.filter((e) => e.uuid !== uuid);
    }
  }

  /** Folders of a user, as a list. */
  userFolders(userId: number): FolderSeed[] {
    return [...this.folders.values()].filter((f) => f.ownerId === userId);
  }

  /** True when `folderId` is `candidate` or one of its ancestors. */
  isFolderWithin(candidate: string, folderId: string): boolean {
    let current: string | undefined = candidate;
    for (let guard = 0; current !== undefined && current !== "root" && guard < 1000; guard++) {
      if (current === folderId) return true;
      current = this.folders.get(current)?.parent;
    }
    return false;
  }
}
