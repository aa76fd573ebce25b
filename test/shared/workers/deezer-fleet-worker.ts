// One worker process of the fleet fail-over test: a Deezer client on the shared namespace that fetches the album
// ids it is sent and reports how each call settled. It also tells the parent when Redis is back.
import { DeezerAPIClient } from "../../../src/deezer/index.js";
import { MinimError } from "../../../src/core/errors.js";

interface Job {
  baseUrl: string;
  redis: string;
  namespace: string;
}

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
const client = new DeezerAPIClient({
  baseUrl: job.baseUrl,
  maxRetries: 0,
  timeout: 30_000,
  shared: {
    redis: job.redis,
    namespace: job.namespace,
    warn: (message) => {
      if (/reachable again/.test(message)) process.send?.({ type: "resumed" });
    },
  },
});

process.on("message", (message: { type: string; ids?: number[] }) => {
  if (message.type === "stop") {
    void client.close().then(() => process.disconnect());
    return;
  }
  void (async () => {
    const results = await Promise.allSettled(
      (message.ids ?? []).map((id) =>
        // The signal bounds the whole call, limiter wait included: a call that hangs fails the test.
        client.albums.getAlbum(id, { signal: AbortSignal.timeout(120_000) }),
      ),
    );
    let ok = 0;
    let typed = 0;
    const untyped: string[] = [];
    for (const result of results) {
      if (result.status === "fulfilled") ok++;
      else if (result.reason instanceof MinimError) typed++;
      else untyped.push(String(result.reason));
    }
    process.send?.({ type: "done", ok, typed, untyped });
  })();
});
process.send?.({ type: "ready" });
