import { createHash, createPrivateKey, randomBytes, X509Certificate } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { join } from "node:path";
import { AuthorizationError, ValidationError } from "../../core/errors.js";
import { ensureMinimDir, minimDir } from "../minim-dir.js";
import { loadOptionalModule } from "../optional-module.js";
import { deferred, runCapture } from "./capture.js";
import { presentAndWait } from "./present.js";
import type { RedirectHandler, RedirectRequest, RedirectResult } from "./types.js";
import { isLoopbackRedirect, parseRedirect, parseRedirectUri } from "./urls.js";

/** Options of {@link HttpServerRedirectHandler}. */
export interface HttpServerRedirectOptions {
  /** Where the self-signed certificate for `https:` redirect URIs is kept; `<minimDir>/certs` by default. */
  certDir?: string;
}

/** A PEM private key and certificate. */
export interface TlsCredentials {
  key: string;
  cert: string;
}

/** Query names that mark a request as the provider's redirect rather than a fragment still to be relayed. */
const CALLBACK_PARAMS = ["code", "error", "error_reason", "error_description", "state", "access_token"];
/** Marks a request made by the relay page with the parameters it found in the fragment. */
const FRAGMENT_MARKER = "_fragment";

// Fragments never reach a server, so the implicit flow's token has to be sent back by the page itself. It also
// removes the token from the address bar and history.
const RELAY_SCRIPT = `(function () {
  var message = document.getElementById("message");
  var fragment = location.hash.slice(1);
  if (!fragment) { message.textContent = "No authorization parameters were found in this address."; return; }
  history.replaceState(null, "", location.pathname);
  fetch(location.pathname + "?" + fragment + "&${FRAGMENT_MARKER}=1", { cache: "no-store" })
    .then(function (response) {
      message.textContent = response.ok
        ? "Authorization complete. You can close this window."
        : "This answer was not accepted. Start the sign-in again from the application.";
    })
    .catch(function () { message.textContent = "The application stopped waiting. Start the sign-in again."; });
})();`;
const RELAY_SCRIPT_HASH = createHash("sha256").update(RELAY_SCRIPT).digest("base64");

/**
 * A one-shot local web server on the redirect URI's host and port. It answers the provider's redirect, relays
 * an implicit-flow fragment back to itself, ignores stray requests (wrong path, missing or wrong `state`) and shuts down after
 * the callback, the timeout or an abort, whichever comes first. Only loopback `http:`/`https:` redirect URIs can be
 * served; for `https:` a self-signed certificate is created once and reused.
 */
export class HttpServerRedirectHandler implements RedirectHandler {
  private readonly certDir: string | undefined;

  constructor(options: HttpServerRedirectOptions = {}) {
    this.certDir = options.certDir;
  }

  async capture(req: RedirectRequest): Promise<RedirectResult> {
    const target = parseRedirectUri(req.redirectUri);
    if (!isLoopbackRedirect(req.redirectUri)) {
      throw new ValidationError(
        "redirectUri",
        `The http.server handler can only receive loopback http(s) redirect URIs (localhost, 127.0.0.1, [::1]), not ${req.redirectUri}.`,
      );
    }
    return runCapture(req, async (signal) => {
      const tls = target.protocol === "https:" ? await loadOrCreateCertificate(this.certDir) : undefined;
      if (signal.aborted) throw signal.reason;
      const result = deferred<RedirectResult>();
      const base = `${target.protocol}//${target.host}${target.pathname}`;

      const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
        const url = new URL(request.url ?? "/", `${target.protocol}//${target.host}`);
        if (url.pathname !== target.pathname) {
          sendPage(response, 404, "Not found.");
          return;
        }
        if (request.method !== "GET" && request.method !== "HEAD") {
          response.setHeader("Allow", "GET, HEAD");
          sendPage(response, 405, "Method not allowed.");
          return;
        }
        const params = new URLSearchParams(url.search);
        const relayed = params.has(FRAGMENT_MARKER);
        params.delete(FRAGMENT_MARKER);
        if (!relayed && !CALLBACK_PARAMS.some((name) => params.has(name))) {
          sendRelayPage(response);
          return;
        }
        if (relayed && [...params.keys()].length === 0) {
          sendPage(response, 400, "No authorization parameters were received.");
          return;
        }
        // Checked before anything else the request carries (an `error` included): only the provider's answer to
        // this attempt knows the state, so anything else (a stale tab, a forged `?error=access_denied` from some
        // local page) is refused and the wait goes on.
        if (req.state !== undefined && params.get("state") !== req.state) {
          sendPage(
            response,
            400,
            "This answer does not belong to the current sign-in attempt and was ignored.",
          );
          return;
        }
        if (request.method === "HEAD" || result.settled) {
          sendPage(response, 200, "You can close this window.");
          return;
        }
        const denied = params.has("error") || params.has("error_reason");
        const finalUrl = relayed ? `${base}#${params.toString()}` : `${base}${url.search}`;
        response.setHeader("Connection", "close");
        sendPage(
          response,
          200,
          denied
            ? "Authorization was not granted. You can close this window."
            : "Authorization complete. You can close this window.",
          () => result.resolve(parseRedirect(finalUrl)),
        );
      };

      const servers = await listenAll(target, tls, onRequest);
      try {
        const waiting = `Waiting for the browser to return to ${req.redirectUri} …`;
        return await presentAndWait(req, waiting, result.promise, signal);
      } finally {
        await Promise.all(servers.map(closeServer));
      }
    });
  }
}

