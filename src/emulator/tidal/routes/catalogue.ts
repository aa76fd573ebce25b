/**
 * Catalogue routes of api.tidal.com: albums, artists, tracks, videos, mixes, search, country and session.
 * Every list is filtered by `countryCode`: items not available there are left out and `totalNumberOfItems`
 * counts what remains (fixtures/tidal/yambs/tracks_1588184_US.json: 9 of the album's 16 tracks).
 */
import type { EmulatorRequest, RoleRouter } from "../../types.js";
import type { AlbumSeed, ArtistSeed, CreditSeed, TrackSeed, VideoSeed } from "../data.js";
import { TIDAL_SUB_STATUS, apiFailure, invalidParameter, missingParameter, notFound } from "../errors.js";
import type { Json } from "../format.js";
import {
  addRoute,
  country,
  hasSubscription,
  offsetEnvelope,
  offsetPage,
  ok,
  requireSubscription,
  requireUser,
  resolveCaller,
} from "../context.js";
import type { TidalService } from "../service.js";
import { stableUuid } from "../util.js";

const QUALITY_ORDER = ["LOW", "HIGH", "LOSSLESS", "HI_RES", "HI_RES_LOSSLESS"];
const VIDEO_QUALITIES = ["AUDIO_ONLY", "LOW", "MEDIUM", "HIGH"];

function numericId(req: EmulatorRequest, name: string): number {
  const raw = req.params[name] ?? "";
  return /^\d+$/.test(raw) ? Number(raw) : NaN;
}

export function findAlbum(svc: TidalService, id: number, cc: string): AlbumSeed {
  const album = svc.state.albums.get(id);
  if (!album || !svc.state.albumAvailable(album, cc)) throw notFound("Album");
  return album;
}

export function findArtist(svc: TidalService, id: number): ArtistSeed {
  const artist = svc.state.artists.get(id);
  if (!artist) throw notFound("Artist");
  return artist;
}

export function findTrack(svc: TidalService, id: number, cc: string): TrackSeed {
  const track = svc.state.tracks.get(id);
  if (!track || !svc.state.trackAvailable(track, cc)) throw notFound("Track");
  return track;
}

export function findVideo(svc: TidalService, id: number, cc: string): VideoSeed {
  const video = svc.state.videos.get(id);
  if (!video || !svc.state.videoAvailable(video, cc)) throw notFound("Video");
  return video;
}

function credits(list: CreditSeed[]): Json[] {
  return list.map((c) => ({ type: c.type, contributors: c.contributors.map((p) => ({ ...p })) }));
}

/** Album items (tracks and videos in album order) available in a country. */
export function albumItems(svc: TidalService, album: AlbumSeed, cc: string): Json[] {
  const tracks = svc.state.albumTracks(album.id).filter((t) => svc.state.trackAvailable(t, cc));
  const items: { volume: number; number: number; json: Json }[] = tracks.map((t) => ({
    volume: t.volumeNumber,
    number: t.trackNumber,
    json: { item: svc.fmt.track(t), type: "track" },
  }));
  for (const v of svc.state.albumVideos(album.id)) {
    if (svc.state.videoAvailable(v, cc)) {
      items.push({
        volume: v.volumeNumber,
        number: v.trackNumber,
        json: { item: svc.fmt.video(v), type: "video" },
      });
    }
  }
  items.sort((a, b) => a.volume - b.volume || a.number - b.number);
  return items.map((i) => i.json);
}

function artistTracksIn(svc: TidalService, artistId: number, cc: string): TrackSeed[] {
  return svc.state.artistTracks(artistId).filter((t) => svc.state.trackAvailable(t, cc));
}

export function mixTracks(svc: TidalService, trackIds: number[], cc: string): TrackSeed[] {
  const result: TrackSeed[] = [];
  for (const id of trackIds) {
    const track = svc.state.tracks.get(id);
    if (track && svc.state.trackAvailable(track, cc)) result.push(track);
  }
  return result;
}

