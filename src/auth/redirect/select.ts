/** The `redirectHandler` option of both services' auth: its accepted values and the handler each one means. */
import { ValidationError } from "../../core/errors.js";
import type { BrowserHandlerOptions } from "../types.js";
import { BrowserRedirectHandler } from "./browser.js";
import { HttpServerRedirectHandler } from "./http-server.js";
import { PasteRedirectHandler } from "./paste.js";
import type { RedirectHandler } from "./types.js";
import { isLoopbackRedirect } from "./urls.js";

/**
 * How the redirect back from the authorization page is caught: `null`/`"paste"` (the user pastes the final URL),
 * `"http.server"` (a one-shot local server; loopback redirect URIs only), `"playwright"` (a scripted browser
 * window that intercepts the navigation, so any redirect URI works), or a handler of the application's own.
 */
export type RedirectHandlerOption = "paste" | "http.server" | "playwright" | RedirectHandler | null;

/** Rejects redirect handler values that are none of {@link RedirectHandlerOption}. */
export function validateRedirectHandlerOption(
  value: unknown,
  allowed: readonly string[],
): RedirectHandlerOption {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    if (allowed.includes(value)) return value as RedirectHandlerOption;
    throw new ValidationError(
      "redirectHandler",
      `Invalid redirect handler '${value}'. Valid values: null, ${allowed.map((name) => `'${name}'`).join(", ")}.`,
    );
  }
  if (typeof value === "object" && typeof (value as { capture?: unknown }).capture === "function") {
    return value as RedirectHandler;
  }
  throw new ValidationError(
    "redirectHandler",
    "redirectHandler must be null, a handler name or a RedirectHandler.",
  );
}

/**
 * The handler for a redirect URI. A local server cannot receive a redirect to a non-loopback URI (such as
 * `tidal://login/auth` or a public https page), so `"http.server"` falls back to pasting there, with a warning;
 * the browser handler intercepts the navigation itself and works for any URI.
 */
export function selectRedirectHandler(
  option: RedirectHandlerOption,
  redirectUri: string,
  options: { browser?: BrowserHandlerOptions | undefined; warn: (message: string) => void },
): RedirectHandler {
  if (option !== null && typeof option === "object") return option;
  if (option === "http.server") {
    if (isLoopbackRedirect(redirectUri)) return new HttpServerRedirectHandler();
    options.warn(
      `The 'http.server' redirect handler only works for loopback redirect URIs (localhost, 127.0.0.1, [::1]); ` +
        `${redirectUri} is not one, so the redirect URL will have to be pasted instead.`,
    );
    return new PasteRedirectHandler();
  }
  if (option === "playwright") {
    const browser = options.browser ?? {};
    return new BrowserRedirectHandler({
      ...(browser.executablePath !== undefined ? { executablePath: browser.executablePath } : {}),
      ...(browser.browser !== undefined ? { browser: browser.browser } : {}),
      ...(browser.headless !== undefined ? { headless: browser.headless } : {}),
      ...(browser.onPage !== undefined ? { onPage: browser.onPage } : {}),
    });
  }
  return new PasteRedirectHandler();
}
