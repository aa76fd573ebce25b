/**
 * Behaviour of DeezerAPIClient against the emulator over loopback: auth and permission gates, pagination, the
 * quota and invalid-token recoveries, caching, typed errors and lifecycle.
 */
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { describe, it } from "node:test";
import { ManualClock, systemClock, type Clock } from "../../src/core/clock.js";
import {
  APIError,
  AuthenticationRequiredError,
  BadRequestError,
  MinimError,
  MissingPermissionError,
  NotFoundError,
  ServiceUnavailableError,
} from "../../src/core/errors.js";
import { DeezerAPIClient, type DeezerAPIClientOptions } from "../../src/deezer/client.js";
import { DEEZER_SEED_IDS, DEFAULT_DEEZER_APP } from "../../src/emulator/deezer/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { deezerTestEnvironment, REDIRECT } from "./helpers.js";

const { ALBUM, ARTIST, PLAYLIST, USER } = DEEZER_SEED_IDS;

const env = deezerTestEnvironment();
const { anonymous } = env;

function signedIn(token: string, options: DeezerAPIClientOptions = {}): DeezerAPIClient {
  return anonymous({
    authFlow: "implicit",
    appId: DEFAULT_DEEZER_APP.appId,
    redirectUri: REDIRECT,
    accessToken: token,
    ...options,
  });
}

function api(prefix?: string | RegExp): ReturnType<Emulator["requestsTo"]> {
  return env.emulator.requestsTo("deezerApi", prefix);
}

describe("auth gating", () => {
  it("refuses user methods on an anonymous client before sending anything", async () => {
    const client = anonymous();
    const calls: [string, () => Promise<unknown>][] = [
      ["users.getUser", () => client.users.getUser()],
      ["albums.saveAlbums", () => client.albums.saveAlbums(ALBUM.glasshouse)],
      ["users.getUserRecentlyPlayed", () => client.users.getUserRecentlyPlayed()],
      ["playlists.markPlaylistSeen", () => client.playlists.markPlaylistSeen(PLAYLIST.morningCommute)],
      ["search.getMySearchHistory", () => client.search.getMySearchHistory()],
      ["tracks.getUserTopTracks", () => client.tracks.getUserTopTracks()],
      ["artists.getUserArtistRecommendations", () => client.artists.getUserArtistRecommendations()],
    ];
    for (const [label, call] of calls) {
      await assert.rejects(call, (error: unknown) => {
        assert.ok(error instanceof AuthenticationRequiredError, `${label}: ${String(error)}`);
        // Wrappers name themselves, not their target (upstream named the wrong method).
        assert.equal(error.method, label);
        assert.match(error.message, new RegExp(`^${label.replace(".", "\\.")}\\(\\)`));
        return true;
      });
    }
    assert.equal(env.emulator.requests.length, 0);
  });

  it("sends public methods without a token on an anonymous client", async () => {
    const client = anonymous();
    const album = await client.albums.getAlbum(ALBUM.saltInTheEngine);
    assert.equal(album.id, ALBUM.saltInTheEngine);
    assert.equal(api()[0]!.query["access_token"], undefined);
  });

  it("sends the token with public methods too once it holds one", async () => {
    const token = env.emulator.deezer!.issueToken();
    const client = signedIn(token);
    await client.artists.getArtist(ARTIST.velvetHarbor);
    assert.equal(api()[0]!.query["access_token"], token);
  });
});