function searchQuery(req: EmulatorRequest): string {
  const query = req.query.get("query");
  if (query === null || query.trim() === "") throw missingParameter("query");
  return query.trim().toLowerCase();
}

function matches(text: string, query: string): boolean {
  return text.toLowerCase().includes(query);
}

interface SearchResults {
  artists: ArtistSeed[];
  albums: AlbumSeed[];
  tracks: TrackSeed[];
  videos: VideoSeed[];
  playlists: Json[];
}

function search(svc: TidalService, query: string, cc: string): SearchResults {
  const artistName = (id: number | undefined): string =>
    id === undefined ? "" : (svc.state.artists.get(id)?.name ?? "");
  const byPopularity = <T extends { popularity: number }>(list: T[]): T[] =>
    list.sort((a, b) => b.popularity - a.popularity);
  return {
    artists: byPopularity([...svc.state.artists.values()].filter((a) => matches(a.name, query))),
    albums: byPopularity(
      [...svc.state.albums.values()].filter(
        (a) =>
          svc.state.albumAvailable(a, cc) &&
          (matches(a.title, query) || matches(artistName(a.artists[0]?.id), query)),
      ),
    ),
    tracks: byPopularity(
      [...svc.state.tracks.values()].filter(
        (t) =>
          svc.state.trackAvailable(t, cc) &&
          (matches(t.title, query) || matches(artistName(t.artists[0]?.id), query)),
      ),
    ),
    videos: byPopularity(
      [...svc.state.videos.values()].filter(
        (v) =>
          svc.state.videoAvailable(v, cc) &&
          (matches(v.title, query) || matches(artistName(v.artists[0]?.id), query)),
      ),
    ),
    playlists: [...svc.state.playlists.values()]
      .filter((p) => p.isPublic && (matches(p.title, query) || matches(p.description, query)))
      .sort((a, b) => b.popularity - a.popularity)
      .map((p) => svc.fmt.playlist(p, true)),
  };
}

const SEARCH_TYPES = ["ARTISTS", "ALBUMS", "TRACKS", "VIDEOS", "PLAYLISTS"] as const;

