/** What the OAuth flows are handed to talk to the authorization server and, for redirect flows, to the user. */
import type { Clock } from "../../core/clock.js";
import type { ServiceName } from "../../core/errors.js";
import type { Transport } from "../../core/transport.js";
import type { RedirectHandler } from "../redirect/types.js";
import type { OnAuthorization } from "../types.js";
import type { AuthObservers } from "./observe.js";

/** What every flow needs to talk to the authorization server. */
export interface FlowContext {
  /** Sends token-endpoint requests; URLs are absolute. */
  transport: Transport;
  clock: Clock;
  service: ServiceName;
  signal?: AbortSignal | undefined;
  /** Reports a recoverable problem to the application. */
  warn: (message: string) => void;
  /** The application's request hooks and logger, which see every request sent through `transport`. */
  observers?: AuthObservers | undefined;
}

/** What a flow that sends the user to an authorization page needs on top of {@link FlowContext}. */
export interface RedirectFlowContext extends FlowContext {
  redirectHandler: RedirectHandler;
  redirectUri: string;
  authUrl: string;
  openBrowser?: boolean | undefined;
  onAuthorization?: OnAuthorization | undefined;
  /** How long to wait for the user; the handler's default when unset. */
  redirectTimeoutMs?: number | undefined;
  input?: NodeJS.ReadableStream | undefined;
  output?: NodeJS.WritableStream | undefined;
}
