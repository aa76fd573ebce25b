/**
 * A Deezer login with the authorization-code flow against the emulator's consent page: the client serves its
 * redirect URI on a loopback port, and this script plays the user who clicks "Allow". With the real service, a
 * person does that in a browser (`openBrowser: true`).
 *
 *   npx tsx examples/deezer-login.ts
 */
import { createServer } from "node:net";
import { DeezerAPIClient } from "minim-ts";
import { DEFAULT_DEEZER_APP, startEmulator } from "minim-ts/emulator";

await using emulator = await startEmulator({ services: ["deezer"] });

// Any free loopback port will do for the redirect URI.
const port = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

await using deezer = await DeezerAPIClient.create({
  authFlow: "auth_code",
  appId: DEFAULT_DEEZER_APP.appId,
  appSecret: DEFAULT_DEEZER_APP.secret,
  redirectUri: `http://127.0.0.1:${port}/callback`,
  permissions: ["basic_access", "manage_library"],
  redirectHandler: "http.server",
  storeTokens: false, // an example should not write to ~/.minim
  baseUrl: emulator.urls.deezerApi,
  authUrl: `${emulator.urls.deezerConnect}/oauth/auth.php`,
  tokenUrl: `${emulator.urls.deezerConnect}/oauth/access_token.php`,
  onAuthorization: async ({ url }) => {
    console.log(`consent page: ${url.split("?")[0]}`);
    // The user clicks "Allow": the form posts back and the page redirects to our loopback server.
    const page = new URL(url);
    const form = new URLSearchParams(page.searchParams);
    form.set("decision", "allow");
    const answer = await fetch(new URL(page.pathname, page.origin), {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    await (await fetch(answer.headers.get("location")!)).text();
  },
});

const me = await deezer.users.getUser();
console.log(`logged in as ${me.name} (user ${me.id})`);
const { id } = await deezer.users.createPlaylist("Made by an example");
console.log(`created playlist ${id}`);
