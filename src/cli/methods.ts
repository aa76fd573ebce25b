/** The `group.method` names a client offers, and the nearest ones to a mistyped name. */

/** Every public `group.method` of a client, sorted. */
export function listMethods(client: object): string[] {
  const out: string[] = [];
  for (const [groupName, group] of Object.entries(client)) {
    if (typeof group !== "object" || group === null) continue;
    for (const name of methodNames(group)) out.push(`${groupName}.${name}`);
  }
  return out.sort((a, b) => a.localeCompare(b));
}

function methodNames(group: object): Set<string> {
  const names = new Set<string>();
  // Only the group's own class: its base classes hold the protected request helpers (`get`, `post`, …).
  const proto = Object.getPrototypeOf(group) as object | null;
  if (!proto || proto === Object.prototype) return names;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (name !== "constructor" && !name.startsWith("_") && typeof descriptor?.value === "function") {
      names.add(name);
    }
  }
  return names;
}

/** Up to `max` known names closest to `wanted` (case-insensitive edit distance), nearest first. */
export function suggest(wanted: string, known: readonly string[], max = 3): string[] {
  const target = wanted.toLowerCase();
  // A name is a candidate when fixing it takes at most a quarter of its letters (and at least two edits).
  const limit = Math.max(2, Math.floor(target.length / 4));
  return known
    .map((name) => ({ name, distance: editDistance(target, name.toLowerCase()) }))
    .filter((c) => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((c) => c.name);
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * cols + j] as number) + 1,
        (d[i * cols + j - 1] as number) + 1,
        (d[(i - 1) * cols + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[(i - 2) * cols + j - 2] as number) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] as number;
}
