import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { TokenStore } from "../../src/auth/token-store.js";
import {
  DEEZER_SEED_IDS,
  DEFAULT_DEEZER_APP,
  ROLE_NAMES,
  startEmulator,
  TIDAL_DEVICE_CLIENT_ID,
  TIDAL_DEVICE_CLIENT_SECRET,
  TIDAL_PKCE_CLIENT_ID,
  type Emulator,
} from "../../src/emulator/index.js";
import { onPath, skipUnlessInstalled } from "../helpers/servers.js";
import { completion, minim, root, spawnMinim, waitForOutput } from "./helpers.js";

const LAST_ROLE = ROLE_NAMES[ROLE_NAMES.length - 1] as string;
/**
 * `script` (util-linux; Debian's bsdutils) runs a command on a pseudo-terminal: the only way to see what a person
 * sees on one.
 */
const noPty = skipUnlessInstalled(onPath("script") ? false : "script not found: apt-get install bsdutils");
/** A Deezer app of the test's own, next to the emulator's default one. */
const OTHER_APP = { appId: "200002", secret: "other-app-secret" };
/** The emulator's playlist whose page total (30) counts an item no page returns. */
const SHORT_PLAYLIST = 880004;

/** cli-progress redraws its line by moving to column 1; each redraw is one frame. */
const FRAME_BREAK = new RegExp(String.raw`\r|\n|\u001b\[1G`);
const ESCAPES = new RegExp(String.raw`\u001b(?:\[[0-9;?]*[A-Za-z]|[78])`, "g");

describe("minim call", () => {
  let emulator: Emulator;
  let minimDir: string;

  before(async () => {
    emulator = await startEmulator({ services: ["deezer"] });
    emulator.deezer!.registerApp(OTHER_APP);
    minimDir = await mkdtemp(join(tmpdir(), "minim-call-"));
  });
  after(async () => {
    await emulator.close();
    await rm(minimDir, { recursive: true, force: true });
  });

  /** Stores a Deezer login of `userId` through `app`, as `minim login deezer` would have. */
  function storeLogin(app: { appId: string; secret: string }, userId: number, addedAt: Date): void {
    const store = new TokenStore({ path: join(minimDir, "auth.db") });
    try {
      store.save({
        clientName: "DeezerAPIClient",
        authFlow: "auth_code",
        clientId: app.appId,
        clientSecret: app.secret,
        userIdentifier: String(userId),
        redirectUri: "http://127.0.0.1:8888/callback",
        scopes: ["basic_access"],
        tokenType: "bearer",
        accessToken: emulator.deezer!.issueToken({ appId: app.appId, userId, expiresInSeconds: 0 }),
        accessTokenSecret: null,
        expiresAt: null,
        refreshToken: null,
        extras: null,
        addedAt,
      });
    } finally {
      store.close();
    }
  }

  it("--app picks the stored login of that app over a newer one; an unknown app asks to log in first", async () => {
    const { main, tomasz } = DEEZER_SEED_IDS.USER;
    storeLogin(DEFAULT_DEEZER_APP, main, new Date(Date.now() - 60_000));
    storeLogin(OTHER_APP, tomasz, new Date());
    const env = { MINIM_DIR: minimDir, MINIM_DEEZER_API_URL: emulator.urls.deezerApi };
    const me = ["call", "deezer", "users.getUser", "--json"];

    const newest = await minim(me, env);
    assert.equal(newest.code, 0, newest.stderr);
    assert.equal((JSON.parse(newest.stdout) as { id: number }).id, tomasz);

    const picked = await minim([...me, "--app", DEFAULT_DEEZER_APP.appId], env);
    assert.equal(picked.code, 0, picked.stderr);
    assert.equal((JSON.parse(picked.stdout) as { id: number }).id, main);

    const sent = emulator.requests.length;
    const unknown = await minim([...me, "--app", "nope"], env);
    assert.equal(unknown.code, 3, unknown.stderr);
    assert.match(unknown.stderr, /No stored deezer login for app nope\./);
    assert.match(unknown.stderr, /hint: log in first with: minim login deezer/);
    assert.doesNotMatch(unknown.stderr, /log in again/);
    assert.equal(emulator.requests.length, sent, "nothing was sent");
  });

  it(
    "--all on a terminal ends its progress bar at 100 % with the items read, even when the total overstated them",
    {
      skip: noPty,
    },
    async () => {
      const out = join(minimDir, "tracks.json");
      const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
      const command = [
        quote(process.execPath),
        "--import tsx src/cli/main.ts call deezer playlists.getPlaylistTracks",
        String(SHORT_PLAYLIST),
        `--all --json --no-login --opt limit=10 --base-url ${quote(emulator.urls.deezerApi)}`,
        `> ${quote(out)}`,
      ].join(" ");
      // On the pseudo-terminal stderr is a TTY, as in a person's shell; stdout goes to a file for the answer.
      const { stdout: terminal } = await promisify(execFile)("script", ["-qfec", command, "/dev/null"], {
        cwd: root,
        env: { ...process.env, MINIM_DIR: minimDir },
      });
      const items = JSON.parse(await readFile(out, "utf8")) as { id: number }[];
      assert.equal(items.length, 29);
      const frames = terminal
        .split(FRAME_BREAK)
        .map((frame) => frame.replace(ESCAPES, "").trim())
        .filter((frame) => frame.includes("items"));
      assert.ok(frames.length >= 2, terminal);
      assert.match(frames[0]!, /\| 10\/30 items \|/, "the first page's total is what the bar starts from");
      assert.match(frames.at(-1)!, /^=+ 100% \| 29\/29 items \|/);

      // Off a terminal (a pipe, as here) nothing but the answer is written.
      const piped = await minim(
        [
          "call",
          "deezer",
          "playlists.getPlaylistTracks",
          String(SHORT_PLAYLIST),
          "--all",
          "--json",
          "--no-login",
        ],
        { MINIM_DIR: minimDir, MINIM_DEEZER_API_URL: emulator.urls.deezerApi },
      );
      assert.equal(piped.code, 0, piped.stderr);
      assert.equal(piped.stderr, "");
      assert.equal((JSON.parse(piped.stdout) as unknown[]).length, 29);
    },
  );
});

