/**
 * Accounts: profile, permissions, options, notifications, flow, history, charts, recommendations, favourites
 * (albums, artists, tracks, playlists, podcasts, radios), playlists, personal songs and the social graph.
 *
 * `user_id` may be `me` (the token's account). Public lists of an account (profile, favourites, playlists,
 * followers …) are readable by anyone, as the recordings read them without a token; private ones (flow, history,
 * recommendations, permissions, options, personal songs) and every write need that account's own token, and
 * writes the permission Deezer documents for them. Writes answer a bare `true`, or `false` when Deezer declines
 * (following an unknown account or oneself, test_follow_by_id_fail; following a playlist one owns or already
 * follows, test_add_playlist_failed).
 *
 * `GET /user/{id}/history` is the list whose `total` moves while a client pages through it: after answering, the
 * emulator records one more play (the next track of the account's flow), as if the user were listening meanwhile.
 * Each request therefore sees `total` one higher than the previous one and the newest-first entries shifted by one.
 */
import type { RequestContext, RouteTable } from "../context.js";
import { idList, nowSeconds, param, parseId, resolveUser } from "../context.js";
import { ALL_PERMISSIONS } from "../data.js";
import type { UserSeed } from "../data.js";
import { fail, notFound, ok } from "../errors.js";
import { imageRoute } from "../lookup.js";
import { bare, page } from "../paging.js";
import type { FavouriteKind, PlaylistState } from "../state.js";
import { withExtras } from "../views.js";

interface FavouriteSpec {
  kind: Exclude<FavouriteKind, "playlists">;
  params: [string, string];
  exists: (ctx: RequestContext, id: number) => boolean;
  view: (ctx: RequestContext, id: number) => Record<string, unknown>;
}

const FAVOURITES: FavouriteSpec[] = [
  {
    kind: "albums",
    params: ["album_id", "album_ids"],
    exists: (ctx, id) => ctx.state.albums.has(id),
    view: (ctx, id) => ctx.views.albumById(id, "user"),
  },
  {
    kind: "artists",
    params: ["artist_id", "artist_ids"],
    exists: (ctx, id) => ctx.state.artists.has(id),
    view: (ctx, id) => ctx.views.artistById(id, "listed"),
  },
  {
    kind: "tracks",
    params: ["track_id", "track_ids"],
    exists: (ctx, id) => ctx.state.tracks.has(id),
    view: (ctx, id) => ctx.views.trackById(id, "list"),
  },
  {
    kind: "podcasts",
    params: ["podcast_id", "podcast_ids"],
    exists: (ctx, id) => ctx.state.podcasts.has(id),
    view: (ctx, id) => ctx.views.podcastById(id),
  },
  {
    kind: "radios",
    params: ["radio_id", "radio_ids"],
    exists: (ctx, id) => ctx.state.radios.has(id),
    view: (ctx, id) => ctx.views.radioById(id, "list"),
  },
];

function userParam(ctx: RequestContext): string {
  return ctx.req.params["id"] ?? "";
}

/** The account's entitlements; premium accounts (status ≥ 1) stream without ads, status 2 in lossless. */
function options(user: UserSeed): Record<string, unknown> {
  const premium = user.status >= 1;
  return {
    streaming: true,
    streaming_duration: premium ? 0 : 10800,
    offline: premium,
    hq: premium,
    ads_display: !premium,
    ads_audio: !premium,
    too_many_devices: false,
    can_subscribe: !premium,
    radio_skips: premium ? 0 : 6,
    lossless: user.status >= 2,
    preview: true,
    radio: true,
    type: "options",
  };
}

interface ListedPlaylist {
  playlist: PlaylistState;
  timeAdd: number;
}

/** Own playlists newest first, then followed ones; others see public playlists only. */
function playlistsOf(ctx: RequestContext, userId: number, self: boolean): ListedPlaylist[] {
  const own = ctx.state
    .playlistsOwnedBy(userId)
    .filter((p) => self || p.public)
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    .map((playlist) => ({ playlist, timeAdd: Math.floor(playlist.createdAt / 1000) }));
  const followed: ListedPlaylist[] = [];
  for (const [id, timeAdd] of ctx.state.library(userId).playlists) {
    const playlist = ctx.state.playlists.get(id);
    if (playlist && (playlist.public || playlist.ownerId === ctx.token?.userId))
      followed.push({ playlist, timeAdd });
  }
  return [...own, ...followed];
}

