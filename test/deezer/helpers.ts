/** Shared set-up of the Deezer client tests: an emulator on loopback and clients pointed at it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach } from "node:test";
import type { PageOptions } from "../../src/core/pagination.js";
import { DeezerAPIClient, type DeezerAPIClientOptions } from "../../src/deezer/client.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";

/** Redirect URI of the test clients' flows. */
export const REDIRECT = "http://127.0.0.1:8765/callback";

/**
 * A Deezer emulator with `MINIM_DIR` pointed at a throwaway folder, so no test reads or writes the user's token
 * store; `stop` closes the one and deletes the other.
 */
async function startDeezer(): Promise<{ emulator: Emulator; stop: () => Promise<void> }> {
  const minimDir = mkdtempSync(join(tmpdir(), "minim-deezer-"));
  process.env["MINIM_DIR"] = minimDir;
  const emulator = await startEmulator({ services: ["deezer"] });
  return {
    emulator,
    stop: async () => {
      await emulator.close();
      rmSync(minimDir, { recursive: true, force: true });
    },
  };
}

/** Reads a value a `before` hook sets, failing clearly when read outside the tests. */
function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("The emulator starts in a before hook; read it inside a test.");
  return value;
}

export interface DeezerTestEnvironment {
  readonly emulator: Emulator;
  /** A client of the emulator's API without token store or limiter, closed after the test. */
  anonymous(options?: DeezerAPIClientOptions): DeezerAPIClient;
  /** Closes a client the test made itself after the test, as it does those of {@link anonymous}. */
  closeAfterTest(client: DeezerAPIClient): void;
}

/**
 * Runs the file's tests against one emulator whose state, faults and request log are reset before each test.
 * Call it at the top level of the test file.
 */
export function deezerTestEnvironment(): DeezerTestEnvironment {
  let running: Awaited<ReturnType<typeof startDeezer>> | undefined;
  const clients: DeezerAPIClient[] = [];

  before(async () => {
    running = await startDeezer();
  });
  after(async () => {
    await running?.stop();
  });
  beforeEach(() => {
    const emulator = started(running).emulator;
    emulator.deezer!.reset();
    emulator.faults.clear();
    emulator.clearRequests();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  return {
    get emulator() {
      return started(running).emulator;
    },
    anonymous: (options = {}) => {
      const client = new DeezerAPIClient({
        baseUrl: started(running).emulator.urls.deezerApi,
        storeTokens: false,
        limitRate: false,
        ...options,
      });
      clients.push(client);
      return client;
    },
    closeAfterTest: (client) => {
      clients.push(client);
    },
  };
}

/** The two clients Deezer's recordings were made with. */
export interface ContractClients {
  /** No auth flow: what recorded requests without a token were made with. */
  anonymous: DeezerAPIClient;
  /** A token-holding client with every permission declared (so no permission lookup is interleaved). */
  user: DeezerAPIClient;
}

export interface ContractEnvironment {
  readonly emulator: Emulator;
  readonly clients: ContractClients;
}

/**
 * Starts an emulator and the contract clients for the enclosing suite: no cache, limiter or retries, so every
 * call sends exactly one request. Call it inside the suite's `describe`.
 */
export function contractEnvironment(): ContractEnvironment {
  let running: Awaited<ReturnType<typeof startDeezer>> | undefined;
  let clients: ContractClients | undefined;

  before(async () => {
    running = await startDeezer();
    const common = {
      baseUrl: running.emulator.urls.deezerApi,
      storeTokens: false,
      enableCache: false,
      limitRate: false,
      maxRetries: 0,
    };
    clients = {
      anonymous: new DeezerAPIClient(common),
      user: new DeezerAPIClient({
        ...common,
        authFlow: "implicit",
        appId: "100001",
        redirectUri: REDIRECT,
        accessToken: "dummy",
        permissions: DeezerAPIClient.resolvePermissions(),
      }),
    };
  });
  after(async () => {
    await clients?.anonymous.close();
    await clients?.user.close();
    await running?.stop();
  });

  return {
    get emulator() {
      return started(running).emulator;
    },
    get clients() {
      return started(clients);
    },
  };
}

/** The page options a recorded query stands for (Deezer's `index` is the offset). */
export function pageOptions(query: Record<string, string>): PageOptions {
  const options: PageOptions = {};
  if (query["limit"] !== undefined) options.limit = Number(query["limit"]);
  if (query["index"] !== undefined) options.offset = Number(query["index"]);
  return options;
}