describe("permission gating", () => {
  it("asks Deezer once which permissions the token has, then refuses what is missing", async () => {
    const client = signedIn(
      env.emulator.deezer!.issueToken({ permissions: ["basic_access", "manage_library"] }),
    );

    await assert.rejects(
      () => client.albums.removeSavedAlbum(ALBUM.paperSatellites),
      (error: unknown) => {
        assert.ok(error instanceof MissingPermissionError);
        assert.equal(error.method, "albums.removeSavedAlbum");
        assert.deepEqual(error.missing, ["delete_library"]);
        return true;
      },
    );
    await assert.rejects(
      () => client.users.getUserRecentlyPlayed(),
      (error: unknown) => {
        assert.ok(error instanceof MissingPermissionError);
        assert.deepEqual(error.missing, ["listening_history"]);
        return true;
      },
    );
    assert.equal(await client.albums.saveAlbums([ALBUM.glasshouse, ALBUM.northernStatic]), true);

    assert.deepEqual(
      api().map((r) => `${r.method} ${r.path}`),
      ["GET /user/me/permissions", `POST /user/me/albums`],
      "one lookup, and nothing sent for the refused calls",
    );
    assert.deepEqual(env.emulator.deezer!.favourites().albums.slice(-2), [
      ALBUM.glasshouse,
      ALBUM.northernStatic,
    ]);
  });

  it("refuses a write when the token lacks manage_library", async () => {
    const client = signedIn(env.emulator.deezer!.issueToken({ permissions: ["basic_access"] }));
    await assert.rejects(
      () => client.tracks.saveTracks(1),
      (error: unknown) => {
        assert.ok(error instanceof MissingPermissionError);
        assert.deepEqual(error.missing, ["manage_library"]);
        assert.match(error.message, /tracks\.saveTracks\(\) requires the 'manage_library' permission/);
        return true;
      },
    );
    await assert.rejects(() => client.users.followArtists(ARTIST.miraSolenne), MissingPermissionError);
    assert.deepEqual(
      api().map((r) => r.path),
      ["/user/me/permissions"],
    );
  });

  it("shares one lookup between concurrent calls, and looks again for a new token", async () => {
    const client = signedIn(env.emulator.deezer!.issueToken({ permissions: ["basic_access"] }));
    const results = await Promise.allSettled([
      client.users.saveTracks(1),
      client.users.followUser(USER.rafael),
      client.podcasts.followPodcast(1),
    ]);
    assert.ok(results.every((r) => r.status === "rejected" && r.reason instanceof MissingPermissionError));
    assert.equal(api("/user/me/permissions").length, 1);

    client.setAccessToken(
      env.emulator.deezer!.issueToken({ permissions: ["basic_access", "manage_community"] }),
    );
    assert.equal(await client.users.followUser(USER.rafael), true);
    assert.equal(api("/user/me/permissions").length, 2);
    assert.ok(env.emulator.deezer!.followings().includes(USER.rafael));
  });

  it("trusts permissions the application declared and skips the lookup", async () => {
    const client = signedIn(env.emulator.deezer!.issueToken(), {
      permissions: "manage_library delete_library",
    });
    assert.equal(await client.radios.removeSavedRadio(DEEZER_SEED_IDS.RADIO.electroMix), true);
    await assert.rejects(() => client.users.followUser(USER.rafael), MissingPermissionError);
    assert.equal(api("/user/me/permissions").length, 0);
  });
});

