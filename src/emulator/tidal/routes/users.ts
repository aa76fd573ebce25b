/**
 * User routes: favourites, blocks, clients and subscription (v1), followed mixes, profiles and follows (v2), and
 * the activity feed. Another user's favourites, blocks, clients and subscription are private (403).
 */
import type { EmulatorRequest, RoleRouter } from "../../types.js";
import type { CollectionSeed, FavouriteSeed, UserSeed } from "../data.js";
import { TIDAL_SUB_STATUS, apiFailure, invalidParameter, missingParameter, notFound } from "../errors.js";
import type { Json } from "../format.js";
import { displayName } from "../format.js";
import {
  addRoute,
  country,
  cursorPage,
  cursorSlice,
  noContent,
  offsetEnvelope,
  offsetPage,
  ok,
  ordering,
  pathUser,
  requireUser,
  sortBy,
} from "../context.js";
import type { UserCaller } from "../context.js";
import type { TidalService } from "../service.js";
import { isDecimal, splitList, v1DateTime, v2DateTime } from "../util.js";

type ApiHandler = Parameters<typeof addRoute>[5];

type NumericList = "albums" | "artists" | "tracks" | "videos";
type BlockList = "blockedTracks" | "blockedArtists" | "blockedVideos";

interface FavouriteKind {
  list: NumericList;
  /** Form field of the save request. */
  field: string;
  exists: (svc: TidalService, id: number) => boolean;
  available: (svc: TidalService, id: number, cc: string) => boolean;
  json: (svc: TidalService, id: number) => Json;
  name: (svc: TidalService, id: number) => string;
}

