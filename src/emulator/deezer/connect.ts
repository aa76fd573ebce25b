/**
 * The `deezerConnect` role (connect.deezer.com): the consent page of the OAuth dialog and the code exchange.
 *
 * - `GET /oauth/auth.php?app_id&redirect_uri&perms&state[&response_type=token]` shows a page with a real form and
 *   two buttons, `#allow` and `#deny`, that a headless browser can click; the form posts back to
 *   `/oauth/auth.php`. Allow redirects (302) to `redirect_uri?code=…&state=…`, or for `response_type=token` to
 *   `redirect_uri#access_token=…&expires=…&state=…`. Deny redirects to `redirect_uri?error_reason=user_denied`
 *   (`#error=access_denied&error_reason=user_denied` for the implicit flow), `state` echoed either way. An unknown
 *   `app_id` or an unusable `redirect_uri` gets an HTML error page instead of a redirect.
 * - `GET|POST /oauth/access_token.php` with `app_id`, `secret`, `code` (query or form) answers, like Deezer, the
 *   form-encoded text `access_token=…&expires=3600` served as `text/html`, or JSON `{"access_token","expires"}`
 *   with `output=json`. `expires` is 0 for a token granted `offline_access` (it never expires). A wrong, used,
 *   expired or foreign code, or a wrong secret, answers the plain text `wrong code` with HTTP 200 (what Deezer
 *   sends); with `output=json` it answers `{"error":{"type":"OAuthException","message":"Invalid OAuth access
 *   token.","code":300}}` — the JSON form of Deezer's failure is not documented, this is the closest real body.
 *
 * Codes are single-use and expire ten minutes after consent.
 */
import type { EmulatorReply, EmulatorRequest, RoleRouter } from "../types.js";
import { ALL_PERMISSIONS } from "./data.js";
import type { Permission } from "./data.js";
import { JSON_HEADERS } from "./errors.js";
import type { DeezerState } from "./state.js";
import { randomToken } from "./util.js";

export const CODE_LIFETIME_MS = 10 * 60 * 1000;

export interface ConnectHost {
  state(): DeezerState;
  /** Whose account the consent page signs in. */
  consentUserId(): number;
  now(): number;
  grant(
    appId: string,
    userId: number,
    permissions: ReadonlySet<Permission>,
  ): { token: string; expires: number };
}

const PERMISSION_TEXT: Record<Permission, string> = {
  basic_access: "Access your basic information",
  email: "Get your email address",
  offline_access: "Access your data at any time",
  manage_library: "Manage your library",
  manage_community: "Manage your friends",
  delete_library: "Delete items from your library",
  listening_history: "Access your listening history",
};

const HTML_TEXT = { "content-type": "text/html; charset=utf-8" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Permissions as Deezer reads `perms`: comma (or space) separated; unknown names are ignored. */
export function parsePermissions(raw: string | undefined): Set<Permission> {
  const wanted = new Set((raw ?? "").split(/[\s,]+/).filter((p) => p !== ""));
  const permissions = new Set(ALL_PERMISSIONS.filter((p) => wanted.has(p)));
  if (permissions.size === 0) permissions.add("basic_access");
  return permissions;
}

function errorPage(message: string): EmulatorReply {
  return {
    status: 200,
    html:
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Deezer - Error</title></head>` +
      `<body><main><h1>Something went wrong</h1><p id="error">${escapeHtml(message)}</p></main></body></html>`,
  };
}

function pick(req: EmulatorRequest, name: string): string | undefined {
  return req.form.get(name) ?? req.query.get(name) ?? undefined;
}

function encodePairs(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}

function redirect(location: string): EmulatorReply {
  return {
    status: 302,
    headers: { location },
    html: `<!doctype html><html><body><a href="${escapeHtml(location)}">Continue</a></body></html>`,
  };
}

interface DialogRequest {
  appId: string;
  redirectUri: string;
  perms: string;
  state: string | undefined;
  implicit: boolean;
}

/** Validates what both the page and its form submit carry; an error page when the app or redirect is unusable. */
function dialogRequest(host: ConnectHost, req: EmulatorRequest): DialogRequest | EmulatorReply {
  const appId = pick(req, "app_id") ?? "";
  if (appId === "" || !host.state().apps.has(appId)) return errorPage("You must enter a valid app_id.");
  const redirectUri = pick(req, "redirect_uri") ?? "";
  try {
    new URL(redirectUri);
  } catch {
    return errorPage("You must specify a valid redirect_uri.");
  }
  const state = pick(req, "state");
  return {
    appId,
    redirectUri,
    perms: pick(req, "perms") ?? "",
    state: state === "" ? undefined : state,
    implicit: pick(req, "response_type") === "token",
  };
}

function consentPage(host: ConnectHost, dialog: DialogRequest): EmulatorReply {
  const user = host.state().users.get(host.consentUserId());
  const permissions = [...parsePermissions(dialog.perms)];
  const hidden: [string, string][] = [
    ["app_id", dialog.appId],
    ["redirect_uri", dialog.redirectUri],
    ["perms", dialog.perms],
  ];
  if (dialog.state !== undefined) hidden.push(["state", dialog.state]);
  if (dialog.implicit) hidden.push(["response_type", "token"]);
  const html = [
    `<!doctype html>`,
    `<html lang="en"><head><meta charset="utf-8"><title>Deezer - Authorize application</title></head>`,
    `<body><main>`,
    `<h1>Application ${escapeHtml(dialog.appId)} would like to access your Deezer account</h1>`,
    `<p>Signed in as <strong id="account" data-user-id="${host.consentUserId()}">${escapeHtml(user?.name ?? "")}</strong></p>`,
    `<ul id="permissions">`,
    ...permissions.map((p) => `<li data-permission="${p}">${escapeHtml(PERMISSION_TEXT[p])}</li>`),
    `</ul>`,
    `<form id="consent" method="post" action="/oauth/auth.php">`,
    ...hidden.map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`),
    `<button id="allow" type="submit" name="decision" value="allow">Allow</button>`,
    `<button id="deny" type="submit" name="decision" value="deny">Deny</button>`,
    `</form>`,
    `</main></body></html>`,
  ].join("\n");
  return { status: 200, headers: { "cache-control": "no-store" }, html };
}

