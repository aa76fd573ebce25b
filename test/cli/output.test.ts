import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { completion, minim, root, spawnMinim, waitForOutput } from "./helpers.js";

const ESC = "\u001b[";

describe("minim output, exit codes and help", () => {
  let emulator: Emulator;
  let deezer: string[];

  before(async () => {
    emulator = await startEmulator();
    deezer = ["--url", `deezerApi=${emulator.urls.deezerApi}`];
  });
  after(() => emulator.close());

  it("prints its version and documents the exit codes in --help", async () => {
    const version = await minim(["--version"]);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), manifest.version);
    const help = await minim(["--help"]);
    assert.equal(help.code, 0);
    for (const line of [
      /2\s+usage/,
      /3\s+authentication/,
      /4\s+not found/,
      /5\s+rate limited/,
      /6\s+network/,
    ]) {
      assert.match(help.stdout, line);
    }
  });

  it("prints lists as a table and objects as key/value lines, coloured only when asked and never with NO_COLOR", async () => {
    const table = await minim(["call", "deezer", "charts.getTopTracks", "--opt", "limit=3", ...deezer]);
    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.trimEnd().split("\n");
    assert.match(lines[0]!, /^id\s+title\s+artist\.name\s+album\.title/);
    assert.equal(lines.length, 5, "header, three rows, footer");
    assert.match(lines[4]!, /^3 of \d+ \(--all reads every page\)$/);
    assert.ok(!table.stdout.includes(ESC), "no colour on a pipe");

    const album = await minim(["call", "deezer", "albums.getAlbum", "720001", ...deezer], {
      FORCE_COLOR: "1",
    });
    assert.equal(album.code, 0, album.stderr);
    assert.ok(album.stdout.includes(ESC), "FORCE_COLOR colours");
    const plain = await minim(["call", "deezer", "albums.getAlbum", "720001", ...deezer], {
      FORCE_COLOR: "1",
      NO_COLOR: "1",
    });
    assert.ok(!plain.stdout.includes(ESC), "NO_COLOR wins");
    assert.match(plain.stdout, /^id\s+720001$/m);
    assert.match(plain.stdout, /^artist\s+.+ \(id \d+\)$/m);
    assert.match(plain.stdout, /^tracks\s+\[\d+ items?\]$/m);
  });

  it("suggests the method meant, lists methods, and sends nothing for a usage error", async () => {
    const before = emulator.requests.length;
    const typo = await minim(["call", "deezer", "albums.getAlbm", "720001", ...deezer]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /Did you mean albums\.getAlbum\?/);
    assert.match(typo.stderr, /minim call deezer --list/);
    const list = await minim(["call", "deezer", "--list"]);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^albums\.getAlbum$/m);
    assert.match(list.stdout, /^albums\.getAlbumFans$/m);
    assert.doesNotMatch(list.stdout, /^\w+\.(get|post|put|delete|list|site)$/m, "the shared request helpers");
    const helper = await minim(["call", "deezer", "albums.list", "/album/302127/fans", ...deezer]);
    assert.equal(helper.code, 2, "a request helper cannot be called by name");
    assert.match(helper.stderr, /No method "albums\.list"/);
    const write = await minim(["call", "deezer", "users.createPlaylist", "Road trip", "--all", ...deezer]);
    assert.equal(write.code, 2);
    assert.match(write.stderr, /users\.createPlaylist does not page; call it without --all/);
    const unknown = await minim(["frobnicate"]);
    assert.equal(unknown.code, 2);
    assert.equal(emulator.requests.length, before);
  });

  it("exits with distinct codes for not found, rate limited and network failures", async () => {
    const missing = await minim(["call", "deezer", "albums.getAlbum", "999999999", ...deezer]);
    assert.equal(missing.code, 4, missing.stderr);
    assert.match(missing.stderr, /NotFoundError/);

    emulator.faults.inject({
      role: "deezerApi",
      path: "/genre/0",
      times: Infinity,
      status: 429,
      headers: { "retry-after": "0" },
    });
    try {
      const limited = await minim(["call", "deezer", "genres.getGenre", "0", ...deezer]);
      assert.equal(limited.code, 5, limited.stderr);
      assert.match(limited.stderr, /RateLimitError/);
    } finally {
      emulator.faults.clear();
    }

    const probe = await startEmulator({ services: ["deezer"] });
    const closed = probe.urls.deezerApi;
    await probe.close();
    const offline = await minim(["call", "deezer", "genres.getGenre", "0", "--url", `deezerApi=${closed}`]);
    assert.equal(offline.code, 6, offline.stderr);
    assert.match(offline.stderr, /ConnectionError/);
  });

  it("prints the emulator's environment for a shell, and writes it to a file while serving", async () => {
    const env = await minim(["emulator", "--port", "9000", "--print-env"]);
    assert.equal(env.code, 0, env.stderr);
    assert.match(env.stdout, /^export MINIM_DEEZER_API_URL=http:\/\/127\.0\.0\.1:9000$/m);
    assert.match(env.stdout, /^export MINIM_TIDAL_RESOURCES_URL=http:\/\/127\.0\.0\.1:9005$/m);
    assert.match(env.stdout, /^export MINIM_TIDAL_OPENAPI_URL=http:\/\/127\.0\.0\.1:9006$/m);
    assert.match(env.stdout, /^export DEEZER_API_APP_ID=100001$/m);
    const noPort = await minim(["emulator", "--print-env"]);
    assert.equal(noPort.code, 2);

    const dir = await mkdtemp(join(tmpdir(), "minim-env-"));
    const file = join(dir, "emulator.env");
    const child = spawnMinim(["emulator", "--write-env", file]);
    const done = completion(child);
    try {
      const [, device] = await waitForOutput(
        child.stdout,
        /device page\s+(\S+)[\s\S]*Environment for minim written/,
        child,
      );
      assert.match(device ?? "", /^http:\/\/127\.0\.0\.1:\d+\/device$/);
      const written = await readFile(file, "utf8");
      const deezerUrl = /^export MINIM_DEEZER_API_URL=(\S+)$/m.exec(written)?.[1];
      assert.ok(deezerUrl, written);
      const call = await minim(["call", "deezer", "genres.getGenre", "0", "--json"], {
        MINIM_DEEZER_API_URL: deezerUrl,
      });
      assert.equal(call.code, 0, call.stderr);
      // The device authorisation the emulator announces can be opened as given.
      const tidalAuth = /^export MINIM_TIDAL_AUTH_URL=(\S+)$/m.exec(written)?.[1];
      const answer = await fetch(`${tidalAuth}/v1/oauth2/device_authorization`, {
        method: "POST",
        body: new URLSearchParams({ client_id: "tidal-device-client", scope: "r_usr" }),
      });
      const { verificationUri } = (await answer.json()) as { verificationUri: string };
      assert.match(verificationUri, /^http:\/\//);
      assert.equal((await fetch(verificationUri)).status, 200);
    } finally {
      child.kill("SIGTERM");
      await done;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
