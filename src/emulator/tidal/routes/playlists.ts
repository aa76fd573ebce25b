/**
 * Playlist routes: a v1 playlist, its items and recommendations, editing its title and description, and the v2
 * visibility switches. Reads send the playlist's ETag; see ../playlist-access.ts for who may see and change what.
 */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, country, noContent, ok, requireUser, resolveCaller } from "../context.js";
import type { PlaylistItemSeed } from "../data.js";
import { invalidParameter, missingParameter } from "../errors.js";
import type { Json } from "../format.js";
import { findPlaylist } from "../lookup.js";
import { offsetEnvelope, offsetPage } from "../paging.js";
import { assertOwner, assertVisible, editAnswer, etagHeaders } from "../playlist-access.js";
import type { TidalService } from "../service.js";
import { v1DateTime } from "../util.js";

export function playlistRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/playlists/:uuid", playlist);
  r.add("GET", "/v1/playlists/:uuid/items", playlistItems);
  r.add("GET", "/v1/playlists/:uuid/recommendations/items", playlistRecommendations);
  r.add("POST", "/v1/playlists/:uuid", updatePlaylistDetails);
  r.add("PUT", "/v2/playlists/:uuid/set-public", setVisibility(true));
  r.add("PUT", "/v2/playlists/:uuid/set-private", setVisibility(false));
}

const playlist: ApiHandler = (req, s) => {
  const caller = resolveCaller(s, req);
  country(req);
  const playlist = findPlaylist(s, req.params["uuid"]);
  assertVisible(playlist, caller);
  return ok(s.fmt.playlist(playlist), etagHeaders(s, playlist));
};

const playlistItems: ApiHandler = (req, s) => {
  const caller = resolveCaller(s, req);
  const cc = country(req);
  const playlist = findPlaylist(s, req.params["uuid"]);
  assertVisible(playlist, caller);
  // Unavailable items stay in the list (marked not streamable): item edits address items by index.
  const items = playlist.items
    .map((item, index) => playlistItemJson(s, item, index, cc))
    .filter((j): j is Json => j !== undefined);
  return ok(offsetEnvelope(items, offsetPage(req)), etagHeaders(s, playlist));
};

function playlistItemJson(
  svc: TidalService,
  item: PlaylistItemSeed,
  index: number,
  cc: string,
): Json | undefined {
  const extra = { dateAdded: v1DateTime(item.added), index: index * 1000 + 1000, itemUuid: item.itemUuid };
  if (item.type === "track") {
    const track = svc.state.tracks.get(item.id);
    if (!track) return undefined;
    const available = svc.state.trackAvailable(track, cc);
    const json = svc.fmt.track(track, { albumReleaseDate: true });
    return {
      item: { ...json, ...extra, description: null, allowStreaming: available, streamReady: available },
      type: "track",
      cut: null,
    };
  }
  const video = svc.state.videos.get(item.id);
  if (!video) return undefined;
  const available = svc.state.videoAvailable(video, cc);
  return {
    item: { ...svc.fmt.video(video), ...extra, allowStreaming: available, streamReady: available },
    type: "video",
    cut: null,
  };
}

/** Popular tracks by the playlist's main artists that it does not hold yet. */
const playlistRecommendations: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const cc = country(req);
  const playlist = findPlaylist(s, req.params["uuid"]);
  assertVisible(playlist, caller);
  const inPlaylist = new Set(playlist.items.filter((i) => i.type === "track").map((i) => i.id));
  const artists = new Set<number>();
  for (const id of inPlaylist) {
    const main = s.state.tracks.get(id)?.artists[0];
    if (main) artists.add(main.id);
  }
  const recommended = [...s.state.tracks.values()]
    .filter(
      (t) => !inPlaylist.has(t.id) && artists.has(t.artists[0]?.id ?? -1) && s.state.trackAvailable(t, cc),
    )
    .sort((a, b) => b.popularity - a.popularity)
    .map((t) => ({
      item: { ...s.fmt.track(t, { albumReleaseDate: true }), description: null },
      type: "track",
    }));
  return ok(offsetEnvelope(recommended, offsetPage(req)));
};

const updatePlaylistDetails: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const playlist = findPlaylist(s, req.params["uuid"]);
  assertOwner(playlist, caller);
  const title = req.form.get("title");
  const description = req.form.get("description");
  if (title === null && description === null) throw missingParameter("title or description");
  if (title !== null && title.trim() === "") throw invalidParameter("title", "must not be blank");
  if (title !== null) playlist.title = title.trim();
  if (description !== null) playlist.description = description;
  s.state.touchPlaylist(playlist, s.now());
  return editAnswer(s, playlist);
};

/** Switching to the visibility the playlist already has changes nothing, its ETag included. */
function setVisibility(isPublic: boolean): ApiHandler {
  return (req, s) => {
    const caller = requireUser(s, req);
    const playlist = findPlaylist(s, req.params["uuid"]);
    assertOwner(playlist, caller);
    if (playlist.isPublic !== isPublic) {
      playlist.isPublic = isPublic;
      s.state.touchPlaylist(playlist, s.now());
    }
    return noContent();
  };
}
