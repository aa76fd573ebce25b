import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../../src/core/errors.js";
import { parseSyncedLyrics } from "../../src/tidal/lyrics.js";
import type { Lyrics } from "../../src/tidal/types/track.js";

// The lyrics object and its LRC `subtitles` follow the field list of `GET /v1/tracks/{id}/lyrics`.
const LYRICS: Lyrics = {
  trackId: 56480040,
  lyricsProvider: "ExampleProvider",
  providerCommontrackId: "1",
  providerLyricsId: "2",
  lyrics: "Line one\nLine two",
  subtitles: "[00:12.34] Line one\n[00:15.02] Line two",
  isRightToLeft: false,
};

describe("parseSyncedLyrics", () => {
  it("reads [mm:ss.xx] lines into seconds and text", () => {
    assert.deepEqual(parseSyncedLyrics(LYRICS.subtitles), {
      lines: [
        { time: 12.34, text: "Line one" },
        { time: 15.02, text: "Line two" },
      ],
      rightToLeft: false,
    });
  });

  it("takes isRightToLeft from a lyrics object", () => {
    const rtl = { ...LYRICS, subtitles: "[00:01.00] שלום", isRightToLeft: true };
    assert.deepEqual(parseSyncedLyrics(rtl), { lines: [{ time: 1, text: "שלום" }], rightToLeft: true });
    assert.equal(parseSyncedLyrics(LYRICS).rightToLeft, false);
    assert.equal(parseSyncedLyrics(LYRICS).lines.length, 2);
  });

  it("gives no lines for null subtitles, alone or in the object", () => {
    assert.deepEqual(parseSyncedLyrics(null), { lines: [], rightToLeft: false });
    assert.deepEqual(parseSyncedLyrics({ ...LYRICS, subtitles: null, isRightToLeft: true }), {
      lines: [],
      rightToLeft: true,
    });
  });

  it("reads whole seconds, tenths, centiseconds and milliseconds", () => {
    const { lines } = parseSyncedLyrics(
      "[01:02] a\n[01:02.5] b\n[01:02.05] c\n[01:02.005] d\n[123:04.999] e",
    );
    assert.deepEqual(
      lines.map((line) => line.time),
      [62, 62.005, 62.05, 62.5, 7384.999],
    );
    assert.deepEqual(
      lines.map((line) => line.text),
      ["a", "d", "c", "b", "e"],
    );
  });

  it("gives a line with several timestamps one entry per timestamp", () => {
    const { lines } = parseSyncedLyrics("[00:10.00][01:20.50] [02:00.00]Chorus\n[00:30.00] Verse");
    assert.deepEqual(lines, [
      { time: 10, text: "Chorus" },
      { time: 30, text: "Verse" },
      { time: 80.5, text: "Chorus" },
      { time: 120, text: "Chorus" },
    ]);
  });

  it("skips metadata tags, untimed lines and timestamps without text", () => {
    const text = [
      "[ar:Some Artist]",
      "[ti:Some Title]",
      "[offset:+250]",
      "[length: 03:20]",
      "a line with no timestamp",
      "[00:05.00]",
      "[00:06.00]    ",
      "[00:07.00] kept",
      "[0a:07.00] not a time",
    ].join("\n");
    assert.deepEqual(parseSyncedLyrics(text).lines, [{ time: 7, text: "kept" }]);
  });

  it("sorts by time and keeps the text order of lines sharing a time", () => {
    const text = "[00:20.00] third\r\n[00:10.00] first\r\n[00:20.00] fourth\r\n[00:15.00] second";
    assert.deepEqual(
      parseSyncedLyrics(text).lines.map((line) => line.text),
      ["first", "second", "third", "fourth"],
    );
  });

  it("keeps brackets inside the text", () => {
    assert.deepEqual(parseSyncedLyrics("[00:01.00] [Chorus] la [la]").lines, [
      { time: 1, text: "[Chorus] la [la]" },
    ]);
  });

  it("rejects what is neither LRC text nor a lyrics object", () => {
    for (const bad of [42, undefined, {}, { subtitles: 7 }]) {
      assert.throws(
        () => parseSyncedLyrics(bad as unknown as string),
        (error: unknown) => error instanceof ValidationError && error.parameter === "subtitles",
      );
    }
  });
});
