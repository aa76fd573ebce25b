import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { ManualClock } from "../../src/core/clock.js";
import { AbortedError, AuthorizationError, ServiceUnavailableError } from "../../src/core/errors.js";
import { LoginRequiredError } from "../../src/auth/errors.js";
import { OAuthSession, SingleFlight, type OAuthSessionOptions } from "../../src/auth/session.js";
import { TokenStore } from "../../src/auth/token-store.js";
import type { StoredToken, TokenStorage, TokenToSave } from "../../src/auth/token-storage.js";
import type { TokenSet } from "../../src/auth/types.js";
import { TidalAuth, type TidalAuthOptions } from "../../src/auth/tidal.js";
import { startServers, type EmulatorServers } from "../../src/emulator/server.js";
import {
  TIDAL_DEVICE_CLIENT_ID,
  TIDAL_DEVICE_CLIENT_SECRET,
  TidalEmulator,
} from "../../src/emulator/tidal/index.js";
import { driveClock, tempTokenStore, type TempTokenStore } from "./helpers.js";

const HOUR = 3_600_000;

let temp: TempTokenStore;
let store: TokenStore;
let clock: ManualClock;

beforeEach(() => {
  temp = tempTokenStore("minim-session-");
  store = temp.store;
  clock = new ManualClock();
});

afterEach(() => temp.remove());

function token(accessToken: string, overrides: Partial<TokenSet> = {}): TokenSet {
  return {
    accessToken,
    tokenType: "Bearer",
    refreshToken: `refresh-of-${accessToken}`,
    expiresAt: new Date(clock.now() + HOUR),
    scopes: ["r_usr"],
    extras: {},
    ...overrides,
  };
}

interface Harness {
  session: OAuthSession;
  authorizeCalls: number;
  refreshCalls: number;
  warnings: string[];
}

function harness(
  options: Partial<OAuthSessionOptions> & { refreshImpl?: (t: TokenSet) => Promise<TokenSet> } = {},
) {
  const h: Harness = {
    session: undefined as unknown as OAuthSession,
    authorizeCalls: 0,
    refreshCalls: 0,
    warnings: [],
  };
  let counter = 0;
  const { refreshImpl, ...rest } = options;
  h.session = new OAuthSession({
    clientName: "TestClient",
    authFlow: "pkce",
    clientId: "client-1",
    tokenStore: store,
    clock,
    warn: (message) => h.warnings.push(message),
    authorize: async () => {
      h.authorizeCalls++;
      return token(`authorized-${++counter}`, { extras: { user_id: 42 } });
    },
    refresh: async (current) => {
      h.refreshCalls++;
      if (refreshImpl) return refreshImpl(current);
      await clock.sleep(0);
      return token(`refreshed-${++counter}`, { refreshToken: current.refreshToken });
    },
    resolveUserId: async (t) => String(t.extras["user_id"] ?? "unknown"),
    ...rest,
  });
  return h;
}

