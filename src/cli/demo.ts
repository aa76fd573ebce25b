import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeezerAPIClient } from "../deezer/index.js";
import { startEmulator } from "../emulator/index.js";
import { PrivateTIDALAPIClient } from "../tidal/index.js";
import { deezerUrls, tidalUrls } from "./endpoints.js";

type Print = (line: string) => void;

/**
 * The offline tour: starts the embedded emulator of both services and drives the real clients against it over
 * loopback HTTP: anonymous catalogue calls, paginated iteration, a TIDAL device login approved by the
 * emulated user, and library writes.
 */
export async function runDemo(print: Print = (line) => console.log(line)): Promise<void> {
  // Tokens from the demo go to a throwaway store, never the user's ~/.minim.
  const minimDir = await mkdtemp(join(tmpdir(), "minim-demo-"));
  const previousDir = process.env.MINIM_DIR;
  process.env.MINIM_DIR = minimDir;
  const emulator = await startEmulator({ tidal: { deviceUriWithScheme: true } });
  try {
    print(`Emulator listening: Deezer API ${emulator.urls.deezerApi}, TIDAL API ${emulator.urls.tidalApi}`);
    await deezerTour(emulator, print);
    await tidalTour(emulator, print);
    print("");
    print(`Done: ${emulator.requests.length} HTTP requests served by the emulator.`);
  } finally {
    await emulator.close();
    if (previousDir === undefined) delete process.env.MINIM_DIR;
    else process.env.MINIM_DIR = previousDir;
    await rm(minimDir, { recursive: true, force: true });
  }
}

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

async function deezerTour(emulator: Emulator, print: Print): Promise<void> {
  print("");
  print("== Deezer ==");
  await using anonymous = new DeezerAPIClient({ baseUrl: emulator.urls.deezerApi });
  const chart = await anonymous.charts.getTopTracks({ limit: 3 });
  print(`Top tracks: ${chart.data.map((t) => `${t.title} (${t.artist?.name ?? "?"})`).join("; ")}`);

  const firstAlbumId = chart.data[0]?.album?.id;
  if (firstAlbumId !== undefined) {
    const album = await anonymous.albums.getAlbum(firstAlbumId);
    print(
      `Album ${album.id}: "${album.title}" by ${album.artist?.name ?? "?"}, ${album.nb_tracks} tracks, UPC ${album.upc}`,
    );
  }

  // A 30-track playlist read ten at a time: one track is unavailable, so a page comes back short and the walk
  // follows the service's `next` links rather than counting.
  const playlist = await anonymous.playlists.getPlaylist(880004);
  let pages = 0;
  let playable = 0;
  for await (const page of anonymous.playlists.getPlaylistTracks(playlist.id, { limit: 10 }).pages()) {
    pages++;
    playable += page.data.length;
  }
  print(
    `Playlist "${playlist.title}": ${playable} playable of ${playlist.nb_tracks} tracks, read in ${pages} pages`,
  );

  const found = await anonymous.search.searchTracks("salt", { limit: 3 });
  print(`Search "salt": ${found.total} tracks, top three: ${found.data.map((t) => t.title).join("; ")}`);

  // The authorization-code flow for real: the client serves its redirect URI on a loopback port, and the
  // emulated user "clicks Allow" on Deezer's consent page by submitting its form.
  const port = await freePort();
  await using user = await DeezerAPIClient.create({
    authFlow: "auth_code",
    appId: "100001",
    appSecret: "emulator-app-secret",
    redirectUri: `http://127.0.0.1:${port}/callback`,
    permissions: ["basic_access", "manage_library", "delete_library"],
    redirectHandler: "http.server",
    ...deezerUrls(emulator.urls),
    onAuthorization: async ({ url }) => {
      print(`Authorization page: ${url.split("?")[0] ?? url} (the emulated user clicks Allow)`);
      await emulator.deezer!.approveConsent(url);
    },
  });
  const me = await user.users.getUser();
  print(`Signed in as ${me.name} (id ${me.id})`);
  const created = await user.users.createPlaylist("Offline demo");
  const playlistId = created.id;
  const trackIds = chart.data.map((t) => t.id);
  await user.playlists.addPlaylistTracks(playlistId, { trackIds });
  const tracks = await user.playlists.getPlaylistTracks(playlistId);
  print(`Created playlist ${playlistId} with ${tracks.total} tracks; deleting it again`);
  await user.playlists.deletePlaylist(playlistId);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("No free loopback port.");
  return address.port;
}

async function tidalTour(emulator: Emulator, print: Print): Promise<void> {
  const tidal = emulator.tidal;
  if (!tidal) return;
  print("");
  print("== TIDAL ==");
  await using client = new PrivateTIDALAPIClient({
    authFlow: "device",
    clientId: "tidal-device-client",
    clientSecret: "tidal-device-secret",
    scopes: ["r_usr", "w_usr"],
    ...tidalUrls(emulator.urls),
    onAuthorization: ({ userCode, verificationUri }) => {
      print(`Device login: visit ${verificationUri ?? "the verification page"} and enter ${userCode ?? "?"}`);
      // The emulated user approves at once; with the real service a person does this in a browser.
      if (userCode) tidal.approveDevice(userCode);
    },
  });
  const country = await client.getCountryCode();
  print(`Country: ${country.countryCode}`);
  const me = await client.users.getMe();
  print(`Signed in as user ${String(me.userId)}`);
  const saved = await client.users.getUserSavedAlbums();
  print(`Saved albums: ${saved.totalNumberOfItems}`);
  const firstSaved = saved.items[0]?.item;
  if (firstSaved) {
    const album = await client.albums.getAlbum(firstSaved.id);
    print(`Album ${album.id}: "${album.title}", ${album.numberOfTracks} tracks`);
    let available = 0;
    for await (const _item of client.albums.getAlbumItems(album.id, { limit: 5 })) available++;
    print(`  ${available} of them playable in ${country.countryCode} (paged five at a time)`);
    if (album.cover) {
      const cover = client.buildArtworkUrl(album.cover, "album", { dimensions: 640 });
      const image = await fetch(cover);
      print(
        `  cover: ${cover} (${image.headers.get("content-type") ?? "?"}, ${(await image.arrayBuffer()).byteLength} bytes)`,
      );
    }
  }
}
