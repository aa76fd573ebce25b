/**
 * Human-readable output of `minim call`: a table for lists (and for Deezer's and TIDAL's pages), key/value lines for
 * an object. `--json` bypasses all of this for scripts.
 */

/** Whether to colour output written to `stream`: never with `NO_COLOR`, always with `FORCE_COLOR`, else on a TTY. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}

export interface FormatOptions {
  color: boolean;
  /** Terminal width in columns. */
  width: number;
}

type Row = Record<string, unknown>;

const MAX_COLUMNS = 6;
/** Columns worth showing first, in this order, when a row has them. */
const PREFERRED = [
  "id",
  "uuid",
  "title",
  "name",
  "artist.name",
  "album.title",
  "duration",
  "type",
  "nb_tracks",
  "numberOfTracks",
  "release_date",
  "releaseDate",
  "fans",
  "nb_fan",
];
/** Links and hashes: long, and rarely what a person scans a table for. */
const NOISY =
  /^(link|share|url|tracklist|preview|md5_image|checksum|picture.*|cover.*|image.*|square.*|wide.*|.*Url|.*_url|.*\.(link|picture.*|cover.*|md5_image|tracklist))$/i;

const bold = (on: boolean, text: string): string => (on ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (on: boolean, text: string): string => (on ? `\u001b[2m${text}\u001b[22m` : text);

/** Formats a method's answer for a person. */
export function formatHuman(value: unknown, options: FormatOptions): string {
  if (value === null || value === undefined) return "OK (no content)";
  if (Array.isArray(value)) return formatList(value, options, undefined);
  if (typeof value !== "object") return String(value);
  const page = pageOf(value as Row);
  if (page) return formatList(page.items, options, page.total);
  return formatObject(value as Row, options);
}

function pageOf(value: Row): { items: unknown[]; total: number | undefined } | undefined {
  const items = Array.isArray(value.data) ? value.data : Array.isArray(value.items) ? value.items : undefined;
  if (!items) return undefined;
  const total = value.total ?? value.totalNumberOfItems;
  return { items, total: typeof total === "number" ? total : undefined };
}

function formatList(items: readonly unknown[], options: FormatOptions, total: number | undefined): string {
  const footer =
    total !== undefined && total !== items.length
      ? `${items.length} of ${total} (--all reads every page)`
      : `${items.length} item${items.length === 1 ? "" : "s"}`;
  if (items.length === 0) return dim(options.color, "(empty list)");
  if (!items.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))) {
    return [...items.map((item) => cell(item)), dim(options.color, footer)].join("\n");
  }
  // TIDAL's mixed lists wrap each entry as { item, type }.
  const rows = (items as Row[]).map((row) =>
    typeof row.item === "object" && row.item !== null && typeof row.type === "string"
      ? { type: row.type, ...(row.item as Row) }
      : row,
  );
  const columns = pickColumns(rows);
  const table = [columns, ...rows.map((row) => columns.map((column) => cell(lookup(row, column))))];
  const widths = fitWidths(table, options.width);
  const lines = table.map((cells, index) => {
    const line = cells
      .map((text, i) => truncate(text, widths[i] as number).padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
    return index === 0 ? bold(options.color, line) : line;
  });
  lines.push(dim(options.color, footer));
  return lines.join("\n");
}

function pickColumns(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows.slice(0, 20)) {
    for (const [key, value] of Object.entries(row)) {
      if (isScalar(value)) seen.add(key);
      else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        const nested = value as Row;
        if (isScalar(nested.name)) seen.add(`${key}.name`);
        else if (isScalar(nested.title)) seen.add(`${key}.title`);
      }
    }
  }
  const candidates = [...seen].filter((key) => !NOISY.test(key));
  const preferred = PREFERRED.filter((key) => seen.has(key));
  const rest = candidates.filter((key) => !preferred.includes(key));
  return [...preferred, ...rest].slice(0, MAX_COLUMNS);
}

/** Column widths that fit `width`, shrinking the widest column first. */
function fitWidths(table: readonly string[][], width: number): number[] {
  const widths = (table[0] as string[]).map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length)));
  const budget = Math.max(width, 40) - 2 * (widths.length - 1);
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] as number) <= 8) break;
    widths[widest] = (widths[widest] as number) - 1;
    total--;
  }
  return widths;
}

function formatObject(row: Row, options: FormatOptions): string {
  const entries = Object.entries(row).filter(([, value]) => value !== undefined);
  const keyWidth = Math.min(28, Math.max(0, ...entries.map(([key]) => key.length)));
  return entries
    .map(([key, value]) => {
      const shown = truncate(summary(value), Math.max(20, options.width - keyWidth - 2));
      return `${dim(options.color, key.padEnd(keyWidth))}  ${shown}`;
    })
    .join("\n");
}

/** One line for a field: scalars as they are, a nested object by its name or title and id, a list by its size. */
function summary(value: unknown): string {
  if (isScalar(value) || value === null) return cell(value);
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return value.map(String).join(", ");
    return `[${value.length} item${value.length === 1 ? "" : "s"}]`;
  }
  const nested = value as Row;
  const label = nested.name ?? nested.title;
  if (isScalar(label))
    return nested.id !== undefined ? `${String(label)} (id ${String(nested.id)})` : String(label);
  const page = pageOf(nested);
  if (page) return `[${page.items.length} item${page.items.length === 1 ? "" : "s"}]`;
  return JSON.stringify(value);
}

function lookup(row: Row, column: string): unknown {
  const dot = column.indexOf(".");
  if (dot < 0) return row[column];
  const nested = row[column.slice(0, dot)];
  return typeof nested === "object" && nested !== null ? (nested as Row)[column.slice(dot + 1)] : undefined;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "-";
  if (isScalar(value)) return String(value).replace(/\s+/g, " ");
  return JSON.stringify(value);
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
