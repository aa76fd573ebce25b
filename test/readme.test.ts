/**
 * The README runs as written: every ```ts example type-checks and runs against an emulator started here (the
 * clients' options are pointed at it and the emulated user answers the login pages), printing what the example's
 * comments say; the partial `ts fragment` blocks type-check and run once given the client they assume; the "Try it
 * in 60 seconds" commands and the "Command line" walkthrough run through the CLI; and every export the README names
 * exists.
 */
import assert from "node:assert/strict";
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { format, promisify } from "node:util";
import { TokenStore } from "../src/auth/token-store.js";
import { DEEZER_SEED_IDS } from "../src/emulator/deezer/index.js";
import { ROLE_NAMES, startEmulator, type Emulator } from "../src/emulator/index.js";
import { TIDAL_DEVICE_CLIENT_ID, TIDAL_DEVICE_CLIENT_SECRET } from "../src/emulator/tidal/index.js";
import * as emulatorExports from "../src/emulator/index.js";
import * as packageExports from "../src/index.js";
import { waitForOutput } from "./cli/helpers.js";

const root = new URL("../", import.meta.url).pathname;
const scratch = join(root, "test", ".readme-check");
const README = readFileSync(join(root, "README.md"), "utf8");

/** The README's TypeScript examples (blocks marked `ts fragment` are partial: see {@link fragments}). */
function examples(): string[] {
  return [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

/** The README's partial TypeScript blocks: a call or a construction shown without its surroundings. */
function fragments(): string[] {
  return [...README.matchAll(/```ts fragment\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

/**
 * A fragment made whole: the names it uses without defining them (a client, a signal) are given, and its own code
 * sits in a block so it may define them again. `declare` for type-checking; real values for running.
 */
function wholeFragment(code: string, run: boolean): string {
  const imports = 'import { DeezerAPIClient, PrivateTIDALAPIClient } from "minim-ts";\n';
  const given = run
    ? "const deezer = new DeezerAPIClient();\nconst signal = new AbortController().signal;\n"
    : "declare const deezer: DeezerAPIClient;\ndeclare const tidal: PrivateTIDALAPIClient;\ndeclare const signal: AbortSignal;\n";
  return `${imports}${given}{\n${code}}\nexport {};\n`;
}

/** One `## ` section of the README, without its heading. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `the README has a "${title}" section`);
  const body = README.slice(start + title.length + 5);
  const end = body.indexOf("\n## ");
  return end < 0 ? body : body.slice(0, end);
}

function localImports(code: string, depth: string): string {
  return code
    .replaceAll('from "minim-ts/emulator"', `from "${depth}src/emulator/index.js"`)
    .replaceAll('from "minim-ts"', `from "${depth}src/index.js"`);
}

/** What the rewritten examples reach through `globalThis.__readme`. */
interface Harness {
  deezer: Record<string, unknown>;
  tidal: Record<string, unknown>;
  appId: string;
  appSecret: string;
  redirectUri: string;
  print: (...values: unknown[]) => void;
}

/**
 * Points an example at the test's emulator: every client construction gets the emulator's URLs (and, for Deezer,
 * a consent page the emulated user answers) spread in before its own options, the placeholders become the
 * emulator's test credentials, and printing is captured.
 */
function forEmulator(code: string): string {
  const rewritten = localImports(code, "../../")
    .replaceAll("console.log(", "__readme.print(")
    .replaceAll("new DeezerAPIClient()", "new DeezerAPIClient({ ...__readme.deezer })")
    .replaceAll(/(new DeezerAPIClient|DeezerAPIClient\.create)\(\{/g, "$1({ ...__readme.deezer,")
    .replaceAll(/(new PrivateTIDALAPIClient|PrivateTIDALAPIClient\.create)\(\{/g, "$1({ ...__readme.tidal,")
    .replaceAll('"YOUR_APP_ID"', "__readme.appId")
    .replaceAll('"YOUR_APP_SECRET"', "__readme.appSecret")
    .replaceAll(/redirectUri: "[^"]*"/g, "redirectUri: __readme.redirectUri")
    .replaceAll("openBrowser: true", "openBrowser: false");
  // A construction left without the emulator's URLs would contact the real service.
  const constructions = rewritten.match(
    /(?:new (?:DeezerAPIClient|PrivateTIDALAPIClient)|\.create)\([^)]{0,20}/g,
  );
  for (const call of constructions ?? [])
    assert.match(call, /__readme\./, `not pointed at the emulator: ${call}`);
  return `const __readme = (globalThis as unknown as { __readme: any }).__readme;\n${rewritten}`;
}

/** The examples that log in, each checked by a test of its own. */
const LOGIN_EXAMPLE = /(?:DeezerAPIClient|PrivateTIDALAPIClient)\.create\(/;

function assertPromises(code: string, lines: string[]): void {
  for (const value of promisedPrints(code)) {
    assert.ok(lines.includes(value), `the example prints ${value}: got ${JSON.stringify(lines)}`);
  }
}

/** Values the example's own comments promise for a printed line: `console.log(…); // 2`. */
function promisedPrints(code: string): string[] {
  return [...code.matchAll(/console\.log\(.*\);\s*\/\/\s*(-?\d+(?:\.\d+)?|true|false|"[^"]*")\s*$/gm)].map(
    (m) => (m[1] ?? "").replace(/^"(.*)"$/, "$1"),
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(typeof address === "object" && address !== null);
  return address.port;
}

/** What the user does on TIDAL's device page: opens it, enters the code and approves. */
async function approveDevice(verificationUri: string, userCode: string): Promise<void> {
  const page = await fetch(`${verificationUri}/${encodeURIComponent(userCode)}`);
  assert.match(await page.text(), new RegExp(userCode), "the device page shows the code");
  const answer = await fetch(verificationUri, {
    method: "POST",
    body: new URLSearchParams({ userCode, decision: "allow" }),
  });
  await answer.text();
  assert.ok(answer.ok, `the device page answered ${answer.status}`);
}

/** Splits a README shell line into arguments (double quotes only; `\` continuations already joined). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "");
}

const run = promisify(execFile);

function exited(child: ChildProcess): Promise<{ code: number | null }> {
  if (child.exitCode !== null) return Promise.resolve({ code: child.exitCode });
  return new Promise((resolve) => child.once("close", (code) => resolve({ code })));
}

describe("README examples", () => {
  let emulator: Emulator;
  let minimDir: string;
  let harness: Harness;
  let printed: string[] = [];
  const consentPages: string[] = [];
  const pending: Promise<void>[] = [];
  const savedEnv: Record<string, string | undefined> = {};

  function setEnv(name: string, value: string): void {
    if (!(name in savedEnv)) savedEnv[name] = process.env[name];
    process.env[name] = value;
  }

  before(async () => {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    emulator = await startEmulator({ tidal: { deviceUriWithScheme: true } });
    // Logins the examples make go to a throwaway store, never the developer's ~/.minim.
    minimDir = mkdtempSync(join(tmpdir(), "minim-readme-"));
    setEnv("MINIM_DIR", minimDir);
    // The TIDAL example reads its client from the environment, as it tells its readers to.
    setEnv("PRIVATE_TIDAL_API_CLIENT_ID", TIDAL_DEVICE_CLIENT_ID);
    setEnv("PRIVATE_TIDAL_API_CLIENT_SECRET", TIDAL_DEVICE_CLIENT_SECRET);
    // The playback example plays as a subscriber whose token the reader has at hand.
    setEnv(
      "TIDAL_ACCESS_TOKEN",
      emulator.tidal!.issueToken({ clientId: TIDAL_DEVICE_CLIENT_ID }).accessToken,
    );
    const { urls } = emulator;
    harness = {
      deezer: {
        baseUrl: urls.deezerApi,
        authUrl: `${urls.deezerConnect}/oauth/auth.php`,
        tokenUrl: `${urls.deezerConnect}/oauth/access_token.php`,
        onAuthorization: ({ url }: { url: string }) => {
          consentPages.push(url);
          return emulator.deezer!.approveConsent(url);
        },
      },
      tidal: {
        baseUrl: urls.tidalApi,
        authUrl: `${urls.tidalLogin}/authorize`,
        tokenUrl: `${urls.tidalAuth}/v1/oauth2/token`,
        deviceAuthUrl: `${urls.tidalAuth}/v1/oauth2/device_authorization`,
        loginUrl: urls.tidalLogin,
        resourceUrl: urls.tidalResources,
        openApiUrl: urls.tidalOpenApi,
      },
      appId: "100001",
      appSecret: "emulator-app-secret",
      redirectUri: `http://127.0.0.1:${await freePort()}/callback`,
      print: (...values: unknown[]) => {
        const line = format(...values);
        printed.push(line);
        // The person reading the TIDAL example's prompt opens the page and approves the code.
        const prompt = /^Open (\S+) and enter (\S+)$/.exec(line);
        if (prompt) pending.push(approveDevice(prompt[1]!, prompt[2]!));
      },
    };
    (globalThis as unknown as { __readme: Harness }).__readme = harness;
  });

  after(async () => {
    delete (globalThis as { __readme?: unknown }).__readme;
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await emulator?.close();
    rmSync(scratch, { recursive: true, force: true });
    if (minimDir) rmSync(minimDir, { recursive: true, force: true });
  });

  /** Runs one example and returns what it printed. */
  async function runExample(code: string, name: string): Promise<string[]> {
    printed = [];
    const file = join(scratch, `${name}.ts`);
    writeFileSync(file, forEmulator(code));
    await import(file);
    await Promise.all(pending.splice(0));
    return printed;
  }

  it("type-check against the public surface", () => {
    const blocks = examples();
    assert.ok(blocks.length >= 3, "the README has examples");
    blocks.forEach((code, index) =>
      writeFileSync(join(scratch, `example-${index}.ts`), localImports(code, "../../")),
    );
    const partial = fragments();
    assert.ok(partial.length >= 2, "the README has fragments");
    partial.forEach((code, index) =>
      writeFileSync(
        join(scratch, `example-fragment-${index}.ts`),
        localImports(wholeFragment(code, false), "../../"),
      ),
    );
    writeFileSync(
      join(scratch, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        include: ["./example-*.ts"],
        compilerOptions: { noEmit: true },
      }),
    );
    const result = spawnSync(
      process.execPath,
      [join(root, "node_modules/typescript/bin/tsc"), "-p", scratch],
      {
        encoding: "utf8",
      },
    );
    assert.equal(result.status, 0, `README examples do not compile:\n${result.stdout}${result.stderr}`);
  });

  it("every other example runs offline and prints what its comments promise", async () => {
    // The two login examples have tests of their own below; every other block runs here.
    const blocks = examples().filter((code) => !LOGIN_EXAMPLE.test(code));
    assert.ok(blocks.length >= 1);
    for (const [index, code] of blocks.entries()) {
      const lines = await runExample(code, `run-${index}`);
      assertPromises(code, lines);
    }
    // The emulator example promises one 429 and one retry: two requests.
    assert.ok(blocks.some((code) => promisedPrints(code).includes("2")));
  });

  it("the fragments run against the emulator once given a client", async () => {
    for (const [index, code] of fragments().entries()) {
      emulator.clearRequests();
      await runExample(wholeFragment(code, true), `fragment-${index}`);
      // A fragment that calls the service reached the emulator (and nothing else: every URL points at it).
      if (/await deezer\./.test(code)) assert.ok(emulator.requestsTo("deezerApi").length > 0, code);
    }
  });

  it("Deezer: the album, its fans, and a playlist made through a browser login that is stored and reused", async () => {
    const code = examples().find((c) => c.includes("DeezerAPIClient.create("));
    assert.ok(code, "the README has the Deezer example");
    const deezer = emulator.deezer!;
    deezer.reset();
    consentPages.length = 0;
    // A store of its own, so "reused next time" starts from no login at all.
    setEnv("MINIM_DIR", mkdtempSync(join(minimDir, "deezer-")));
    const albumId = Number(/getAlbum\((\d+)\)/.exec(code)?.[1]);
    const album = deezer.state.albums.get(albumId);
    assert.ok(album, `the emulator has album ${albumId}`);
    const fans = deezer.state.fansOf("albums", albumId).map((id) => deezer.state.users.get(id)?.name);
    assert.ok(fans.length > 0, "the album has fans to list");
    const artist = deezer.state.artists.get(album.artistId)?.name;

    const lines = await runExample(code, "deezer-first");
    assertPromises(code, lines);
    assert.deepEqual(lines, [`${album.title} ${artist}`, ...fans]);
    assert.equal(consentPages.length, 1, "the user was sent to the consent page once");
    assert.ok(existsSync(join(process.env["MINIM_DIR"]!, "auth.db")), "the token was stored");
    const trackIds = JSON.parse(/trackIds: (\[[\d, ]+\])/.exec(code)?.[1] ?? "[]") as number[];
    const made = deezer.playlistsOf(DEEZER_SEED_IDS.USER.main).filter((p) => p.title === "Road trip");
    assert.deepEqual(
      made.map((p) => p.trackIds),
      [trackIds],
    );

    // "reused next time (no browser then)"
    await runExample(code, "deezer-second");
    assert.equal(consentPages.length, 1, "no second visit to the consent page");
    assert.equal(
      deezer.playlistsOf(DEEZER_SEED_IDS.USER.main).filter((p) => p.title === "Road trip").length,
      2,
    );
  });

  it("TIDAL: a device login, then the recorded album's items in the account's country and its artwork", async () => {
    const code = examples().find((c) => c.includes("PrivateTIDALAPIClient.create("));
    assert.ok(code, "the README has the TIDAL example");
    const albumId = Number(/getAlbum\((\d+)\)/.exec(code)?.[1]);
    // The emulator serves this album as the service answered it in the recordings.
    const recordedAlbum = JSON.parse(
      readFileSync(join(root, `test/fixtures/tidal/yambs/album_${albumId}_US.json`), "utf8"),
    ) as { cover: string };
    const recordedTracks = JSON.parse(
      readFileSync(join(root, `test/fixtures/tidal/yambs/tracks_${albumId}_US.json`), "utf8"),
    ) as { items: { title: string }[] };
    emulator.clearRequests();

    const lines = await runExample(code, "tidal");
    assertPromises(code, lines);
    assert.match(lines[0] ?? "", /^Open http:\/\/127\.0\.0\.1:\d+\/device and enter \S+$/);
    assert.deepEqual(
      lines.slice(1, -1),
      recordedTracks.items.map((t) => t.title),
    );
    assert.equal(
      lines.at(-1),
      `https://resources.tidal.com/images/${recordedAlbum.cover.replaceAll("-", "/")}/640x640.jpg`,
    );
    // "countryCode comes from the account"
    const albumRequests = emulator.requestsTo("tidalApi", `/v1/albums/${albumId}`);
    assert.ok(albumRequests.length > 0);
    const account = emulator.tidal!.state.users.get(emulator.tidal!.consentUserId);
    for (const request of albumRequests) assert.equal(request.query["countryCode"], account?.countryCode);
  });

  it("the 'Try it in 60 seconds' commands answer as the section says", async () => {
    const text = section("Try it in 60 seconds");
    const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) =>
      (m[1] ?? "").replace(/\\\n\s*/g, ""),
    );
    const emulatorLine = blocks.join("\n").match(/npx minim emulator --port (\d+)\s+# (.*)/);
    assert.ok(emulatorLine, "the section starts the emulator");
    const firstPort = Number(emulatorLine[1]);
    // The comment's ports follow the emulator's role order.
    const announced = [...emulatorLine[2]!.matchAll(/(Deezer API|TIDAL API) on :(\d+)/g)];
    assert.equal(announced.length, 2);
    for (const [, name, port] of announced) {
      const role = name === "Deezer API" ? "deezerApi" : "tidalApi";
      assert.equal(Number(port) - firstPort, ROLE_NAMES.indexOf(role), `${name} on :${port}`);
    }
    const calls = blocks
      .join("\n")
      .split("\n")
      .filter((line) => line.startsWith("npx minim call "));
    assert.ok(calls.length >= 2);
    const answers: string[] = [];
    for (const line of calls) {
      const args = shellWords(line.replace(/\s+#.*$/, ""))
        .slice(2)
        .map((word) => {
          const port = /^http:\/\/127\.0\.0\.1:(\d+)$/.exec(word)?.[1];
          return port === undefined ? word : emulator.urls[ROLE_NAMES[Number(port) - firstPort]!];
        });
      const { stdout } = await run(
        process.execPath,
        ["--import", "tsx", join(root, "src/cli/main.ts"), ...args],
        {
          cwd: root,
          env: { ...process.env, MINIM_DIR: minimDir },
        },
      );
      answers.push(stdout);
      assert.doesNotThrow(() => JSON.parse(stdout), `${line} prints JSON`);
    }
    // "Daft Punk's Discovery, the matching tracks, Alice In Chains' Sap"
    const [album, tracks, tidalAlbum] = answers.map((a) => JSON.parse(a) as Record<string, unknown>);
    assert.equal(album?.["title"], "Discovery");
    assert.equal((album?.["artist"] as { name?: string } | undefined)?.name, "Daft Punk");
    const found = (tracks?.["data"] as { title: string }[] | undefined)?.map((t) => t.title) ?? [];
    assert.ok(found.includes("Harder Better Faster Stronger"), `found ${found.join(", ")}`);
    assert.equal(tidalAlbum?.["title"], "Sap");
    assert.equal((tidalAlbum?.["artist"] as { name?: string } | undefined)?.name, "Alice In Chains");
  });

  it("the 'Command line' walkthrough runs against an emulator, each line doing what its comment says", async () => {
    const block = /```sh\n([\s\S]*?)```/.exec(section("Command line"))?.[1] ?? "";
    const lines = block.split("\n").filter((line) => line.trim().length > 0);
    const done = new Set<string>();
    /** The block's line matching `pattern`, without its comment, as arguments after `npx minim`. */
    const take = (pattern: RegExp): { args: string[]; comment: string } => {
      const line = lines.find((l) => pattern.test(l));
      assert.ok(line, `the block has a line matching ${String(pattern)}`);
      done.add(line);
      const [command = "", comment = ""] = line.split(/\s+#\s*/, 2);
      return { args: shellWords(command).slice(2), comment };
    };
    const cliDir = mkdtempSync(join(minimDir, "cli-"));
    let env: NodeJS.ProcessEnv = { ...process.env, MINIM_DIR: cliDir };
    const minim = async (args: string[]): Promise<string> => {
      const { stdout } = await run(
        process.execPath,
        ["--import", "tsx", join(root, "src/cli/main.ts"), ...args],
        {
          cwd: root,
          env,
        },
      );
      return stdout;
    };

    const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    assert.equal((await minim(take(/minim --version/).args)).trim(), version.version);
    // `minim demo` runs end to end in test/cli/cli.test.ts; it starts an emulator of its own, so nothing here
    // depends on it.
    take(/minim demo\b/);

    // The emulator this test runs stands in for the long-running `minim emulator --port 9000`: the `eval` line's
    // URLs are mapped onto it by port, so every later line talks to it exactly as it would to that one.
    const served = take(/^npx minim emulator --port \d+\s/);
    const firstPort = Number(served.args[served.args.indexOf("--port") + 1]);
    const range = /ports (\d+)-(\d+)/.exec(served.comment);
    assert.deepEqual(range?.slice(1).map(Number), [firstPort, firstPort + ROLE_NAMES.length - 1]);
    const evalLine = lines.find((l) => l.startsWith("eval "));
    assert.ok(evalLine);
    done.add(evalLine);
    const inner = /^eval "\$\(npx minim (.*)\)"/.exec(evalLine)?.[1] ?? "";
    const exported: Record<string, string> = {};
    for (const line of (await minim(shellWords(inner))).trim().split("\n")) {
      const [, name = "", value = ""] = /^export (\w+)=(.*)$/.exec(line) ?? [];
      assert.ok(name, `an export line: ${line}`);
      const port = /^http:\/\/127\.0\.0\.1:(\d+)$/.exec(value)?.[1];
      exported[name] = port === undefined ? value : emulator.urls[ROLE_NAMES[Number(port) - firstPort]!];
    }
    assert.match(evalLine, /URLs \+ test app ids/);
    assert.ok(exported["DEEZER_API_APP_ID"] && exported["PRIVATE_TIDAL_API_CLIENT_ID"], "test app ids");
    env = { ...env, ...exported };

    // The logins: the person answers the consent page and the device page.
    const deezerLogin = take(/minim login deezer/);
    // The README's default redirect port (8888) may be taken on a shared machine; any loopback port works alike.
    const deezerChild = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(root, "src/cli/main.ts"),
        ...deezerLogin.args,
        "--redirect-uri",
        `http://127.0.0.1:${await freePort()}/callback`,
      ],
      { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    const deezerPage = await waitForOutput(deezerChild.stderr, /allow access:\s+(\S+)/);
    await emulator.deezer!.approveConsent(deezerPage[1]!);
    assert.equal((await exited(deezerChild)).code, 0);

    const tidalChild = spawn(
      process.execPath,
      ["--import", "tsx", join(root, "src/cli/main.ts"), ...take(/minim login tidal/).args],
      {
        cwd: root,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const devicePrompt = await waitForOutput(tidalChild.stderr, /open (\S+) and confirm the code (\S+)/);
    assert.equal(devicePrompt[1], `${emulator.urls.tidalLogin}/device`);
    emulator.tidal!.approveDevice(devicePrompt[2]!);
    assert.equal((await exited(tidalChild)).code, 0);

    // "a table": a header row, then one row per track (and a note of how many there are in all).
    const rows = (text: string): string[] => text.split("\n").filter((line) => /^\d+\s{2,}/.test(line));
    const top = await minim(take(/charts\.getTopTracks/).args);
    assert.match(top, /^id\s+title\s/);
    assert.equal(rows(top).length, 5, top);
    // "key/value lines"
    const album = await minim(take(/albums\.getAlbum \d+/).args);
    assert.match(album, /^id\s+720001$/m);
    assert.match(album, /^title\s+\S/m);
    // "every page": the playlist's 29 playable tracks, past the first page of 25.
    const all = await minim(take(/--all/).args);
    assert.equal(rows(all).length, 29, all);
    // "uses the newest stored login"
    const me = await minim(take(/users\.getMe/).args);
    assert.match(me, new RegExp(`^userId\\s+${emulator.tidal!.mainUserId}$`, "m"));
    // "every method"
    const methods = (await minim(take(/--list/).args)).trim().split("\n");
    assert.ok(methods.includes("albums.getAlbum") && methods.length > 50, `${methods.length} methods`);
    // "stored logins (never the secrets)"
    const listed = await minim(take(/tokens list/).args);
    assert.match(listed, /^deezer\s+flow=auth_code\s/m);
    assert.match(listed, new RegExp(`^tidal\\s+flow=device\\s.*user=${emulator.tidal!.mainUserId}\\s`, "m"));
    const store = new TokenStore({ path: join(cliDir, "auth.db") });
    const secrets = [
      exported["DEEZER_API_APP_SECRET"]!,
      exported["PRIVATE_TIDAL_API_CLIENT_SECRET"]!,
      ...["DeezerAPIClient", "PrivateTIDALAPIClient"].flatMap((clientName) =>
        store.list({ clientName }).flatMap((t) => [t.accessToken, t.refreshToken ?? ""]),
      ),
    ].filter((secret) => secret.length > 0);
    store.close();
    for (const secret of secrets) assert.ok(!listed.includes(secret), "a secret was listed");
    // The TIDAL login made above is the one removed.
    const removal = take(/tokens remove/);
    assert.equal(removal.args[removal.args.indexOf("--user") + 1], String(emulator.tidal!.mainUserId));
    assert.match(await minim(removal.args), /^Removed 1 token\.$/m);
    assert.doesNotMatch(await minim(["tokens", "list"]), /^tidal\s/m);

    assert.deepEqual(
      lines.filter((line) => !done.has(line)),
      [],
      "every line of the block is run here",
    );
  });

  it("names only exports that exist", () => {
    const named = new Set([...README.matchAll(/`([A-Z][A-Za-z0-9]*)`/g)].map((m) => m[1]!));
    assert.ok(named.has("DeezerAPIClient") && named.has("MinimError"), "the README names exports");
    // Interfaces and type aliases leave nothing at run time: they count when an entry point exports them by name.
    const typeExports = ["src/index.ts", "src/deezer/index.ts", "src/tidal/index.ts", "src/emulator/index.ts"]
      .map((file) => readFileSync(join(root, file), "utf8"))
      .join("\n");
    const exportsType = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(typeExports);
    const missing = [...named].filter(
      (name) =>
        !(name in packageExports) &&
        !(name in emulatorExports) &&
        !(name in globalThis) &&
        !exportsType(name),
    );
    assert.deepEqual(missing, []);
  });
});
