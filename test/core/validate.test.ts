import { describe, it } from "node:test";
import assert from "node:assert/strict";

import { ValidationError } from "../../src/core/errors.js";
import { ISO_3166_ALPHA2 } from "../../src/core/iso-countries.js";
import {
  boolean,
  countryCode,
  deezerId,
  deezerIdList,
  integer,
  isrc,
  locale,
  nonBlankString,
  oneOf,
  optionalInteger,
  tidalId,
  tidalIdList,
  upc,
  uuid,
  uuidList,
} from "../../src/core/validate.js";

/** Asserts a ValidationError naming `name`, both in `parameter` and in the message, plus extra message fragments. */
function rejects(fn: () => unknown, name: string, ...fragments: (string | RegExp)[]): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
    assert.equal(error.parameter, name);
    assert.ok(
      error.message.startsWith(`${name} `),
      `message should start with the parameter: ${error.message}`,
    );
    assert.ok(error.message.endsWith("."), `message should be a sentence: ${error.message}`);
    for (const fragment of fragments) {
      if (typeof fragment === "string") assert.ok(error.message.includes(fragment), error.message);
      else assert.match(error.message, fragment);
    }
    return true;
  });
}

describe("integer", () => {
  it("accepts integers in range", () => {
    assert.equal(integer("limit", 1, { min: 1, max: 100 }), 1);
    assert.equal(integer("limit", 100, { min: 1, max: 100 }), 100);
    assert.equal(integer("offset", 0, { min: 0 }), 0);
    assert.equal(integer("n", -7), -7);
    assert.ok(Object.is(integer("offset", -0, { min: 0 }), 0));
  });

  it("rejects out-of-range values with the documented message", () => {
    rejects(() => integer("limit", 0, { min: 1, max: 100 }), "limit");
    assert.throws(() => integer("limit", 0, { min: 1, max: 100 }), {
      message: "limit must be an integer between 1 and 100; got 0.",
    });
    rejects(() => integer("limit", 101, { min: 1, max: 100 }), "limit", "got 101");
    rejects(() => integer("offset", -1, { min: 0 }), "offset", "non-negative");
    rejects(() => integer("position", 5, { max: 4 }), "position", "at most 4");
  });

  it("rejects booleans instead of sending limit=true", () => {
    rejects(() => integer("limit", true, { min: 1 }), "limit", "the boolean true");
    rejects(() => integer("offset", false, { min: 0 }), "offset", "the boolean false");
  });

  it("rejects non-numbers, NaN, fractions and unsafe integers", () => {
    rejects(() => integer("limit", "10"), "limit", '"10"');
    rejects(() => integer("limit", Number.NaN), "limit", "NaN");
    rejects(() => integer("limit", 1.5), "limit", "1.5");
    rejects(() => integer("limit", Infinity), "limit");
    rejects(() => integer("limit", 2 ** 53), "limit");
    rejects(() => integer("limit", 10n), "limit");
    rejects(() => integer("limit", null), "limit", "null");
  });
});

describe("optionalInteger", () => {
  it("passes undefined and null through as undefined", () => {
    assert.equal(optionalInteger("limit", undefined, { min: 1 }), undefined);
    assert.equal(optionalInteger("limit", null, { min: 1 }), undefined);
  });

  it("checks given values like integer()", () => {
    assert.equal(optionalInteger("limit", 5, { min: 1 }), 5);
    rejects(() => optionalInteger("limit", 0, { min: 1, max: 50 }), "limit", "between 1 and 50");
    rejects(() => optionalInteger("limit", true, { min: 1 }), "limit");
  });
});

describe("nonBlankString", () => {
  it("returns the string trimmed", () => {
    assert.equal(nonBlankString("query", "  daft punk \n"), "daft punk");
  });

  it("rejects blank strings unless allowed", () => {
    rejects(() => nonBlankString("title", "   "), "title", "non-blank");
    rejects(() => nonBlankString("title", ""), "title");
    assert.equal(nonBlankString("description", "  ", { allowBlank: true }), "");
  });

  it("rejects non-strings", () => {
    rejects(() => nonBlankString("title", 5), "title", "got 5");
    rejects(() => nonBlankString("description", undefined, { allowBlank: true }), "description", "a string");
  });
});

