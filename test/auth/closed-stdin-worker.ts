// Child process of the "no prompt without consent" test: a Deezer client whose token the service rejects (code
// 300), run with standard input closed. Prints one JSON line with the error the call ended with.
import { DeezerAPIClient } from "../../src/deezer/client.js";

const [apiUrl, connectUrl, mode] = process.argv.slice(2);
if (!apiUrl || !connectUrl || !mode) {
  process.stderr.write("usage: closed-stdin-worker <apiUrl> <connectUrl> <default|interactive>\n");
  process.exit(2);
}

const client = new DeezerAPIClient({
  baseUrl: apiUrl,
  authUrl: `${connectUrl}/oauth/auth.php`,
  tokenUrl: `${connectUrl}/oauth/access_token.php`,
  authFlow: "implicit",
  appId: "100001",
  redirectUri: "http://localhost:8765/callback",
  accessToken: "revoked-token-value-0123456789",
  storeTokens: false,
  timeout: 2000,
  ...(mode === "interactive" ? { interactive: true } : {}),
});
try {
  await client.users.getUser();
  process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
} catch (error) {
  const e = error as Error & { error?: string };
  process.stdout.write(
    `${JSON.stringify({ ok: false, name: e.name, error: e.error, message: e.message })}\n`,
  );
} finally {
  await client.close();
}
