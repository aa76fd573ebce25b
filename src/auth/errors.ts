/** Errors of the auth engine that the core error module does not know about. */
import { AuthorizationError } from "../core/errors.js";

/**
 * A new login is needed (no stored token, or the token was rejected and cannot be refreshed), but the client may
 * not start one: it is not interactive (`interactive: false`, or standard input and error are not a terminal).
 * The message says how to log in again; `error` is `interaction_required`.
 */
export class LoginRequiredError extends AuthorizationError {
  override name = "LoginRequiredError";
  /** The command that stores a new login, e.g. `minim login deezer`. */
  readonly loginCommand: string | undefined;

  constructor(init: { reason: string; loginCommand?: string | undefined; cause?: unknown }) {
    const how =
      init.loginCommand !== undefined
        ? `Log in again with \`${init.loginCommand}\` (or create the client with interactive: true in a terminal).`
        : "Log in again, or create the client with interactive: true in a terminal.";
    super({
      error: "interaction_required",
      message: `A new login is needed: ${init.reason}, and this client is not interactive. ${how}`,
    });
    this.loginCommand = init.loginCommand;
    if (init.cause !== undefined) {
      Object.defineProperty(this, "cause", { value: init.cause, configurable: true, writable: true });
    }
  }
}
