/**
 * The repository stands alone: nothing reads reference material from outside the clone, and every vendored set of
 * recordings carries its origin and licence notice.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";

const root = new URL("../", import.meta.url).pathname;

// Built from parts so that this file does not match its own check.
const SIBLING = ["..", "shared"].join("/");
const OUTSIDE = [
  `${SIBLING}/`,
  `${SIBLING}"`,
  ["shared", "spec"].join("/"),
  ["shared", "fixtures"].join("/"),
];
const SKIP_DIRS = new Set(["node_modules", ".readme-check"]);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full));
    else found.push(full);
  }
  return found;
}

describe("repository", () => {
  it("reads nothing from a folder beside the clone", () => {
    const offenders: string[] = [];
    for (const top of ["test", "src", "bench", "scripts"]) {
      for (const file of filesUnder(join(root, top))) {
        const name = relative(root, file);
        const text = readFileSync(file, "utf8");
        const hit = OUTSIDE.find((needle) => text.includes(needle));
        if (hit !== undefined) offenders.push(`${name} mentions ${hit}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it("keeps a SOURCE.md beside every vendored set of recordings", () => {
    const fixtures = join(root, "test", "fixtures");
    const recordings = filesUnder(fixtures).filter((f) => /\.(ya?ml|json)$/.test(f));
    assert.ok(recordings.length > 100, "the recordings are vendored");
    const missing = new Set<string>();
    for (const file of recordings) {
      // A set is the directory right under test/fixtures/<service>/; its recordings may sit in subdirectories.
      const [service, set] = relative(fixtures, file).split("/");
      assert.ok(service && set, `${file} lies in a set directory`);
      const source = join(fixtures, service, set, "SOURCE.md");
      if (!existsSync(source)) missing.add(relative(root, join(fixtures, service, set)));
      else assert.match(readFileSync(source, "utf8"), /copyright/i, `${source} keeps the copyright notice`);
    }
    assert.deepEqual([...missing], []);
  });

  it("keeps the endpoint facts the table tests read", () => {
    for (const file of ["deezer.endpoints.json", "tidal-private.endpoints.json"]) {
      const facts = JSON.parse(readFileSync(join(root, "test", "data", file), "utf8")) as Record<
        string,
        unknown
      >[];
      assert.ok(facts.length > 100, `${file} lists the endpoints`);
      for (const entry of facts) {
        for (const field of ["group", "tsName", "httpMethod", "path", "params", "auth"]) {
          assert.ok(field in entry, `${file}: ${String(entry["tsName"])} has ${field}`);
        }
        // Facts only: the prose of the full specification stays out of the repository.
        for (const prose of ["notes", "returns", "responseShape", "source", "docUrl"]) {
          assert.ok(!(prose in entry), `${file}: ${String(entry["tsName"])} carries ${prose}`);
        }
      }
    }
  });
});
