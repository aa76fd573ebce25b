/**
 * Pagination: a list method's result is the first page when awaited, and every item of every page when walked
 * with `for await`; `.pages()` walks whole pages and `.toArray(max)` collects items. The walk follows the
 * service's own paging (Deezer's `next` links), so a short page (an unavailable track) is no trouble.
 *
 *   npx tsx examples/pagination.ts
 */
import { DeezerAPIClient } from "minim-ts";
import { DEEZER_SEED_IDS, startEmulator } from "minim-ts/emulator";

await using emulator = await startEmulator({ services: ["deezer"] });
await using deezer = new DeezerAPIClient({ baseUrl: emulator.urls.deezerApi });

// 30 tracks, one of them unavailable where the emulator pretends we are.
const playlistId = DEEZER_SEED_IDS.PLAYLIST.rainySunday;

const first = await deezer.playlists.getPlaylistTracks(playlistId, { limit: 10 });
console.log(`first page: ${first.data.length} of ${first.total ?? "?"} tracks`);

let items = 0;
for await (const track of deezer.playlists.getPlaylistTracks(playlistId, { limit: 10 })) {
  if (items++ < 2) console.log(`track: ${track.title}`);
}
console.log(`items: ${items}`);

let pages = 0;
for await (const page of deezer.playlists.getPlaylistTracks(playlistId, { limit: 10 }).pages()) {
  pages++;
  console.log(`page ${pages}: ${page.data.length} tracks`);
}

const fifteen = await deezer.playlists.getPlaylistTracks(playlistId, { limit: 10 }).toArray(15);
console.log(`toArray(15): ${fifteen.length} tracks`);