describe("oneOf", () => {
  const orders = ["DATE", "NAME"] as const;

  it("accepts an allowed value and keeps its literal type", () => {
    const order: "DATE" | "NAME" = oneOf("sortBy", "NAME", orders);
    assert.equal(order, "NAME");
  });

  it("is case-sensitive and lists the choices", () => {
    rejects(() => oneOf("sortBy", "date", orders), "sortBy", '"DATE", "NAME"', 'got "date"');
    rejects(() => oneOf("sortBy", 1, orders), "sortBy");
  });
});

describe("boolean", () => {
  it("accepts only real booleans", () => {
    assert.equal(boolean("public", true), true);
    assert.equal(boolean("public", false), false);
    rejects(() => boolean("public", "false"), "public", '"false"');
    rejects(() => boolean("public", 0), "public");
    rejects(() => boolean("public", undefined), "public");
  });
});

describe("countryCode", () => {
  it("knows all 249 assigned codes", () => {
    assert.equal(ISO_3166_ALPHA2.size, 249);
    for (const code of ["US", "GB", "DE", "FR", "NO", "AX", "SS", "BQ", "CW", "SX"]) {
      assert.ok(ISO_3166_ALPHA2.has(code), code);
    }
  });

  it("accepts lower case and returns upper case", () => {
    assert.equal(countryCode("countryCode", "us"), "US");
    assert.equal(countryCode("countryCode", "Gb"), "GB");
  });

  it("rejects reserved, unassigned and malformed codes", () => {
    for (const bad of ["UK", "EU", "XK", "ZZ", "USA", "U", "", "1A"]) {
      rejects(() => countryCode("countryCode", bad), "countryCode", "ISO 3166-1", JSON.stringify(bad));
    }
    rejects(() => countryCode("countryCode", 840), "countryCode");
  });
});

describe("locale", () => {
  it("accepts ll_CC and normalises ll-CC and letter case", () => {
    assert.equal(locale("locale", "en_US"), "en_US");
    assert.equal(locale("locale", "pt-BR"), "pt_BR");
    assert.equal(locale("locale", "FR-fr"), "fr_FR");
  });

  it("rejects other shapes and unassigned countries", () => {
    for (const bad of ["en", "en_USA", "eng_US", "en US", "en_UK", "", "e1_US"]) {
      rejects(() => locale("locale", bad), "locale", '"en_US"');
    }
    rejects(() => locale("locale", null), "locale", "null");
  });
});

describe("isrc", () => {
  it("strips spaces and hyphens and upper-cases", () => {
    assert.equal(isrc("isrc", "USRC17607839"), "USRC17607839");
    assert.equal(isrc("isrc", "us-rc1-76-07839"), "USRC17607839");
    assert.equal(isrc("isrc", " GB AYE 06 00123 "), "GBAYE0600123");
  });

  it("rejects malformed codes", () => {
    for (const bad of ["USRC1760783", "USRC176078390", "1SRC17607839", "USRC176078A9", "US_RC17607839", ""]) {
      rejects(() => isrc("isrc", bad), "isrc", JSON.stringify(bad));
    }
    rejects(() => isrc("isrc", 12), "isrc");
  });
});

describe("upc", () => {
  it("accepts UPC-A, EAN-13, GTIN-8 and GTIN-14 with valid check digits", () => {
    assert.equal(upc("upc", "036000291452"), "036000291452");
    assert.equal(upc("upc", "4006381333931"), "4006381333931");
    assert.equal(upc("upc", "96385074"), "96385074");
    assert.equal(upc("upc", "10012345678902"), "10012345678902");
    assert.equal(upc("upc", "0 36000-29145 2"), "036000291452");
  });

  it("zero-pads numbers, which cannot carry the leading zero", () => {
    assert.equal(upc("upc", 36000291452), "036000291452");
    assert.equal(upc("upc", 4006381333931), "4006381333931");
  });

  it("rejects wrong check digits, lengths and characters", () => {
    rejects(() => upc("upc", "036000291453"), "upc", "check digit", '"036000291453"');
    rejects(() => upc("upc", "4006381333932"), "upc");
    rejects(() => upc("upc", "12345678901"), "upc");
    rejects(() => upc("upc", "03600029145A"), "upc");
    rejects(() => upc("upc", "０36000291452"), "upc");
    rejects(() => upc("upc", 3.5), "upc");
    rejects(() => upc("upc", -36000291452), "upc");
    rejects(() => upc("upc", true), "upc");
  });
});

