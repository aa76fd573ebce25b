/**
 * Search: `GET /search` (tracks) and `/search/{track,album,artist,playlist,podcast,radio,user}`, with `strict=on`,
 * `order=` and Deezer's advanced syntax in `q`:
 *
 *     artist:"Mira Solenne" album:"Paper Satellites" track:"Lightyears" label:"Solenne Music"
 *     dur_min:180 dur_max:240 bpm_min:100 bpm_max:130
 *
 * Free words may be mixed in. Matching ignores case, accents and punctuation. Without `strict=on` a query word
 * matches a word that starts with it, or one within a typo or two of it (long words); with `strict=on` words must
 * match whole. A field value must match within its field (with `strict=on`, the whole field).
 *
 * Refusals: no `q` at all → MissingParameterException 501; an empty `q`, an unterminated quote, an unknown
 * `field:"…"`, an empty field value or a non-numeric `dur_*`/`bpm_*` → InvalidQueryException 600.
 */
import type { RequestContext, RouteTable } from "../context.js";
import { param, requireToken } from "../context.js";
import { fail, notFound, ok } from "../errors.js";
import { page } from "../paging.js";
import { normalise, withinEdits, words } from "../util.js";

const TEXT_FIELDS = ["artist", "album", "track", "label"] as const;
const NUMBER_FIELDS = ["dur_min", "dur_max", "bpm_min", "bpm_max"] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type NumberField = (typeof NUMBER_FIELDS)[number];

export interface ParsedQuery {
  /** Normalised free words. */
  terms: string[];
  text: Partial<Record<TextField, string>>;
  numbers: Partial<Record<NumberField, number>>;
}

function isTextField(name: string): name is TextField {
  return (TEXT_FIELDS as readonly string[]).includes(name);
}

function isNumberField(name: string): name is NumberField {
  return (NUMBER_FIELDS as readonly string[]).includes(name);
}

/** Parses `q`; throws the InvalidQueryException answer when it is malformed. */
export function parseQuery(q: string): ParsedQuery {
  const parsed: ParsedQuery = { terms: [], text: {}, numbers: {} };
  let i = 0;
  const readQuoted = (): string => {
    const end = q.indexOf('"', i + 1);
    if (end < 0) return fail.invalidQuery("unterminated quote");
    const value = q.slice(i + 1, end);
    i = end + 1;
    return value;
  };
  const readWord = (): string => {
    const start = i;
    while (i < q.length && !/\s/.test(q.charAt(i))) i++;
    return q.slice(start, i);
  };
  while (i < q.length) {
    if (/\s/.test(q.charAt(i))) {
      i++;
      continue;
    }
    const field = /^([A-Za-z_]+):/.exec(q.slice(i));
    if (field) {
      const name = (field[1] as string).toLowerCase();
      const valueStart = i + field[0].length;
      const known = isTextField(name) || isNumberField(name);
      if (!known && q.charAt(valueStart) !== '"') {
        parsed.terms.push(...words(readWord()));
        continue;
      }
      if (!known) return fail.invalidQuery(`unknown field ${name}`);
      i = valueStart;
      const value = q.charAt(i) === '"' ? readQuoted() : readWord();
      if (name in parsed.text || name in parsed.numbers) return fail.invalidQuery(`${name} given twice`);
      if (isNumberField(name)) {
        if (!/^\d{1,6}$/.test(value)) return fail.invalidQuery(`${name} must be a whole number`);
        parsed.numbers[name] = Number(value);
      } else if (isTextField(name)) {
        if (normalise(value) === "") return fail.invalidQuery(`${name} is empty`);
        parsed.text[name] = value;
      }
      continue;
    }
    const chunk = q.charAt(i) === '"' ? readQuoted() : readWord();
    parsed.terms.push(...words(chunk));
  }
  if (
    parsed.terms.length === 0 &&
    Object.keys(parsed.text).length === 0 &&
    Object.keys(parsed.numbers).length === 0
  ) {
    return fail.invalidQuery("empty query");
  }
  return parsed;
}