describe("OAuthSession", () => {
  it("authorizes once, names the login after the user id and stores it", async () => {
    const h = harness();
    assert.equal(h.session.accountKey(), "anonymous");
    const credential = await h.session.getCredential();
    assert.equal(credential.accessToken, "authorized-1");
    assert.equal(credential.tokenType, "Bearer");
    assert.equal(h.authorizeCalls, 1);
    assert.equal(h.session.userIdentifier, "42");
    assert.equal(h.session.accountKey(), "user:42");
    const stored = store.find({
      clientName: "TestClient",
      authFlow: "pkce",
      clientId: "client-1",
      userIdentifier: "42",
    });
    assert.equal(stored?.accessToken, "authorized-1");
    assert.equal(stored?.refreshToken, "refresh-of-authorized-1");
    assert.deepEqual(stored?.extras, { user_id: 42 });
    // A second call reuses the token.
    assert.equal((await h.session.getCredential()).accessToken, "authorized-1");
    assert.equal(h.authorizeCalls, 1);
  });

  it("reuses a stored login in a new session and restores its identifier", async () => {
    await harness().session.getCredential();
    const second = harness();
    const credential = await second.session.getCredential();
    assert.equal(credential.accessToken, "authorized-1");
    assert.equal(second.authorizeCalls, 0);
    assert.equal(second.session.userIdentifier, "42");
    assert.equal(second.session.accountKey(), "user:42");
  });

  it("looks up the named login when an identifier is given", async () => {
    await harness({ userIdentifier: "work" }).session.getCredential();
    const other = harness({ userIdentifier: "home" });
    assert.equal((await other.session.getCredential()).accessToken, "authorized-1");
    assert.equal(other.authorizeCalls, 1, "no login stored under 'home', so a new authorization runs");
    const same = harness({ userIdentifier: "work" });
    await same.session.getCredential();
    assert.equal(same.authorizeCalls, 0);
  });

  it("`~name` skips the stored login, authorizes and stores under `name`", async () => {
    await harness({ userIdentifier: "work" }).session.getCredential();
    const forced = harness({ userIdentifier: "~work" });
    assert.equal(forced.session.userIdentifier, "work");
    await forced.session.getCredential();
    assert.equal(forced.authorizeCalls, 1);
    assert.equal(forced.session.accountKey(), "user:work");
    assert.equal(store.list({ clientName: "TestClient" }).length, 1);
  });

  it("does not read or write the store when storeTokens is off", async () => {
    await harness().session.getCredential();
    const h = harness({ storeTokens: false, userIdentifier: "x" });
    await h.session.getCredential();
    assert.equal(h.authorizeCalls, 1);
    assert.equal(store.list({ clientName: "TestClient", userIdentifiers: "x" }).length, 0);
  });

  it("refreshes proactively within 60 s of expiry and saves the result", async () => {
    const h = harness();
    await h.session.getCredential();
    await clock.advance(HOUR - 61_000);
    assert.equal((await h.session.getCredential()).accessToken, "authorized-1");
    assert.equal(h.refreshCalls, 0);
    await clock.advance(2_000);
    const pending = h.session.getCredential();
    await clock.advance(0);
    assert.equal((await pending).accessToken, "refreshed-2");
    assert.equal(h.refreshCalls, 1);
    const stored = store.find({ clientName: "TestClient", authFlow: "pkce", clientId: "client-1" });
    assert.equal(stored?.accessToken, "refreshed-2");
  });

  it("keeps a rotated refresh token", async () => {
    const h = harness({
      refreshImpl: async () => token("rotated-access", { refreshToken: "rotated-refresh" }),
    });
    await h.session.getCredential();
    await clock.advance(HOUR);
    await h.session.getCredential();
    assert.equal(h.session.token?.refreshToken, "rotated-refresh");
    const stored = store.find({ clientName: "TestClient", authFlow: "pkce", clientId: "client-1" });
    assert.equal(stored?.refreshToken, "rotated-refresh");
  });

  it("shares one refresh among 100 concurrent callers", async () => {
    const h = harness();
    await h.session.getCredential();
    await clock.advance(HOUR + 1);
    const calls = Array.from({ length: 100 }, () => h.session.getCredential());
    await clock.advance(0);
    const credentials = await Promise.all(calls);
    assert.equal(h.refreshCalls, 1);
    assert.ok(credentials.every((c) => c.accessToken === "refreshed-2"));
  });

  it("renewAfterRejection returns the newer token without a request, else renews once for all callers", async () => {
    const h = harness();
    const first = await h.session.getCredential();
    const renewals = Array.from({ length: 20 }, () => h.session.renewAfterRejection(first));
    await clock.advance(0);
    const renewed = await Promise.all(renewals);
    assert.equal(h.refreshCalls, 1);
    assert.ok(renewed.every((c) => c?.accessToken === "refreshed-2"));
    // A caller still holding the first token learns about the new one without another refresh.
    const late = await h.session.renewAfterRejection(first);
    assert.equal(late?.accessToken, "refreshed-2");
    assert.equal(h.refreshCalls, 1);
  });

  it("a transient refresh failure on an expired token rethrows and keeps both the memory and stored token", async () => {
    const h = harness({
      refreshImpl: async () => {
        throw new ServiceUnavailableError({
          service: "tidal",
          status: 503,
          method: "POST",
          url: "http://127.0.0.1/token",
          message: "The authorization server answered 503.",
        });
      },
    });
    await h.session.getCredential();
    await clock.advance(HOUR + 1);
    await assert.rejects(h.session.getCredential(), ServiceUnavailableError);
    assert.equal(h.session.token?.accessToken, "authorized-1");
    assert.equal(h.session.token?.refreshToken, "refresh-of-authorized-1");
    const stored = store.find({ clientName: "TestClient", authFlow: "pkce", clientId: "client-1" });
    assert.equal(stored?.accessToken, "authorized-1");
    assert.equal(stored?.refreshToken, "refresh-of-authorized-1");
    assert.equal(h.authorizeCalls, 1, "a transient failure never starts a new authorization");
  });

  it("a transient refresh failure before expiry keeps using the still valid token", async () => {
    const h = harness({
      refreshImpl: async () => {
        throw new ServiceUnavailableError({
          service: "tidal",
          status: 502,
          method: "POST",
          url: "http://127.0.0.1/token",
          message: "The authorization server answered 502.",
        });
      },
    });
    await h.session.getCredential();
    await clock.advance(HOUR - 30_000);
    assert.equal((await h.session.getCredential()).accessToken, "authorized-1");
    assert.equal(h.refreshCalls, 1);
    assert.equal(h.warnings.length, 1);
    assert.match(h.warnings[0] ?? "", /Renewing the access token failed/);
  });

  it("invalid_grant falls back to a new authorization", async () => {
    const h = harness({
      refreshImpl: async () => {
        throw new AuthorizationError({ error: "invalid_grant", status: 400 });
      },
    });
    await h.session.getCredential();
    await clock.advance(HOUR + 1);
    assert.equal((await h.session.getCredential()).accessToken, "authorized-2");
    assert.equal(h.authorizeCalls, 2);
    assert.ok(h.warnings.some((w) => w.includes("invalid_grant")));
  });

  it("invalid_grant without interactive authorization throws and leaves the store alone", async () => {
    await harness().session.getCredential();
    const h = harness({
      interactive: false,
      refreshImpl: async () => {
        throw new AuthorizationError({ error: "invalid_grant", status: 400 });
      },
    });
    await h.session.getCredential();
    await clock.advance(HOUR + 1);
    await assert.rejects(
      h.session.getCredential(),
      (e: unknown) =>
        e instanceof LoginRequiredError &&
        e.cause instanceof AuthorizationError &&
        e.cause.error === "invalid_grant",
    );
    assert.equal(h.authorizeCalls, 0);
    assert.equal(store.list({ clientName: "TestClient" }).length, 1);
  });

  it("without a stored token and interactive: false, getCredential and renewAfterRejection fail with LoginRequiredError", async () => {
    const h = harness({ interactive: false, loginCommand: "minim login test" });
    await assert.rejects(
      h.session.getCredential(),
      (e: unknown) =>
        e instanceof LoginRequiredError &&
        e.error === "interaction_required" &&
        e.loginCommand === "minim login test" &&
        e.message.includes("`minim login test`"),
    );
    const given = harness({ interactive: false, token: token("given", { refreshToken: null }) });
    await assert.rejects(given.session.renewAfterRejection({ accessToken: "given" }), LoginRequiredError);
    assert.equal(h.authorizeCalls + given.authorizeCalls, 0);
  });

  it("re-authorizes when the token expires and there is no refresh token", async () => {
    let n = 0;
    const h = harness({
      authorize: async () => token(`auth-${++n}`, { refreshToken: null, extras: { user_id: 7 } }),
    });
    await h.session.getCredential();
    await clock.advance(HOUR);
    assert.equal((await h.session.getCredential()).accessToken, "auth-2");
    assert.equal(h.refreshCalls, 0);
  });

  it("a failed authorization never deletes a stored login", async () => {
    await harness({ userIdentifier: "keep" }).session.getCredential();
    const h = harness({
      userIdentifier: "~keep",
      authorize: async () => {
        throw new AuthorizationError({ error: "access_denied" });
      },
    });
    await assert.rejects(h.session.getCredential(), AuthorizationError);
    assert.equal(
      store.find({ clientName: "TestClient", authFlow: "pkce", clientId: "client-1" })?.accessToken,
      "authorized-1",
    );
  });

  it("an application-supplied token wins over the store and is not saved", async () => {
    await harness().session.getCredential();
    const h = harness({ token: token("supplied") });
    assert.equal((await h.session.getCredential()).accessToken, "supplied");
    assert.equal(h.authorizeCalls, 0);
    assert.equal(
      store.find({ clientName: "TestClient", authFlow: "pkce", clientId: "client-1" })?.accessToken,
      "authorized-1",
    );
  });

  it("accountKey hashes the token when no identifier is known, and never contains it", async () => {
    const h = harness({ token: token("secret-access-token-value"), resolveUserId: undefined });
    const key = h.session.accountKey();
    assert.match(key, /^token:[0-9a-f]{16}$/);
    assert.ok(!key.includes("secret-access-token-value"));
    h.session.setToken(token("another-token"));
    assert.notEqual(h.session.accountKey(), key);
  });

  it("keeps the token when the user id cannot be learnt, and warns without secrets", async () => {
    const h = harness({
      resolveUserId: async () => {
        throw new Error("profile endpoint down");
      },
    });
    assert.equal((await h.session.getCredential()).accessToken, "authorized-1");
    assert.equal(h.session.userIdentifier, null);
    assert.equal(
      store.find({ clientName: "TestClient", authFlow: "pkce", clientId: "client-1", userIdentifier: "" })
        ?.accessToken,
      "authorized-1",
    );
    assert.ok(h.warnings.every((w) => !w.includes("authorized-1")));
  });

  it("a user-id lookup that asks the session for a credential gets the new token instead of waiting on itself", async () => {
    const seen: (string | null)[] = [];
    const h: { session?: OAuthSession } = {};
    h.session = harness({
      resolveUserId: async (fresh) => {
        // What the client's request pipeline does when the lookup goes through it.
        const credential = await h.session?.getCredential();
        seen.push(credential?.accessToken ?? null);
        assert.equal(await h.session?.renewAfterRejection({ accessToken: fresh.accessToken }), null);
        return "77";
      },
    }).session;
    assert.equal((await h.session.getCredential()).accessToken, "authorized-1");
    assert.deepEqual(seen, ["authorized-1"]);
    assert.equal(h.session.userIdentifier, "77");
  });

  it("refreshes a stored token that is about to expire before using it", async () => {
    await harness().session.getCredential();
    await clock.advance(HOUR);
    const h = harness();
    const pending = h.session.getCredential();
    await clock.advance(0);
    assert.equal((await pending).accessToken, "refreshed-1");
    assert.equal(h.refreshCalls, 1);
    assert.equal(h.authorizeCalls, 0);
  });
});