describe("uuid", () => {
  const id = "1B4F2C9E-3A2D-4E5F-8A9B-0C1D2E3F4A5B";

  it("accepts canonical UUIDs in any case and trims", () => {
    assert.equal(uuid("playlistUuid", id), id);
    assert.equal(uuid("playlistUuid", ` ${id.toLowerCase()} `), id.toLowerCase());
  });

  it("rejects other forms", () => {
    for (const bad of [id.replaceAll("-", ""), `{${id}}`, id.slice(0, -1), `${id}0`, id.replace("B", "G")]) {
      rejects(() => uuid("playlistUuid", bad), "playlistUuid", "UUID");
    }
    rejects(() => uuid("playlistUuid", 5), "playlistUuid");
  });
});

describe("deezerId", () => {
  it("accepts integers, including negative user-upload ids", () => {
    assert.equal(deezerId("albumId", 302127), "302127");
    assert.equal(deezerId("trackId", -123456), "-123456");
    assert.equal(deezerId("trackId", 0), "0");
  });

  it("accepts digit strings, trimmed, with at most one leading minus", () => {
    assert.equal(deezerId("albumId", " 302127 "), "302127");
    assert.equal(deezerId("trackId", "-5"), "-5");
    assert.equal(deezerId("albumId", "007"), "7");
  });

  it('rejects booleans, a doubled minus, "me" and non-ASCII digits', () => {
    rejects(() => deezerId("albumId", true), "albumId", "the boolean true");
    rejects(() => deezerId("albumId", "--5"), "albumId", '"--5"');
    rejects(() => deezerId("albumId", "me"), "albumId", '"me"');
    rejects(() => deezerId("albumId", "٥"), "albumId");
  });

  it("rejects other non-ids", () => {
    for (const bad of ["", " ", "1e3", "12a", "1.0", "+5", "- 5", "1,2"]) {
      rejects(() => deezerId("albumId", bad), "albumId", JSON.stringify(bad));
    }
    for (const bad of [1.5, Number.NaN, 2 ** 53, undefined, null, {}]) {
      rejects(() => deezerId("albumId", bad), "albumId");
    }
  });

  it('accepts "me" only where asked', () => {
    assert.equal(deezerId("userId", "me", { allowMe: true }), "me");
    assert.equal(deezerId("userId", 42, { allowMe: true }), "42");
    rejects(() => deezerId("userId", "ME", { allowMe: true }), "userId", 'or "me"');
  });
});

