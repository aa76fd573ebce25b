import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/**
 * The directory minim keeps its state in (token database, self-signed certificates): `$MINIM_DIR` when set and
 * non-empty, otherwise `~/.minim`, the same place Python minim uses so both libraries share stored logins.
 * Reading it has no side effect; use {@link ensureMinimDir} before writing.
 */
export function minimDir(): string {
  const fromEnv = process.env["MINIM_DIR"];
  return fromEnv !== undefined && fromEnv.trim() !== "" ? resolve(fromEnv) : join(homedir(), ".minim");
}

/**
 * Creates a directory (by default {@link minimDir}) readable only by the current user, with any missing parents,
 * and returns its path. An existing directory is left exactly as the user set it up.
 */
export function ensureMinimDir(dir: string = minimDir()): string {
  // `mode` only applies to directories mkdir creates, which is what we want: never tighten or loosen a
  // directory the user made themselves.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
