/**
 * Turns seed records into the JSON bodies TIDAL sends. Field names, nesting and the date format follow the
 * recorded bodies in fixtures/tidal/yambs and the response shapes of tidal-private.endpoints.json.
 */
import type {
  AlbumSeed,
  ArtistRole,
  ArtistSeed,
  MixSeed,
  PlaylistSeed,
  TrackSeed,
  UserSeed,
  VideoSeed,
} from "./data.js";
import type { TidalState } from "./state.js";
import { v1DateTime, v2DateTime } from "./util.js";

export type Json = Record<string, unknown>;

const TIDAL_WEB = "http://www.tidal.com";

export function artworkUrl(resourcesUrl: string, uuid: string, size: string, animated = false): string {
  const path = uuid.replace(/-/g, "/");
  return `${resourcesUrl}/${animated ? "videos" : "images"}/${path}/${size}.${animated ? "mp4" : "jpg"}`;
}

export class Formatter {
  constructor(private readonly state: TidalState) {}

  artistRef(id: number, type: ArtistRole | string = "MAIN"): Json {
    const artist = this.state.artists.get(id);
    return { id, name: artist?.name ?? "Unknown", handle: null, type, picture: artist?.picture ?? null };
  }

  artistRefs(refs: { id: number; type: ArtistRole }[]): Json[] {
    return refs.map((ref) => this.artistRef(ref.id, ref.type));
  }

  /** The artist object of `GET /v1/artists/{id}` and of artist lists. */
  artist(artist: ArtistSeed): Json {
    return {
      id: artist.id,
      name: artist.name,
      artistTypes: artist.artistTypes,
      url: `${TIDAL_WEB}/artist/${artist.id}`,
      picture: artist.picture,
      selectedAlbumCoverFallback: null,
      popularity: artist.popularity,
      artistRoles: artist.roles.map((r) => ({ ...r })),
      mixes: { ARTIST_MIX: artist.mixId },
      handle: null,
      userId: artist.userId,
      spotlighted: false,
    };
  }

  /** The short album object embedded in tracks and videos. */
  albumRef(album: AlbumSeed | undefined, extra: { releaseDate?: boolean; url?: boolean } = {}): Json | null {
    if (!album) return null;
    const ref: Json = {
      id: album.id,
      title: album.title,
      cover: album.cover,
      vibrantColor: album.vibrantColor,
      videoCover: album.videoCover,
    };
    if (extra.releaseDate) ref.releaseDate = album.releaseDate;
    if (extra.url) ref.url = `${TIDAL_WEB}/album/${album.id}`;
    return ref;
  }

  album(album: AlbumSeed): Json {
    const tracks = this.state.albumTracks(album.id);
    const videos = this.state.albumVideos(album.id);
    const main = album.artists[0];
    return {
      id: album.id,
      title: album.title,
      duration: tracks.reduce((sum, t) => sum + t.duration, 0),
      streamReady: true,
      adSupportedStreamReady: true,
      djReady: true,
      stemReady: false,
      streamStartDate: `${album.releaseDate}T00:00:00.000+0000`,
      allowStreaming: true,
      premiumStreamingOnly: false,
      payToStream: false,
      // The full track count, even where the country's track list is shorter (fixtures/tidal/yambs/album_1588184).
      numberOfTracks: tracks.length,
      numberOfVideos: videos.length,
      numberOfVolumes: album.numberOfVolumes,
      releaseDate: album.releaseDate,
      copyright: album.copyright,
      type: album.type,
      version: album.version,
      url: `${TIDAL_WEB}/album/${album.id}`,
      cover: album.cover,
      vibrantColor: album.vibrantColor,
      videoCover: album.videoCover,
      explicit: album.explicit,
      upc: album.upc,
      popularity: album.popularity,
      audioQuality: album.audioQuality,
      audioModes: album.audioModes,
      mediaMetadata: { tags: album.tags },
      upload: false,
      artist: main ? this.artistRef(main.id, main.type) : null,
      artists: this.artistRefs(album.artists),
    };
  }

