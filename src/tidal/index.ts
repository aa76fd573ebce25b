/** The private TIDAL API client, its endpoint groups, wire helpers and response types. */
export {
  PrivateTIDALAPIClient,
  TIDAL_API_URL,
  TIDAL_LOGIN_URL,
  TIDAL_OPENAPI_URL,
} from "./private-client.js";
export type { PrivateTIDALAPIClientOptions, SetAuthFlowOptions } from "./private-client.js";
export { ARTWORK_DIMENSIONS, TIDAL_RESOURCE_URL, buildArtworkUrl } from "./artwork.js";
export type { ArtworkDimensions, ArtworkItemType, ArtworkItemTypeName, ArtworkOptions } from "./artwork.js";
export {
  PlaylistEtags,
  TIDAL_CLIENT_VERSION,
  TIDAL_TOKEN_SUB_STATUSES,
  TidalAdapter,
  bareEtag,
  readErrorBody,
  tidalError,
} from "./wire.js";
export type { TidalErrorDetails } from "./wire.js";
export { PrivateAlbumsAPI } from "./private/albums.js";
export { PrivateArtistsAPI } from "./private/artists.js";
export type { ArtistAlbumsOptions } from "./private/artists.js";
export { PrivateFeedAPI } from "./private/feed.js";
export { PrivateMixesAPI } from "./private/mixes.js";
export { PrivatePagesAPI } from "./private/pages.js";
export { PrivatePlaylistsAPI } from "./private/playlists.js";
export type {
  AddPlaylistItemsOptions,
  CreateFolderOptions,
  TidalCreatePlaylistOptions,
  GetPlaylistOptions,
  MovePlaylistsOptions,
  TidalPlaylistDetailsOptions,
  PlaylistVisibilityOptions,
  RemovePlaylistItemsOptions,
  ReorderPlaylistItemsOptions,
  ReplacePlaylistItemOptions,
} from "./private/playlists.js";
export { PrivateSearchAPI } from "./private/search.js";
export { PrivateTracksAPI } from "./private/tracks.js";
export type { TrackMediaOptions, TrackPlaybackInfoOptions } from "./private/tracks.js";
export { PrivateUsersAPI } from "./private/users.js";
export type {
  FollowMixesOptions,
  FollowPlaylistsOptions,
  MixIdPages,
  RelationshipOptions,
  UnfollowPlaylistsOptions,
} from "./private/users.js";
export { PrivateVideosAPI } from "./private/videos.js";
export type { VideoMediaOptions, VideoPlaybackInfoOptions } from "./private/videos.js";
export type * from "./private/options.js";
export type * from "./types/index.js";
export * from "./playback/index.js";
export { parseSyncedLyrics, type SyncedLyrics, type SyncedLyricsLine } from "./lyrics.js";