/** How well a query word matches a candidate word: 3 exact, 2 prefix, 1 near miss, 0 no match. */
function wordScore(query: string, candidate: string, strict: boolean): number {
  if (query === candidate) return 3;
  if (strict) return 0;
  if (candidate.startsWith(query)) return 2;
  if (query.length >= 7 && withinEdits(query, candidate, 2)) return 1;
  if (query.length >= 5 && withinEdits(query, candidate, 1)) return 1;
  return 0;
}

/** Score of all `terms` against `haystack` words, or 0 when one of them matches nothing. */
function termsScore(terms: readonly string[], haystack: readonly string[], strict: boolean): number {
  let total = 0;
  for (const term of terms) {
    let best = 0;
    for (const candidate of haystack) best = Math.max(best, wordScore(term, candidate, strict));
    if (best === 0) return 0;
    total += best;
  }
  return total;
}

function fieldMatches(value: string, candidates: readonly string[], strict: boolean): boolean {
  const wanted = normalise(value);
  return candidates.some((candidate) =>
    strict ? normalise(candidate) === wanted : termsScore(words(value), words(candidate), false) > 0,
  );
}

/** What a searchable entity offers to the matcher and to `order=`. */
interface Document<T> {
  item: T;
  haystack: string[];
  fields: Partial<Record<TextField, string[]>>;
  duration?: number;
  bpm?: number;
  rank: number;
  sort: { track?: string; artist?: string; album?: string; duration?: number };
}

function matches<T>(doc: Document<T>, query: ParsedQuery, strict: boolean): number {
  for (const [name, value] of Object.entries(query.text) as [TextField, string][]) {
    const candidates = doc.fields[name];
    if (!candidates || !fieldMatches(value, candidates, strict)) return 0;
  }
  const { dur_min, dur_max, bpm_min, bpm_max } = query.numbers;
  if (dur_min !== undefined || dur_max !== undefined) {
    if (doc.duration === undefined) return 0;
    if (dur_min !== undefined && doc.duration < dur_min) return 0;
    if (dur_max !== undefined && doc.duration > dur_max) return 0;
  }
  if (bpm_min !== undefined || bpm_max !== undefined) {
    if (doc.bpm === undefined) return 0;
    if (bpm_min !== undefined && doc.bpm < bpm_min) return 0;
    if (bpm_max !== undefined && doc.bpm > bpm_max) return 0;
  }
  if (query.terms.length === 0) return 1;
  return termsScore(query.terms, doc.haystack, strict);
}

const ORDERS = [
  "RANKING",
  "TRACK_ASC",
  "TRACK_DESC",
  "ARTIST_ASC",
  "ARTIST_DESC",
  "ALBUM_ASC",
  "ALBUM_DESC",
  "RATING_ASC",
  "RATING_DESC",
  "DURATION_ASC",
  "DURATION_DESC",
];

function compareText(a: string | undefined, b: string | undefined): number {
  return (a ?? "").localeCompare(b ?? "", "en", { sensitivity: "base" });
}

function sortDocuments<T>(scored: { doc: Document<T>; score: number }[], order: string | undefined): void {
  const key = order !== undefined && ORDERS.includes(order.toUpperCase()) ? order.toUpperCase() : undefined;
  scored.sort((x, y) => {
    const a = x.doc;
    const b = y.doc;
    let c = 0;
    switch (key) {
      case undefined:
        c = y.score - x.score || b.rank - a.rank;
        break;
      case "RANKING":
      case "RATING_DESC":
        c = b.rank - a.rank;
        break;
      case "RATING_ASC":
        c = a.rank - b.rank;
        break;
      case "TRACK_ASC":
      case "TRACK_DESC":
        c = compareText(a.sort.track, b.sort.track) * (key === "TRACK_ASC" ? 1 : -1);
        break;
      case "ARTIST_ASC":
      case "ARTIST_DESC":
        c = compareText(a.sort.artist, b.sort.artist) * (key === "ARTIST_ASC" ? 1 : -1);
        break;
      case "ALBUM_ASC":
      case "ALBUM_DESC":
        c = compareText(a.sort.album, b.sort.album) * (key === "ALBUM_ASC" ? 1 : -1);
        break;
      case "DURATION_ASC":
      case "DURATION_DESC":
        c = ((a.sort.duration ?? 0) - (b.sort.duration ?? 0)) * (key === "DURATION_ASC" ? 1 : -1);
        break;
    }
    return c || b.rank - a.rank || x.score - y.score;
  });
}

