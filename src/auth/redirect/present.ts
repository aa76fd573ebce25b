/** Showing the user the authorization page: in the system browser, on the terminal, or through the application. */
import { whenAborted } from "./capture.js";
import type { RedirectRequest } from "./types.js";

/**
 * Shows the user the authorization page: opens it in the system browser when asked (falling back to printing if
 * that fails) or prints it, then reports it to `onAuthorization`. The hook runs alongside the wait; a hook that
 * fails makes the returned promise reject, which the handler turns into its own failure.
 *
 * An application that passes `onAuthorization` presents the page itself, so nothing is printed then, except the
 * request to paste when the answer must be typed into this terminal (`terminalPrompt`).
 */
export async function presentAuthorization(
  req: RedirectRequest,
  instructions: string,
  terminalPrompt = false,
): Promise<void> {
  const output = req.output ?? process.stderr;
  if (req.onAuthorization) {
    if (req.openBrowser) await openInBrowser(req.authorizationUrl);
    if (terminalPrompt) output.write(`${instructions}\n`);
    await req.onAuthorization({ url: req.authorizationUrl });
    return;
  }
  const opened = req.openBrowser === true && (await openInBrowser(req.authorizationUrl));
  const lead = opened
    ? "A browser window was opened to authorize access. If it did not appear, open this URL:"
    : "Open this URL in a browser to authorize access:";
  output.write(`${lead}\n\n  ${req.authorizationUrl}\n\n${instructions}\n`);
}

async function openInBrowser(url: string): Promise<boolean> {
  try {
    const { default: open } = await import("open");
    await open(url);
    return true;
  } catch {
    return false;
  }
}

/**
 * Shows the authorization page (see {@link presentAuthorization}) and waits for `answer`, which the handler settles
 * once the redirect is in. The wait ends early when `signal` fires or the `onAuthorization` hook fails; an answer
 * that arrives while the hook is still running is taken at once.
 */
export function presentAndWait<T>(
  req: RedirectRequest,
  instructions: string,
  answer: Promise<T>,
  signal: AbortSignal,
  terminalPrompt = false,
): Promise<T> {
  const shown = presentAuthorization(req, instructions, terminalPrompt);
  return Promise.race([answer, whenAborted(signal), shown.then(() => answer)]);
}