describe("deezerIdList", () => {
  it("accepts one id", () => {
    assert.deepEqual(deezerIdList("trackIds", 3135556), { joined: "3135556", count: 1 });
    assert.deepEqual(deezerIdList("trackIds", "-7"), { joined: "-7", count: 1 });
  });

  it("trims the pieces of a comma-separated string", () => {
    assert.deepEqual(deezerIdList("trackIds", "1, 2 ,3"), { joined: "1,2,3", count: 3 });
  });

  it("accepts any iterable of ids", () => {
    assert.deepEqual(deezerIdList("trackIds", [1, "2", -3]), { joined: "1,2,-3", count: 3 });
    assert.deepEqual(deezerIdList("trackIds", new Set([4, 5])), { joined: "4,5", count: 2 });
    function* ids(): Generator<number> {
      yield 6;
      yield 7;
    }
    assert.deepEqual(deezerIdList("trackIds", ids()), { joined: "6,7", count: 2 });
  });

  it("rejects empty lists and bad items, saying which item", () => {
    rejects(() => deezerIdList("trackIds", []), "trackIds", "at least one");
    rejects(() => deezerIdList("trackIds", "  "), "trackIds", "at least one");
    rejects(() => deezerIdList("trackIds", "1,,2"), "trackIds", 'item 2 of 3 is ""');
    rejects(() => deezerIdList("trackIds", [1, true]), "trackIds", "item 2 of 2 is the boolean true");
    rejects(() => deezerIdList("trackIds", ["me"]), "trackIds", '"me"');
    rejects(() => deezerIdList("trackIds", [[1, 2]]), "trackIds");
    rejects(() => deezerIdList("trackIds", { id: 1 }), "trackIds");
    rejects(() => deezerIdList("trackIds", undefined), "trackIds", "got undefined");
  });

  it("enforces max when given", () => {
    assert.equal(deezerIdList("trackIds", [1, 2, 3], { max: 3 }).count, 3);
    rejects(() => deezerIdList("trackIds", [1, 2, 3, 4], { max: 3 }), "trackIds", "at most 3", "got 4");
  });
});

describe("tidalId", () => {
  it("accepts positive integers and digit strings", () => {
    assert.equal(tidalId("trackId", 77646169), "77646169");
    assert.equal(tidalId("trackId", " 77646169 "), "77646169");
  });

  it("rejects zero, negatives, booleans and non-digits", () => {
    for (const bad of [0, -1, 1.5, true, "0", "-5", "12a", "", "٥", "me"]) {
      rejects(() => tidalId("trackId", bad), "trackId", "TIDAL id");
    }
  });

  it('accepts "me" only where asked', () => {
    assert.equal(tidalId("userId", "me", { allowMe: true }), "me");
    rejects(() => tidalId("userId", "you", { allowMe: true }), "userId", 'or "me"');
  });
});

describe("tidalIdList", () => {
  it("accepts the same forms as deezerIdList", () => {
    assert.deepEqual(tidalIdList("trackIds", 5), { joined: "5", count: 1 });
    assert.deepEqual(tidalIdList("trackIds", "1, 2"), { joined: "1,2", count: 2 });
    assert.deepEqual(tidalIdList("trackIds", new Set(["3", 4])), { joined: "3,4", count: 2 });
  });

  it("caps lists at 1000 by default", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
    assert.equal(tidalIdList("trackIds", ids).count, 1000);
    rejects(() => tidalIdList("trackIds", [...ids, 1001]), "trackIds", "at most 1000");
    rejects(() => tidalIdList("trackIds", [1, 2, 3], { max: 2 }), "trackIds", "at most 2");
  });

  it("rejects bad items", () => {
    rejects(() => tidalIdList("trackIds", [1, -2]), "trackIds", "item 2 of 2 is -2");
    rejects(() => tidalIdList("trackIds", []), "trackIds");
  });
});

describe("uuidList", () => {
  const a = "1b4f2c9e-3a2d-4e5f-8a9b-0c1d2e3f4a5b";
  const b = "2c5a3d0f-4b3e-4f60-9bac-1d2e3f4a5b6c";

  it("accepts one UUID, a comma string or an iterable", () => {
    assert.deepEqual(uuidList("playlistUuids", a), { joined: a, count: 1, items: [a] });
    assert.deepEqual(uuidList("playlistUuids", `${a} , ${b}`), {
      joined: `${a},${b}`,
      count: 2,
      items: [a, b],
    });
    assert.deepEqual(uuidList("playlistUuids", new Set([b])), { joined: b, count: 1, items: [b] });
  });

  it("rejects bad items, empty lists and lists over max", () => {
    rejects(() => uuidList("playlistUuids", [a, "nope"]), "playlistUuids", 'item 2 of 2 is "nope"');
    rejects(() => uuidList("playlistUuids", []), "playlistUuids", "at least one");
    rejects(() => uuidList("playlistUuids", [a, b], { max: 1 }), "playlistUuids", "at most 1");
    rejects(() => uuidList("playlistUuids", [5]), "playlistUuids");
  });
});
