import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { ManualClock } from "../../src/core/clock.js";
import { AuthorizationError } from "../../src/core/errors.js";
import type { RedirectFlowContext } from "../../src/auth/flows/context.js";
import { deezerImplicitUrl, runDeezerImplicit } from "../../src/auth/flows/implicit.js";
import { PasteRedirectHandler } from "../../src/auth/redirect/paste.js";
import type { RedirectHandler } from "../../src/auth/redirect/types.js";
import { parseRedirect } from "../../src/auth/redirect/urls.js";
import { flowContext } from "./helpers.js";

const REDIRECT = "http://localhost:8888/callback";
const clock = new ManualClock(Date.UTC(2026, 0, 1));

function context(handler: RedirectHandler): RedirectFlowContext {
  return {
    // The implicit grant never calls a token endpoint; a transport to nowhere proves it.
    ...flowContext("deezer", "http://127.0.0.1:9", clock),
    redirectHandler: handler,
    redirectUri: REDIRECT,
    authUrl: "https://connect.deezer.com/oauth/auth.php",
  };
}

const redirectWith = (build: (state: string | null) => string): RedirectHandler => ({
  capture: async (req) => parseRedirect(build(new URL(req.authorizationUrl).searchParams.get("state"))),
});

describe("Deezer implicit grant", () => {
  it("sends response_type=token and a state", () => {
    const url = new URL(
      deezerImplicitUrl("https://connect.deezer.com/oauth/auth.php", {
        appId: "9",
        redirectUri: REDIRECT,
        permissions: ["offline_access"],
        state: "abc",
      }),
    );
    assert.equal(url.searchParams.get("response_type"), "token");
    assert.equal(url.searchParams.get("state"), "abc");
    assert.equal(url.searchParams.get("perms"), "offline_access");
  });

  it("reads the token and expiry from the fragment", async () => {
    const token = await runDeezerImplicit(
      context(redirectWith((state) => `${REDIRECT}#access_token=frag-token&expires=120&state=${state}`)),
      { appId: "9", permissions: ["basic_access"] },
    );
    assert.equal(token.accessToken, "frag-token");
    assert.equal(token.expiresAt?.getTime(), clock.now() + 120_000);
    assert.deepEqual(token.extras, {});
  });

  it("expires=0 (offline_access) gives a token without expiry", async () => {
    const token = await runDeezerImplicit(
      context(redirectWith((state) => `${REDIRECT}#access_token=t&expires=0&state=${state}`)),
      { appId: "9", permissions: ["offline_access"] },
    );
    assert.equal(token.expiresAt, null);
  });

  it("refuses a redirect whose state is not the one sent", async () => {
    await assert.rejects(
      runDeezerImplicit(context(redirectWith(() => `${REDIRECT}#access_token=t&expires=5&state=other`)), {
        appId: "9",
        permissions: [],
      }),
      (error: unknown) => error instanceof AuthorizationError && error.error === "state_mismatch",
    );
  });

  it("error / error_reason in the redirect → AuthorizationError", async () => {
    await assert.rejects(
      runDeezerImplicit(
        context(
          redirectWith((state) => `${REDIRECT}?error=access_denied&error_reason=user_denied&state=${state}`),
        ),
        {
          appId: "9",
          permissions: [],
        },
      ),
      (error: unknown) =>
        error instanceof AuthorizationError &&
        error.error === "access_denied" &&
        error.description === "user_denied",
    );
  });

  it("completes through the paste handler, which reads fragments", async () => {
    const input = new PassThrough();
    const ctx: RedirectFlowContext = {
      ...context(new PasteRedirectHandler()),
      input,
      output: new PassThrough(),
      onAuthorization: ({ url }) => {
        input.write(
          `${REDIRECT}#access_token=pasted&expires=3600&state=${new URL(url).searchParams.get("state")}\n`,
        );
      },
    };
    const token = await runDeezerImplicit(ctx, { appId: "9", permissions: [] });
    assert.equal(token.accessToken, "pasted");
  });
});
