import { SingleBar } from "cli-progress";
import { DeezerAPIClient } from "../deezer/index.js";
import { ValidationError } from "../core/errors.js";
import { redactText } from "../core/redact.js";
import { PrivateTIDALAPIClient } from "../tidal/index.js";

export interface CallCommand {
  service: string;
  method: string;
  args: string[];
  opt: string[];
  all?: boolean | undefined;
  baseUrl?: string | undefined;
  accessTokenEnv?: string | undefined;
  clientId?: string | undefined;
}

type Callable = (...args: unknown[]) => unknown;

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

function accessToken(command: CallCommand): string | undefined {
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

function makeClient(command: CallCommand): DeezerAPIClient | PrivateTIDALAPIClient {
  const token = accessToken(command);
  const baseUrl = command.baseUrl ? { baseUrl: command.baseUrl } : {};
  if (command.service === "deezer") {
    return new DeezerAPIClient(
      token
        ? {
            ...baseUrl,
            authFlow: "implicit",
            appId: process.env.DEEZER_API_APP_ID ?? "minim-cli",
            redirectUri: "http://localhost/",
            accessToken: token,
            storeTokens: false,
          }
        : baseUrl,
    );
  }
  if (command.service === "tidal") {
    const clientId = command.clientId ?? process.env.PRIVATE_TIDAL_API_CLIENT_ID;
    if (!clientId) {
      throw new ValidationError(
        "--client-id",
        "TIDAL calls need a client id (--client-id or $PRIVATE_TIDAL_API_CLIENT_ID).",
      );
    }
    return new PrivateTIDALAPIClient(
      token
        ? {
            ...baseUrl,
            authFlow: "pkce",
            clientId,
            redirectUri: "tidal://login/auth",
            accessToken: token,
            storeTokens: false,
          }
        : { ...baseUrl, authFlow: null, clientId },
    );
  }
  throw new ValidationError("service", `Unknown service "${command.service}"; expected deezer or tidal.`);
}

function resolveMethod(
  client: object,
  path: string,
  prefix = "",
): { target: object; fn: Callable; name: string } {
  const [groupName, methodName, ...rest] = path.split(".");
  if (!groupName || !methodName || rest.length > 0) {
    throw new ValidationError("method", `Expected group.method (e.g. albums.getAlbum); got "${path}".`);
  }
  const group = (client as Record<string, unknown>)[groupName];
  if (typeof group !== "object" || group === null) {
    throw new ValidationError("method", `No group "${groupName}" on this client.`);
  }
  const name = prefix ? `${prefix}${methodName.replace(/^get/, "")}` : methodName;
  const fn = (group as Record<string, unknown>)[name];
  if (typeof fn !== "function") {
    throw new ValidationError("method", `No method "${groupName}.${name}" on this client.`);
  }
  return { target: group, fn: fn as Callable, name };
}

interface PagedIterator {
  pages(): AsyncIterable<Record<string, unknown>>;
}

export async function runCall(
  command: CallCommand,
  print: (line: string) => void = (l) => console.log(l),
): Promise<void> {
  const args = command.args.map(parseValue);
  const options = parseOptions(command.opt);
  await using client = makeClient(command);
  const callArgs = Object.keys(options).length > 0 ? [...args, options] : args;
  if (!command.all) {
    const { target, fn } = resolveMethod(client, command.method);
    // Deezer's `next`/`prev` links repeat the access token sent with the request.
    // A write that answers nothing resolves to undefined, which JSON cannot spell: print it as null.
    print(redactText(JSON.stringify((await fn.apply(target, callArgs)) ?? null, null, 2)));
    return;
  }
  const { target, fn } = resolveMethod(client, command.method, "iter");
  const iterator = fn.apply(target, callArgs) as PagedIterator;
  const bar = new SingleBar({
    format: "{bar} {value}/{total} items",
    stream: process.stderr,
    noTTYOutput: false,
  });
  let started = false;
  const items: unknown[] = [];
  for await (const page of iterator.pages()) {
    const pageItems = (page.data ?? page.items ?? []) as unknown[];
    items.push(...pageItems);
    const total = Number(page.total ?? page.totalNumberOfItems ?? items.length);
    if (!started) {
      bar.start(Math.max(total, items.length), items.length);
      started = true;
    } else {
      bar.setTotal(Math.max(total, items.length));
      bar.update(items.length);
    }
  }
  if (started) bar.stop();
  print(redactText(JSON.stringify(items, null, 2)));
}
