import { describe, it } from "node:test";
import assert from "node:assert/strict";

import { ResponseCache, TTL_SECONDS } from "../../src/core/cache.js";
import type { CacheEntryMeta, TtlName } from "../../src/core/cache.js";
import { ManualClock } from "../../src/core/clock.js";
import { ValidationError } from "../../src/core/errors.js";

const meta = (method = "getAlbum", account = "", userScoped = false): CacheEntryMeta => ({
  method,
  account,
  userScoped,
});

describe("ResponseCache TTLs", () => {
  const finite: TtlName[] = [
    "playback",
    "user",
    "search",
    "hourly",
    "popularity",
    "recommendation",
    "daily",
    "weekly",
  ];
  for (const ttl of finite) {
    it(`keeps a "${ttl}" entry for ${TTL_SECONDS[ttl]} s and not a millisecond longer`, async () => {
      const clock = new ManualClock();
      const cache = new ResponseCache({ clock });
      cache.set("k", { ttl }, ttl, meta());
      await clock.advance(TTL_SECONDS[ttl] * 1000 - 1);
      assert.deepEqual(cache.get("k"), { ttl });
      await clock.advance(1);
      assert.equal(cache.get("k"), undefined);
      assert.equal(cache.size, 0, "an expired entry is dropped when looked up");
    });
  }

  it("never expires static entries", async () => {
    const clock = new ManualClock();
    const cache = new ResponseCache({ clock });
    cache.set("k", "forever", "static", meta());
    await clock.advance(10 * 365 * 24 * 3600 * 1000);
    assert.equal(cache.get("k"), "forever");
  });

  it("restarts the lifetime when a key is stored again", async () => {
    const clock = new ManualClock();
    const cache = new ResponseCache({ clock });
    cache.set("k", 1, "user", meta());
    await clock.advance(50_000);
    cache.set("k", 2, "user", meta());
    await clock.advance(50_000);
    assert.equal(cache.get("k"), 2);
    assert.equal(cache.size, 1);
  });

  it("rejects an unknown TTL name from untyped callers", () => {
    const cache = new ResponseCache();
    assert.throws(() => cache.set("k", 1, "forever" as TtlName, meta()), ValidationError);
    assert.throws(() => cache.set("k", 1, "toString" as TtlName, meta()), ValidationError);
  });
});

describe("ResponseCache LRU", () => {
  it("evicts the least recently stored entry beyond maxEntries", () => {
    const cache = new ResponseCache({ maxEntries: 3 });
    for (const k of ["a", "b", "c", "d"]) cache.set(k, k, "static", meta());
    assert.equal(cache.size, 3);
    assert.equal(cache.get("a"), undefined);
    assert.deepEqual(
      ["b", "c", "d"].map((k) => cache.get(k)),
      ["b", "c", "d"],
    );
  });

  it("treats a hit as a use, so the entry survives the next eviction", () => {
    const cache = new ResponseCache({ maxEntries: 3 });
    for (const k of ["a", "b", "c"]) cache.set(k, k, "static", meta());
    assert.equal(cache.get("a"), "a");
    cache.set("d", "d", "static", meta());
    assert.equal(cache.get("b"), undefined, "b became the least recently used");
    assert.equal(cache.get("a"), "a");
    assert.equal(cache.get("c"), "c");
    assert.equal(cache.get("d"), "d");
  });

  it("defaults to 1024 entries", () => {
    const cache = new ResponseCache();
    for (let i = 0; i < 1030; i++) cache.set(String(i), i, "static", meta());
    assert.equal(cache.size, 1024);
    assert.equal(cache.get("5"), undefined);
    assert.equal(cache.get("6"), 6);
  });

  it("rejects a non-positive maxEntries", () => {
    assert.throws(() => new ResponseCache({ maxEntries: 0 }), ValidationError);
    assert.throws(() => new ResponseCache({ maxEntries: 2.5 }), ValidationError);
  });
});

