/**
 * Every one of the 138 methods of the endpoint spec, called through the public surface against the emulator:
 * the request the emulator received (method, path, query) must be the one the spec describes, and the answer must
 * be the parsed body of the right shape.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { AuthenticationRequiredError } from "../../src/core/errors.js";
import { DeezerAPIClient } from "../../src/deezer/client.js";
import { DEEZER_SEED_IDS, DeezerState, type DeezerEmulator } from "../../src/emulator/deezer/index.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";

const { ALBUM, ARTIST, GENRE, PLAYLIST, PODCAST, RADIO, USER } = DEEZER_SEED_IDS;

interface SpecParam {
  wire: string;
  wireName: string | null;
}
interface SpecEntry {
  group: string;
  tsName: string;
  httpMethod: string;
  path: string;
  intendedPath: string | null;
  pathVariants: { path: string }[] | null;
  params: SpecParam[];
  auth: string;
  paginated: boolean;
}

const SPEC_FILE = fileURLToPath(new URL("../data/deezer.endpoints.json", import.meta.url));
const SPEC = JSON.parse(readFileSync(SPEC_FILE, "utf8")) as SpecEntry[];

type Client = DeezerAPIClient;

interface Row {
  call: (client: Client) => Promise<unknown>;
  method: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string>;
  /** A check of the answer beyond "it is the parsed body". */
  answer: (value: unknown) => void;
  /** What a write must have changed in the emulated service. */
  effect?: (deezer: DeezerEmulator) => void;
}

const PAGE = { limit: 2, offset: 1 } as const;
const PAGE_QUERY = { limit: "2", index: "1" };

function isPage(value: unknown): void {
  assert.ok(typeof value === "object" && value !== null, "an object");
  const page = value as { data?: unknown; total?: unknown };
  assert.ok(Array.isArray(page.data), "a page with data");
}

function nonEmptyPage(value: unknown): void {
  isPage(value);
  assert.ok((value as { data: unknown[] }).data.length > 0, "with at least one item");
}

function hasId(id: number): (value: unknown) => void {
  return (value) => assert.equal((value as { id?: unknown }).id, id);
}

function pick(playlist: { title: string; collaborative: boolean; public: boolean } | undefined): object {
  assert.ok(playlist);
  return { title: playlist.title, collaborative: playlist.collaborative, public: playlist.public };
}

function isTrue(value: unknown): void {
  assert.equal(value, true);
}

function hasType(type: string): (value: unknown) => void {
  return (value) => assert.equal((value as { type?: unknown }).type, type);
}

// The seed is deterministic; a fresh copy names the ids the constants above do not.
const SEED = new DeezerState();
const TRACK = SEED.albums.get(ALBUM.saltInTheEngine)!.trackIds[0]!;
const IN_COMMUTE = new Set(SEED.playlists.get(PLAYLIST.morningCommute)!.tracks.map((t) => t.trackId));
const [NEW_TRACK, OTHER_TRACK] = SEED.albums
  .get(ALBUM.glasshouse)!
  .trackIds.filter((id) => !IN_COMMUTE.has(id)) as [number, number];
const EPISODE = [...SEED.episodes.keys()][0]!;
const PERSONAL_SONG = [...SEED.personalSongs.keys()][0]!;

function page(path: string, call: Row["call"], check: Row["answer"] = isPage): Row {
  return { call, method: "GET", path, query: PAGE_QUERY, answer: check };
}

