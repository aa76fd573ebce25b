#!/usr/bin/env node
// Extracts the endpoint facts the table tests check (names, HTTP method, paths, wire parameters, auth, scopes and
// permissions, cache lifetimes) from the full endpoint specifications into test/data/, so the tests run from the
// repository alone. Prose (descriptions, notes, response shapes, source locations) is left behind on purpose.
//
//   npm run facts -- /path/to/spec     # or MINIM_SPEC_DIR=/path/to/spec npm run facts
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";

const root = fileURLToPath(new URL("..", import.meta.url));
const given = process.argv[2] ?? process.env["MINIM_SPEC_DIR"];
if (!given) {
  console.error("usage: npm run facts -- <folder holding the *.endpoints.json specifications>");
  process.exit(2);
}
const specDir = resolve(given);
const outDir = join(root, "test", "data");

const FILES = ["deezer.endpoints.json", "tidal-private.endpoints.json"];

// Kept in this order; an absent field stays absent so the output mirrors the spec's own optional fields.
const ENTRY_FIELDS = [
  "group",
  "pyName",
  "tsName",
  "httpMethod",
  "path",
  "intendedPath",
  "pathVariants",
  "params",
  "implicitParams",
  "headers",
  "auth",
  "docAuth",
  "authGateLabel",
  "permissions",
  "scopes",
  "subscription",
  "docSubscription",
  "cacheTtl",
  "paginated",
  "paginationStyle",
  "delegatesTo",
];
const PARAM_FIELDS = [
  "name",
  "tsName",
  "wire",
  "wireName",
  "wireByVariant",
  "appliesTo",
  "type",
  "tsType",
  "required",
  "positional",
  "pyKind",
  "default",
  "constraints",
];
// `when` names the variant; Deezer's free-text `params` remark is prose and is dropped.
const VARIANT_FIELDS = ["when", "httpMethod", "path", "query", "auth"];
const IMPLICIT_FIELDS = ["wire", "wireName"];

function pick(object, fields, where) {
  if (typeof object !== "object" || object === null || Array.isArray(object)) {
    throw new TypeError(`${where} is not an object`);
  }
  const out = {};
  for (const field of fields) if (Object.hasOwn(object, field)) out[field] = object[field];
  return out;
}

function list(value, fields, where) {
  if (value === null || value === undefined) return value;
  if (!Array.isArray(value)) throw new TypeError(`${where} is not a list`);
  return value.map((item, index) => pick(item, fields, `${where}[${index}]`));
}

function facts(entry, where) {
  const out = pick(entry, ENTRY_FIELDS, where);
  for (const required of ["group", "tsName", "httpMethod", "path", "params", "auth"]) {
    if (!Object.hasOwn(out, required)) throw new TypeError(`${where} has no ${required}`);
  }
  out.params = list(entry.params, PARAM_FIELDS, `${where}.params`);
  if (Object.hasOwn(out, "pathVariants"))
    out.pathVariants = list(entry.pathVariants, VARIANT_FIELDS, `${where}.pathVariants`);
  if (Object.hasOwn(out, "implicitParams")) {
    out.implicitParams = list(entry.implicitParams, IMPLICIT_FIELDS, `${where}.implicitParams`);
  }
  return out;
}

await mkdir(outDir, { recursive: true });
for (const file of FILES) {
  const source = join(specDir, file);
  const raw = await readFile(source, "utf8").catch((error) => {
    throw new Error(`Cannot read ${source}: pass the spec directory as an argument or in MINIM_SPEC_DIR.`, {
      cause: error,
    });
  });
  const spec = JSON.parse(raw);
  if (!Array.isArray(spec)) throw new TypeError(`${source} is not a list of endpoints`);
  const out = spec.map((entry, index) => facts(entry, `${file}[${index}]`));
  const target = join(outDir, file);
  // Formatted as the project's prettier settings would, so `npm run lint` accepts the generated files as they are.
  const text = await format(JSON.stringify(out), { ...(await resolveConfig(target)), filepath: target });
  await writeFile(target, text);
  console.log(`${join("test", "data", file)}: ${out.length} endpoints`);
}
