/**
 * `minim-ts/emulator`: offline Deezer and TIDAL servers on loopback, for tests of code that uses the SDK (or any
 * other client of these services), with a request log, fault injection and replay of recorded exchanges.
 */
import { redactUrl } from "../core/redact.js";
import { DEFAULT_DEEZER_APP, DeezerEmulator } from "./deezer/index.js";
import type { DeezerEmulatorOptions } from "./deezer/index.js";
import {
  TIDAL_DEVICE_CLIENT_ID,
  TIDAL_DEVICE_CLIENT_SECRET,
  TIDAL_PKCE_CLIENT_ID,
  TidalEmulator,
} from "./tidal/index.js";
import type { TidalEmulatorOptions } from "./tidal/index.js";
import { QuotaKeeper } from "./quota.js";
import type { QuotaOptions, QuotaReport } from "./quota.js";
import { startServers } from "./server.js";
import type { EmulatorServers } from "./server.js";
import type { FaultInjector } from "./faults.js";
import type { ReplayHandle, ReplayOptions } from "./replay.js";
import { ROLE_NAMES } from "./types.js";
import type { RecordedRequest, ReplayInteraction, RoleName } from "./types.js";

export * from "./deezer/index.js";
export * from "./tidal/index.js";
export { startServers, ROLE_NAMES };
export { REPLAY_MISMATCH_STATUS } from "./replay.js";
export type { EmulatorServers, StartServersOptions } from "./server.js";
export type { FaultHandle, FaultInjector } from "./faults.js";
export { DEEZER_QUOTA_DEFAULTS, TIDAL_QUOTA_DEFAULTS } from "./quota.js";
export type {
  DeezerQuotaOptions,
  DeezerQuotaReport,
  QuotaOptions,
  QuotaReport,
  ServiceQuotaReport,
  TidalQuotaOptions,
  TidalQuotaReport,
} from "./quota.js";
export type { ReplayHandle, ReplayOptions } from "./replay.js";
export type {
  EmulatorBuilder,
  EmulatorReply,
  EmulatorRequest,
  FaultRequest,
  FaultSpec,
  RecordedRequest,
  ReplayInteraction,
  RoleName,
  RoleRouter,
  RouteHandler,
} from "./types.js";

/** A service the emulator can host. */
export type EmulatedService = "deezer" | "tidal";

const SERVICES: readonly EmulatedService[] = ["deezer", "tidal"];

/** Options of {@link startEmulator}. */
export interface StartEmulatorOptions {
  /** `0` (default) picks a free port per role; `N` binds the seven roles to ports `N`…`N+6` in `ROLE_NAMES` order. */
  port?: number;
  /** Interface to bind (default `127.0.0.1`). */
  host?: string;
  /** Services to host (default both); the roles of the others answer 404. */
  services?: readonly EmulatedService[];
  deezer?: DeezerEmulatorOptions;
  tidal?: TidalEmulatorOptions;
  /** Called once per request with its log entry, after its answer was decided. */
  onRequest?: (record: RecordedRequest) => void;
  /** How many requests `emulator.requests` keeps (default 100 000; the oldest are dropped first). */
  logLimit?: number;
  /**
   * Refuse requests beyond the services' quotas, as the services do: Deezer's 50 per 5 s per client address
   * (HTTP 200, error code 4) and TIDAL's per-account rate (429 with `Retry-After`). `true` enforces both with
   * their defaults; an object chooses per service and may change the numbers. Default `false`: nothing is
   * refused, but arrivals are still counted in `emulator.quota`, so a test can check that it kept within them.
   */
  quotas?: boolean | QuotaOptions;
}

/** A running emulator. */
export interface Emulator extends EmulatorServers {
  /** State of the emulated Deezer service, when hosted. */
  readonly deezer: DeezerEmulator | undefined;
  /** State of the emulated TIDAL service, when hosted. */
  readonly tidal: TidalEmulator | undefined;
  /** What each service's quota counted since the start or the last `clearRequests()`. */
  readonly quota: QuotaReport;
}

class RunningEmulator implements Emulator {
  readonly deezer: DeezerEmulator | undefined;
  readonly tidal: TidalEmulator | undefined;
  readonly #servers: EmulatorServers;
  readonly #quota: QuotaKeeper;

  constructor(
    servers: EmulatorServers,
    deezer: DeezerEmulator | undefined,
    tidal: TidalEmulator | undefined,
    quota: QuotaKeeper,
  ) {
    this.#servers = servers;
    this.#quota = quota;
    this.deezer = deezer;
    this.tidal = tidal;
  }

  get urls(): Record<RoleName, string> {
    return this.#servers.urls;
  }

  get requests(): readonly RecordedRequest[] {
    return this.#servers.requests;
  }

  get faults(): FaultInjector {
    return this.#servers.faults;
  }