describe("pagination", () => {
  it("follows next links across pages of the size asked for", async () => {
    const client = anonymous({ enableCache: false });
    const whole = await client.artists.getArtistAlbums(ARTIST.velvetHarbor, { limit: 100 });
    env.emulator.clearRequests();

    const items = await client.artists.getArtistAlbums(ARTIST.velvetHarbor, { limit: 2 }).toArray();
    assert.deepEqual(
      items.map((a) => a.id),
      whole.data.map((a) => a.id),
    );
    const sent = api();
    assert.equal(sent.length, Math.ceil(whole.data.length / 2));
    assert.deepEqual(
      sent.map((r) => r.query["index"] ?? "0"),
      sent.map((_, i) => String(i * 2)),
    );
  });

  it("keeps going past short pages and walks pages as sent", async () => {
    // Playlist 880004 holds an unavailable track: one page comes back an item short while next still advances.
    const client = anonymous({ enableCache: false });
    const pages = [];
    for await (const page of client.playlists.getPlaylistTracks(PLAYLIST.rainySunday, { limit: 7 }).pages())
      pages.push(page);
    const sizes = pages.map((p) => p.data.length);
    assert.ok(
      sizes.some((size) => size < 7 && size > 0),
      `a short page among ${sizes.join(",")}`,
    );
    const total = pages[0]!.total!;
    assert.equal(
      sizes.reduce((a, b) => a + b, 0),
      total - 1,
    );
    assert.equal(pages.at(-1)!.next, undefined);
    assert.equal(api().length, Math.ceil(total / 7));
  });

  it("carries the token on followed links, replacing the echoed one", async () => {
    const token = env.emulator.deezer!.issueToken();
    const client = signedIn(token, { enableCache: false });
    const tracks = await client.users.getUserSavedTracks("me", { limit: 3 }).toArray();
    assert.equal(tracks.length, env.emulator.deezer!.favourites().tracks.length);
    for (const request of api()) {
      assert.equal(request.query["access_token"], token);
      assert.equal(new URLSearchParams(request.url.split("?")[1]).getAll("access_token").length, 1);
    }
  });

  it("stops after a requested number of items", async () => {
    const client = anonymous({ enableCache: false });
    const first = await client.charts.getTopTracks({ limit: 2 }).toArray(3);
    assert.equal(first.length, 3);
    assert.equal(api().length, 2);
  });

  it("refuses to send the token to a next link on a foreign host", async () => {
    const client = signedIn(env.emulator.deezer!.issueToken(), { enableCache: false });
    const replay = env.emulator.replay(
      "deezerApi",
      [
        {
          method: "GET",
          path: "/artist/1/albums",
          query: {},
          response: {
            status: 200,
            body: JSON.stringify({
              data: [{ id: 1 }],
              total: 2,
              next: "https://elsewhere.example/artist/1/albums?index=1",
            }),
          },
        },
      ],
      { ignoreParams: ["access_token"] },
    );
    const seen: number[] = [];
    try {
      await assert.rejects(
        async () => {
          for await (const album of client.artists.getArtistAlbums(1)) seen.push(album.id);
        },
        (error: unknown) => error instanceof MinimError && /another host/.test(error.message),
      );
    } finally {
      replay.remove();
    }
    assert.deepEqual(seen, [1]);
    assert.deepEqual(replay.unmatched, []);
  });
});

/** Real time, except that waits are noted and skipped: the 5-s wait after a quota error costs nothing here. */
function skippingWaits(waits: number[]): Clock {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) => {
      waits.push(ms);
      return systemClock.sleep(0, signal);
    },
  };
}

