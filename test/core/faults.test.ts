/**
 * The pipeline under faults, against the emulator over real loopback HTTP: malformed successes are typed errors
 * (never values, never cached), pages of the wrong shape name their method, one signal serves a hundred calls,
 * and nothing the client reports (hooks, logs, errors, the emulator's own log) contains a secret.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { debugEnabled, type RequestEvent, type ResponseEvent } from "../../src/core/api-client.js";
import {
  InvalidPageError,
  InvalidResponseError,
  NotFoundError,
  BadRequestError,
} from "../../src/core/errors.js";
import { DeezerAPIClient, type DeezerAPIClientOptions } from "../../src/deezer/client.js";
import { DEEZER_SEED_IDS, DEFAULT_DEEZER_APP } from "../../src/emulator/deezer/index.js";
import { formatRequestLine, startEmulator, type Emulator } from "../../src/emulator/index.js";
import { TIDAL_PKCE_CLIENT_ID, TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import { PrivateTIDALAPIClient, type PrivateTIDALAPIClientOptions } from "../../src/tidal/private-client.js";
import { urls } from "../tidal/helpers.js";

const DZ_ALBUM = DEEZER_SEED_IDS.ALBUM.breakwater;
const TD_ALBUM = TIDAL_SEED.albums.tidewater;
const US = { countryCode: "US" } as const;

describe("pipeline under faults", () => {
  let emulator: Emulator;
  let minimDir: string;
  const lines: string[] = [];
  const clients: { close(): Promise<void> }[] = [];

  before(async () => {
    minimDir = mkdtempSync(join(tmpdir(), "minim-faults-"));
    process.env["MINIM_DIR"] = minimDir;
    emulator = await startEmulator({ onRequest: (record) => lines.push(formatRequestLine(record)) });
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await emulator.close();
    rmSync(minimDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    emulator.faults.clear();
    emulator.clearRequests();
  });

  const deezer = (options: Partial<DeezerAPIClientOptions> = {}): DeezerAPIClient => {
    const client = new DeezerAPIClient({
      baseUrl: emulator.urls.deezerApi,
      storeTokens: false,
      limitRate: false,
      retry: undefined,
      ...options,
    } as DeezerAPIClientOptions);
    clients.push(client);
    return client;
  };

  const tidal = (options: Partial<PrivateTIDALAPIClientOptions> = {}) => {
    const issued = emulator.tidal!.issueToken({});
    const client = new PrivateTIDALAPIClient({
      authFlow: "pkce",
      clientId: TIDAL_PKCE_CLIENT_ID,
      redirectUri: "tidal://login/auth",
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      storeTokens: false,
      limitRate: false,
      ...urls(emulator),
      ...options,
    });
    clients.push(client);
    return { client, ...issued };
  };

  const sent = (path: string): number => emulator.requests.filter((r) => r.path === path).length;

  describe("malformed successes", () => {
    for (const [label, fault] of [
      ["an HTML page", { status: 200, text: "<html>maintenance</html>" }],
      ["an empty body", { status: 200, text: "" }],
      ["null", { status: 200, json: null }],
      ["a bare string", { status: 200, json: "ok" }],
      ["an array", { status: 200, json: [] }],
    ] as const) {
      it(`Deezer: ${label} is retried once, then an InvalidResponseError, and never cached`, async () => {
        const client = deezer();
        const path = `/album/${DZ_ALBUM}`;
        emulator.faults.inject({ path, times: Infinity, ...fault });
        const error = await client.albums.getAlbum(DZ_ALBUM).then(
          () => assert.fail("resolved"),
          (caught: unknown) => caught,
        );
        assert.ok(error instanceof InvalidResponseError, String(error));
        assert.match(error.message, /^getAlbum\(\): Deezer answered HTTP 200 with/);
        // One retry although the client allows two: a service answering garbage will not start making sense.
        assert.equal(sent(path), 2);
        emulator.faults.clear();
        const album = await client.albums.getAlbum(DZ_ALBUM);
        assert.equal(album.id, DZ_ALBUM);
        assert.equal(sent(path), 3, "the failure was not cached");
        await client.albums.getAlbum(DZ_ALBUM);
        assert.equal(sent(path), 3, "the good answer was");
      });
    }

    it("Deezer: one garbled answer is absorbed by the retry", async () => {
      const client = deezer();
      const path = `/album/${DZ_ALBUM}`;
      emulator.faults.inject({ path, status: 200, text: "<html>proxy</html>" });
      assert.equal((await client.albums.getAlbum(DZ_ALBUM)).id, DZ_ALBUM);
      assert.equal(sent(path), 2);
    });

    it("TIDAL: a read's garbled success is an InvalidResponseError, retried once", async () => {
      const { client } = tidal();
      const path = `/v1/albums/${TD_ALBUM}`;
      emulator.faults.inject({ path, times: Infinity, status: 200, html: true });
      await assert.rejects(client.albums.getAlbum(TD_ALBUM, US), InvalidResponseError);
      assert.equal(sent(path), 2);
      emulator.faults.clear();
      assert.equal((await client.albums.getAlbum(TD_ALBUM, US)).id, TD_ALBUM);
    });

    it("TIDAL: credits are an array, so an object there is refused", async () => {
      const { client } = tidal();
      const credits = await client.albums.getAlbumCredits(TD_ALBUM, US);
      assert.ok(Array.isArray(credits));
      emulator.faults.inject({ path: `/v1/albums/${TD_ALBUM}/credits`, times: Infinity, json: {} });
      client.clearCache();
      await assert.rejects(client.albums.getAlbumCredits(TD_ALBUM, US), InvalidResponseError);
    });
  });

  describe("malformed answers to writes", () => {
    // Each stands in for the service's confirmation; the fault answers instead of the route, so the write was not
    // applied although the status says success.
    const garbage = [
      ["an HTML page", { status: 200, html: true }],
      [
        "garbled JSON",
        { status: 200, text: '{"lastUpdated": 17', headers: { "content-type": "application/json" } },
      ],
      ["null", { status: 200, json: null }],
      ["{}", { status: 200, json: {} }],
      ["[]", { status: 200, json: [] }],
    ] as const;

    const deezerUser = (): DeezerAPIClient =>
      deezer({
        authFlow: "implicit",
        appId: DEFAULT_DEEZER_APP.appId,
        redirectUri: "http://127.0.0.1:8765/callback",
        accessToken: emulator.deezer!.issueToken(),
      });
    const dzTrack = (): number => emulator.deezer!.state.albums.get(DZ_ALBUM)!.trackIds[0]!;
    const tracksOf = (playlistId: number): number[] => emulator.deezer!.playlist(playlistId)!.trackIds;

    for (const [label, fault] of [
      ...garbage,
      ["1", { status: 200, json: 1 }],
      ["an empty body", { status: 200, text: "" }],
    ] as const) {
      it(`Deezer addPlaylistTracks answered ${label}: an InvalidResponseError, sent once`, async () => {
        const client = deezerUser();
        const playlist = await client.users.createPlaylist(`faults ${label}`);
        const path = `/playlist/${playlist.id}/tracks`;
        emulator.faults.inject({ method: "POST", path, times: Infinity, ...fault });
        const error = await client.users.addPlaylistTracks(playlist.id, { trackIds: [dzTrack()] }).then(
          (value) => assert.fail(`resolved to ${JSON.stringify(value)}`),
          (caught: unknown) => caught,
        );
        assert.ok(error instanceof InvalidResponseError, String(error));
        assert.equal(error.expected, "boolean");
        assert.match(
          error.message,
          /^addPlaylistTracks\(\): Deezer answered HTTP 200 with .* where true or false was expected\.$/,
        );
        assert.equal(sent(path), 1, "a write that may have been applied is not resent");
        assert.deepEqual(tracksOf(playlist.id), [], "the fault answered in the route's place");
        emulator.faults.clear();
        assert.equal(await client.users.addPlaylistTracks(playlist.id, { trackIds: [dzTrack()] }), true);
        assert.deepEqual(tracksOf(playlist.id), [dzTrack()]);
      });
    }

    it("Deezer: a write that may be declined answers false; a creation must name what it created", async () => {
      const client = deezerUser();
      // The account's own playlist cannot be followed: Deezer answers false, which is a value, not an error.
      const own = await client.users.createPlaylist("faults own");
      assert.equal(typeof own.id, "number");
      assert.equal(await client.users.followPlaylists(own.id), false);
      emulator.faults.inject({ method: "POST", path: /\/user\/me\/playlists$/, json: true });
      await assert.rejects(client.users.createPlaylist("faults lost"), (error: unknown) => {
        assert.ok(error instanceof InvalidResponseError);
        assert.match(error.message, /with true where a JSON object with `id` was expected/);
        return true;
      });
      emulator.faults.inject({ method: "POST", path: /\/user\/me\/playlists$/, json: { id: null } });
      await assert.rejects(client.users.createPlaylist("faults lost"), /an object without `id`/);
      emulator.faults.inject({ method: "POST", path: /\/user\/me\/playlists$/, json: 0 });
      await assert.rejects(client.users.followPlaylists(own.id), /with 0 where true or false was expected/);
    });

    for (const [label, fault] of [...garbage, ["an empty body", { status: 200, text: "" }]] as const) {
      it(`TIDAL addPlaylistItems answered ${label}: an InvalidResponseError, sent once`, async () => {
        const { client } = tidal();
        const playlist = TIDAL_SEED.playlists.focus;
        const before = emulator.tidal!.playlist(playlist)!.items.length;
        const path = `/v1/playlists/${playlist}/items`;
        emulator.faults.inject({ method: "POST", path, times: Infinity, ...fault });
        const error = await client.playlists
          .addPlaylistItems(playlist, { itemIds: TIDAL_SEED.tracks.saltLines })
          .then(
            () => assert.fail("resolved"),
            (caught: unknown) => caught,
          );
        assert.ok(error instanceof InvalidResponseError, String(error));
        assert.match(error.message, /^addPlaylistItems\(\): TIDAL answered HTTP 200 with /);
        assert.equal(sent(path), 1, "a write that may have been applied is not resent");
        assert.equal(emulator.tidal!.playlist(playlist)!.items.length, before);
        emulator.faults.clear();
        await client.playlists.addPlaylistItems(playlist, { itemIds: TIDAL_SEED.tracks.saltLines });
        assert.equal(emulator.tidal!.playlist(playlist)!.items.length, before + 1);
      });
    }

    it("TIDAL: other writes accept no body or a JSON object, and refuse anything else", async () => {
      const { client } = tidal();
      const path = /\/favorites\/albums$/;
      for (const fault of [
        { status: 204, text: "" },
        { status: 200, text: "" },
        { status: 200, json: {} },
      ]) {
        emulator.faults.inject({ method: "POST", path, ...fault });
        assert.equal(await client.users.saveAlbums(TD_ALBUM), undefined);
      }
      for (const [fault, received] of [
        [{ status: 200, text: "OK" }, /a body that is not JSON/],
        [{ status: 200, html: true }, /a body that is not JSON \(text\/html\)/],
        [{ status: 200, json: [] }, /with an array where no body or a JSON object was expected/],
        [{ status: 201, json: "saved" }, /with a string where/],
      ] as const) {
        emulator.clearRequests();
        emulator.faults.inject({ method: "POST", path, ...fault });
        await assert.rejects(client.users.saveAlbums(TD_ALBUM), (error: unknown) => {
          assert.ok(error instanceof InvalidResponseError, String(error));
          assert.match(error.message, received);
          return true;
        });
        assert.equal(emulator.requests.filter((r) => r.method === "POST").length, 1, "sent once");
      }
    });
  });

  describe("pages of an unexpected shape", () => {
    for (const [label, body] of [
      ["{}", {}],
      ["{next} without data", { next: "https://api.deezer.com/album/1/tracks?index=25" }],
    ] as const) {
      it(`Deezer ${label}: InvalidPageError naming the method and \`data\``, async () => {
        const client = deezer({ enableCache: false });
        emulator.faults.inject({ path: `/album/${DZ_ALBUM}/tracks`, json: body });
        const error = await client.albums
          .getAlbumTracks(DZ_ALBUM)
          .toArray()
          .then(
            () => assert.fail("resolved"),
            (caught: unknown) => caught,
          );
        assert.ok(error instanceof InvalidPageError, String(error));
        assert.equal(error.missing, "data");
        assert.match(error.message, /getAlbumTracks/);
      });
    }

    it("Deezer []: refused by the pipeline, naming the method", async () => {
      const client = deezer({ enableCache: false });
      emulator.faults.inject({ path: `/album/${DZ_ALBUM}/tracks`, times: 2, json: [] });
      await assert.rejects(client.albums.getAlbumTracks(DZ_ALBUM).toArray(), (error: unknown) => {
        assert.ok(error instanceof InvalidResponseError);
        assert.match(error.message, /^getAlbumTracks\(\)/);
        return true;
      });
    });

    it("TIDAL {}: InvalidPageError naming the method and `items`", async () => {
      const { client } = tidal({ enableCache: false });
      emulator.faults.inject({ path: `/v1/albums/${TD_ALBUM}/items`, json: {} });
      const error = await client.albums
        .getAlbumItems(TD_ALBUM, US)
        .toArray()
        .then(
          () => assert.fail("resolved"),
          (caught: unknown) => caught,
        );
      assert.ok(error instanceof InvalidPageError, String(error));
      assert.equal(error.missing, "items");
      assert.equal(error.method, "albums.getAlbumItems");
    });
  });

  it("shares one AbortSignal across 100 concurrent calls without MaxListenersExceededWarning", async () => {
    const client = deezer({ enableCache: false });
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning);
    };
    process.on("warning", onWarning);
    const controller = new AbortController();
    // Every call waits in the emulator, so all 100 are in flight on the one signal at once.
    emulator.faults.inject({ path: `/album/${DZ_ALBUM}`, times: Infinity, delayMs: 50 });
    try {
      const albums = await Promise.all(
        Array.from({ length: 100 }, () => client.albums.getAlbum(DZ_ALBUM, { signal: controller.signal })),
      );
      assert.equal(albums.length, 100);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    assert.deepEqual(
      warnings.filter((w) => w.name === "MaxListenersExceededWarning").map((w) => w.message),
      [],
    );
  });

  describe("observability", () => {
    it("reports every attempt to the hooks and the logger with status, headers and duration", async () => {
      const requests: RequestEvent[] = [];
      const responses: ResponseEvent[] = [];
      const logged: string[] = [];
      const client = deezer({
        enableCache: false,
        onRequest: (event) => requests.push(event),
        onResponse: (event) => responses.push(event),
        logger: { debug: (line) => logged.push(line) },
      });
      emulator.faults.inject({ path: `/album/${DZ_ALBUM}`, status: 503, json: { error: "busy" } });
      await client.albums.getAlbum(DZ_ALBUM, { maxRetries: 1 });
      assert.deepEqual(
        requests.map((e) => [e.name, e.method, e.attempt]),
        [
          ["getAlbum", "GET", 1],
          ["getAlbum", "GET", 2],
        ],
      );
      assert.deepEqual(
        responses.map((e) => e.status),
        [503, 200],
      );
      assert.equal(responses[1]!.headers["content-type"]?.startsWith("application/json"), true);
      assert.ok(responses.every((e) => e.durationMs >= 0 && e.url.endsWith(`/album/${DZ_ALBUM}`)));
      assert.equal(logged.length, 3, logged.join("\n"));
      assert.match(logged[0]!, /GET http:\/\/127\.0\.0\.1:\d+\/album\/\d+ -> 503 in \d+ ms \(attempt 1\)/);
      assert.match(logged[1]!, /retry GET getAlbum in \d+ ms after ServiceUnavailableError/);
    });

    it("turns DEBUG=minim into lines on standard error", async () => {
      assert.equal(debugEnabled("minim"), true);
      assert.equal(debugEnabled("express,minim:*"), true);
      assert.equal(debugEnabled("minimal"), false);
      assert.equal(debugEnabled(undefined), false);
      const previous = process.env["DEBUG"];
      const written: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      process.env["DEBUG"] = "minim";
      let client: DeezerAPIClient;
      try {
        client = deezer({ enableCache: false });
      } finally {
        if (previous === undefined) delete process.env["DEBUG"];
        else process.env["DEBUG"] = previous;
      }
      process.stderr.write = ((chunk: string) => {
        written.push(String(chunk));
        return true;
      }) as typeof process.stderr.write;
      try {
        await client.albums.getAlbum(DZ_ALBUM);
      } finally {
        process.stderr.write = write;
      }
      assert.equal(written.length, 1);
      assert.match(written[0]!, /^minim GET .*\/album\/\d+ -> 200 in \d+ ms \(attempt 1\)\n$/);
    });

    it("names the host in network errors", async () => {
      const client = deezer({ baseUrl: "http://127.0.0.1:9", enableCache: false } as never);
      await assert.rejects(client.albums.getAlbum(DZ_ALBUM, { maxRetries: 0 }), /to 127\.0\.0\.1:9 failed/);
    });

    it("lets no secret through: hooks, logs, errors and the emulator's log", async () => {
      const output: string[] = [];
      const observe = {
        onRequest: (event: RequestEvent) => output.push(JSON.stringify(event)),
        onResponse: (event: ResponseEvent) =>
          output.push(JSON.stringify(event), String(event.error?.message)),
        logger: { debug: (line: string) => output.push(line) },
      };
      const deezerToken = emulator.deezer!.issueToken();
      const appSecret = "dz-app-secret-0123456789";
      const dz = deezer({
        enableCache: false,
        authFlow: "implicit",
        appId: "123456",
        appSecret,
        redirectUri: "http://127.0.0.1:8765/callback",
        accessToken: deezerToken,
        ...observe,
      });
      const { client: td, accessToken, refreshToken } = tidal({ enableCache: false, ...observe });
      const secrets = [deezerToken, appSecret, accessToken, refreshToken];

      const collect = (error: unknown): void => {
        const e = error as Error & { body?: unknown; code?: unknown; cause?: unknown; url?: string };
        output.push(
          e.message,
          String(e.stack),
          JSON.stringify(e.body ?? null),
          String(e.code),
          String(e.url),
          String((e.cause as Error | undefined)?.message),
        );
      };
      // Deezer echoes the token in its error messages and bodies.
      emulator.faults.inject({
        path: `/album/${DZ_ALBUM}`,
        json: {
          error: { type: "DataException", message: `no data for token ${deezerToken}`, code: 800 },
          request: `/album/${DZ_ALBUM}?access_token=${deezerToken}`,
        },
      });
      await dz.albums.getAlbum(DZ_ALBUM).then(() => assert.fail("resolved"), collect);
      await dz.users.getUser().then((user) => output.push(JSON.stringify(user)), collect);
      // A TIDAL gateway that quotes the request it refused, credentials included.
      emulator.faults.inject({
        path: `/v1/albums/${TD_ALBUM}`,
        status: 400,
        json: {
          status: 400,
          subStatus: 1002,
          userMessage: `Bad request Authorization: Bearer ${accessToken}`,
          error: refreshToken,
          code: accessToken,
        },
      });
      await td.albums.getAlbum(TD_ALBUM, US).then(
        () => assert.fail("resolved"),
        (error: unknown) => {
          assert.ok(error instanceof BadRequestError);
          collect(error);
        },
      );
      await dz.albums.getAlbum(DZ_ALBUM, { timeout: 1 }).catch(collect);
      await td.albums.getAlbum(TD_ALBUM, US).catch(collect);
      // The emulator's log: a matrix parameter and a token written into a path segment.
      await fetch(`${emulator.urls.deezerApi}/album/${DZ_ALBUM};access_token=${deezerToken}`).then((r) =>
        r.text(),
      );
      await fetch(`${emulator.urls.deezerApi}/album/${deezerToken}`).then((r) => r.text());
      await fetch(`${emulator.urls.tidalApi}/v1/albums/${accessToken}`).then((r) => r.text());

      assert.ok(output.length > 10 && lines.length > 5);
      const everything = [...output, ...lines].join("\n");
      for (const secret of secrets) {
        assert.ok(!everything.includes(secret), `a secret leaked:\n${everything}`);
      }
      assert.ok(everything.includes("[REDACTED]"));
      assert.ok(lines.some((line) => line.includes(`/album/${DZ_ALBUM};access_token=[REDACTED]`)));
      assert.ok(output.some((line) => line.includes("NotFoundError") || line.includes("no data")));
      assert.ok(NotFoundError);
    });
  });
});