  track(track: TrackSeed, extra: { albumReleaseDate?: boolean } = {}): Json {
    const album = this.state.albums.get(track.albumId);
    const main = track.artists[0];
    const albumRef = this.albumRef(album, { releaseDate: extra.albumReleaseDate ?? false });
    return {
      id: track.id,
      title: track.title,
      duration: track.duration,
      replayGain: track.replayGain,
      peak: track.peak,
      allowStreaming: true,
      streamReady: true,
      adSupportedStreamReady: true,
      djReady: true,
      stemReady: false,
      streamStartDate: album ? `${album.releaseDate}T00:00:00.000+0000` : null,
      premiumStreamingOnly: false,
      trackNumber: track.trackNumber,
      volumeNumber: track.volumeNumber,
      version: track.version,
      popularity: track.popularity,
      copyright: album?.copyright ?? null,
      bpm: track.bpm,
      key: track.key,
      keyScale: track.keyScale,
      url: `${TIDAL_WEB}/track/${track.id}`,
      isrc: track.isrc,
      editable: false,
      explicit: track.explicit,
      audioQuality: album?.audioQuality ?? "LOSSLESS",
      audioModes: album?.audioModes ?? ["STEREO"],
      mediaMetadata: { tags: album?.tags ?? [] },
      upload: false,
      accessType: "PUBLIC",
      spotlighted: false,
      payToStream: false,
      artist: main ? this.artistRef(main.id, main.type) : null,
      artists: this.artistRefs(track.artists),
      album: albumRef,
      mixes: track.masterMixId
        ? { MASTER_TRACK_MIX: track.masterMixId, TRACK_MIX: track.mixId }
        : { TRACK_MIX: track.mixId },
    };
  }

  video(video: VideoSeed): Json {
    const album = video.albumId === null ? undefined : this.state.albums.get(video.albumId);
    const main = video.artists[0];
    return {
      id: video.id,
      title: video.title,
      volumeNumber: video.volumeNumber,
      trackNumber: video.trackNumber,
      releaseDate: `${video.releaseDate}T00:00:00.000+0000`,
      imagePath: null,
      imageId: video.imageId,
      vibrantColor: video.vibrantColor,
      duration: video.duration,
      quality: video.quality,
      streamReady: true,
      adSupportedStreamReady: true,
      djReady: true,
      stemReady: false,
      streamStartDate: `${video.releaseDate}T00:00:00.000+0000`,
      allowStreaming: true,
      explicit: video.explicit,
      popularity: video.popularity,
      type: "Music Video",
      adsUrl: null,
      adsPrePaywallOnly: true,
      artist: main ? this.artistRef(main.id, main.type) : null,
      artists: this.artistRefs(video.artists),
      album: this.albumRef(album),
    };
  }

  playlistCounts(playlist: PlaylistSeed): { tracks: number; videos: number; duration: number } {
    let tracks = 0;
    let videos = 0;
    let duration = 0;
    for (const item of playlist.items) {
      if (item.type === "track") {
        tracks++;
        duration += this.state.tracks.get(item.id)?.duration ?? 0;
      } else {
        videos++;
        duration += this.state.videos.get(item.id)?.duration ?? 0;
      }
    }
    return { tracks, videos, duration };
  }

  promotedArtists(playlist: PlaylistSeed): Json[] {
    const seen = new Set<number>();
    const result: Json[] = [];
    for (const item of playlist.items) {
      const source = item.type === "track" ? this.state.tracks.get(item.id) : this.state.videos.get(item.id);
      const main = source?.artists[0];
      if (main && !seen.has(main.id)) {
        seen.add(main.id);
        result.push(this.artistRef(main.id, "MAIN"));
      }
      if (result.length === 3) break;
    }
    return result;
  }

  creator(playlist: PlaylistSeed, full: boolean): Json {
    if (!full) return { id: playlist.ownerId };
    if (playlist.ownerId === 0) {
      return { id: 0, name: "TIDAL", picture: null, type: "TIDAL", selectedAlbumCoverFallback: null };
    }
    const user = this.state.users.get(playlist.ownerId);
    return {
      id: playlist.ownerId,
      name: user ? displayName(user) : "",
      picture: user?.picture ?? null,
      type: "USER",
      selectedAlbumCoverFallback: null,
    };
  }

