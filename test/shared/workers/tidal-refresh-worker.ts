// One worker process of the shared-refresh test: a TIDAL client on the shared token store whose stored token has
// expired. Once every worker is up, the parent says go; each makes one API call and reports a digest of the
// token that call carried (never the token itself).
import { createHash } from "node:crypto";
import { Agent, type Dispatcher } from "undici";
import { PrivateTIDALAPIClient } from "../../../src/tidal/index.js";

interface Job {
  redis: string;
  namespace: string;
  clientId: string;
  userIdentifier: string;
  urls: { baseUrl: string; loginUrl: string; authUrl: string; tokenUrl: string; resourceUrl: string };
}

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
const digest = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 16);

// Records the bearer token of each API request (anything but the token endpoint) on its way out.
const used: string[] = [];
const dispatcher = new Agent().compose((dispatch: Dispatcher["dispatch"]) => (options, handler) => {
  const headers = options.headers as Record<string, string> | string[] | null | undefined;
  let authorization: string | undefined;
  if (Array.isArray(headers)) {
    const index = headers.findIndex((h) => h.toLowerCase() === "authorization");
    if (index >= 0) authorization = headers[index + 1];
  } else if (headers) {
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() === "authorization") authorization = String(value);
    }
  }
  if (authorization !== undefined && String(options.origin) !== new URL(job.urls.tokenUrl).origin) {
    used.push(digest(authorization.replace(/^Bearer /, "")));
  }
  return dispatch(options, handler);
});

const client = new PrivateTIDALAPIClient({
  authFlow: "pkce",
  clientId: job.clientId,
  redirectUri: "tidal://login/auth",
  userIdentifier: job.userIdentifier,
  interactive: false,
  limitRate: false,
  enableCache: false,
  warn: () => undefined,
  dispatcher,
  ...job.urls,
  shared: { redis: job.redis, namespace: job.namespace, limiter: false, cache: false },
});

const go = new Promise((resolve) => process.once("message", resolve));
process.send?.({ ready: true });
await go;
let report: { ok: boolean; used: string[]; error?: string };
try {
  await client.users.getMe();
  report = { ok: true, used };
} catch (error) {
  report = {
    ok: false,
    used,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}
await client.close();
await dispatcher.close();
process.send?.(report, () => process.disconnect());
