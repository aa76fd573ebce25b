import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { PasteRedirectHandler } from "../../src/auth/redirect/paste.js";
import type { RedirectRequest } from "../../src/auth/redirect/types.js";
import { AbortedError, AuthorizationError, ValidationError } from "../../src/core/errors.js";

const AUTH_URL =
  "https://connect.deezer.com/oauth/auth.php?app_id=1&redirect_uri=http%3A%2F%2Flocalhost%3A8888%2Fcallback";

function harness(overrides: Partial<RedirectRequest> = {}): {
  req: RedirectRequest;
  input: PassThrough;
  printed: () => string;
} {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.setEncoding("utf8");
  output.on("data", (chunk: string) => (text += chunk));
  return {
    req: {
      authorizationUrl: AUTH_URL,
      redirectUri: "http://localhost:8888/callback",
      input,
      output,
      timeoutMs: 5000,
      ...overrides,
    },
    input,
    printed: () => text,
  };
}

describe("PasteRedirectHandler", () => {
  it("prints the authorization URL and parses the query of the pasted URL", async () => {
    const { req, input, printed } = harness();
    const pending = new PasteRedirectHandler().capture(req);
    setTimeout(() => input.write("\n  http://localhost:8888/callback?code=abc123&state=st4te  \n"), 10);
    const result = await pending;
    assert.equal(result.params.get("code"), "abc123");
    assert.equal(result.params.get("state"), "st4te");
    assert.equal(result.url.host, "localhost:8888");
    assert.ok(printed().includes(AUTH_URL));
    assert.ok(printed().includes("http://localhost:8888/callback"));
  });

  it("leaves the URL to an onAuthorization hook and prints only the request to paste", async () => {
    const urls: string[] = [];
    const { req, input, printed } = harness({ onAuthorization: ({ url }) => void urls.push(url) });
    const pending = new PasteRedirectHandler().capture(req);
    setTimeout(() => input.write("http://localhost:8888/callback?code=abc123&state=st4te\n"), 10);
    assert.equal((await pending).params.get("code"), "abc123");
    assert.deepEqual(urls, [AUTH_URL]);
    assert.ok(!printed().includes(AUTH_URL));
    assert.match(printed(), /paste here the full URL/);
  });

  it("parses an implicit-flow fragment", async () => {
    const { req, input } = harness();
    const pending = new PasteRedirectHandler().capture(req);
    input.write('"http://localhost:8888/callback#access_token=tok&expires=3600"\r\n');
    const result = await pending;
    assert.equal(result.params.get("access_token"), "tok");
    assert.equal(result.params.get("expires"), "3600");
  });

  it("accepts custom-scheme redirect URIs", async () => {
    const { req, input } = harness({ redirectUri: "tidal://login/auth" });
    const pending = new PasteRedirectHandler().capture(req);
    input.end("tidal://login/auth?code=c0de&state=s\n");
    assert.equal((await pending).params.get("code"), "c0de");
  });

  it("rejects a URL that does not start with the redirect URI, without echoing it", async () => {
    for (const pasted of [
      "http://evil.example/callback?code=leaked-code",
      "http://localhost:8888/other?code=leaked-code",
      "https://localhost:8888/callback?code=leaked-code",
      "leaked-code",
    ]) {
      const { req, input } = harness();
      const pending = new PasteRedirectHandler().capture(req);
      input.write(`${pasted}\n`);
      await assert.rejects(
        pending,
        (error: unknown) =>
          error instanceof AuthorizationError &&
          error.error === "invalid_redirect" &&
          !error.message.includes("leaked-code"),
      );
    }
  });

  it("times out when nothing is pasted", async () => {
    const { req } = harness({ timeoutMs: 60 });
    await assert.rejects(
      new PasteRedirectHandler().capture(req),
      (error: unknown) => error instanceof AuthorizationError && error.error === "timeout",
    );
  });

  it("honours the abort signal", async () => {
    const controller = new AbortController();
    const { req } = harness({ signal: controller.signal });
    const pending = new PasteRedirectHandler().capture(req);
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, AbortedError);
  });

  it("fails when the input ends without a URL", async () => {
    const { req, input } = harness();
    const pending = new PasteRedirectHandler().capture(req);
    input.end("\n\n");
    await assert.rejects(
      pending,
      (error: unknown) => error instanceof AuthorizationError && error.error === "no_redirect",
    );
  });

  it("fails at once on an input that had already ended (an earlier prompt read it to its end)", async () => {
    const { req, input } = harness({ timeoutMs: 600_000 });
    input.end();
    input.resume();
    await new Promise((resolve) => input.once("end", resolve));
    await assert.rejects(
      new PasteRedirectHandler().capture(req),
      (e: unknown) => e instanceof AuthorizationError && e.error === "no_redirect",
    );
    // A second attempt on the same ended stream fails the same way instead of waiting for the timeout.
    await assert.rejects(
      new PasteRedirectHandler().capture(req),
      (e: unknown) => e instanceof AuthorizationError && e.error === "no_redirect",
    );
  });

  it("fails when the input is destroyed or errors while waiting", async () => {
    const first = harness({ timeoutMs: 600_000 });
    const destroyed = new PasteRedirectHandler().capture(first.req);
    setImmediate(() => first.input.destroy());
    await assert.rejects(
      destroyed,
      (e: unknown) => e instanceof AuthorizationError && e.error === "no_redirect",
    );
    const second = harness({ timeoutMs: 600_000 });
    const failed = new PasteRedirectHandler().capture(second.req);
    setImmediate(() => second.input.destroy(Object.assign(new Error("EIO"), { code: "EIO" })));
    await assert.rejects(failed, (e: unknown) => e instanceof AuthorizationError && /EIO/.test(e.message));
  });

  it("rejects an unparsable redirect URI before prompting", async () => {
    const { req, printed } = harness({ redirectUri: "callback" });
    await assert.rejects(new PasteRedirectHandler().capture(req), ValidationError);
    assert.equal(printed(), "");
  });

  it("a failing onAuthorization hook fails the capture", async () => {
    const { req } = harness({
      onAuthorization: () => {
        throw new Error("hook failed");
      },
    });
    await assert.rejects(new PasteRedirectHandler().capture(req), /hook failed/);
  });
});