function sendPage(response: ServerResponse, status: number, message: string, onFinish?: () => void): void {
  const body =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<title>minim</title></head><body><p>${escapeHtml(message)}</p></body></html>`;
  response.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'",
  });
  response.end(body, onFinish);
}

function sendRelayPage(response: ServerResponse): void {
  const body =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    '<title>minim</title></head><body><p id="message">Completing authorization…</p>' +
    `<script>${RELAY_SCRIPT}</script></body></html>`;
  response.writeHead(200, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": `default-src 'none'; script-src 'sha256-${RELAY_SCRIPT_HASH}'; connect-src 'self'`,
  });
  response.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Binds the redirect URI's host and port. `localhost` gets both 127.0.0.1 and ::1, because browsers may resolve
 * it to either; a machine without IPv6 simply keeps the IPv4 listener.
 */
async function listenAll(
  target: URL,
  tls: TlsCredentials | undefined,
  onRequest: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<Server[]> {
  const port = Number(target.port || (target.protocol === "https:" ? 443 : 80));
  const hostname = target.hostname.toLowerCase();
  const hosts = hostname === "localhost" ? ["127.0.0.1", "::1"] : [hostname.replace(/^\[|\]$/g, "")];
  const servers: Server[] = [];
  try {
    for (const [index, host] of hosts.entries()) {
      const server = tls
        ? createHttpsServer({ key: tls.key, cert: tls.cert }, onRequest)
        : createHttpServer(onRequest);
      try {
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen({ host, port, exclusive: true }, () => {
            server.off("error", reject);
            resolve();
          });
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (index > 0 && (code === "EADDRNOTAVAIL" || code === "EAFNOSUPPORT")) continue;
        throw new AuthorizationError({
          error: "redirect_server_unavailable",
          message: `Cannot listen on ${host.includes(":") ? `[${host}]` : host}:${port} for the redirect (${code ?? "unknown error"}).`,
        });
      }
      servers.push(server);
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    throw error;
  }
  return servers;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    // Keep-alive connections of the browser would otherwise hold the port until they time out.
    server.closeAllConnections();
  });
}

const KEY_FILE = "localhost-key.pem";
const CERT_FILE = "localhost-cert.pem";
const RENEW_BEFORE_MS = 24 * 3600 * 1000;

/**
 * The self-signed certificate for `https:` loopback redirect URIs (localhost, 127.0.0.1 and ::1), read from
 * `dir` (default `<minimDir>/certs`) or generated there on first use. The key file is readable only by its owner.
 * A pair that is expiring, unreadable or mismatched (two processes generating at once) is replaced.
 */
export async function loadOrCreateCertificate(
  dir: string = join(minimDir(), "certs"),
): Promise<TlsCredentials> {
  const keyPath = join(dir, KEY_FILE);
  const certPath = join(dir, CERT_FILE);
  const existing = readCredentials(keyPath, certPath);
  if (existing) return existing;

  const { generate } = await loadOptionalModule(
    "selfsigned",
    "An https: loopback redirect URI (its self-signed certificate)",
    () => import("selfsigned"),
  );
  const now = new Date();
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  ensureMinimDir(dir);
  writeAtomically(keyPath, pems.private, 0o600);
  writeAtomically(certPath, pems.cert, 0o644);
  return { key: pems.private, cert: pems.cert };
}

function readCredentials(keyPath: string, certPath: string): TlsCredentials | undefined {
  try {
    const key = readFileSync(keyPath, "utf8");
    const cert = readFileSync(certPath, "utf8");
    const x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) return undefined;
    if (Date.parse(x509.validTo) - Date.now() < RENEW_BEFORE_MS) return undefined;
    return { key, cert };
  } catch {
    return undefined;
  }
}

/** Readers never see a half-written file, and the key is created with its final mode (no window at 0644). */
function writeAtomically(path: string, content: string, mode: number): void {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temp, content, { mode, flag: "wx" });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
