import { ValidationError } from "../../core/errors.js";
import { BrowserRedirectHandler, type BrowserRedirectOptions } from "./browser.js";
import { HttpServerRedirectHandler, type HttpServerRedirectOptions } from "./http-server.js";
import { PasteRedirectHandler } from "./paste.js";
import type { RedirectHandler, RedirectHandlerName } from "./types.js";

export { DEFAULT_REDIRECT_TIMEOUT_MS } from "./capture.js";
export type { RedirectHandler, RedirectHandlerName, RedirectRequest, RedirectResult } from "./types.js";
export { isLoopbackRedirect, matchesRedirectUri, parseRedirect } from "./urls.js";
export { PasteRedirectHandler } from "./paste.js";
export {
  HttpServerRedirectHandler,
  loadOrCreateCertificate,
  type HttpServerRedirectOptions,
  type TlsCredentials,
} from "./http-server.js";
export {
  BrowserRedirectHandler,
  CHROMIUM_ARGS,
  defaultBrowserExecutable,
  type BrowserRedirectOptions,
} from "./browser.js";

/** Options for {@link createRedirectHandler}; each handler reads only its own. */
export type RedirectHandlerOptions = HttpServerRedirectOptions & BrowserRedirectOptions;

/** The names {@link createRedirectHandler} accepts. */
export const REDIRECT_HANDLER_NAMES: readonly RedirectHandlerName[] = ["paste", "http.server", "playwright"];

/**
 * The handler registered under `name`: `paste` (copy the final URL into the terminal), `http.server` (a one-shot
 * loopback server) or `playwright` (a scripted browser window). Nothing heavy is loaded until a capture starts.
 */
export function createRedirectHandler(
  name: RedirectHandlerName,
  options: RedirectHandlerOptions = {},
): RedirectHandler {
  switch (name) {
    case "paste":
      return new PasteRedirectHandler();
    case "http.server":
      return new HttpServerRedirectHandler(options);
    case "playwright":
      return new BrowserRedirectHandler(options);
    default:
      throw new ValidationError(
        "redirectHandler",
        `Unknown redirect handler '${String(name)}'. Valid values: ${REDIRECT_HANDLER_NAMES.join(", ")}.`,
      );
  }
}