describe("recoveries", () => {
  it("resends the identical request after quota error 4 and succeeds", async () => {
    const waits: number[] = [];
    const client = anonymous({ enableCache: false, clock: skippingWaits(waits) });
    env.emulator.faults.inject({
      role: "deezerApi",
      path: "/search/track",
      status: 200,
      json: { error: { type: "Exception", message: "Quota limit exceeded", code: 4 } },
    });
    const page = await client.search.searchTracks("salt engine", { limit: 3, offset: 1, strict: true });
    assert.ok(Array.isArray(page.data));
    const sent = api("/search/track");
    assert.equal(sent.length, 2);
    assert.equal(sent[0]!.faulted, true);
    assert.equal(sent[1]!.faulted, false);
    // Upstream's retry dropped every parameter; this one must be byte-for-byte the same request.
    assert.equal(sent[1]!.url, sent[0]!.url);
    assert.deepEqual(sent[1]!.query, { q: "salt engine", strict: "on", limit: "3", index: "1" });
    assert.deepEqual(waits, [5000], "the resend waits out Deezer's 5-s quota window");
  });

  it("resends a write after quota error 4 as well (the write was refused, not applied)", async () => {
    const client = signedIn(env.emulator.deezer!.issueToken(), {
      permissions: "manage_library",
      clock: skippingWaits([]),
    });
    env.emulator.faults.inject({
      path: "/user/me/artists",
      method: "POST",
      json: { error: { type: "Exception", message: "Quota limit exceeded", code: 4 } },
    });
    assert.equal(await client.artists.followArtists(ARTIST.miraSolenne), true);
    const sent = api("/user/me/artists");
    assert.equal(sent.length, 2);
    assert.equal(sent[0]!.url, sent[1]!.url);
  });

  it("renews a rejected token once (error 300) and resends with the new one", async () => {
    const deezer = env.emulator.deezer!;
    const stale = deezer.issueToken();
    deezer.revokeToken(stale);
    const port = await freePort();
    let authorizations = 0;
    const client = anonymous({
      authFlow: "auth_code",
      appId: DEFAULT_DEEZER_APP.appId,
      appSecret: DEFAULT_DEEZER_APP.secret,
      redirectUri: `http://127.0.0.1:${port}/callback`,
      redirectHandler: "http.server",
      permissions: ["basic_access", "manage_library"],
      userIdentifier: "tester",
      accessToken: stale,
      authUrl: `${env.emulator.urls.deezerConnect}/oauth/auth.php`,
      tokenUrl: `${env.emulator.urls.deezerConnect}/oauth/access_token.php`,
      onAuthorization: async ({ url }) => {
        authorizations++;
        await consent(url);
      },
    });
    const user = await client.users.getUser();
    assert.equal(user.id, deezer.mainUserId);
    assert.equal(authorizations, 1);
    const sent = api("/user/me");
    assert.equal(sent.length, 2);
    assert.equal(sent[0]!.query["access_token"], stale);
    const fresh = sent[1]!.query["access_token"];
    assert.ok(fresh && fresh !== stale);
    assert.equal(deezer.tokenInfo(fresh)?.userId, deezer.mainUserId);
  });

  it("retries a busy service (error 700) for reads", async () => {
    const client = anonymous({ enableCache: false });
    env.emulator.faults.inject({
      path: "/infos",
      json: { error: { type: "Exception", message: "Service busy", code: 700 } },
    });
    const info = await client.getCountryInfo();
    assert.equal(typeof info.country_iso, "string");
    assert.equal(api("/infos").length, 2);
  });
});

describe("typed errors", () => {
  it("maps Deezer's error bodies to error classes", async () => {
    const client = anonymous({ maxRetries: 0 });
    await assert.rejects(
      () => client.albums.getAlbum(-1),
      (error: unknown) => {
        assert.ok(error instanceof NotFoundError);
        assert.equal(error.code, 800);
        assert.equal(error.type, "DataException");
        assert.equal(error.status, 200);
        assert.equal(error.method, "GET");
        assert.match(error.url, /\/album\/-1$/);
        return true;
      },
    );
    await assert.rejects(
      () => client.radios.getRadio(-1),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.code, 500);
        return true;
      },
    );
    env.emulator.faults.inject({
      path: "/search/album",
      json: { error: { type: "InvalidQueryException", message: "Invalid query", code: 600 } },
    });
    await assert.rejects(
      () => client.search.searchAlbums("x"),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.code, 600);
        assert.equal(error.type, "InvalidQueryException");
        return true;
      },
    );
    await assert.rejects(
      () => client.podcasts.getPodcast(-1),
      (error: unknown) => {
        assert.equal((error as Error).constructor, APIError);
        assert.equal((error as APIError).type, "Exception");
        return true;
      },
    );
  });

  it("reports an HTML 502 page as ServiceUnavailableError after the allowed retries", async () => {
    const client = anonymous({ maxRetries: 1, enableCache: false });
    env.emulator.faults.inject({ path: `/track/1`, html: true, times: 2 });
    await assert.rejects(
      () => client.tracks.getTrack(1),
      (error: unknown) => {
        assert.ok(error instanceof ServiceUnavailableError);
        assert.equal(error.status, 502);
        return true;
      },
    );
    assert.equal(api("/track/1").length, 2);
  });

  it("never shows the token in an error", async () => {
    const token = env.emulator.deezer!.issueToken();
    const client = signedIn(token);
    const error = await client.albums.getAlbum(-1).catch((e: unknown) => e);
    assert.ok(error instanceof NotFoundError);
    assert.ok(!JSON.stringify({ ...error, message: error.message, stack: error.stack }).includes(token));
  });
});

