import { ValidationError } from "../core/errors.js";
import type { Lyrics } from "./types/track.js";

/** One timed line of synced lyrics. */
export interface SyncedLyricsLine {
  /** Seconds from the start of the track. */
  time: number;
  text: string;
}

/** What `parseSyncedLyrics` returns. */
export interface SyncedLyrics {
  /** Timed lines, earliest first; lines with the same time keep their order in the text. */
  lines: SyncedLyricsLine[];
  /** The lyrics object's `isRightToLeft`; `false` when only the text was given. */
  rightToLeft: boolean;
}

/** `[mm:ss]`, `[mm:ss.x]`, `[mm:ss.xx]` (centiseconds) or `[mm:ss.xxx]` (milliseconds). */
const TIMESTAMP = /^\[(\d+):(\d{1,2})(?:\.(\d{1,3}))?\]/;

/**
 * Parses the LRC `subtitles` of `GET /v1/tracks/{id}/lyrics` into timed lines. Accepts the lyrics object (taking
 * `isRightToLeft` from it) or the `subtitles` string alone; `null` subtitles give no lines.
 *
 * A line may carry several timestamps (`[00:12.00][01:40.50] chorus`), each giving the text its own entry.
 * Metadata tags such as `[ar:…]` or `[offset:…]`, lines without a timestamp and timestamps with no text are
 * skipped. Lines come back sorted by time.
 *
 * @throws {ValidationError} the argument is neither a string, `null`, nor an object with `subtitles`.
 */
export function parseSyncedLyrics(
  subtitles: string | null | (Pick<Lyrics, "subtitles"> & Partial<Pick<Lyrics, "isRightToLeft">>),
): SyncedLyrics {
  let text: string | null;
  let rightToLeft = false;
  if (typeof subtitles === "string" || subtitles === null) {
    text = subtitles;
  } else if (
    typeof subtitles === "object" &&
    (typeof subtitles.subtitles === "string" || subtitles.subtitles === null)
  ) {
    text = subtitles.subtitles;
    rightToLeft = subtitles.isRightToLeft === true;
  } else {
    throw new ValidationError(
      "subtitles",
      "parseSyncedLyrics() takes an LRC string or a lyrics object with `subtitles`.",
    );
  }

  const lines: SyncedLyricsLine[] = [];
  for (const rawLine of (text ?? "").split(/\r\n|\r|\n/)) {
    let rest = rawLine.trim();
    const times: number[] = [];
    let match: RegExpExecArray | null;
    while ((match = TIMESTAMP.exec(rest)) !== null) {
      times.push(toSeconds(match[1] ?? "0", match[2] ?? "0", match[3] ?? ""));
      rest = rest.slice(match[0].length).trimStart();
    }
    const lyric = rest.trim();
    if (times.length === 0 || lyric === "") continue;
    for (const time of times) lines.push({ time, text: lyric });
  }
  // Array.prototype.sort is stable, so lines sharing a time stay in text order.
  lines.sort((a, b) => a.time - b.time);
  return { lines, rightToLeft };
}

function toSeconds(minutes: string, seconds: string, fraction: string): number {
  // Whole milliseconds first, so 12.34 s is 12340 / 1000 and not 12 + 0.34 with its rounding error.
  const milliseconds = fraction === "" ? 0 : Number(fraction.padEnd(3, "0"));
  return (Number(minutes) * 60_000 + Number(seconds) * 1000 + milliseconds) / 1000;
}
