/**
 * Anonymous reads of Deezer's catalogue: charts, an album, a search. Runs against its own emulator, or against the
 * server named by MINIM_DEEZER_API_URL (e.g. after `eval "$(minim emulator --port 9000 --print-env)"`).
 *
 *   npx tsx examples/deezer-catalogue.ts
 */
import { DeezerAPIClient } from "minim-ts";
import { startEmulator } from "minim-ts/emulator";

await using emulator = process.env.MINIM_DEEZER_API_URL
  ? undefined
  : await startEmulator({ services: ["deezer"] });
const baseUrl = process.env.MINIM_DEEZER_API_URL ?? emulator!.urls.deezerApi;

await using deezer = new DeezerAPIClient({ baseUrl });
const chart = await deezer.charts.getTopTracks({ limit: 3 });
for (const track of chart.data) console.log(`chart: ${track.title} by ${track.artist?.name ?? "?"}`);

const album = await deezer.albums.getAlbum(chart.data[0]!.album!.id);
console.log(`album: ${album.title} (${album.nb_tracks} tracks, released ${album.release_date})`);

const found = await deezer.search.searchTracks("salt", { limit: 2 });
console.log(`search "salt": ${found.total} tracks, first: ${found.data[0]?.title ?? "none"}`);
