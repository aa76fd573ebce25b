// Start-up cost of the built package: `import("minim-ts")` and `minim --help`, each as the median wall time of N
// fresh processes, next to a bare `node -e 0` measured in the same run (the ratio is what compares across machines).
// Each is then judged against its target (✓ met, ✗ missed): the import may add at most 60 ms to bare node, and
// `minim --help` may take at most 150 ms in all, since a person waits for the whole of it.
// Run after `npm run build`: `node bench/startup.bench.mjs [runs]`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const runs = Number(process.argv[2] ?? process.env.STARTUP_RUNS ?? 21);

if (!existsSync(`${root}dist/index.js`)) {
  console.error("dist/ is missing: run `npm run build` first.");
  process.exit(1);
}

const cases = [
  { name: "node -e 0", args: ["-e", "0"] },
  {
    name: 'import("minim-ts")',
    args: ["--input-type=module", "-e", 'await import("minim-ts")'],
    target: { ms: 60, overBare: true },
  },
  { name: "minim --help", args: [`${root}dist/cli/main.js`, "--help"], target: { ms: 150, overBare: false } },
];

function once(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${result.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Interleaved rounds, so a burst of load on a shared machine hits every case alike.
const samples = cases.map(() => []);
for (const c of cases) once(c.args); // warm the file-system cache
for (let round = 0; round < runs; round++) {
  cases.forEach((c, i) => samples[i].push(once(c.args)));
}

const medians = samples.map(median);
const bare = medians[0];
console.log(`startup: median of ${runs} runs each`);
cases.forEach((c, i) => {
  const over = i === 0 ? "" : `  (+${(medians[i] - bare).toFixed(1)} ms over bare node)`;
  console.log(
    `  ${c.name.padEnd(20)} ${medians[i].toFixed(1).padStart(7)} ms  ${(medians[i] / bare).toFixed(2)}× node -e 0${over}`,
  );
});

console.log("targets:");
cases.forEach((c, i) => {
  if (!c.target) return;
  const { ms, overBare } = c.target;
  const measured = overBare ? medians[i] - bare : medians[i];
  const what = overBare ? "over bare node" : "in all";
  const mark = measured <= ms ? "✓" : "✗";
  console.log(
    `  ${mark} ${c.name.padEnd(20)} ${measured.toFixed(1).padStart(7)} ms ${what} (target ≤ ${ms} ms)`,
  );
});