describe("SingleFlight", () => {
  it("one caller aborting does not abort the shared operation for the others", async () => {
    const flight = new SingleFlight<string>();
    let taskSignal: AbortSignal | undefined;
    let finish!: (value: string) => void;
    const task = (signal: AbortSignal) => {
      taskSignal = signal;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const impatient = new AbortController();
    const a = flight.run(task, impatient.signal);
    const b = flight.run(task);
    impatient.abort();
    await assert.rejects(a, AbortedError);
    assert.equal(taskSignal?.aborted, false);
    finish("done");
    assert.equal(await b, "done");
    assert.equal(flight.active, false);
  });

  it("aborts the operation once every waiter has given up", async () => {
    const flight = new SingleFlight<string>();
    let taskSignal: AbortSignal | undefined;
    const task = (signal: AbortSignal) => {
      taskSignal = signal;
      return new Promise<string>((_, reject) =>
        signal.addEventListener("abort", () => reject(new Error("stopped"))),
      );
    };
    const one = new AbortController();
    const two = new AbortController();
    const a = flight.run(task, one.signal);
    const b = flight.run(task, two.signal);
    one.abort();
    assert.equal(taskSignal?.aborted, false);
    two.abort();
    assert.equal(taskSignal?.aborted, true);
    await assert.rejects(a, AbortedError);
    await assert.rejects(b, AbortedError);
  });
});

/** A storage of the application's own (here in memory), as a shared backend would plug in. */
class MemoryStorage implements TokenStorage {
  readonly rows = new Map<string, StoredToken>();
  locks = 0;
  #held: Promise<void> = Promise.resolve();

  async findToken(query: { userIdentifier?: string }): Promise<StoredToken | undefined> {
    return [...this.rows.values()].find(
      (row) => query.userIdentifier === undefined || row.userIdentifier === query.userIdentifier,
    );
  }

  async saveToken(token: TokenToSave): Promise<void> {
    this.rows.set(token.userIdentifier, { ...token, addedAt: token.addedAt ?? new Date() });
  }

  async withLock<T>(_key: string, task: () => Promise<T>): Promise<T> {
    this.locks++;
    const previous = this.#held;
    let release!: () => void;
    this.#held = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await task();
    } finally {
      release();
    }
  }
}

