/**
 * Real redis-server processes for the shared-backend tests: the one CI started (`MINIM_TEST_REDIS_URL`), or one
 * started here from PATH on a free loopback port. Tests that kill and restart Redis always get their own.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { connect, createServer } from "node:net";
import { after } from "node:test";
import { SharedRedis, type SharedRedisOptions } from "../../src/fleet/redis.js";
import { onPath, skipUnlessInstalled } from "./servers.js";

const NO_REDIS_SERVER = "redis-server not found: apt-get install redis-server";

/**
 * `skip` for tests that start redis-servers of their own (kill, restart): they need the program on PATH, even when
 * CI's server is given by URL. Throws instead when MINIM_TEST_REQUIRE_SERVERS=1.
 */
export const redisServerSkip: string | false = skipUnlessInstalled(
  onPath("redis-server") ? false : NO_REDIS_SERVER,
);

/** `skip` for tests that only need some Redis ({@link testRedisUrl}): CI's server by URL, or one from PATH. */
export const redisSkip: string | false = process.env["MINIM_TEST_REDIS_URL"] ? false : redisServerSkip;

/** A redis-server this test process started. */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** PID of the running server (changes after {@link restart}). */
  readonly pid: number;
  /** Ends the server with SIGKILL, as a crash would, and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts a fresh (empty) server on the same port. */
  restart(): Promise<void>;
  /** Stops the server if it runs. */
  stop(): Promise<void>;
}

/** A free loopback TCP port (free when asked; good enough for a server started right after). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("No TCP port.");
  return address.port;
}

/** Resolves once the server answers PING on `port`. */
async function answering(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}.`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.setTimeout(1_000);
      socket.once("connect", () => socket.write("PING\r\n"));
      socket.once("data", (data) => {
        socket.destroy();
        resolve(data.toString().startsWith("+PONG"));
      });
      socket.once("error", () => resolve(false));
      socket.once("timeout", () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (attempt > 500) throw new Error("redis-server did not start answering.");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const failed = new Promise<never>((_, reject) =>
    child.once("error", (error) =>
      reject(new Error(`Could not start redis-server (is it installed?): ${error.message}`)),
    ),
  );
  running.add(child);
  child.once("exit", () => running.delete(child));
  // The test process may end while the server runs; the exit hook above stops it then.
  child.unref();
  await Promise.race([answering(port, child), failed]);
  return child;
}

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  // Referenced while we wait, or the process could end before the server's exit is seen.
  child.ref();
  return new Promise<void>((resolve) => child.once("exit", () => resolve()));
}

/** Starts a redis-server of this test file's own; it is stopped when the test process ends, if not before. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child = await launch(port);
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child.pid ?? -1;
    },
    async kill() {
      const done = ended(child);
      child.kill("SIGKILL");
      await done;
    },
    async restart() {
      await server.kill();
      child = await launch(port);
    },
    async stop() {
      const done = ended(child);
      child.kill("SIGTERM");
      await done;
    },
  };
  return server;
}

let shared: Promise<string> | undefined;

/** A Redis URL for tests that only need a server: CI's, else one started for this test file. */
export function testRedisUrl(): Promise<string> {
  const fromEnv = process.env["MINIM_TEST_REDIS_URL"];
  if (fromEnv) return Promise.resolve(fromEnv);
  shared ??= startRedisServer().then((server) => server.url);
  return shared;
}

/** A namespace no other test uses, so tests sharing one server never see each other's keys. */
export function uniqueNamespace(label = "test"): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

const connections = new Set<SharedRedis>();
// Registered while the test file loads, so it runs once after all of the file's tests.
after(async () => {
  await Promise.all([...connections].map((redis) => redis.close()));
});

/**
 * A connection to the test server under `namespace` (closed when the file's tests end), as one worker process
 * of a fleet would hold it.
 */
export async function connectShared(
  namespace: string,
  options: Omit<SharedRedisOptions, "url" | "namespace"> & { url?: string } = {},
): Promise<SharedRedis> {
  const redis = await SharedRedis.connect({
    warn: () => undefined,
    ...options,
    url: options.url ?? (await testRedisUrl()),
    namespace,
  });
  connections.add(redis);
  return redis;
}
