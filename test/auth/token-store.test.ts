import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { ensureMinimDir, minimDir } from "../../src/auth/minim-dir.js";
import { TokenStore, formatTimestamp, parseTimestamp, type TokenToSave } from "../../src/auth/token-store.js";
import { isStoredTokenNewer } from "../../src/auth/token-storage.js";
import { AbortedError } from "../../src/core/errors.js";

let root: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), "minim-token-store-"));
});
after(() => {
  rmSync(root, { recursive: true, force: true });
});

let counter = 0;
function freshPath(): string {
  counter += 1;
  return join(root, `case-${counter}`, "auth.db");
}

function token(overrides: Partial<TokenToSave> = {}): TokenToSave {
  return {
    clientName: "DeezerAPIClient",
    authFlow: "auth_code",
    clientId: "123456",
    clientSecret: "app-secret-value",
    userIdentifier: "",
    redirectUri: "http://localhost:8888/callback",
    scopes: [],
    tokenType: null,
    accessToken: "access-token-value",
    accessTokenSecret: null,
    expiresAt: null,
    refreshToken: null,
    extras: null,
    ...overrides,
  };
}

describe("minimDir", () => {
  it("follows $MINIM_DIR and creates a missing directory owner-only", () => {
    const previous = process.env["MINIM_DIR"];
    const dir = join(root, "custom-minim");
    process.env["MINIM_DIR"] = dir;
    try {
      assert.equal(minimDir(), dir);
      assert.equal(existsSync(dir), false, "reading the location must not create it");
      assert.equal(ensureMinimDir(), dir);
      assert.equal(statSync(dir).mode & 0o777, 0o700);
    } finally {
      if (previous === undefined) delete process.env["MINIM_DIR"];
      else process.env["MINIM_DIR"] = previous;
    }
  });

  it("defaults to ~/.minim when $MINIM_DIR is unset", () => {
    const previous = process.env["MINIM_DIR"];
    delete process.env["MINIM_DIR"];
    try {
      assert.match(minimDir(), /[/\\]\.minim$/);
    } finally {
      if (previous !== undefined) process.env["MINIM_DIR"] = previous;
    }
  });
});

