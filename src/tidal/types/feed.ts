import type { TidalAlbum } from "./album.js";

/** One entry of the activity feed (new releases of followed artists, …). */
export interface FeedActivity {
  followableActivity: {
    activityType: string;
    occurredAt: string;
    album?: Partial<TidalAlbum> & { mainArtists?: { id: number; name: string }[] };
    [key: string]: unknown;
  };
  seen: boolean;
}

/** `GET /v2/feed/activities`. */
export interface FeedActivities {
  activities: FeedActivity[];
  stats: { totalNotSeenActivities: number };
}

/** `GET /v2/feed/activities/unseen/exists`. */
export interface UnseenFeedActivities {
  hasUnseenActivities: boolean;
}
