/**
 * The login host (login.tidal.com): the PKCE consent page, the device verification page and `GET /oauth2/me`.
 * The pages are plain HTML forms with `<button id="allow">` / `<button id="deny">` so a browser driven by
 * Playwright, or a test posting the form itself, can act as the user. The user is {@link TidalService.consentUserId}.
 */
import type { EmulatorReply, EmulatorRequest, RoleRouter } from "../types.js";
import { addRoute, requireUser } from "./context.js";
import { grantScopes } from "./auth.js";
import type { TidalService } from "./service.js";
import type { DeviceAuthorizationRecord } from "./tokens.js";
import { escapeHtml, newUuid, randomToken } from "./util.js";

const DOCUMENTED_REDIRECTS = new Set(["tidal://login/auth", "https://tidal.com/login/auth"]);
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The two URIs registered for TIDAL's own clients, or an http(s) loopback URL. */
export function redirectAllowed(uri: string): boolean {
  if (DOCUMENTED_REDIRECTS.has(uri)) return true;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return (
    (url.protocol === "http:" || url.protocol === "https:") &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    url.hash === ""
  );
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} – TIDAL (emulated)</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

function errorPage(status: number, title: string, message: string): EmulatorReply {
  return { status, html: layout(title, `<p id="error">${escapeHtml(message)}</p>`) };
}

function redirectWith(redirectUri: string, params: Record<string, string | null>): EmulatorReply {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return { status: 302, headers: { location: url.toString(), "cache-control": "no-store" }, text: "" };
}

function consentPage(
  svc: TidalService,
  pendingId: string,
  clientName: string,
  scopes: string[],
): EmulatorReply {
  const user = svc.state.users.get(svc.consentUserId);
  const who = user ? `${user.firstName} ${user.lastName} (${user.email})` : `user ${svc.consentUserId}`;
  return {
    status: 200,
    headers: { "cache-control": "no-store" },
    html: layout(
      "Authorize application",
      `<p>Signed in as <span id="user">${escapeHtml(who)}</span>.</p>
<p><strong id="client">${escapeHtml(clientName)}</strong> wants to access your TIDAL account with the scopes
<code id="scopes">${escapeHtml(scopes.join(" "))}</code>.</p>
<form method="post" action="/authorize">
<input type="hidden" name="request" value="${escapeHtml(pendingId)}">
<button id="allow" type="submit" name="decision" value="allow">Allow</button>
<button id="deny" type="submit" name="decision" value="deny">Deny</button>
</form>`,
    ),
  };
}

function devicePage(
  device: DeviceAuthorizationRecord | undefined,
  userCode: string | undefined,
): EmulatorReply {
  if (userCode === undefined || userCode === "") {
    return {
      status: 200,
      html: layout(
        "Connect a device",
        `<form method="get" action="/device">
<label for="userCode">Code shown on your device</label>
<input id="userCode" name="userCode" autocomplete="off">
<button id="continue" type="submit">Continue</button>
</form>`,
      ),
    };
  }
  if (!device) return errorPage(404, "Unknown code", `The code ${userCode} is not valid.`);
  if (device.status !== "pending") {
    return errorPage(409, "Code already used", `The code ${device.userCode} was already ${device.status}.`);
  }
  return {
    status: 200,
    html: layout(
      "Connect a device",
      `<p>Approve the device showing the code <strong id="code">${escapeHtml(device.userCode)}</strong>?</p>
<form method="post" action="/device">
<input type="hidden" name="userCode" value="${escapeHtml(device.userCode)}">
<button id="allow" type="submit" name="decision" value="allow">Approve</button>
<button id="deny" type="submit" name="decision" value="deny">Deny</button>
</form>`,
    ),
  };
}

/** Approves or denies a device code as the user on the verification page would. */
export function decideDevice(
  svc: TidalService,
  userCode: string,
  approve: boolean,
  userId: number,
): DeviceAuthorizationRecord {
  const device = svc.tokens.deviceByUserCode(userCode);
  if (!device) throw new Error(`Unknown TIDAL device user code: ${userCode}`);
  if (device.status !== "pending")
    throw new Error(`TIDAL device code ${userCode} is already ${device.status}`);
  if (svc.now() >= device.expiresAt) throw new Error(`TIDAL device code ${userCode} has expired`);
  if (approve) {
    if (!svc.state.users.has(userId)) throw new Error(`Unknown TIDAL emulator user: ${userId}`);
    device.status = "approved";
    device.userId = userId;
  } else {
    device.status = "denied";
  }
  return device;
}

