import { createHash, randomBytes } from "node:crypto";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  TIDAL_AUTH_SUB_STATUS,
  TIDAL_DEVICE_CLIENT_ID,
  TIDAL_DEVICE_CLIENT_SECRET,
  TIDAL_PKCE_CLIENT_ID,
  TIDAL_SUB_STATUS,
} from "../../src/emulator/tidal/index.js";
import { startTidalEmulator, type TidalHarness } from "./helpers.js";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const deviceBasic = `Basic ${Buffer.from(`${TIDAL_DEVICE_CLIENT_ID}:${TIDAL_DEVICE_CLIENT_SECRET}`).toString("base64")}`;

function form(fields: Record<string, string>): {
  method: string;
  headers: Record<string, string>;
  body: string;
} {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

async function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const init = form(fields);
  const res = await fetch(url, { ...init, headers: { ...init.headers, ...headers } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(96).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge };
}

/** Opens the consent page, checks it, and submits the user's decision; returns the redirect target. */
async function consent(
  h: TidalHarness,
  params: Record<string, string>,
  decision: "allow" | "deny",
): Promise<{ location: URL; page: string }> {
  const authorize = new URL(`${h.urls.tidalLogin}/authorize`);
  for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
  const pageRes = await fetch(authorize);
  assert.equal(pageRes.status, 200);
  assert.match(pageRes.headers.get("content-type") ?? "", /text\/html/);
  const page = await pageRes.text();
  assert.match(page, /<button id="allow"/);
  assert.match(page, /<button id="deny"/);
  const request = /name="request" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(request, "the consent form carries the pending request");
  const decided = await fetch(`${h.urls.tidalLogin}/authorize`, {
    ...form({ request, decision }),
    redirect: "manual",
  });
  assert.equal(decided.status, 302);
  const location = decided.headers.get("location");
  assert.ok(location);
  return { location: new URL(location), page };
}

describe("TIDAL emulator: PKCE authorization code flow", () => {
  let h: TidalHarness;
  before(async () => {
    h = await startTidalEmulator();
  });
  after(() => h.servers.close());

  it("issues a code for the right S256 verifier and rejects a wrong one", async () => {
    const { verifier, challenge } = pkcePair();
    const redirectUri = "tidal://login/auth";
    const state = randomBytes(16).toString("base64url");
    const { location } = await consent(
      h,
      {
        client_id: TIDAL_PKCE_CLIENT_ID,
        redirect_uri: redirectUri,
        response_type: "code",
        state,
        scope: "r_usr w_usr",
        code_challenge: challenge,
        code_challenge_method: "S256",
      },
      "allow",
    );
    assert.equal(location.protocol, "tidal:");
    assert.equal(location.searchParams.get("state"), state);
    const code = location.searchParams.get("code");
    assert.ok(code);

    const wrong = await postForm(`${h.urls.tidalAuth}/v1/oauth2/token`, {
      grant_type: "authorization_code",
      client_id: TIDAL_PKCE_CLIENT_ID,
      code,
      redirect_uri: redirectUri,
      code_verifier: pkcePair().verifier,
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error, "invalid_grant");
    assert.equal(wrong.body.sub_status, TIDAL_AUTH_SUB_STATUS.invalidGrant);
    assert.equal(typeof wrong.body.error_description, "string");

    const right = await postForm(`${h.urls.tidalAuth}/v1/oauth2/token`, {
      grant_type: "authorization_code",
      client_id: TIDAL_PKCE_CLIENT_ID,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    assert.equal(right.status, 200);
    assert.equal(right.body.token_type, "Bearer");
    assert.equal(right.body.scope, "r_usr w_usr");
    assert.equal(right.body.expires_in, 86_400);
    assert.equal(right.body.user_id, h.tidal.mainUserId);
    assert.equal((right.body.user as { userId: number }).userId, h.tidal.mainUserId);
    assert.equal(typeof right.body.refresh_token, "string");

    const me = await fetch(`${h.urls.tidalLogin}/oauth2/me`, {
      headers: { authorization: `Bearer ${String(right.body.access_token)}` },
    });
    assert.equal(me.status, 200);
    const profile = (await me.json()) as { userId: number; countryCode: string; email: string };
    assert.equal(profile.userId, h.tidal.mainUserId);
    assert.equal(profile.countryCode, "US");
    assert.match(profile.email, /@example\.com$/);

    const reused = await postForm(`${h.urls.tidalAuth}/v1/oauth2/token`, {
      grant_type: "authorization_code",
      client_id: TIDAL_PKCE_CLIENT_ID,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    assert.equal(reused.status, 400, "a code is single-use");
    assert.equal(reused.body.error, "invalid_grant");
  });

  it("redirects a denial with error=access_denied and the state", async () => {
    const { challenge } = pkcePair();
    const { location } = await consent(
      h,
      {
        client_id: TIDAL_PKCE_CLIENT_ID,
        redirect_uri: "https://tidal.com/login/auth",
        response_type: "code",
        state: "st-1",
        code_challenge: challenge,
        code_challenge_method: "S256",
      },
      "deny",
    );
    assert.equal(location.origin + location.pathname, "https://tidal.com/login/auth");
    assert.equal(location.searchParams.get("error"), "access_denied");
    assert.equal(location.searchParams.get("state"), "st-1");
    assert.equal(location.searchParams.get("code"), null);
  });

  it("signs in the consent user and binds the code to its redirect URI", async () => {
    h.tidal.consentUserId = h.tidal.secondUserId;
    try {
      const { verifier, challenge } = pkcePair();
      const redirectUri = "http://127.0.0.1:9/callback";
      const { location } = await consent(
        h,
        {
          client_id: TIDAL_PKCE_CLIENT_ID,
          redirect_uri: redirectUri,
          response_type: "code",
          state: "s",
          code_challenge: challenge,
          code_challenge_method: "S256",
        },
        "allow",
      );
      const code = location.searchParams.get("code") ?? "";
      const mismatch = await postForm(`${h.urls.tidalAuth}/v1/oauth2/token`, {
        grant_type: "authorization_code",
        client_id: TIDAL_PKCE_CLIENT_ID,
        code,
        redirect_uri: "http://127.0.0.1:9/other",
        code_verifier: verifier,
      });
      assert.equal(mismatch.body.error, "invalid_grant");
      const ok = await postForm(`${h.urls.tidalAuth}/v1/oauth2/token`, {
        grant_type: "authorization_code",
        client_id: TIDAL_PKCE_CLIENT_ID,
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.user_id, h.tidal.secondUserId);
      assert.equal(ok.body.scope, "r_usr w_usr w_sub", "no requested scope grants all three");
    } finally {
      h.tidal.consentUserId = h.tidal.mainUserId;
    }
  });

  it("refuses unknown clients, foreign redirect URIs and a missing challenge", async () => {
    const { challenge } = pkcePair();
    const base = {
      client_id: TIDAL_PKCE_CLIENT_ID,
      redirect_uri: "tidal://login/auth",
      response_type: "code",
      code_challenge: challenge,
      code_challenge_method: "S256",
    };
    const unknown = await fetch(
      `${h.urls.tidalLogin}/authorize?${new URLSearchParams({ ...base, client_id: "nope" })}`,
    );
    assert.equal(unknown.status, 400);
    await unknown.text();
    const foreign = await fetch(
      `${h.urls.tidalLogin}/authorize?${new URLSearchParams({ ...base, redirect_uri: "https://evil.example/cb" })}`,
    );
    assert.equal(foreign.status, 400);
    await foreign.text();
    const plain = await fetch(
      `${h.urls.tidalLogin}/authorize?${new URLSearchParams({ ...base, code_challenge_method: "plain", state: "x" })}`,
      { redirect: "manual" },
    );
    assert.equal(plain.status, 302);
    const target = new URL(plain.headers.get("location") ?? "");
    assert.equal(target.searchParams.get("error"), "invalid_request");
    assert.equal(target.searchParams.get("state"), "x");
  });
});

describe("TIDAL emulator: device flow", () => {
  let h: TidalHarness;
  let clock = Date.UTC(2026, 0, 1);
  before(async () => {
    h = await startTidalEmulator({
      now: () => clock,
      deviceIntervalSeconds: 2,
      deviceCodeLifetimeSeconds: 300,
    });
  });
  after(() => h.servers.close());

  async function authorize(scope = "r_usr w_usr"): Promise<Record<string, unknown>> {
    const res = await postForm(`${h.urls.tidalAuth}/v1/oauth2/device_authorization`, {
      client_id: TIDAL_DEVICE_CLIENT_ID,
      scope,
    });
    assert.equal(res.status, 200);
    return res.body;
  }

  function poll(deviceCode: string, headers: Record<string, string> = { authorization: deviceBasic }) {
    return postForm(
      `${h.urls.tidalAuth}/v1/oauth2/token`,
      {
        client_id: TIDAL_DEVICE_CLIENT_ID,
        scope: "r_usr w_usr",
        device_code: deviceCode,
        grant_type: DEVICE_GRANT,
      },
      headers,
    );
  }

  it("answers pending, then slow_down when polled too fast, then the token after approval", async () => {
    const device = await authorize();
    const loginHost = h.urls.tidalLogin.replace("http://", "");
    assert.equal(device.verificationUri, `${loginHost}/device`);
    assert.equal(device.verificationUriComplete, `${loginHost}/device/${String(device.userCode)}`);
    assert.match(String(device.userCode), /^[A-Z]{5}$/);
    assert.equal(device.expiresIn, 300);
    assert.equal(device.interval, 2);
    const deviceCode = String(device.deviceCode);

    const pending = await poll(deviceCode);
    assert.equal(pending.status, 400);
    assert.deepEqual(pending.body, {
      status: 400,
      error: "authorization_pending",
      sub_status: 1002,
      error_description: "Device Authorization code is not authorized yet",
    });

    const tooFast = await poll(deviceCode);
    assert.equal(tooFast.status, 400);
    assert.equal(tooFast.body.error, "slow_down");

    // The verification page shows the code with an approve button that approves it for the consent user.
    const page = await fetch(`http://${String(device.verificationUriComplete)}`);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(html, /<button id="allow"/);
    assert.ok(html.includes(String(device.userCode)));
    const approved = await fetch(`${h.urls.tidalLogin}/device`, {
      ...form({ userCode: String(device.userCode), decision: "allow" }),
    });
    assert.equal(approved.status, 200);
    await approved.text();

    clock += 7_000; // slow_down added five seconds to the two-second interval
    const token = await poll(deviceCode);
    assert.equal(token.status, 200);
    assert.equal(token.body.token_type, "Bearer");
    assert.equal(token.body.user_id, h.tidal.mainUserId);
    assert.equal(token.body.scope, "r_usr w_usr");

    clock += 7_000;
    const again = await poll(deviceCode);
    assert.equal(again.body.error, "invalid_grant", "a device code yields one token");
  });

  it("reports a denied code as access_denied and an old one as expired_token", async () => {
    const denied = await authorize();
    h.tidal.denyDevice(String(denied.userCode));
    const deniedPoll = await poll(String(denied.deviceCode));
    assert.equal(deniedPoll.body.error, "access_denied");

    const stale = await authorize();
    clock += 301_000;
    const expired = await poll(String(stale.deviceCode));
    assert.equal(expired.status, 400);
    assert.equal(expired.body.error, "expired_token");
    assert.equal(expired.body.sub_status, TIDAL_AUTH_SUB_STATUS.expiredToken);
  });

  it("serves the code entry page and the page for a code given in the query", async () => {
    const entry = await fetch(`${h.urls.tidalLogin}/device`);
    assert.equal(entry.status, 200);
    assert.match(await entry.text(), /<input id="userCode" name="userCode"/);
    const device = await authorize();
    const code = String(device.userCode);
    const page = await fetch(`${h.urls.tidalLogin}/device?userCode=${code.toLowerCase()}`);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.ok(html.includes(`<strong id="code">${code}</strong>`));
    const denied = await fetch(`${h.urls.tidalLogin}/device`, {
      ...form({ userCode: code, decision: "deny" }),
    });
    assert.match(await denied.text(), /denied/);
    assert.equal(h.tidal.deviceAuthorizations.find((d) => d.userCode === code)?.status, "denied");
    const unknown = await fetch(`${h.urls.tidalLogin}/device/ZZZZZ`);
    assert.equal(unknown.status, 404);
    await unknown.text();
  });

  it("approves through the emulator API for a chosen user", async () => {
    const device = await authorize();
    h.tidal.approveDevice(String(device.userCode), h.tidal.secondUserId);
    assert.throws(() => h.tidal.approveDevice(String(device.userCode)), /already approved/);
    const token = await poll(String(device.deviceCode));
    assert.equal(token.status, 200);
    assert.equal(token.body.user_id, h.tidal.secondUserId);
  });

  it("requires HTTP Basic credentials of a trusted client for polling", async () => {
    const device = await authorize();
    const noAuth = await poll(String(device.deviceCode), {});
    assert.equal(noAuth.status, 401);
    assert.equal(noAuth.body.error, "invalid_client");
    const wrongSecret = await poll(String(device.deviceCode), {
      authorization: `Basic ${Buffer.from(`${TIDAL_DEVICE_CLIENT_ID}:nope`).toString("base64")}`,
    });
    assert.equal(wrongSecret.status, 401);
    const unknownClient = await postForm(`${h.urls.tidalAuth}/v1/oauth2/device_authorization`, {
      client_id: "who",
      scope: "",
    });
    assert.equal(unknownClient.status, 401);
    assert.equal(unknownClient.body.error, "invalid_client");
  });
});

describe("TIDAL emulator: refresh and token lifetime", () => {
  let h: TidalHarness;
  before(async () => {
    h = await startTidalEmulator();
  });
  after(() => h.servers.close());

  const country = (h: TidalHarness, token: string) =>
    fetch(`${h.urls.tidalApi}/v1/country`, {
      headers: { authorization: `Bearer ${token}`, "x-tidal-client-version": "2025.12.18" },
    });

  it("rotates the refresh token and retires the old access token", async () => {
    const issued = h.tidal.issueToken({ clientId: TIDAL_DEVICE_CLIENT_ID });
    assert.equal((await country(h, issued.accessToken)).status, 200);

    const refreshed = await postForm(
      `${h.urls.tidalAuth}/v1/oauth2/token`,
      { grant_type: "refresh_token", refresh_token: issued.refreshToken },
      { authorization: deviceBasic },
    );
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.refresh_token, issued.refreshToken);
    assert.notEqual(refreshed.body.access_token, issued.accessToken);
    assert.equal(h.tidal.countTokenRequests("refresh_token"), 1);

    const old = await country(h, issued.accessToken);
    assert.equal(old.status, 401);
    assert.deepEqual(await old.json(), {
      status: 401,
      subStatus: TIDAL_SUB_STATUS.invalidToken,
      userMessage: "Token has invalid payload",
    });
    assert.equal((await country(h, String(refreshed.body.access_token))).status, 200);

    const replay = await postForm(
      `${h.urls.tidalAuth}/v1/oauth2/token`,
      { grant_type: "refresh_token", refresh_token: issued.refreshToken },
      { authorization: deviceBasic },
    );
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, "invalid_grant");
    assert.equal(h.tidal.countTokenRequests("refresh_token"), 2);
    assert.equal(h.tidal.countTokenRequests("refresh_token", { successfulOnly: true }), 1);
  });

  it("lets a public client refresh with client_id in the form, but not another client's token", async () => {
    const issued = h.tidal.issueToken();
    const foreign = await postForm(
      `${h.urls.tidalAuth}/v1/oauth2/token`,
      { grant_type: "refresh_token", refresh_token: issued.refreshToken },
      { authorization: deviceBasic },
    );
    assert.equal(foreign.body.error, "invalid_grant");
    const own = await postForm(`${h.urls.tidalAuth}/v1/oauth2/token`, {
      grant_type: "refresh_token",
      refresh_token: issued.refreshToken,
      client_id: TIDAL_PKCE_CLIENT_ID,
    });
    assert.equal(own.status, 200);
    assert.equal(own.body.user_id, h.tidal.mainUserId);
  });

  it("answers 401 with the expired-token subStatus for an expired token", async () => {
    const issued = h.tidal.issueToken();
    h.tidal.expireToken(issued.accessToken);
    const res = await country(h, issued.accessToken);
    assert.equal(res.status, 401);
    const body = (await res.json()) as { subStatus: number; userMessage: string };
    assert.equal(body.subStatus, TIDAL_SUB_STATUS.expiredToken);
    assert.match(body.userMessage, /expired/);
  });

  it("expires tokens when the clock passes their lifetime", async () => {
    const issued = h.tidal.issueToken({ expiresInSeconds: 60 });
    assert.equal((await country(h, issued.accessToken)).status, 200);
    h.tidal.advanceTime(61_000);
    const res = await country(h, issued.accessToken);
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { subStatus: number }).subStatus, TIDAL_SUB_STATUS.expiredToken);
  });

  it("answers unknown auth-host paths in the auth host's error shape", async () => {
    const res = await postForm(`${h.urls.tidalAuth}/v1/oauth2/revoke`, { token: "x" });
    assert.equal(res.status, 404);
    assert.equal(res.body.error, "not_found");
  });

  it("rejects unsupported grant types with the auth host's error shape", async () => {
    const res = await postForm(`${h.urls.tidalAuth}/v1/oauth2/token`, {
      grant_type: "password",
      client_id: "x",
    });
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(res.body).sort(), ["error", "error_description", "status", "sub_status"]);
    assert.equal(res.body.error, "unsupported_grant_type");
  });
});
