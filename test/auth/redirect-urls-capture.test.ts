import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AbortedError, AuthorizationError, ValidationError } from "../../src/core/errors.js";
import {
  REDIRECT_HANDLER_NAMES,
  createRedirectHandler,
  BrowserRedirectHandler,
  HttpServerRedirectHandler,
  PasteRedirectHandler,
} from "../../src/auth/redirect/index.js";
import { runCapture, whenAborted } from "../../src/auth/redirect/capture.js";
import { isLoopbackRedirect, matchesRedirectUri, parseRedirect } from "../../src/auth/redirect/urls.js";

describe("isLoopbackRedirect", () => {
  it("accepts http(s) on localhost, 127.0.0.1 and [::1] only", () => {
    assert.equal(isLoopbackRedirect("http://localhost:8888/callback"), true);
    assert.equal(isLoopbackRedirect("https://LOCALHOST/cb"), true);
    assert.equal(isLoopbackRedirect("http://127.0.0.1:1234/"), true);
    assert.equal(isLoopbackRedirect("http://[::1]:1234/callback"), true);
    assert.equal(isLoopbackRedirect("tidal://login/auth"), false);
    assert.equal(isLoopbackRedirect("https://tidal.com/login/auth"), false);
    assert.equal(isLoopbackRedirect("http://127.0.0.2/cb"), false);
    assert.equal(isLoopbackRedirect("http://localhost.example.com/cb"), false);
    assert.equal(isLoopbackRedirect("ftp://localhost/cb"), false);
    assert.equal(isLoopbackRedirect("not a url"), false);
  });
});

describe("parseRedirect", () => {
  it("merges query and fragment, the fragment winning", () => {
    const { url, params } = parseRedirect(
      "http://localhost:1/cb?code=q&state=s1&x=1#state=s2&access_token=t",
    );
    assert.equal(url.pathname, "/cb");
    assert.equal(params.get("code"), "q");
    assert.deepEqual(params.getAll("state"), ["s2"]);
    assert.equal(params.get("access_token"), "t");
    assert.equal(params.get("x"), "1");
  });

  it("reads custom-scheme URLs", () => {
    const { params } = parseRedirect("tidal://login/auth?code=abc&state=xyz");
    assert.equal(params.get("code"), "abc");
    assert.equal(params.get("state"), "xyz");
  });

  it("rejects text that is not a URL without echoing it", () => {
    assert.throws(
      () => parseRedirect("code=secret-code-123"),
      (error: unknown) =>
        error instanceof AuthorizationError &&
        error.error === "invalid_redirect" &&
        !error.message.includes("secret-code-123"),
    );
  });
});

describe("matchesRedirectUri", () => {
  it("compares scheme, host, port and path only", () => {
    assert.equal(
      matchesRedirectUri("http://localhost:8888/callback?code=1#x", "http://localhost:8888/callback"),
      true,
    );
    assert.equal(
      matchesRedirectUri("HTTP://LocalHost:8888/callback?code=1", "http://localhost:8888/callback"),
      true,
    );
    assert.equal(
      matchesRedirectUri("https://localhost:8888/callback", "http://localhost:8888/callback"),
      false,
    );
    assert.equal(
      matchesRedirectUri("http://localhost:8889/callback", "http://localhost:8888/callback"),
      false,
    );
    assert.equal(
      matchesRedirectUri("http://localhost:8888/callback2", "http://localhost:8888/callback"),
      false,
    );
    assert.equal(matchesRedirectUri("http://localhost:8888/?code=1", "http://localhost:8888"), true);
    assert.equal(
      matchesRedirectUri("https://tidal.com:443/login/auth?code=1", "https://tidal.com/login/auth"),
      true,
    );
    assert.equal(matchesRedirectUri("tidal://LOGIN/auth?code=1", "tidal://login/auth"), true);
    assert.equal(matchesRedirectUri("tidal://login/other?code=1", "tidal://login/auth"), false);
    assert.equal(
      matchesRedirectUri("https://evil.example/login/auth", "https://tidal.com/login/auth"),
      false,
    );
  });
});

describe("runCapture", () => {
  it("rejects with a timeout AuthorizationError after the work has cleaned up", async () => {
    let cleaned = false;
    const started = Date.now();
    await assert.rejects(
      runCapture(
        { authorizationUrl: "http://a/", redirectUri: "http://b/", timeoutMs: 50 },
        async (signal) => {
          try {
            return await whenAborted(signal);
          } finally {
            await new Promise((resolve) => setTimeout(resolve, 20));
            cleaned = true;
          }
        },
      ),
      (error: unknown) => error instanceof AuthorizationError && error.error === "timeout",
    );
    assert.equal(cleaned, true);
    assert.ok(Date.now() - started >= 45);
  });

  it("turns the caller's abort into an AbortedError, also when already aborted", async () => {
    const controller = new AbortController();
    const pending = runCapture(
      { authorizationUrl: "http://a/", redirectUri: "http://b/", signal: controller.signal },
      (signal) => whenAborted(signal),
    );
    controller.abort(new Error("user cancelled"));
    await assert.rejects(pending, AbortedError);
    let ran = false;
    await assert.rejects(
      runCapture(
        { authorizationUrl: "http://a/", redirectUri: "http://b/", signal: controller.signal },
        async () => {
          ran = true;
        },
      ),
      AbortedError,
    );
    assert.equal(ran, false);
  });

  it("validates timeoutMs and returns the work's result", async () => {
    await assert.rejects(
      runCapture({ authorizationUrl: "http://a/", redirectUri: "http://b/", timeoutMs: 0 }, async () => 1),
      ValidationError,
    );
    assert.equal(
      await runCapture({ authorizationUrl: "http://a/", redirectUri: "http://b/" }, async () => 7),
      7,
    );
  });
});

describe("createRedirectHandler", () => {
  it("builds each named handler and rejects unknown names", () => {
    assert.deepEqual(REDIRECT_HANDLER_NAMES, ["paste", "http.server", "playwright"]);
    assert.ok(createRedirectHandler("paste") instanceof PasteRedirectHandler);
    assert.ok(createRedirectHandler("http.server") instanceof HttpServerRedirectHandler);
    assert.ok(createRedirectHandler("playwright", { headless: true }) instanceof BrowserRedirectHandler);
    assert.throws(() => createRedirectHandler("webbrowser" as never), ValidationError);
  });
});
