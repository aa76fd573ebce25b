/** The v2 activity feed: new releases by followed artists, newest first, with whether each was seen. */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, noContent, ok, requireUser } from "../context.js";
import type { FeedActivitySeed } from "../data.js";
import type { TidalService } from "../service.js";
import { v2DateTime } from "../util.js";

export function feedRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v2/feed/activities", activities);
  r.add("PUT", "/v2/feed/activities/seen", markActivitiesSeen);
  r.add("GET", "/v2/feed/activities/unseen/exists", unseenActivitiesExist);
}

const activities: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const activities = s.state.feed
    .filter((a) => a.userId === caller.user.id)
    .sort((a, b) => b.occurredAt - a.occurredAt)
    .map((a) => ({
      followableActivity: {
        activityType: "NEW_ALBUM_RELEASE",
        occurredAt: v2DateTime(a.occurredAt),
        album: releasedAlbum(s, a),
      },
      seen: a.seen,
    }));
  return ok({ activities, stats: { totalNotSeenActivities: activities.filter((a) => !a.seen).length } });
};

function releasedAlbum(s: TidalService, activity: FeedActivitySeed) {
  const album = s.state.albums.get(activity.albumId);
  if (!album) return null;
  const artists = album.artists.map((ref) => ({
    id: ref.id,
    name: s.state.artists.get(ref.id)?.name ?? "",
  }));
  return {
    id: album.id,
    title: album.title,
    artists,
    mainArtists: artists.slice(0, 1),
    type: album.type,
    audioQuality: album.audioQuality,
    streamStartDate: v2DateTime(Date.parse(`${album.releaseDate}T00:00:00.000Z`)),
    releaseDate: album.releaseDate,
    allowStreaming: true,
    streamReady: true,
    cover: album.cover,
    videoCover: album.videoCover,
    numberOfVolumes: album.numberOfVolumes,
    numberOfTracks: s.state.albumTracks(album.id).length,
    numberOfVideos: s.state.albumVideos(album.id).length,
    explicit: album.explicit,
  };
}

const markActivitiesSeen: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  for (const activity of s.state.feed) if (activity.userId === caller.user.id) activity.seen = true;
  return noContent();
};

const unseenActivitiesExist: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  return ok({ hasUnseenActivities: s.state.feed.some((a) => a.userId === caller.user.id && !a.seen) });
};
