/**
 * Every endpoint method of both clients, found at run time (the groups on each client and the methods on their
 * prototypes), called with a bad argument: the call must hand back a promise rather than throw, that promise must
 * reject with a `ValidationError`, and the emulator must see no request. A list method's promise is also walked,
 * as a caller who never awaits it would: the loop must fail with the same error.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ValidationError } from "../../src/core/errors.js";
import { PagePromise } from "../../src/core/pagination.js";
import { DeezerAPIClient } from "../../src/deezer/client.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { TIDAL_PKCE_CLIENT_ID } from "../../src/emulator/tidal/index.js";
import { PrivateTIDALAPIClient } from "../../src/tidal/index.js";

/** Invalid wherever a positional argument is expected: an id, an id list, a UUID, a query, a name, an enum. */
const BAD_ARGUMENT = " ";

/**
 * Methods whose only parameter is their options object, with the bad option each is called with. A method
 * missing here is called with {@link BAD_ARGUMENT} in its options' place, which a method of this kind accepts:
 * the test then fails on the request that reaches the emulator, and the method belongs in this list.
 */
const PAGED = { limit: -1 };
const TIMED = { timeout: "soon" };
const OPTIONS_ONLY: Readonly<Record<"tidal" | "deezer", Readonly<Record<string, object>>>> = {
  tidal: {
    "client.getCountryCode": TIMED,
    "feed.getFeedActivities": TIMED,
    "feed.markFeedActivitiesSeen": TIMED,
    "feed.hasUnseenFeedActivities": TIMED,
    "mixes.getPersonalizedMixesPage": { deviceType: "FRIDGE" },
    "mixes.getMyFollowedMixes": PAGED,
    "mixes.getMyFollowedMixIds": PAGED,
    "pages.getMyHomePage": { deviceType: "FRIDGE" },
    "pages.getMyExplorePage": { locale: "not a locale" },
    "pages.getPersonalizedMixesPage": { deviceType: "FRIDGE" },
    "playlists.getMyPlaylists": PAGED,
    "playlists.getMyFoldersAndPlaylists": PAGED,
    "users.getMe": TIMED,
    "users.getSession": { maxRetries: -1 },
    "users.getMyFollowedMixes": PAGED,
    "users.getMyFollowedMixIds": PAGED,
    "users.getMyPlaylists": PAGED,
    "users.getMyFoldersAndPlaylists": PAGED,
    "users.getMyBlockedUsers": PAGED,
  },
  deezer: {
    "client.getCountryInfo": TIMED,
    "albums.getTopAlbums": PAGED,
    "artists.getTopArtists": PAGED,
    "charts.getTopAlbums": PAGED,
    "charts.getTopArtists": PAGED,
    "charts.getTopPlaylists": PAGED,
    "charts.getTopPodcasts": PAGED,
    "charts.getTopRadios": PAGED,
    "charts.getTopTracks": PAGED,
    "playlists.getTopPlaylists": PAGED,
    "podcasts.getTopPodcasts": PAGED,
    "radios.getAllRadios": TIMED,
    "radios.getRadioGroups": { signal: "stop" },
    "radios.getRadios": PAGED,
    "radios.getTopRadios": PAGED,
    "tracks.getTopTracks": PAGED,
    "users.getUserOptions": TIMED,
  },
};

/** Endpoint methods defined on the client itself rather than in a group. */
const CLIENT_METHODS: Readonly<Record<"tidal" | "deezer", readonly string[]>> = {
  tidal: ["getCountryCode"],
  deezer: ["getCountryInfo"],
};

type Method = (...args: unknown[]) => unknown;

interface Endpoint {
  /** `group.method`, or `client.method` for one on the client itself. */
  label: string;
  call: Method;
}

/** The client's endpoint groups (objects held in its own properties) and every method on their prototypes. */
function endpointsOf(client: object, clientMethods: readonly string[]): Endpoint[] {
  const found: Endpoint[] = [];
  for (const name of clientMethods) {
    const method = (client as Record<string, Method>)[name]!;
    found.push({ label: `client.${name}`, call: method.bind(client) });
  }
  for (const [group, api] of Object.entries(client)) {
    if (typeof api !== "object" || api === null) continue;
    const names = new Set<string>();
    // A group's methods live on its class and the classes between it and the shared base; the base's
    // protected helpers (`get`, `post`, …) are not endpoint methods.
    for (let proto: object | null = Object.getPrototypeOf(api) as object; proto !== null;) {
      const base = Object.getPrototypeOf(proto) as object | null;
      if (base === null || base === Object.prototype) break;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const value = (proto as Record<string, unknown>)[name];
        if (name !== "constructor" && typeof value === "function") names.add(name);
      }
      proto = base;
    }
    for (const name of names) {
      found.push({ label: `${group}.${name}`, call: (api as Record<string, Method>)[name]!.bind(api) });
    }
  }
  return found;
}