describe("TokenStore", () => {
  it("opens lazily: nothing exists until the first use, then file 0600 in a 0700 directory", () => {
    const path = freshPath();
    const dir = join(path, "..");
    const store = new TokenStore({ path });
    assert.equal(store.path, path);
    assert.equal(existsSync(dir), false);
    assert.equal(store.find({ clientName: "X", authFlow: "pkce", clientId: "id" }), undefined);
    assert.equal(existsSync(path), true);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    store.close();
  });

  it("creates the shared tokens schema, in WAL mode, with the exact time format", () => {
    const path = freshPath();
    const store = new TokenStore({ path });
    store.save(
      token({
        scopes: ["offline_access", "basic_access", "email"],
        expiresAt: new Date(Date.UTC(2031, 4, 6, 7, 8, 9, 999)),
        addedAt: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
        extras: { user_id: 42 },
      }),
    );
    store.close();

    const db = new Database(path, { readonly: true });
    try {
      const info = db.prepare("PRAGMA table_info(tokens)").all() as {
        name: string;
        type: string;
        pk: number;
        dflt_value: string | null;
      }[];
      assert.deepEqual(
        info.map((c) => [c.name, c.type]),
        [
          ["added_at", "TIMESTAMP"],
          ["client_name", "TEXT"],
          ["auth_flow", "TEXT"],
          ["client_id", "TEXT"],
          ["client_secret", "TEXT"],
          ["user_identifier", "TEXT"],
          ["redirect_uri", "TEXT"],
          ["scopes", "TEXT"],
          ["token_type", "TEXT"],
          ["access_token", "TEXT"],
          ["access_token_secret", "TEXT"],
          ["expires_at", "TIMESTAMP"],
          ["refresh_token", "TEXT"],
          ["extras", "TEXT"],
        ],
      );
      assert.deepEqual(
        info
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        ["client_name", "auth_flow", "client_id", "user_identifier"],
      );
      assert.equal(info[0]?.dflt_value, "CURRENT_TIMESTAMP");
      assert.equal(db.pragma("journal_mode", { simple: true }), "wal");

      const row = db.prepare("SELECT * FROM tokens").get() as Record<string, unknown>;
      assert.equal(row["added_at"], "2030-01-02T03:04:05Z");
      assert.equal(row["expires_at"], "2031-05-06T07:08:09Z");
      assert.equal(row["scopes"], "basic_access email offline_access");
      assert.equal(row["extras"], '{"user_id":42}');
      assert.equal(row["token_type"], null);
      assert.equal(row["refresh_token"], null);
    } finally {
      db.close();
    }
  });

  it("round-trips every column", () => {
    const store = new TokenStore({ path: freshPath() });
    const saved = token({
      clientName: "PrivateTIDALAPIClient",
      authFlow: "pkce",
      clientId: "tidal-client",
      clientSecret: "tidal-secret",
      userIdentifier: "987654",
      redirectUri: "tidal://login/auth",
      scopes: ["w_usr", "r_usr"],
      tokenType: "Bearer",
      accessToken: "eyJ.access",
      accessTokenSecret: "oauth1-secret",
      expiresAt: new Date(Date.UTC(2032, 11, 31, 23, 59, 58)),
      refreshToken: "refresh-value",
      extras: { user_id: 987654, nested: { a: [1, "b"] } },
      addedAt: new Date(Date.UTC(2031, 1, 3, 4, 5, 6)),
    });
    store.save(saved);
    const found = store.find({
      clientName: "PrivateTIDALAPIClient",
      authFlow: "pkce",
      clientId: "tidal-client",
    });
    assert.deepEqual(found, { ...saved, scopes: ["r_usr", "w_usr"] });
    store.close();
  });

  it("empty scopes and extras are stored as NULL and read back empty/null", () => {
    const path = freshPath();
    const store = new TokenStore({ path });
    store.save(token());
    const found = store.find({ clientName: "DeezerAPIClient", authFlow: "auth_code", clientId: "123456" });
    assert.deepEqual(found?.scopes, []);
    assert.equal(found?.extras, null);
    assert.equal(found?.expiresAt, null);
    store.close();
    const db = new Database(path, { readonly: true });
    const row = db.prepare("SELECT scopes, extras, expires_at FROM tokens").get() as Record<string, unknown>;
    db.close();
    assert.deepEqual(row, { scopes: null, extras: null, expires_at: null });
  });

  it("INSERT OR REPLACE keeps one row per key", () => {
    const store = new TokenStore({ path: freshPath() });
    store.save(token({ userIdentifier: "u", accessToken: "first" }));
    store.save(token({ userIdentifier: "u", accessToken: "second" }));
    const rows = store.list({ clientName: "DeezerAPIClient" });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.accessToken, "second");
    store.close();
  });

  it("reads rows written the way Python minim writes them", () => {
    const path = freshPath();
    const store = new TokenStore({ path });
    store.list({ clientName: "nothing" }); // creates the table
    store.close();

    const localWithZ = "2030-06-01T12:00:00Z"; // Python's strftime of a naive local time, with a literal Z
    const db = new Database(path);
    db.prepare(
      "INSERT OR REPLACE INTO tokens (client_name, auth_flow, client_id, client_secret, user_identifier, " +
        "redirect_uri, scopes, token_type, access_token, access_token_secret, expires_at, refresh_token, extras, " +
        "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ).run(
      "PrivateTIDALAPIClient",
      "device",
      "py-client",
      "py-secret",
      "5551234",
      null,
      "r_usr w_usr",
      "Bearer",
      "py-access",
      null,
      localWithZ,
      "py-refresh",
      '{"user_id": 5551234, "clientName": "TIDAL"}',
      "2030-05-31T11:00:00Z",
    );
    // Defaulted added_at (CURRENT_TIMESTAMP: "YYYY-MM-DD HH:MM:SS" UTC), NULL scopes/extras, expiry without Z.
    db.prepare(
      "INSERT INTO tokens (client_name, auth_flow, client_id, user_identifier, access_token, expires_at) " +
        "VALUES ('DeezerAPIClient', 'implicit', '777', '', 'dz-access', '2030-01-01T10:00:00')",
    ).run();
    // An expiry nobody can read must not break the lookup.
    db.prepare(
      "INSERT INTO tokens (client_name, auth_flow, client_id, user_identifier, access_token, expires_at) " +
        "VALUES ('DeezerAPIClient', 'auth_code', '777', '', 'dz-other', 'next tuesday')",
    ).run();
    db.close();

    const reopened = new TokenStore({ path });
    const tidal = reopened.find({
      clientName: "PrivateTIDALAPIClient",
      authFlow: "device",
      clientId: "py-client",
    });
    assert.ok(tidal);
    assert.deepEqual(tidal.scopes, ["r_usr", "w_usr"]);
    assert.deepEqual(tidal.extras, { user_id: 5551234, clientName: "TIDAL" });
    assert.equal(tidal.expiresAt?.toISOString(), "2030-06-01T12:00:00.000Z");
    assert.equal(tidal.addedAt.toISOString(), "2030-05-31T11:00:00.000Z");
    assert.equal(tidal.refreshToken, "py-refresh");
    assert.equal(tidal.userIdentifier, "5551234");

    const deezer = reopened.find({ clientName: "DeezerAPIClient", authFlow: "implicit", clientId: "777" });
    assert.ok(deezer);
    assert.deepEqual(deezer.scopes, []);
    assert.equal(deezer.extras, null);
    assert.equal(deezer.tokenType, null);
    assert.equal(
      deezer.expiresAt?.getTime(),
      new Date(2030, 0, 1, 10, 0, 0).getTime(),
      "naive time is local",
    );
    assert.ok(Math.abs(deezer.addedAt.getTime() - Date.now()) < 120_000, "CURRENT_TIMESTAMP is UTC");

    const broken = reopened.find({ clientName: "DeezerAPIClient", authFlow: "auth_code", clientId: "777" });
    assert.equal(broken?.accessToken, "dz-other");
    assert.equal(broken?.expiresAt, null);
    reopened.close();
  });

  it("without an identifier, find returns the most recently added row", () => {
    const store = new TokenStore({ path: freshPath() });
    const base = { clientName: "PrivateTIDALAPIClient", authFlow: "pkce", clientId: "c" };
    store.save(token({ ...base, userIdentifier: "old", addedAt: new Date(Date.UTC(2030, 0, 1)) }));
    store.save(token({ ...base, userIdentifier: "new", addedAt: new Date(Date.UTC(2030, 0, 3)) }));
    store.save(token({ ...base, userIdentifier: "mid", addedAt: new Date(Date.UTC(2030, 0, 2)) }));
    // Same second: the later insertion wins.
    store.save(
      token({ ...base, clientId: "d", userIdentifier: "a", addedAt: new Date(Date.UTC(2030, 0, 5)) }),
    );
    store.save(
      token({ ...base, clientId: "d", userIdentifier: "b", addedAt: new Date(Date.UTC(2030, 0, 5)) }),
    );

    assert.equal(store.find(base)?.userIdentifier, "new");
    assert.equal(store.find({ ...base, userIdentifier: "old" })?.userIdentifier, "old");
    assert.equal(store.find({ ...base, userIdentifier: "missing" }), undefined);
    assert.equal(store.find({ ...base, clientId: "d" })?.userIdentifier, "b");
    assert.equal(store.find({ ...base, authFlow: "device" }), undefined);
    store.close();
  });

  it("list and remove filter by flows, client ids and identifiers, one client at a time", () => {
    const store = new TokenStore({ path: freshPath() });
    const tidal = "PrivateTIDALAPIClient";
    store.save(token({ clientName: tidal, authFlow: "pkce", clientId: "a", userIdentifier: "1" }));
    store.save(token({ clientName: tidal, authFlow: "pkce", clientId: "b", userIdentifier: "2" }));
    store.save(token({ clientName: tidal, authFlow: "device", clientId: "a", userIdentifier: "3" }));
    store.save(token({ clientName: tidal, authFlow: "device", clientId: "b", userIdentifier: "1" }));
    store.save(
      token({ clientName: "DeezerAPIClient", authFlow: "pkce", clientId: "a", userIdentifier: "1" }),
    );

    const ids = (rows: { userIdentifier: string; clientId: string; authFlow: string }[]): string[] =>
      rows.map((r) => `${r.authFlow}/${r.clientId}/${r.userIdentifier}`).sort();

    assert.equal(store.list({ clientName: tidal }).length, 4);
    assert.deepEqual(ids(store.list({ clientName: tidal, authFlows: "pkce" })), ["pkce/a/1", "pkce/b/2"]);
    assert.deepEqual(ids(store.list({ clientName: tidal, clientIds: new Set(["b"]) })), [
      "device/b/1",
      "pkce/b/2",
    ]);
    assert.deepEqual(
      ids(store.list({ clientName: tidal, authFlows: ["device"], userIdentifiers: ["1", "3"] })),
      ["device/a/3", "device/b/1"],
    );
    assert.deepEqual(store.list({ clientName: tidal, userIdentifiers: [] }), []);

    assert.equal(store.remove({ clientName: tidal, authFlows: "device", clientIds: "a" }), 1);
    assert.deepEqual(ids(store.list({ clientName: tidal })), ["device/b/1", "pkce/a/1", "pkce/b/2"]);
    assert.equal(store.remove({ clientName: tidal, userIdentifiers: "1" }), 2);
    assert.deepEqual(ids(store.list({ clientName: tidal })), ["pkce/b/2"]);
    assert.equal(store.list({ clientName: "DeezerAPIClient" }).length, 1, "other clients are untouched");
    store.close();
  });

  it("remove with only a client name removes exactly that client's rows", () => {
    const store = new TokenStore({ path: freshPath() });
    store.save(token({ clientName: "PrivateTIDALAPIClient", authFlow: "pkce", userIdentifier: "1" }));
    store.save(token({ clientName: "PrivateTIDALAPIClient", authFlow: "device", userIdentifier: "2" }));
    store.save(token({ clientName: "DeezerAPIClient", userIdentifier: "3" }));
    store.save(token({ clientName: "SpotifyWebAPIClient", userIdentifier: "4" }));
    assert.equal(store.remove({ clientName: "PrivateTIDALAPIClient" }), 2);
    assert.equal(store.list({ clientName: "PrivateTIDALAPIClient" }).length, 0);
    assert.equal(store.list({ clientName: "DeezerAPIClient" }).length, 1);
    assert.equal(store.list({ clientName: "SpotifyWebAPIClient" }).length, 1);
    assert.equal(store.remove({ clientName: "PrivateTIDALAPIClient" }), 0);
    store.close();
  });

  it("close then reuse reopens the database", () => {
    const store = new TokenStore({ path: freshPath() });
    store.save(token({ userIdentifier: "x" }));
    store.close();
    store.close();
    assert.equal(store.list({ clientName: "DeezerAPIClient" }).length, 1);
    store.close();
  });

  it("8 processes saving 50 rows each at once leave 400 rows and no lock errors", async () => {
    const path = freshPath();
    const worker = fileURLToPath(new URL("./token-store-worker.ts", import.meta.url));
    const startAt = Date.now() + 2500;
    const results = await Promise.all(
      Array.from(
        { length: 8 },
        (_, index) =>
          new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
            const child = spawn(
              process.execPath,
              ["--import", "tsx", worker, path, String(index), "50", String(startAt)],
              { stdio: ["ignore", "ignore", "pipe"] },
            );
            let stderr = "";
            child.stderr.setEncoding("utf8");
            child.stderr.on("data", (chunk: string) => (stderr += chunk));
            child.on("error", reject);
            child.on("exit", (code) => resolve({ code, stderr }));
          }),
      ),
    );
    for (const result of results) {
      assert.doesNotMatch(result.stderr, /locked|busy/i);
      assert.equal(result.code, 0, result.stderr);
    }
    const db = new Database(path, { readonly: true });
    const count = db.prepare("SELECT COUNT(*) AS n FROM tokens").get() as { n: number };
    const perClient = db
      .prepare("SELECT client_id, COUNT(*) AS n FROM tokens GROUP BY client_id ORDER BY client_id")
      .all() as { client_id: string; n: number }[];
    db.close();
    assert.equal(count.n, 400);
    assert.equal(perClient.length, 8);
    assert.ok(perClient.every((row) => row.n === 50));
  });
});

