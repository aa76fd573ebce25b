import { randomUUID } from "node:crypto";
import { chmodSync, closeSync, constants as fsConstants, existsSync, openSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { setTimeout as sleep } from "node:timers/promises";
import type Database from "better-sqlite3";
import { AbortedError, MinimError, ValidationError } from "../core/errors.js";
import { ensureMinimDir, minimDir } from "./minim-dir.js";
import { parseJsonObject } from "../core/json.js";
import {
  isStoredTokenNewer,
  type StoredToken,
  type TokenLockOptions,
  type TokenQuery,
  type TokenStorage,
  type TokenToSave,
} from "./token-storage.js";

export type { StoredToken, TokenQuery, TokenToSave } from "./token-storage.js";

// The native SQLite binding is loaded when a store first opens its file, not when the package is imported; a
// synchronous require keeps the store's API synchronous.
const requireLazy = createRequire(import.meta.url);
let sqlite: typeof Database | undefined;
function openDatabase(path: string): Database.Database {
  sqlite ??= requireLazy("better-sqlite3") as typeof Database;
  return new sqlite(path);
}

/** Selects rows of one client; each optional filter keeps rows whose column is one of the given values. */
export interface TokenFilter {
  clientName: string;
  authFlows?: string | Iterable<string>;
  clientIds?: string | Iterable<string>;
  userIdentifiers?: string | Iterable<string>;
}

/** Options of {@link TokenStore}. */
export interface TokenStoreOptions {
  /** Database file; defaults to `auth.db` in {@link minimDir}. */
  path?: string;
}

// Column names, types and order are those of Python minim's table, so either library can create it.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS tokens (
  added_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  client_name TEXT,
  auth_flow TEXT,
  client_id TEXT,
  client_secret TEXT,
  user_identifier TEXT,
  redirect_uri TEXT,
  scopes TEXT,
  token_type TEXT,
  access_token TEXT,
  access_token_secret TEXT,
  expires_at TIMESTAMP,
  refresh_token TEXT,
  extras TEXT,
  PRIMARY KEY (client_name, auth_flow, client_id, user_identifier)
)`;

const COLUMNS =
  "added_at, client_name, auth_flow, client_id, client_secret, user_identifier, redirect_uri, scopes, " +
  "token_type, access_token, access_token_secret, expires_at, refresh_token, extras";

const BUSY_TIMEOUT_MS = 5000;

// Locks live in a table of their own beside the tokens, which other programs sharing the file ignore.
// `expires_at` is in Unix milliseconds of the wall clock, which every process on the host shares.
const CREATE_LOCK_TABLE = `CREATE TABLE IF NOT EXISTS minim_locks (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL
)`;

/** How long a lock outlives a holder that died, unless the caller says otherwise. */
export const DEFAULT_LOCK_TTL_MS = 60_000;
/** First and longest pause between attempts to take a held lock. */
const LOCK_RETRY_MIN_MS = 5;
const LOCK_RETRY_MAX_MS = 100;

interface TokenRow {
  added_at: unknown;
  client_name: unknown;
  auth_flow: unknown;
  client_id: unknown;
  client_secret: unknown;
  user_identifier: unknown;
  redirect_uri: unknown;
  scopes: unknown;
  token_type: unknown;
  access_token: unknown;
  access_token_secret: unknown;
  expires_at: unknown;
  refresh_token: unknown;
  extras: unknown;
}

/**
 * The SQLite token database (`~/.minim/auth.db` by default), shared with Python minim and with other processes.
 *
 * Nothing touches the disk until the first call that needs the database, so constructing a store is free.
 * The file is created readable only by its owner, since it holds access tokens and client secrets in clear text;
 * an existing file (and its `-wal`/`-shm` companions) readable by others is tightened to 0600 before use.
 *
 * The synchronous methods serve the CLI and scripts; the session uses the asynchronous {@link TokenStorage}
 * members, which add the "never overwrite a newer token" rule and a lock shared by every process on the host.
 */
export class TokenStore implements TokenStorage {
  /** Path of the database file. */
  readonly path: string;
  private db: Database.Database | undefined;
  private lockTableReady = false;

  constructor(options: TokenStoreOptions = {}) {
    this.path = options.path ?? join(minimDir(), "auth.db");
  }

  /** Writes a login, replacing any row with the same client name, flow, client id and user identifier. */
  save(token: TokenToSave): void {
    const db = this.open();
    const row = {
      added_at: formatTimestamp(token.addedAt ?? new Date()),
      client_name: token.clientName,
      auth_flow: token.authFlow,
      client_id: token.clientId,
      client_secret: token.clientSecret,
      user_identifier: token.userIdentifier,
      redirect_uri: token.redirectUri,
      scopes: token.scopes.length > 0 ? [...new Set(token.scopes)].sort().join(" ") : null,
      token_type: token.tokenType,
      access_token: token.accessToken,
      access_token_secret: token.accessTokenSecret,
      expires_at: token.expiresAt === null ? null : formatTimestamp(token.expiresAt),
      refresh_token: token.refreshToken,
      extras: token.extras === null ? null : JSON.stringify(token.extras),
    };
    const insert = db.prepare(
      `INSERT OR REPLACE INTO tokens (${COLUMNS}) VALUES (@added_at, @client_name, @auth_flow, @client_id, ` +
        "@client_secret, @user_identifier, @redirect_uri, @scopes, @token_type, @access_token, " +
        "@access_token_secret, @expires_at, @refresh_token, @extras)",
    );
    // IMMEDIATE takes the write lock up front, so a concurrent writer makes us wait (busy_timeout) instead of
    // failing with SQLITE_BUSY when a read snapshot would have to be upgraded.
    db.transaction(() => insert.run(row)).immediate();
  }

  /**
   * The stored login for a client name, flow and client id: the row of `userIdentifier` when given, otherwise the
   * most recently added one.
   */
  find(query: TokenQuery): StoredToken | undefined {
    const db = this.open();
    const params: unknown[] = [query.clientName, query.authFlow, query.clientId];
    let sql = `SELECT ${COLUMNS} FROM tokens WHERE client_name = ? AND auth_flow = ? AND client_id = ?`;
    if (query.userIdentifier !== undefined) {
      sql += " AND user_identifier = ?";
      params.push(query.userIdentifier);
    }
    sql += " ORDER BY added_at DESC, rowid DESC LIMIT 1";
    const row = db.prepare(sql).get(...params) as TokenRow | undefined;
    return row === undefined ? undefined : fromRow(row);
  }

  /** Stored logins of one client, most recently added first, narrowed by the optional filters. */
  list(filter: TokenFilter): StoredToken[] {
    const db = this.open();
    const { where, params } = buildWhere(filter);
    const rows = db
      .prepare(`SELECT ${COLUMNS} FROM tokens WHERE ${where} ORDER BY added_at DESC, rowid DESC`)
      .all(...params) as TokenRow[];
    return rows.map(fromRow);
  }

  /**
   * Deletes the logins matching the filter and returns how many were removed. With only `clientName`, every row
   * of that client goes; other clients' rows are never touched.
   */
  remove(filter: TokenFilter): number {
    const db = this.open();
    const { where, params } = buildWhere(filter);
    const statement = db.prepare(`DELETE FROM tokens WHERE ${where}`);
    return db.transaction(() => statement.run(...params).changes).immediate();
  }

  /** {@link find} for the {@link TokenStorage} interface. */
  findToken(query: TokenQuery): Promise<StoredToken | undefined> {
    return Promise.resolve().then(() => this.find(query));
  }

  /**
   * Saves the login unless the row stored under the same key is newer (see {@link isStoredTokenNewer}); the read
   * and the write happen in one IMMEDIATE transaction, so no other process can slip a row in between.
   */
  saveToken(token: TokenToSave): Promise<void> {
    return Promise.resolve().then(() => {
      const db = this.open();
      const existing = db.prepare(
        `SELECT ${COLUMNS} FROM tokens WHERE client_name = ? AND auth_flow = ? AND client_id = ? AND user_identifier = ?`,
      );
      const incoming = { ...token, addedAt: token.addedAt ?? new Date() };
      db.transaction(() => {
        const row = existing.get(token.clientName, token.authFlow, token.clientId, token.userIdentifier) as
          TokenRow | undefined;
        if (row !== undefined && isStoredTokenNewer(fromRow(row), incoming)) return;
        this.save(incoming);
      }).immediate();
    });
  }

  /**
   * Runs `task` while holding the lock `key`, shared by every process using this database file. A lock row with
   * an owner and an expiry is taken in an IMMEDIATE transaction; waiters retry with a growing pause (5–100 ms) until
   * the holder releases it or its expiry passes (a holder that died), or until `signal` aborts.
   */
  async withLock<T>(key: string, task: () => Promise<T>, options: TokenLockOptions = {}): Promise<T> {
    const ttlMs = options.ttlMs ?? DEFAULT_LOCK_TTL_MS;
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
      throw new ValidationError("ttlMs", "ttlMs must be a positive number of milliseconds.");
    }
    const signal = options.signal;
    const owner = randomUUID();
    let pause = LOCK_RETRY_MIN_MS;
    for (;;) {
      if (signal?.aborted) throw AbortedError.from(signal);
      if (this.tryLock(key, owner, ttlMs)) break;
      try {
        // Jitter keeps waiters that started together from retrying in lockstep.
        await sleep(pause / 2 + Math.random() * pause, undefined, signal ? { signal } : undefined);
      } catch {
        throw AbortedError.from(signal);
      }
      pause = Math.min(pause * 2, LOCK_RETRY_MAX_MS);
    }
    try {
      return await task();
    } finally {
      this.unlock(key, owner);
    }
  }

  private tryLock(key: string, owner: string, ttlMs: number): boolean {
    const db = this.open();
    if (!this.lockTableReady) {
      db.exec(CREATE_LOCK_TABLE);
      this.lockTableReady = true;
    }
    const read = db.prepare("SELECT owner, expires_at FROM minim_locks WHERE name = ?");
    const write = db.prepare("INSERT OR REPLACE INTO minim_locks (name, owner, expires_at) VALUES (?, ?, ?)");
    return db
      .transaction(() => {
        const now = Date.now();
        const row = read.get(key) as { owner: string; expires_at: number } | undefined;
        if (row !== undefined && row.owner !== owner && Number(row.expires_at) > now) return false;
        write.run(key, owner, now + ttlMs);
        return true;
      })
      .immediate();
  }

  private unlock(key: string, owner: string): void {
    try {
      const db = this.open();
      const statement = db.prepare("DELETE FROM minim_locks WHERE name = ? AND owner = ?");
      db.transaction(() => statement.run(key, owner)).immediate();
    } catch {
      // The lock expires by itself; a failed release only delays the next holder by its time to live.
    }
  }

  /** Closes the database; a later call reopens it. */
  close(): void {
    const db = this.db;
    this.db = undefined;
    this.lockTableReady = false;
    db?.close();
  }

  private open(): Database.Database {
    if (this.db) return this.db;
    ensureMinimDir(dirname(this.path));
    createPrivateFile(this.path);
    tightenPermissions(this.path);
    let db: Database.Database;
    try {
      db = openDatabase(this.path);
    } catch (error) {
      throw new MinimError(`Could not open the token database ${this.path}.`, { cause: error });
    }
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      enableWal(db);
      db.exec(CREATE_TABLE);
    } catch (error) {
      db.close();
      throw new MinimError(`Could not prepare the token database ${this.path}.`, { cause: error });
    }
    this.db = db;
    return db;
  }
}

/** Creates the database file with owner-only permissions before SQLite would create it with the umask's. */
function createPrivateFile(path: string): void {
  if (existsSync(path)) return;
  let fd: number;
  try {
    fd = openSync(path, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, 0o600);
  } catch (error) {
    // Another process created it between our check and the open: it made the same choice of mode.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return;
    throw error;
  }
  closeSync(fd);
  // A umask can only remove bits, but an unusual one could remove the owner's; make the intent explicit.
  chmodSync(path, 0o600);
}

/**
 * Makes an existing database and its WAL companions readable by their owner only (another program sharing the file
 * may have created them with the umask's 0644). SQLite gives new `-wal`/`-shm` files the database file's mode, so
 * tightening the database before opening it covers those created later. A file of another user cannot be changed
 * and is left as it is.
 */
function tightenPermissions(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "EPERM") throw error;
    }
  }
}

/**
 * Switches the file to write-ahead logging so readers never block the single writer. The switch needs an
 * exclusive lock; when several processes initialise a fresh file at once, a busy answer is retried until the busy
 * timeout instead of failing the caller's first use.
 */
function enableWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      const mode = db.pragma("journal_mode", { simple: true });
      if (typeof mode === "string" && mode.toLowerCase() === "wal") return;
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      sleepSync(20);
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function buildWhere(filter: TokenFilter): { where: string; params: string[] } {
  const clauses = ["client_name = ?"];
  const params = [filter.clientName];
  const add = (column: string, values: string | Iterable<string> | undefined): void => {
    if (values === undefined) return;
    const list = typeof values === "string" ? [values] : [...values];
    // An explicitly empty filter matches nothing rather than silently widening to "everything".
    if (list.length === 0) {
      clauses.push("0");
      return;
    }
    clauses.push(`${column} IN (${list.map(() => "?").join(", ")})`);
    params.push(...list);
  };
  add("auth_flow", filter.authFlows);
  add("client_id", filter.clientIds);
  add("user_identifier", filter.userIdentifiers);
  return { where: clauses.join(" AND "), params };
}

/** Formats a time as `%Y-%m-%dT%H:%M:%SZ` in UTC, the shared table's format. */
export function formatTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Cannot store an invalid date.");
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Reads a stored time leniently, or returns `null` when it cannot be understood.
 *
 * - `…Z` or an explicit offset: taken as written. A writer that puts local time before the `Z` cannot be told
 *   apart from UTC, so such a value is off by the writer's UTC offset, which at worst makes a token look expired
 *   early (a refresh) or late (a 401, then a refresh).
 * - `YYYY-MM-DD HH:MM:SS` without a zone: SQLite's CURRENT_TIMESTAMP, which is UTC.
 * - `YYYY-MM-DDTHH:MM:SS` without a zone: a naive Python datetime, i.e. local time.
 * - A number: Unix seconds.
 */
export function parseTimestamp(value: unknown): Date | null {
  if (typeof value === "number" || typeof value === "bigint") {
    const date = new Date(Number(value) * 1000);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  if (typeof value !== "string") return null;
  const match =
    /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      value.trim(),
    );
  if (!match) return null;
  const [, y, mo, d, sep, h, mi, s, frac, zone] = match;
  const parts = [y, mo, d, h, mi, s ?? "0"].map(Number) as [number, number, number, number, number, number];
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const [year, month, day, hour, minute, second] = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  let time: number;
  if (zone !== undefined) {
    time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    if (zone.toUpperCase() !== "Z") {
      const sign = zone.startsWith("-") ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
      time -= sign * offsetMinutes * 60_000;
    }
  } else if (sep === " ") {
    time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  } else {
    time = new Date(year, month - 1, day, hour, minute, second, ms).getTime();
  }
  return Number.isNaN(time) ? null : new Date(time);
}

function fromRow(row: TokenRow): StoredToken {
  return {
    clientName: columnText(row.client_name) ?? "",
    authFlow: columnText(row.auth_flow) ?? "",
    clientId: columnText(row.client_id) ?? "",
    clientSecret: columnText(row.client_secret),
    userIdentifier: columnText(row.user_identifier) ?? "",
    redirectUri: columnText(row.redirect_uri),
    scopes: (columnText(row.scopes) ?? "").split(/\s+/).filter((scope) => scope !== ""),
    tokenType: columnText(row.token_type),
    accessToken: columnText(row.access_token) ?? "",
    accessTokenSecret: columnText(row.access_token_secret),
    expiresAt: parseTimestamp(row.expires_at),
    refreshToken: columnText(row.refresh_token),
    extras: parseExtras(row.extras),
    // A missing or unreadable insertion time sorts as the oldest possible row instead of failing the read.
    addedAt: parseTimestamp(row.added_at) ?? new Date(0),
  };
}

/** Column values as text; Python may have stored numbers (e.g. a numeric user id) in TEXT columns. */
function columnText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  return null;
}

function parseExtras(value: unknown): Record<string, unknown> | null {
  const raw = columnText(value);
  return raw === null ? null : (parseJsonObject(raw) ?? null);
}
