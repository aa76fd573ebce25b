// Fault soak: thousands of mixed calls of both clients against the emulator while it injects faults the real
// services produce (rate limits, outages, resets, stalled and drip-fed bodies, garbled 2xx answers, Deezer's
// HTTP-200 errors, TIDAL token rejections). It counts what reaches the caller and fails (exit code 1) when any
// of the seven invariants is broken: untyped errors, null results, unhandled rejections, calls settled past their
// deadline, writes applied twice, writes reported successful but missing from the service, secrets in any output.
//
//   npm run soak                         # build, then run with the defaults
//   SOAK_CALLS=2000 node bench/soak.bench.mjs
//
// Knobs (environment): SOAK_CALLS (12000), SOAK_CONCURRENCY (24), SOAK_SEED (14), SOAK_FAULTS (1 = on),
// SOAK_VERBOSE (1 = one sample message per error class and method, secrets masked).
//
// The emulator runs in a child process (this file with --emulator), as a real service would: nothing the
// emulator learns (it redacts the tokens it sees in its own log) can help the clients hide a secret.
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { format } from "node:util";

const CALLS = intEnv("SOAK_CALLS", 12_000);
const CONCURRENCY = intEnv("SOAK_CONCURRENCY", 24);
const SEED = intEnv("SOAK_SEED", 14);
const FAULTS = process.env.SOAK_FAULTS !== "0";
/** Per-attempt `timeout` of every call. */
const ATTEMPT_MS = 800;
/** Deadline of a call with a signal of its own (AbortSignal.timeout). */
const CALL_DEADLINE_MS = 2_000;
/** Deadline of a group of calls sharing one AbortController. */
const GROUP_DEADLINE_MS = 2_500;
const GROUP_SIZE = 24;
/** A call is late when it settles more than this after its deadline. */
const LATE_MS = 100;
/** The harness stops waiting for a call this long after its deadline (it is counted as late). */
const GIVE_UP_MS = 3_000;
const DEEZER_USERS = 4;
const TIDAL_USERS = 4;
const EMULATOR_FLAG = "--emulator";

if (process.argv[2] === EMULATOR_FLAG) await serveEmulator();
else await runSoak();

