#!/usr/bin/env node
// Runs the suite with Node's own test runner; TypeScript is loaded through tsx so tests need no build step.
// Node 20's runner does not expand globs, so the files are collected here.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;

function collect(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...collect(full));
    else if (entry.endsWith(".test.ts")) found.push(full);
  }
  return found;
}

const requested = process.argv.slice(2);
const files = (
  requested.length > 0 ? requested : collect(join(root, "test")).map((f) => relative(root, f))
).sort();

const child = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    "--test",
    "--test-reporter=spec",
    "--test-concurrency=2",
    "--test-timeout=180000",
    ...files,
  ],
  { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } },
);
child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
