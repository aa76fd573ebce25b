/**
 * `minim login deezer|tidal`: runs a real authorization flow (against the services, or the emulator named by
 * `--url`/`MINIM_*_URL`) and stores the login in the token store, where `minim call` and the library find it.
 */
import { join } from "node:path";
import { DEEZER_CLIENT_NAME } from "../auth/deezer.js";
import { minimDir } from "../auth/minim-dir.js";
import { TIDAL_CLIENT_NAME } from "../auth/tidal.js";
import type { AuthorizationPrompt } from "../auth/types.js";
import { DeezerAPIClient } from "../deezer/index.js";
import { PrivateTIDALAPIClient } from "../tidal/index.js";
import { deezerUrls, resolveEndpoints, tidalUrls } from "./endpoints.js";
import { UsageError } from "./exit-codes.js";

export interface LoginCommand {
  service: string;
  flow?: string | undefined;
  /** Deezer app id or TIDAL client id (default from the environment). */
  clientId?: string | undefined;
  redirectUri?: string | undefined;
  /** Deezer permissions or TIDAL scopes, separated by commas or spaces. */
  scopes?: string | undefined;
  handler?: string | undefined;
  open?: boolean | undefined;
  user?: string | undefined;
  url?: string[] | undefined;
}

type Print = (line: string) => void;

/**
 * Logging in is what this command is for, whatever the clients' default for a terminal without a TTY. Spread in
 * rather than written as a property, so it compiles against clients that do not take the option.
 */
const INTERACTIVE = { interactive: true } as const;

const HANDLERS = ["paste", "http.server", "playwright"] as const;
type Handler = (typeof HANDLERS)[number];

function handlerOption(value: string | undefined, redirectUri: string): Handler | null {
  if (value === undefined) {
    // A loopback redirect URI can be caught by a one-shot local server; anything else needs pasting.
    return /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//.test(redirectUri) ? "http.server" : null;
  }
  if (!(HANDLERS as readonly string[]).includes(value)) {
    throw new UsageError(`--handler must be one of ${HANDLERS.join(", ")}; got "${value}".`);
  }
  return value === "paste" ? null : (value as Handler);
}

/** Where the prompt goes: stderr, so stdout carries only the result. */
function announce(prompt: AuthorizationPrompt): void {
  const lines =
    prompt.userCode !== undefined
      ? [
          `To log in, open ${prompt.verificationUri ?? prompt.url} and confirm the code ${prompt.userCode}`,
          `(or open ${prompt.url} directly). Waiting…`,
        ]
      : [`To log in, open this page and allow access:`, `  ${prompt.url}`, "Waiting for the redirect…"];
  process.stderr.write(`${lines.join("\n")}\n`);
}

/** Runs the login and prints who is now logged in. Never prints a token or a secret. */
export async function runLogin(command: LoginCommand, print: Print = (l) => console.log(l)): Promise<void> {
  const endpoints = resolveEndpoints(command.url ?? []);
  // `~` forces a new authorization even when a login is stored; the result replaces that user's row.
  const userIdentifier = `~${command.user ?? ""}`;
  const store = join(minimDir(), "auth.db");
  if (command.service === "deezer") {
    const flow = command.flow ?? "auth_code";
    if (flow !== "auth_code" && flow !== "implicit") {
      throw new UsageError(`Deezer logins use --flow auth_code or implicit; got "${flow}".`);
    }
    const redirectUri = command.redirectUri ?? "http://127.0.0.1:8888/callback";
    await using client = await DeezerAPIClient.create({
      ...deezerUrls(endpoints),
      ...INTERACTIVE,
      authFlow: flow,
      ...(command.clientId ? { appId: command.clientId } : {}),
      redirectUri,
      permissions: command.scopes ?? DeezerAPIClient.resolvePermissions(),
      redirectHandler: handlerOption(command.handler, redirectUri),
      openBrowser: command.open === true,
      userIdentifier,
      // With --open the page opens by itself; otherwise the address is shown once, here.
      ...(command.open ? {} : { onAuthorization: announce }),
    });
    const me = await client.users.getUser();
    print(
      `Logged in to Deezer as ${me.name} (user ${me.id}, ${flow}); stored in ${store} as ${DEEZER_CLIENT_NAME}.`,
    );
    return;
  }
  if (command.service === "tidal") {
    const flow = command.flow ?? "device";
    if (flow !== "device" && flow !== "pkce") {
      throw new UsageError(`TIDAL logins use --flow device or pkce; got "${flow}".`);
    }
    const redirectUri = command.redirectUri ?? "tidal://login/auth";
    await using client = await PrivateTIDALAPIClient.create({
      ...tidalUrls(endpoints),
      ...INTERACTIVE,
      authFlow: flow,
      ...(command.clientId ? { clientId: command.clientId } : {}),
      ...(flow === "pkce"
        ? { redirectUri, redirectHandler: handlerOption(command.handler, redirectUri) }
        : {}),
      scopes: command.scopes ?? ["r_usr", "w_usr"],
      openBrowser: command.open === true,
      userIdentifier,
      ...(command.open ? {} : { onAuthorization: announce }),
    });
    const me = await client.users.getMe();
    print(
      `Logged in to TIDAL as user ${String(me.userId)} (${flow}); stored in ${store} as ${TIDAL_CLIENT_NAME}.`,
    );
    return;
  }
  throw new UsageError(`Unknown service "${command.service}"; expected deezer or tidal.`);
}