describe("TokenStore as a TokenStorage", () => {
  const query = {
    clientName: "DeezerAPIClient",
    authFlow: "auth_code",
    clientId: "123456",
    userIdentifier: "u",
  };

  it("tightens an existing 0644 database and its -wal/-shm files to 0600 before writing", async () => {
    const path = freshPath();
    mkdirSync(join(path, ".."), { recursive: true, mode: 0o755 });
    // As Python minim leaves it: a database (here created by another SQLite user) readable by everyone.
    const python = new Database(path);
    python.pragma("journal_mode = WAL");
    python.exec(
      "CREATE TABLE tokens (added_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, client_name TEXT, auth_flow TEXT, " +
        "client_id TEXT, client_secret TEXT, user_identifier TEXT, redirect_uri TEXT, scopes TEXT, token_type TEXT, " +
        "access_token TEXT, access_token_secret TEXT, expires_at TIMESTAMP, refresh_token TEXT, extras TEXT, " +
        "PRIMARY KEY (client_name, auth_flow, client_id, user_identifier))",
    );
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      if (!existsSync(file)) closeSync(openSync(file, "a"));
      chmodSync(file, 0o644);
    }
    const store = new TokenStore({ path });
    await store.saveToken(token({ userIdentifier: "u" }));
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      assert.equal(statSync(file).mode & 0o777, 0o600, file);
    }
    assert.equal((await store.findToken(query))?.accessToken, "access-token-value");
    store.close();
    python.close();
  });

  it("saveToken never replaces a newer row with an older one", async () => {
    const store = new TokenStore({ path: freshPath() });
    const now = Date.now();
    await store.saveToken(token({ userIdentifier: "u", accessToken: "newer", addedAt: new Date(now) }));
    await store.saveToken(
      token({ userIdentifier: "u", accessToken: "older", addedAt: new Date(now - 60_000) }),
    );
    assert.equal((await store.findToken(query))?.accessToken, "newer");
    // Same second: the later expiry wins.
    const second = new Date(Math.floor(now / 1000) * 1000 + 5000);
    await store.saveToken(
      token({
        userIdentifier: "u",
        accessToken: "long",
        addedAt: second,
        expiresAt: new Date(now + 7_200_000),
      }),
    );
    await store.saveToken(
      token({
        userIdentifier: "u",
        accessToken: "short",
        addedAt: second,
        expiresAt: new Date(now + 3_600_000),
      }),
    );
    assert.equal((await store.findToken(query))?.accessToken, "long");
    await store.saveToken(
      token({ userIdentifier: "u", accessToken: "latest", addedAt: new Date(now + 10_000) }),
    );
    assert.equal((await store.findToken(query))?.accessToken, "latest");
    store.close();
  });

  it("a stored time far in the future (local time written as UTC) does not block fresh tokens", () => {
    const now = Date.UTC(2030, 0, 1);
    const skewed = { addedAt: new Date(now + 2 * 3_600_000), expiresAt: null };
    assert.equal(isStoredTokenNewer(skewed, { addedAt: new Date(now), expiresAt: null }, now), false);
    const close = { addedAt: new Date(now + 60_000), expiresAt: null };
    assert.equal(isStoredTokenNewer(close, { addedAt: new Date(now), expiresAt: null }, now), true);
  });

  it("withLock excludes other holders of the key, even through another connection", async () => {
    const path = freshPath();
    const a = new TokenStore({ path });
    const b = new TokenStore({ path });
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = a.withLock("k", async () => {
      events.push("a in");
      entered();
      await held;
      events.push("a out");
      return "a";
    });
    await inside;
    const second = b.withLock("k", async () => {
      events.push("b in");
      return "b";
    });
    // Another key is independent of the held one.
    assert.equal(await b.withLock("other", async () => "free"), "free");
    assert.deepEqual(events, ["a in"]);
    release();
    assert.deepEqual(await Promise.all([first, second]), ["a", "b"]);
    assert.deepEqual(events, ["a in", "a out", "b in"]);
    a.close();
    b.close();
  });

  it("waiting for a lock is abortable, and a dead holder's lock expires", async () => {
    const path = freshPath();
    const store = new TokenStore({ path });
    // A holder that died: its row stays until its expiry.
    await store.withLock("warm-up", async () => undefined);
    const db = new Database(path);
    db.prepare("INSERT INTO minim_locks (name, owner, expires_at) VALUES (?, ?, ?)").run(
      "k",
      "dead",
      Date.now() + 600_000,
    );
    const controller = new AbortController();
    let ran = false;
    const waiting = store.withLock(
      "k",
      async () => {
        ran = true;
      },
      { signal: controller.signal },
    );
    setImmediate(() => controller.abort());
    await assert.rejects(waiting, AbortedError);
    assert.equal(ran, false);
    db.prepare("UPDATE minim_locks SET expires_at = ? WHERE name = ?").run(Date.now() - 1, "k");
    assert.equal(await store.withLock("k", async () => "taken over"), "taken over");
    const left = db.prepare("SELECT COUNT(*) AS n FROM minim_locks").get() as { n: number };
    assert.equal(left.n, 0, "released locks leave no rows");
    db.close();
    store.close();
  });
});