const FAVOURITES: Record<NumericList, FavouriteKind> = {
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

interface BlockKind {
  list: BlockList;
  favourite: NumericList;
  field: string;
  param: string;
  type: string;
}

const BLOCKS: Record<string, BlockKind> = {
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

function sortedFavourites(
  req: EmulatorRequest,
  svc: TidalService,
  kind: FavouriteKind,
  entries: FavouriteSeed<number>[],
): FavouriteSeed<number>[] {
  const { order, descending } = ordering(req);
  return sortBy(
    entries,
    (e) => (order === "NAME" ? kind.name(svc, e.id).toLowerCase() : e.added),
    descending,
  );
}

function parseIds(raw: string | null, name: string): number[] {
  const pieces = splitList(raw);
  if (pieces.length === 0) throw missingParameter(name);
  return pieces.map((p) => {
    if (!isDecimal(p)) throw invalidParameter(name, p);
    return Number(p);
  });
}

function onArtifactNotFound(req: EmulatorRequest): "FAIL" | "SKIP" {
  const value = (
    req.form.get("onArtifactNotFound") ??
    req.query.get("onArtifactNotFound") ??
    "FAIL"
  ).toUpperCase();
  if (value !== "FAIL" && value !== "SKIP") throw invalidParameter("onArtifactNotFound", value);
  return value;
}

function profile(svc: TidalService, user: UserSeed, viewer: number): Json {
  const following = svc.state.collection(viewer).following.some((f) => f.id === user.id);
  return {
    userId: user.id,
    name: displayName(user),
    handle: user.username,
    picture: user.picture,
    color: ["#7DB9E8"],
    trn: `trn:user:${user.id}`,
    imFollowing: following,
    numberOfFollowers: followersOf(svc, user.id).length,
  };
}

function followersOf(svc: TidalService, userId: number): UserSeed[] {
  const result: UserSeed[] = [];
  for (const [id, collection] of svc.state.collections) {
    if (collection.following.some((f) => f.id === userId)) {
      const user = svc.state.users.get(id);
      if (user) result.push(user);
    }
  }
  return result;
}

function trnUser(svc: TidalService, req: EmulatorRequest, caller: UserCaller): UserSeed {
  const trn = req.query.get("trn") ?? req.form.get("trn");
  if (trn === null || trn === "") throw missingParameter("trn");
  const match = /^trn:user:(\d+|me)$/.exec(trn.trim());
  if (!match) throw invalidParameter("trn", trn);
  const id = match[1] === "me" ? caller.user.id : Number(match[1]);
  const user = svc.state.users.get(id);
  if (!user) throw apiFailure(404, TIDAL_SUB_STATUS.notFound, "User not found");
  return user;
}

function mixIdsParam(req: EmulatorRequest): string[] {
  const ids = splitList(req.form.get("mixIds") ?? req.query.get("mixIds"));
  if (ids.length === 0) throw missingParameter("mixIds");
  return ids;
}

function favouriteMixJson(
  svc: TidalService,
  req: EmulatorRequest,
  entry: FavouriteSeed<string>,
): Json | undefined {
  const mix = svc.state.mixes.get(entry.id);
  if (!mix) return undefined;
  const images = svc.fmt.mixImages(req.urls.tidalResources, mix);
  return {
    id: mix.id,
    mixType: mix.mixType,
    title: mix.title,
    subTitle: mix.subTitle,
    titleTextInfo: { text: mix.title, color: "#FFFFFF" },
    subTitleTextInfo: { text: mix.subTitle, color: "#B3B3B3" },
    images,
    detailImages: images,
    master: false,
    dateAdded: v2DateTime(entry.added),
    updated: v2DateTime(entry.added),
  };
}

function collectionOf(svc: TidalService, user: UserSeed): CollectionSeed {
  return svc.state.collection(user.id);
}

export function installUserRoutes(router: RoleRouter, svc: () => TidalService): void {
  const route = (method: string, pattern: string, handler: ApiHandler): void =>
    addRoute(router, svc, "tidalApi", method, pattern, handler);

  route("GET", "/v1/users/:userId/subscription", (req, s) => {
    const caller = requireUser(s, req);
    const user = pathUser(s, req, caller, { privateData: true });
    const sub = user.subscription;
    return ok({
      startDate: v1DateTime(sub.startDate),
      validUntil: v1DateTime(sub.validUntil),
      status: sub.status,
      subscription: { type: sub.type, offlineGracePeriod: sub.premiumAccess ? 30 : 0 },
      highestSoundQuality: sub.highestSoundQuality,
      premiumAccess: sub.premiumAccess,
      canGetTrial: !sub.premiumAccess,
      paymentType: sub.premiumAccess ? "CREDIT_CARD" : "NONE",
      paymentOverdue: false,
    });
  });

  route("GET", "/v1/users/:userId/clients", (req, s) => {
    const caller = requireUser(s, req);
    const user = pathUser(s, req, caller, { privateData: true });
    const used = new Map<string, number>();
    for (const token of s.tokens.accessTokens.values()) {
      if (token.userId === user.id)
        used.set(token.clientId, Math.max(used.get(token.clientId) ?? 0, token.issuedAt));
    }
    const clients: Json[] = [];
    for (const [clientId, lastLogin] of used) {
      const client = s.tokens.clients.get(clientId);
      if (!client) continue;
      clients.push({
        id: client.numericId,
        name: client.name,
        application: { name: client.name, type: { name: "WEB" }, service: "TIDAL" },
        uniqueKey: client.clientId,
        authorizedForOffline: user.subscription.premiumAccess,
        authorizedForOfflineDate: null,
        lastLogin: v1DateTime(lastLogin),
        created: v1DateTime(lastLogin),
        numberOfOfflineAlbums: 0,
        numberOfOfflinePlaylists: 0,
      });
    }
    return ok(offsetEnvelope(clients, offsetPage(req, 100)));
  });

  route("GET", "/v1/users/:userId/favorites/ids", (req, s) => {
    const caller = requireUser(s, req);
    const user = pathUser(s, req, caller, { privateData: true });
    const c = collectionOf(s, user);
    return ok({
      ALBUM: c.albums.map((e) => String(e.id)),
      ARTIST: c.artists.map((e) => String(e.id)),
      PLAYLIST: [...c.ownPlaylists, ...c.playlists].map((e) => e.uuid),
      TRACK: c.tracks.map((e) => String(e.id)),
      VIDEO: c.videos.map((e) => String(e.id)),
    });
  });

  for (const kind of Object.values(FAVOURITES)) {
    route("GET", `/v1/users/:userId/favorites/${kind.list}`, (req, s) => {
      const caller = requireUser(s, req);
      const cc = country(req);
      const user = pathUser(s, req, caller, { privateData: true });
      const entries = collectionOf(s, user)[kind.list].filter((e) => kind.available(s, e.id, cc));
      const items = sortedFavourites(req, s, kind, entries).map((e) => ({
        created: v1DateTime(e.added),
        item: kind.json(s, e.id),
      }));
      return ok(offsetEnvelope(items, offsetPage(req)));
    });

    route("POST", `/v1/users/:userId/favorites/${kind.list}`, (req, s) => {
      const caller = requireUser(s, req);
      const user = pathUser(s, req, caller, { privateData: true });
      const ids = parseIds(req.form.get(kind.field), kind.field);
      const mode = onArtifactNotFound(req);
      const known: number[] = [];
      for (const id of ids) {
        if (kind.exists(s, id)) known.push(id);
        else if (mode === "FAIL") throw notFound(`Item ${id}`);
      }
      const list = collectionOf(s, user)[kind.list];
      for (const id of known) {
        if (!list.some((e) => e.id === id)) list.push({ id, added: s.now() });
      }
      return noContent();
    });

    route("DELETE", `/v1/users/:userId/favorites/${kind.list}/:ids`, (req, s) => {
      const caller = requireUser(s, req);
      const user = pathUser(s, req, caller, { privateData: true });
      const ids = new Set(parseIds(req.params["ids"] ?? null, "ids"));
      const collection = collectionOf(s, user);
      collection[kind.list] = collection[kind.list].filter((e) => !ids.has(e.id));
      return noContent();
    });
  }

  for (const [path, kind] of Object.entries(BLOCKS)) {
    const favourite = FAVOURITES[kind.favourite];
    route("GET", `/v1/users/:userId/blocks/${path}`, (req, s) => {
      const caller = requireUser(s, req);
      const user = pathUser(s, req, caller, { privateData: true });
      const entries = collectionOf(s, user)[kind.list].filter((e) => favourite.exists(s, e.id));
      const items = entries.map((e) => ({
        created: v1DateTime(e.added),
        item: favourite.json(s, e.id),
        type: kind.type,
      }));
      return ok(offsetEnvelope(items, offsetPage(req)));
    });

    route("POST", `/v1/users/:userId/blocks/${path}`, (req, s) => {
      const caller = requireUser(s, req);
      const user = pathUser(s, req, caller, { privateData: true });
      const [id] = parseIds(req.form.get(kind.field), kind.field);
      if (id === undefined || !favourite.exists(s, id))
        throw notFound(kind.type.charAt(0) + kind.type.slice(1).toLowerCase());
      const list = collectionOf(s, user)[kind.list];
      if (!list.some((e) => e.id === id)) list.push({ id, added: s.now() });
      return noContent();
    });

    route("DELETE", `/v1/users/:userId/blocks/${path}/:${kind.param}`, (req, s) => {
      const caller = requireUser(s, req);
      const user = pathUser(s, req, caller, { privateData: true });
      const ids = new Set(parseIds(req.params[kind.param] ?? null, kind.param));
      const collection = collectionOf(s, user);
      collection[kind.list] = collection[kind.list].filter((e) => !ids.has(e.id));
      return noContent();
    });
  }

  // Followed mixes (v2).
  route("GET", "/v2/favorites/mixes", (req, s) => {
    const caller = requireUser(s, req);
    const { order, descending } = ordering(req);
    const entries = s.state.collection(caller.user.id).mixes.filter((e) => s.state.mixes.has(e.id));
    const sorted = sortBy(
      entries,
      (e) => (order === "NAME" ? (s.state.mixes.get(e.id)?.title ?? "").toLowerCase() : e.added),
      descending,
    );
    const { items, cursor } = cursorSlice(sorted, cursorPage(req));
    const latest = entries.reduce((max, e) => Math.max(max, e.added), 0);
    return ok({
      items: items.map((e) => favouriteMixJson(s, req, e)).filter((j) => j !== undefined),
      cursor,
      lastModifiedAt: v2DateTime(latest),
    });
  });

  route("GET", "/v2/favorites/mixes/ids", (req, s) => {
    const caller = requireUser(s, req);
    const entries = s.state.collection(caller.user.id).mixes.filter((e) => s.state.mixes.has(e.id));
    const { items, cursor } = cursorSlice(entries, cursorPage(req));
    return ok({ content: items.map((e) => e.id), cursor });
  });

  route("PUT", "/v2/favorites/mixes/add", (req, s) => {
    const caller = requireUser(s, req);
    const ids = mixIdsParam(req);
    const mode = onArtifactNotFound(req);
    const known: string[] = [];
    for (const id of ids) {
      if (s.state.mixes.has(id)) known.push(id);
      else if (mode === "FAIL") throw notFound(`Mix ${id}`);
    }
    const list = s.state.collection(caller.user.id).mixes;
    for (const id of known) if (!list.some((e) => e.id === id)) list.push({ id, added: s.now() });
    return noContent();
  });

  route("PUT", "/v2/favorites/mixes/remove", (req, s) => {
    const caller = requireUser(s, req);
    const ids = new Set(mixIdsParam(req));
    const collection = s.state.collection(caller.user.id);
    collection.mixes = collection.mixes.filter((e) => !ids.has(e.id));
    return noContent();
  });

  // Profiles and follows (v2).
  route("GET", "/v2/profiles/blocked-profiles", (req, s) => {
    const caller = requireUser(s, req);
    const blocked = s.state
      .collection(caller.user.id)
      .blockedUsers.map((e) => s.state.users.get(e.id))
      .filter((u): u is UserSeed => u !== undefined)
      .map((u) => profile(s, u, caller.user.id));
    return ok(offsetEnvelope(blocked, offsetPage(req)));
  });

  route("GET", "/v2/profiles/:userId/followers", (req, s) => {
    const caller = requireUser(s, req);
    const user = pathUser(s, req, caller, { privateData: false });
    const followers = followersOf(s, user.id).map((u) => profile(s, u, caller.user.id));
    return ok(cursorSlice(followers, cursorPage(req)));
  });

  route("GET", "/v2/profiles/:userId/following", (req, s) => {
    const caller = requireUser(s, req);
    const user = pathUser(s, req, caller, { privateData: false });
    const following = s.state
      .collection(user.id)
      .following.map((e) => s.state.users.get(e.id))
      .filter((u): u is UserSeed => u !== undefined)
      .map((u) => profile(s, u, caller.user.id));
    return ok(cursorSlice(following, cursorPage(req)));
  });

  route("PUT", "/v2/follow", (req, s) => {
    const caller = requireUser(s, req);
    const target = trnUser(s, req, caller);
    if (target.id === caller.user.id) throw invalidParameter("trn", "a user cannot follow themselves");
    const list = s.state.collection(caller.user.id).following;
    if (!list.some((e) => e.id === target.id)) list.push({ id: target.id, added: s.now() });
    return noContent();
  });

  route("DELETE", "/v2/follow", (req, s) => {
    const caller = requireUser(s, req);
    const target = trnUser(s, req, caller);
    const collection = s.state.collection(caller.user.id);
    collection.following = collection.following.filter((e) => e.id !== target.id);
    return noContent();
  });

  route("PUT", "/v2/profiles/block/:userId", (req, s) => {
    const caller = requireUser(s, req);
    const target = pathUser(s, req, caller, { privateData: false });
    if (target.id === caller.user.id) throw invalidParameter("user_id", "a user cannot block themselves");
    const collection = s.state.collection(caller.user.id);
    if (!collection.blockedUsers.some((e) => e.id === target.id)) {
      collection.blockedUsers.push({ id: target.id, added: s.now() });
    }
    collection.following = collection.following.filter((e) => e.id !== target.id);
    return noContent();
  });

  route("DELETE", "/v2/profiles/block/:userId", (req, s) => {
    const caller = requireUser(s, req);
    const target = pathUser(s, req, caller, { privateData: false });
    const collection = s.state.collection(caller.user.id);
    collection.blockedUsers = collection.blockedUsers.filter((e) => e.id !== target.id);
    return noContent();
  });

  // Feed (v2).
  route("GET", "/v2/feed/activities", (req, s) => {
    const caller = requireUser(s, req);
    const activities = s.state.feed
      .filter((a) => a.userId === caller.user.id)
      .sort((a, b) => b.occurredAt - a.occurredAt)
      .map((a) => {
        const album = s.state.albums.get(a.albumId);
        const artists = (album?.artists ?? []).map((ref) => ({
          id: ref.id,
          name: s.state.artists.get(ref.id)?.name ?? "",
        }));
        return {
          followableActivity: {
            activityType: "NEW_ALBUM_RELEASE",
            occurredAt: v2DateTime(a.occurredAt),
            album: album
              ? {
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
                }
              : null,
          },
          seen: a.seen,
        };
      });
    return ok({ activities, stats: { totalNotSeenActivities: activities.filter((a) => !a.seen).length } });
  });

  route("PUT", "/v2/feed/activities/seen", (req, s) => {
    const caller = requireUser(s, req);
    for (const activity of s.state.feed) if (activity.userId === caller.user.id) activity.seen = true;
    return noContent();
  });

  route("GET", "/v2/feed/activities/unseen/exists", (req, s) => {
    const caller = requireUser(s, req);
    return ok({ hasUnseenActivities: s.state.feed.some((a) => a.userId === caller.user.id && !a.seen) });
  });
}
