import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import { after, before, beforeEach, describe, it } from "node:test";
import { ManualClock } from "../../src/core/clock.js";
import { AbortedError, AuthorizationError, ServiceUnavailableError } from "../../src/core/errors.js";
import type { FlowContext } from "../../src/auth/flows/context.js";
import {
  DEVICE_CODE_GRANT,
  runDeviceFlow,
  withScheme,
  type DeviceFlowParams,
} from "../../src/auth/flows/device.js";
import type { AuthorizationPrompt } from "../../src/auth/types.js";
import { json, startTestServer, type TestServer } from "../helpers/http-server.js";
import { driveClock, flowContext } from "./helpers.js";

const SECRET = "device-client-secret";
const DEVICE_CODE = "device-code-secret-value";
let clock: ManualClock;
let server: TestServer;
let polls: { at: number; body: URLSearchParams; authorization: string | undefined }[] = [];
let script: { status: number; body: unknown }[] = [];
let deviceAnswer: Record<string, unknown> = {};

before(async () => {
  server = await startTestServer((req, res, body) => {
    if (req.url === "/device_authorization") {
      json(res, 200, deviceAnswer);
      return;
    }
    polls.push({
      at: clock.now(),
      body: new URLSearchParams(body),
      authorization: req.headers["authorization"],
    });
    const next = script.shift() ?? { status: 500, body: { error: "script exhausted" } };
    json(res, next.status, next.body);
  });
});
after(() => server.close());
beforeEach(() => {
  clock = new ManualClock(Date.UTC(2026, 0, 1));
  polls = [];
  script = [];
  server.requests.length = 0;
  deviceAnswer = {
    deviceCode: DEVICE_CODE,
    userCode: "ABCDE",
    verificationUri: "link.tidal.com",
    verificationUriComplete: "link.tidal.com/ABCDE",
    expiresIn: 300,
    interval: 2,
  };
});

const pending = {
  status: 400,
  body: {
    status: 400,
    error: "authorization_pending",
    sub_status: 1002,
    error_description: "Device Authorization code is not authorized yet",
  },
};
const granted = {
  status: 200,
  body: {
    access_token: "device-access",
    token_type: "Bearer",
    expires_in: 604800,
    refresh_token: "device-refresh",
    scope: "r_usr w_usr",
    user_id: 99,
  },
};

const ctx = (signal?: AbortSignal): FlowContext => flowContext("tidal", server.url, clock, signal);

function params(extra: Partial<DeviceFlowParams> = {}): DeviceFlowParams {
  return {
    clientId: "device-client",
    clientSecret: SECRET,
    deviceAuthUrl: `${server.url}/device_authorization`,
    tokenUrl: `${server.url}/token`,
    scopes: ["r_usr", "w_usr"],
    onAuthorization: () => undefined,
    ...extra,
  };
}

const drive = <T>(promise: Promise<T>): Promise<T> => driveClock(clock, promise);

