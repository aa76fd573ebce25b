/** Shapes shared by the auth engine and the service clients. */

import type { Page } from "playwright-core";

/** A token as the auth engine holds it in memory. */
export interface TokenSet {
  accessToken: string;
  /** `Bearer` for TIDAL; null for Deezer. */
  tokenType: string | null;
  refreshToken: string | null;
  /** null = never expires (Deezer `expires=0`, or unknown). */
  expiresAt: Date | null;
  /** Granted permissions (Deezer) / scopes (TIDAL). */
  scopes: string[];
  /** Other fields of the token answer (e.g. TIDAL's `user_id`). */
  extras: Record<string, unknown>;
}

/** What a user must see or do to authorize, handed to `onAuthorization` so applications can present it. */
export interface AuthorizationPrompt {
  /** The page to open (authorization page, or the device verification page with the code filled in). */
  url: string;
  /** Device flow: the code the user types at `verificationUri`. */
  userCode?: string | undefined;
  verificationUri?: string | undefined;
  /** Device flow: seconds until the code expires. */
  expiresIn?: number | undefined;
}

export type OnAuthorization = (prompt: AuthorizationPrompt) => void | Promise<void>;

/** Options for the `"playwright"` redirect handler. */
export interface BrowserHandlerOptions {
  /** Browser executable; default `$MINIM_BROWSER_PATH` or `/usr/bin/chromium`. */
  executablePath?: string | undefined;
  browser?: "chromium" | "firefox" | undefined;
  headless?: boolean | undefined;
  /** Lets automation act on the authorization page (e.g. click the consent button). */
  onPage?: ((page: Page) => Promise<void>) | undefined;
}

/** Filters for `getTokens` / `removeTokens`. */
export interface TokenFilter {
  authFlows?: string | Iterable<string> | undefined;
  /** Deezer app ids / TIDAL client ids. */
  clientIds?: string | Iterable<string> | undefined;
  userIdentifiers?: string | Iterable<string> | undefined;
}