async function runSoak() {
  // --- everything the process prints is captured, so it can be scanned for secrets afterwards -----------------
  const captured = [];
  const realStdout = process.stdout.write.bind(process.stdout);
  const realStderr = process.stderr.write.bind(process.stderr);
  const tee = (real) =>
    function write(chunk, ...rest) {
      captured.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return real(chunk, ...rest);
    };
  process.stdout.write = tee(realStdout);
  process.stderr.write = tee(realStderr);
  const say = (...args) => process.stdout.write(`${format(...args)}\n`);

  let unhandled = 0;
  const unhandledSamples = [];
  process.on("unhandledRejection", (reason) => {
    unhandled++;
    if (unhandledSamples.length < 5) unhandledSamples.push(describe(reason));
  });
  process.on("uncaughtException", (error) => {
    unhandled++;
    if (unhandledSamples.length < 5) unhandledSamples.push(`uncaught: ${describe(error)}`);
  });
  const warnings = new Map();
  process.on("warning", (warning) => bump(warnings, warning.name));

  // Tokens of this run never touch the user's ~/.minim.
  const tmp = mkdtempSync(join(tmpdir(), "minim-soak-"));
  process.env.MINIM_DIR = tmp;

  const { DeezerAPIClient, PrivateTIDALAPIClient, MinimError, TokenStore } = await import("../dist/index.js");

  const rssStart = process.memoryUsage().rss;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const random = mulberry32(SEED);
  const emulator = await startEmulatorProcess();
  const { urls, app, tidalClientId, deezerTokens, tidalLogins, data } = await emulator.call("start");
  const store = new TokenStore({ path: join(tmp, "auth.db") });

  // --- clients ------------------------------------------------------------------------------------------------
  // Each user client has a login of its own; one of each service keeps its rate limiter (the others would make
  // 10,000 calls take minutes), half keep the response cache.
  const deezer = [];
  const tidal = [];
  for (const [i, accessToken] of deezerTokens.entries()) {
    deezer.push({
      name: `deezer#${i}`,
      limited: i === 0,
      token: accessToken,
      client: new DeezerAPIClient({
        authFlow: "auth_code",
        appId: app.appId,
        appSecret: app.secret,
        redirectUri: "http://127.0.0.1:9/callback",
        accessToken,
        baseUrl: urls.deezerApi,
        authUrl: `${urls.deezerConnect}/oauth/auth.php`,
        tokenUrl: `${urls.deezerConnect}/oauth/access_token.php`,
        tokenStore: store,
        storeTokens: false,
        interactive: false,
        limitRate: i === 0,
        enableCache: i % 2 === 0,
        timeout: ATTEMPT_MS,
        maxRetries: 2,
      }),
    });
  }
  const anonymousDeezer = new DeezerAPIClient({
    baseUrl: urls.deezerApi,
    limitRate: false,
    enableCache: false,
  });
  for (const [i, login] of tidalLogins.entries()) {
    tidal.push({
      name: `tidal#${i}`,
      limited: i === 0,
      client: new PrivateTIDALAPIClient({
        authFlow: "pkce",
        clientId: tidalClientId,
        redirectUri: "tidal://login/auth",
        accessToken: login.accessToken,
        refreshToken: login.refreshToken,
        baseUrl: urls.tidalApi,
        loginUrl: urls.tidalLogin,
        authUrl: `${urls.tidalLogin}/authorize`,
        tokenUrl: `${urls.tidalAuth}/v1/oauth2/token`,
        deviceAuthUrl: `${urls.tidalAuth}/v1/oauth2/device_authorization`,
        resourceUrl: urls.tidalResources,
        tokenStore: store,
        storeTokens: true,
        interactive: false,
        limitRate: i === 0,
        enableCache: i % 2 === 0,
        timeout: ATTEMPT_MS,
        maxRetries: 2,
        warn: (message) => process.stderr.write(`warning: ${message}\n`),
      }),
    });
  }

  // --- data the calls use, and the playlists the writes go to (made before any fault is injected) ---------------
  const { deezerTrackIds, deezerAlbumIds, deezerArtistIds, deezerPlaylistIds } = data;
  const { tidalTrackIds, tidalAlbumIds, tidalArtistIds } = data;

  for (const [i, d] of deezer.entries()) {
    const created = await d.client.users.createPlaylist(`soak ${i}`);
    d.playlist = { id: created.id, next: 0, attempted: new Map(), lock: Promise.resolve() };
  }
  for (const [i, t] of tidal.entries()) {
    const created = await t.client.playlists.createPlaylist({ name: `soak ${i}` });
    const uuid = created?.data?.uuid ?? created?.uuid ?? created?.item?.uuid;
    if (typeof uuid !== "string")
      throw new Error(`createPlaylist answered no uuid: ${JSON.stringify(created)}`);
    t.playlist = { id: uuid, next: 0, attempted: new Map(), lock: Promise.resolve() };
  }
  const faultKinds = FAULTS ? await emulator.call("faults") : 0;

  // --- the calls ----------------------------------------------------------------------------------------------------
  const pick = (list) => list[Math.floor(random() * list.length)];
  const READ = "read";
  const WRITE = "write";

  /** Deezer calls: [weight, kind, name, (client, options) => promise]. */
  const deezerCalls = [
    [6, READ, "albums.getAlbum", (c, o) => c.albums.getAlbum(pick(deezerAlbumIds), o)],
    [5, READ, "tracks.getTrack", (c, o) => c.tracks.getTrack(pick(deezerTrackIds), o)],
    [4, READ, "artists.getArtist", (c, o) => c.artists.getArtist(pick(deezerArtistIds), o)],
    [3, READ, "charts.getTopTracks", (c, o) => c.charts.getTopTracks({ limit: 5, ...o })],
    [3, READ, "playlists.getPlaylist", (c, o) => c.playlists.getPlaylist(pick(deezerPlaylistIds), o)],
    [
      3,
      READ,
      "search.searchTracks",
      (c, o) => c.search.searchTracks(pick(["salt", "night", "a"]), { limit: 5, ...o }),
    ],
    [3, READ, "users.getUser", (c, o) => c.users.getUser(undefined, o)],
    [
      2,
      READ,
      "playlists.getPlaylistTracks (walk)",
      (c, o) => c.playlists.getPlaylistTracks(pick(deezerPlaylistIds), { limit: 5, ...o }).toArray(12),
    ],
  ];
  const tidalCalls = [
    [6, READ, "albums.getAlbum", (c, o) => c.albums.getAlbum(pick(tidalAlbumIds), o)],
    [5, READ, "tracks.getTrack", (c, o) => c.tracks.getTrack(pick(tidalTrackIds), o)],
    [4, READ, "artists.getArtist", (c, o) => c.artists.getArtist(pick(tidalArtistIds), o)],
    [
      3,
      READ,
      "albums.getAlbumItems",
      (c, o) => c.albums.getAlbumItems(pick(tidalAlbumIds), { limit: 5, ...o }),
    ],
    [3, READ, "users.getMe", (c, o) => c.users.getMe(o)],
    [
      2,
      READ,
      "albums.getAlbumItems (walk)",
      (c, o) => c.albums.getAlbumItems(pick(tidalAlbumIds), { limit: 3, ...o }).toArray(8),
    ],
  ];

  const stats = {
    calls: 0,
    successes: 0,
    typed: new Map(),
    typedSamples: new Map(),
    untyped: 0,
    untypedSamples: [],
    nulls: 0,
    nullSamples: [],
    late: 0,
    lateWallClock: 0,
    lateSamples: [],
    abandoned: 0,
    byLane: new Map(),
    writes: { attempted: 0, succeeded: 0, failed: 0 },
    maxOverrunMs: 0,
  };
  const errorsSeen = [];
  /** Outstanding harness-abandoned calls, whose later settling is still observed. */
  const pending = new Set();

  let group;
  function sharedSignal() {
    const now = performance.now();
    if (!group || group.used >= GROUP_SIZE || group.deadline - now < 600) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error("group deadline")), GROUP_DEADLINE_MS);
      timer.unref();
      group = { signal: controller.signal, deadline: now + GROUP_DEADLINE_MS, used: 0 };
    }
    group.used++;
    return group;
  }

  /** Chooses the next call: service, client, method, and how its deadline is set. */
  function nextCall() {
    const r = random();
    if (r < 0.06) {
      // Anonymous Deezer reads with `timeout` alone and no retries: the timeout itself must be the deadline.
      // One request per call (no iterators), so the timeout is the whole of the call.
      const [, , name, run] = pickWeighted(
        deezerCalls.filter(([, , n]) => !n.startsWith("users.") && !n.startsWith("iter")),
      );
      return {
        lane: "deezer anonymous (timeout only)",
        name,
        kind: READ,
        deadlineMs: ATTEMPT_MS,
        run: () => run(anonymousDeezer, { timeout: ATTEMPT_MS, maxRetries: 0 }),
      };
    }
    const service = r < 0.53 ? "deezer" : "tidal";
    const holders = service === "deezer" ? deezer : tidal;
    // The rate-limited client of each service gets a small share, or its limiter would set the pace of the run.
    const holder = random() < 0.03 ? holders[0] : holders[1 + Math.floor(random() * (holders.length - 1))];
    const lane = `${service} user${holder.limited ? " (rate-limited)" : ""}`;
    if (random() < 0.06) return writeCall(service, holder, lane);
    const [, kind, name, run] = pickWeighted(service === "deezer" ? deezerCalls : tidalCalls);
    return { lane, name: `${service}.${name}`, kind, ...withDeadline((o) => run(holder.client, o)), holder };
  }

  function withDeadline(run) {
    if (random() < 0.35) {
      const shared = sharedSignal();
      return { deadlineAt: shared.deadline, run: () => run({ signal: shared.signal, timeout: ATTEMPT_MS }) };
    }
    return {
      deadlineMs: CALL_DEADLINE_MS,
      run: () => run({ signal: AbortSignal.timeout(CALL_DEADLINE_MS), timeout: ATTEMPT_MS }),
    };
  }

  /** Adds one track that was never added to this client's playlist before; writes to a playlist go one at a time. */
  function writeCall(service, holder, lane) {
    const playlist = holder.playlist;
    const ids = service === "deezer" ? deezerTrackIds : tidalTrackIds;
    if (playlist.next >= ids.length) return nextCall();
    const trackId = ids[playlist.next++];
    const name =
      service === "deezer" ? "deezer.playlists.addPlaylistTracks" : "tidal.playlists.addPlaylistItems";
    const send = () => {
      spec.turnAt = performance.now();
      armDeadline(spec, spec.turnAt + CALL_DEADLINE_MS);
      const o = { signal: AbortSignal.timeout(CALL_DEADLINE_MS), timeout: ATTEMPT_MS };
      return service === "deezer"
        ? holder.client.playlists.addPlaylistTracks(playlist.id, { trackIds: [trackId], ...o })
        : holder.client.playlists.addPlaylistItems(playlist.id, { itemIds: [trackId], ...o });
    };
    const run = () => {
      const result = playlist.lock.then(send);
      // The next write goes when this one settles, or when the harness stops waiting for it (a hung call).
      const released = new Promise((resolve) => (spec.release = resolve));
      playlist.lock = Promise.race([result.then(noop, noop), released]);
      return result.then(
        (value) => {
          playlist.attempted.set(trackId, "ok");
          return value;
        },
        (error) => {
          playlist.attempted.set(trackId, "failed");
          throw error;
        },
      );
    };
    stats.writes.attempted++;
    // A write waiting for the previous one on its playlist starts its deadline only when it is sent.
    const voidResult = service === "tidal";
    const spec = { lane, name, kind: WRITE, run, write: true, holder, turnAt: undefined, voidResult };
    return spec;
  }

  function pickWeighted(list) {
    const total = list.reduce((sum, [w]) => sum + w, 0);
    let x = random() * total;
    for (const entry of list) {
      x -= entry[0];
      if (x < 0) return entry;
    }
    return list[list.length - 1];
  }

  async function runOne(spec) {
    stats.calls++;
    const lane = stats.byLane.get(spec.lane) ?? { calls: 0, ok: 0 };
    stats.byLane.set(spec.lane, lane);
    lane.calls++;
    const started = performance.now();
    const fixed = spec.deadlineAt ?? (spec.write ? undefined : started + spec.deadlineMs);
    const deadlineOf = () =>
      spec.write ? (spec.turnAt === undefined ? undefined : spec.turnAt + CALL_DEADLINE_MS) : fixed;
    if (fixed !== undefined) armDeadline(spec, fixed);
    let promise;
    try {
      promise = spec.run();
    } catch (error) {
      promise = Promise.reject(error);
    }
    const outcome = promise.then(
      (value) => ({ ok: true, value, at: performance.now() }),
      (error) => ({ ok: false, error, at: performance.now() }),
    );
    let settled = false;
    const giveUp = new Promise((resolve) => {
      const check = () => {
        if (settled) return resolve(undefined);
        const deadline = deadlineOf();
        if (deadline !== undefined && performance.now() > deadline + GIVE_UP_MS) return resolve("abandoned");
        setTimeout(check, 250).unref();
      };
      setTimeout(check, 250).unref();
    });
    const first = await Promise.race([outcome, giveUp]);
    if (first === "abandoned") {
      spec.release?.();
      stats.abandoned++;
      noteLate(spec, Infinity);
      pending.add(outcome);
      outcome.then((late) => {
        pending.delete(outcome);
        record(spec, late, lane, true);
      });
      return;
    }
    settled = true;
    const deadline = deadlineOf();
    const overrun = deadline === undefined ? 0 : first.at - deadline;
    if (overrun > LATE_MS) stats.lateWallClock++;
    // This process's own timer for the deadline shows how late any timer fired then (2 busy cores, many
    // processes): a call is late only when it settled more than LATE_MS after both the deadline and that timer.
    const reference = spec.timerAt === undefined ? Infinity : Math.max(deadline, spec.timerAt);
    const adjusted = first.at - reference;
    if (adjusted > LATE_MS) noteLate(spec, adjusted);
    if (Number.isFinite(adjusted)) stats.maxOverrunMs = Math.max(stats.maxOverrunMs, adjusted);
    clearTimeout(spec.timer);
    record(spec, first, lane, false);
  }

  function armDeadline(spec, deadline) {
    spec.timer = setTimeout(
      () => (spec.timerAt = performance.now()),
      Math.max(0, deadline - performance.now()),
    );
    spec.timer.unref();
  }

  function noteLate(spec, overrun) {
    stats.late++;
    if (stats.lateSamples.length < 8) {
      stats.lateSamples.push(
        `${spec.name} (${spec.lane}) ${overrun === Infinity ? "never settled" : `+${Math.round(overrun)} ms`}`,
      );
    }
  }

  function record(spec, outcome, lane, abandoned) {
    if (outcome.ok) {
      if (spec.write) stats.writes.succeeded++;
      const value = outcome.value;
      // Every method called here returns data, except TIDAL's writes, which are `Promise<void>`.
      if (!spec.voidResult && (value === null || value === undefined)) {
        stats.nulls++;
        if (stats.nullSamples.length < 8) stats.nullSamples.push(`${spec.name} → ${String(value)}`);
        return;
      }
      if (!abandoned) {
        stats.successes++;
        lane.ok++;
      }
      return;
    }
    if (spec.write) stats.writes.failed++;
    const error = outcome.error;
    errorsSeen.push(error);
    if (error instanceof MinimError) {
      bump(stats.typed, error.name);
      const key = `${error.name} ${spec.name}`;
      if (!stats.typedSamples.has(key) && stats.typedSamples.size < 60)
        stats.typedSamples.set(key, describe(error));
      // Deezer: after a rejected token, what an application does once the user has logged in again.
      if (spec.holder?.token && /^Auth/.test(error.name))
        spec.holder.client.setAccessToken(spec.holder.token);
    } else {
      stats.untyped++;
      if (stats.untypedSamples.length < 8) stats.untypedSamples.push(`${spec.name}: ${describe(error)}`);
    }
  }

  // --- run -----------------------------------------------------------------------------------------------------------
  say(
    `soak: ${CALLS} calls, ${CONCURRENCY} in flight, seed ${SEED}, faults ${FAULTS ? `on (${faultKinds} kinds)` : "off"}, attempt timeout ${ATTEMPT_MS} ms, deadlines ${CALL_DEADLINE_MS} ms (own signal) / ${GROUP_DEADLINE_MS} ms (shared by ${GROUP_SIZE})`,
  );
  const t0 = performance.now();
  let issued = 0;
  let lastReport = t0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (issued < CALLS) {
        issued++;
        await runOne(nextCall());
        if (performance.now() - lastReport > 15_000) {
          lastReport = performance.now();
          say(`  … ${stats.calls} calls in ${Math.round((lastReport - t0) / 1000)} s`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  // Calls the harness stopped waiting for get one more chance to settle (their results still count).
  await Promise.race([Promise.allSettled([...pending]), new Promise((r) => setTimeout(r, 2_000).unref())]);
  await new Promise((r) => setTimeout(r, 200));

  const report = await emulator.call("report", {
    deezerPlaylists: deezer.map((d) => d.playlist.id),
    tidalPlaylists: tidal.map((t) => t.playlist.id),
  });

  // --- writes applied twice --------------------------------------------------------------------------------------------
  // A write took effect once per request that reached the route (unfaulted, or faulted but passed through). Each
  // (playlist, track) was attempted by exactly one call, so more than one application is a resend of an applied write.
  const applications = new Map();
  // What each write's requests were answered, to explain a lost one.
  const sentFor = new Map();
  const writeRequests = report.requests.slice(report.setupRequests).filter((r) => r.method === "POST");
  for (const r of writeRequests) {
    let key;
    if (r.role === "deezerApi") {
      const m = /^\/playlist\/(\d+)\/tracks$/.exec(r.path);
      const songs = r.query.songs ?? new URLSearchParams(r.body).get("songs");
      if (m && songs) key = `deezer ${m[1]} ${songs}`;
    } else if (r.role === "tidalApi") {
      const m = /^\/v1\/playlists\/([^/]+)\/items$/.exec(r.path);
      const ids = new URLSearchParams(r.body).get("itemIds") ?? r.query.itemIds;
      if (m && ids) key = `tidal ${m[1]} ${ids}`;
    }
    if (!key) continue;
    if (!sentFor.has(key)) sentFor.set(key, []);
    sentFor
      .get(key)
      .push(`${r.status}${r.faulted ? (r.passedThrough ? " faulted, passed through" : " faulted") : ""}`);
    const reached = (!r.faulted || r.passedThrough) && r.status >= 200 && r.status < 300;
    if (reached) applications.set(key, (applications.get(key) ?? 0) + 1);
  }
  let appliedTwice = 0;
  for (const n of applications.values()) if (n > 1) appliedTwice += n - 1;
  // Cross-check with the services' state: a successful add must be there; nothing may be there more than once.
  const lostWrites = new Map();
  const lostSamples = [];
  const lost = (service, playlistId, trackId) => {
    bump(lostWrites, service);
    const sentAs = sentFor.get(`${service.toLowerCase()} ${playlistId} ${trackId}`) ?? [];
    if (lostSamples.length < 8)
      lostSamples.push(`${service} track ${trackId}: answered ${sentAs.join(", ") || "nothing"}`);
  };
  for (const d of deezer) {
    const inState = report.deezerPlaylists[d.playlist.id] ?? [];
    for (const [trackId, result] of d.playlist.attempted)
      if (result === "ok" && !inState.includes(trackId)) lost("Deezer", d.playlist.id, trackId);
  }
  // TIDAL keeps duplicates (onDupes=ADD), so its state shows a double application directly.
  let stateDuplicates = 0;
  for (const t of tidal) {
    const counts = new Map();
    for (const id of report.tidalPlaylists[t.playlist.id] ?? []) bump(counts, id);
    for (const n of counts.values()) if (n > 1) stateDuplicates += n - 1;
    for (const [trackId, result] of t.playlist.attempted)
      if (result === "ok" && !counts.has(trackId)) lost("TIDAL", t.playlist.id, trackId);
  }
  const tidalLogTwice = [...applications]
    .filter(([k, n]) => k.startsWith("tidal") && n > 1)
    .reduce((a, [, n]) => a + n - 1, 0);
  appliedTwice += Math.max(0, stateDuplicates - tidalLogTwice);
  const lostWritesTotal = [...lostWrites.values()].reduce((a, b) => a + b, 0);

  // --- secrets ----------------------------------------------------------------------------------------------------------
  const secrets = new Map();
  const addSecret = (value, kind) => {
    if (typeof value === "string" && value.length >= 8) secrets.set(value, kind);
  };
  for (const t of deezerTokens) addSecret(t, "Deezer access token");
  addSecret(app.secret, "Deezer app secret");
  for (const l of tidalLogins) {
    addSecret(l.accessToken, "TIDAL access token");
    addSecret(l.refreshToken, "TIDAL refresh token");
  }
  // Every token the clients sent (rotated TIDAL tokens included) and every token the store holds at the end.
  for (const r of report.requests) {
    const bearer = /^Bearer (.+)$/.exec(r.authorization ?? "");
    if (bearer) addSecret(bearer[1], "TIDAL access token");
    addSecret(r.query.access_token, "Deezer access token");
    if (r.role === "tidalAuth" && r.body) {
      const form = new URLSearchParams(r.body);
      addSecret(form.get("refresh_token"), "TIDAL refresh token");
      addSecret(form.get("code"), "auth code");
      addSecret(form.get("code_verifier"), "PKCE verifier");
      addSecret(form.get("client_secret"), "client secret");
    }
  }
  for (const row of store.list({})) {
    addSecret(row.accessToken, "stored access token");
    addSecret(row.refreshToken, "stored refresh token");
    addSecret(row.clientSecret, "stored client secret");
  }
  const outputs = [];
  for (const error of errorsSeen)
    outputs.push(...errorTexts(error).map((text) => [text, `error ${error?.name}`]));
  for (const line of report.log) outputs.push([line, "emulator log"]);
  outputs.push([captured.join(""), "stdout/stderr"]);
  outputs.push([emulator.output.join(""), "emulator process output"]);
  const leaks = new Map();
  const seenTexts = new Set();
  let scanned = 0;
  for (const [text, where] of outputs) {
    if (seenTexts.has(text)) continue;
    seenTexts.add(text);
    scanned++;
    for (const [secret, kind] of secrets) if (text.includes(secret)) bump(leaks, `${kind} in ${where}`);
  }
  const secretsFound = [...leaks.values()].reduce((a, b) => a + b, 0);

  // --- report --------------------------------------------------------------------------------------------------------------
  const served = report.requests.length - report.setupRequests;
  const faulted = report.requests.slice(report.setupRequests).filter((r) => r.faulted).length;
  const rssEnd = process.memoryUsage().rss;
  const ms = (ns) => `${(ns / 1e6).toFixed(0)} ms`;
  const mib = (n) => `${(n / 1048576).toFixed(1)} MiB`;
  const list = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(", ") || "none";
  const typedTotal = [...stats.typed.values()].reduce((a, b) => a + b, 0);
  say("");
  say(`time                      ${elapsed.toFixed(1)} s (${Math.round(stats.calls / elapsed)} calls/s)`);
  say(
    `requests served           ${served}, faulted ${faulted} (${((100 * faulted) / Math.max(1, served)).toFixed(1)} %)`,
  );
  const after = report.requests.slice(report.setupRequests);
  const unfaulted401 = after.filter((r) => r.role === "tidalApi" && r.status === 401 && !r.faulted).length;
  const refreshes = after.filter(
    (r) => r.role === "tidalAuth" && /grant_type=refresh_token/.test(r.body ?? ""),
  );
  say(
    `TIDAL tokens              ${refreshes.length} refresh requests (${refreshes.filter((r) => r.status === 200).length} answered 200), ${unfaulted401} API requests refused by the emulator itself with 401 (a token rotated away)`,
  );
  say(
    `faults applied            ${report.faultHits.map(([label, hits]) => `${label} ${hits}`).join("; ") || "none"}`,
  );
  say(`lanes                     ${[...stats.byLane].map(([k, v]) => `${k} ${v.ok}/${v.calls}`).join("; ")}`);
  say(
    `writes                    attempted ${stats.writes.attempted}, succeeded ${stats.writes.succeeded}, failed ${stats.writes.failed}, successful but missing from the service: ${list(lostWrites)}`,
  );
  say(`process warnings          ${list(warnings)}`);
  say(`login prompts printed     ${captured.join("").split("Then paste here").length - 1}`);
  say(
    `event-loop delay          p50 ${ms(loopDelay.percentile(50))}, p99 ${ms(loopDelay.percentile(99))}, max ${ms(loopDelay.max)}`,
  );
  if (process.env.SOAK_VERBOSE) for (const [k, v] of stats.typedSamples) say(`  ${k}: ${scrub(v)}`);
  say(`calls                     ${stats.calls}`);
  say(`successes                 ${stats.successes}`);
  say(`typed errors              ${typedTotal}: ${list(stats.typed)}`);
  say(`untyped errors            ${stats.untyped}${sample(stats.untypedSamples)}`);
  say(`null results              ${stats.nulls}${sample(stats.nullSamples)}`);
  say(`unhandled rejections      ${unhandled}${sample(unhandledSamples)}`);
  say(
    `past deadline + ${LATE_MS} ms     ${stats.late} (${stats.abandoned} never settled within ${GIVE_UP_MS} ms of it; worst overrun ${Math.round(stats.maxOverrunMs)} ms past the later of deadline and a timer set for it; ${stats.lateWallClock} past it by wall clock alone)${sample(stats.lateSamples)}`,
  );
  say(`writes applied twice      ${appliedTwice}`);
  say(
    `writes lost               ${lostWritesTotal}${lostWritesTotal ? ` (${list(lostWrites)})` : ""}${sample(lostSamples)}`,
  );
  say(
    `secrets found             ${secretsFound} (${secrets.size} secrets, ${scanned} distinct outputs scanned)${leaks.size ? `: ${list(leaks)}` : ""}`,
  );
  say(`rss                       start ${mib(rssStart)}, end ${mib(rssEnd)}`);

  const broken = [
    stats.untyped,
    stats.nulls,
    unhandled,
    stats.late,
    appliedTwice,
    lostWritesTotal,
    secretsFound,
  ].filter((n) => n !== 0).length;
  say(broken === 0 ? "soak: all seven invariants hold" : `soak: ${broken} of the seven invariants broken`);

  for (const d of deezer) await d.client.close?.();
  for (const t of tidal) await t.client.close?.();
  await anonymousDeezer.close?.();
  store.close();
  await emulator.close();
  rmSync(tmp, { recursive: true, force: true });
  // Calls abandoned in a login prompt or a hang would keep the process alive.
  process.exit(broken === 0 ? 0 : 1);

  /** The report shows where secrets leaked, never the secrets. */
  function scrub(text) {
    let out = text;
    for (const secret of secrets.keys()) out = out.split(secret).join("[SECRET]");
    return out;
  }

  function sample(samples) {
    return samples.length ? `  e.g. ${scrub(samples.slice(0, 4).join(" | "))}` : "";
  }
}

// --- the emulator process ------------------------------------------------------------------------------------------------
/** Forks this file as the emulator; `call(op, args)` runs one of the operations of {@link serveEmulator}. */
async function startEmulatorProcess() {
  const child = fork(fileURLToPath(import.meta.url), [EMULATOR_FLAG], { silent: true });
  const output = [];
  child.stdout.on("data", (chunk) => output.push(chunk.toString("utf8")));
  child.stderr.on("data", (chunk) => output.push(chunk.toString("utf8")));
  const waiting = new Map();
  let nextId = 0;
  child.on("message", (message) => {
    const entry = waiting.get(message.id);
    if (!entry) return;
    waiting.delete(message.id);
    if (message.error) entry.reject(new Error(`emulator process: ${message.error}`));
    else entry.resolve(message.result);
  });
  child.on("exit", (code) => {
    for (const entry of waiting.values()) entry.reject(new Error(`emulator process exited (${code})`));
  });
  const call = (op, args) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ id, op, args });
    });
  return {
    output,
    call,
    async close() {
      await call("close").catch(() => undefined);
      child.disconnect();
    },
  };
}

