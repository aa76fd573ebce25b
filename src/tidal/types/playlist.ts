import type { ArtistRef } from "./common.js";
import type { TidalTrack } from "./track.js";
import type { TidalVideo } from "./video.js";

/** Who made a playlist; v1 answers may carry only the id. */
export interface PlaylistCreator {
  id: number;
  name?: string;
  picture?: string | null;
  type?: string;
}

/** The v1 ("legacy") playlist object (`GET /v1/playlists/{uuid}`, favourites, search). */
export interface TidalPlaylist {
  uuid: string;
  title: string;
  numberOfTracks: number;
  numberOfVideos: number;
  creator: PlaylistCreator;
  description: string | null;
  duration: number;
  lastUpdated: string;
  created: string;
  /** `USER`, `EDITORIAL`, … */
  type: string;
  publicPlaylist: boolean;
  url: string;
  image: string | null;
  popularity: number;
  squareImage: string | null;
  customImageUrl: string | null;
  promotedArtists: ArtistRef[];
  lastItemAddedAt: string | null;
}

/** The v2 playlist object (user playlists, my-collection). */
export interface TidalPlaylistV2 {
  uuid: string;
  type: string;
  creator: PlaylistCreator;
  contentBehavior: string;
  sharingLevel: "PUBLIC" | "PRIVATE" | string;
  status: string;
  source: string;
  title: string;
  description: string | null;
  image: string | null;
  squareImage: string | null;
  customImageUrl: string | null;
  url: string;
  created: string;
  lastUpdated: string;
  lastItemAddedAt: string | null;
  duration: number;
  numberOfTracks: number;
  numberOfVideos: number;
  promotedArtists: (ArtistRef & { contributionLinkUrl?: string | null; userId?: number | null })[];
  curators: { id: number; name: string; handle: string | null; picture: string | null }[];
  trn: string;
}

/**
 * `GET /v2/user-playlists/{uuid}` and public playlist lists: the playlist with its follow state and owner.
 */
export interface UserPlaylist {
  playlist: TidalPlaylistV2;
  followInfo: {
    followType: "PLAYLIST" | string;
    followed: boolean;
    nrOfFollowers: number;
    tidalResourceName: string;
  };
  profile: { userId: number; name: string; color: string[] };
}

/** One entry of `GET /v1/playlists/{uuid}/items`. */
export type PlaylistItem = (
  | { item: TidalTrack & PlaylistItemMeta; type: "track" }
  | { item: TidalVideo & PlaylistItemMeta; type: "video" }
) & { cut: unknown };

/** Fields a playlist adds to the tracks and videos it holds. */
export interface PlaylistItemMeta {
  dateAdded?: string;
  index?: number;
  itemUuid?: string;
  description?: string | null;
}

/** A folder of the my-collection tree. */
export interface CollectionFolder {
  id: string;
  name: string;
  trn: string;
  itemType: "FOLDER";
  createdAt: string;
  lastModifiedAt: string;
  totalNumberOfItems: number;
}

/** One entry of the my-collection lists (a folder or a playlist, with where it sits). */
export type CollectionEntry =
  | (CollectionEntryMeta & { itemType: "FOLDER"; data: CollectionFolder })
  | (CollectionEntryMeta & { itemType: "PLAYLIST"; data: TidalPlaylistV2 & { itemType: "PLAYLIST" } });

export interface CollectionEntryMeta {
  trn: string;
  name: string;
  addedAt: string;
  lastModifiedAt: string;
  parent: { id: string; name: string } | null;
}

/** `include_only` / what happens with duplicates when adding items. */
export type OnDuplicate = "ADD" | "FAIL" | "SKIP";
