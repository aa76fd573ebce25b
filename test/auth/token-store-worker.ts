// Child process for the token-store concurrency test: waits for a shared start time so every process opens the
// database and writes at once, then saves its own distinct rows.
import { TokenStore } from "../../src/auth/token-store.js";

const [path, workerArg, countArg, startArg] = process.argv.slice(2);
if (path === undefined || workerArg === undefined || countArg === undefined || startArg === undefined) {
  process.stderr.write("usage: token-store-worker <db> <worker> <count> <startAtMs>\n");
  process.exit(2);
}
const worker = Number(workerArg);
const count = Number(countArg);
const startAt = Number(startArg);

await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));

const store = new TokenStore({ path });
try {
  for (let i = 0; i < count; i++) {
    store.save({
      clientName: "WorkerClient",
      authFlow: "pkce",
      clientId: `client-${worker}`,
      clientSecret: null,
      userIdentifier: `user-${i}`,
      redirectUri: null,
      scopes: ["r_usr"],
      tokenType: "Bearer",
      accessToken: `token-${worker}-${i}`,
      accessTokenSecret: null,
      expiresAt: new Date(Date.now() + 3_600_000),
      refreshToken: null,
      extras: { worker, i },
    });
  }
} catch (error) {
  process.stderr.write(`worker ${worker}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  store.close();
}
