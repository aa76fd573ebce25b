/**
 * Where the CLI sends requests: the real services by default, or any other server (the emulator) named by
 * `--url role=URL` or a `MINIM_*_URL` environment variable, which `minim emulator --print-env` writes.
 */
import {
  deezerAuthorizationUrl,
  deezerTokenUrl,
  SERVICE_ORIGINS,
  tidalAuthorizationUrl,
  tidalDeviceAuthorizationUrl,
  tidalTokenUrl,
  type ServiceRole,
} from "../core/services.js";
import { UsageError } from "./exit-codes.js";

/** The seven servers the two services use, named as the emulator names its roles. */
export const ROLES = Object.keys(SERVICE_ORIGINS) as readonly ServiceRole[];
export type Role = ServiceRole;

/** Environment variable of each role, e.g. `MINIM_DEEZER_API_URL`. */
export const ROLE_ENV: Record<Role, string> = {
  deezerApi: "MINIM_DEEZER_API_URL",
  deezerConnect: "MINIM_DEEZER_CONNECT_URL",
  tidalApi: "MINIM_TIDAL_API_URL",
  tidalAuth: "MINIM_TIDAL_AUTH_URL",
  tidalLogin: "MINIM_TIDAL_LOGIN_URL",
  tidalResources: "MINIM_TIDAL_RESOURCES_URL",
  tidalOpenApi: "MINIM_TIDAL_OPENAPI_URL",
};

/** Base URLs of the roles that were overridden; an absent role means the real service. */
export type Endpoints = Partial<Record<Role, string>>;

/** Reads `--url role=URL` flags over the `MINIM_*_URL` environment. */
export function resolveEndpoints(
  flags: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  apiOverride?: { role: Role; url: string | undefined },
): Endpoints {
  const endpoints: Endpoints = {};
  for (const role of ROLES) {
    const value = env[ROLE_ENV[role]];
    if (value) endpoints[role] = checkUrl(value, ROLE_ENV[role]);
  }
  for (const flag of flags) {
    const at = flag.indexOf("=");
    const role = flag.slice(0, at) as Role;
    if (at <= 0 || !ROLES.includes(role)) {
      throw new UsageError(`--url expects role=URL with a role among ${ROLES.join(", ")}; got "${flag}".`);
    }
    endpoints[role] = checkUrl(flag.slice(at + 1), `--url ${role}`);
  }
  if (apiOverride?.url) endpoints[apiOverride.role] = checkUrl(apiOverride.url, "--base-url");
  return endpoints;
}

function checkUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${source} is not a URL: "${value}".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`${source} must be an http(s) URL; got "${value}".`);
  }
  return value.replace(/\/+$/, "");
}

/** Client options of the Deezer client for these endpoints. */
export function deezerUrls(endpoints: Endpoints): { baseUrl?: string; authUrl?: string; tokenUrl?: string } {
  const connect = endpoints.deezerConnect;
  return {
    ...(endpoints.deezerApi ? { baseUrl: endpoints.deezerApi } : {}),
    ...(connect ? { authUrl: deezerAuthorizationUrl(connect), tokenUrl: deezerTokenUrl(connect) } : {}),
  };
}

/** Client options of the TIDAL client for these endpoints. */
export function tidalUrls(endpoints: Endpoints): {
  baseUrl?: string;
  authUrl?: string;
  tokenUrl?: string;
  deviceAuthUrl?: string;
  loginUrl?: string;
  resourceUrl?: string;
  openApiUrl?: string;
} {
  const auth = endpoints.tidalAuth;
  const login = endpoints.tidalLogin;
  return {
    ...(endpoints.tidalApi ? { baseUrl: endpoints.tidalApi } : {}),
    ...(auth ? { tokenUrl: tidalTokenUrl(auth), deviceAuthUrl: tidalDeviceAuthorizationUrl(auth) } : {}),
    ...(login ? { loginUrl: login, authUrl: tidalAuthorizationUrl(login) } : {}),
    ...(endpoints.tidalResources ? { resourceUrl: endpoints.tidalResources } : {}),
    ...(endpoints.tidalOpenApi ? { openApiUrl: endpoints.tidalOpenApi } : {}),
  };
}

/**
 * Shell lines that point `minim` at an emulator with these role URLs, plus its test credentials (public constants
 * of the emulator, not anybody's secrets), so `minim login` and `minim call` need no flags.
 */
export function emulatorEnvLines(urls: Record<Role, string>, credentials: Record<string, string>): string[] {
  const lines = ROLES.map((role) => `export ${ROLE_ENV[role]}=${urls[role]}`);
  for (const [name, value] of Object.entries(credentials)) lines.push(`export ${name}=${value}`);
  return lines;
}
