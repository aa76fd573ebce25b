/**
 * The official hosts of both services, the paths of their authorization endpoints and Deezer's permission names:
 * the one place each is spelled. Default URLs everywhere else are built from these, so pointing a client, the CLI
 * or a test at another server (the emulator) means swapping an origin, never editing a path.
 */

/** Origin of each server the two services use, named as the emulator names its roles. */
export const SERVICE_ORIGINS = {
  deezerApi: "https://api.deezer.com",
  deezerConnect: "https://connect.deezer.com",
  tidalApi: "https://api.tidal.com",
  tidalAuth: "https://auth.tidal.com",
  tidalLogin: "https://login.tidal.com",
  tidalResources: "https://resources.tidal.com",
  tidalOpenApi: "https://openapi.tidal.com",
} as const;

/** The name of one of the servers in {@link SERVICE_ORIGINS}. */
export type ServiceRole = keyof typeof SERVICE_ORIGINS;

/** Deezer's OAuth dialog on a `deezerConnect` origin. */
export function deezerAuthorizationUrl(connectOrigin: string): string {
  return `${connectOrigin}/oauth/auth.php`;
}

/** Deezer's code exchange on a `deezerConnect` origin. */
export function deezerTokenUrl(connectOrigin: string): string {
  return `${connectOrigin}/oauth/access_token.php`;
}

/** TIDAL's PKCE authorization page on a `tidalLogin` origin. */
export function tidalAuthorizationUrl(loginOrigin: string): string {
  return `${loginOrigin}/authorize`;
}

/** TIDAL's token endpoint on a `tidalAuth` origin. */
export function tidalTokenUrl(authOrigin: string): string {
  return `${authOrigin}/v1/oauth2/token`;
}

/** TIDAL's device authorization endpoint on a `tidalAuth` origin. */
export function tidalDeviceAuthorizationUrl(authOrigin: string): string {
  return `${authOrigin}/v1/oauth2/device_authorization`;
}

/** The seven permissions a Deezer application can ask for. */
export const DEEZER_PERMISSIONS = [
  "basic_access",
  "email",
  "offline_access",
  "manage_library",
  "manage_community",
  "delete_library",
  "listening_history",
] as const;

/** One of the {@link DEEZER_PERMISSIONS}. */
export type DeezerPermission = (typeof DEEZER_PERMISSIONS)[number];