  /** The v1 ("legacy") playlist object. */
  playlist(playlist: PlaylistSeed, fullCreator = false): Json {
    const counts = this.playlistCounts(playlist);
    const lastAdded = playlist.items.reduce((max, i) => Math.max(max, i.added), 0);
    return {
      uuid: playlist.uuid,
      title: playlist.title,
      numberOfTracks: counts.tracks,
      numberOfVideos: counts.videos,
      creator: this.creator(playlist, fullCreator),
      description: playlist.description,
      duration: counts.duration,
      lastUpdated: v1DateTime(playlist.lastUpdated),
      created: v1DateTime(playlist.created),
      type: playlist.type,
      publicPlaylist: playlist.isPublic,
      url: `${TIDAL_WEB}/playlist/${playlist.uuid}`,
      image: playlist.image,
      popularity: playlist.popularity,
      squareImage: playlist.squareImage,
      customImageUrl: null,
      promotedArtists: this.promotedArtists(playlist),
      lastItemAddedAt: lastAdded > 0 ? v1DateTime(lastAdded) : null,
    };
  }

  /** The playlist object of the v2 endpoints (`/v2/user-playlists`, my-collection). */
  playlistV2(playlist: PlaylistSeed): Json {
    const counts = this.playlistCounts(playlist);
    const lastAdded = playlist.items.reduce((max, i) => Math.max(max, i.added), 0);
    const owner = this.state.users.get(playlist.ownerId);
    return {
      uuid: playlist.uuid,
      type: playlist.type,
      creator: this.creator(playlist, true),
      contentBehavior: "UNRESTRICTED",
      sharingLevel: playlist.isPublic ? "PUBLIC" : "PRIVATE",
      status: "READY",
      source: playlist.ownerId === 0 ? "EDITORIAL" : "DEFAULT",
      title: playlist.title,
      description: playlist.description,
      image: playlist.image,
      squareImage: playlist.squareImage,
      customImageUrl: null,
      url: `${TIDAL_WEB}/playlist/${playlist.uuid}`,
      created: v2DateTime(playlist.created),
      lastUpdated: v2DateTime(playlist.lastUpdated),
      lastItemAddedAt: lastAdded > 0 ? v2DateTime(lastAdded) : null,
      duration: counts.duration,
      numberOfTracks: counts.tracks,
      numberOfVideos: counts.videos,
      promotedArtists: this.promotedArtists(playlist),
      curators: owner
        ? [{ id: owner.id, name: displayName(owner), handle: owner.username, picture: owner.picture }]
        : [],
      trn: `trn:playlist:${playlist.uuid}`,
    };
  }

  mixImages(resourcesUrl: string, mix: MixSeed): Json {
    const at = (size: number): Json => ({
      width: size,
      height: size,
      url: artworkUrl(resourcesUrl, mix.image, `${size}x${size}`),
    });
    return { SMALL: at(320), MEDIUM: at(640), LARGE: at(1500) };
  }

  mix(resourcesUrl: string, mix: MixSeed): Json {
    const images = this.mixImages(resourcesUrl, mix);
    return {
      id: mix.id,
      title: mix.title,
      subTitle: mix.subTitle,
      shortSubtitle: mix.subTitle,
      mixType: mix.mixType,
      contentBehavior: "UNRESTRICTED",
      master: false,
      images,
      detailImages: images,
      sharingImages: null,
      titleColor: "#FFFFFF",
      subTitleColor: "#B3B3B3",
      description: mix.subTitle,
      descriptionColor: "#B3B3B3",
      mixNumber: null,
    };
  }

  /** The profile of `GET https://login.tidal.com/oauth2/me`. */
  profile(user: UserSeed): Json {
    return {
      userId: user.id,
      email: user.email,
      emailVerified: true,
      countryCode: user.countryCode,
      username: user.username,
      firstName: user.firstName,
      lastName: user.lastName,
      fullName: displayName(user),
      nickname: user.firstName,
      address: null,
      city: null,
      postalcode: null,
      usState: null,
      phoneNumber: null,
      birthday: null,
      channelId: 1,
      parentId: 0,
      acceptedEULA: true,
      created: user.created,
      updated: user.created,
      facebookUid: 0,
      appleUid: null,
      googleUid: null,
      accountLinkCreated: false,
      newUser: false,
    };
  }

  /** The `user` object inside token answers: the same account fields as the profile. */
  tokenUser(user: UserSeed): Json {
    return this.profile(user);
  }
}

export function displayName(user: UserSeed): string {
  return `${user.firstName} ${user.lastName}`;
}