type Kind = "track" | "album" | "artist" | "playlist" | "podcast" | "radio" | "user";
const KINDS: readonly Kind[] = ["track", "album", "artist", "playlist", "podcast", "radio", "user"];

function documents(ctx: RequestContext, kind: Kind): Document<unknown>[] {
  const { state, views } = ctx;
  const artistName = (id: number): string => state.artists.get(id)?.name ?? "";
  switch (kind) {
    case "track":
      return [...state.tracks.values()]
        .filter((t) => t.readable)
        .map((t) => {
          const album = state.albums.get(t.albumId);
          const artists = t.contributors.map((c) => artistName(c.artistId));
          return {
            item: views.track(t, "list"),
            haystack: words([t.title, ...artists, album?.title ?? ""].join(" ")),
            fields: {
              artist: artists,
              album: [album?.title ?? ""],
              track: [t.title, t.titleShort],
              label: [album?.label ?? ""],
            },
            duration: t.duration,
            bpm: t.bpm,
            rank: t.rank,
            sort: {
              track: t.title,
              artist: artistName(t.artistId),
              album: album?.title,
              duration: t.duration,
            },
          };
        });
    case "album":
      return [...state.albums.values()]
        .filter((a) => a.available)
        .map((a) => {
          const artists = a.contributors.map((c) => artistName(c.artistId));
          const trackTitles = a.trackIds.map((id) => state.tracks.get(id)?.title ?? "");
          return {
            item: views.album(a, "search"),
            haystack: words([a.title, ...artists].join(" ")),
            fields: { artist: artists, album: [a.title], label: [a.label], track: trackTitles },
            rank: a.fans,
            sort: { track: a.title, artist: artists[0], album: a.title },
          };
        });
    case "artist":
      return [...state.artists.values()].map((a) => ({
        item: views.artist(a, "listed"),
        haystack: words(a.name),
        fields: { artist: [a.name] },
        rank: a.nbFan,
        sort: { artist: a.name },
      }));
    case "playlist":
      return [...state.playlists.values()]
        .filter((p) => p.public)
        .map((p) => ({
          item: views.playlist(p, "summary"),
          haystack: words(p.title),
          fields: {},
          rank: p.fans,
          sort: { track: p.title },
        }));
    case "podcast":
      return [...state.podcasts.values()].map((p) => ({
        item: views.podcast(p, "full"),
        haystack: words(`${p.title} ${p.description}`),
        fields: {},
        rank: p.fans,
        sort: { track: p.title },
      }));
    case "radio":
      return [...state.radios.values()].map((rd) => ({
        item: views.radio(rd, "list"),
        haystack: words(rd.title),
        fields: {},
        rank: 0,
        sort: { track: rd.title },
      }));
    case "user":
      return [...state.users.values()].map((u) => ({
        item: views.user(u, "list"),
        haystack: words(u.name),
        fields: {},
        rank: 0,
        sort: { artist: u.name },
      }));
  }
}

function search(ctx: RequestContext, kind: Kind): Record<string, unknown> {
  const q = param(ctx, "q");
  if (q === undefined) return fail.missing("q");
  const query = parseQuery(q);
  const strict = param(ctx, "strict")?.toLowerCase() === "on";
  const scored = documents(ctx, kind)
    .map((doc) => ({ doc, score: matches(doc, query, strict) }))
    .filter((s) => s.score > 0);
  sortDocuments(scored, param(ctx, "order"));
  return page(ctx, scored, { map: (s) => s.doc.item });
}

export function searchRoutes(r: RouteTable): void {
  r.add("GET", "/search", (ctx) => ok(search(ctx, "track")));

  // The account's recent searches. Deezer's sample answer is an empty list, which is all the emulator keeps.
  r.add("GET", "/search/history", (ctx) => {
    requireToken(ctx);
    return ok({ data: [], count: 0, total: 0 });
  });

  r.add("GET", "/search/:kind", (ctx) => {
    const kind = ctx.req.params["kind"] as Kind;
    if (!KINDS.includes(kind)) return notFound();
    return ok(search(ctx, kind));
  });
}
