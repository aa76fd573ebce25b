// Runs after `tsc -p tsconfig.build.json` has written dist/ (modules and declarations). Each public entry point
// becomes one file per module format, dependencies kept external: an ESM bundle replacing tsc's entry module (Node
// loads one file much faster than the ~100 modules behind it) and a CommonJS bundle for `require`. Every
// declaration file gets a `.d.cts` twin so `require("minim-ts")` sees types that describe CommonJS. The CLI keeps
// tsc's per-file modules, so each command loads only what it uses.
import { build } from "esbuild";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const dist = join(root, "dist");

const entries = { index: "src/index.ts", "emulator/index": "src/emulator/index.ts" };
for (const [name, entry] of Object.entries(entries)) {
  await build({
    entryPoints: [join(root, entry)],
    outfile: join(dist, `${name}.js`),
    allowOverwrite: true,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  await build({
    entryPoints: [join(root, entry)],
    outfile: join(dist, `${name}.cjs`),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    // The lazy loaders resolve packages relative to the module; in CommonJS that is __filename.
    define: { "import.meta.url": "__minimModuleUrl" },
    banner: { js: 'const __minimModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
}

async function* declarations(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* declarations(path);
    else if (entry.name.endsWith(".d.ts")) yield path;
  }
}

for await (const file of declarations(dist)) {
  const text = await readFile(file, "utf8");
  // Relative specifiers point at the `.cjs` twins, whose types are the `.d.cts` files written here.
  const cts = text.replace(/(from\s+|import\()(["'])(\.{1,2}\/[^"']+)\.js\2/g, "$1$2$3.cjs$2");
  await writeFile(file.replace(/\.d\.ts$/, ".d.cts"), cts);
}