describe("device flow", () => {
  it("presents the code, polls every interval and returns the token", async () => {
    script = [pending, pending, granted];
    const prompts: AuthorizationPrompt[] = [];
    const start = clock.now();
    const token = await drive(runDeviceFlow(ctx(), params({ onAuthorization: (p) => void prompts.push(p) })));
    assert.equal(token.accessToken, "device-access");
    assert.equal(token.refreshToken, "device-refresh");
    assert.deepEqual(token.scopes, ["r_usr", "w_usr"]);
    assert.deepEqual(prompts, [
      {
        url: "https://link.tidal.com/ABCDE",
        userCode: "ABCDE",
        verificationUri: "https://link.tidal.com",
        expiresIn: 300,
      },
    ]);
    assert.deepEqual(
      polls.map((p) => p.at - start),
      [2000, 4000, 6000],
    );
    const device = new URLSearchParams(server.requests[0]?.body);
    assert.equal(device.get("client_id"), "device-client");
    assert.equal(device.get("scope"), "r_usr w_usr");
    assert.equal(server.requests[0]?.headers["authorization"], undefined);
    const poll = polls[0];
    assert.equal(poll?.body.get("grant_type"), DEVICE_CODE_GRANT);
    assert.equal(poll?.body.get("device_code"), DEVICE_CODE);
    assert.equal(poll?.body.get("client_id"), "device-client");
    assert.equal(poll?.body.get("scope"), "r_usr w_usr");
    assert.equal(poll?.authorization, `Basic ${Buffer.from(`device-client:${SECRET}`).toString("base64")}`);
  });

  it("slow_down adds five seconds to the interval and keeps polling", async () => {
    script = [{ status: 400, body: { status: 400, error: "slow_down", sub_status: 1003 } }, pending, granted];
    const start = clock.now();
    await drive(runDeviceFlow(ctx(), params()));
    assert.deepEqual(
      polls.map((p) => p.at - start),
      [2000, 9000, 16000],
    );
  });

  for (const error of ["expired_token", "access_denied", "invalid_client"]) {
    it(`${error} ends the flow with an AuthorizationError carrying the server's fields`, async () => {
      script = [
        pending,
        {
          status: 400,
          body: { status: 400, error, sub_status: 1101, error_description: `${error} happened` },
        },
      ];
      await assert.rejects(drive(runDeviceFlow(ctx(), params())), (e: unknown) => {
        assert.ok(e instanceof AuthorizationError);
        assert.equal(e.error, error);
        assert.equal(e.description, `${error} happened`);
        assert.equal(e.status, 400);
        assert.equal(e.subStatus, 1101);
        assert.ok(!e.message.includes(DEVICE_CODE) && !e.message.includes(SECRET));
        return true;
      });
    });
  }

  it("stops polling when the code expires", async () => {
    deviceAnswer = { ...deviceAnswer, expiresIn: 7, interval: 2 };
    script = Array.from({ length: 10 }, () => pending);
    await assert.rejects(
      drive(runDeviceFlow(ctx(), params())),
      (e: unknown) => e instanceof AuthorizationError && e.error === "expired_token",
    );
    assert.equal(polls.length, 3);
  });

  it("tolerates a few transient failures while polling, then gives up", async () => {
    script = [{ status: 503, body: {} }, pending, granted];
    assert.equal((await drive(runDeviceFlow(ctx(), params()))).accessToken, "device-access");
    polls = [];
    script = Array.from({ length: 5 }, () => ({ status: 502, body: {} }));
    await assert.rejects(drive(runDeviceFlow(ctx(), params())), ServiceUnavailableError);
    assert.equal(polls.length, 4);
  });

  it("an error from device_authorization is an AuthorizationError", async () => {
    deviceAnswer = { status: 400, error: "invalid_scope", error_description: "bad scope" };
    await assert.rejects(
      runDeviceFlow(ctx(), params()),
      (e: unknown) => e instanceof AuthorizationError && e.error === "invalid_scope",
    );
  });

  it("can be aborted while waiting", async () => {
    script = Array.from({ length: 10 }, () => pending);
    const controller = new AbortController();
    const flow = runDeviceFlow(ctx(controller.signal), params());
    while (clock.pendingSleeps === 0) await delay(1);
    controller.abort();
    await assert.rejects(flow, AbortedError);
  });

  it("prints the verification URL and code when nobody handles the prompt", async () => {
    script = [granted];
    const output = new PassThrough();
    let printed = "";
    output.on("data", (c: Buffer) => (printed += c.toString()));
    await drive(runDeviceFlow(ctx(), params({ onAuthorization: undefined, output })));
    assert.match(printed, /https:\/\/link\.tidal\.com\/ABCDE/);
    assert.match(printed, /ABCDE/);
    assert.ok(!printed.includes(DEVICE_CODE));
  });

  it("opens the browser when asked", async () => {
    script = [granted];
    const opened: string[] = [];
    await drive(
      runDeviceFlow(
        ctx(),
        params({
          onAuthorization: undefined,
          openBrowser: true,
          output: new PassThrough(),
          openUrl: async (u) => void opened.push(u),
        }),
      ),
    );
    assert.deepEqual(opened, ["https://link.tidal.com/ABCDE"]);
  });

  it("withScheme keeps URLs that already have one", () => {
    assert.equal(withScheme("link.tidal.com/X"), "https://link.tidal.com/X");
    assert.equal(withScheme("http://127.0.0.1:5/device"), "http://127.0.0.1:5/device");
  });
});
