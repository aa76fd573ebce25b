import type { CursorPage, OffsetPage } from "./common.js";
import type { TidalPlaylist } from "./playlist.js";

/** The account's profile (`GET https://login.tidal.com/oauth2/me`). */
export interface TidalProfile {
  userId: number;
  email: string | null;
  emailVerified?: boolean;
  countryCode: string;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  fullName?: string | null;
  nickname: string | null;
  address?: string | null;
  city?: string | null;
  postalcode?: string | null;
  usState?: string | null;
  phoneNumber?: string | null;
  birthday?: number | null;
  channelId?: number;
  parentId?: number;
  acceptedEULA?: boolean;
  created?: number;
  updated?: number;
  facebookUid?: number | null;
  appleUid?: number | string | null;
  googleUid?: number | string | null;
  accountLinkCreated?: boolean;
  newUser?: boolean;
}

/** The current session (`GET /v1/sessions`). */
export interface TidalSession {
  sessionId: string;
  userId: number;
  countryCode: string;
  channelId: number;
  partnerId: number;
  client: {
    id: number;
    name: string;
    authorizedForOffline: boolean;
    authorizedForOfflineDate: string | null;
  };
}

/** The account's subscription; `premiumAccess` decides lyrics and video playback. */
export interface TidalSubscription {
  startDate: string;
  validUntil: string | null;
  status: string;
  subscription: { type: string; offlineGracePeriod: number };
  highestSoundQuality: string;
  premiumAccess: boolean;
  canGetTrial: boolean;
  paymentType: string;
  paymentOverdue: boolean;
}

/** A client (app installation) registered on the account. */
export interface UserClient {
  id: number;
  name: string;
  uniqueKey: string;
  application: { name: string; service: string; type: { name: string } };
  authorizedForOffline: boolean;
  authorizedForOfflineDate: string | null;
  created: string;
  lastLogin: string;
  numberOfOfflineAlbums: number;
  numberOfOfflinePlaylists: number;
}

/** `GET /v1/users/{id}/favorites/ids`: the ids of everything saved, per kind. */
export interface SavedItemIds {
  ALBUM: string[];
  ARTIST: string[];
  PLAYLIST: string[];
  TRACK: string[];
  VIDEO: string[];
}

/** A saved (favourite) item with when it was saved. */
export interface SavedItem<T> {
  created: string;
  item: T;
}

/** A blocked item with when it was blocked and its kind. */
export interface BlockedItem<T> {
  created: string;
  item: T;
  type: "ARTIST" | "TRACK" | "VIDEO" | string;
}

/**
 * An entry of `playlistsAndFavoritePlaylists` / `playlists`: the playlist and whether it is own or followed.
 */
export interface UserPlaylistEntry {
  created: string;
  playlist: TidalPlaylist;
  type: "USER_CREATED" | "USER_FAVORITE" | string;
}

/** A user profile in follower/following lists and blocked-profile lists. */
export interface ProfileSummary {
  userId: number;
  name: string;
  color?: string[];
  picture?: string | null;
  [key: string]: unknown;
}

/** A page of followers or followed profiles. */
export type ProfilePage = CursorPage<ProfileSummary>;

/** A page of blocked profiles (offset-paged although v2). */
export type BlockedProfilesPage = OffsetPage<ProfileSummary>;