/** The child side: the emulator, its tokens and faults, and what the harness needs to read of its state. */
async function serveEmulator() {
  const { startEmulator, formatRequestLine, DEFAULT_DEEZER_APP, TIDAL_PKCE_CLIENT_ID } =
    await import("../dist/emulator/index.js");
  const emulator = await startEmulator({ logLimit: Infinity });
  const random = mulberry32(SEED);
  const deezerTokens = [];
  const faultHandles = [];
  let setupRequests = 0;
  const ops = {
    start() {
      for (let i = 0; i < DEEZER_USERS; i++)
        deezerTokens.push(emulator.deezer.issueToken({ expiresInSeconds: 0 }));
      const tidalLogins = Array.from({ length: TIDAL_USERS }, () => emulator.tidal.issueToken());
      const dz = emulator.deezer.state;
      const td = emulator.tidal.state;
      return {
        urls: emulator.urls,
        app: DEFAULT_DEEZER_APP,
        tidalClientId: TIDAL_PKCE_CLIENT_ID,
        deezerTokens,
        tidalLogins,
        data: {
          deezerTrackIds: [...dz.tracks.keys()],
          deezerAlbumIds: [...dz.albums.keys()],
          deezerArtistIds: [...dz.artists.keys()],
          deezerPlaylistIds: [...dz.playlists.values()].filter((p) => p.public).map((p) => p.id),
          tidalTrackIds: [...td.tracks.keys()].filter(
            (id) => !td.tracks.get(id)?.unavailableIn?.includes("US"),
          ),
          tidalAlbumIds: [...td.albums.keys()],
          tidalArtistIds: [...td.artists.keys()],
        },
      };
    },
    faults() {
      setupRequests = emulator.requests.length;
      injectFaults();
      return faultHandles.length;
    },
    report({ deezerPlaylists, tidalPlaylists }) {
      const hits = new Map();
      for (const f of faultHandles) hits.set(f.label, (hits.get(f.label) ?? 0) + f.handle.hits);
      const log = [];
      for (const r of emulator.requests) {
        log.push(formatRequestLine(r));
        if (r.error) log.push(r.error);
      }
      return {
        setupRequests,
        requests: emulator.requests.map((r) => ({
          role: r.role,
          method: r.method,
          path: r.path,
          query: r.query,
          body: r.body,
          status: r.status,
          faulted: r.faulted,
          passedThrough: r.passedThrough,
          authorization: r.headers.authorization,
        })),
        log,
        faultHits: [...hits],
        deezerPlaylists: Object.fromEntries(
          deezerPlaylists.map((id) => [id, emulator.deezer.playlist(id)?.trackIds ?? []]),
        ),
        tidalPlaylists: Object.fromEntries(
          tidalPlaylists.map((uuid) => [uuid, (emulator.tidal.playlist(uuid)?.items ?? []).map((i) => i.id)]),
        ),
      };
    },
    async close() {
      emulator.faults.clear();
      await emulator.close();
    },
  };
  process.on("message", async ({ id, op, args }) => {
    try {
      process.send({ id, result: await ops[op](args) });
    } catch (error) {
      process.send({ id, error: String(error?.stack ?? error) });
    }
  });
  // The harness is gone: so is the emulator.
  process.on("disconnect", () => process.exit(0));

  function injectFaults() {
    const add = (label, probability, spec) =>
      faultHandles.push({
        label,
        handle: emulator.faults.inject({ times: Infinity, probability, random, ...spec }),
      });
    const garbled = {
      status: 200,
      text: '{"id": 1, "title": "Bro',
      headers: { "content-type": "application/json" },
    };
    const tidal401 = (subStatus, userMessage) => ({
      status: 401,
      json: { status: 401, subStatus, userMessage },
    });
    const deezerError = (code, type, message) => ({ status: 200, json: { error: { type, message, code } } });
    for (const role of ["deezerApi", "tidalApi"]) {
      const on = (label, probability, spec) => add(`${role} ${label}`, probability, { role, ...spec });
      on("429 Retry-After: 1", 0.01, {
        status: 429,
        headers: { "retry-after": "1" },
        json: { status: 429, subStatus: 0, userMessage: "Too many requests" },
      });
      on("429 without Retry-After", 0.01, { status: 429, text: "Too Many Requests" });
      on("503", 0.015, { status: 503, text: "Service Unavailable" });
      on("500", 0.005, { status: 500, json: { status: 500, error: "internal" } });
      on("connection reset", 0.015, { reset: true });
      on("truncated body", 0.01, { truncate: true });
      on("HTML 502", 0.01, { html: true });
      on("HTML 200", 0.005, { html: true, status: 200 });
      on("garbled 200", 0.01, garbled);
      on("empty 200", 0.01, { status: 200, text: "" });
      on("null 200", 0.005, { status: 200, json: null });
      on("{} 200", 0.004, { status: 200, json: {} });
      on("[] 200", 0.003, { status: 200, json: [] });
      on("drip-fed body", 0.01, { drip: { bytes: 48, intervalMs: 150 } });
      on("stalled body", 0.005, { drip: { bytes: 8, intervalMs: 60_000 } });
      on("stalled headers", 0.005, { delayMs: 3_000 });
    }
    const withDeezerToken = (r) => r.query.has("access_token");
    add("deezerApi code 4 (quota)", 0.01, {
      role: "deezerApi",
      ...deezerError(4, "Exception", "Quota limit exceeded"),
    });
    add("deezerApi code 300 (token rejected)", 0.004, {
      role: "deezerApi",
      when: withDeezerToken,
      ...deezerError(300, "OAuthException", "Invalid OAuth access token."),
    });
    // The service echoing the request's own token back in an error: the client knows it and must redact it.
    for (const token of deezerTokens) {
      add("deezerApi error echoing the token", 0.004, {
        role: "deezerApi",
        when: (r) => r.query.get("access_token") === token,
        ...deezerError(800, "DataException", `no data for access_token=${token}`),
      });
    }
    const withBearer = (r) => (r.headers.authorization ?? "").startsWith("Bearer ");
    add("tidalApi 401 expired token (11003)", 0.01, {
      role: "tidalApi",
      when: withBearer,
      ...tidal401(11003, "The token has expired. (Expired on time)"),
    });
    add("tidalApi 401 invalid token (11002)", 0.004, {
      role: "tidalApi",
      when: withBearer,
      ...tidal401(11002, "Token has invalid payload"),
    });
    add("tidalAuth token endpoint 503", 0.03, {
      role: "tidalAuth",
      status: 503,
      text: "Service Unavailable",
    });
    add("tidalAuth token endpoint reset", 0.02, { role: "tidalAuth", reset: true });
  }
}

// --- helpers ---------------------------------------------------------------------------------------------------------------
function errorTexts(error) {
  if (error === null || typeof error !== "object") return [String(error)];
  const texts = [String(error.message), String(error.stack ?? "")];
  for (const field of ["body", "code", "url", "description", "error"]) {
    if (error[field] !== undefined) texts.push(safeJson(error[field]));
  }
  if (error.cause !== undefined) texts.push(String(error.cause), safeJson(error.cause?.message ?? ""));
  return texts;
}

function safeJson(value) {
  try {
    return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

function describe(value) {
  if (value instanceof Error) return `${value.name}: ${value.message}`.slice(0, 200);
  return String(value).slice(0, 200);
}

function noop() {}

function bump(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function intEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