function rows(): Record<string, Row> {
  const me = "/user/me";
  const userPages = (group: string, wrapper: boolean): Record<string, Row> => {
    const pick = (name: string) => (c: Client) =>
      (
        c[(wrapper ? group : "users") as "users"] as unknown as Record<
          string,
          (u: unknown, o: unknown) => Promise<unknown>
        >
      )[name]!("me", PAGE);
    const all: Record<string, [string, string]> = {
      getUserSavedAlbums: ["albums", `${me}/albums`],
      getUserTopAlbums: ["albums", `${me}/charts/albums`],
      getUserAlbumRecommendations: ["albums", `${me}/recommendations/albums`],
      getUserReleaseRecommendations: ["albums", `${me}/recommendations/releases`],
      getUserFollowedArtists: ["artists", `${me}/artists`],
      getUserTopArtists: ["artists", `${me}/charts/artists`],
      getUserArtistRecommendations: ["artists", `${me}/recommendations/artists`],
      getUserPlaylists: ["playlists", `${me}/playlists`],
      getUserTopPlaylists: ["playlists", `${me}/charts/playlists`],
      getUserPlaylistRecommendations: ["playlists", `${me}/recommendations/playlists`],
      getUserFollowedPodcasts: ["podcasts", `${me}/podcasts`],
      getUserFollowedRadios: ["radios", `${me}/radios`],
      getUserRadioRecommendations: ["radios", `${me}/recommendations/radios`],
      getUserTracks: ["tracks", `${me}/personal_songs`],
      getUserSavedTracks: ["tracks", `${me}/tracks`],
      getUserTopTracks: ["tracks", `${me}/charts/tracks`],
      getUserRecentlyPlayed: ["users", `${me}/history`],
      getUserFollowings: ["users", `${me}/followings`],
      getUserFollowers: ["users", `${me}/followers`],
    };
    const out: Record<string, Row> = {};
    for (const [name, [owner, path]] of Object.entries(all)) {
      if (wrapper && owner !== group) continue;
      out[`${wrapper ? group : "users"}.${name}`] = page(path, pick(name), nonEmptyPage);
    }
    return out;
  };

  const charts = (group: string): Record<string, Row> => {
    const all: Record<string, [string, string]> = {
      getTopAlbums: ["albums", "/chart/0/albums"],
      getTopArtists: ["artists", "/chart/0/artists"],
      getTopPlaylists: ["playlists", "/chart/0/playlists"],
      getTopPodcasts: ["podcasts", "/chart/0/podcasts"],
      getTopRadios: ["radios", "/radio/top"],
      getTopTracks: ["tracks", "/chart/0/tracks"],
    };
    const out: Record<string, Row> = {};
    for (const [name, [owner, path]] of Object.entries(all)) {
      if (group !== "charts" && owner !== group) continue;
      out[`${group}.${name}`] = page(
        path,
        (c) =>
          (c[group as "charts"] as unknown as Record<string, (o: unknown) => Promise<unknown>>)[name]!(PAGE),
        nonEmptyPage,
      );
    }
    return out;
  };

  // Library writes exist on `users` and, as wrappers, on a content group: both must send the same request.
  const writes = (target: "users" | "wrapper"): Record<string, Row> => {
    const on = (group: string) => (target === "users" ? "users" : group);
    const g = <K extends keyof Client>(
      c: Client,
      group: K,
    ): Record<string, (...a: unknown[]) => Promise<unknown>> =>
      c[(target === "users" ? "users" : group) as "users"] as unknown as Record<
        string,
        (...a: unknown[]) => Promise<unknown>
      >;
    return {
      [`${on("albums")}.saveAlbums`]: {
        call: (c) => g(c, "albums").saveAlbums!([ALBUM.northernStatic, ALBUM.glasshouse]),
        method: "POST",
        path: `${me}/albums`,
        query: { album_ids: `${ALBUM.northernStatic},${ALBUM.glasshouse}` },
        effect: (d) =>
          assert.deepEqual(d.favourites().albums.slice(-2), [ALBUM.northernStatic, ALBUM.glasshouse]),
        answer: isTrue,
      },
      [`${on("albums")}.removeSavedAlbum`]: {
        call: (c) => g(c, "albums").removeSavedAlbum!(ALBUM.paperSatellites, { userId: USER.main }),
        method: "DELETE",
        path: `/user/${USER.main}/albums`,
        query: { album_id: String(ALBUM.paperSatellites) },
        answer: isTrue,
      },
      [`${on("artists")}.followArtists`]: {
        call: (c) => g(c, "artists").followArtists!(ARTIST.miraSolenne),
        method: "POST",
        path: `${me}/artists`,
        query: { artist_id: String(ARTIST.miraSolenne) },
        answer: isTrue,
      },
      [`${on("artists")}.unfollowArtist`]: {
        call: (c) => g(c, "artists").unfollowArtist!(ARTIST.velvetHarbor),
        method: "DELETE",
        path: `${me}/artists`,
        query: { artist_id: String(ARTIST.velvetHarbor) },
        answer: isTrue,
      },
      [`${on("playlists")}.followPlaylists`]: {
        call: (c) => g(c, "playlists").followPlaylists!(`${PLAYLIST.gymRotation}`),
        method: "POST",
        path: `${me}/playlists`,
        query: { playlist_id: String(PLAYLIST.gymRotation) },
        answer: isTrue,
      },
      [`${on("playlists")}.unfollowPlaylist`]: {
        call: (c) => g(c, "playlists").unfollowPlaylist!(PLAYLIST.electroEssentials),
        method: "DELETE",
        path: `${me}/playlists`,
        query: { playlist_id: String(PLAYLIST.electroEssentials) },
        answer: isTrue,
      },
      [`${on("playlists")}.createPlaylist`]: {
        call: (c) =>
          target === "users"
            ? c.users.createPlaylist(" Road Trip ")
            : c.playlists.createPlaylist({ name: "Road Trip" }),
        method: "POST",
        path: `${me}/playlists`,
        query: { title: "Road Trip" },
        effect: (d) => assert.ok(d.playlistsOf().some((p) => p.title === "Road Trip")),
        answer: (value) => assert.equal(typeof (value as { id?: unknown }).id, "number"),
      },
      [`${on("playlists")}.updatePlaylistDetails`]: {
        call: (c) =>
          g(c, "playlists").updatePlaylistDetails!(PLAYLIST.morningCommute, {
            name: "Commute",
            description: "",
            collaborative: true,
          }),
        method: "POST",
        path: `/playlist/${PLAYLIST.morningCommute}`,
        query: { title: "Commute", description: "", collaborative: "true", public: "true" },
        effect: (d) =>
          assert.deepEqual(pick(d.playlist(PLAYLIST.morningCommute)), {
            title: "Commute",
            collaborative: true,
            public: true,
          }),
        answer: isTrue,
      },
      [`${on("playlists")}.deletePlaylist`]: {
        call: (c) => g(c, "playlists").deletePlaylist!(PLAYLIST.lateNightCoding),
        method: "DELETE",
        path: `/playlist/${PLAYLIST.lateNightCoding}`,
        query: {},
        answer: isTrue,
      },
      [`${on("playlists")}.addPlaylistTracks`]: {
        call: (c) =>
          g(c, "playlists").addPlaylistTracks!(PLAYLIST.morningCommute, {
            trackIds: `${NEW_TRACK}, ${OTHER_TRACK}`,
          }),
        method: "POST",
        path: `/playlist/${PLAYLIST.morningCommute}/tracks`,
        query: { songs: `${NEW_TRACK},${OTHER_TRACK}` },
        effect: (d) =>
          assert.deepEqual(d.playlist(PLAYLIST.morningCommute)!.trackIds.slice(-2), [NEW_TRACK, OTHER_TRACK]),
        answer: isTrue,
      },
      [`${on("playlists")}.reorderPlaylistTracks`]: {
        call: async (c) => {
          const order = [...(reorderTracks ?? [])].reverse();
          return g(c, "playlists").reorderPlaylistTracks!(PLAYLIST.morningCommute, { trackIds: order });
        },
        method: "POST",
        path: `/playlist/${PLAYLIST.morningCommute}/tracks`,
        query: { order: "<order>" },
        effect: (d) =>
          assert.deepEqual(d.playlist(PLAYLIST.morningCommute)!.trackIds, [...reorderTracks!].reverse()),
        answer: isTrue,
      },
      [`${on("podcasts")}.followPodcast`]: {
        call: (c) => g(c, "podcasts").followPodcast!(PODCAST.popAutopsy),
        method: "POST",
        path: `${me}/podcasts`,
        query: { podcast_id: String(PODCAST.popAutopsy) },
        answer: isTrue,
      },
      [`${on("podcasts")}.unfollowPodcast`]: {
        call: (c) => g(c, "podcasts").unfollowPodcast!(PODCAST.signalAndNoise),
        method: "DELETE",
        path: `${me}/podcasts`,
        query: { podcast_id: String(PODCAST.signalAndNoise) },
        answer: isTrue,
      },
      [`${on("episodes")}.setEpisodeResumePoint`]: {
        call: (c) => g(c, "episodes").setEpisodeResumePoint!(EPISODE, { position: 55 }),
        method: "POST",
        path: `/episode/${EPISODE}/bookmark`,
        query: { offset: "55" },
        effect: (d) => assert.equal(d.bookmarks().get(EPISODE)?.offset, 55),
        answer: (value) => assert.deepEqual(value, { error: [], results: true }),
      },
      [`${on("episodes")}.removeEpisodeResumePoint`]: {
        call: (c) => g(c, "episodes").removeEpisodeResumePoint!(EPISODE),
        method: "DELETE",
        path: `/episode/${EPISODE}/bookmark`,
        query: {},
        answer: (value) => assert.deepEqual(value, { error: [], results: true }),
      },
      [`${on("radios")}.saveRadio`]: {
        call: (c) => g(c, "radios").saveRadio!(RADIO.popMix),
        method: "POST",
        path: `${me}/radios`,
        query: { radio_id: String(RADIO.popMix) },
        answer: isTrue,
      },
      [`${on("radios")}.removeSavedRadio`]: {
        call: (c) => g(c, "radios").removeSavedRadio!(RADIO.electroMix),
        method: "DELETE",
        path: `${me}/radios`,
        query: { radio_id: String(RADIO.electroMix) },
        answer: isTrue,
      },
      [`${on("tracks")}.saveTracks`]: {
        call: (c) => g(c, "tracks").saveTracks!(new Set([NEW_TRACK, OTHER_TRACK])),
        method: "POST",
        path: `${me}/tracks`,
        query: { track_ids: `${NEW_TRACK},${OTHER_TRACK}` },
        answer: isTrue,
      },
      [`${on("tracks")}.removeSavedTrack`]: {
        call: (c) => g(c, "tracks").removeSavedTrack!(TRACK),
        method: "DELETE",
        path: `${me}/tracks`,
        query: { track_id: String(TRACK) },
        answer: isTrue,
      },
      [`${on("tracks")}.updateTrackMetadata`]: {
        call: (c) =>
          g(c, "tracks").updateTrackMetadata!(PERSONAL_SONG, { title: "Voice Memo 15", artist: "Ines" }),
        method: "POST",
        path: `/track/${PERSONAL_SONG}`,
        query: { title: "Voice Memo 15", artist: "Ines" },
        answer: isTrue,
      },
      [`${on("tracks")}.deleteTrack`]: {
        call: (c) => g(c, "tracks").deleteTrack!(`${PERSONAL_SONG}`),
        method: "DELETE",
        path: `/track/${PERSONAL_SONG}`,
        query: {},
        answer: isTrue,
      },
    };
  };

  return {
    "client.getCountryInfo": {
      call: (c) => c.getCountryInfo(),
      method: "GET",
      path: "/infos",
      query: {},
      answer: (value) => assert.equal(typeof (value as { country_iso?: unknown }).country_iso, "string"),
    },
    "albums.getAlbum": {
      call: (c) => c.albums.getAlbum(ALBUM.saltInTheEngine, { limit: 3 }),
      method: "GET",
      path: `/album/${ALBUM.saltInTheEngine}`,
      query: { limit: "3" },
      answer: hasId(ALBUM.saltInTheEngine),
    },
    "albums.getAlbumFans": page(`/album/${ALBUM.saltInTheEngine}/fans`, (c) =>
      c.albums.getAlbumFans(ALBUM.saltInTheEngine, PAGE),
    ),
    "albums.getAlbumTracks": page(
      `/album/${ALBUM.saltInTheEngine}/tracks`,
      (c) => c.albums.getAlbumTracks(`${ALBUM.saltInTheEngine}`, PAGE),
      nonEmptyPage,
    ),
    "artists.getArtist": {
      call: (c) => c.artists.getArtist(ARTIST.velvetHarbor),
      method: "GET",
      path: `/artist/${ARTIST.velvetHarbor}`,
      query: {},
      answer: hasId(ARTIST.velvetHarbor),
    },
    "artists.getArtistTopTracks": page(
      `/artist/${ARTIST.velvetHarbor}/top`,
      (c) => c.artists.getArtistTopTracks(ARTIST.velvetHarbor, PAGE),
      nonEmptyPage,
    ),
    "artists.getArtistAlbums": page(
      `/artist/${ARTIST.velvetHarbor}/albums`,
      (c) => c.artists.getArtistAlbums(ARTIST.velvetHarbor, PAGE),
      nonEmptyPage,
    ),
    "artists.getArtistFans": page(`/artist/${ARTIST.velvetHarbor}/fans`, (c) =>
      c.artists.getArtistFans(ARTIST.velvetHarbor, PAGE),
    ),
    "artists.getSimilarArtists": page(
      `/artist/${ARTIST.velvetHarbor}/related`,
      (c) => c.artists.getSimilarArtists(ARTIST.velvetHarbor, PAGE),
      nonEmptyPage,
    ),
    "artists.getArtistRadioTracks": page(`/artist/${ARTIST.velvetHarbor}/radio`, (c) =>
      c.artists.getArtistRadioTracks(ARTIST.velvetHarbor, PAGE),
    ),
    "artists.getArtistPlaylists": page(`/artist/${ARTIST.velvetHarbor}/playlists`, (c) =>
      c.artists.getArtistPlaylists(ARTIST.velvetHarbor, PAGE),
    ),
    ...charts("charts"),
    ...charts("albums"),
    ...charts("artists"),
    ...charts("playlists"),
    ...charts("podcasts"),
    ...charts("radios"),
    ...charts("tracks"),
    "editorial.getEditorial": {
      call: (c) => c.editorial.getEditorial(null, PAGE),
      method: "GET",
      path: "/editorial",
      query: PAGE_QUERY,
      answer: nonEmptyPage,
    },
    "editorial.getEditorialAlbums": {
      call: (c) => c.editorial.getEditorialAlbums(GENRE.rock),
      method: "GET",
      path: `/editorial/${GENRE.rock}/selection`,
      query: {},
      answer: isPage,
    },
    "editorial.getEditorialCharts": {
      call: (c) => c.editorial.getEditorialCharts(undefined, PAGE),
      method: "GET",
      path: "/editorial/0/charts",
      query: PAGE_QUERY,
      answer: (value) => {
        for (const kind of ["tracks", "albums", "artists", "playlists", "podcasts"]) {
          isPage((value as Record<string, unknown>)[kind]);
        }
      },
    },
    "editorial.getEditorialReleases": page("/editorial/0/releases", (c) =>
      c.editorial.getEditorialReleases(0, PAGE),
    ),
    "episodes.getEpisode": {
      call: (c) => c.episodes.getEpisode(EPISODE),
      method: "GET",
      path: `/episode/${EPISODE}`,
      query: {},
      answer: hasId(EPISODE),
    },
    "genres.getGenre": {
      call: (c) => c.genres.getGenre(GENRE.electro),
      method: "GET",
      path: `/genre/${GENRE.electro}`,
      query: {},
      answer: hasId(GENRE.electro),
    },
    "genres.getGenreArtists": {
      call: (c) => c.genres.getGenreArtists(GENRE.rock),
      method: "GET",
      path: `/genre/${GENRE.rock}/artists`,
      query: {},
      answer: nonEmptyPage,
    },
    "genres.getGenrePodcasts": page(`/genre/0/podcasts`, (c) => c.genres.getGenrePodcasts(undefined, PAGE)),
    "genres.getGenreRadios": {
      call: (c) => c.genres.getGenreRadios(GENRE.jazz),
      method: "GET",
      path: `/genre/${GENRE.jazz}/radios`,
      query: {},
      answer: isPage,
    },
    "playlists.getPlaylist": {
      call: (c) => c.playlists.getPlaylist(PLAYLIST.morningCommute, PAGE),
      method: "GET",
      path: `/playlist/${PLAYLIST.morningCommute}`,
      query: PAGE_QUERY,
      answer: hasId(PLAYLIST.morningCommute),
    },
    "playlists.markPlaylistSeen": {
      call: (c) => c.playlists.markPlaylistSeen(PLAYLIST.electroEssentials),
      method: "POST",
      path: `/playlist/${PLAYLIST.electroEssentials}/seen`,
      effect: (d) => assert.ok(d.seenPlaylists().includes(PLAYLIST.electroEssentials)),
      query: {},
      answer: isTrue,
    },
    "playlists.getPlaylistFans": page(`/playlist/${PLAYLIST.electroEssentials}/fans`, (c) =>
      c.playlists.getPlaylistFans(PLAYLIST.electroEssentials, PAGE),
    ),
    "playlists.getPlaylistTracks": page(
      `/playlist/${PLAYLIST.morningCommute}/tracks`,
      (c) => c.playlists.getPlaylistTracks(PLAYLIST.morningCommute, PAGE),
      nonEmptyPage,
    ),
    "playlists.getPlaylistRadioTracks": {
      call: (c) => c.playlists.getPlaylistRadioTracks(PLAYLIST.morningCommute),
      method: "GET",
      path: `/playlist/${PLAYLIST.morningCommute}/radio`,
      query: {},
      answer: isPage,
    },
    "podcasts.getPodcast": {
      call: (c) => c.podcasts.getPodcast(PODCAST.signalAndNoise),
      method: "GET",
      path: `/podcast/${PODCAST.signalAndNoise}`,
      query: {},
      answer: hasId(PODCAST.signalAndNoise),
    },
    "podcasts.getPodcastEpisodes": page(
      `/podcast/${PODCAST.signalAndNoise}/episodes`,
      (c) => c.podcasts.getPodcastEpisodes(PODCAST.signalAndNoise, PAGE),
      nonEmptyPage,
    ),
    "radios.getRadio": {
      call: (c) => c.radios.getRadio(RADIO.popMix),
      method: "GET",
      path: `/radio/${RADIO.popMix}`,
      query: {},
      answer: hasId(RADIO.popMix),
    },
    "radios.getRadioGroups": {
      call: (c) => c.radios.getRadioGroups(),
      method: "GET",
      path: "/radio/genres",
      query: {},
      answer: nonEmptyPage,
    },
    "radios.getRadioTracks": page(`/radio/${RADIO.popMix}/tracks`, (c) =>
      c.radios.getRadioTracks(RADIO.popMix, PAGE),
    ),
    "radios.getRadios": page("/radio/lists", (c) => c.radios.getRadios(PAGE), nonEmptyPage),
    "search.searchAlbums": {
      call: (c) =>
        c.search.searchAlbums('artist:"velvet harbor"', {
          strict: true,
          sortBy: "album",
          descending: true,
          ...PAGE,
        }),
      method: "GET",
      path: "/search/album",
      query: { q: 'artist:"velvet harbor"', strict: "on", order: "ALBUM_DESC", ...PAGE_QUERY },
      answer: isPage,
    },
    "search.searchArtists": {
      call: (c) => c.search.searchArtists("velvet", { sortBy: "RANKING" }),
      method: "GET",
      path: "/search/artist",
      query: { q: "velvet", order: "RANKING" },
      answer: nonEmptyPage,
    },
    "search.searchPlaylists": {
      call: (c) => c.search.searchPlaylists("commute", { strict: false }),
      method: "GET",
      path: "/search/playlist",
      query: { q: "commute" },
      answer: isPage,
    },
    "search.searchPodcasts": {
      call: (c) => c.search.searchPodcasts("noise", { sortBy: " rating " }),
      method: "GET",
      path: "/search/podcast",
      query: { q: "noise", order: "RATING_ASC" },
      answer: isPage,
    },
    "search.searchRadios": {
      call: (c) => c.search.searchRadios("mix", PAGE),
      method: "GET",
      path: "/search/radio",
      query: { q: "mix", ...PAGE_QUERY },
      answer: isPage,
    },
    "search.searchTracks": {
      call: (c) =>
        c.search.searchTracks('track:"salt" dur_min:60', { sortBy: "DURATION", descending: false }),
      method: "GET",
      path: "/search/track",
      query: { q: 'track:"salt" dur_min:60', order: "DURATION_ASC" },
      answer: isPage,
    },
    "search.searchUsers": {
      call: (c) => c.search.searchUsers("tomasz"),
      method: "GET",
      path: "/search/user",
      query: { q: "tomasz" },
      answer: isPage,
    },
    "search.getMySearchHistory": {
      call: (c) => c.search.getMySearchHistory(undefined, PAGE),
      method: "GET",
      path: "/search/history",
      query: PAGE_QUERY,
      answer: isPage,
    },
    "tracks.getTrack": {
      call: (c) => c.tracks.getTrack(TRACK),
      method: "GET",
      path: `/track/${TRACK}`,
      query: {},
      answer: hasId(TRACK),
    },
    "tracks.getUserTrackRecommendations": {
      call: (c) => c.tracks.getUserTrackRecommendations(),
      method: "GET",
      path: `${me}/recommendations/tracks`,
      query: {},
      answer: nonEmptyPage,
    },
    "users.getUserTrackRecommendations": {
      call: (c) => c.users.getUserTrackRecommendations("me"),
      method: "GET",
      path: `${me}/recommendations/tracks`,
      query: {},
      answer: nonEmptyPage,
    },
    "users.getUser": {
      call: (c) => c.users.getUser(),
      method: "GET",
      path: me,
      query: {},
      answer: hasId(USER.main),
    },
    "users.getUserPermissions": {
      call: (c) => c.users.getUserPermissions(),
      method: "GET",
      path: `${me}/permissions`,
      query: {},
      answer: (value) =>
        assert.equal((value as { permissions: Record<string, boolean> }).permissions["manage_library"], true),
    },
    "users.getUserEntitlements": {
      call: (c) => c.users.getUserEntitlements(),
      method: "GET",
      path: "/options",
      query: {},
      answer: hasType("options"),
    },
    "users.sendUserNotification": {
      call: (c) => c.users.sendUserNotification("Dinner is ready"),
      method: "POST",
      path: `${me}/notifications`,
      query: { message: "Dinner is ready" },
      effect: (d) => assert.equal(d.notifications().at(-1)?.message, "Dinner is ready"),
      answer: (value) => assert.deepEqual(value, { success: true }),
    },
    "users.getUserMixTracks": {
      call: (c) => c.users.getUserMixTracks(),
      method: "GET",
      path: `${me}/flow`,
      query: {},
      answer: nonEmptyPage,
    },
    "users.followUser": {
      call: (c) => c.users.followUser(USER.rafael),
      method: "POST",
      path: `${me}/followings`,
      query: { user_id: String(USER.rafael) },
      effect: (d) => assert.ok(d.followings().includes(USER.rafael)),
      answer: isTrue,
    },
    "users.unfollowUser": {
      call: (c) => c.users.unfollowUser(USER.tomasz, { userId: "me" }),
      method: "DELETE",
      path: `${me}/followings`,
      query: { user_id: String(USER.tomasz) },
      answer: isTrue,
    },
    ...userPages("users", false),
    ...userPages("albums", true),
    ...userPages("artists", true),
    ...userPages("playlists", true),
    ...userPages("podcasts", true),
    ...userPages("radios", true),
    ...userPages("tracks", true),
    ...writes("users"),
    ...writes("wrapper"),
  };
}

