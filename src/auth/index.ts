/** The OAuth engine shared by both services, and each service's authorization. */
export { OAuthSession, EXPIRY_MARGIN_MS, REFRESH_LOCK_TTL_MS } from "./session.js";
export type { OAuthSessionOptions, RenewReason } from "./session.js";
export { DeezerAuth, DEEZER_AUTH_URL, DEEZER_CLIENT_NAME, DEEZER_TOKEN_URL } from "./deezer.js";
export type { DeezerAuthDeps, DeezerAuthFlow, DeezerAuthFlowOptions, DeezerAuthOptions } from "./deezer.js";
export {
  TidalAuth,
  TIDAL_AUTH_URL,
  TIDAL_CLIENT_NAME,
  TIDAL_DEVICE_AUTH_URL,
  TIDAL_REDIRECT_URIS,
  TIDAL_TOKEN_URL,
} from "./tidal.js";
export type { TidalAuthDeps, TidalAuthFlow, TidalAuthFlowOptions, TidalAuthOptions } from "./tidal.js";
export type { FlowContext, RedirectFlowContext } from "./flows/context.js";
export type { RedirectHandlerOption } from "./redirect/select.js";
export {
  deezerAuthorizationCodeUrl,
  exchangeDeezerCode,
  readDeezerTokenBody,
  runDeezerAuthorizationCode,
} from "./flows/authorization-code.js";
export { deezerImplicitUrl, runDeezerImplicit } from "./flows/implicit.js";
export {
  createPkcePair,
  pkceAuthorizationUrl,
  pkceChallenge,
  runPkce,
  exchangePkceCode,
} from "./flows/pkce.js";
export type { PkcePair, PkceParams } from "./flows/pkce.js";
export {
  DEVICE_CODE_GRANT,
  requestDeviceAuthorization,
  pollDeviceToken,
  runDeviceFlow,
  withScheme,
} from "./flows/device.js";
export type { DeviceAuthorization, DeviceFlowParams } from "./flows/device.js";
export { runRefresh } from "./flows/refresh.js";
export type { RefreshParams } from "./flows/refresh.js";
export { TokenStore, DEFAULT_LOCK_TTL_MS } from "./token-store.js";
export { isStoredTokenNewer } from "./token-storage.js";
export type { TokenLockOptions, TokenQuery, TokenStorage, TokenToSave } from "./token-storage.js";
export { LoginRequiredError } from "./errors.js";
export type { StoredToken, TokenStoreOptions } from "./token-store.js";
export type {
  AuthorizationPrompt,
  BrowserHandlerOptions,
  OnAuthorization,
  TokenFilter,
  TokenSet,
} from "./types.js";
