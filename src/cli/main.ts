#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { MinimError } from "../core/errors.js";
import { redactText } from "../core/redact.js";
import { EXIT, EXIT_CODE_HELP, exitCodeFor, hintFor, UsageError } from "./exit-codes.js";

// Only commander and the few modules above load at start; each command imports what it needs when it runs, so
// `minim --help` does not pay for undici, SQLite or the emulator.

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_530) {
    throw new InvalidArgumentError("expected a port number between 0 and 65530");
  }
  return parsed;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The package version; `src/cli` and `dist/cli` both sit two levels below package.json. */
function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

const URL_OPTION = "role=URL of a server to use instead of the real service (repeatable; see below)";
const ENDPOINT_HELP = `
Servers: every command talks to the real services unless a role is redirected with --url role=URL or an
environment variable: MINIM_DEEZER_API_URL, MINIM_DEEZER_CONNECT_URL, MINIM_TIDAL_API_URL, MINIM_TIDAL_AUTH_URL,
MINIM_TIDAL_LOGIN_URL, MINIM_TIDAL_RESOURCES_URL, MINIM_TIDAL_OPENAPI_URL.
\`eval "$(minim emulator --port 9000 --print-env)"\` sets them all for an emulator on ports 9000-9006.`;

export function buildProgram(): Command {
  const program = new Command("minim")
    .description(
      "Command-line access to the Deezer API and the private TIDAL API, and their offline emulator.",
    )
    .version(version(), "-V, --version", "print the version")
    .showHelpAfterError()
    .addHelpText("after", `\n${EXIT_CODE_HELP}\n${ENDPOINT_HELP}`);

  program
    .command("emulator")
    .description("run the offline Deezer and TIDAL services on loopback ports until interrupted")
    .option("-p, --port <port>", "first of seven consecutive ports (0 picks free ones)", port, 0)
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--service <name>", "deezer or tidal (repeatable; default both)", collect, [])
    .option(
      "--print-env",
      "print shell `export` lines for an emulator on --port and exit (start it separately)",
    )
    .option(
      "--write-env <file>",
      "once listening, write those `export` lines to <file> (`. <file>` to use them)",
    )
    .option("--quotas", "refuse requests beyond the services' quotas (Deezer: 50 per 5 s per address)")
    .action(
      async (options: {
        port: number;
        host: string;
        service: string[];
        printEnv?: boolean;
        writeEnv?: string;
        quotas?: boolean;
      }) => {
        const { runEmulatorCli } = await import("../emulator/index.js");
        const { emulatorEnv, printEmulatorEnv, writeEnvFile } = await import("./emulator-env.js");
        const services = options.service.length > 0 ? options.service : ["deezer", "tidal"];
        for (const service of services) {
          if (service !== "deezer" && service !== "tidal")
            throw new UsageError(`unknown service ${service}; expected deezer or tidal`);
        }
        if (options.printEnv) return printEmulatorEnv(options.port, options.host);
        const emulator = await runEmulatorCli({
          port: options.port,
          host: options.host,
          services: services as ("deezer" | "tidal")[],
          quotas: options.quotas ?? false,
        });
        if (options.port !== 0 && !options.writeEnv) {
          const flags = `--port ${options.port}${options.host === "127.0.0.1" ? "" : ` --host ${options.host}`}`;
          console.log(
            `To point minim at it from another shell: eval "$(minim emulator ${flags} --print-env)"`,
          );
        }
        if (options.writeEnv) {
          await writeEnvFile(options.writeEnv, emulatorEnv(emulator.urls));
          console.log(
            `Environment for minim written to ${options.writeEnv} (\`. ${options.writeEnv}\` to use it)`,
          );
        }
        await new Promise<void>((resolve) => {
          const stop = (): void => resolve();
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
        await emulator.close();
      },
    );

  program
    .command("demo")
    .description("offline tour of both clients against the embedded emulator")
    .action(async () => {
      const { runDemo } = await import("./demo.js");
      await runDemo();
    });

  program
    .command("login")
    .description("log in to deezer or tidal and store the login for `minim call` and the library")
    .argument("<service>", "deezer or tidal")
    .option("--flow <flow>", "deezer: auth_code (default) or implicit; tidal: device (default) or pkce")
    .option(
      "--client-id <id>",
      "Deezer app id or TIDAL client id (default $DEEZER_API_APP_ID / $PRIVATE_TIDAL_API_CLIENT_ID); " +
        "secrets come only from $DEEZER_API_APP_SECRET / $PRIVATE_TIDAL_API_CLIENT_SECRET",
    )
    .option(
      "--redirect-uri <uri>",
      "deezer: default http://127.0.0.1:8888/callback; tidal pkce: default tidal://login/auth",
    )
    .option("--scopes <list>", "Deezer permissions (default all) or TIDAL scopes (default r_usr,w_usr)")
    .option(
      "--handler <name>",
      "how the redirect is caught: http.server (default for loopback URIs), paste, playwright",
    )
    .option("--open", "open the login page in the default browser")
    .option("--user <id>", "store the login under this user identifier (default: the account's id)")
    .option("--url <role=URL>", URL_OPTION, collect, [])
    .action(async (service: string, options: Record<string, unknown>) => {
      const { runLogin } = await import("./login.js");
      await runLogin({ service, ...options });
    });

  program
    .command("call")
    .description(
      "call one method and print its answer, e.g. `minim call deezer albums.getAlbum 302127`; " +
        "uses the newest stored login of the service (see `minim login`)",
    )
    .argument("<service>", "deezer or tidal")
    .argument("[method]", "group.method, e.g. albums.getAlbumFans (`--list` shows them all)")
    .argument("[args...]", "positional arguments (numbers and JSON are parsed)")
    .option(
      "-o, --opt <key=value>",
      "an option of the method (repeatable; values parsed as JSON when possible)",
      collect,
      [],
    )
    .option("--all", "read every page of a paginated method (progress and ETA on a terminal)")
    .option("--json", "print the answer as JSON (default: a table for lists, key/value lines for objects)")
    .option("--list", "list the methods of the service's client")
    .option("--user <id>", "use the stored login of this user")
    .option("--app <id>", "use the stored login of this Deezer app id / TIDAL client id")
    .option("--no-login", "ignore stored logins (anonymous Deezer; TIDAL with a client id only)")
    .option("--base-url <url>", "API base URL (same as --url deezerApi=URL or --url tidalApi=URL)")
    .option("--url <role=URL>", URL_OPTION, collect, [])
    .option("--access-token-env <name>", "read an access token from this environment variable")
    .option("--client-id <id>", "TIDAL client id without a login (default $PRIVATE_TIDAL_API_CLIENT_ID)")
    .action(
      async (
        service: string,
        method: string | undefined,
        args: string[],
        options: Record<string, unknown> & { opt: string[] },
      ) => {
        const { runCall } = await import("./call.js");
        await runCall({ service, method, args, ...options });
      },
    );

  program
    .command("tidal")
    .description("TIDAL helpers beyond single calls")
    .command("play-info")
    .description(
      "how a track would play: the decoded stream (codec, sample rate, bit depth, segment count); no URLs shown",
    )
    .argument("<trackId>", "the TIDAL track id")
    .option("--quality <q>", "LOW, HIGH, LOSSLESS, HI_RES or HI_RES_LOSSLESS (default: the best allowed)")
    .option("--preview", "ask for the 30-second preview")
    .option("--json", "print the description as JSON")
    .option("--user <id>", "use the stored login of this user")
    .option("--app <id>", "use the stored login of this TIDAL client id")
    .option("--no-login", "ignore stored logins (a client id only: previews)")
    .option("--base-url <url>", "API base URL (same as --url tidalApi=URL)")
    .option("--url <role=URL>", URL_OPTION, collect, [])
    .option("--access-token-env <name>", "read an access token from this environment variable")
    .option("--client-id <id>", "TIDAL client id without a login (default $PRIVATE_TIDAL_API_CLIENT_ID)")
    .action(async (trackId: string, options: Record<string, unknown>) => {
      const { runPlayInfo } = await import("./play-info.js");
      await runPlayInfo({ trackId, ...options });
    });

  const tokens = program
    .command("tokens")
    .description("inspect or remove stored tokens ($MINIM_DIR/auth.db)");
  tokens
    .command("list")
    .description("list stored tokens (secrets are never shown)")
    .option("--client <service>", "deezer or tidal (default both)")
    .action(async (options: { client?: string }) => {
      const { listTokens } = await import("./tokens.js");
      listTokens(options.client);
    });
  tokens
    .command("remove")
    .description("remove stored tokens of one client")
    .requiredOption("--client <service>", "deezer or tidal")
    .option("--flow <flow>", "only this authorization flow (repeatable)", collect, [])
    .option("--client-id <id>", "only this app/client id (repeatable)", collect, [])
    .option("--user <identifier>", "only this user identifier (repeatable)", collect, [])
    .action(async (options: { client: string; flow: string[]; clientId: string[]; user: string[] }) => {
      const { removeTokens } = await import("./tokens.js");
      removeTokens(options);
    });

  // Usage errors exit with their own code instead of commander's blanket 1.
  const exitOverride = (error: CommanderError): never => {
    throw error;
  };
  program.exitOverride(exitOverride);
  for (const command of program.commands) {
    command.exitOverride(exitOverride);
    for (const sub of command.commands) sub.exitOverride(exitOverride);
  }
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  // `minim call … | head` closes the pipe early; that is the reader's choice, not a failure worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  let service: string | undefined;
  const at = argv.findIndex((arg) => arg === "call" || arg === "login");
  if (at >= 0) service = argv[at + 1];
  else if (argv.includes("play-info")) service = "tidal";
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed its message (and the help after it); --help and --version end here too.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    // Errors are already redacted by construction; the extra pass guards messages from third-party code.
    const message = error instanceof Error ? error.message : String(error);
    const kind = error instanceof MinimError ? `${error.name}: ` : "";
    process.stderr.write(`minim: ${kind}${redactText(message)}\n`);
    const hint = hintFor(error, service === "deezer" || service === "tidal" ? service : undefined);
    if (hint) process.stderr.write(`hint: ${hint}\n`);
    process.exitCode = exitCodeFor(error);
  }
}

await main();
