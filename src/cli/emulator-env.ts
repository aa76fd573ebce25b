/** `minim emulator --print-env` / `--write-env`: the shell lines that point `minim` (and the clients) at an emulator. */
import { writeFile } from "node:fs/promises";
import {
  DEFAULT_DEEZER_APP,
  ROLE_NAMES,
  TIDAL_DEVICE_CLIENT_ID,
  TIDAL_DEVICE_CLIENT_SECRET,
} from "../emulator/index.js";
import { emulatorEnvLines, type Role } from "./endpoints.js";
import { UsageError } from "./exit-codes.js";

/** The emulator's role URLs and its test credentials as `export NAME=value` lines. */
export function emulatorEnv(urls: Record<Role, string>): string[] {
  return emulatorEnvLines(urls, {
    DEEZER_API_APP_ID: DEFAULT_DEEZER_APP.appId,
    DEEZER_API_APP_SECRET: DEFAULT_DEEZER_APP.secret,
    PRIVATE_TIDAL_API_CLIENT_ID: TIDAL_DEVICE_CLIENT_ID,
    PRIVATE_TIDAL_API_CLIENT_SECRET: TIDAL_DEVICE_CLIENT_SECRET,
  });
}

/** Prints the lines for an emulator on fixed ports, without starting one (so `eval "$(…)"` returns). */
export function printEmulatorEnv(port: number, host: string, print = (l: string) => console.log(l)): void {
  if (port === 0) {
    throw new UsageError(
      "--print-env needs a fixed --port (the emulator's roles use that port and the next six).",
    );
  }
  const shown = host.includes(":") ? `[${host}]` : host;
  const urls = Object.fromEntries(
    ROLE_NAMES.map((role, i) => [role, `http://${shown}:${port + i}`]),
  ) as Record<Role, string>;
  for (const line of emulatorEnv(urls)) print(line);
}

export async function writeEnvFile(path: string, lines: readonly string[]): Promise<void> {
  await writeFile(path, `${lines.join("\n")}\n`, { mode: 0o600 });
}
