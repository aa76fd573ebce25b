/** The contract between the OAuth flows and the ways a redirect back from an authorization page is caught. */

/** What a redirect handler needs to send the user to the authorization page and catch the way back. */
export interface RedirectRequest {
  /** The provider's authorization page, with every query parameter already set. Holds no secret. */
  authorizationUrl: string;
  /** Where the provider sends the browser afterwards (`http://localhost:8888/callback`, `tidal://login/auth`…). */
  redirectUri: string;
  /** Expected state, checked by the caller, but handlers may use it to ignore stray requests. */
  state?: string;
  /** How long to wait for the redirect, in milliseconds; five minutes when omitted. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Open the authorization page in the system browser instead of only printing it. */
  openBrowser?: boolean;
  /** Told the authorization URL once the handler is ready to receive the redirect. */
  onAuthorization?: (info: { url: string }) => void | Promise<void>;
  /** Where instructions are written; standard error by default, so standard output stays clean for data. */
  output?: NodeJS.WritableStream;
  /** Where a pasted URL is read from; standard input by default. */
  input?: NodeJS.ReadableStream;
}

/** The URL the browser was finally sent to. */
export interface RedirectResult {
  url: URL;
  /** Query and fragment parameters merged; a name present in the fragment takes the fragment's values. */
  params: URLSearchParams;
}

/** The ways a redirect can be caught. */
export type RedirectHandlerName = "paste" | "http.server" | "playwright";

/** Sends the user through an authorization page and returns where the browser was redirected to. */
export interface RedirectHandler {
  capture(req: RedirectRequest): Promise<RedirectResult>;
}
