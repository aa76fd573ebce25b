import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { inspect } from "node:util";
import { exchangeDeezerCode } from "../../src/auth/flows/authorization-code.js";
import { captureRedirect } from "../../src/auth/flows/authorize.js";
import type { RedirectFlowContext } from "../../src/auth/flows/context.js";
import { exchangePkceCode } from "../../src/auth/flows/pkce.js";
import { runRefresh } from "../../src/auth/flows/refresh.js";
import type { RedirectHandler } from "../../src/auth/redirect/types.js";
import { parseRedirect } from "../../src/auth/redirect/urls.js";
import { ManualClock } from "../../src/core/clock.js";
import { flowContext } from "./helpers.js";

// The values a client knows and must never repeat, whatever the service sends back.
const SECRETS = {
  clientSecret: "client-secret-5f1e9a",
  refreshToken: "refresh-token-77c0d2",
  accessToken: "access-token-31b8e4",
  code: "auth-code-9a7b3c",
  verifier: "pkce-verifier-0d4e6f2a",
  appSecret: "deezer-app-secret-8e2f",
};

/** How the token endpoint answers: every value it received, echoed in every field an error is built from. */
let mode: { status: number; type: "json" | "form" } = { status: 400, type: "json" };

function echo(request: IncomingMessage, response: ServerResponse): void {
  let body = "";
  request.setEncoding("utf8");
  request.on("data", (chunk: string) => (body += chunk));
  request.on("end", () => {
    const received = [...new URLSearchParams(body).values()];
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (basic !== undefined) received.push(...Buffer.from(basic, "base64").toString("utf8").split(":"));
    const all = received.join(" ");
    if (mode.type === "form") {
      response.writeHead(mode.status, { "content-type": "text/plain" });
      response.end(`error=${encodeURIComponent(all)}`);
      return;
    }
    response.writeHead(mode.status, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        error: all,
        error_description: `refused: ${all}`,
        userMessage: all,
        sub_status: 11002,
        detail: { echoed: received },
      }),
    );
  });
}

let server: Server;
let base: string;
before(async () => {
  server = createServer(echo);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Everything an application could print or log of an error: message, fields, body, cause chain, JSON. */
function surface(error: unknown): string {
  const parts = [inspect(error, { depth: 10, showHidden: true })];
  try {
    parts.push(JSON.stringify(error));
  } catch {
    // Circular structures are covered by inspect.
  }
  let cause: unknown = error;
  while (cause instanceof Error) {
    parts.push(cause.message, String(cause.stack));
    cause = cause.cause;
  }
  return parts.join("\n");
}

function assertClean(text: string, label: string): void {
  for (const [name, value] of Object.entries(SECRETS)) {
    assert.ok(!text.includes(value), `${label} reveals the ${name}:\n${text}`);
  }
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  assert.fail("expected a failure");
}

describe("auth errors and warnings never carry the client's secrets", () => {
  const clock = new ManualClock();
  const warnings: string[] = [];
  const ctx = () => ({ ...flowContext("tidal", base, clock), warn: (m: string) => void warnings.push(m) });

  for (const status of [400, 401, 429, 503]) {
    it(`token endpoint answering ${status} with the secrets echoed in error, error_description and code`, async () => {
      mode = { status, type: "json" };
      const refresh = await failure(() =>
        runRefresh(
          ctx(),
          { clientId: "client-id", clientSecret: SECRETS.clientSecret, tokenUrl: `${base}/token` },
          {
            accessToken: SECRETS.accessToken,
            tokenType: "Bearer",
            refreshToken: SECRETS.refreshToken,
            expiresAt: null,
            scopes: [],
            extras: {},
          },
        ),
      );
      assertClean(surface(refresh), `refresh (${status})`);
      const pkce = await failure(() =>
        exchangePkceCode(
          ctx(),
          {
            clientId: "client-id",
            clientSecret: SECRETS.clientSecret,
            tokenUrl: `${base}/token`,
            scopes: [],
          },
          { code: SECRETS.code, verifier: SECRETS.verifier, redirectUri: "tidal://login/auth" },
        ),
      );
      assertClean(surface(pkce), `PKCE exchange (${status})`);
    });
  }

  for (const answer of [
    { status: 200, type: "form" },
    { status: 503, type: "json" },
  ] as const) {
    it(`Deezer code exchange answered ${answer.status} (${answer.type}) with the secrets echoed`, async () => {
      mode = answer;
      const error = await failure(() =>
        exchangeDeezerCode(
          { ...ctx(), service: "deezer" },
          { appId: "100001", appSecret: SECRETS.appSecret, tokenUrl: `${base}/token`, permissions: [] },
          SECRETS.code,
        ),
      );
      assertClean(surface(error), `Deezer exchange (${answer.status})`);
    });
  }

  it("a redirect whose error fields repeat the code or token is reported without them", async () => {
    const handler: RedirectHandler = {
      capture: async (req) => {
        const state = new URL(req.authorizationUrl).searchParams.get("state");
        return parseRedirect(
          `http://localhost:1/cb?code=${SECRETS.code}&state=${state}&error=${SECRETS.code}` +
            `&error_description=${encodeURIComponent(`bad code=${SECRETS.code} ${SECRETS.accessToken}`)}` +
            `#access_token=${SECRETS.accessToken}`,
        );
      },
    };
    const redirectCtx: RedirectFlowContext = {
      ...ctx(),
      redirectHandler: handler,
      redirectUri: "http://localhost:1/cb",
      authUrl: "http://localhost:1/auth",
    };
    const error = await failure(() => captureRedirect(redirectCtx, "http://localhost:1/auth?state=s", "s"));
    assertClean(surface(error), "redirect error");
  });

  after(() => assertClean(warnings.join("\n"), "warnings"));
});
