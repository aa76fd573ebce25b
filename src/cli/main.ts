#!/usr/bin/env node
import { Command, InvalidArgumentError } from "commander";
import { MinimError } from "../core/errors.js";
import { redactText } from "../core/redact.js";
import { runCall } from "./call.js";
import { runDemo } from "./demo.js";
import { listTokens, removeTokens } from "./tokens.js";

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

export function buildProgram(): Command {
  const program = new Command("minim")
    .description(
      "Command-line access to the Deezer API and the private TIDAL API, and their offline emulator.",
    )
    .showHelpAfterError();

  program
    .command("emulator")
    .description("run the offline Deezer and TIDAL services on loopback ports until interrupted")
    .option("-p, --port <port>", "first of six consecutive ports (0 picks free ones)", port, 0)
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--service <name>", "deezer or tidal (repeatable; default both)", collect, [])
    .option("--quotas", "refuse requests beyond the services' quotas (Deezer: 50 per 5 s per address)")
    .action(async (options: { port: number; host: string; service: string[]; quotas?: boolean }) => {
      const { runEmulatorCli } = await import("../emulator/index.js");
      const services = options.service.length > 0 ? options.service : ["deezer", "tidal"];
      for (const service of services) {
        if (service !== "deezer" && service !== "tidal")
          throw new InvalidArgumentError(`unknown service ${service}`);
      }
      const emulator = await runEmulatorCli({
        port: options.port,
        host: options.host,
        services: services as ("deezer" | "tidal")[],
        quotas: options.quotas ?? false,
      });
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await emulator.close();
    });

  program
    .command("demo")
    .description("offline tour of both clients against the embedded emulator")
    .action(async () => {
      await runDemo();
    });

  program
    .command("call")
    .description(
      "call one endpoint method and print its JSON answer, e.g. `minim call deezer albums.getAlbum 302127`",
    )
    .argument("<service>", "deezer or tidal")
    .argument("<method>", "group.method, e.g. albums.getAlbumFans")
    .argument("[args...]", "positional arguments (numbers and JSON are parsed)")
    .option(
      "-o, --opt <key=value>",
      "an option of the method (repeatable; values parsed as JSON when possible)",
      collect,
      [],
    )
    .option("--all", "iterate every page of a paginated method and print all items")
    .option("--base-url <url>", "API base URL (e.g. an emulator's)")
    .option("--access-token-env <name>", "read an access token from this environment variable")
    .option("--client-id <id>", "TIDAL client id (default $PRIVATE_TIDAL_API_CLIENT_ID)")
    .action(
      async (
        service: string,
        method: string,
        args: string[],
        options: {
          opt: string[];
          all?: boolean;
          baseUrl?: string;
          accessTokenEnv?: string;
          clientId?: string;
        },
      ) => {
        await runCall({ service, method, args, ...options });
      },
    );

  const tokens = program
    .command("tokens")
    .description("inspect or remove stored tokens ($MINIM_DIR/auth.db)");
  tokens
    .command("list")
    .description("list stored tokens (secrets are never shown)")
    .option("--client <service>", "deezer or tidal (default both)")
    .action((options: { client?: string }) => listTokens(options.client));
  tokens
    .command("remove")
    .description("remove stored tokens of one client")
    .requiredOption("--client <service>", "deezer or tidal")
    .option("--flow <flow>", "only this authorization flow (repeatable)", collect, [])
    .option("--client-id <id>", "only this app/client id (repeatable)", collect, [])
    .option("--user <identifier>", "only this user identifier (repeatable)", collect, [])
    .action((options: { client: string; flow: string[]; clientId: string[]; user: string[] }) =>
      removeTokens(options),
    );
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    // Errors are already redacted by construction; the extra pass guards messages from third-party code.
    const message = error instanceof Error ? error.message : String(error);
    const kind = error instanceof MinimError ? `${error.name}: ` : "";
    process.stderr.write(`minim: ${kind}${redactText(message)}\n`);
    process.exitCode = 1;
  }
}

await main();