function query(req: EmulatorRequest, name: string): string | null {
  const value = req.query.get(name);
  return value === null || value === "" ? null : value;
}

export function installLoginRoutes(router: RoleRouter, svc: () => TidalService): void {
  router.fallback(() => errorPage(404, "Page not found", "There is no page at this address."));
  router.add("GET", "/authorize", (req) => {
    const s = svc();
    const clientId = query(req, "client_id");
    const redirectUri = query(req, "redirect_uri");
    const client = clientId === null ? undefined : s.tokens.clients.get(clientId);
    // Without a known client and redirect URI there is nowhere safe to send an error: show it instead.
    if (!client) return errorPage(400, "Unknown client", "The client_id is missing or not registered.");
    if (redirectUri === null || !redirectAllowed(redirectUri)) {
      return errorPage(
        400,
        "Invalid redirect",
        "The redirect_uri is missing or not allowed for this client.",
      );
    }
    const state = req.query.get("state");
    if (req.query.get("response_type") !== "code") {
      return redirectWith(redirectUri, { error: "unsupported_response_type", state });
    }
    const challenge = query(req, "code_challenge");
    const method = req.query.get("code_challenge_method") ?? "plain";
    if (challenge === null || !/^[A-Za-z0-9\-._~]{43,128}$/.test(challenge)) {
      return redirectWith(redirectUri, {
        error: "invalid_request",
        error_description: "code_challenge is required",
        state,
      });
    }
    if (method !== "S256") {
      return redirectWith(redirectUri, {
        error: "invalid_request",
        error_description: "code_challenge_method must be S256",
        state,
      });
    }
    const id = newUuid();
    const scopes = grantScopes(req.query.get("scope"));
    s.tokens.pending.set(id, {
      id,
      clientId: client.clientId,
      redirectUri,
      state,
      scopes,
      codeChallenge: challenge,
      codeChallengeMethod: method,
      createdAt: s.now(),
      decided: false,
    });
    return consentPage(s, id, client.name, scopes);
  });

  router.add("POST", "/authorize", (req) => {
    const s = svc();
    const pending = s.tokens.pending.get(req.form.get("request") ?? "");
    if (!pending || pending.decided) {
      return errorPage(
        400,
        "Request expired",
        "This authorization request is unknown or was already answered.",
      );
    }
    pending.decided = true;
    if (req.form.get("decision") !== "allow") {
      return redirectWith(pending.redirectUri, { error: "access_denied", state: pending.state });
    }
    const code = randomToken(32);
    s.tokens.codes.set(code, {
      code,
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      userId: s.consentUserId,
      scopes: pending.scopes,
      codeChallenge: pending.codeChallenge,
      codeChallengeMethod: pending.codeChallengeMethod,
      expiresAt: s.now() + s.config.authorizationCodeLifetimeSeconds * 1000,
      used: false,
    });
    return redirectWith(pending.redirectUri, { code, state: pending.state });
  });

  router.add("GET", "/device", (req) => {
    const s = svc();
    const userCode = req.query.get("userCode") ?? req.query.get("user_code") ?? undefined;
    return devicePage(userCode ? s.tokens.deviceByUserCode(userCode) : undefined, userCode);
  });

  router.add("GET", "/device/:userCode", (req) => {
    const s = svc();
    const userCode = req.params["userCode"];
    return devicePage(userCode ? s.tokens.deviceByUserCode(userCode) : undefined, userCode);
  });

  router.add("POST", "/device", (req) => {
    const s = svc();
    const userCode = req.form.get("userCode") ?? "";
    const device = s.tokens.deviceByUserCode(userCode);
    if (!device) return errorPage(404, "Unknown code", `The code ${userCode} is not valid.`);
    const approve = req.form.get("decision") === "allow";
    try {
      decideDevice(s, userCode, approve, s.consentUserId);
    } catch (thrown) {
      return errorPage(409, "Code not usable", thrown instanceof Error ? thrown.message : String(thrown));
    }
    return {
      status: 200,
      html: layout(
        approve ? "Device connected" : "Device denied",
        `<p id="result">${approve ? "approved" : "denied"}</p>`,
      ),
    };
  });

  addRoute(router, svc, "tidalLogin", "GET", "/oauth2/me", (req, s) => {
    const caller = requireUser(s, req);
    return { status: 200, json: s.fmt.profile(caller.user) };
  });
}
