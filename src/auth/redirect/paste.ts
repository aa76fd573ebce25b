import { createInterface } from "node:readline";
import { AuthorizationError } from "../../core/errors.js";
import { deferred, runCapture } from "./capture.js";
import { presentAndWait } from "./present.js";
import type { RedirectHandler, RedirectRequest, RedirectResult } from "./types.js";
import { matchesRedirectUri, parseRedirect, parseRedirectUri } from "./urls.js";

/**
 * Copy-and-paste: shows the authorization URL, then reads the URL the browser ended on from the terminal.
 * Works with any redirect URI, including ones nothing local can receive (`tidal://login/auth`), and reads both
 * the query (authorization code) and the fragment (implicit token).
 */
export class PasteRedirectHandler implements RedirectHandler {
  async capture(req: RedirectRequest): Promise<RedirectResult> {
    parseRedirectUri(req.redirectUri);
    return runCapture(req, async (signal) => {
      const input = req.input ?? process.stdin;
      const ended = (): AuthorizationError =>
        new AuthorizationError({
          error: "no_redirect",
          message: "The input ended before a URL was pasted.",
        });
      // A stream that already ended (an earlier prompt read it to its end, or stdin is /dev/null) emits no further
      // events: readline would wait forever.
      if (hasEnded(input)) throw ended();
      const lines = createInterface({ input, terminal: false, crlfDelay: Infinity });
      const pasted = deferred<string>();
      const onEnd = (): void => pasted.reject(ended());
      const onError = (error: unknown): void =>
        pasted.reject(
          new AuthorizationError({
            error: "no_redirect",
            message: `The input failed before a URL was pasted (${(error as NodeJS.ErrnoException).code ?? "read error"}).`,
          }),
        );
      lines.on("line", (line: string) => {
        const value = cleanPastedLine(line);
        // A stray Enter is not an answer; wait for the URL.
        if (value !== "") pasted.resolve(value);
      });
      lines.once("close", onEnd);
      // readline re-emits the input's errors on itself; unheard, they would crash the process.
      lines.on("error", onError);
      input.once("end", onEnd);
      input.once("close", onEnd);
      input.once("error", onError);
      try {
        const line = await presentAndWait(
          req,
          `Then paste here the full URL your browser was sent to (it starts with ${req.redirectUri}):`,
          pasted.promise,
          signal,
          true,
        );
        if (!matchesRedirectUri(line, req.redirectUri)) {
          // The pasted text may hold a code: name only the expected prefix.
          throw new AuthorizationError({
            error: "invalid_redirect",
            message: `The pasted URL does not start with the redirect URI ${req.redirectUri}.`,
          });
        }
        return parseRedirect(line);
      } finally {
        input.off("end", onEnd);
        input.off("close", onEnd);
        input.off("error", onError);
        // Pauses (not destroys) the input, so standard input stays usable and no longer keeps the process alive.
        lines.close();
      }
    });
  }
}

/** Terminals and chat apps wrap copied URLs in quotes or angle brackets; drop them and surrounding space. */
function cleanPastedLine(line: string): string {
  return line
    .trim()
    .replace(/^(["'<])(.*)(["'>])$/s, (whole, open: string, inner: string, close: string) =>
      (open === "<" && close === ">") || (open !== "<" && open === close) ? inner.trim() : whole,
    );
}

/** True when `input` can deliver nothing more: it ended, was destroyed or closed. */
function hasEnded(input: NodeJS.ReadableStream): boolean {
  const stream = input as NodeJS.ReadableStream & {
    readableEnded?: boolean;
    destroyed?: boolean;
    closed?: boolean;
  };
  return stream.readableEnded === true || stream.destroyed === true || stream.closed === true;
}