describe("ResponseCache clearing", () => {
  function filled(): ResponseCache {
    const cache = new ResponseCache();
    cache.set("a1", 1, "static", meta("getAlbum"));
    cache.set("a2", 2, "static", meta("getAlbum"));
    cache.set("t1", 3, "static", meta("getTrack"));
    cache.set("s1", 4, "search", meta("searchTracks"));
    return cache;
  }

  it("empties everything without arguments", () => {
    const cache = filled();
    cache.clear();
    assert.equal(cache.size, 0);
    assert.equal(cache.get("a1"), undefined);
  });

  it("removes only the named methods' entries", () => {
    const cache = filled();
    cache.clear(new Set(["getAlbum", "searchTracks"]));
    assert.equal(cache.size, 1);
    assert.equal(cache.get("a1"), undefined);
    assert.equal(cache.get("a2"), undefined);
    assert.equal(cache.get("s1"), undefined);
    assert.equal(cache.get("t1"), 3);
  });

  it("takes a single method name as a whole, not as its characters", () => {
    const cache = filled();
    cache.clear("getTrack");
    assert.equal(cache.size, 3);
    assert.equal(cache.get("t1"), undefined);
  });

  it("removes nothing for an empty list of methods", () => {
    const cache = filled();
    cache.clear([]);
    assert.equal(cache.size, 4);
  });

  it("invalidates only the user-scoped entries of one account", () => {
    const cache = new ResponseCache();
    cache.set("alice-fav", 1, "user", meta("getUserFavorites", "alice", true));
    cache.set("alice-album", 2, "popularity", meta("getAlbum", "alice", false));
    cache.set("bob-fav", 3, "user", meta("getUserFavorites", "bob", true));
    cache.invalidateUserScoped("alice");
    assert.equal(cache.get("alice-fav"), undefined);
    assert.equal(cache.get("alice-album"), 2);
    assert.equal(cache.get("bob-fav"), 3);
  });
});

describe("ResponseCache values", () => {
  it("deep-freezes stored values so callers cannot corrupt them", () => {
    const cache = new ResponseCache();
    cache.set("k", { title: "x", tracks: { data: [{ id: 1 }] } }, "static", meta());
    const hit = cache.get("k") as { title: string; tracks: { data: { id: number }[] } };
    assert.throws(() => {
      hit.title = "changed";
    }, TypeError);
    assert.throws(() => {
      hit.tracks.data.push({ id: 2 });
    }, TypeError);
    assert.throws(() => {
      hit.tracks.data[0]!.id = 99;
    }, TypeError);
    assert.deepEqual(cache.get("k"), { title: "x", tracks: { data: [{ id: 1 }] } });
  });

  it("returns the stored object itself, without copying", () => {
    const cache = new ResponseCache();
    const value = { a: 1 };
    cache.set("k", value, "static", meta());
    assert.equal(cache.get("k"), value);
    assert.equal(cache.get("k"), cache.get("k"));
  });

  it("stores falsy values but not undefined", () => {
    const cache = new ResponseCache();
    cache.set("zero", 0, "static", meta());
    cache.set("null", null, "static", meta());
    cache.set("undef", undefined, "static", meta());
    assert.equal(cache.get("zero"), 0);
    assert.equal(cache.get("null"), null);
    assert.equal(cache.size, 2);
  });
});

describe("ResponseCache enabled flag", () => {
  it("stores nothing while disabled", () => {
    const cache = new ResponseCache({ enabled: false });
    cache.set("k", 1, "static", meta());
    assert.equal(cache.size, 0);
    assert.equal(cache.get("k"), undefined);
    cache.enabled = true;
    cache.set("k", 1, "static", meta());
    assert.equal(cache.get("k"), 1);
  });

  it("empties itself when disabled", () => {
    const cache = new ResponseCache();
    cache.set("k", 1, "static", meta());
    cache.enabled = false;
    assert.equal(cache.enabled, false);
    assert.equal(cache.size, 0);
    cache.enabled = true;
    assert.equal(cache.get("k"), undefined);
  });
});