  requestsTo(role: RoleName, pathPrefixOrRegExp?: string | RegExp): RecordedRequest[] {
    return this.#servers.requestsTo(role, pathPrefixOrRegExp);
  }

  get quota(): QuotaReport {
    return this.#quota.report();
  }

  /** Empties the request log and zeroes the quota counters (the quota windows themselves keep running). */
  clearRequests(): void {
    this.#servers.clearRequests();
    this.#quota.resetCounters();
  }

  replay(role: RoleName, interactions: readonly ReplayInteraction[], options?: ReplayOptions): ReplayHandle {
    return this.#servers.replay(role, interactions, options);
  }

  close(): Promise<void> {
    return this.#servers.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Starts the emulated services, one loopback HTTP server per role. Point a client's base URLs at `emulator.urls`
 * and `await emulator.close()` when done.
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const services = new Set(options.services ?? SERVICES);
  for (const service of services) {
    if (!SERVICES.includes(service)) throw new TypeError(`Unknown emulated service: ${String(service)}`);
  }
  const deezer = services.has("deezer") ? new DeezerEmulator(options.deezer) : undefined;
  const tidal = services.has("tidal") ? new TidalEmulator(options.tidal) : undefined;
  // `deezer.quota` predates `quotas` and means the same as `quotas.deezer`.
  const legacy = options.deezer?.quota;
  const quotas =
    legacy && (options.quotas === undefined || typeof options.quotas === "object")
      ? { deezer: legacy, ...options.quotas }
      : options.quotas;
  const quota = new QuotaKeeper(quotas, {
    deezerNow: options.deezer?.now,
    tidalNow: tidal ? () => tidal.now() : undefined,
    tidalAccount: tidal ? (request) => tidal.quotaAccountOf(request) : undefined,
  });
  const servers = await startServers(
    {
      port: options.port,
      host: options.host,
      onRequest: options.onRequest,
      logLimit: options.logLimit,
      admit: (request, address) => quota.admit(request, address),
    },
    (builder) => {
      deezer?.install(builder);
      tidal?.install(builder);
    },
  );
  return new RunningEmulator(servers, deezer, tidal, quota);
}

/** Options of {@link runEmulatorCli}. */
export interface EmulatorCliOptions extends Omit<StartEmulatorOptions, "onRequest"> {
  /** Receives each output line (default: standard output). */
  log?: (line: string) => void;
}

/**
 * Starts the emulator for interactive use: logs the URL of every role, then one line per request with secrets
 * redacted. Resolves once listening; the caller closes it.
 */
export async function runEmulatorCli(options: EmulatorCliOptions = {}): Promise<Emulator> {
  const { log = (line: string) => console.log(line), ...startOptions } = options;
  const emulator = await startEmulator({
    ...startOptions,
    // A person opens the device page from this announcement, so it carries the scheme the server speaks.
    tidal: { deviceUriWithScheme: true, ...startOptions.tidal },
    onRequest: (record) => log(formatRequestLine(record)),
  });
  const width = Math.max(...ROLE_NAMES.map((role) => role.length));
  for (const role of ROLE_NAMES) log(`${role.padEnd(width)}  ${emulator.urls[role]}`);
  for (const line of emulatorLoginInfo(emulator)) log(line);
  return emulator;
}

/**
 * The test credentials and login pages of a running emulator, for a person logging in against it. The secrets
 * shown are the emulator's fixed, public test values, valid nowhere else.
 */
export function emulatorLoginInfo(emulator: Emulator): string[] {
  const lines: string[] = [];
  const { urls } = emulator;
  if (emulator.deezer) {
    lines.push(
      "Deezer test app (emulator only):",
      `  app id ${DEFAULT_DEEZER_APP.appId}, secret ${DEFAULT_DEEZER_APP.secret}`,
      `  consent page  ${urls.deezerConnect}/oauth/auth.php`,
    );
  }
  if (emulator.tidal) {
    lines.push(
      "TIDAL test clients (emulator only):",
      `  device flow: client id ${TIDAL_DEVICE_CLIENT_ID}, secret ${TIDAL_DEVICE_CLIENT_SECRET}`,
      `  PKCE: client id ${TIDAL_PKCE_CLIENT_ID} (no secret), redirect URI tidal://login/auth`,
      `  login page    ${urls.tidalLogin}/authorize`,
      `  device page   ${urls.tidalLogin}/device`,
    );
  }
  return lines;
}

/** One log line per request. Only the method, role, redacted URL and status are shown: headers carry tokens. */
export function formatRequestLine(record: RecordedRequest): string {
  const status = record.status === 0 ? "reset" : String(record.status);
  const notes = [
    record.faulted ? "fault" : "",
    record.quotaExceeded ? "quota" : "",
    record.error !== undefined ? "handler error" : "",
  ].filter(Boolean);
  const suffix = notes.length > 0 ? ` (${notes.join(", ")})` : "";
  return `${record.method} ${record.role} ${redactUrl(record.url)} -> ${status}${suffix}`;
}
