import type { TidalAlbum } from "./album.js";
import type { TidalArtist } from "./artist.js";
import type { TidalPlaylist } from "./playlist.js";
import type { TidalTrack } from "./track.js";
import type { TidalVideo } from "./video.js";

/** A text with the colour the apps draw it in (v2 mix titles and subtitles). */
export interface ColouredText {
  text: string;
  color?: string;
}

/** A mix as the v2 home feed sends it (not the v1 `TidalMix` shape). */
export interface HomeFeedMix {
  id: string;
  type: string;
  mixImages?: { url: string; width?: number; height?: number }[];
  detailMixImages?: { url: string; width?: number; height?: number }[];
  titleTextInfo?: ColouredText;
  subtitleTextInfo?: ColouredText;
  shortSubtitleTextInfo?: ColouredText;
  countryCode?: string;
  isStableId?: boolean;
  trackGroupId?: string;
  contentBehavior?: string;
}

/** One item of a feed module: the v1 object for its type, except a mix, which is the v2 {@link HomeFeedMix}. */
export type HomeFeedItem =
  | { type: "ALBUM"; data: TidalAlbum }
  | { type: "ARTIST"; data: TidalArtist }
  | { type: "PLAYLIST"; data: TidalPlaylist }
  | { type: "TRACK"; data: TidalTrack }
  | { type: "VIDEO"; data: TidalVideo }
  | { type: "MIX"; data: HomeFeedMix };

/** The module types the home feed is known to send; another may appear, so `string` stays possible. */
export type HomeFeedModuleType =
  "SHORTCUT_LIST" | "HORIZONTAL_LIST" | "HORIZONTAL_LIST_WITH_CONTEXT" | "TRACK_LIST" | (string & {});

/** One row of the home feed. */
export interface HomeFeedModule {
  type: HomeFeedModuleType;
  moduleId?: string;
  title?: string;
  subtitle?: string;
  description?: string;
  /** A path under `/v2/` that lists the whole row. */
  viewAll?: string;
  showMore?: { apiPath: string; title: string };
  items: HomeFeedItem[];
}

/** `GET /v2/home/feed/static`: one page of modules; `page.cursor` asks for the next one. */
export interface HomeFeed {
  header?: { vibes?: { items: { name: string; type: string }[] } };
  items: HomeFeedModule[];
  page?: { cursor?: string | null };
}
