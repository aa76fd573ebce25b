/**
 * Skip values for tests that need a program installed on the machine (redis-server, Chromium). A newcomer's
 * `npm test` skips them with the reason; CI sets MINIM_TEST_REQUIRE_SERVERS=1 so a missing program fails the run
 * instead of silently shrinking it.
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** True when the environment demands that every server-backed test runs. */
export function serversRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env["MINIM_TEST_REQUIRE_SERVERS"] === "1";
}

/**
 * The `skip` option for a test needing something that may be missing: `false` when it is there, else `missing`
 * (the reason shown). When servers are required, a missing one throws, which fails the test file.
 */
export function skipUnlessInstalled(
  missing: string | false,
  env: NodeJS.ProcessEnv = process.env,
): string | false {
  if (missing === false) return false;
  if (serversRequired(env)) {
    throw new Error(`MINIM_TEST_REQUIRE_SERVERS=1 and ${missing}`);
  }
  return missing;
}

/** Whether `name` is an executable file in one of PATH's directories. */
export function onPath(name: string, path: string = process.env["PATH"] ?? ""): boolean {
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // Not in this directory.
    }
  }
  return false;
}
