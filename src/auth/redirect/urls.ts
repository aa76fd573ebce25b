/**
 * Reading redirect URIs and the URLs the browser is sent back to: which ones a local server can receive, whether
 * a URL is the expected redirect, and the parameters it carries.
 */
import { AuthorizationError, ValidationError } from "../../core/errors.js";
import type { RedirectResult } from "./types.js";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True for `http:`/`https:` URIs on `localhost`, `127.0.0.1` or `[::1]`: the ones a local server can receive. */
export function isLoopbackRedirect(uri: string): boolean {
  const url = tryParseUrl(uri);
  return (
    url !== undefined &&
    (url.protocol === "http:" || url.protocol === "https:") &&
    LOOPBACK_HOSTS.has(url.hostname.toLowerCase())
  );
}

/**
 * Splits a redirect URL into its parameters, merging the query (authorization code flow) and the fragment
 * (implicit flow). The URL itself is never put into the error: it may carry a code or a token.
 */
export function parseRedirect(url: string): RedirectResult {
  const parsed = tryParseUrl(url.trim());
  if (parsed === undefined) {
    throw new AuthorizationError({ error: "invalid_redirect", message: "The redirect is not a valid URL." });
  }
  const params = new URLSearchParams(parsed.search);
  const fragment = new URLSearchParams(parsed.hash.replace(/^#/, ""));
  for (const name of new Set(fragment.keys())) {
    params.delete(name);
    for (const value of fragment.getAll(name)) params.append(name, value);
  }
  return { url: parsed, params };
}

/**
 * True when `candidate` goes to the same place as `redirectUri`: same scheme, host (and port) and path, whatever
 * its query and fragment. Works for custom schemes such as `tidal://login/auth`.
 */
export function matchesRedirectUri(candidate: string, redirectUri: string): boolean {
  const a = tryParseUrl(candidate);
  const b = tryParseUrl(redirectUri);
  return a !== undefined && b !== undefined && redirectTarget(a) === redirectTarget(b);
}

function redirectTarget(url: URL): string {
  // Hosts of custom schemes keep their case in WHATWG URLs; hosts are case-insensitive everywhere.
  return `${url.protocol}//${url.host.toLowerCase()}${url.pathname === "" ? "/" : url.pathname}`;
}

/** Parses the redirect URI or rejects it as a caller mistake. */
export function parseRedirectUri(redirectUri: string): URL {
  const url = tryParseUrl(redirectUri);
  if (url === undefined) throw new ValidationError("redirectUri", `'${redirectUri}' is not an absolute URL.`);
  return url;
}

function tryParseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