describe("timestamps", () => {
  it("formats true UTC without fractions", () => {
    assert.equal(formatTimestamp(new Date(Date.UTC(2030, 8, 9, 1, 2, 3, 456))), "2030-09-09T01:02:03Z");
    assert.throws(() => formatTimestamp(new Date(Number.NaN)), RangeError);
  });

  it("parses the shapes found in shared databases", () => {
    assert.equal(parseTimestamp("2030-09-09T01:02:03Z")?.toISOString(), "2030-09-09T01:02:03.000Z");
    assert.equal(parseTimestamp("2030-09-09 01:02:03")?.toISOString(), "2030-09-09T01:02:03.000Z");
    assert.equal(parseTimestamp("2030-09-09T01:02:03+02:00")?.toISOString(), "2030-09-08T23:02:03.000Z");
    assert.equal(parseTimestamp("2030-09-09 01:02:03.250000")?.toISOString(), "2030-09-09T01:02:03.250Z");
    assert.equal(parseTimestamp("2030-09-09T01:02:03")?.getTime(), new Date(2030, 8, 9, 1, 2, 3).getTime());
    assert.equal(parseTimestamp(1_900_000_000)?.toISOString(), "2030-03-17T17:46:40.000Z");
    assert.equal(parseTimestamp("garbage"), null);
    assert.equal(parseTimestamp("2030-13-01T00:00:00Z"), null);
    assert.equal(parseTimestamp(null), null);
  });
});