let reorderTracks: number[] | undefined;

/** The spec's path (or intended path) as a pattern, `{name}` matching one segment. */
function specPaths(entry: SpecEntry): RegExp[] {
  const paths = [entry.intendedPath ?? entry.path, ...(entry.pathVariants ?? []).map((v) => v.path)];
  return paths.map((p) => new RegExp(`^${p.replace(/\{[a-z_]+\}/g, "[^/]+")}$`));
}

/** Query names the spec allows; the playlist title goes out as `title` (recordings), not upstream's `name`. */
function specQueryNames(entry: SpecEntry): Set<string> {
  const names = new Set<string>();
  for (const param of entry.params) {
    if (param.wire !== "query" || param.wireName === null) continue;
    for (const name of param.wireName.split("|")) names.add(name.trim() === "name" ? "title" : name.trim());
  }
  if (entry.params.some((p) => p.wireName === "index")) names.add("index");
  return names;
}

describe("all 138 endpoint methods against the emulator", () => {
  let emulator: Emulator;
  let client: DeezerAPIClient;
  let minimDir: string;
  const table = rows();

  before(async () => {
    minimDir = mkdtempSync(join(tmpdir(), "minim-deezer-"));
    process.env["MINIM_DIR"] = minimDir;
    emulator = await startEmulator({ services: ["deezer"] });
    client = new DeezerAPIClient({
      baseUrl: emulator.urls.deezerApi,
      authFlow: "implicit",
      appId: "100001",
      redirectUri: "http://127.0.0.1:8765/callback",
      accessToken: emulator.deezer!.issueToken(),
      // Declared, so no permission lookup interleaves with the requests under test.
      permissions: DeezerAPIClient.resolvePermissions(),
      storeTokens: false,
      enableCache: false,
      limitRate: false,
    });
  });

  after(async () => {
    await client.close();
    await emulator.close();
    rmSync(minimDir, { recursive: true, force: true });
  });

  it("has one row per method of the spec, and nothing else", () => {
    const specNames = SPEC.map((e) => `${e.group}.${e.tsName}`).sort();
    assert.equal(specNames.length, 138);
    assert.deepEqual(Object.keys(table).sort(), specNames);
  });

  for (const entry of SPEC) {
    const name = `${entry.group}.${entry.tsName}`;
    it(name, async () => {
      const row = table[name];
      assert.ok(row, `no table row for ${name}`);
      emulator.deezer!.reset();
      reorderTracks = emulator.deezer!.playlist(PLAYLIST.morningCommute)!.trackIds;
      emulator.clearRequests();

      const value = await row.call(client);

      const sent = emulator.requestsTo("deezerApi");
      assert.equal(
        sent.length,
        1,
        `exactly one request: ${sent.map((r) => `${r.method} ${r.url}`).join(", ")}`,
      );
      const request = sent[0]!;
      assert.equal(request.status, 200);
      assert.equal(request.method, row.method);
      assert.equal(request.path, row.path);
      assert.equal(request.body, "", "no request body: every argument travels in the query");
      const { access_token: token, ...query } = request.query;
      assert.ok(token, "the token goes with every request the client makes while it holds one");
      const expected = { ...row.query };
      if (expected["order"] === "<order>") expected["order"] = [...reorderTracks].reverse().join(",");
      assert.deepEqual(query, expected);

      // The same request as the spec describes it.
      assert.equal(request.method, entry.httpMethod);
      assert.ok(
        specPaths(entry).some((pattern) => pattern.test(request.path)),
        `${request.path} matches ${entry.intendedPath ?? entry.path}`,
      );
      const allowed = specQueryNames(entry);
      for (const key of Object.keys(query)) assert.ok(allowed.has(key), `query ${key} is one the spec names`);

      assert.ok(value !== undefined, "the answer is returned");
      row.answer(value);
      row.effect?.(emulator.deezer!);
    });
  }
});