/** How one way of using a call's result ended: its error, or "resolved". */
async function outcome(use: () => Promise<unknown>): Promise<unknown> {
  try {
    await use();
    return "resolved";
  } catch (error) {
    return error;
  }
}

/**
 * What a call handed back, used the ways its caller may use it: awaited, and for a list also walked with
 * `for await` and page by page. Each is a separate consumer of the same result and must fail on its own.
 */
async function outcomes(label: string, returned: unknown): Promise<Map<string, unknown>> {
  assert.ok(returned instanceof Promise, `${label} returned ${String(returned)}, not a promise`);
  const ways = new Map<string, () => Promise<unknown>>([["await", () => returned]]);
  if (returned instanceof PagePromise) {
    const list = returned as PagePromise<unknown, unknown>;
    ways.set("for await", async () => {
      for await (const item of list) void item;
    });
    ways.set("pages()", async () => {
      for await (const page of list.pages()) void page;
    });
  }
  const ended = new Map<string, unknown>();
  for (const [way, use] of ways) ended.set(way, await outcome(use));
  return ended;
}

describe("every endpoint method rejects bad arguments without sending anything", () => {
  let emulator: Emulator;
  let clients: { tidal: PrivateTIDALAPIClient; deezer: DeezerAPIClient };

  before(async () => {
    emulator = await startEmulator({ services: ["deezer", "tidal"] });
    const issued = emulator.tidal!.issueToken();
    // Both clients hold a user's token, so no method is refused for want of one before its arguments are read.
    clients = {
      tidal: new PrivateTIDALAPIClient({
        authFlow: "pkce",
        clientId: TIDAL_PKCE_CLIENT_ID,
        redirectUri: "tidal://login/auth",
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        storeTokens: false,
        limitRate: false,
        maxRetries: 0,
        warn: () => {},
        baseUrl: emulator.urls.tidalApi,
        loginUrl: emulator.urls.tidalLogin,
        tokenUrl: `${emulator.urls.tidalAuth}/v1/oauth2/token`,
        resourceUrl: emulator.urls.tidalResources,
      }),
      deezer: new DeezerAPIClient({
        authFlow: "implicit",
        appId: "100001",
        redirectUri: "http://127.0.0.1:8765/callback",
        accessToken: emulator.deezer!.issueToken(),
        permissions: DeezerAPIClient.resolvePermissions(),
        storeTokens: false,
        limitRate: false,
        maxRetries: 0,
        baseUrl: emulator.urls.deezerApi,
      }),
    };
  });

  after(async () => {
    await clients.tidal.close();
    await clients.deezer.close();
    await emulator.close();
  });

  for (const service of ["tidal", "deezer"] as const) {
    it(`${service}: each method's bad argument is a rejected promise and no request`, async () => {
      const endpoints = endpointsOf(clients[service], CLIENT_METHODS[service]);
      const optionsOnly = OPTIONS_ONLY[service];
      const labels = new Set(endpoints.map((endpoint) => endpoint.label));
      // A renamed or removed method must leave the list too, or the list stops saying what it checks.
      assert.deepEqual(
        Object.keys(optionsOnly).filter((label) => !labels.has(label)),
        [],
        "listed methods that do not exist",
      );
      assert.ok(endpoints.length > 100, `only ${endpoints.length} ${service} endpoint methods found`);

      const failures: string[] = [];
      const walked = new Set<string>();
      for (const { label, call } of endpoints) {
        emulator.clearRequests();
        const badOptions = optionsOnly[label];
        let returned: unknown;
        try {
          returned = badOptions === undefined ? call(BAD_ARGUMENT) : call(badOptions);
        } catch (error) {
          failures.push(`${label} threw synchronously: ${String(error)}`);
          continue;
        }
        const ended = await outcomes(label, returned);
        if (ended.has("for await")) walked.add(label);
        for (const [way, error] of ended) {
          if (!(error instanceof ValidationError)) {
            failures.push(`${label} (${way}) settled with ${String(error)} instead of a ValidationError`);
          } else if (badOptions !== undefined && !Object.keys(badOptions).includes(error.parameter)) {
            failures.push(`${label} (${way}) blamed ${error.parameter}, not the bad option`);
          }
        }
        const sent = emulator.requests.map((request) => `${request.method} ${request.url}`);
        if (sent.length > 0) failures.push(`${label} sent ${sent.join(", ")}`);
      }
      assert.deepEqual(failures, []);
      // List methods were among those walked, wrappers and options-only lists included.
      const lists = {
        tidal: ["albums.getAlbumItems", "albums.getUserSavedAlbums", "users.getMyPlaylists"],
        deezer: ["albums.getAlbumFans", "albums.getTopAlbums", "charts.getTopTracks"],
      }[service];
      assert.deepEqual(
        lists.filter((label) => !walked.has(label)),
        [],
        "list methods that did not hand back a PagePromise",
      );
    });
  }
});
