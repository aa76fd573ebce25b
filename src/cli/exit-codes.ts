/**
 * How the `minim` command reports failures: one exit code per class of error, so scripts can tell "log in again"
 * from "try later" without parsing messages, and a hint when a person can do something about it.
 */
import {
  AuthenticationError,
  AuthenticationRequiredError,
  AuthorizationError,
  ConnectionError,
  MinimError,
  MissingPermissionError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  SubscriptionRequiredError,
  TimeoutError,
  ValidationError,
} from "../core/errors.js";

/** Exit codes of the `minim` command. */
export const EXIT = {
  ok: 0,
  /** Anything not covered below. */
  failure: 1,
  /** Bad command line or arguments (nothing was sent). */
  usage: 2,
  /** Not logged in, login rejected or expired, or missing permission. */
  auth: 3,
  notFound: 4,
  rateLimited: 5,
  /** Network failure, timeout, or the service answered 5xx. */
  network: 6,
} as const;

/** The exit-code table as `minim --help` and the README show it. */
export const EXIT_CODE_HELP = `Exit codes:
  0  success
  1  other failure
  2  usage: bad command line or arguments (nothing was sent)
  3  authentication: not logged in, login rejected or expired, missing permission
  4  not found
  5  rate limited
  6  network failure, timeout or service unavailable (5xx)`;

/**
 * Raised by the CLI when a call needs a (new) login that it will not start by itself: `minim call` never prompts,
 * so a rejected stored token ends here with the command that fixes it.
 */
export class LoginRequiredError extends MinimError {
  override name = "LoginRequiredError";
  readonly service: string;
  /** Whether a stored login existed (and was rejected), or none was ever stored for what was asked. */
  readonly stored: boolean;
  constructor(service: string, message: string, stored = true) {
    super(message);
    this.service = service;
    this.stored = stored;
  }
}

/** Raised for command-line mistakes that commander cannot see (unknown method, missing argument…). */
export class UsageError extends MinimError {
  override name = "UsageError";
}

function isLoginError(error: unknown): boolean {
  // Matched by name too: the clients' own "log in again" error is not known to this module.
  return error instanceof MinimError && /Login(Required)?Error$/.test(error.name);
}

/** The exit code for an error thrown by a command. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof ValidationError || error instanceof UsageError) return EXIT.usage;
  if (
    isLoginError(error) ||
    error instanceof AuthenticationError ||
    error instanceof AuthorizationError ||
    error instanceof AuthenticationRequiredError ||
    error instanceof PermissionDeniedError ||
    error instanceof MissingPermissionError ||
    error instanceof SubscriptionRequiredError
  ) {
    return EXIT.auth;
  }
  if (error instanceof NotFoundError) return EXIT.notFound;
  if (error instanceof RateLimitError) return EXIT.rateLimited;
  if (
    error instanceof ConnectionError ||
    error instanceof TimeoutError ||
    error instanceof ServiceUnavailableError
  ) {
    return EXIT.network;
  }
  return EXIT.failure;
}

/** What to tell a person after `error`, for a call to `service` (when known); undefined when nothing helps. */
export function hintFor(error: unknown, service: string | undefined): string | undefined {
  const login = `minim login ${service ?? "deezer|tidal"}`;
  if (error instanceof LoginRequiredError) {
    return `log in ${error.stored ? "again" : "first"} with: minim login ${error.service}`;
  }
  if (isLoginError(error)) return `log in again with: ${login}`;
  if (error instanceof AuthenticationError || error instanceof AuthorizationError) {
    // TIDAL's 11002 "Token has invalid payload" is what a stored token meets after the emulator restarted.
    return `the login was rejected (expired, revoked, or issued by another server such as a restarted emulator); log in again with: ${login}`;
  }
  if (error instanceof AuthenticationRequiredError) {
    return `this method acts for a user; log in first with: ${login}`;
  }
  if (error instanceof MissingPermissionError) {
    return `the stored login lacks ${error.missing.join(", ")}; log in again asking for it with: ${login}`;
  }
  if (error instanceof RateLimitError && error.retryAfter !== undefined) {
    return `the service asks to wait ${error.retryAfter} s before trying again`;
  }
  if (error instanceof ConnectionError) {
    let origin = "the service";
    try {
      origin = new URL(error.url).origin;
    } catch {
      // A relative or unparsable URL: name no host.
    }
    return `is ${origin} reachable? (an emulator is started with \`minim emulator\`)`;
  }
  return undefined;
}
