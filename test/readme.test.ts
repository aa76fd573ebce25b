import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const root = new URL("../", import.meta.url).pathname;
const scratch = join(root, "test", ".readme-check");

/** The README's TypeScript examples (blocks marked `ts fragment` are partial and skipped). */
function examples(): string[] {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

function localImports(code: string, depth: string): string {
  return code
    .replaceAll('from "minim-ts/emulator"', `from "${depth}src/emulator/index.js"`)
    .replaceAll('from "minim-ts"', `from "${depth}src/index.js"`);
}

describe("README examples", () => {
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("type-check against the public surface", () => {
    const blocks = examples();
    assert.ok(blocks.length >= 3, "the README has examples");
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    blocks.forEach((code, index) =>
      writeFileSync(join(scratch, `example-${index}.ts`), localImports(code, "../../")),
    );
    writeFileSync(
      join(scratch, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        include: ["./*.ts"],
        compilerOptions: { noEmit: true },
      }),
    );
    const result = spawnSync(
      process.execPath,
      [join(root, "node_modules/typescript/bin/tsc"), "-p", scratch],
      {
        encoding: "utf8",
      },
    );
    assert.equal(result.status, 0, `README examples do not compile:\n${result.stdout}${result.stderr}`);
  });

  it("the emulator example runs as written and behaves as its comments say", async () => {
    const block = examples().find((code) => code.includes("startEmulator"));
    assert.ok(block);
    mkdirSync(scratch, { recursive: true });
    const file = join(scratch, "emulator-example.ts");
    // The example's last line prints the request count; capture it instead of printing.
    const code = localImports(block, "../../").replace(
      "console.log(",
      "(globalThis as { seen?: unknown }).seen = (",
    );
    writeFileSync(file, code);
    await import(file);
    assert.equal((globalThis as { seen?: unknown }).seen, 2, "one 429, one retry");
  });
});
