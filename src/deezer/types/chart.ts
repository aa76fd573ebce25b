import type { Album } from "./album.js";
import type { Artist } from "./artist.js";
import type { DeezerPage } from "./common.js";
import type { Playlist } from "./playlist.js";
import type { Podcast } from "./podcast.js";
import type { Track } from "./track.js";

/** Charts of every kind at once (`GET /chart/{genreId}`, `GET /editorial/{id}/charts`); each a page. */
export interface Chart {
  tracks: DeezerPage<Track>;
  albums: DeezerPage<Album>;
  artists: DeezerPage<Artist>;
  playlists: DeezerPage<Playlist>;
  podcasts: DeezerPage<Podcast>;
}
