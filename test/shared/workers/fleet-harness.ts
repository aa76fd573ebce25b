// The parent's side of the fleet tests: forks worker processes and hands out the messages they send, by type.
import { fork, type ChildProcess } from "node:child_process";
import type { FleetReport } from "./deezer-fleet-worker.js";

const deezerWorker = new URL("./deezer-fleet-worker.ts", import.meta.url).pathname;

export interface Worker {
  child: ChildProcess;
  /** The next message of `type` the worker sent (or sends); rejects if the worker exits first. */
  next<T = unknown>(type: string): Promise<T>;
  /** Sends a batch of album ids and waits for its report. */
  fetch(ids: number[]): Promise<FleetReport>;
  /** Asks the worker to close its client and waits until it has exited. */
  stop(): Promise<void>;
}

/** Forks `path` (a TypeScript worker) with `args`, keeping a queue of the messages it sends. */
export function startWorker(args: string, path: string = deezerWorker): Worker {
  const child = fork(path, [args], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const inbox: { type: string }[] = [];
  const waiting: { type: string; resolve: (m: unknown) => void }[] = [];
  child.on("message", (message: { type: string }) => {
    const index = waiting.findIndex((w) => w.type === message.type);
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(message);
    else inbox.push(message);
  });
  const next = <T>(type: string): Promise<T> => {
    const index = inbox.findIndex((m) => m.type === type);
    if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0] as T);
    return new Promise<T>((resolve, reject) => {
      waiting.push({ type, resolve: (m) => resolve(m as T) });
      child.once("exit", (code) => reject(new Error(`worker exited with ${String(code)} awaiting ${type}`)));
    });
  };
  return {
    child,
    next,
    fetch(ids) {
      child.send({ type: "fetch", ids });
      return next<FleetReport>("done");
    },
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send({ type: "stop" });
      });
    },
  };
}

/** Starts `count` workers with the same arguments and waits until each is ready. */
export async function startWorkers(count: number, args: string): Promise<Worker[]> {
  const workers = Array.from({ length: count }, () => startWorker(args));
  await Promise.all(workers.map((w) => w.next("ready")));
  return workers;
}

/** The most of `times` inside one half-open span of `windowMs`. */
export function busiestSpan(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let busiest = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first++;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}
