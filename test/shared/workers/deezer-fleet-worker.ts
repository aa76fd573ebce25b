// One worker process of the fleet tests: a Deezer client (on the shared namespace when given one) that fetches the
// album ids it is sent and reports how each call settled. It also tells the parent when Redis is back.
import { DeezerAPIClient } from "../../../src/deezer/index.js";
import { MinimError, RateLimitError } from "../../../src/core/errors.js";

interface Job {
  baseUrl: string;
  /** Without it the worker keeps its quota and cache to itself, as a process on its own would. */
  redis?: string;
  namespace?: string;
  /** Bound on each whole call, limiter wait included; a call still open then counts as hung. */
  guardMs?: number;
}

/** How the calls of one batch settled. */
export interface FleetReport {
  type: "done";
  ok: number;
  /** Calls that ended with a typed error before the guard ran out (quota refusals included). */
  typed: number;
  /** Of `typed`, the service's quota refusals (Deezer code 4). */
  quota: number;
  /** Calls that had not settled when the guard ran out: what a hang looks like from outside. */
  hung: number;
  /** Anything thrown that is not a MinimError, as text. */
  untyped: string[];
}

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
const guardMs = job.guardMs ?? 120_000;
const client = new DeezerAPIClient({
  baseUrl: job.baseUrl,
  maxRetries: 0,
  timeout: 30_000,
  shared:
    job.redis === undefined
      ? undefined
      : {
          redis: job.redis,
          namespace: job.namespace ?? "fleet",
          warn: (message) => {
            if (/reachable again/.test(message)) process.send?.({ type: "resumed" });
          },
        },
});

type Outcome = { kind: "ok" | "typed" | "quota" | "hung" } | { kind: "untyped"; text: string };

async function fetchOne(id: number): Promise<Outcome> {
  const guard = AbortSignal.timeout(guardMs);
  try {
    await client.albums.getAlbum(id, { signal: guard });
    return { kind: "ok" };
  } catch (error) {
    // The guard's abort surfaces as a typed AbortedError; telling it apart keeps a hang from passing as typed.
    if (guard.aborted) return { kind: "hung" };
    if (error instanceof RateLimitError) return { kind: "quota" };
    if (error instanceof MinimError) return { kind: "typed" };
    return { kind: "untyped", text: String(error) };
  }
}

process.on("message", (message: { type: string; ids?: number[] }) => {
  if (message.type === "stop") {
    void client.close().then(() => process.disconnect());
    return;
  }
  void (async () => {
    const outcomes = await Promise.all((message.ids ?? []).map(fetchOne));
    const report: FleetReport = { type: "done", ok: 0, typed: 0, quota: 0, hung: 0, untyped: [] };
    for (const outcome of outcomes) {
      if (outcome.kind === "untyped") report.untyped.push(outcome.text);
      else if (outcome.kind === "quota") {
        report.typed++;
        report.quota++;
      } else report[outcome.kind]++;
    }
    process.send?.(report);
  })();
});
process.send?.({ type: "ready" });
