/** Shared set-up of the TIDAL client tests: an emulator on loopback and clients pointed at it. */
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import type { IssueTokenOptions } from "../../src/emulator/tidal/index.js";
import {
  TIDAL_DEVICE_CLIENT_ID,
  TIDAL_DEVICE_CLIENT_SECRET,
  TIDAL_PKCE_CLIENT_ID,
} from "../../src/emulator/tidal/index.js";
import type { RecordedRequest } from "../../src/emulator/types.js";
import { PrivateTIDALAPIClient, type PrivateTIDALAPIClientOptions } from "../../src/tidal/index.js";

export { TIDAL_DEVICE_CLIENT_ID, TIDAL_PKCE_CLIENT_ID };

export async function startTidal(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  return startEmulator({ services: ["tidal"], ...options });
}

/** Every URL of the client pointed at the emulator. */
export function urls(emu: Emulator) {
  return {
    baseUrl: emu.urls.tidalApi,
    loginUrl: emu.urls.tidalLogin,
    authUrl: `${emu.urls.tidalLogin}/authorize`,
    tokenUrl: `${emu.urls.tidalAuth}/v1/oauth2/token`,
    deviceAuthUrl: `${emu.urls.tidalAuth}/v1/oauth2/device_authorization`,
    resourceUrl: emu.urls.tidalResources,
    openApiUrl: emu.urls.tidalOpenApi,
  };
}

type Overrides = Partial<PrivateTIDALAPIClientOptions>;

/** What every test client shares: the emulator's URLs, no token store, no limiter, no warnings. */
function testOptions(emu: Emulator) {
  return { storeTokens: false, limitRate: false, warn: () => {}, ...urls(emu) };
}

/** A PKCE client holding a token the emulator issued (no login, no token store, no limiter). */
export function userClient(emu: Emulator, overrides: Overrides = {}, token: IssueTokenOptions = {}) {
  const issued = emu.tidal!.issueToken(token);
  const client = new PrivateTIDALAPIClient({
    authFlow: "pkce",
    clientId: TIDAL_PKCE_CLIENT_ID,
    redirectUri: "tidal://login/auth",
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    ...testOptions(emu),
    ...overrides,
  });
  return { client, ...issued };
}

/** A client without a user: the client id goes as `x-tidal-token`. */
export function anonymousClient(emu: Emulator, overrides: Overrides = {}): PrivateTIDALAPIClient {
  return new PrivateTIDALAPIClient({
    authFlow: null,
    clientId: TIDAL_PKCE_CLIENT_ID,
    ...testOptions(emu),
    ...overrides,
  });
}

/** Options of a device-flow client of the emulator (no token store, no limiter), before any token. */
export function deviceOptions(emu: Emulator, overrides: Overrides = {}): PrivateTIDALAPIClientOptions {
  return {
    authFlow: "device",
    clientId: TIDAL_DEVICE_CLIENT_ID,
    clientSecret: TIDAL_DEVICE_CLIENT_SECRET,
    ...testOptions(emu),
    ...overrides,
  };
}

/** A recorded request with its query (repeated keys as arrays) and form body parsed. */
export interface Sent {
  role: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  form: Record<string, string>;
  headers: Record<string, string>;
  status: number;
}

export function parseRequest(record: RecordedRequest): Sent {
  const url = new URL(record.url, "http://emulator.invalid");
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  const form: Record<string, string> = {};
  if ((record.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(record.body)) form[key] = value;
  }
  return {
    role: record.role,
    method: record.method,
    path: url.pathname,
    query,
    form,
    headers: record.headers,
    status: record.status,
  };
}

/** Runs `work` and returns its answer with the requests the emulator received meanwhile. */
export async function during<T>(emu: Emulator, work: () => Promise<T>): Promise<{ answer: T; sent: Sent[] }> {
  const before = emu.requests.length;
  const answer = await work();
  return { answer, sent: emu.requests.slice(before).map(parseRequest) };
}

/** Runs `work`, expects it to fail, and returns the error with the requests sent meanwhile. */
export async function failing(
  emu: Emulator,
  work: () => Promise<unknown>,
): Promise<{ error: unknown; sent: Sent[] }> {
  const before = emu.requests.length;
  try {
    await work();
  } catch (error) {
    return { error, sent: emu.requests.slice(before).map(parseRequest) };
  }
  throw new Error("expected the call to fail");
}
