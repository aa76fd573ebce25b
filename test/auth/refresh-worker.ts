// Child process of the cross-process refresh test: opens the shared token database, waits for the common start
// time, then makes a user call with the stored (expired) login. Prints one JSON line: the outcome and which
// access token its session ended with.
import { TokenStore } from "../../src/auth/token-store.js";
import { PrivateTIDALAPIClient } from "../../src/tidal/private-client.js";

const [path, apiUrl, authUrl, loginUrl, clientId, startArg] = process.argv.slice(2);
if (!path || !apiUrl || !authUrl || !loginUrl || !clientId || !startArg) {
  process.stderr.write("usage: refresh-worker <db> <apiUrl> <authUrl> <loginUrl> <clientId> <startAtMs>\n");
  process.exit(2);
}

const store = new TokenStore({ path });
// Opened before the start so every process hits the refresh at the same moment, not the schema set-up.
store.list({ clientName: "PrivateTIDALAPIClient" });
const client = new PrivateTIDALAPIClient({
  authFlow: "pkce",
  clientId,
  redirectUri: "tidal://login/auth",
  baseUrl: apiUrl,
  loginUrl,
  tokenUrl: `${authUrl}/v1/oauth2/token`,
  tokenStore: store,
  interactive: false,
  limitRate: false,
  enableCache: false,
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
});
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startArg) - Date.now())));
try {
  const session = await client.users.getSession();
  const first = session.userId;
  // A second call must work with whatever token the process ended with.
  const again = await client.users.getSession();
  process.stdout.write(`${JSON.stringify({ ok: true, userId: first, again: again.userId })}\n`);
} catch (error) {
  const name = error instanceof Error ? error.name : "unknown";
  const message = error instanceof Error ? error.message : String(error);
  process.stdout.write(`${JSON.stringify({ ok: false, name, message })}\n`);
  process.exitCode = 1;
} finally {
  await client.close();
  store.close();
}