describe("OAuthSession over any TokenStorage, shared with other processes", () => {
  function stored(accessToken: string, refreshToken: string, expiresAt: Date): TokenToSave {
    return {
      clientName: "TestClient",
      authFlow: "pkce",
      clientId: "client-1",
      clientSecret: null,
      userIdentifier: "42",
      redirectUri: null,
      scopes: ["r_usr"],
      tokenType: "Bearer",
      accessToken,
      accessTokenSecret: null,
      expiresAt,
      refreshToken,
      extras: null,
      addedAt: new Date(clock.now()),
    };
  }

  it("before refreshing, adopts the newer token another process saved (no refresh request)", async () => {
    const memory = new MemoryStorage();
    await memory.saveToken(stored("old", "refresh-old", new Date(clock.now() + HOUR)));
    const h = harness({ tokenStore: memory });
    assert.equal((await h.session.getCredential()).accessToken, "old");
    // Another process refreshed meanwhile and saved the rotated login.
    await memory.saveToken(stored("sibling", "refresh-sibling", new Date(clock.now() + 3 * HOUR)));
    await clock.advance(HOUR);
    assert.equal((await h.session.getCredential()).accessToken, "sibling");
    assert.equal(h.refreshCalls, 0);
    assert.equal(memory.locks, 0, "a newer stored token needs no lock and no request");
    // A rejection of the old token is answered from the store the same way.
    assert.equal((await h.session.renewAfterRejection({ accessToken: "old" }))?.accessToken, "sibling");
    assert.equal(h.refreshCalls, 0);
  });

  it("on invalid_grant, re-reads the store and uses the token a sibling saved", async () => {
    const memory = new MemoryStorage();
    await memory.saveToken(stored("old", "refresh-old", new Date(clock.now() + HOUR)));
    const h = harness({
      tokenStore: memory,
      interactive: false,
      refreshImpl: async () => {
        // The sibling's rotation lands while our request is on its way, which is why it is refused.
        await memory.saveToken(stored("sibling", "refresh-sibling", new Date(clock.now() + 2 * HOUR)));
        throw new AuthorizationError({ error: "invalid_grant", status: 400 });
      },
    });
    await h.session.getCredential();
    await clock.advance(HOUR);
    assert.equal((await h.session.getCredential()).accessToken, "sibling");
    assert.equal(h.refreshCalls, 1);
    assert.equal(h.authorizeCalls, 0);
  });

  it("a storage that cannot lock costs a warning, not the token", async () => {
    const memory = new MemoryStorage();
    memory.withLock = () => Promise.reject(new Error("backend unreachable"));
    await memory.saveToken(stored("old", "refresh-old", new Date(clock.now() + HOUR)));
    const h = harness({
      tokenStore: memory,
      refreshImpl: async () => token("refreshed-1"),
    });
    await h.session.getCredential();
    await clock.advance(HOUR);
    assert.equal((await h.session.getCredential()).accessToken, "refreshed-1");
    assert.ok(h.warnings.some((w) => /Could not lock the token store/.test(w)));
  });

  it("a refresh it does run is saved through the storage", async () => {
    const memory = new MemoryStorage();
    await memory.saveToken(stored("old", "refresh-old", new Date(clock.now() + HOUR)));
    const h = harness({
      tokenStore: memory,
      refreshImpl: async (current) => token("refreshed-1", { refreshToken: `${current.refreshToken}-2` }),
    });
    await h.session.getCredential();
    await clock.advance(HOUR);
    const fresh = await h.session.getCredential();
    assert.equal(memory.locks, 1, "the refresh ran under the storage's lock");
    assert.match(fresh.accessToken, /^refreshed-/);
    assert.equal(memory.rows.get("42")?.accessToken, fresh.accessToken);
    assert.equal(h.refreshCalls, 1);
  });
});

