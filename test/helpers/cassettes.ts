/**
 * Loads VCR cassettes (YAML recordings of real HTTP exchanges) for contract tests, and turns them into the
 * emulator's replay interactions.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { parse, type CollectionTag } from "yaml";
import type { ReplayInteraction } from "../../src/emulator/types.js";

/** Root of the recordings vendored under `test/fixtures`; `MINIM_FIXTURES_DIR` overrides. */
export const FIXTURES_DIR =
  process.env["MINIM_FIXTURES_DIR"] ?? fileURLToPath(new URL("../fixtures/", import.meta.url));

/** One recorded request and its answer, decoded. */
export interface CassetteInteraction {
  method: string;
  /** The recorded URL as written (secrets already scrubbed by the recorder). */
  uri: string;
  /** Decoded path, e.g. `/album/302127`. */
  path: string;
  /** Query parameters in recording order (the last value wins when repeated). */
  query: Record<string, string>;
  requestBody: string | null;
  status: number;
  /** Response headers, lower-case names, repeated values joined with ", ". */
  headers: Record<string, string>;
  /** Response body as text; gzip-encoded recordings are decompressed. */
  body: string;
}

export interface Cassette {
  /** File name without `.yaml`, e.g. `TestClient.test_get_album`. */
  name: string;
  /** Path relative to {@link FIXTURES_DIR}, e.g. `deezer/deezer-python/cassettes/TestClient.test_get_album.yaml`. */
  id: string;
  interactions: CassetteInteraction[];
}

// Older recordings were written by PyYAML and tag header tuples as Python tuples; they are plain sequences.
const pythonTuple: CollectionTag = {
  tag: "tag:yaml.org,2002:python/tuple",
  collection: "seq",
  resolve: (seq) => seq,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function headerValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => String(v)).join(", ");
  return String(value);
}

function headersOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(raw)) return out;
  for (const [name, value] of Object.entries(raw)) out[name.toLowerCase()] = headerValue(value);
  return out;
}

function bodyText(raw: unknown, headers: Record<string, string>): string {
  const content = isRecord(raw) ? raw["string"] : raw;
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  if (content instanceof Uint8Array) {
    const bytes = Buffer.from(content);
    const gzipped = headers["content-encoding"]?.includes("gzip") || (bytes[0] === 0x1f && bytes[1] === 0x8b);
    return (gzipped ? gunzipSync(bytes) : bytes).toString("utf8");
  }
  throw new TypeError(`Unexpected cassette body of type ${typeof content}.`);
}

function statusOf(raw: unknown): number {
  if (isRecord(raw) && typeof raw["code"] === "number") return raw["code"];
  if (typeof raw === "number") return raw;
  throw new TypeError("Cassette response has no status code.");
}

/** Parses one cassette file. */
export function loadCassette(file: string): Cassette {
  const doc: unknown = parse(readFileSync(file, "utf8"), { customTags: ["binary", pythonTuple] });
  if (!isRecord(doc) || !Array.isArray(doc["interactions"]))
    throw new TypeError(`${file} is not a cassette.`);
  const interactions = (doc["interactions"] as unknown[]).map((entry): CassetteInteraction => {
    if (!isRecord(entry) || !isRecord(entry["request"]) || !isRecord(entry["response"])) {
      throw new TypeError(`${file} has a malformed interaction.`);
    }
    const request = entry["request"];
    const response = entry["response"];
    const uri = String(request["uri"]);
    const url = new URL(uri);
    const headers = headersOf(response["headers"]);
    const requestBody = request["body"];
    return {
      method: String(request["method"]).toUpperCase(),
      uri,
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      requestBody: typeof requestBody === "string" ? requestBody : null,
      status: statusOf(response["status"]),
      headers,
      body: bodyText(response["body"], headers),
    };
  });
  return { name: basename(file).replace(/\.ya?ml$/, ""), id: relative(FIXTURES_DIR, file), interactions };
}

/** Every cassette file under a directory, recursively, sorted by path. */
export function listCassetteFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listCassetteFiles(full));
    else if (/\.ya?ml$/.test(entry.name)) found.push(full);
  }
  return found.sort();
}

/** The emulator's replay form of recorded interactions. */
export function toReplay(interactions: readonly CassetteInteraction[]): ReplayInteraction[] {
  return interactions.map((i) => ({
    method: i.method,
    path: i.path,
    query: i.query,
    response: { status: i.status, headers: i.headers, body: i.body },
  }));
}
