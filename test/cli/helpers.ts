import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const root = new URL("../../", import.meta.url).pathname;

/** A token store of this test file's own, so no test reads or writes the user's ~/.minim. */
export const scratchMinimDir = mkdtempSync(join(tmpdir(), "minim-cli-"));
process.once("exit", () => rmSync(scratchMinimDir, { recursive: true, force: true }));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a child: no inherited MINIM_* or credentials, so only what a test sets applies. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(MINIM_|DEEZER_API_|PRIVATE_TIDAL_API_|NO_COLOR|FORCE_COLOR)/.test(name)) base[name] = value;
  }
  return { ...base, MINIM_DIR: scratchMinimDir, ...env };
}

/** Starts the real `minim` entry point in a child process, as a user's shell would. */
export function spawnMinim(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    env: childEnv(env),
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Runs `minim` to completion with stdin closed. */
export function minim(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawnMinim(args, env);
    child.stdin.end();
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves with the first match of `pattern` in what `stream` has written so far or writes later. */
export function waitForOutput(
  stream: NodeJS.ReadableStream,
  pattern: RegExp,
  child?: ChildProcessWithoutNullStreams,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match) {
        stream.off("data", onData);
        resolve(match);
      }
    };
    stream.on("data", onData);
    stream.once("end", () => reject(new Error(`${String(pattern)} never appeared in:\n${seen}`)));
    child?.once("close", (code) =>
      reject(new Error(`minim exited (${String(code)}) before printing ${String(pattern)}:\n${seen}`)),
    );
  });
}

/** Collects a child's output and resolves when it exits. */
export function completion(child: ChildProcessWithoutNullStreams): Promise<Run> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
