// The CommonJS half of the dual build, run after `tsc -p tsconfig.build.json` has written the ESM build and its
// declarations to dist/: one CommonJS bundle per entry point (dependencies stay external), and a `.d.cts` twin of
// every declaration file so `require("minim-ts")` gets types that describe CommonJS.
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