describe("public-with-id methods on an anonymous client", () => {
  let emulator: Emulator;
  let anonymous: DeezerAPIClient;
  let minimDir: string;
  const PUBLIC = SPEC.filter((e) => e.auth === "public-with-id");
  type Read = (userId?: unknown, options?: unknown) => Promise<unknown>;
  const method = (client: Client, entry: SpecEntry): Read => {
    const group = client[entry.group as "users"] as unknown as Record<string, Read>;
    return group[entry.tsName]!.bind(group);
  };

  before(async () => {
    minimDir = mkdtempSync(join(tmpdir(), "minim-deezer-"));
    process.env["MINIM_DIR"] = minimDir;
    emulator = await startEmulator({ services: ["deezer"] });
    anonymous = new DeezerAPIClient({
      baseUrl: emulator.urls.deezerApi,
      storeTokens: false,
      enableCache: false,
      limitRate: false,
    });
  });

  after(async () => {
    await anonymous.close();
    await emulator.close();
    rmSync(minimDir, { recursive: true, force: true });
  });

  it("covers the seven user reads and their wrappers", () => {
    assert.deepEqual(PUBLIC.map((e) => `${e.group}.${e.tsName}`).sort(), [
      "albums.getUserSavedAlbums",
      "artists.getUserFollowedArtists",
      "playlists.getUserPlaylists",
      "tracks.getUserSavedTracks",
      "users.getUser",
      "users.getUserFollowedArtists",
      "users.getUserFollowers",
      "users.getUserFollowings",
      "users.getUserPlaylists",
      "users.getUserSavedAlbums",
      "users.getUserSavedTracks",
    ]);
  });

  for (const entry of PUBLIC) {
    const name = `${entry.group}.${entry.tsName}`;
    it(`${name} sends an explicit id without a token and refuses "me"`, async () => {
      emulator.clearRequests();
      const read = method(anonymous, entry);
      const value = await (entry.paginated ? read(USER.main, PAGE) : read(String(USER.main)));

      const sent = emulator.requestsTo("deezerApi");
      assert.equal(sent.length, 1);
      const request = sent[0]!;
      assert.equal(request.status, 200);
      assert.equal(request.method, "GET");
      assert.equal(request.path, entry.path.replace("{user_id}", String(USER.main)));
      assert.deepEqual(request.query, entry.paginated ? PAGE_QUERY : {}, "no access_token");
      if (entry.paginated) isPage(value);
      else hasId(USER.main)(value);

      emulator.clearRequests();
      for (const userId of ["me", undefined]) {
        await assert.rejects(read(userId), (error: unknown) => {
          assert.ok(error instanceof AuthenticationRequiredError, String(error));
          assert.equal(error.method, name);
          return true;
        });
      }
      assert.equal(emulator.requests.length, 0, "nothing is sent for `me` without a user");
    });
  }

  it("still sends the token with an explicit id when the client holds one", async () => {
    const token = emulator.deezer!.issueToken();
    const client = new DeezerAPIClient({
      baseUrl: emulator.urls.deezerApi,
      authFlow: "implicit",
      appId: "100001",
      redirectUri: "http://127.0.0.1:8765/callback",
      accessToken: token,
      storeTokens: false,
      enableCache: false,
      limitRate: false,
    });
    try {
      emulator.clearRequests();
      const me = await client.users.getUser(USER.main);
      assert.equal(emulator.requestsTo("deezerApi")[0]!.query["access_token"], token);
      assert.ok("email" in me, "the account's own token shows its private fields");
    } finally {
      await client.close();
    }
  });
});
