import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadOptionalModule } from "../../src/auth/optional-module.js";
import { MinimError } from "../../src/core/errors.js";

describe("optional packages are loaded on first use", () => {
  it("a package that is not installed becomes a MinimError naming the install command", async () => {
    const name = "minim-test-package-that-is-not-installed";
    await assert.rejects(
      loadOptionalModule(name, "The test feature", () => import(name)),
      (error: unknown) =>
        error instanceof MinimError &&
        error.message.includes(`npm install ${name}`) &&
        error.message.startsWith("The test feature needs the optional package") &&
        (error.cause as { code?: string }).code === "ERR_MODULE_NOT_FOUND",
    );
  });

  it("a failure inside an installed package (a missing dependency of its own) is not disguised", async () => {
    const inner = Object.assign(
      new Error("Cannot find package 'some-dependency' imported from /x/index.js"),
      {
        code: "ERR_MODULE_NOT_FOUND",
      },
    );
    await assert.rejects(
      loadOptionalModule("playwright-core", "The handler", () => Promise.reject(inner)),
      (error: unknown) => error === inner,
    );
  });

  it("the playwright and https redirect handlers say which package to install when it is missing", async () => {
    const hook = fileURLToPath(new URL("./hide-optional-packages.mjs", import.meta.url));
    const worker = fileURLToPath(new URL("./optional-worker.ts", import.meta.url));
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "--import", hook, worker], {
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      },
    );
    assert.equal(run.code, 0, run.stderr);
    const outcome = JSON.parse(run.stdout) as Record<string, { name: string; message: string }>;
    assert.equal(outcome["browser"]?.name, "MinimError", run.stdout);
    assert.match(outcome["browser"]!.message, /npm install playwright-core/);
    assert.equal(outcome["https"]?.name, "MinimError", run.stdout);
    assert.match(outcome["https"]!.message, /npm install selfsigned/);
  });
});
