import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  deezerPages,
  PagePromise,
  tidalCursorPages,
  tidalOffsetPages,
  type DeezerPage,
  type TidalOffsetPage,
} from "../../src/core/pagination.js";

describe("Deezer pagination", () => {
  it("follows next links as sent, whatever the page sizes and totals say", async () => {
    const pages: Record<string, DeezerPage<number>> = {
      first: { data: [1, 2, 3], total: 10, next: "https://x/list?index=3" },
      "https://x/list?index=3": { data: [4], total: 11, next: "https://x/list?index=7" },
      "https://x/list?index=7": { data: [5, 6], total: 11 },
    };
    const fetched: string[] = [];
    const iterator = deezerPages(
      async () => pages.first!,
      async (url) => {
        fetched.push(url);
        return pages[url]!;
      },
    );
    assert.deepEqual(await iterator.toArray(), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(fetched, ["https://x/list?index=3", "https://x/list?index=7"]);
    const seenPages = [];
    for await (const page of iterator.pages()) seenPages.push(page);
    assert.deepEqual(
      seenPages.map((p) => p.total),
      [10, 11, 11],
    );
  });

  it("stops on an empty page or a repeated link instead of looping", async () => {
    let calls = 0;
    const looping = deezerPages(
      async () => ({ data: [1], next: "https://x/a" }),
      async () => {
        calls++;
        return { data: [2], next: "https://x/a" };
      },
    );
    assert.deepEqual(await looping.toArray(), [1, 2]);
    assert.equal(calls, 1);
  });

  it("toArray(max) stops fetching once it has enough", async () => {
    let calls = 0;
    const iterator = deezerPages(
      async () => ({ data: [1, 2], next: "https://x/2" }),
      async () => {
        calls++;
        return { data: [3, 4], next: "https://x/3" };
      },
    );
    assert.deepEqual(await iterator.toArray(2), [1, 2]);
    assert.equal(calls, 0);
  });
});

describe("TIDAL pagination", () => {
  it("advances by the page's limit so region-filtered short pages do not repeat items", async () => {
    // 12 listed, but items 3 and 8 are unavailable in the region: pages come back short.
    const all = Array.from({ length: 12 }, (_, i) => i).filter((i) => i !== 3 && i !== 8);
    const offsets: number[] = [];
    const iterator = tidalOffsetPages<number>(async (offset): Promise<TidalOffsetPage<number>> => {
      offsets.push(offset);
      return {
        limit: 5,
        offset,
        totalNumberOfItems: 12,
        items: all.filter((i) => i >= offset && i < offset + 5),
      };
    });
    assert.deepEqual(await iterator.toArray(), all);
    assert.deepEqual(offsets, [0, 5, 10]);
  });

  it("stops on an empty page even when the total promised more", async () => {
    const offsets: number[] = [];
    const iterator = tidalOffsetPages<number>(async (offset) => {
      offsets.push(offset);
      return { limit: 2, offset, totalNumberOfItems: 100, items: offset < 4 ? [offset, offset + 1] : [] };
    });
    assert.deepEqual(await iterator.toArray(), [0, 1, 2, 3]);
    assert.deepEqual(offsets, [0, 2, 4]);
  });

  it("follows cursors until none is returned", async () => {
    const cursors: (string | undefined)[] = [];
    const iterator = tidalCursorPages<string>(async (cursor) => {
      cursors.push(cursor);
      if (!cursor) return { items: ["a", "b"], cursor: "c1" };
      if (cursor === "c1") return { items: ["c"], cursor: "c2" };
      return { items: ["d"], cursor: null };
    });
    assert.deepEqual(await iterator.toArray(), ["a", "b", "c", "d"]);
    assert.deepEqual(cursors, [undefined, "c1", "c2"]);
  });
});

describe("PagePromise", () => {
  function listOf(
    pages: Record<string, DeezerPage<number>>,
    requests: string[],
  ): PagePromise<DeezerPage<number>, number> {
    const fetchPage = async (url: string): Promise<DeezerPage<number>> => {
      requests.push(url);
      return pages[url]!;
    };
    const first = fetchPage("first");
    return new PagePromise(first, (firstPage) => deezerPages(firstPage, fetchPage));
  }
  const pages: Record<string, DeezerPage<number>> = {
    first: { data: [1, 2], next: "second" },
    second: { data: [3], next: "third" },
    third: { data: [4, 5] },
  };

  it("awaits to the first page, asked once, when the method is called", async () => {
    const requests: string[] = [];
    const list = listOf(pages, requests);
    assert.deepEqual(requests, ["first"]);
    const page = await list;
    assert.deepEqual(page.data, [1, 2]);
    assert.deepEqual(requests, ["first"]);
  });

  it("iterates every item of every page, starting from the page already asked", async () => {
    const requests: string[] = [];
    const items: number[] = [];
    for await (const item of listOf(pages, requests)) items.push(item);
    assert.deepEqual(items, [1, 2, 3, 4, 5]);
    assert.deepEqual(requests, ["first", "second", "third"]);
  });

  it("walks whole pages and collects with a bound", async () => {
    const requests: string[] = [];
    const list = listOf(pages, requests);
    const sizes: number[] = [];
    for await (const page of list.pages()) sizes.push(page.data.length);
    assert.deepEqual(sizes, [2, 1, 2]);
    assert.deepEqual(await listOf(pages, []).toArray(3), [1, 2, 3]);
  });

  it("derives plain promises from then/catch/finally", async () => {
    const list = listOf(pages, []);
    const derived = list.then((page) => page.data.length);
    assert.equal(derived instanceof PagePromise, false);
    assert.equal(await derived, 2);
    assert.equal(list instanceof Promise, true);
  });

  it("rejects both ways when the first page fails, without an unhandled rejection for an iterating caller", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const failure = new Error("first page failed");
      const iterated = PagePromise.failed<DeezerPage<number>, number>(failure);
      await assert.rejects(
        (async () => {
          for await (const _item of iterated) assert.fail("no item expected");
        })(),
        failure,
      );
      await assert.rejects(PagePromise.failed(failure), failure);
      // Unhandled rejections are reported after the microtask queue drains; give it a macrotask turn.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