function favouriteRoutes(r: RouteTable, spec: FavouriteSpec): void {
  const path = `/user/:id/${spec.kind}`;
  r.add("GET", path, (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "public");
    const entries = [...ctx.state.library(user.id)[spec.kind]];
    return ok(
      page(ctx, entries, {
        map: ([id, added]) => withExtras(spec.view(ctx, id), { time_add: added }),
        extra: { checksum: ctx.views.checksum(entries.map(([id]) => id)) },
      }),
    );
  });
  r.add("POST", path, (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "self", ["manage_library"]);
    const ids = idList(ctx, ...spec.params);
    if (ids.some((id) => !spec.exists(ctx, id))) return fail.noData();
    const favourites = ctx.state.library(user.id)[spec.kind];
    for (const id of ids) if (!favourites.has(id)) favourites.set(id, nowSeconds(ctx));
    return ok(true);
  });
  r.add("DELETE", path, (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "self", ["manage_library", "delete_library"]);
    const favourites = ctx.state.library(user.id)[spec.kind];
    for (const id of idList(ctx, ...spec.params)) favourites.delete(id);
    return ok(true);
  });
}

export function userRoutes(r: RouteTable): void {
  r.add("GET", "/user/:id", (ctx) => {
    const { user, self } = resolveUser(ctx, userParam(ctx), "public");
    if (!self) return ok(ctx.views.user(user, "public"));
    return ok(ctx.views.user(user, "self", { email: ctx.token?.permissions.has("email") === true }));
  });

  r.add("GET", "/user/:id/permissions", (ctx) => {
    resolveUser(ctx, userParam(ctx), "self");
    const granted = ctx.token?.permissions;
    return ok({ permissions: Object.fromEntries(ALL_PERMISSIONS.map((p) => [p, granted?.has(p) === true])) });
  });

  r.add("GET", "/user/:id/options", (ctx) => ok(options(resolveUser(ctx, userParam(ctx), "self").user)));

  r.add("POST", "/user/:id/notifications", (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "self");
    const message = param(ctx, "message");
    if (message === undefined || message.trim() === "") return fail.missing("message");
    ctx.state.library(user.id).notifications.push({ message, sentAt: nowSeconds(ctx) });
    return ok({ success: true });
  });

  r.add("GET", "/user/:id/flow", (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "self");
    return ok(bare(ctx, ctx.state.library(user.id).flow, (id) => ctx.views.trackById(id, "list")));
  });

  r.add("GET", "/user/:id/history", (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "self", ["listening_history"]);
    const library = ctx.state.library(user.id);
    const body = page(ctx, [...library.history], {
      map: (play) => withExtras(ctx.views.trackById(play.trackId, "history"), { timestamp: play.timestamp }),
    });
    const pool = library.flow.length > 0 ? library.flow : [...ctx.state.tracks.keys()];
    const next = pool[library.history.length % pool.length];
    if (next !== undefined) library.history.unshift({ trackId: next, timestamp: nowSeconds(ctx) });
    return ok(body);
  });

  r.add("GET", "/user/:id/charts/:type", (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "public");
    const charts = ctx.state.library(user.id).charts;
    const type = ctx.req.params["type"];
    const map = (id: number): Record<string, unknown> => {
      switch (type) {
        case "tracks":
          return ctx.views.trackById(id, "list");
        case "albums":
          return ctx.views.albumById(id, "user");
        case "artists":
          return ctx.views.artistById(id, "listed");
        default:
          return ctx.views.playlistById(id, "user");
      }
    };
    if (type !== "tracks" && type !== "albums" && type !== "artists" && type !== "playlists")
      return notFound();
    const ids = charts[type].filter((id) => type !== "playlists" || ctx.state.playlists.has(id));
    return ok(page(ctx, ids, { map, extra: { checksum: ctx.views.checksum(ids) } }));
  });

  r.add("GET", "/user/:id/recommendations/:type", (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "self");
    const reco = ctx.state.library(user.id).recommendations;
    // Recommendations carry the time they were made: spread over the last hours, newest first.
    const stamp = (position: number): { timestamp: number } => ({
      timestamp: nowSeconds(ctx) - 3600 * (position + 1),
    });
    switch (ctx.req.params["type"]) {
      case "albums":
        return ok(
          page(ctx, reco.albums, { map: (id, i) => withExtras(ctx.views.albumById(id, "user"), stamp(i)) }),
        );
      case "releases":
        return ok(
          page(ctx, reco.releases, { map: (id, i) => withExtras(ctx.views.albumById(id, "user"), stamp(i)) }),
        );
      case "radios":
        return ok(
          page(ctx, reco.radios, { map: (id, i) => withExtras(ctx.views.radioById(id, "list"), stamp(i)) }),
        );
      // Plain lists without `total` (test_get_user_recommended_artists, _playlists, _tracks).
      case "artists":
        return ok(
          bare(ctx, reco.artists, (id, i) => withExtras(ctx.views.artistById(id, "genre"), stamp(i))),
        );
      case "playlists":
        return ok(
          bare(
            ctx,
            reco.playlists.filter((id) => ctx.state.playlists.has(id)),
            (id, i) => withExtras(ctx.views.playlistById(id, "summary"), stamp(i)),
          ),
        );
      case "tracks":
        return ok(bare(ctx, reco.tracks, (id, i) => withExtras(ctx.views.trackById(id, "list"), stamp(i))));
      default:
        return notFound();
    }
  });

  for (const spec of FAVOURITES) favouriteRoutes(r, spec);

  r.add("GET", "/user/:id/playlists", (ctx) => {
    const { user, self } = resolveUser(ctx, userParam(ctx), "public");
    const listed = playlistsOf(ctx, user.id, self);
    return ok(
      page(ctx, listed, {
        map: ({ playlist, timeAdd }) =>
          withExtras(ctx.views.playlist(playlist, "user"), {
            time_add: timeAdd,
            time_mod: Math.floor(playlist.modifiedAt / 1000),
          }),
        extra: { checksum: ctx.views.longChecksum(listed.map((l) => l.playlist.id)) },
      }),
    );
  });

  /*
   * With `title` (or `name`, which some clients send) this creates a playlist and answers `{"id": …}`
   * (test_create_playlist); with `playlist_id(s)` it follows existing playlists (test_add_user_playlist).
   */
  r.add("POST", "/user/:id/playlists", (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "self", ["manage_library"]);
    const title = param(ctx, "title") ?? param(ctx, "name");
    if (title !== undefined) {
      if (title.trim() === "") return fail.wrongParameter();
      const id = ctx.state.nextPlaylistId++;
      ctx.state.playlists.set(id, {
        id,
        title,
        description: "",
        ownerId: user.id,
        public: true,
        collaborative: false,
        isLovedTrack: false,
        createdAt: ctx.now,
        modifiedAt: ctx.now,
        fans: 0,
        genreId: null,
        tracks: [],
      });
      return ok({ id });
    }
    const ids = idList(ctx, "playlist_id", "playlist_ids");
    const followed = ctx.state.library(user.id).playlists;
    let all = true;
    for (const id of ids) {
      const playlist = ctx.state.playlists.get(id);
      if (!playlist || !playlist.public || playlist.ownerId === user.id || followed.has(id)) {
        all = false;
        continue;
      }
      followed.set(id, nowSeconds(ctx));
    }
    return ok(all);
  });

  r.add("DELETE", "/user/:id/playlists", (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "self", ["manage_library", "delete_library"]);
    const followed = ctx.state.library(user.id).playlists;
    for (const id of idList(ctx, "playlist_id", "playlist_ids")) followed.delete(id);
    return ok(true);
  });

  r.add("GET", "/user/:id/personal_songs", (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "self");
    const songs = [...ctx.state.personalSongs.values()].filter((s) => s.ownerId === user.id);
    return ok(page(ctx, songs, { map: (s) => ctx.views.personalSong(s) }));
  });

  r.add("GET", "/user/:id/followings", (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "public");
    const ids = [...ctx.state.library(user.id).followings.keys()].filter((id) => ctx.state.users.has(id));
    return ok(page(ctx, ids, { map: (id) => ctx.views.userById(id, "list") }));
  });

  r.add("GET", "/user/:id/followers", (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "public");
    return ok(page(ctx, ctx.state.followersOf(user.id), { map: (id) => ctx.views.userById(id, "list") }));
  });

  // The account to (un)follow travels as `user_id` in the query; the path names the acting account.
  r.add("POST", "/user/:id/followings", (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "self", ["manage_community"]);
    const raw = param(ctx, "user_id");
    if (raw === undefined || raw === "") return fail.missing("user_id");
    const target = parseId(raw);
    if (target === undefined || target === user.id || !ctx.state.users.has(target)) return ok(false);
    const followings = ctx.state.library(user.id).followings;
    if (!followings.has(target)) followings.set(target, nowSeconds(ctx));
    return ok(true);
  });

  r.add("DELETE", "/user/:id/followings", (ctx) => {
    const { user } = resolveUser(ctx, userParam(ctx), "self", ["manage_community"]);
    const raw = param(ctx, "user_id");
    if (raw === undefined || raw === "") return fail.missing("user_id");
    const target = parseId(raw);
    if (target !== undefined) ctx.state.library(user.id).followings.delete(target);
    return ok(true);
  });

  imageRoute(r, "user", (ctx, id) => ctx.state.users.has(id));
}

export { options as userOptions };
