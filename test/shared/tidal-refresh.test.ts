import assert from "node:assert/strict";
import { fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { startEmulator } from "../../src/emulator/index.js";
import { TIDAL_PKCE_CLIENT_ID, TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import { RedisTokenStorage } from "../../src/fleet/redis-token-storage.js";
import { connectShared, testRedisUrl, uniqueNamespace, redisSkip } from "../helpers/redis.js";

const WORKERS = 16;
const worker = new URL("./workers/tidal-refresh-worker.ts", import.meta.url).pathname;
const digest = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 16);

test(
  "16 processes whose TIDAL token expired at once send exactly one refresh and all use its token",
  { skip: redisSkip },
  async () => {
    const emulator = await startEmulator({ services: ["tidal"] });
    after(() => emulator.close());
    const namespace = uniqueNamespace("refresh");
    const redisUrl = await testRedisUrl();
    const storage = new RedisTokenStorage({ redis: await connectShared(namespace) });
    const issued = emulator.tidal!.issueToken({ clientId: TIDAL_PKCE_CLIENT_ID });
    emulator.tidal!.expireToken(issued.accessToken);
    const userIdentifier = String(TIDAL_SEED.users.main);
    await storage.saveToken({
      clientName: "PrivateTIDALAPIClient",
      authFlow: "pkce",
      clientId: TIDAL_PKCE_CLIENT_ID,
      clientSecret: null,
      userIdentifier,
      redirectUri: "tidal://login/auth",
      scopes: ["r_usr", "w_usr"],
      tokenType: "Bearer",
      accessToken: issued.accessToken,
      accessTokenSecret: null,
      expiresAt: new Date(Date.now() - 60_000),
      refreshToken: issued.refreshToken,
      extras: null,
      addedAt: new Date(Date.now() - 3_600_000),
    });
    const refreshesBefore = emulator.tidal!.countTokenRequests("refresh_token");

    const job = {
      redis: redisUrl,
      namespace,
      clientId: TIDAL_PKCE_CLIENT_ID,
      userIdentifier,
      urls: {
        baseUrl: emulator.urls.tidalApi,
        loginUrl: emulator.urls.tidalLogin,
        authUrl: `${emulator.urls.tidalLogin}/authorize`,
        tokenUrl: `${emulator.urls.tidalAuth}/v1/oauth2/token`,
        resourceUrl: emulator.urls.tidalResources,
      },
    };
    const minimDir = mkdtempSync(join(tmpdir(), "minim-refresh-"));
    after(() => rmSync(minimDir, { recursive: true, force: true }));
    const children: ChildProcess[] = [];
    after(() => children.forEach((child) => child.connected && child.kill()));
    const ready: Promise<unknown>[] = [];
    const reports: Promise<{ ok: boolean; used: string[]; error?: string }>[] = [];
    for (let i = 0; i < WORKERS; i++) {
      const child = fork(worker, [JSON.stringify(job)], {
        execArgv: ["--import", "tsx"],
        // Each worker's own token store (written through) lives in a scratch directory.
        env: { ...process.env, MINIM_DIR: minimDir },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      children.push(child);
      const messages: unknown[] = [];
      let notify: (() => void) | undefined;
      child.on("message", (message) => {
        messages.push(message);
        notify?.();
      });
      const next = (): Promise<unknown> =>
        new Promise((resolve, reject) => {
          const check = (): void => {
            if (messages.length > 0) resolve(messages.shift());
          };
          notify = check;
          child.once("exit", (code) => reject(new Error(`worker ${i} exited with ${String(code)}`)));
          check();
        });
      ready.push(next());
      reports.push(ready[i]!.then(() => next()) as Promise<{ ok: boolean; used: string[] }>);
    }
    await Promise.all(ready);
    for (const child of children) child.send("go");
    const results = await Promise.all(reports);

    assert.deepEqual(
      results.filter((r) => !r.ok),
      [],
      "every process made its call",
    );
    assert.equal(
      emulator.tidal!.countTokenRequests("refresh_token") - refreshesBefore,
      1,
      "exactly one refresh",
    );
    const stored = await storage.findToken({
      clientName: "PrivateTIDALAPIClient",
      authFlow: "pkce",
      clientId: TIDAL_PKCE_CLIENT_ID,
      userIdentifier,
    });
    assert.ok(
      stored !== undefined && stored.accessToken !== issued.accessToken,
      "the store holds a new token",
    );
    const used = new Set(results.flatMap((r) => r.used));
    assert.deepEqual(used, new Set([digest(stored.accessToken)]), "every process used the stored new token");
  },
);
