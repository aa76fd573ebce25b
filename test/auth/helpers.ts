/** Set-up shared by the auth tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { Clock, ManualClock } from "../../src/core/clock.js";
import type { ServiceName } from "../../src/core/errors.js";
import { Transport } from "../../src/core/transport.js";
import type { FlowContext } from "../../src/auth/flows/context.js";
import { TokenStore } from "../../src/auth/token-store.js";

/** A token store of its own, so tests never see each other's logins or the user's. */
export interface TempTokenStore {
  store: TokenStore;
  /** Closes the store and deletes its directory. */
  remove(): void;
}

export function tempTokenStore(prefix: string): TempTokenStore {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = new TokenStore({ path: join(dir, "auth.db") });
  return {
    store,
    remove() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Unsets the named environment variables, so credentials of the machine running the tests cannot leak in; the
 * returned function puts them back.
 */
export function clearEnv(...names: string[]): () => void {
  const saved = names.map((name) => [name, process.env[name]] as const);
  for (const name of names) delete process.env[name];
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * Moves the manual clock whenever the code under test sleeps, until `promise` settles. Real sockets carry the
 * requests in between, so the clock is only moved while nothing else can happen.
 */
export async function driveClock<T>(clock: ManualClock, promise: Promise<T>, stepMs = 1000): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    if (clock.pendingSleeps > 0) await clock.advance(stepMs);
    else await delay(1);
  }
  return promise;
}

/** What a flow needs, with token requests going to `baseUrl` and warnings dropped. */
export function flowContext(
  service: ServiceName,
  baseUrl: string,
  clock: Clock,
  signal?: AbortSignal,
): FlowContext {
  return {
    transport: new Transport({ baseUrl }),
    clock,
    service,
    signal,
    warn: () => undefined,
  };
}

/** A port nothing listens on right now (the OS picked it, then it was released). */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