export function installCatalogueRoutes(router: RoleRouter, svc: () => TidalService): void {
  const get = (pattern: string, handler: Parameters<typeof addRoute>[5]): void =>
    addRoute(router, svc, "tidalApi", "GET", pattern, handler);

  get("/v1/country", (req, s) => {
    resolveCaller(s, req);
    return ok({ countryCode: s.config.countryCode });
  });

  get("/v1/sessions", (req, s) => {
    const caller = requireUser(s, req);
    const client = s.tokens.clients.get(caller.token.clientId);
    return ok({
      sessionId: caller.token.sessionId,
      userId: caller.user.id,
      countryCode: caller.user.countryCode,
      channelId: 1,
      partnerId: 1,
      client: {
        id: client?.numericId ?? 0,
        name: client?.name ?? caller.token.clientId,
        authorizedForOffline: hasSubscription(caller),
        authorizedForOfflineDate: hasSubscription(caller) ? "2021-01-15T00:00:00.000+0000" : null,
      },
    });
  });

  // Albums.
  get("/v1/albums/:albumId", (req, s) => {
    resolveCaller(s, req);
    return ok(s.fmt.album(findAlbum(s, numericId(req, "albumId"), country(req))));
  });
  get("/v1/albums/:albumId/credits", (req, s) => {
    resolveCaller(s, req);
    return ok(credits(findAlbum(s, numericId(req, "albumId"), country(req)).credits));
  });
  get("/v1/albums/:albumId/items", (req, s) => {
    resolveCaller(s, req);
    const cc = country(req);
    const album = findAlbum(s, numericId(req, "albumId"), cc);
    return ok(offsetEnvelope(albumItems(s, album, cc), offsetPage(req, 100)));
  });
  // Not a method of the spec, but the recorded bodies in fixtures/tidal/yambs come from this route.
  get("/v1/albums/:albumId/tracks", (req, s) => {
    resolveCaller(s, req);
    const cc = country(req);
    const album = findAlbum(s, numericId(req, "albumId"), cc);
    const tracks = s.state.albumTracks(album.id).filter((t) => s.state.trackAvailable(t, cc));
    return ok(
      offsetEnvelope(
        tracks.map((t) => s.fmt.track(t)),
        offsetPage(req, 100),
      ),
    );
  });
  get("/v1/albums/:albumId/items/credits", (req, s) => {
    resolveCaller(s, req);
    const cc = country(req);
    const album = findAlbum(s, numericId(req, "albumId"), cc);
    const items = albumItems(s, album, cc).map((entry) => {
      const item = entry.item as Json;
      const track = entry.type === "track" ? s.state.tracks.get(item.id as number) : undefined;
      const video = entry.type === "video" ? s.state.videos.get(item.id as number) : undefined;
      const list: Json[] = track
        ? track.credits.map((c) => ({
            type: c.type,
            contributors: c.contributors.map((p) => ({ name: p.name })),
          }))
        : (video?.contributors.map((c) => ({ type: c.role, contributors: [{ name: c.name }] })) ?? []);
      return { ...entry, credits: list };
    });
    return ok(offsetEnvelope(items, offsetPage(req, 100)));
  });
  get("/v1/albums/:albumId/review", (req, s) => {
    resolveCaller(s, req);
    const album = findAlbum(s, numericId(req, "albumId"), country(req));
    if (!album.review) throw notFound("Review");
    return ok({ ...album.review });
  });
  get("/v1/albums/:albumId/similar", (req, s) => {
    resolveCaller(s, req);
    const cc = country(req);
    const album = findAlbum(s, numericId(req, "albumId"), cc);
    const similar = album.similar
      .map((id) => s.state.albums.get(id))
      .filter((a): a is AlbumSeed => a !== undefined && s.state.albumAvailable(a, cc))
      .map((a) => s.fmt.album(a));
    return ok(offsetEnvelope(similar, offsetPage(req), { source: "TIDAL" }));
  });

  // Artists.
  get("/v1/artists/:artistId", (req, s) => {
    resolveCaller(s, req);
    country(req);
    return ok(s.fmt.artist(findArtist(s, numericId(req, "artistId"))));
  });
  get("/v1/artists/:artistId/albums", (req, s) => {
    resolveCaller(s, req);
    const cc = country(req);
    const artist = findArtist(s, numericId(req, "artistId"));
    const filter = req.query.get("filter");
    let types: string[];
    if (filter === null || filter === "" || filter === "ALBUMS") types = ["ALBUM"];
    else if (filter === "EPSANDSINGLES") types = ["EP", "SINGLE"];
    else if (filter === "COMPILATIONS") types = ["COMPILATION"];
    else throw invalidParameter("filter", filter);
    const albums = s.state
      .artistAlbums(artist.id)
      .filter((a) => types.includes(a.type) && s.state.albumAvailable(a, cc))
      .map((a) => s.fmt.album(a));
    return ok(offsetEnvelope(albums, offsetPage(req)));
  });
  get("/v1/artists/:artistId/bio", (req, s) => {
    resolveCaller(s, req);
    country(req);
    const artist = findArtist(s, numericId(req, "artistId"));
    if (!artist.bio) throw notFound("Biography");
    return ok({ ...artist.bio });
  });
  get("/v1/artists/:artistId/links", (req, s) => {
    resolveCaller(s, req);
    country(req);
    const artist = findArtist(s, numericId(req, "artistId"));
    return ok(
      offsetEnvelope(
        artist.links.map((l) => ({ ...l })),
        offsetPage(req),
        { source: "Emulator" },
      ),
    );
  });
  get("/v1/artists/:artistId/mix", (req, s) => {
    resolveCaller(s, req);
    country(req);
    return ok({ id: findArtist(s, numericId(req, "artistId")).mixId });
  });
  get("/v1/artists/:artistId/radio", (req, s) => {
    resolveCaller(s, req);
    const cc = country(req);
    const artist = findArtist(s, numericId(req, "artistId"));
    const mix = s.state.mixes.get(artist.mixId);
    const tracks = mixTracks(s, mix?.trackIds ?? [], cc).map((t) => s.fmt.track(t));
    return ok(offsetEnvelope(tracks, offsetPage(req)));
  });
  get("/v1/artists/:artistId/toptracks", (req, s) => {
    resolveCaller(s, req);
    const cc = country(req);
    const artist = findArtist(s, numericId(req, "artistId"));
    return ok(
      offsetEnvelope(
        artistTracksIn(s, artist.id, cc).map((t) => s.fmt.track(t)),
        offsetPage(req),
      ),
    );
  });
  get("/v1/artists/:artistId/videos", (req, s) => {
    resolveCaller(s, req);
    const cc = country(req);
    const artist = findArtist(s, numericId(req, "artistId"));
    const videos = s.state
      .artistVideos(artist.id)
      .filter((v) => s.state.videoAvailable(v, cc))
      .map((v) => s.fmt.video(v));
    return ok(offsetEnvelope(videos, offsetPage(req)));
  });
  get("/v1/artists/:artistId/similar", (req, s) => {
    resolveCaller(s, req);
    country(req);
    const artist = findArtist(s, numericId(req, "artistId"));
    const similar = artist.similar
      .map((id) => s.state.artists.get(id))
      .filter((a): a is ArtistSeed => a !== undefined)
      .map((a) => ({
        ...s.fmt.artist(a),
        artistRoles: a.roles.map((r) => r.category),
        banner: a.picture,
        type: "ARTIST",
        relationType: "SIMILAR_ARTIST",
      }));
    return ok(offsetEnvelope(similar, offsetPage(req), { source: "TIDAL" }));
  });

  // Tracks.
  get("/v1/tracks/:trackId", (req, s) => {
    resolveCaller(s, req);
    return ok(s.fmt.track(findTrack(s, numericId(req, "trackId"), country(req))));
  });
  get("/v1/tracks/:trackId/contributors", (req, s) => {
    resolveCaller(s, req);
    const track = findTrack(s, numericId(req, "trackId"), country(req));
    const people = track.credits.flatMap((c) => c.contributors.map((p) => ({ name: p.name, role: c.type })));
    return ok(offsetEnvelope(people, offsetPage(req)));
  });
  get("/v1/tracks/:trackId/credits", (req, s) => {
    resolveCaller(s, req);
    return ok(credits(findTrack(s, numericId(req, "trackId"), country(req)).credits));
  });
  get("/v1/tracks/:trackId/lyrics", (req, s) => {
    const caller = requireUser(s, req);
    requireSubscription(caller);
    const track = findTrack(s, numericId(req, "trackId"), country(req, caller.user.countryCode));
    if (!track.lyrics) throw notFound("Lyrics");
    const lines = track.lyrics.split("\n");
    return ok({
      trackId: track.id,
      lyricsProvider: "Emulator Lyrics",
      providerCommontrackId: String(track.id * 7),
      providerLyricsId: String(track.id * 11),
      lyrics: track.lyrics,
      subtitles: lines.map((line, i) => `[00:${String(10 + i * 4).padStart(2, "0")}.00] ${line}`).join("\n"),
      isRightToLeft: false,
    });
  });
  get("/v1/tracks/:trackId/mix", (req, s) => {
    resolveCaller(s, req);
    return ok({ id: findTrack(s, numericId(req, "trackId"), country(req)).mixId });
  });
  get("/v1/tracks/:trackId/recommendations", (req, s) => {
    requireUser(s, req);
    const cc = country(req);
    const track = findTrack(s, numericId(req, "trackId"), cc);
    const mix = s.state.mixes.get(track.mixId);
    const items = mixTracks(
      s,
      (mix?.trackIds ?? []).filter((id) => id !== track.id),
      cc,
    ).map((t) => ({
      track: s.fmt.track(t),
      sources: ["SUGGESTED_TRACKS"],
    }));
    return ok(offsetEnvelope(items, offsetPage(req)));
  });
  get("/v1/tracks/:trackId/playbackinfo", (req, s) => {
    const caller = resolveCaller(s, req);
    const quality = (req.query.get("audioquality") ?? "HIGH").toUpperCase();
    const mode = (req.query.get("playbackmode") ?? "STREAM").toUpperCase();
    const presentation = (req.query.get("assetpresentation") ?? "FULL").toUpperCase();
    if (!QUALITY_ORDER.includes(quality)) throw invalidParameter("audioquality", quality);
    if (mode !== "STREAM" && mode !== "OFFLINE") throw invalidParameter("playbackmode", mode);
    if (presentation !== "FULL" && presentation !== "PREVIEW")
      throw invalidParameter("assetpresentation", presentation);
    const subscribed = caller.kind === "user" && hasSubscription(caller);
    if (mode === "OFFLINE" && !subscribed) {
      throw apiFailure(
        403,
        TIDAL_SUB_STATUS.noSubscription,
        "Offline playback requires an active TIDAL subscription",
      );
    }
    const cc = caller.kind === "user" ? caller.user.countryCode : s.config.countryCode;
    const track = findTrack(s, numericId(req, "trackId"), cc);
    const album = s.state.albums.get(track.albumId);
    // Without a plan the service only hands out previews in normal quality.
    const ceiling = subscribed ? (album?.audioQuality ?? "LOSSLESS") : "HIGH";
    const granted =
      QUALITY_ORDER[Math.min(QUALITY_ORDER.indexOf(quality), QUALITY_ORDER.indexOf(ceiling))] ?? "HIGH";
    const lossless = granted === "LOSSLESS" || granted.startsWith("HI_RES");
    const manifest = {
      mimeType: lossless ? "audio/flac" : "audio/mp4",
      codecs: lossless ? "flac" : "mp4a.40.2",
      encryptionType: "NONE",
      urls: [`${req.urls.tidalResources}/media/tracks/${track.id}/${granted}.${lossless ? "flac" : "m4a"}`],
    };
    const encoded = Buffer.from(JSON.stringify(manifest), "utf8").toString("base64");
    return ok({
      trackId: track.id,
      assetPresentation: subscribed ? presentation : "PREVIEW",
      audioMode: "STEREO",
      audioQuality: granted,
      manifestMimeType: "application/vnd.tidal.bts",
      manifestHash: stableUuid(`manifest:${track.id}:${granted}`),
      manifest: encoded,
      albumReplayGain: track.replayGain,
      albumPeakAmplitude: track.peak,
      trackReplayGain: track.replayGain,
      trackPeakAmplitude: track.peak,
      bitDepth: granted.startsWith("HI_RES") ? 24 : lossless ? 16 : null,
      sampleRate: granted.startsWith("HI_RES") ? 96000 : lossless ? 44100 : null,
      licenseSecurityToken: null,
    });
  });

  // Videos.
  get("/v1/videos/:videoId", (req, s) => {
    resolveCaller(s, req);
    return ok(s.fmt.video(findVideo(s, numericId(req, "videoId"), country(req))));
  });
  get("/v1/videos/:videoId/contributors", (req, s) => {
    resolveCaller(s, req);
    const video = findVideo(s, numericId(req, "videoId"), country(req));
    return ok(
      offsetEnvelope(
        video.contributors.map((c) => ({ ...c })),
        offsetPage(req),
      ),
    );
  });
  get("/v1/videos/:videoId/playbackinfo", (req, s) => {
    const caller = requireUser(s, req);
    requireSubscription(caller);
    const quality = (req.query.get("videoquality") ?? "HIGH").toUpperCase();
    const mode = (req.query.get("playbackmode") ?? "STREAM").toUpperCase();
    const presentation = (req.query.get("assetpresentation") ?? "FULL").toUpperCase();
    if (!VIDEO_QUALITIES.includes(quality)) throw invalidParameter("videoquality", quality);
    if (mode !== "STREAM" && mode !== "OFFLINE") throw invalidParameter("playbackmode", mode);
    if (presentation !== "FULL" && presentation !== "PREVIEW")
      throw invalidParameter("assetpresentation", presentation);
    const video = findVideo(s, numericId(req, "videoId"), caller.user.countryCode);
    const manifest = {
      mimeType: "video/mp4",
      urls: [`${req.urls.tidalResources}/media/videos/${video.id}/${quality}.mp4`],
    };
    return ok({
      videoId: video.id,
      streamType: "ON_DEMAND",
      assetPresentation: presentation,
      videoQuality: quality,
      manifestMimeType: "application/vnd.tidal.emu",
      manifestHash: stableUuid(`manifest:video:${video.id}:${quality}`),
      manifest: Buffer.from(JSON.stringify(manifest), "utf8").toString("base64"),
      licenseSecurityToken: null,
      trackReplayGain: -9.5,
      trackPeakAmplitude: 0.98,
    });
  });

  // Mixes.
  get("/v1/mixes/:mixId/items", (req, s) => {
    resolveCaller(s, req);
    const cc = country(req);
    const mix = s.state.mixes.get(req.params["mixId"] ?? "");
    if (!mix) throw notFound("Mix");
    const items = mixTracks(s, mix.trackIds, cc).map((t) => ({ item: s.fmt.track(t), type: "track" }));
    return ok(offsetEnvelope(items, offsetPage(req, 100)));
  });

  // Search.
  get("/v1/search", (req, s) => {
    resolveCaller(s, req);
    const cc = country(req);
    const query = searchQuery(req);
    const page = offsetPage(req, 10, 100);
    const typesParam = req.query.get("types");
    const wanted = typesParam ? typesParam.split(",").map((t) => t.trim().toUpperCase()) : [...SEARCH_TYPES];
    for (const type of wanted) {
      if (!(SEARCH_TYPES as readonly string[]).includes(type)) throw invalidParameter("types", type);
    }
    const found = search(s, query, cc);
    const body: Json = {};
    if (wanted.includes("ARTISTS"))
      body.artists = offsetEnvelope(
        found.artists.map((a) => s.fmt.artist(a)),
        page,
      );
    if (wanted.includes("ALBUMS"))
      body.albums = offsetEnvelope(
        found.albums.map((a) => s.fmt.album(a)),
        page,
      );
    if (wanted.includes("PLAYLISTS")) body.playlists = offsetEnvelope(found.playlists, page);
    if (wanted.includes("TRACKS"))
      body.tracks = offsetEnvelope(
        found.tracks.map((t) => s.fmt.track(t)),
        page,
      );
    if (wanted.includes("VIDEOS"))
      body.videos = offsetEnvelope(
        found.videos.map((v) => s.fmt.video(v)),
        page,
      );
    const topArtist = wanted.includes("ARTISTS") ? found.artists[0] : undefined;
    const topTrack = wanted.includes("TRACKS") ? found.tracks[0] : undefined;
    const topAlbum = wanted.includes("ALBUMS") ? found.albums[0] : undefined;
    if (topArtist) body.topHit = { type: "ARTISTS", value: s.fmt.artist(topArtist) };
    else if (topTrack) body.topHit = { type: "TRACKS", value: s.fmt.track(topTrack) };
    else if (topAlbum) body.topHit = { type: "ALBUMS", value: s.fmt.album(topAlbum) };
    else body.topHit = null;
    return ok(body);
  });
  const searchOne = (path: string, pick: (found: SearchResults, s: TidalService) => Json[]): void =>
    get(`/v1/search/${path}`, (req, s) => {
      resolveCaller(s, req);
      const cc = country(req);
      const query = searchQuery(req);
      return ok(offsetEnvelope(pick(search(s, query, cc), s), offsetPage(req, 10, 100)));
    });
  searchOne("artists", (f, s) => f.artists.map((a) => s.fmt.artist(a)));
  searchOne("albums", (f, s) => f.albums.map((a) => s.fmt.album(a)));
  searchOne("tracks", (f, s) => f.tracks.map((t) => s.fmt.track(t)));
  searchOne("videos", (f, s) => f.videos.map((v) => s.fmt.video(v)));
  searchOne("playlists", (f) => f.playlists);
}
