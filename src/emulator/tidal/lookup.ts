/**
 * Finding what a request names, with the 404 (`subStatus` 2001) the API answers when it does not exist or is not
 * available in the country asked for, and the country-filtered catalogue lists several route groups share.
 * Lists leave out what is not available there, so `totalNumberOfItems` counts what remains
 * (fixtures/tidal/yambs/tracks_1588184_US.json: 9 of the album's 16 tracks).
 */
import type {
  AlbumSeed,
  ArtistSeed,
  CreditSeed,
  MixSeed,
  PlaylistSeed,
  TrackSeed,
  VideoSeed,
} from "./data.js";
import { notFound } from "./errors.js";
import type { Json } from "./format.js";
import type { TidalService } from "./service.js";

export function findAlbum(svc: TidalService, id: number, cc: string): AlbumSeed {
  const album = svc.state.albums.get(id);
  if (!album || !svc.state.albumAvailable(album, cc)) throw notFound("Album");
  return album;
}

export function findArtist(svc: TidalService, id: number): ArtistSeed {
  const artist = svc.state.artists.get(id);
  if (!artist) throw notFound("Artist");
  return artist;
}

export function findTrack(svc: TidalService, id: number, cc: string): TrackSeed {
  const track = svc.state.tracks.get(id);
  if (!track || !svc.state.trackAvailable(track, cc)) throw notFound("Track");
  return track;
}

export function findVideo(svc: TidalService, id: number, cc: string): VideoSeed {
  const video = svc.state.videos.get(id);
  if (!video || !svc.state.videoAvailable(video, cc)) throw notFound("Video");
  return video;
}

export function findMix(svc: TidalService, id: string): MixSeed {
  const mix = svc.state.mixes.get(id);
  if (!mix) throw notFound("Mix");
  return mix;
}

/** Playlist UUIDs are matched case-insensitively. */
export function findPlaylist(svc: TidalService, uuid: string | undefined): PlaylistSeed {
  const playlist = uuid === undefined ? undefined : svc.state.playlists.get(uuid.toLowerCase());
  if (!playlist) throw notFound("Playlist");
  return playlist;
}

export function creditsJson(list: CreditSeed[]): Json[] {
  return list.map((c) => ({ type: c.type, contributors: c.contributors.map((p) => ({ ...p })) }));
}

/** Album items (tracks and videos in album order) available in a country. */
export function albumItems(svc: TidalService, album: AlbumSeed, cc: string): Json[] {
  const tracks = svc.state.albumTracks(album.id).filter((t) => svc.state.trackAvailable(t, cc));
  const items: { volume: number; number: number; json: Json }[] = tracks.map((t) => ({
    volume: t.volumeNumber,
    number: t.trackNumber,
    json: { item: svc.fmt.track(t), type: "track" },
  }));
  for (const v of svc.state.albumVideos(album.id)) {
    if (svc.state.videoAvailable(v, cc)) {
      items.push({
        volume: v.volumeNumber,
        number: v.trackNumber,
        json: { item: svc.fmt.video(v), type: "video" },
      });
    }
  }
  items.sort((a, b) => a.volume - b.volume || a.number - b.number);
  return items.map((i) => i.json);
}

export function artistTracksIn(svc: TidalService, artistId: number, cc: string): TrackSeed[] {
  return svc.state.artistTracks(artistId).filter((t) => svc.state.trackAvailable(t, cc));
}

/** The tracks of a mix that exist and are available in a country, in mix order. */
export function mixTracks(svc: TidalService, trackIds: number[], cc: string): TrackSeed[] {
  const result: TrackSeed[] = [];
  for (const id of trackIds) {
    const track = svc.state.tracks.get(id);
    if (track && svc.state.trackAvailable(track, cc)) result.push(track);
  }
  return result;
}