describe("OAuthSession without a prompt, when a login is stored meanwhile", () => {
  /** What `minim login` in another terminal does: its own connection to the same database file. */
  async function storeElsewhere(accessToken: string, overrides: Partial<TokenToSave> = {}): Promise<void> {
    const other = new TokenStore({ path: store.path });
    try {
      await other.saveToken({
        clientName: "TestClient",
        authFlow: "pkce",
        clientId: "client-1",
        clientSecret: null,
        userIdentifier: "42",
        redirectUri: null,
        scopes: ["r_usr"],
        tokenType: "Bearer",
        accessToken,
        accessTokenSecret: null,
        expiresAt: new Date(clock.now() + HOUR),
        refreshToken: `refresh-of-${accessToken}`,
        extras: null,
        addedAt: new Date(clock.now()),
        ...overrides,
      });
    } finally {
      other.close();
    }
  }

  it("a client that started without a login uses the one stored by another process", async () => {
    const h = harness({ interactive: false });
    await assert.rejects(h.session.getCredential(), LoginRequiredError);
    await assert.rejects(h.session.renewAfterRejection({ accessToken: "anything" }), LoginRequiredError);
    await storeElsewhere("from-login-command");
    assert.equal((await h.session.getCredential()).accessToken, "from-login-command");
    assert.equal(h.session.userIdentifier, "42", "later saves go to the row it came from");
    assert.equal(h.authorizeCalls, 0);
    assert.equal(h.refreshCalls, 0);
  });

  it("only the row of the identifier it was given qualifies", async () => {
    const h = harness({ interactive: false, userIdentifier: "home" });
    await assert.rejects(h.session.getCredential(), LoginRequiredError);
    await storeElsewhere("someone-else");
    await assert.rejects(h.session.getCredential(), LoginRequiredError);
    await storeElsewhere("home-login", { userIdentifier: "home" });
    assert.equal((await h.session.getCredential()).accessToken, "home-login");
  });

  it("a stored login about to expire is refreshed before use", async () => {
    const h = harness({ interactive: false });
    await assert.rejects(h.session.getCredential(), LoginRequiredError);
    await storeElsewhere("nearly-expired", { expiresAt: new Date(clock.now() + 1_000) });
    const pending = h.session.getCredential();
    await clock.advance(0);
    assert.equal((await pending).accessToken, "refreshed-1");
    assert.equal(h.refreshCalls, 1);
    assert.equal(
      store.find({ clientName: "TestClient", authFlow: "pkce", clientId: "client-1", userIdentifier: "42" })
        ?.accessToken,
      "refreshed-1",
    );
  });

  it("the stored row of the token that failed does not count as a new login", async () => {
    await storeElsewhere("expired", { expiresAt: new Date(clock.now() - 1_000), refreshToken: null });
    const h = harness({ interactive: false });
    await assert.rejects(h.session.getCredential(), LoginRequiredError);
    await storeElsewhere("fresh", { addedAt: new Date(clock.now() + 1_000) });
    assert.equal((await h.session.getCredential()).accessToken, "fresh");
  });

  it("a given token is kept until rejected, then replaced only by the row of its named account", async () => {
    await storeElsewhere("stored-42");
    const anonymous = harness({ interactive: false, token: token("given", { refreshToken: null }) });
    assert.equal((await anonymous.session.getCredential()).accessToken, "given");
    // Whose token "given" is cannot be known, so the most recent login of the store is no substitute.
    await assert.rejects(anonymous.session.renewAfterRejection({ accessToken: "given" }), LoginRequiredError);

    const named = harness({
      interactive: false,
      userIdentifier: "42",
      token: token("given", { refreshToken: null }),
    });
    assert.equal(
      (await named.session.getCredential()).accessToken,
      "given",
      "the store does not override it",
    );
    assert.equal(
      (await named.session.renewAfterRejection({ accessToken: "given" }))?.accessToken,
      "stored-42",
    );
    assert.equal(named.authorizeCalls + named.refreshCalls, 0);
  });

  it("`~name` asked for a new login and does not take the stored one instead", async () => {
    await storeElsewhere("old-home", { userIdentifier: "home" });
    const h = harness({ interactive: false, userIdentifier: "~home" });
    await assert.rejects(h.session.getCredential(), LoginRequiredError);
  });
});

