/**
 * `GET /v1/search` (every type, or those in `types`, with a top hit) and `GET /v1/search/{type}`. Matching is a
 * case-insensitive substring of the title (or name) or of the main artist's name, most popular first; only public
 * playlists are found.
 */
import type { EmulatorRequest, RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, country, ok, resolveCaller } from "../context.js";
import type { AlbumSeed, ArtistSeed, TrackSeed, VideoSeed } from "../data.js";
import { invalidParameter, missingParameter } from "../errors.js";
import type { Json } from "../format.js";
import { offsetEnvelope, offsetPage } from "../paging.js";
import type { TidalService } from "../service.js";

const SEARCH_TYPES = ["ARTISTS", "ALBUMS", "TRACKS", "VIDEOS", "PLAYLISTS"] as const;

interface SearchResults {
  artists: ArtistSeed[];
  albums: AlbumSeed[];
  tracks: TrackSeed[];
  videos: VideoSeed[];
  playlists: Json[];
}

type Pick = (found: SearchResults, s: TidalService) => Json[];

/** Each type's list, keyed as in the answer and in the order the combined answer lists them. */
const ONE_TYPE: Record<string, Pick> = {
  artists: (f, s) => f.artists.map((a) => s.fmt.artist(a)),
  albums: (f, s) => f.albums.map((a) => s.fmt.album(a)),
  playlists: (f) => f.playlists,
  tracks: (f, s) => f.tracks.map((t) => s.fmt.track(t)),
  videos: (f, s) => f.videos.map((v) => s.fmt.video(v)),
};

export function searchRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/search", searchAll);
  for (const [path, pick] of Object.entries(ONE_TYPE)) r.add("GET", `/v1/search/${path}`, searchOne(pick));
}

function searchQuery(req: EmulatorRequest): string {
  const query = req.query.get("query");
  if (query === null || query.trim() === "") throw missingParameter("query");
  return query.trim().toLowerCase();
}

function wantedTypes(req: EmulatorRequest): string[] {
  const typesParam = req.query.get("types");
  const wanted = typesParam ? typesParam.split(",").map((t) => t.trim().toUpperCase()) : [...SEARCH_TYPES];
  for (const type of wanted) {
    if (!(SEARCH_TYPES as readonly string[]).includes(type)) throw invalidParameter("types", type);
  }
  return wanted;
}

const searchAll: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const cc = country(req);
  const query = searchQuery(req);
  const page = offsetPage(req, 10, 100);
  const wanted = wantedTypes(req);
  const found = search(s, query, cc);
  const body: Json = {};
  for (const [key, pick] of Object.entries(ONE_TYPE)) {
    if (wanted.includes(key.toUpperCase())) body[key] = offsetEnvelope(pick(found, s), page);
  }
  body.topHit = topHit(s, found, wanted);
  return ok(body);
};

/** The most popular artist, else track, else album, among the types asked for. */
function topHit(s: TidalService, found: SearchResults, wanted: string[]): Json | null {
  const topArtist = wanted.includes("ARTISTS") ? found.artists[0] : undefined;
  const topTrack = wanted.includes("TRACKS") ? found.tracks[0] : undefined;
  const topAlbum = wanted.includes("ALBUMS") ? found.albums[0] : undefined;
  if (topArtist) return { type: "ARTISTS", value: s.fmt.artist(topArtist) };
  if (topTrack) return { type: "TRACKS", value: s.fmt.track(topTrack) };
  if (topAlbum) return { type: "ALBUMS", value: s.fmt.album(topAlbum) };
  return null;
}

function searchOne(pick: Pick): ApiHandler {
  return (req, s) => {
    resolveCaller(s, req);
    const cc = country(req);
    const query = searchQuery(req);
    return ok(offsetEnvelope(pick(search(s, query, cc), s), offsetPage(req, 10, 100)));
  };
}

function matches(text: string, query: string): boolean {
  return text.toLowerCase().includes(query);
}

function search(svc: TidalService, query: string, cc: string): SearchResults {
  const artistName = (id: number | undefined): string =>
    id === undefined ? "" : (svc.state.artists.get(id)?.name ?? "");
  const byPopularity = <T extends { popularity: number }>(list: T[]): T[] =>
    list.sort((a, b) => b.popularity - a.popularity);
  const found = <T extends { title: string; popularity: number; artists: { id: number }[] }>(
    all: Iterable<T>,
    available: (item: T) => boolean,
  ): T[] =>
    byPopularity(
      [...all].filter(
        (item) =>
          available(item) && (matches(item.title, query) || matches(artistName(item.artists[0]?.id), query)),
      ),
    );
  return {
    artists: byPopularity([...svc.state.artists.values()].filter((a) => matches(a.name, query))),
    albums: found(svc.state.albums.values(), (a) => svc.state.albumAvailable(a, cc)),
    tracks: found(svc.state.tracks.values(), (t) => svc.state.trackAvailable(t, cc)),
    videos: found(svc.state.videos.values(), (v) => svc.state.videoAvailable(v, cc)),
    playlists: [...svc.state.playlists.values()]
      .filter((p) => p.isPublic && (matches(p.title, query) || matches(p.description, query)))
      .sort((a, b) => b.popularity - a.popularity)
      .map((p) => svc.fmt.playlist(p, true)),
  };
}