describe("caching", () => {
  it("answers a repeated call from the cache, shared by a wrapper and its target", async () => {
    const client = anonymous();
    const first = await client.albums.getAlbum(ALBUM.saltInTheEngine);
    const again = await client.albums.getAlbum(`${ALBUM.saltInTheEngine}`);
    assert.equal(again, first);
    await client.albums.getTopAlbums({ limit: 5 });
    await client.charts.getTopAlbums({ limit: 5, offset: undefined });
    assert.deepEqual(
      api().map((r) => r.path),
      [`/album/${ALBUM.saltInTheEngine}`, "/chart/0/albums"],
    );

    client.clearCache(client.charts.getTopAlbums);
    await client.albums.getTopAlbums({ limit: 5 });
    await client.albums.getAlbum(ALBUM.saltInTheEngine);
    assert.equal(api().length, 3, "only the cleared method was fetched again");

    client.setCacheEnabled(false);
    await client.albums.getAlbum(ALBUM.saltInTheEngine);
    assert.equal(api().length, 4);
  });

  it("does not share user entries between accounts", async () => {
    const deezer = env.emulator.deezer!;
    const client = signedIn(deezer.issueToken());
    assert.equal((await client.users.getUser()).id, USER.main);
    client.setAccessToken(deezer.issueToken({ userId: USER.tomasz }));
    assert.equal((await client.users.getUser()).id, USER.tomasz);
    assert.equal(api("/user/me").length, 2);
  });

  it("drops the account's user entries after one of its writes", async () => {
    const client = signedIn(env.emulator.deezer!.issueToken(), { permissions: "manage_library" });
    const before = await client.users.getUserSavedAlbums();
    await client.albums.getUserSavedAlbums();
    const playlist = await client.playlists.getPlaylist(PLAYLIST.morningCommute);
    assert.equal(api().length, 2);

    await client.albums.saveAlbums(ALBUM.glasshouse);
    const after = await client.users.getUserSavedAlbums();
    await client.playlists.getPlaylist(PLAYLIST.morningCommute);
    assert.equal(after.data.length, before.data.length + 1);
    assert.ok(after.data.some((a) => a.id === ALBUM.glasshouse));
    assert.equal(api(/\/albums$|\/playlist\//).length, 5);
    assert.equal(playlist.id, PLAYLIST.morningCommute);

    const artist = await client.artists.getArtist(ARTIST.velvetHarbor);
    await client.albums.saveAlbums(ALBUM.northernStatic);
    assert.equal(
      await client.artists.getArtist(ARTIST.velvetHarbor),
      artist,
      "catalogue entries survive writes",
    );
  });
});

describe("client lifecycle and statics", () => {
  it("exposes the seed's constants and permission helpers", () => {
    assert.equal(DeezerAPIClient.AUTH_URL, "https://connect.deezer.com/oauth/auth.php");
    assert.equal(DeezerAPIClient.BASE_URL, "https://api.deezer.com");
    assert.equal(DeezerAPIClient.DEVICE_AUTH_URL, null);
    assert.equal(DeezerAPIClient.TOKEN_URL, "https://connect.deezer.com/oauth/access_token.php");
    assert.deepEqual([...DeezerAPIClient.resolvePermissions("library")].sort(), [
      "delete_library",
      "manage_library",
    ]);
    assert.equal(DeezerAPIClient.resolvePermissions().size, 7);
    assert.deepEqual(DeezerAPIClient.getTokens(), []);
    assert.equal(DeezerAPIClient.removeTokens(), 0);
  });

  it("closes itself at the end of an await using block", async () => {
    let closed = 0;
    {
      await using client = new DeezerAPIClient({ baseUrl: env.emulator.urls.deezerApi, storeTokens: false });
      const close = client.close.bind(client);
      client.close = async () => {
        closed++;
        await close();
      };
      await client.genres.getGenre();
      assert.equal(closed, 0);
    }
    assert.equal(closed, 1);
    assert.equal(api("/genre").length, 1);
  });

  it("create() with a given token sends nothing until asked", async () => {
    const token = env.emulator.deezer!.issueToken();
    const client = await DeezerAPIClient.create({
      baseUrl: env.emulator.urls.deezerApi,
      authFlow: "implicit",
      appId: DEFAULT_DEEZER_APP.appId,
      redirectUri: REDIRECT,
      accessToken: token,
      storeTokens: false,
    });
    env.closeAfterTest(client);
    assert.equal(env.emulator.requests.length, 0);
    assert.equal(client.authFlow, "implicit");
    assert.equal((await client.users.getUser()).id, USER.main);
  });

  it("honours per-call options and the user agent", async () => {
    const client = anonymous({ enableCache: false, userAgent: "  minim-test/1.0 " });
    env.emulator.faults.inject({
      path: "/infos",
      json: { error: { type: "Exception", message: "Service busy", code: 700 } },
    });
    await assert.rejects(() => client.getCountryInfo({ maxRetries: 0 }), ServiceUnavailableError);
    assert.equal(api("/infos").length, 1, "no retry when the call asks for none");
    assert.equal(api("/infos")[0]!.headers["user-agent"], "minim-test/1.0");

    const aborted = AbortSignal.abort();
    await assert.rejects(
      () => client.tracks.getTrack(1, { signal: aborted }),
      (error: unknown) => {
        assert.equal((error as Error).name, "AbortedError");
        return true;
      },
    );
    assert.equal(api("/track").length, 0);
  });

  it("setAuthFlow takes its signal in the options object, as TIDAL's does", async () => {
    const port = await freePort();
    const login = new AbortController();
    const client = anonymous({
      authUrl: `${env.emulator.urls.deezerConnect}/oauth/auth.php`,
      tokenUrl: `${env.emulator.urls.deezerConnect}/oauth/access_token.php`,
      // The user never consents: the application gives up once the page is presented.
      onAuthorization: () => login.abort(),
    });
    await assert.rejects(
      () =>
        client.setAuthFlow("implicit", {
          appId: DEFAULT_DEEZER_APP.appId,
          redirectUri: `http://127.0.0.1:${port}/callback`,
          redirectHandler: "http.server",
          storeTokens: false,
          signal: login.signal,
        }),
      (error: unknown) => {
        assert.equal((error as Error).name, "AbortedError");
        return true;
      },
    );
    assert.equal(client.authFlow, "implicit", "the flow is switched even when its login is abandoned");

    await client.setAuthFlow(null);
    assert.equal(client.authFlow, null);
    await assert.rejects(() => client.users.getUser(), AuthenticationRequiredError);
  });

  it("keeps to Deezer's quota of 50 requests per 5 seconds", async () => {
    const clock = new ManualClock(Date.now());
    const client = anonymous({ limitRate: true, enableCache: false, clock });
    const calls = Array.from({ length: 52 }, () => client.getCountryInfo());
    await waitFor(() => api("/infos").length === 50);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(api("/infos").length, 50, "the 51st request waits for the window");
    await clock.advance(5_000);
    await Promise.all(calls);
    assert.equal(api("/infos").length, 52);
  });
});

/** Plays the user on the emulator's consent page: allow, then follow the redirect to the local handler. */
async function consent(authorizationUrl: string): Promise<void> {
  const url = new URL(authorizationUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set("decision", "allow");
  const decided = await fetch(`${env.emulator.urls.deezerConnect}/oauth/auth.php`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const location = decided.headers.get("location");
  assert.ok(location, "the consent page redirects");
  await (await fetch(location)).text();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