function withQuery(uri: string, pairs: [string, string][]): string {
  const base = uri.split("#")[0] as string;
  return `${base}${base.includes("?") ? "&" : "?"}${encodePairs(pairs)}`;
}

function withFragment(uri: string, pairs: [string, string][]): string {
  return `${uri.split("#")[0] as string}#${encodePairs(pairs)}`;
}

function decide(host: ConnectHost, req: EmulatorRequest): EmulatorReply {
  const dialog = dialogRequest(host, req);
  if (!("appId" in dialog)) return dialog;
  const decision = pick(req, "decision");
  const state: [string, string][] = dialog.state === undefined ? [] : [["state", dialog.state]];
  if (decision === "deny") {
    return redirect(
      dialog.implicit
        ? withFragment(dialog.redirectUri, [
            ["error", "access_denied"],
            ["error_reason", "user_denied"],
            ...state,
          ])
        : withQuery(dialog.redirectUri, [["error_reason", "user_denied"], ...state]),
    );
  }
  if (decision !== "allow") return errorPage("Please allow or deny the application's request.");
  const permissions = parsePermissions(dialog.perms);
  if (dialog.implicit) {
    const { token, expires } = host.grant(dialog.appId, host.consentUserId(), permissions);
    return redirect(
      withFragment(dialog.redirectUri, [["access_token", token], ["expires", String(expires)], ...state]),
    );
  }
  const code = `fr${randomToken(16)}`;
  host.state().codes.set(code, {
    code,
    appId: dialog.appId,
    userId: host.consentUserId(),
    permissions,
    redirectUri: dialog.redirectUri,
    expiresAt: host.now() + CODE_LIFETIME_MS,
  });
  return redirect(withQuery(dialog.redirectUri, [["code", code], ...state]));
}

function exchange(host: ConnectHost, req: EmulatorRequest): EmulatorReply {
  const json = pick(req, "output") === "json";
  const appId = pick(req, "app_id") ?? "";
  const secret = pick(req, "secret") ?? "";
  const code = pick(req, "code") ?? "";
  const grant = host.state().codes.get(code);
  const valid =
    grant !== undefined &&
    grant.appId === appId &&
    host.state().apps.get(appId) === secret &&
    grant.expiresAt > host.now();
  if (!valid) {
    if (grant !== undefined && grant.expiresAt <= host.now()) host.state().codes.delete(code);
    return json
      ? {
          status: 200,
          headers: { ...JSON_HEADERS },
          json: { error: { type: "OAuthException", message: "Invalid OAuth access token.", code: 300 } },
        }
      : { status: 200, headers: { ...HTML_TEXT }, text: "wrong code" };
  }
  host.state().codes.delete(code);
  const { token, expires } = host.grant(appId, grant.userId, grant.permissions);
  return json
    ? { status: 200, headers: { ...JSON_HEADERS }, json: { access_token: token, expires } }
    : { status: 200, headers: { ...HTML_TEXT }, text: `access_token=${token}&expires=${expires}` };
}

export function connectRoutes(router: RoleRouter, host: ConnectHost): void {
  router.add("GET", "/oauth/auth.php", (req) => {
    const dialog = dialogRequest(host, req);
    return "appId" in dialog ? consentPage(host, dialog) : dialog;
  });
  router.add("POST", "/oauth/auth.php", (req) => decide(host, req));
  router.add("GET", "/oauth/access_token.php", (req) => exchange(host, req));
  router.add("POST", "/oauth/access_token.php", (req) => exchange(host, req));
  router.fallback(() => ({
    status: 404,
    html: "<!doctype html><html><body><h1>Not Found</h1></body></html>",
  }));
}
