import assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { TokenStore } from "../../src/auth/token-store.js";
import { ROLE_NAMES, startEmulator, type Emulator } from "../../src/emulator/index.js";
import { TIDAL_SEED } from "../../src/emulator/tidal/index.js";
import { minim, root } from "./helpers.js";

const LAST_ROLE = ROLE_NAMES[ROLE_NAMES.length - 1] as string;

describe("minim CLI", () => {
  let emulator: Emulator;
  let minimDir: string;

  before(async () => {
    emulator = await startEmulator();
    minimDir = await mkdtemp(join(tmpdir(), "minim-cli-"));
  });
  after(async () => {
    await emulator.close();
    await rm(minimDir, { recursive: true, force: true });
  });

  it("calls a Deezer method against a given base URL and prints its JSON", async () => {
    const run = await minim([
      "call",
      "deezer",
      "charts.getTopTracks",
      "--opt",
      "limit=2",
      "--json",
      "--base-url",
      emulator.urls.deezerApi,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as { data: unknown[] };
    assert.equal(answer.data.length, 2);
    const seen = emulator.requestsTo("deezerApi", "/chart/0/tracks").at(-1);
    assert.equal(seen?.query.limit, "2");
  });

  it("iterates every page with --all", async () => {
    const run = await minim([
      "call",
      "deezer",
      "charts.getTopTracks",
      "--all",
      "--json",
      "--opt",
      "limit=4",
      "--base-url",
      emulator.urls.deezerApi,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const items = JSON.parse(run.stdout) as { id: number }[];
    const single = await minim([
      "call",
      "deezer",
      "charts.getTopTracks",
      "--opt",
      "limit=100",
      "--json",
      "--base-url",
      emulator.urls.deezerApi,
    ]);
    const everything = JSON.parse(single.stdout) as { data: { id: number }[] };
    assert.deepEqual(
      items.map((t) => t.id),
      everything.data.map((t) => t.id),
    );
    assert.ok(items.length > 4, "more than one page was fetched");
  });

  it("walks a TIDAL list with --all by offset, and refuses --all on a method that answers in one piece", async () => {
    const tidal = ["--client-id", "tidal-pkce-client", "--base-url", emulator.urls.tidalApi];
    emulator.clearRequests();
    const run = await minim([
      "call",
      "tidal",
      "albums.getAlbumItems",
      "24700142",
      "--opt",
      "limit=2",
      "--opt",
      "countryCode=US",
      "--all",
      "--json",
      ...tidal,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const items = JSON.parse(run.stdout) as { item: { title: string } }[];
    assert.equal(items.at(-1)?.item.title, "Love Song");
    const offsets = emulator.requestsTo("tidalApi", "/v1/albums/24700142/items").map((r) => r.query.offset);
    assert.deepEqual(offsets, [undefined, "2", "4"], "the first page as asked, then one request per page");
    assert.equal(items.length, 5);

    const single = await minim([
      "call",
      "tidal",
      "albums.getAlbum",
      "24700142",
      "--opt",
      "countryCode=US",
      "--all",
      ...tidal,
    ]);
    assert.equal(single.code, 2);
    assert.match(single.stderr, /albums\.getAlbum does not page; call it without --all/);
  });

  it("rejects bad input before sending anything, with a typed message and the usage exit code", async () => {
    const before = emulator.requests.length;
    const run = await minim([
      "call",
      "deezer",
      "albums.getAlbum",
      "true",
      "--base-url",
      emulator.urls.deezerApi,
    ]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /ValidationError/);
    assert.equal(emulator.requests.length, before);
  });

  it("uses a token from the environment without ever printing it", async () => {
    const token = emulator.deezer!.issueToken();
    const run = await minim(
      [
        "call",
        "deezer",
        "users.getUser",
        "--access-token-env",
        "MINIM_TEST_TOKEN",
        "--json",
        "--base-url",
        emulator.urls.deezerApi,
      ],
      { MINIM_TEST_TOKEN: token, MINIM_DIR: minimDir },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { id: number }).id, emulator.deezer!.mainUserId);
    assert.ok(!run.stdout.includes(token) && !run.stderr.includes(token));
  });

  it("lists stored tokens without secrets and removes them", async () => {
    const store = new TokenStore({ path: join(minimDir, "auth.db") });
    store.save({
      clientName: "PrivateTIDALAPIClient",
      authFlow: "device",
      clientId: "tidal-device-client",
      clientSecret: "super-secret-client",
      userIdentifier: "200100001",
      redirectUri: null,
      scopes: ["r_usr", "w_usr"],
      tokenType: "Bearer",
      accessToken: "access-token-value",
      accessTokenSecret: null,
      expiresAt: new Date(Date.UTC(2030, 0, 1)),
      refreshToken: "refresh-token-value",
      extras: { user_id: 200100001 },
    });
    store.close();
    const listed = await minim(["tokens", "list"], { MINIM_DIR: minimDir });
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /tidal\s+flow=device\s+client=tidal-device-client\s+user=200100001/);
    for (const secret of ["super-secret-client", "access-token-value", "refresh-token-value"]) {
      assert.ok(!listed.stdout.includes(secret), secret);
    }
    const removed = await minim(["tokens", "remove", "--client", "tidal", "--user", "200100001"], {
      MINIM_DIR: minimDir,
    });
    assert.match(removed.stdout, /Removed 1 token\./);
    const empty = await minim(["tokens", "list"], { MINIM_DIR: minimDir });
    assert.match(empty.stdout, /No stored tokens\./);
  });

  it("serves the emulator on fixed ports from `minim emulator --port`", async () => {
    const { child, base, output } = await spawnEmulatorOnFixedPorts();
    try {
      assert.match(output.text, new RegExp(`deezerApi\\s+http://127\\.0\\.0\\.1:${base}`));
      assert.match(
        output.text,
        new RegExp(`tidalOpenApi\\s+http://127\\.0\\.0\\.1:${base + ROLE_NAMES.indexOf("tidalOpenApi")}`),
      );
      const res = await fetch(`http://127.0.0.1:${base}/chart/0/tracks?limit=1`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { data: unknown[] };
      assert.equal(body.data.length, 1);
      // The connect role is the next port; its token exchange carries a secret and a code in the query.
      await fetch(
        `http://127.0.0.1:${base + 1}/oauth/access_token.php?app_id=100001&secret=hidden-secret&code=hidden-code`,
      );
      // The log line is written once the answer went out; wait for the line itself, not for a time.
      while (!output.text.includes("GET deezerConnect")) await once(child.stdout, "data");
      assert.match(output.text, /GET deezerApi \/chart\/0\/tracks\?limit=1 -> 200/);
      assert.match(
        output.text,
        /GET deezerConnect \/oauth\/access_token\.php\?app_id=100001&secret=\[REDACTED\]&code=\[REDACTED\]/,
      );
      assert.ok(!output.text.includes("hidden-secret") && !output.text.includes("hidden-code"));
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("describes how a TIDAL track would play, without its URLs", async () => {
    const issued = emulator.tidal!.issueToken();
    const env = { MINIM_DIR: minimDir, EMULATED_TIDAL_TOKEN: issued.accessToken };
    const args = [
      "tidal",
      "play-info",
      String(TIDAL_SEED.tracks.paperMoons),
      "--access-token-env",
      "EMULATED_TIDAL_TOKEN",
      "--client-id",
      "tidal-pkce-client",
      "--base-url",
      emulator.urls.tidalApi,
    ];
    const human = await minim(args, env);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /Stream: DASH, flac, 96 kHz, 24 bit/);
    assert.match(human.stdout, /Protected: no/);
    const json = await minim([...args, "--json"], env);
    assert.equal(json.code, 0, json.stderr);
    const summary = JSON.parse(json.stdout) as { segments: number; manifestType: string; bitDepth: number };
    assert.equal(summary.manifestType, "dash");
    assert.equal(summary.bitDepth, 24);
    const mpd = emulator.tidal!.mediaBytes(TIDAL_SEED.tracks.paperMoons, "HI_RES_LOSSLESS");
    assert.ok(summary.segments > 1 && mpd.length > 0);
    for (const output of [human.stdout, json.stdout, human.stderr]) {
      assert.ok(!output.includes("token="), "no segment URL (they carry access tokens)");
      assert.ok(!output.includes(issued.accessToken));
    }
  });

  it("runs the offline demo end to end", async () => {
    const run = await minim(["demo"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /== Deezer ==/);
    assert.match(
      run.stdout,
      /Authorization page: http:\/\/127\.0\.0\.1:\d+\/oauth\/auth\.php \(the emulated user clicks Allow\)/,
    );
    assert.match(run.stdout, /Signed in as .+ \(id \d+\)/);
    assert.match(run.stdout, /== TIDAL ==/);
    assert.match(run.stdout, /Device login: .+ enter [A-Z0-9]+/);
    assert.match(run.stdout, /Done: \d+ HTTP requests served by the emulator\./);
  });
});

/** Whether nothing listens on this loopback port right now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * Starts `minim emulator --port` on consecutive free ports, one per emulator role. The ports are drawn below Linux's ephemeral range
 * (32768 and up), where other tests' outgoing connections and random listeners land; another process can still take
 * one between the check and the bind, so a collision is retried on other ports.
 */
async function spawnEmulatorOnFixedPorts(): Promise<{
  child: ChildProcessWithoutNullStreams;
  base: number;
  output: { text: string };
}> {
  let lastFailure = "";
  for (let attempt = 0; attempt < 8; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await Promise.all(ROLE_NAMES.map((_, i) => portIsFree(base + i)));
    if (free.includes(false)) continue;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "emulator", "--port", String(base)],
      {
        cwd: root,
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    const output = { text: "" };
    let errors = "";
    child.stdout.on("data", (chunk: Buffer) => (output.text += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    const started = await new Promise<boolean>((resolve) => {
      const onData = (): void => {
        // The roles are announced in order, so the last one's line means all of them listen.
        if (output.text.includes(LAST_ROLE)) {
          child.stdout.off("data", onData);
          child.off("close", onClose);
          resolve(true);
        }
      };
      const onClose = (): void => resolve(false);
      child.stdout.on("data", onData);
      child.once("close", onClose);
    });
    if (started) return { child, base, output };
    lastFailure = `${output.text}${errors}`;
    if (!lastFailure.includes("EADDRINUSE")) throw new Error(`emulator exited early: ${lastFailure}`);
  }
  throw new Error(`no run of ${ROLE_NAMES.length} free ports found: ${lastFailure}`);
}
