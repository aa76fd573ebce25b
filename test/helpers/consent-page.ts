// A stand-in for a provider's authorization page, served on loopback: GET /authorize shows Allow/Deny buttons and
// sends the browser on to the redirect URI the way real providers do (a 302 after a form post, or a script).
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** `query`: authorization code in the query. `fragment`: implicit-flow token in the fragment. */
export type ConsentMode = "query" | "fragment";
/** `redirect`: form POST answered with a 302. `script`: the page sets `window.location` itself. */
export type ConsentVia = "redirect" | "script";

export interface AuthorizeParams {
  redirectUri: string;
  state?: string;
  mode?: ConsentMode;
  via?: ConsentVia;
}

export interface ConsentServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  authorizeUrl(params: AuthorizeParams): string;
  /** Codes and tokens handed out, in order. */
  issued: string[];
  /** Paths of every request received. */
  requests: string[];
  close(): Promise<void>;
}

export async function startConsentServer(): Promise<ConsentServer> {
  const issued: string[] = [];
  const requests: string[] = [];

  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "GET" && url.pathname === "/authorize") {
      sendHtml(res, consentPage(url.searchParams));
      return;
    }
    if (url.pathname === "/decide") {
      readForm(req, url)
        .then((form) => decide(form, res))
        .catch(() => {
          res.writeHead(400).end();
        });
      return;
    }
    res.writeHead(404).end();
  });

  function decide(form: URLSearchParams, res: ServerResponse): void {
    const redirectUri = form.get("redirect_uri") ?? "";
    const state = form.get("state") ?? "";
    const allowed = form.get("decision") === "allow";
    const mode = form.get("mode") === "fragment" ? "fragment" : "query";
    let target: string;
    if (!allowed) {
      target = append(redirectUri, "?", { error_reason: "user_denied", state });
    } else if (mode === "query") {
      const code = `code-${randomBytes(6).toString("hex")}`;
      issued.push(code);
      target = append(redirectUri, "?", { code, state });
    } else {
      const token = `token-${randomBytes(6).toString("hex")}`;
      issued.push(token);
      target = append(redirectUri, "#", { access_token: token, expires: "3600", state });
    }
    if (form.get("via") === "script") {
      sendHtml(
        res,
        `<!doctype html><p>Redirecting…</p><script>window.location.href = ${JSON.stringify(target)};</script>`,
      );
    } else {
      res.writeHead(302, { Location: target }).end();
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    issued,
    requests,
    authorizeUrl({ redirectUri, state, mode = "query", via = "redirect" }) {
      const params = new URLSearchParams({ redirect_uri: redirectUri, mode, via });
      if (state !== undefined) params.set("state", state);
      return `${origin}/authorize?${params}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function consentPage(query: URLSearchParams): string {
  const hidden = ["redirect_uri", "state", "mode", "via"]
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query.get(name) ?? "")}">`)
    .join("");
  return (
    '<!doctype html><html><head><meta charset="utf-8"><title>Authorize</title></head><body>' +
    `<h1>Allow this application?</h1><form method="post" action="/decide">${hidden}` +
    '<button id="allow" name="decision" value="allow">Allow</button>' +
    '<button id="deny" name="decision" value="deny">Deny</button></form></body></html>'
  );
}

function append(base: string, separator: "?" | "#", params: Record<string, string>): string {
  const encoded = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== "")).toString();
  const joiner = separator === "?" && base.includes("?") ? "&" : separator;
  return `${base}${joiner}${encoded}`;
}

async function readForm(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  if (req.method === "GET") return url.searchParams;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
