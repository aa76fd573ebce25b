/**
 * The kinds of catalogue entries a user can favourite or block (v1 `/users/{id}/favorites/{kind}` and
 * `/users/{id}/blocks/{kind}`): which collection list holds them, which form field names them, and how each is
 * found, filtered by country and shown.
 */
import type { Json } from "./format.js";
import type { TidalService } from "./service.js";

export type NumericList = "albums" | "artists" | "tracks" | "videos";
type BlockList = "blockedTracks" | "blockedArtists" | "blockedVideos";

export interface FavouriteKind {
  list: NumericList;
  /** Form field of the save request. */
  field: string;
  exists: (svc: TidalService, id: number) => boolean;
  available: (svc: TidalService, id: number, cc: string) => boolean;
  json: (svc: TidalService, id: number) => Json;
  name: (svc: TidalService, id: number) => string;
}

export const FAVOURITES: Record<NumericList, FavouriteKind> = {
  albums: {
    list: "albums",
    field: "albumIds",
    exists: (s, id) => s.state.albums.has(id),
    available: (s, id, cc) => {
      const album = s.state.albums.get(id);
      return album !== undefined && s.state.albumAvailable(album, cc);
    },
    json: (s, id) => {
      const found = s.state.albums.get(id);
      return found ? s.fmt.album(found) : { id };
    },
    name: (s, id) => s.state.albums.get(id)?.title ?? "",
  },
  artists: {
    list: "artists",
    field: "artistIds",
    exists: (s, id) => s.state.artists.has(id),
    available: (s, id) => s.state.artists.has(id),
    json: (s, id) => {
      const found = s.state.artists.get(id);
      return found ? s.fmt.artist(found) : { id };
    },
    name: (s, id) => s.state.artists.get(id)?.name ?? "",
  },
  tracks: {
    list: "tracks",
    field: "trackIds",
    exists: (s, id) => s.state.tracks.has(id),
    available: (s, id, cc) => {
      const track = s.state.tracks.get(id);
      return track !== undefined && s.state.trackAvailable(track, cc);
    },
    json: (s, id) => {
      const found = s.state.tracks.get(id);
      return found ? s.fmt.track(found) : { id };
    },
    name: (s, id) => s.state.tracks.get(id)?.title ?? "",
  },
  videos: {
    list: "videos",
    field: "videoIds",
    exists: (s, id) => s.state.videos.has(id),
    available: (s, id, cc) => {
      const video = s.state.videos.get(id);
      return video !== undefined && s.state.videoAvailable(video, cc);
    },
    json: (s, id) => {
      const found = s.state.videos.get(id);
      return found ? s.fmt.video(found) : { id };
    },
    name: (s, id) => s.state.videos.get(id)?.title ?? "",
  },
};

export interface BlockKind {
  list: BlockList;
  /** The favourites kind whose lookups a block reuses. */
  favourite: NumericList;
  /** Form field of the block request. */
  field: string;
  /** Path parameter of the unblock request. */
  param: string;
  type: string;
}

/** Keyed by the path segment after `/blocks/`. */
export const BLOCKS: Record<string, BlockKind> = {
  tracks: { list: "blockedTracks", favourite: "tracks", field: "trackId", param: "trackId", type: "TRACK" },
  artists: {
    list: "blockedArtists",
    favourite: "artists",
    field: "artistId",
    param: "artistId",
    type: "ARTIST",
  },
  videos: { list: "blockedVideos", favourite: "videos", field: "videoId", param: "videoId", type: "VIDEO" },
};