describe("a client without a prompt and `minim login` in another terminal, with the emulator", () => {
  let tidal: TidalEmulator;
  let servers: EmulatorServers;
  const created: TidalAuth[] = [];
  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 0, 1));
    tidal = new TidalEmulator({ now: () => clock.now() });
    servers = await startServers({}, (builder) => tidal.install(builder));
  });
  afterEach(async () => {
    for (const auth of created.splice(0)) await auth.close();
    await servers.close();
  });

  function deviceLogin(extra: Partial<TidalAuthOptions>): TidalAuth {
    const auth = new TidalAuth({
      authFlow: "device",
      clientId: TIDAL_DEVICE_CLIENT_ID,
      clientSecret: TIDAL_DEVICE_CLIENT_SECRET,
      scopes: ["r_usr", "w_usr"],
      tokenUrl: `${servers.urls.tidalAuth}/v1/oauth2/token`,
      deviceAuthUrl: `${servers.urls.tidalAuth}/v1/oauth2/device_authorization`,
      clock,
      warn: () => undefined,
      ...extra,
    });
    created.push(auth);
    return auth;
  }

  it("the waiting client uses the login the other process stored", async () => {
    const waiting = deviceLogin({ tokenStore: store, interactive: false });
    await assert.rejects(waiting.getCredential(), LoginRequiredError);
    assert.equal(tidal.deviceAuthorizations.length, 0, "no login was started without a prompt");

    const otherConnection = new TokenStore({ path: store.path });
    try {
      const login = deviceLogin({
        tokenStore: otherConnection,
        onAuthorization: (prompt) => tidal.approveDevice(prompt.userCode ?? ""),
      });
      await driveClock(clock, login.authenticate());
      const issued = (await login.getCredential())?.accessToken;
      assert.ok(issued);
      assert.equal((await waiting.getCredential())?.accessToken, issued);
      assert.equal(waiting.userId, String(tidal.mainUserId));
      assert.equal(tidal.countTokenRequests(), 1, "the waiting client sent no request of its own");
    } finally {
      otherConnection.close();
    }
  });
});