describe("minim emulator", () => {
  it("prints the test credentials, and they work against the emulator it started", async () => {
    const child = spawnMinim(["emulator"]);
    child.stdin.end();
    const done = completion(child);
    let printed = "";
    child.stdout.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    try {
      // The announcement is printed in order; the device page comes last.
      await waitForOutput(child.stdout, /device page\s+\S+\n/, child);
      const lines = printed.split("\n").filter((line) => line.length > 0);
      const url = (role: string): string => {
        const line = lines.find((l) => l.startsWith(`${role} `));
        assert.ok(line, `${role} is announced`);
        return line.split(/\s+/)[1]!;
      };
      assert.equal(
        lines.filter((l) => ROLE_NAMES.some((r) => l.startsWith(`${r} `))).length,
        ROLE_NAMES.length,
      );
      const block = lines.slice(lines.findIndex((l) => l.startsWith(LAST_ROLE)) + 1);
      assert.deepEqual(block, [
        "Deezer test app (emulator only):",
        `  app id ${DEFAULT_DEEZER_APP.appId}, secret ${DEFAULT_DEEZER_APP.secret}`,
        `  consent page  ${url("deezerConnect")}/oauth/auth.php`,
        "TIDAL test clients (emulator only):",
        `  device flow: client id ${TIDAL_DEVICE_CLIENT_ID}, secret ${TIDAL_DEVICE_CLIENT_SECRET}`,
        `  PKCE: client id ${TIDAL_PKCE_CLIENT_ID} (no secret), redirect URI tidal://login/auth`,
        `  login page    ${url("tidalLogin")}/authorize`,
        `  device page   ${url("tidalLogin")}/device`,
      ]);

      // The printed values are the ones the emulator accepts: the consent page knows the app, and a device
      // login starts with the printed client id and secret.
      const consent = await fetch(
        `${url("deezerConnect")}/oauth/auth.php?${new URLSearchParams({
          app_id: DEFAULT_DEEZER_APP.appId,
          redirect_uri: "http://127.0.0.1:8888/callback",
          perms: "basic_access",
        })}`,
      );
      assert.equal(consent.status, 200, await consent.text());
      const device = await fetch(`${url("tidalAuth")}/v1/oauth2/device_authorization`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${TIDAL_DEVICE_CLIENT_ID}:${TIDAL_DEVICE_CLIENT_SECRET}`).toString("base64")}`,
        },
        body: new URLSearchParams({ client_id: TIDAL_DEVICE_CLIENT_ID, scope: "r_usr w_usr" }),
      });
      assert.equal(device.status, 200, await device.clone().text());
      assert.ok(((await device.json()) as { deviceCode?: string }).deviceCode);
    } finally {
      child.kill("SIGTERM");
      await done;
    }
  });
});
