import { SingleBar } from "cli-progress";
import { TokenStore, type StoredToken } from "../auth/token-store.js";
import { ValidationError } from "../core/errors.js";
import { PagePromise } from "../core/pagination.js";
import { redactText } from "../core/redact.js";
import type { DeezerAuthFlow } from "../auth/deezer.js";
import type { TidalAuthFlow } from "../auth/tidal.js";
import { DeezerAPIClient } from "../deezer/index.js";
import { PrivateTIDALAPIClient } from "../tidal/index.js";
import { deezerUrls, resolveEndpoints, tidalUrls, type Endpoints } from "./endpoints.js";
import { LoginRequiredError, UsageError } from "./exit-codes.js";
import { formatHuman, useColor } from "./format.js";
import { listMethods, suggest } from "./methods.js";

export interface CallCommand {
  service: string;
  method?: string | undefined;
  args: string[];
  opt: string[];
  all?: boolean | undefined;
  json?: boolean | undefined;
  list?: boolean | undefined;
  baseUrl?: string | undefined;
  url?: string[] | undefined;
  accessTokenEnv?: string | undefined;
  clientId?: string | undefined;
  /** Use the stored login of this user. */
  user?: string | undefined;
  /** Use the stored login of this app (Deezer) or client (TIDAL) id. */
  app?: string | undefined;
  /** `--no-login`: never use a stored login. */
  login?: boolean | undefined;
}

type Client = DeezerAPIClient | PrivateTIDALAPIClient;
type Callable = (...args: unknown[]) => unknown;

const CLIENT_NAMES = { deezer: "DeezerAPIClient", tidal: "PrivateTIDALAPIClient" } as const;
export type Service = keyof typeof CLIENT_NAMES;

/** Numbers and JSON literals are parsed; anything else stays a string (so ids like "me" work). */
export function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export function parseOptions(pairs: readonly string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new ValidationError("--opt", `--opt expects key=value; got "${pair}".`);
    options[pair.slice(0, at)] = parseValue(pair.slice(at + 1));
  }
  return options;
}

function serviceOf(name: string): Service {
  if (name === "deezer" || name === "tidal") return name;
  throw new UsageError(`Unknown service "${name}"; expected deezer or tidal.`);
}

function tokenFromEnv(command: CallCommand): string | undefined {
  if (!command.accessTokenEnv) return undefined;
  const value = process.env[command.accessTokenEnv];
  if (!value) {
    throw new ValidationError(
      "--access-token-env",
      `Environment variable ${command.accessTokenEnv} is empty.`,
    );
  }
  return value;
}

/** The stored login `minim call` uses: the newest one of the service, narrowed by `--user` and `--app`. */
export function findStoredLogin(service: Service, user?: string, app?: string): StoredToken | undefined {
  const store = new TokenStore();
  try {
    return store.list({
      clientName: CLIENT_NAMES[service],
      ...(user !== undefined ? { userIdentifiers: [user] } : {}),
      ...(app !== undefined ? { clientIds: [app] } : {}),
    })[0];
  } finally {
    store.close();
  }
}

/**
 * A stored login must never turn into a login prompt in the middle of a call (scripts would hang): when the client
 * would need a new authorization, this is raised instead, naming the command that fixes it.
 */
function refuseLogin(service: Service): () => never {
  return () => {
    throw new LoginRequiredError(
      service,
      `The stored ${service === "deezer" ? "Deezer" : "TIDAL"} login was rejected or has expired.`,
    );
  };
}

/** `minim call` never starts a login (see {@link refuseLogin}); spread in, for clients without the option too. */
const NON_INTERACTIVE = { interactive: false } as const;

export function makeClient(command: CallCommand, service: Service, endpoints: Endpoints): Client {
  const token = tokenFromEnv(command);
  const wantsLogin = command.login !== false && token === undefined && !command.list;
  const stored = wantsLogin ? findStoredLogin(service, command.user, command.app) : undefined;
  if (wantsLogin && stored === undefined && (command.user !== undefined || command.app !== undefined)) {
    const which = [command.user && `user ${command.user}`, command.app && `app ${command.app}`]
      .filter(Boolean)
      .join(", ");
    throw new LoginRequiredError(service, `No stored ${service} login for ${which}.`, false);
  }
  if (service === "deezer") {
    const urls = deezerUrls(endpoints);
    if (token) {
      return new DeezerAPIClient({
        ...urls,
        authFlow: "implicit",
        appId: process.env.DEEZER_API_APP_ID ?? "minim-cli",
        redirectUri: "http://localhost/",
        accessToken: token,
        storeTokens: false,
        ...NON_INTERACTIVE,
        onAuthorization: refuseLogin(service),
      });
    }
    if (!stored) return new DeezerAPIClient(urls);
    return new DeezerAPIClient({
      ...urls,
      ...NON_INTERACTIVE,
      authFlow: stored.authFlow as DeezerAuthFlow,
      appId: stored.clientId,
      ...(stored.clientSecret ? { appSecret: stored.clientSecret } : {}),
      ...(stored.userIdentifier ? { userIdentifier: stored.userIdentifier } : {}),
      redirectUri: stored.redirectUri ?? "http://localhost/",
      ...(stored.scopes.length > 0 ? { permissions: stored.scopes } : {}),
      onAuthorization: refuseLogin(service),
    });
  }
  const urls = tidalUrls(endpoints);
  if (stored && !token) {
    return new PrivateTIDALAPIClient({
      ...urls,
      authFlow: stored.authFlow as TidalAuthFlow,
      clientId: stored.clientId,
      ...(stored.clientSecret ? { clientSecret: stored.clientSecret } : {}),
      ...(stored.userIdentifier ? { userIdentifier: stored.userIdentifier } : {}),
      ...(stored.redirectUri ? { redirectUri: stored.redirectUri } : {}),
      ...(stored.scopes.length > 0 ? { scopes: stored.scopes } : {}),
      interactive: false,
      onAuthorization: refuseLogin(service),
    });
  }
  const clientId =
    command.clientId ?? process.env.PRIVATE_TIDAL_API_CLIENT_ID ?? (command.list ? "list" : undefined);
  if (!clientId) {
    throw new UsageError(
      "TIDAL calls need a login (`minim login tidal`) or a client id (--client-id or $PRIVATE_TIDAL_API_CLIENT_ID).",
    );
  }
  return new PrivateTIDALAPIClient(
    token
      ? {
          ...urls,
          authFlow: "pkce",
          clientId,
          redirectUri: "tidal://login/auth",
          accessToken: token,
          storeTokens: false,
          interactive: false,
        }
      : { ...urls, authFlow: null, clientId },
  );
}

