/**
 * Every endpoint method of PrivateTIDALAPIClient, called through the public surface against the emulator: the
 * request it sends (method, host, path, query, form body, headers) and what comes back. The cases run in order
 * and share one emulator, so writes are followed by the reads or state checks that prove them.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import type { PrivateTIDALAPIClient } from "../../src/tidal/index.js";
import { during, startTidal, userClient, type Sent } from "./helpers.js";

const MAIN = TIDAL_SEED.users.main;
const SECOND = TIDAL_SEED.users.second;
const THIRD = TIDAL_SEED.users.third;
const ALBUM = TIDAL_SEED.albums.tidewater;
const ARTIST = TIDAL_SEED.artists.harborLights;
const TRACK = TIDAL_SEED.tracks.lowWater;
const VIDEO = TIDAL_SEED.videos.tidewater;
const ROAD_TRIP = TIDAL_SEED.playlists.roadTrip;
const BRASS_HOUR = TIDAL_SEED.playlists.brassHour;
const MOODS = TIDAL_SEED.folders.moods;
const MY_MIX = TIDAL_SEED.mixes.myMix1;
const DISCOVERY = TIDAL_SEED.mixes.discovery;
const NEW_ARRIVALS = TIDAL_SEED.mixes.newArrivals;

interface Expected {
  role?: "tidalApi" | "tidalLogin" | "tidalOpenApi";
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

interface Case {
  name: string;
  run: (client: PrivateTIDALAPIClient) => Promise<unknown>;
  expected: () => Expected;
  check: (answer: unknown, sent: Sent[]) => void;
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  assert.ok(typeof value === "object" && value !== null && !Array.isArray(value), "expected a JSON object");
  return value as Json;
}

function call<T>(
  name: string,
  run: (client: PrivateTIDALAPIClient) => Promise<T>,
  expected: Expected | (() => Expected),
  check: (answer: T, sent: Sent[]) => void,
): Case {
  return {
    name,
    run,
    expected: typeof expected === "function" ? expected : () => expected,
    check: check as (answer: unknown, sent: Sent[]) => void,
  };
}

const api = (
  method: string,
  path: string,
  query: Record<string, string | string[]> = {},
  form?: Record<string, string>,
): Expected => (form === undefined ? { method, path, query } : { method, path, query, form });

let emu: Emulator;
let client: PrivateTIDALAPIClient;
let accessToken: string;
let artistMix = "";
let newFolder = "";
let newPlaylist = "";
const us = { countryCode: "US" };

const collection = () => emu.tidal!.collection(MAIN);

const cases: Case[] = [
  // albums
  call(
    "albums.getAlbum",
    (c) => c.albums.getAlbum(ALBUM),
    api("GET", `/v1/albums/${ALBUM}`, us),
    (a) => assert.equal(a.id, ALBUM),
  ),
  call(
    "albums.getAlbumCredits",
    (c) => c.albums.getAlbumCredits(String(ALBUM)),
    api("GET", `/v1/albums/${ALBUM}/credits`, us),
    (a) => {
      assert.ok(Array.isArray(a));
      for (const group of a) assert.equal(typeof group.type, "string");
    },
  ),
  call(
    "albums.getAlbumItems",
    (c) => c.albums.getAlbumItems(ALBUM, { limit: 5, offset: 0 }),
    api("GET", `/v1/albums/${ALBUM}/items`, { countryCode: "US", limit: "5", offset: "0" }),
    (a) => {
      assert.equal(a.offset, 0);
      assert.ok(a.items.length > 0 && a.items.length <= 5);
      assert.ok(a.items.every((entry) => entry.type === "track" || entry.type === "video"));
    },
  ),
  call(
    "albums.getAlbumTracks",
    (c) => c.albums.getAlbumTracks(ALBUM, { limit: 4, offset: 2 }),
    api("GET", `/v1/albums/${ALBUM}/tracks`, { countryCode: "US", limit: "4", offset: "2" }),
    (a) => {
      assert.equal(a.offset, 2);
      assert.equal(a.items.length, 4);
      // Bare tracks: no `{ item, type }` wrapper as on `/items`.
      assert.ok(a.items.every((track) => typeof track.id === "number" && track.album?.id === ALBUM));
    },
  ),
  call(
    "albums.getAlbumsByUpc",
    (c) => c.albums.getAlbumsByUpc("8 84977 86996 5"),
    {
      role: "tidalOpenApi",
      method: "GET",
      path: "/v2/albums",
      query: { countryCode: "US", "filter[barcodeId]": "884977869965" },
    },
    (a) =>
      assert.deepEqual(
        a.map((match) => match.id),
        [24700142],
      ),
  ),
  call(
    "albums.getAlbumItemCredits",
    (c) => c.albums.getAlbumItemCredits(ALBUM, { limit: 3 }),
    api("GET", `/v1/albums/${ALBUM}/items/credits`, { countryCode: "US", limit: "3" }),
    (a) => assert.ok(a.items.every((entry) => Array.isArray(entry.credits))),
  ),
  call(
    "albums.getAlbumReview",
    (c) => c.albums.getAlbumReview(ALBUM),
    api("GET", `/v1/albums/${ALBUM}/review`, us),
    (a) => assert.equal(typeof a.text, "string"),
  ),
  call(
    "albums.getSimilarAlbums",
    (c) => c.albums.getSimilarAlbums(ALBUM, { countryCode: "gb" }),
    api("GET", `/v1/albums/${ALBUM}/similar`, { countryCode: "GB" }),
    (a) => assert.ok(a.items.every((album) => album.id !== ALBUM)),
  ),
  call(
    "albums.getAlbumPage",
    (c) => c.albums.getAlbumPage(ALBUM, { deviceType: "PHONE", locale: "en-US" }),
    api("GET", "/v1/pages/album", {
      deviceType: "PHONE",
      countryCode: "US",
      albumId: String(ALBUM),
      locale: "en_US",
    }),
    (a) => assert.ok(Array.isArray(a.rows) && a.rows.length > 0),
  ),
  call(
    "albums.getUserSavedAlbums",
    (c) => c.albums.getUserSavedAlbums(undefined, { sortBy: "NAME", descending: true, limit: 2 }),
    api("GET", `/v1/users/${MAIN}/favorites/albums`, {
      countryCode: "US",
      limit: "2",
      order: "NAME",
      orderDirection: "DESC",
    }),
    (a) => {
      assert.equal(a.items.length, 2);
      const titles = a.items.map((entry) => entry.item.title);
      assert.deepEqual(titles, [...titles].sort().reverse());
    },
  ),
  call(
    "albums.saveAlbums",
    (c) => c.albums.saveAlbums([TIDAL_SEED.albums.nightFerry], { missingOk: true }),
    api("POST", `/v1/users/${MAIN}/favorites/albums`, us, {
      albumIds: String(TIDAL_SEED.albums.nightFerry),
      onArtifactNotFound: "SKIP",
    }),
    () => assert.ok(collection().albums.some((e) => e.id === TIDAL_SEED.albums.nightFerry)),
  ),
  call(
    "albums.removeSavedAlbums",
    (c) => c.albums.removeSavedAlbums(String(TIDAL_SEED.albums.nightFerry)),
    api("DELETE", `/v1/users/${MAIN}/favorites/albums/${TIDAL_SEED.albums.nightFerry}`),
    () => assert.ok(!collection().albums.some((e) => e.id === TIDAL_SEED.albums.nightFerry)),
  ),

  // artists
  call(
    "artists.getArtist",
    (c) => c.artists.getArtist(ARTIST),
    api("GET", `/v1/artists/${ARTIST}`, us),
    (a) => assert.equal(a.id, ARTIST),
  ),
  call(
    "artists.getArtistAlbums",
    (c) => c.artists.getArtistAlbums(ARTIST, { albumType: "EPSANDSINGLES", offset: 0 }),
    api("GET", `/v1/artists/${ARTIST}/albums`, { filter: "EPSANDSINGLES", countryCode: "US", offset: "0" }),
    (a) => assert.ok(a.items.every((album) => album.type === "EP" || album.type === "SINGLE")),
  ),
  call(
    "artists.getArtistBiography",
    (c) => c.artists.getArtistBiography(ARTIST),
    api("GET", `/v1/artists/${ARTIST}/bio`, us),
    (a) => assert.equal(typeof a.text, "string"),
  ),
  call(
    "artists.getArtistLinks",
    (c) => c.artists.getArtistLinks(ARTIST, { limit: 10 }),
    api("GET", `/v1/artists/${ARTIST}/links`, { countryCode: "US", limit: "10" }),
    (a) => assert.ok(a.items.every((link) => typeof link.url === "string")),
  ),
  call(
    "artists.getArtistMixId",
    (c) => c.artists.getArtistMixId(ARTIST),
    api("GET", `/v1/artists/${ARTIST}/mix`, us),
    (a) => assert.equal(a.id, artistMix),
  ),
  call(
    "artists.getArtistMix",
    (c) => c.artists.getArtistMix(ARTIST),
    api("GET", `/v1/artists/${ARTIST}/radio`, us),
    (a) => assert.ok(a.items.length > 0),
  ),
  call(
    "artists.getArtistTopTracks",
    (c) => c.artists.getArtistTopTracks(ARTIST, { limit: 3 }),
    api("GET", `/v1/artists/${ARTIST}/toptracks`, { countryCode: "US", limit: "3" }),
    (a) => assert.ok(a.items.length <= 3 && a.items.every((t) => t.artists.some((ref) => ref.id === ARTIST))),
  ),
  call(
    "artists.getArtistVideos",
    (c) => c.artists.getArtistVideos(ARTIST),
    api("GET", `/v1/artists/${ARTIST}/videos`, us),
    (a) => assert.ok(a.items.some((v) => v.id === VIDEO)),
  ),
  call(
    "artists.getSimilarArtists",
    (c) => c.artists.getSimilarArtists(ARTIST),
    api("GET", `/v1/artists/${ARTIST}/similar`, us),
    (a) => assert.ok(a.items.every((artist) => artist.id !== ARTIST)),
  ),
  call(
    "artists.getArtistPage",
    (c) => c.artists.getArtistPage(ARTIST),
    api("GET", "/v1/pages/artist", { deviceType: "BROWSER", countryCode: "US", artistId: String(ARTIST) }),
    (a) => assert.ok(a.rows.length > 0),
  ),
  call(
    "artists.getUserBlockedArtists",
    (c) => c.artists.getUserBlockedArtists(),
    api("GET", `/v1/users/${MAIN}/blocks/artists`),
    (a) => assert.equal(a.totalNumberOfItems, collection().blockedArtists.length),
  ),
  call(
    "artists.blockArtist",
    (c) => c.artists.blockArtist(TIDAL_SEED.artists.solVarga),
    api("POST", `/v1/users/${MAIN}/blocks/artists`, {}, { artistId: String(TIDAL_SEED.artists.solVarga) }),
    () => assert.ok(collection().blockedArtists.some((e) => e.id === TIDAL_SEED.artists.solVarga)),
  ),
  call(
    "artists.unblockArtist",
    (c) => c.artists.unblockArtist(TIDAL_SEED.artists.solVarga),
    api("DELETE", `/v1/users/${MAIN}/blocks/artists/${TIDAL_SEED.artists.solVarga}`),
    () => assert.ok(!collection().blockedArtists.some((e) => e.id === TIDAL_SEED.artists.solVarga)),
  ),
  call(
    "artists.getUserFollowedArtists",
    (c) => c.artists.getUserFollowedArtists(),
    api("GET", `/v1/users/${MAIN}/favorites/artists`, us),
    (a) =>
      assert.deepEqual(
        a.items.map((e) => e.item.id).sort(),
        collection()
          .artists.map((e) => e.id)
          .sort(),
      ),
  ),
  call(
    "artists.followArtists",
    (c) =>
      c.artists.followArtists([TIDAL_SEED.artists.solVarga, String(TIDAL_SEED.artists.northboundBrass)], {
        missingOk: false,
      }),
    api("POST", `/v1/users/${MAIN}/favorites/artists`, us, {
      artistIds: `${TIDAL_SEED.artists.solVarga},${TIDAL_SEED.artists.northboundBrass}`,
      onArtifactNotFound: "FAIL",
    }),
    () => assert.ok(collection().artists.some((e) => e.id === TIDAL_SEED.artists.northboundBrass)),
  ),
  call(
    "artists.unfollowArtists",
    (c) => c.artists.unfollowArtists(`${TIDAL_SEED.artists.solVarga}, ${TIDAL_SEED.artists.northboundBrass}`),
    api(
      "DELETE",
      `/v1/users/${MAIN}/favorites/artists/${TIDAL_SEED.artists.solVarga},${TIDAL_SEED.artists.northboundBrass}`,
    ),
    () => assert.ok(!collection().artists.some((e) => e.id === TIDAL_SEED.artists.solVarga)),
  ),

  // feed
  call(
    "feed.getFeedActivities",
    (c) => c.feed.getFeedActivities(),
    api("GET", "/v2/feed/activities"),
    (a) => {
      assert.ok(a.activities.length > 0);
      assert.equal(a.stats.totalNotSeenActivities, a.activities.filter((x) => !x.seen).length);
    },
  ),
  call(
    "feed.hasUnseenFeedActivities",
    (c) => c.feed.hasUnseenFeedActivities(),
    api("GET", "/v2/feed/activities/unseen/exists"),
    (a) => assert.equal(a.hasUnseenActivities, true),
  ),
  call(
    "feed.markFeedActivitiesSeen",
    (c) => c.feed.markFeedActivitiesSeen(),
    api("PUT", "/v2/feed/activities/seen"),
    () => assert.ok(emu.tidal!.state.feed.filter((x) => x.userId === MAIN).every((x) => x.seen)),
  ),

  // mixes
  call(
    "mixes.getMixItems",
    (c) => c.mixes.getMixItems(artistMix),
    () => api("GET", `/v1/mixes/${artistMix}/items`, us),
    (a) => assert.ok(a.items.length > 0 && a.items.every((entry) => entry.type === "track")),
  ),
  call(
    "mixes.getMixPage",
    (c) => c.mixes.getMixPage(artistMix),
    () => api("GET", "/v1/pages/mix", { deviceType: "BROWSER", countryCode: "US", mixId: artistMix }),
    (a) => assert.ok(a.rows.length > 0),
  ),
  call(
    "mixes.getPersonalizedMixesPage",
    (c) => c.mixes.getPersonalizedMixesPage({ deviceType: "DESKTOP" }),
    api("GET", "/v1/pages/my_collection_my_mixes", { deviceType: "DESKTOP", countryCode: "US" }),
    (a) => assert.ok(JSON.stringify(a).includes(MY_MIX)),
  ),
  call(
    "mixes.getMyFollowedMixes",
    (c) => c.mixes.getMyFollowedMixes(),
    api("GET", "/v2/favorites/mixes", { limit: "50" }),
    (a) => assert.equal(a.items.length, collection().mixes.length),
  ),
  call(
    "mixes.getMyFollowedMixIds",
    (c) => c.mixes.getMyFollowedMixIds({ limit: 1 }),
    api("GET", "/v2/favorites/mixes/ids", { limit: "1" }),
    (a) => {
      assert.equal(a.content.length, 1);
      assert.equal(typeof a.cursor, "string");
    },
  ),
  call(
    "mixes.followMixes",
    (c) => c.mixes.followMixes([MY_MIX]),
    api("PUT", "/v2/favorites/mixes/add", {}, { mixIds: MY_MIX }),
    () => assert.ok(collection().mixes.some((e) => e.id === MY_MIX)),
  ),
  call(
    "mixes.unfollowMixes",
    (c) => c.mixes.unfollowMixes(MY_MIX),
    api("PUT", "/v2/favorites/mixes/remove", {}, { mixIds: MY_MIX }),
    () => assert.ok(!collection().mixes.some((e) => e.id === MY_MIX)),
  ),

  // pages
  call(
    "pages.getMyHomePage",
    (c) => c.pages.getMyHomePage(),
    api("GET", "/v1/pages/home", { deviceType: "BROWSER", countryCode: "US" }),
    (a) => assert.ok(a.rows.length > 0),
  ),
  call(
    "pages.getHomeFeed",
    (c) => c.pages.getHomeFeed({ locale: "en-US" }),
    api("GET", "/v2/home/feed/static", {
      countryCode: "US",
      deviceType: "BROWSER",
      platform: "WEB",
      locale: "en_US",
    }),
    (a) => {
      assert.ok(a.items.length > 0);
      assert.ok(new Set(a.items.map((module) => module.type)).size >= 3);
      assert.equal(typeof a.page?.cursor, "string");
    },
  ),
  call(
    "pages.getMyExplorePage",
    (c) => c.pages.getMyExplorePage({ locale: "de_DE" }),
    api("GET", "/v1/pages/explore", { deviceType: "BROWSER", countryCode: "US", locale: "de_DE" }),
    (a) => assert.ok(a.rows.length > 0),
  ),
  call(
    "pages.getAlbumPage",
    (c) => c.pages.getAlbumPage(TIDAL_SEED.albums.paperMoons),
    api("GET", "/v1/pages/album", {
      deviceType: "BROWSER",
      countryCode: "US",
      albumId: String(TIDAL_SEED.albums.paperMoons),
    }),
    (a) => assert.ok(JSON.stringify(a).includes(String(TIDAL_SEED.albums.paperMoons))),
  ),
  call(
    "pages.getArtistPage",
    (c) => c.pages.getArtistPage(TIDAL_SEED.artists.miraOkafor, { deviceType: "TV" }),
    api("GET", "/v1/pages/artist", {
      deviceType: "TV",
      countryCode: "US",
      artistId: String(TIDAL_SEED.artists.miraOkafor),
    }),
    (a) => assert.ok(a.rows.length > 0),
  ),
  call(
    "pages.getMixPage",
    (c) => c.pages.getMixPage(MY_MIX, { countryCode: "US" }),
    api("GET", "/v1/pages/mix", { deviceType: "BROWSER", countryCode: "US", mixId: MY_MIX }),
    (a) => assert.ok(a.rows.length > 0),
  ),
  call(
    "pages.getPersonalizedMixesPage",
    (c) => c.pages.getPersonalizedMixesPage(),
    api("GET", "/v1/pages/my_collection_my_mixes", { deviceType: "BROWSER", countryCode: "US" }),
    (a) => assert.ok(JSON.stringify(a).includes(DISCOVERY)),
  ),
  call(
    "pages.getVideoPage",
    (c) => c.pages.getVideoPage(VIDEO),
    api("GET", "/v1/pages/videos", { deviceType: "BROWSER", countryCode: "US", videoId: String(VIDEO) }),
    (a) => assert.ok(a.rows.length > 0),
  ),

  // playlists
  call(
    "playlists.getPlaylist",
    (c) => c.playlists.getPlaylist(ROAD_TRIP),
    api("GET", `/v2/user-playlists/${ROAD_TRIP}`),
    (a) => {
      assert.equal(a.playlist.uuid, ROAD_TRIP);
      assert.equal(a.profile.userId, MAIN);
    },
  ),
  call(
    "playlists.getPlaylist (apiVersion 1)",
    (c) => c.playlists.getPlaylist(ROAD_TRIP, { apiVersion: 1 }),
    api("GET", `/v1/playlists/${ROAD_TRIP}`, us),
    (a) => {
      assert.equal(a.uuid, ROAD_TRIP);
      assert.equal(a.numberOfTracks + a.numberOfVideos, 10);
    },
  ),
  call(
    "playlists.getPlaylistItems",
    (c) => c.playlists.getPlaylistItems(ROAD_TRIP, { limit: 4 }),
    api("GET", `/v1/playlists/${ROAD_TRIP}/items`, { countryCode: "US", limit: "4" }),
    (a) => {
      assert.equal(a.items.length, 4);
      assert.equal(a.totalNumberOfItems, 10);
    },
  ),
  call(
    "playlists.getPlaylistRecommendedTracks",
    (c) => c.playlists.getPlaylistRecommendedTracks(ROAD_TRIP),
    api("GET", `/v1/playlists/${ROAD_TRIP}/recommendations/items`, us),
    (a) => assert.ok(a.items.every((entry) => entry.type === "track")),
  ),
  call(
    "playlists.createFolder",
    (c) => c.playlists.createFolder({ name: "  Road Folder " }),
    api("PUT", "/v2/my-collection/playlists/folders/create-folder", { name: "Road Folder" }),
    (a) => {
      assert.equal(a.itemType, "FOLDER");
      newFolder = String(obj(a.data).id);
      assert.ok(emu.tidal!.folders().some((f) => f.id === newFolder && f.name === "Road Folder"));
    },
  ),
  call(
    "playlists.createPlaylist",
    (c) =>
      c.playlists.createPlaylist({ name: "Mix tape", description: "", public: true, folderUuid: newFolder }),
    () =>
      api("PUT", "/v2/my-collection/playlists/folders/create-playlist", {
        name: "Mix tape",
        description: "",
        isPublic: "true",
        folderId: newFolder,
      }),
    (a) => {
      assert.equal(a.itemType, "PLAYLIST");
      newPlaylist = String(obj(a.data).uuid);
      assert.equal(emu.tidal!.playlist(newPlaylist)?.isPublic, true);
    },
  ),
  call(
    "playlists.movePlaylists",
    (c) => c.playlists.movePlaylists([newPlaylist], { folderUuid: "root" }),
    () =>
      api("PUT", "/v2/my-collection/playlists/folders/move", {
        trns: `trn:playlist:${newPlaylist}`,
        folderId: "root",
      }),
    () => assert.ok(collection().ownPlaylists.some((e) => e.uuid === newPlaylist && e.parent === "root")),
  ),
  call(
    "playlists.setPlaylistVisibility",
    (c) => c.playlists.setPlaylistVisibility(newPlaylist, { public: false }),
    () => api("PUT", `/v2/playlists/${newPlaylist}/set-private`),
    () => assert.equal(emu.tidal!.playlist(newPlaylist)?.isPublic, false),
  ),
  call(
    "playlists.updatePlaylistDetails",
    (c) => c.playlists.updatePlaylistDetails(newPlaylist, { name: "Renamed", description: "Side B" }),
    () => api("POST", `/v1/playlists/${newPlaylist}`, {}, { title: "Renamed", description: "Side B" }),
    () => {
      assert.equal(emu.tidal!.playlist(newPlaylist)?.title, "Renamed");
      assert.equal(emu.tidal!.playlist(newPlaylist)?.description, "Side B");
    },
  ),
  call(
    "playlists.addPlaylistItems",
    (c) =>
      c.playlists.addPlaylistItems(newPlaylist, {
        itemIds: [TRACK, TIDAL_SEED.tracks.saltLines],
        onDuplicate: "SKIP",
      }),
    () => ({
      ...api(
        "POST",
        `/v1/playlists/${newPlaylist}/items`,
        {},
        {
          itemIds: `${TRACK},${TIDAL_SEED.tracks.saltLines}`,
          onDupes: "SKIP",
        },
      ),
      // The answer to updatePlaylistDetails carried the ETag, so no extra GET is needed.
      headers: { "if-none-match": emu.tidal!.playlistEtag(newPlaylist)!.replace(/"/g, "") },
    }),
    (_a, sent) => {
      assert.equal(sent.length, 1);
      assert.deepEqual(
        emu.tidal!.playlist(newPlaylist)?.items.map((i) => i.id),
        [TRACK, TIDAL_SEED.tracks.saltLines],
      );
    },
  ),
  call(
    "playlists.reorderPlaylistItems",
    (c) => c.playlists.reorderPlaylistItems(newPlaylist, { fromItemIndices: [1], toIndex: 0 }),
    () => ({
      ...api("POST", `/v1/playlists/${newPlaylist}/items/1`, { toIndex: "0" }),
      headers: { "if-none-match": emu.tidal!.playlistEtag(newPlaylist)!.replace(/"/g, "") },
    }),
    () =>
      assert.deepEqual(
        emu.tidal!.playlist(newPlaylist)?.items.map((i) => i.id),
        [TIDAL_SEED.tracks.saltLines, TRACK],
      ),
  ),
  call(
    "playlists.replacePlaylistItem",
    (c) => c.playlists.replacePlaylistItem(newPlaylist, { itemIndex: 0, itemId: 5810003 }),
    () => ({
      ...api("POST", `/v1/playlists/${newPlaylist}/items/0/replace`, {}, { itemId: "5810003" }),
      headers: { "if-none-match": emu.tidal!.playlistEtag(newPlaylist)!.replace(/"/g, "") },
    }),
    () =>
      assert.deepEqual(
        emu.tidal!.playlist(newPlaylist)?.items.map((i) => i.id),
        [5810003, TRACK],
      ),
  ),
  call(
    "playlists.removePlaylistItems",
    (c) => c.playlists.removePlaylistItems(newPlaylist, { itemIndices: "0" }),
    () => ({
      ...api("DELETE", `/v1/playlists/${newPlaylist}/items/0`),
      headers: { "if-none-match": emu.tidal!.playlistEtag(newPlaylist)!.replace(/"/g, "") },
    }),
    () =>
      assert.deepEqual(
        emu.tidal!.playlist(newPlaylist)?.items.map((i) => i.id),
        [TRACK],
      ),
  ),
  call(
    "playlists.deletePlaylists",
    (c) => c.playlists.deletePlaylists([newPlaylist]),
    () => api("PUT", "/v2/my-collection/playlists/folders/remove", { trns: `trn:playlist:${newPlaylist}` }),
    () => assert.equal(emu.tidal!.playlist(newPlaylist), undefined),
  ),
  call(
    "playlists.renameFolder",
    (c) => c.playlists.renameFolder(newFolder, "Quiet hours"),
    () =>
      api("PUT", "/v2/my-collection/playlists/folders/rename", {
        trn: `trn:folder:${newFolder}`,
        name: "Quiet hours",
      }),
    () => assert.equal(emu.tidal!.folders().find((f) => f.id === newFolder)?.name, "Quiet hours"),
  ),
  call(
    "playlists.deleteFolders",
    (c) => c.playlists.deleteFolders(`trn:folder:${newFolder}`),
    () => api("PUT", "/v2/my-collection/playlists/folders/remove", { trns: `trn:folder:${newFolder}` }),
    () => assert.ok(!emu.tidal!.folders().some((f) => f.id === newFolder)),
  ),
  call(
    "playlists.getFollowedPlaylists",
    (c) => c.playlists.getFollowedPlaylists(),
    api("GET", `/v1/users/${MAIN}/favorites/playlists`, us),
    (a) => assert.equal(a.items.length, collection().playlists.length),
  ),
  call(
    "playlists.followPlaylists",
    (c) => c.playlists.followPlaylists([BRASS_HOUR], { folderUuid: MOODS }),
    api("PUT", "/v2/my-collection/playlists/folders/add-favorites", { uuids: BRASS_HOUR, folderId: MOODS }),
    () => assert.ok(collection().playlists.some((e) => e.uuid === BRASS_HOUR && e.parent === MOODS)),
  ),
  call(
    "playlists.unfollowPlaylists",
    (c) => c.playlists.unfollowPlaylists(BRASS_HOUR),
    api("PUT", "/v2/my-collection/playlists/folders/remove", { trns: `trn:playlist:${BRASS_HOUR}` }),
    () => assert.ok(!collection().playlists.some((e) => e.uuid === BRASS_HOUR)),
  ),
  call(
    "playlists.getMyPlaylists",
    (c) => c.playlists.getMyPlaylists({ playlistTypes: ["PLAYLIST", "FOLDER"] }),
    api("GET", "/v2/my-collection/playlists", { limit: "50", includeOnly: ["PLAYLIST", "FOLDER"] }),
    (a) => assert.ok(a.items.some((entry) => entry.itemType === "FOLDER")),
  ),
  call(
    "playlists.getMyFolder",
    (c) => c.playlists.getMyFolder(MOODS),
    api("GET", "/v2/my-collection/playlists/folders", { folderId: MOODS, limit: "50" }),
    (a) => assert.ok(a.items.every((entry) => entry.parent?.id === MOODS)),
  ),
  call(
    "playlists.getMyFoldersAndPlaylists",
    (c) => c.playlists.getMyFoldersAndPlaylists({ limit: 10 }),
    api("GET", "/v2/my-collection/playlists/folders/flattened", { limit: "10" }),
    (a) => assert.ok(a.items.length > 0),
  ),
  call(
    "playlists.getUserPlaylists",
    (c) => c.playlists.getUserPlaylists(),
    api("GET", `/v1/users/${MAIN}/playlistsAndFavoritePlaylists`, us),
    (a) => {
      assert.ok(a.items.some((e) => e.type === "USER_CREATED"));
      assert.ok(a.items.some((e) => e.type === "USER_FAVORITE"));
    },
  ),
  call(
    "playlists.getUserCreatedPlaylists",
    (c) => c.playlists.getUserCreatedPlaylists(SECOND),
    api("GET", `/v1/users/${SECOND}/playlists`, us),
    (a) => assert.ok(a.items.every((e) => e.playlist.publicPlaylist)),
  ),
  call(
    "playlists.getUserPublicPlaylists",
    (c) => c.playlists.getUserPublicPlaylists(SECOND, { limit: 5 }),
    api("GET", `/v2/user-playlists/${SECOND}/public`, { limit: "5" }),
    (a) => assert.ok(a.items.length > 0 && a.items.every((e) => e.playlist.sharingLevel === "PUBLIC")),
  ),

  // search
  call(
    "search.search",
    (c) => c.search.search("harbor"),
    api("GET", "/v1/search", { query: "harbor", countryCode: "US" }),
    (a) => {
      assert.ok(a.artists.items.some((artist) => artist.id === ARTIST));
      assert.ok(Array.isArray(a.albums.items) && Array.isArray(a.tracks.items));
    },
  ),
  call(
    "search.searchAlbums",
    (c) => c.search.searchAlbums("  tidewater ", { limit: 2 }),
    api("GET", "/v1/search/albums", { query: "tidewater", countryCode: "US", limit: "2" }),
    (a) => assert.equal(a.items[0]?.id, ALBUM),
  ),
  call(
    "search.searchArtists",
    (c) => c.search.searchArtists("harbor"),
    api("GET", "/v1/search/artists", { query: "harbor", countryCode: "US" }),
    (a) => assert.equal(a.items[0]?.id, ARTIST),
  ),
  call(
    "search.searchPlaylists",
    (c) => c.search.searchPlaylists("road trip"),
    api("GET", "/v1/search/playlists", { query: "road trip", countryCode: "US" }),
    (a) => assert.ok(a.items.some((p) => p.uuid === ROAD_TRIP)),
  ),
  call(
    "search.searchTracks",
    (c) => c.search.searchTracks("low water", { offset: 0 }),
    api("GET", "/v1/search/tracks", { query: "low water", countryCode: "US", offset: "0" }),
    (a) => assert.ok(a.items.some((t) => t.id === TRACK)),
  ),
  call(
    "search.searchVideos",
    (c) => c.search.searchVideos("tidewater"),
    api("GET", "/v1/search/videos", { query: "tidewater", countryCode: "US" }),
    (a) => assert.ok(a.items.some((v) => v.id === VIDEO)),
  ),

  // tracks
  call(
    "tracks.getTrack",
    (c) => c.tracks.getTrack(TRACK),
    api("GET", `/v1/tracks/${TRACK}`, us),
    (a) => assert.equal(a.id, TRACK),
  ),
  call(
    "tracks.getTrackContributors",
    (c) => c.tracks.getTrackContributors(TRACK),
    api("GET", `/v1/tracks/${TRACK}/contributors`, us),
    (a) => assert.ok(a.items.every((p) => typeof p.role === "string")),
  ),
  call(
    "tracks.getTrackCredits",
    (c) => c.tracks.getTrackCredits(TRACK),
    api("GET", `/v1/tracks/${TRACK}/credits`, us),
    (a) => assert.ok(Array.isArray(a)),
  ),
  call(
    "tracks.getTrackLyrics",
    (c) => c.tracks.getTrackLyrics(TRACK),
    api("GET", `/v1/tracks/${TRACK}/lyrics`, us),
    (a, sent) => {
      assert.equal(a.trackId, TRACK);
      // The subscription was checked first, with the resolved country.
      assert.deepEqual(
        sent.map((s) => `${s.method} ${s.path}`),
        [`GET /v1/users/${MAIN}/subscription`, `GET /v1/tracks/${TRACK}/lyrics`],
      );
    },
  ),
  call(
    "tracks.getTrackMixId",
    (c) => c.tracks.getTrackMixId(TRACK),
    api("GET", `/v1/tracks/${TRACK}/mix`, us),
    (a) => assert.equal(a.id, emu.tidal!.state.tracks.get(TRACK)?.mixId),
  ),
  call(
    "tracks.getTrackRecommendations",
    (c) => c.tracks.getTrackRecommendations(TRACK, { limit: 2 }),
    api("GET", `/v1/tracks/${TRACK}/recommendations`, { countryCode: "US", limit: "2" }),
    (a) => assert.ok(a.items.length <= 2),
  ),
  call(
    "tracks.getTrackMediaInfo",
    (c) => c.tracks.getTrackMediaInfo(TRACK, { quality: "lossless", preview: true }),
    api("GET", `/v1/tracks/${TRACK}/playbackinfo`, {
      audioquality: "LOSSLESS",
      assetpresentation: "PREVIEW",
      playbackmode: "STREAM",
    }),
    (a) => {
      assert.equal(a.trackId, TRACK);
      assert.equal(a.assetPresentation, "PREVIEW");
    },
  ),
  call(
    "tracks.getTrackPlaybackInfo",
    (c) =>
      c.tracks.getTrackPlaybackInfo(TRACK, {
        quality: "lossless",
        immersiveAudio: false,
        countryCode: "us",
        streamingSessionId: "3F2504E0-4F89-41D3-9A0C-0305E82C3301",
        prefetch: true,
      }),
    {
      method: "GET",
      path: `/v1/tracks/${TRACK}/playbackinfopostpaywall`,
      query: {
        audioquality: "LOSSLESS",
        playbackmode: "STREAM",
        assetpresentation: "FULL",
        countryCode: "US",
        immersiveaudio: "false",
      },
      headers: {
        "x-tidal-streamingsessionid": "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        "x-tidal-prefetch": "true",
      },
    },
    (a) => {
      assert.equal(a.trackId, TRACK);
      assert.equal(a.manifestMimeType, "application/dash+xml");
      assert.equal(a.streamingSessionId, "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    },
  ),
  call(
    "tracks.getTrackRadio",
    (c) => c.tracks.getTrackRadio(TRACK, { limit: 3 }),
    api("GET", `/v1/tracks/${TRACK}/radio`, { countryCode: "US", limit: "3" }),
    (a) => {
      assert.ok(a.items.length > 0 && a.items.length <= 3);
      assert.ok(a.items.every((track) => track.id !== TRACK && typeof track.title === "string"));
    },
  ),
  call(
    "tracks.getTracksByIsrc",
    (c) => c.tracks.getTracksByIsrc("us-sm1-00-24274"),
    {
      role: "tidalOpenApi",
      method: "GET",
      path: "/v2/tracks",
      query: { countryCode: "US", "filter[isrc]": "USSM10024274" },
    },
    (a) => {
      assert.deepEqual(
        a.map((match) => [match.id, match.type, match.attributes.isrc]),
        [[TIDAL_SEED.tracks.brother, "tracks", "USSM10024274"]],
      );
    },
  ),
  call(
    "tracks.getUserSavedTracks",
    (c) => c.tracks.getUserSavedTracks(),
    api("GET", `/v1/users/${MAIN}/favorites/tracks`, us),
    (a) =>
      // Two of the saved tracks are not available in the US (emulator seed).
      assert.equal(a.totalNumberOfItems, collection().tracks.length - 2),
  ),
  call(
    "tracks.saveTracks",
    (c) => c.tracks.saveTracks("5810004", { onMissing: "skip" }),
    api("POST", `/v1/users/${MAIN}/favorites/tracks`, us, {
      trackIds: "5810004",
      onArtifactNotFound: "SKIP",
    }),
    () => assert.ok(collection().tracks.some((e) => e.id === 5810004)),
  ),
  call(
    "tracks.removeSavedTracks",
    (c) => c.tracks.removeSavedTracks([5810004]),
    api("DELETE", `/v1/users/${MAIN}/favorites/tracks/5810004`),
    () => assert.ok(!collection().tracks.some((e) => e.id === 5810004)),
  ),
  call(
    "tracks.getUserBlockedTracks",
    (c) => c.tracks.getUserBlockedTracks(),
    api("GET", `/v1/users/${MAIN}/blocks/tracks`),
    (a) => assert.equal(a.items.length, collection().blockedTracks.length),
  ),
  call(
    "tracks.blockTrack",
    (c) => c.tracks.blockTrack(5810005),
    api("POST", `/v1/users/${MAIN}/blocks/tracks`, {}, { trackId: "5810005" }),
    () => assert.ok(collection().blockedTracks.some((e) => e.id === 5810005)),
  ),
  call(
    "tracks.unblockTrack",
    (c) => c.tracks.unblockTrack("5810005"),
    api("DELETE", `/v1/users/${MAIN}/blocks/tracks/5810005`),
    () => assert.ok(!collection().blockedTracks.some((e) => e.id === 5810005)),
  ),

  // users
  call(
    "users.getMe",
    (c) => c.users.getMe(),
    { role: "tidalLogin", method: "GET", path: "/oauth2/me", query: {} },
    (a) => {
      assert.equal(a.userId, MAIN);
      assert.equal(a.countryCode, "US");
    },
  ),
  call(
    "users.getSession",
    (c) => c.users.getSession(),
    api("GET", "/v1/sessions"),
    (a) => assert.equal(a.userId, MAIN),
  ),
  call(
    "users.getUserClients",
    (c) => c.users.getUserClients(),
    api("GET", `/v1/users/${MAIN}/clients`, us),
    (a) => assert.ok(a.items.some((cl) => cl.uniqueKey === "tidal-pkce-client")),
  ),
  call(
    "users.getUserSubscription",
    (c) => c.users.getUserSubscription(MAIN, { countryCode: "US" }),
    api("GET", `/v1/users/${MAIN}/subscription`, us),
    (a) => assert.equal(a.premiumAccess, true),
  ),
  call(
    "users.getUserSavedItemIds",
    (c) => c.users.getUserSavedItemIds(),
    api("GET", `/v1/users/${MAIN}/favorites/ids`, us),
    (a) =>
      assert.deepEqual(
        a.ALBUM,
        collection().albums.map((e) => String(e.id)),
      ),
  ),
  call(
    "users.getUserSavedAlbums",
    (c) => c.users.getUserSavedAlbums(MAIN, { offset: 1 }),
    api("GET", `/v1/users/${MAIN}/favorites/albums`, { countryCode: "US", offset: "1" }),
    (a) => assert.equal(a.offset, 1),
  ),
  call(
    "users.saveAlbums",
    (c) =>
      c.users.saveAlbums(TIDAL_SEED.albums.lantern, { userId: MAIN, countryCode: "us", onMissing: "FAIL" }),
    api("POST", `/v1/users/${MAIN}/favorites/albums`, us, {
      albumIds: String(TIDAL_SEED.albums.lantern),
      onArtifactNotFound: "FAIL",
    }),
    () => assert.ok(collection().albums.some((e) => e.id === TIDAL_SEED.albums.lantern)),
  ),
  call(
    "users.removeSavedAlbums",
    (c) => c.users.removeSavedAlbums([TIDAL_SEED.albums.lantern], { userId: String(MAIN) }),
    api("DELETE", `/v1/users/${MAIN}/favorites/albums/${TIDAL_SEED.albums.lantern}`),
    () => assert.ok(!collection().albums.some((e) => e.id === TIDAL_SEED.albums.lantern)),
  ),
  call(
    "users.getUserBlockedArtists",
    (c) => c.users.getUserBlockedArtists(undefined, { limit: 5, offset: 0 }),
    api("GET", `/v1/users/${MAIN}/blocks/artists`, { limit: "5", offset: "0" }),
    (a) => assert.equal(a.offset, 0),
  ),
  call(
    "users.blockArtist",
    (c) => c.users.blockArtist(String(TIDAL_SEED.artists.northboundBrass)),
    api(
      "POST",
      `/v1/users/${MAIN}/blocks/artists`,
      {},
      { artistId: String(TIDAL_SEED.artists.northboundBrass) },
    ),
    () => assert.ok(collection().blockedArtists.some((e) => e.id === TIDAL_SEED.artists.northboundBrass)),
  ),
  call(
    "users.unblockArtist",
    (c) => c.users.unblockArtist(TIDAL_SEED.artists.northboundBrass),
    api("DELETE", `/v1/users/${MAIN}/blocks/artists/${TIDAL_SEED.artists.northboundBrass}`),
    () => assert.ok(!collection().blockedArtists.some((e) => e.id === TIDAL_SEED.artists.northboundBrass)),
  ),
  call(
    "users.getUserFollowedArtists",
    (c) => c.users.getUserFollowedArtists(null, { limit: 1 }),
    api("GET", `/v1/users/${MAIN}/favorites/artists`, { countryCode: "US", limit: "1" }),
    (a) => assert.equal(a.items.length, 1),
  ),
  call(
    "users.followArtists",
    (c) => c.users.followArtists(TIDAL_SEED.artists.quietFerns, { onMissing: "SKIP" }),
    api("POST", `/v1/users/${MAIN}/favorites/artists`, us, {
      artistIds: String(TIDAL_SEED.artists.quietFerns),
      onArtifactNotFound: "SKIP",
    }),
    () => assert.ok(collection().artists.some((e) => e.id === TIDAL_SEED.artists.quietFerns)),
  ),
  call(
    "users.unfollowArtists",
    (c) => c.users.unfollowArtists([TIDAL_SEED.artists.quietFerns]),
    api("DELETE", `/v1/users/${MAIN}/favorites/artists/${TIDAL_SEED.artists.quietFerns}`),
    () => assert.ok(!collection().artists.some((e) => e.id === TIDAL_SEED.artists.quietFerns)),
  ),
  call(
    "users.getMyFollowedMixes",
    (c) => c.users.getMyFollowedMixes({ sortBy: "NAME", descending: false }),
    api("GET", "/v2/favorites/mixes", { limit: "50", order: "NAME", orderDirection: "ASC" }),
    (a) => {
      const titles = a.items.map((m) => m.title.toLowerCase());
      assert.deepEqual(titles, [...titles].sort());
    },
  ),
  call(
    "users.getMyFollowedMixIds",
    (c) => c.users.getMyFollowedMixIds(),
    api("GET", "/v2/favorites/mixes/ids", { limit: "50" }),
    (a) =>
      assert.deepEqual(
        a.content,
        collection().mixes.map((e) => e.id),
      ),
  ),
  call(
    "users.followMixes",
    (c) => c.users.followMixes(`${DISCOVERY},${NEW_ARRIVALS}`),
    api("PUT", "/v2/favorites/mixes/add", {}, { mixIds: `${DISCOVERY},${NEW_ARRIVALS}` }),
    () => assert.ok(collection().mixes.some((e) => e.id === NEW_ARRIVALS)),
  ),
  call(
    "users.unfollowMixes",
    (c) => c.users.unfollowMixes([DISCOVERY, NEW_ARRIVALS]),
    api("PUT", "/v2/favorites/mixes/remove", {}, { mixIds: `${DISCOVERY},${NEW_ARRIVALS}` }),
    () => assert.ok(!collection().mixes.some((e) => e.id === DISCOVERY)),
  ),
  call(
    "users.getFollowedPlaylists",
    (c) => c.users.getFollowedPlaylists(),
    api("GET", `/v1/users/${MAIN}/favorites/playlists`, us),
    (a) => assert.ok(a.items.every((entry) => typeof entry.item.uuid === "string")),
  ),
  call(
    "users.followPlaylists (apiVersion 1)",
    (c) => c.users.followPlaylists(BRASS_HOUR, { apiVersion: 1 }),
    api("POST", `/v1/users/${MAIN}/favorites/playlists`, us, { uuids: BRASS_HOUR }),
    () => assert.ok(collection().playlists.some((e) => e.uuid === BRASS_HOUR)),
  ),
  call(
    "users.unfollowPlaylists (apiVersion 1)",
    (c) => c.users.unfollowPlaylists([`trn:playlist:${BRASS_HOUR}`], { apiVersion: 1 }),
    api("DELETE", `/v1/users/${MAIN}/favorites/playlists/${BRASS_HOUR}`),
    () => assert.ok(!collection().playlists.some((e) => e.uuid === BRASS_HOUR)),
  ),
  call(
    "users.getMyPlaylists",
    (c) => c.users.getMyPlaylists(),
    api("GET", "/v2/my-collection/playlists", { limit: "50" }),
    (a) => assert.ok(a.items.every((entry) => entry.itemType === "PLAYLIST")),
  ),
  call(
    "users.getMyFolder",
    (c) => c.users.getMyFolder(),
    api("GET", "/v2/my-collection/playlists/folders", { limit: "50" }),
    (a) => assert.ok(a.items.length > 0),
  ),
  call(
    "users.getMyFoldersAndPlaylists",
    (c) => c.users.getMyFoldersAndPlaylists({ playlistTypes: "FOLDER,PLAYLIST", sortBy: "DATE" }),
    api("GET", "/v2/my-collection/playlists/folders/flattened", {
      limit: "50",
      includeOnly: ["FOLDER", "PLAYLIST"],
      order: "DATE",
    }),
    (a) => assert.ok(a.items.some((e) => e.itemType === "FOLDER")),
  ),
  call(
    "users.getUserPlaylists",
    (c) => c.users.getUserPlaylists(),
    api("GET", `/v1/users/${MAIN}/playlistsAndFavoritePlaylists`, us),
    (a) => assert.ok(a.totalNumberOfItems >= 3),
  ),
  call(
    "users.getUserCreatedPlaylists",
    (c) => c.users.getUserCreatedPlaylists(),
    api("GET", `/v1/users/${MAIN}/playlists`, us),
    (a) => assert.ok(a.items.some((e) => e.playlist.uuid === ROAD_TRIP)),
  ),
  call(
    "users.getUserPublicPlaylists",
    (c) => c.users.getUserPublicPlaylists(),
    api("GET", `/v2/user-playlists/${MAIN}/public`),
    (a) => assert.ok(a.items.some((e) => e.playlist.uuid === ROAD_TRIP)),
  ),
  call(
    "users.getUserFollowers",
    (c) => c.users.getUserFollowers(SECOND),
    api("GET", `/v2/profiles/${SECOND}/followers`),
    (a) => assert.ok(Array.isArray(a.items)),
  ),
  call(
    "users.getUserFollowings",
    (c) => c.users.getUserFollowings(undefined, { limit: 10 }),
    api("GET", `/v2/profiles/${MAIN}/following`, { limit: "10" }),
    (a) => assert.equal(a.items.length, collection().following.length),
  ),
  call(
    "users.followUser",
    (c) => c.users.followUser(THIRD),
    api("PUT", "/v2/follow", { trn: `trn:user:${THIRD}` }),
    () => assert.ok(collection().following.some((e) => e.id === THIRD)),
  ),
  call(
    "users.unfollowUser",
    (c) => c.users.unfollowUser(String(THIRD)),
    api("DELETE", "/v2/follow", { trn: `trn:user:${THIRD}` }),
    () => assert.ok(!collection().following.some((e) => e.id === THIRD)),
  ),
  call(
    "users.getMyBlockedUsers",
    (c) => c.users.getMyBlockedUsers(),
    api("GET", "/v2/profiles/blocked-profiles"),
    (a) => assert.equal(a.items.length, collection().blockedUsers.length),
  ),
  call(
    "users.blockUser",
    (c) => c.users.blockUser(THIRD),
    api("PUT", `/v2/profiles/block/${THIRD}`),
    () => assert.ok(collection().blockedUsers.some((e) => e.id === THIRD)),
  ),
  call(
    "users.unblockUser",
    (c) => c.users.unblockUser(THIRD),
    api("DELETE", `/v2/profiles/block/${THIRD}`),
    () => assert.ok(!collection().blockedUsers.some((e) => e.id === THIRD)),
  ),
  call(
    "users.getUserSavedTracks",
    (c) => c.users.getUserSavedTracks(undefined, { countryCode: "GB" }),
    api("GET", `/v1/users/${MAIN}/favorites/tracks`, { countryCode: "GB" }),
    (a) => assert.ok(a.items.length > 0),
  ),
  call(
    "users.saveTracks",
    (c) => c.users.saveTracks([5810009]),
    api("POST", `/v1/users/${MAIN}/favorites/tracks`, us, { trackIds: "5810009" }),
    () => assert.ok(collection().tracks.some((e) => e.id === 5810009)),
  ),
  call(
    "users.removeSavedTracks",
    (c) => c.users.removeSavedTracks(5810009),
    api("DELETE", `/v1/users/${MAIN}/favorites/tracks/5810009`),
    () => assert.ok(!collection().tracks.some((e) => e.id === 5810009)),
  ),
  call(
    "users.getUserBlockedTracks",
    (c) => c.users.getUserBlockedTracks(undefined, { limit: 1 }),
    api("GET", `/v1/users/${MAIN}/blocks/tracks`, { limit: "1" }),
    (a) => assert.ok(a.items.length <= 1),
  ),
  call(
    "users.blockTrack",
    (c) => c.users.blockTrack(5810010),
    api("POST", `/v1/users/${MAIN}/blocks/tracks`, {}, { trackId: "5810010" }),
    () => assert.ok(collection().blockedTracks.some((e) => e.id === 5810010)),
  ),
  call(
    "users.unblockTrack",
    (c) => c.users.unblockTrack(5810010),
    api("DELETE", `/v1/users/${MAIN}/blocks/tracks/5810010`),
    () => assert.ok(!collection().blockedTracks.some((e) => e.id === 5810010)),
  ),
  call(
    "users.getUserSavedVideos",
    (c) => c.users.getUserSavedVideos(),
    api("GET", `/v1/users/${MAIN}/favorites/videos`, us),
    (a) =>
      assert.deepEqual(
        a.items.map((e) => e.item.id),
        collection().videos.map((e) => e.id),
      ),
  ),
  call(
    "users.saveVideos",
    (c) => c.users.saveVideos(TIDAL_SEED.videos.paperMoonsLive),
    api("POST", `/v1/users/${MAIN}/favorites/videos`, us, {
      videoIds: String(TIDAL_SEED.videos.paperMoonsLive),
    }),
    () => assert.ok(collection().videos.some((e) => e.id === TIDAL_SEED.videos.paperMoonsLive)),
  ),
  call(
    "users.removeSavedVideos",
    (c) => c.users.removeSavedVideos(TIDAL_SEED.videos.paperMoonsLive),
    api("DELETE", `/v1/users/${MAIN}/favorites/videos/${TIDAL_SEED.videos.paperMoonsLive}`),
    () => assert.ok(!collection().videos.some((e) => e.id === TIDAL_SEED.videos.paperMoonsLive)),
  ),
  call(
    "users.getUserBlockedVideos",
    (c) => c.users.getUserBlockedVideos(),
    api("GET", `/v1/users/${MAIN}/blocks/videos`),
    (a) => assert.equal(a.items.length, collection().blockedVideos.length),
  ),
  call(
    "users.blockVideo",
    (c) => c.users.blockVideo(TIDAL_SEED.videos.kestrelVisualizer),
    api(
      "POST",
      `/v1/users/${MAIN}/blocks/videos`,
      {},
      { videoId: String(TIDAL_SEED.videos.kestrelVisualizer) },
    ),
    () => assert.ok(collection().blockedVideos.some((e) => e.id === TIDAL_SEED.videos.kestrelVisualizer)),
  ),
  call(
    "users.unblockVideo",
    (c) => c.users.unblockVideo(TIDAL_SEED.videos.kestrelVisualizer),
    api("DELETE", `/v1/users/${MAIN}/blocks/videos/${TIDAL_SEED.videos.kestrelVisualizer}`),
    () => assert.ok(!collection().blockedVideos.some((e) => e.id === TIDAL_SEED.videos.kestrelVisualizer)),
  ),

  // videos
  call(
    "videos.getVideo",
    (c) => c.videos.getVideo(VIDEO),
    api("GET", `/v1/videos/${VIDEO}`, us),
    (a) => assert.equal(a.id, VIDEO),
  ),
  call(
    "videos.getVideoContributors",
    (c) => c.videos.getVideoContributors(VIDEO, { limit: 100 }),
    api("GET", `/v1/videos/${VIDEO}/contributors`, { countryCode: "US", limit: "100" }),
    (a) => assert.ok(a.items.every((p) => typeof p.name === "string")),
  ),
  call(
    "videos.getVideoPage",
    (c) => c.videos.getVideoPage(VIDEO, { deviceType: "PHONE" }),
    api("GET", "/v1/pages/videos", { deviceType: "PHONE", countryCode: "US", videoId: String(VIDEO) }),
    (a) => assert.ok(a.rows.length > 0),
  ),
  call(
    "videos.getVideoMediaInfo",
    (c) => c.videos.getVideoMediaInfo(VIDEO, { quality: "medium", intent: "offline" }),
    api("GET", `/v1/videos/${VIDEO}/playbackinfo`, {
      videoquality: "MEDIUM",
      assetpresentation: "FULL",
      playbackmode: "OFFLINE",
    }),
    (a, sent) => {
      assert.equal(a.videoQuality, "MEDIUM");
      // The subscription was already confirmed for this token by getTrackLyrics.
      assert.equal(sent.length, 1);
    },
  ),
  call(
    "videos.getVideoPlaybackInfo",
    (c) => c.videos.getVideoPlaybackInfo(VIDEO, { quality: "low", playlistUuid: ROAD_TRIP }),
    {
      ...api("GET", `/v1/videos/${VIDEO}/playbackinfopostpaywall`, {
        videoquality: "LOW",
        playbackmode: "STREAM",
        assetpresentation: "FULL",
      }),
      headers: { "x-tidal-playlistuuid": ROAD_TRIP },
    },
    (a) => {
      assert.equal(a.videoId, VIDEO);
      assert.equal(a.manifestMimeType, "application/vnd.tidal.emu");
    },
  ),
  call(
    "videos.getUserSavedVideos",
    (c) => c.videos.getUserSavedVideos(null, { sortBy: "DATE" }),
    api("GET", `/v1/users/${MAIN}/favorites/videos`, { countryCode: "US", order: "DATE" }),
    (a) => assert.equal(a.items.length, collection().videos.length),
  ),
  call(
    "videos.saveVideos",
    (c) => c.videos.saveVideos([TIDAL_SEED.videos.kestrelVisualizer], { onMissing: "SKIP" }),
    api("POST", `/v1/users/${MAIN}/favorites/videos`, us, {
      videoIds: String(TIDAL_SEED.videos.kestrelVisualizer),
      onArtifactNotFound: "SKIP",
    }),
    () => assert.ok(collection().videos.some((e) => e.id === TIDAL_SEED.videos.kestrelVisualizer)),
  ),
  call(
    "videos.removeSavedVideos",
    (c) => c.videos.removeSavedVideos([TIDAL_SEED.videos.kestrelVisualizer]),
    api("DELETE", `/v1/users/${MAIN}/favorites/videos/${TIDAL_SEED.videos.kestrelVisualizer}`),
    () => assert.ok(!collection().videos.some((e) => e.id === TIDAL_SEED.videos.kestrelVisualizer)),
  ),
  call(
    "videos.getUserBlockedVideos",
    (c) => c.videos.getUserBlockedVideos(),
    api("GET", `/v1/users/${MAIN}/blocks/videos`),
    (a) => assert.equal(a.totalNumberOfItems, collection().blockedVideos.length),
  ),
  call(
    "videos.blockVideo",
    (c) => c.videos.blockVideo(TIDAL_SEED.videos.paperMoonsLive),
    api("POST", `/v1/users/${MAIN}/blocks/videos`, {}, { videoId: String(TIDAL_SEED.videos.paperMoonsLive) }),
    () => assert.ok(collection().blockedVideos.some((e) => e.id === TIDAL_SEED.videos.paperMoonsLive)),
  ),
  call(
    "videos.unblockVideo",
    (c) => c.videos.unblockVideo(TIDAL_SEED.videos.paperMoonsLive),
    api("DELETE", `/v1/users/${MAIN}/blocks/videos/${TIDAL_SEED.videos.paperMoonsLive}`),
    () => assert.ok(!collection().blockedVideos.some((e) => e.id === TIDAL_SEED.videos.paperMoonsLive)),
  ),

  // client
  call(
    "getCountryCode",
    (c) => c.getCountryCode(),
    api("GET", "/v1/country"),
    (a) => assert.deepEqual(a, { countryCode: "US" }),
  ),
];

describe("PrivateTIDALAPIClient endpoints", () => {
  before(async () => {
    emu = await startTidal();
    artistMix = emu.tidal!.state.artists.get(ARTIST)!.mixId;
    // Without the response cache every case reaches the emulator; caching has its own tests.
    const made = userClient(emu, { enableCache: false });
    client = made.client;
    accessToken = made.accessToken;
    // Resolve the account's country and id once, so each case below sees only its own requests.
    await client.users.getMe();
  });

  after(async () => {
    await client.close();
    await emu.close();
  });

  it("covers every group method of the spec once or more", async () => {
    const { readFile } = await import("node:fs/promises");
    const spec = JSON.parse(
      await readFile(new URL("../data/tidal-private.endpoints.json", import.meta.url), "utf8"),
    ) as {
      group: string;
      tsName: string;
    }[];
    const covered = new Set(cases.map((c) => c.name.replace(/ \(.*\)$/, "")));
    const missing = spec
      .filter((e) => e.group !== "client" || e.tsName === "getCountryCode")
      .map((e) => (e.group === "client" ? e.tsName : `${e.group}.${e.tsName}`))
      .filter((name) => !covered.has(name));
    assert.deepEqual(missing, []);
  });

  for (const entry of cases) {
    it(entry.name, async () => {
      // Computed first: expectations such as the playlist's ETag describe the state before the call.
      const expected = entry.expected();
      const { answer, sent } = await during(emu, () => entry.run(client));
      assert.ok(sent.length > 0, "a request was sent");
      const main = sent[sent.length - 1]!;
      assert.equal(main.role, expected.role ?? "tidalApi");
      assert.equal(main.method, expected.method);
      assert.equal(main.path, expected.path);
      assert.deepEqual(main.query, expected.query ?? {});
      assert.deepEqual(main.form, expected.form ?? {});
      assert.ok(main.status >= 200 && main.status < 300, `status ${main.status}`);
      assert.equal(main.headers["x-tidal-client-version"], "2025.12.18");
      assert.equal(main.headers["authorization"], `Bearer ${accessToken}`);
      assert.equal(main.headers["x-tidal-token"], undefined);
      for (const [name, value] of Object.entries(expected.headers ?? {}))
        assert.equal(main.headers[name], value);
      if (!expected.headers?.["if-none-match"]) assert.equal(main.headers["if-none-match"], undefined);
      for (const request of sent) assert.equal(request.headers["x-tidal-client-version"], "2025.12.18");
      entry.check(answer, sent);
    });
  }
});
