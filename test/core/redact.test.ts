import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APIError, ConnectionError } from "../../src/core/errors.js";
import {
  isSecretParam,
  knownSecrets,
  REDACTED,
  redactHeaders,
  redactText,
  redactUrl,
} from "../../src/core/redact.js";

describe("redaction", () => {
  it("removes secret query and fragment values but keeps the rest of the URL", () => {
    const url =
      "https://api.deezer.com/user/me?access_token=abc123&limit=5&index=0#access_token=frag&expires=3600&state=s";
    const out = redactUrl(url);
    assert.equal(
      out,
      `https://api.deezer.com/user/me?access_token=${REDACTED}&limit=5&index=0#access_token=${REDACTED}&expires=3600&state=s`,
    );
    assert.equal(
      redactUrl("/oauth/access_token.php?app_id=1&secret=s3cr3t&code=c0de"),
      `/oauth/access_token.php?app_id=1&secret=${REDACTED}&code=${REDACTED}`,
    );
    assert.equal(
      redactUrl("/x?refresh_token=r&client_secret=c"),
      `/x?refresh_token=${REDACTED}&client_secret=${REDACTED}`,
    );
  });

  it("hides credential headers", () => {
    assert.deepEqual(
      redactHeaders({ Authorization: "Bearer abc", "x-tidal-token": "client", accept: "application/json" }),
      { Authorization: REDACTED, "x-tidal-token": REDACTED, accept: "application/json" },
    );
  });

  it("removes known secrets from the values of other headers", () => {
    const secret = "echoed-refresh-token-5c1d";
    knownSecrets.add(secret);
    try {
      assert.deepEqual(redactHeaders({ "x-echo": [`grant ${secret}`, "ok"], "content-type": "text/plain" }), {
        "x-echo": `grant ${REDACTED}, ok`,
        "content-type": "text/plain",
      });
    } finally {
      knownSecrets.delete(secret);
    }
    assert.deepEqual(redactHeaders({ "x-echo": `grant ${secret}` }), { "x-echo": `grant ${secret}` });
  });

  it("tells secret parameter names from the rest", () => {
    for (const name of ["code", "Code_Verifier", "device_code", "refresh_token", "secret", "client_secret"]) {
      assert.equal(isSecretParam(name), true, name);
    }
    for (const name of ["client_id", "grant_type", "redirect_uri", "scope"]) {
      assert.equal(isSecretParam(name), false, name);
    }
  });

  it("scrubs free text: form bodies, bearer credentials, JSON token fields and known secrets", () => {
    const text = redactText(
      'code=abc&grant_type=authorization_code then Bearer eyJhbGci.x.y and {"access_token": "tok", "refresh_token":"ref"} plus hunter22',
      ["hunter22"],
    );
    for (const secret of ["abc", "eyJhbGci", '"tok"', '"ref"', "hunter22"])
      assert.ok(!text.includes(secret), secret);
    assert.ok(text.includes("grant_type=authorization_code"));
  });

  it("is applied by the error classes themselves", () => {
    const apiError = new APIError({
      service: "deezer",
      status: 200,
      method: "GET",
      url: "https://api.deezer.com/user/me?access_token=leaked",
      message: "no data",
    });
    assert.ok(!apiError.url.includes("leaked"));
    const connection = new ConnectionError({
      message: "x",
      method: "GET",
      url: "/?code=leaked",
      notSent: true,
    });
    assert.ok(!connection.url.includes("leaked"));
  });
});