/**
 * Only reads page, and they are named `get…` or `search…`: `--all` on any other method is refused before it is
 * called, so a mistyped flag can never send a write.
 */
const READ_NAME = /^(get|search)/;

function resolveMethod(client: Client, service: Service, path: string): { target: object; fn: Callable } {
  const [groupName = "", methodName = "", ...rest] = path.split(".");
  const group = (client as unknown as Record<string, unknown>)[groupName];
  const fn =
    rest.length === 0 && typeof group === "object" && group !== null && methodName !== "constructor"
      ? (group as Record<string, unknown>)[methodName]
      : undefined;
  const known = listMethods(client);
  if (typeof fn !== "function" || !known.includes(path)) {
    const near = suggest(path, known);
    const hint = near.length > 0 ? ` Did you mean ${near.join(", ")}?` : "";
    throw new UsageError(
      `No method "${path}" on the ${service} client.${hint} (\`minim call ${service} --list\` lists them all.)`,
    );
  }
  return { target: group as object, fn: fn as Callable };
}

/** `minim call`: one method of one client, printed for a person (or as JSON with `--json`). */
export async function runCall(
  command: CallCommand,
  print: (line: string) => void = (l) => console.log(l),
): Promise<void> {
  const service = serviceOf(command.service);
  const endpoints = resolveEndpoints(command.url ?? [], process.env, {
    role: service === "deezer" ? "deezerApi" : "tidalApi",
    url: command.baseUrl,
  });
  await using client = makeClient(command, service, endpoints);
  if (command.list) {
    for (const method of listMethods(client)) print(method);
    return;
  }
  if (!command.method) {
    throw new UsageError(`Name a method, e.g. \`minim call ${service} --list\` to see them.`);
  }
  const args = command.args.map(parseValue);
  const options = parseOptions(command.opt);
  const callArgs = Object.keys(options).length > 0 ? [...args, options] : args;
  const { target, fn } = resolveMethod(client, service, command.method);
  if (command.all && !READ_NAME.test(command.method.split(".")[1] ?? "")) {
    throw new UsageError(`${command.method} does not page; call it without --all.`);
  }
  const returned = fn.apply(target, callArgs);
  const result = command.all ? await collectAll(command.method, returned) : await returned;
  const text = command.json
    ? JSON.stringify(result ?? null, null, 2)
    : formatHuman(result, { color: useColor(process.stdout), width: process.stdout.columns || 120 });
  // Deezer's `next`/`prev` links repeat the access token sent with the request.
  print(redactText(text));
}

/** Every item of every page, with a progress bar and ETA on a terminal (cli-progress stays silent elsewhere). */
async function collectAll(path: string, list: unknown): Promise<unknown[]> {
  if (!(list instanceof PagePromise)) {
    // The call has gone out already (a read: see READ_NAME); its own failure, a bad argument say, says more.
    await list;
    throw new UsageError(`${path} does not page; call it without --all.`);
  }
  const bar = new SingleBar({
    format: "{bar} {percentage}% | {value}/{total} items | ETA {eta_formatted}",
    stream: process.stderr,
    etaBuffer: 5,
    hideCursor: true,
  });
  let started = false;
  const items: unknown[] = [];
  try {
    for await (const answer of list.pages()) {
      const page = answer as Record<string, unknown>;
      const pageItems = (page.data ?? page.items ?? []) as unknown[];
      items.push(...pageItems);
      const total = Math.max(Number(page.total ?? page.totalNumberOfItems ?? items.length), items.length);
      if (!started) {
        bar.start(total, items.length);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(items.length);
      }
    }
    // A page's total can overstate what the list holds (an item gone since it was counted): the walk is over, so
    // the bar ends at what was actually read, at 100 %.
    if (started) {
      bar.setTotal(items.length);
      bar.update(items.length);
    }
  } finally {
    if (started) bar.stop();
  }
  return items;
}
