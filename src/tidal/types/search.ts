import type { TidalAlbum } from "./album.js";
import type { TidalArtist } from "./artist.js";
import type { OffsetPage } from "./common.js";
import type { TidalPlaylist } from "./playlist.js";
import type { TidalTrack } from "./track.js";
import type { TidalVideo } from "./video.js";

/** `GET /v1/search`: one page per kind, `limit`/`offset` applying to each, and the best match. */
export interface SearchResults {
  albums: OffsetPage<TidalAlbum>;
  artists: OffsetPage<TidalArtist>;
  playlists: OffsetPage<TidalPlaylist>;
  tracks: OffsetPage<TidalTrack>;
  videos: OffsetPage<TidalVideo>;
  topHit?: { type: string; value: TidalAlbum | TidalArtist | TidalPlaylist | TidalTrack | TidalVideo } | null;
}
