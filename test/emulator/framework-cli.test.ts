import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { request } from "undici";
import {
  DeezerEmulator,
  ROLE_NAMES,
  TidalEmulator,
  runEmulatorCli,
  startEmulator,
} from "../../src/emulator/index.js";
import type { EmulatedService } from "../../src/emulator/index.js";

describe("startEmulator", () => {
  it("hosts both services by default and exposes their state", async () => {
    await using emu = await startEmulator();
    assert.ok(emu.deezer instanceof DeezerEmulator);
    assert.ok(emu.tidal instanceof TidalEmulator);
    for (const role of ROLE_NAMES) assert.match(emu.urls[role], /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("hosts only the services asked for; the other roles answer 404", async () => {
    const emu = await startEmulator({ services: ["tidal"] });
    try {
      assert.equal(emu.deezer, undefined);
      assert.ok(emu.tidal instanceof TidalEmulator);
      const res = await request(emu.urls.deezerApi + "/album/302127");
      assert.equal(res.statusCode, 404);
      assert.deepEqual(await res.body.json(), { error: "not found" });
      assert.deepEqual(
        emu.requestsTo("deezerApi").map((r) => [r.path, r.status]),
        [["/album/302127", 404]],
      );
    } finally {
      await emu.close();
    }
  });

  it("forwards faults, replays and the log to the servers", async () => {
    const emu = await startEmulator({ services: [] });
    try {
      emu.faults.inject({ role: "tidalApi", status: 503 });
      const faulted = await request(emu.urls.tidalApi + "/v1/tracks/1");
      await faulted.body.text();
      assert.equal(faulted.statusCode, 503);

      const replay = emu.replay(
        "deezerApi",
        [
          {
            method: "GET",
            path: "/track/3135556",
            query: {},
            response: { status: 200, body: '{"id":3135556}' },
          },
        ],
        { ignoreParams: ["access_token"] },
      );
      const replayed = await request(emu.urls.deezerApi + "/track/3135556?access_token=t");
      assert.equal(replayed.statusCode, 200);
      assert.equal(await replayed.body.text(), '{"id":3135556}');
      assert.equal(replay.remaining, 0);
      const again = await request(emu.urls.deezerApi + "/track/3135556");
      assert.equal(again.statusCode, 599);
      await again.body.text();
      assert.equal(replay.unmatched.length, 1);
      replay.remove();

      assert.deepEqual(
        emu.requests.map((r) => [r.role, r.status, r.faulted]),
        [
          ["tidalApi", 503, true],
          ["deezerApi", 200, false],
          ["deezerApi", 599, false],
        ],
      );
      emu.clearRequests();
      assert.equal(emu.requests.length, 0);
    } finally {
      await emu.close();
    }
  });

  it("rejects unknown services", async () => {
    await assert.rejects(startEmulator({ services: ["spotify" as EmulatedService] }), TypeError);
  });
});

describe("runEmulatorCli", () => {
  it("logs each role's URL, then one redacted line per request", async () => {
    const lines: string[] = [];
    const emu = await runEmulatorCli({ services: [], log: (line) => lines.push(line) });
    try {
      assert.equal(lines.length, ROLE_NAMES.length);
      ROLE_NAMES.forEach((role, i) => {
        assert.match(lines[i] ?? "", new RegExp(`^${role}\\s+${emu.urls[role].replace(/\./g, "\\.")}$`));
      });
      lines.length = 0;

      const res = await request(
        emu.urls.tidalAuth +
          "/v1/oauth2/token?code=AUTHCODE&refresh_token=REFRESHME&access_token=TOKEN&limit=5",
        { method: "POST", headers: { authorization: "Bearer SECRETBEARER" } },
      );
      await res.body.text();
      emu.faults.inject({ role: "deezerConnect", reset: true });
      await assert.rejects(request(emu.urls.deezerConnect + "/oauth/auth.php"));

      assert.deepEqual(lines, [
        "POST tidalAuth /v1/oauth2/token?code=[REDACTED]&refresh_token=[REDACTED]&access_token=[REDACTED]&limit=5 -> 404",
        "GET deezerConnect /oauth/auth.php -> reset (fault)",
      ]);
      for (const secret of ["AUTHCODE", "REFRESHME", "TOKEN", "SECRETBEARER"]) {
        assert.ok(!lines.join("\n").includes(secret), secret);
      }
    } finally {
      await emu.close();
    }
  });
});
