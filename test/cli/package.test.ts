import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { root } from "./helpers.js";

interface PackResult {
  files: { path: string }[];
}

describe("the npm package", () => {
  it("packs a built dist with its licence and README, no dangling source maps, and both module formats", () => {
    // `npm pack` runs `prepack`, which builds: a clean clone packs the same files.
    const result = spawnSync("npm", ["pack", "--dry-run", "--json", "--loglevel=error"], {
      cwd: root,
      encoding: "utf8",
    });
    assert.equal(result.status, 0, result.stderr);
    const json = result.stdout.slice(result.stdout.indexOf("["));
    const [pack] = JSON.parse(json) as PackResult[];
    const files = new Set(pack!.files.map((f) => f.path));
    for (const path of [
      "LICENSE",
      "README.md",
      "package.json",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/index.cjs",
      "dist/index.d.cts",
      "dist/emulator/index.js",
      "dist/emulator/index.cjs",
      "dist/emulator/index.d.cts",
      "dist/cli/main.js",
    ]) {
      assert.ok(files.has(path), `${path} is packed`);
    }
    assert.ok(![...files].some((f) => f.startsWith("src/") || f.startsWith("test/")), "no sources or tests");
    // Source maps would point at src/, which is not shipped.
    assert.deepEqual(
      [...files].filter((f) => f.endsWith(".map")),
      [],
    );

    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      bin: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional: boolean }>;
      dependencies: Record<string, string>;
    };
    assert.ok(files.has(manifest.bin.minim!.replace(/^\.\//, "")), "the minim binary is packed");
    for (const optional of ["playwright-core", "selfsigned"]) {
      assert.equal(manifest.peerDependenciesMeta[optional]?.optional, true, optional);
      assert.equal(manifest.dependencies[optional], undefined, `${optional} is not installed for everyone`);
    }
  });

  it("loads through require() as well as import", () => {
    const required = spawnSync(
      process.execPath,
      [
        "-e",
        'const m = require("minim-ts"); const e = require("minim-ts/emulator"); console.log(typeof m.DeezerAPIClient, typeof e.startEmulator)',
      ],
      { cwd: root, encoding: "utf8" },
    );
    assert.equal(required.status, 0, required.stderr);
    assert.equal(required.stdout.trim(), "function function");
  });
});
