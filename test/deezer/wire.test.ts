import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  APIError,
  InvalidResponseError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
} from "../../src/core/errors.js";
import type { ResponseShape } from "../../src/core/errors.js";
import { REDACTED } from "../../src/core/redact.js";
import { isRetryable } from "../../src/core/retry.js";
import { Transport, type HttpRequest, type HttpResponse } from "../../src/core/transport.js";
import { DeezerAdapter } from "../../src/deezer/wire.js";

const adapter = new DeezerAdapter();
const SECRET = "tok-SECRET-1234567890";

function answer(text: string, status = 200, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    text,
    method: "GET",
    url: `http://127.0.0.1:1/album/1?access_token=${SECRET}&limit=2`,
  };
}

function errorBody(code: number | undefined, type: string, message: string): string {
  return JSON.stringify({ error: code === undefined ? { type, message } : { type, message, code } });
}

function thrown(response: HttpResponse, expect: ResponseShape = "object"): APIError {
  try {
    adapter.interpret(response, expect);
  } catch (error) {
    assert.ok(error instanceof APIError, `expected an APIError, got ${String(error)}`);
    return error;
  }
  assert.fail("interpret() did not throw");
}

describe("DeezerAdapter success bodies", () => {
  for (const [label, text] of [
    ["an empty body", ""],
    ["null", "null"],
    ["a bare string", '"ok"'],
    ["an array", "[]"],
    ["a bare number", "42"],
  ] as const) {
    it(`turns ${label} into InvalidResponseError where an object is expected, retryable for reads`, () => {
      const error = thrown(answer(text));
      assert.ok(error instanceof InvalidResponseError);
      assert.equal(error.expected, "object");
      assert.equal(error.status, 200);
      assert.ok(isRetryable(error, "GET"));
      assert.ok(!isRetryable(error, "POST"));
      assert.ok(!error.url.includes(SECRET));
    });
  }

  it("accepts Deezer's `true` and its bookmark answer for writes, and refuses an empty write answer", () => {
    const post = (text: string): HttpResponse => ({ ...answer(text), method: "POST" });
    assert.equal(adapter.interpret(post("true"), "json"), true);
    assert.deepEqual(adapter.interpret(post('{"error":[],"results":true}'), "json"), {
      error: [],
      results: true,
    });
    assert.ok(thrown(post(""), "json") instanceof InvalidResponseError);
    assert.equal(adapter.interpret(post(""), "any"), null);
  });

  it("holds each write to its own confirmation: true or false, or the object it reports", () => {
    const post = (text: string): HttpResponse => ({ ...answer(text), method: "POST" });
    assert.equal(adapter.interpret(post("true"), "boolean"), true);
    assert.equal(adapter.interpret(post("false"), "boolean"), false);
    assert.deepEqual(adapter.interpret(post('{"id":7}'), "object with id"), { id: 7 });
    for (const [text, expect, received] of [
      ["1", "boolean", "1"],
      ["{}", "boolean", "an object"],
      ["[]", "boolean", "an array"],
      ['"true"', "boolean", "a string"],
      ["true", "object with id", "true"],
      ['{"id":null}', "object with id", "an object without `id`"],
      ['{"error":[],"results":null}', "object with results", "an object without `results`"],
    ] as const) {
      const error = thrown(post(text), expect);
      assert.ok(error instanceof InvalidResponseError, `${text} as ${expect}`);
      assert.equal(error.received, received, `${text} as ${expect}`);
      assert.ok(!isRetryable(error, "POST"));
    }
  });

  it("returns an object where one is expected", () => {
    assert.deepEqual(adapter.interpret(answer('{"id":1}'), "object"), { id: 1 });
  });
});

describe("DeezerAdapter redaction of echoed tokens", () => {
  it("removes the token the client sent from the message, the body and the URL of the error", () => {
    const token = "frEchoedToken0123456789abcdef";
    const request: HttpRequest = { method: "GET", url: "/user/me" };
    new DeezerAdapter().authorize(request, { accessToken: token });
    const echoed = JSON.stringify({
      error: { type: "OAuthException", message: `Invalid OAuth access token: ${token}`, code: 300 },
      echo: { nested: [`token ${token}`] },
    });
    const error = thrown(answer(echoed));
    assert.ok(error instanceof AuthenticationError);
    const everything = `${error.message} ${JSON.stringify(error.body)} ${error.url} ${String(error.code)}`;
    assert.ok(!everything.includes(token), everything);
    assert.ok(error.message.includes(REDACTED));
  });
});

describe("DeezerAdapter.authorize", () => {
  it("adds access_token to the query only when a token is held", () => {
    const anonymous: HttpRequest = { method: "GET", url: "/album/1", query: { limit: 2 } };
    adapter.authorize(anonymous, null);
    assert.deepEqual(anonymous.query, { limit: 2 });

    const signedIn: HttpRequest = { method: "POST", url: "/user/me/albums", query: { album_id: "3" } };
    adapter.authorize(signedIn, { accessToken: "abc" });
    assert.deepEqual(signedIn.query, { album_id: "3", access_token: "abc" });
    assert.equal(signedIn.body, undefined, "Deezer writes carry no body");
  });

  it("replaces a token echoed in a next link instead of sending two", () => {
    const next: HttpRequest = {
      method: "GET",
      url: "http://h/user/me/tracks?limit=2&access_token=old&index=2",
    };
    adapter.authorize(next, { accessToken: "new" });
    const sent = new Transport({ baseUrl: "http://h" }).resolveUrl(next.url, next.query);
    assert.equal(sent, "http://h/user/me/tracks?limit=2&access_token=new&index=2");
  });
});

describe("DeezerAdapter.interpret", () => {
  it("returns bodies unchanged in shape, including bare booleans", () => {
    assert.deepEqual(adapter.interpret(answer('{"data":[{"id":1}],"total":1}')), {
      data: [{ id: 1 }],
      total: 1,
    });
    assert.equal(adapter.interpret(answer("true")), true);
    assert.equal(adapter.interpret(answer("false")), false);
    assert.equal(adapter.interpret(answer("")), null);
  });

  it("treats an empty error member as success (bookmark answers)", () => {
    assert.deepEqual(adapter.interpret(answer('{"error":[],"results":true}')), { error: [], results: true });
    assert.deepEqual(adapter.interpret(answer('{"error":null,"id":5}')), { error: null, id: 5 });
  });

  it("does not mistake the text 'error' inside data for a failure", () => {
    const body = '[{"title":"error"}]';
    assert.deepEqual(adapter.interpret(answer(body)), [{ title: "error" }]);
    assert.deepEqual(adapter.interpret(answer('{"title":"Trial and error"}')), { title: "Trial and error" });
  });

  const cases: [number, string, typeof APIError][] = [
    [4, "Exception", RateLimitError],
    [100, "Exception", BadRequestError],
    [200, "OAuthException", PermissionDeniedError],
    [300, "OAuthException", AuthenticationError],
    [500, "ParameterException", BadRequestError],
    [501, "MissingParameterException", BadRequestError],
    [600, "InvalidQueryException", BadRequestError],
    [700, "Exception", ServiceUnavailableError],
    [800, "DataException", NotFoundError],
  ];
  for (const [code, type, Class] of cases) {
    it(`maps HTTP 200 with error code ${code} to ${Class.name}`, () => {
      const error = thrown(answer(errorBody(code, type, "something went wrong")));
      assert.equal(error.constructor, Class);
      assert.equal(error.code, code);
      assert.equal(error.type, type);
      assert.equal(error.status, 200);
      assert.equal(error.service, "deezer");
      assert.equal(error.method, "GET");
      assert.match(error.message, /something went wrong/);
      assert.ok(!error.url.includes(SECRET), "the token is redacted from the URL");
      assert.ok(!error.message.includes(SECRET));
    });
  }

  it("marks only code 300 as an invalid token", () => {
    assert.equal(
      adapter.isInvalidToken(thrown(answer(errorBody(300, "OAuthException", "Invalid OAuth access token.")))),
      true,
    );
    assert.equal(
      adapter.isInvalidToken(thrown(answer(errorBody(200, "OAuthException", "Permission denied")))),
      false,
    );
  });

  it("lets the pipeline retry quota and busy errors but not data errors", () => {
    assert.equal(isRetryable(thrown(answer(errorBody(4, "Exception", "Quota limit exceeded"))), "GET"), true);
    assert.equal(
      isRetryable(thrown(answer(errorBody(4, "Exception", "Quota limit exceeded"))), "POST"),
      true,
    );
    assert.equal(isRetryable(thrown(answer(errorBody(700, "Exception", "Service busy"))), "GET"), true);
    assert.equal(isRetryable(thrown(answer(errorBody(800, "DataException", "no data"))), "GET"), false);
  });

  it("keeps an error without a code as a plain APIError with its type", () => {
    const error = thrown(answer(errorBody(undefined, "Exception", "An error has occured")));
    assert.equal(error.constructor, APIError);
    assert.equal(error.code, undefined);
    assert.equal(error.type, "Exception");
  });

  it("maps an error without a code by its type (rating an album without a token)", () => {
    const body =
      '{"error":{"type":"OAuthException","message":"You don\'t have the right permission to execute this method. You need the following permissions : basic_access"}}';
    const error = thrown(answer(body));
    assert.equal(error.constructor, PermissionDeniedError);
    assert.equal(error.code, undefined);
    assert.equal(error.type, "OAuthException");
    assert.equal(error.status, 200);
    assert.match(error.message, /^Deezer error \(OAuthException\): You don't have the right permission/);
    assert.equal(adapter.isInvalidToken(error), false);

    const byType: [string, string, typeof APIError][] = [
      ["OAuthException", "Invalid OAuth access token.", AuthenticationError],
      ["DataException", "no data", NotFoundError],
      ["ParameterException", "Wrong parameter", BadRequestError],
      ["MissingParameterException", "Missing parameters: q", BadRequestError],
      ["InvalidQueryException", "Invalid query", BadRequestError],
      ["Exception", "Quota limit exceeded", RateLimitError],
      ["SomethingNew", "?", APIError],
    ];
    for (const [type, message, Class] of byType) {
      assert.equal(thrown(answer(errorBody(undefined, type, message))).constructor, Class, type);
    }
    // An undocumented code falls back to the type as well.
    assert.equal(thrown(answer(errorBody(999, "DataException", "no data"))).constructor, NotFoundError);
  });

  it("never crashes on an error object with a missing, empty or non-string message or type", () => {
    const bodies: [string, typeof APIError][] = [
      ['{"error":{"type":"DataException"}}', NotFoundError],
      ['{"error":{"type":"OAuthException","message":""}}', PermissionDeniedError],
      ['{"error":{"type":"Exception","message":{"text":"nested"}}}', APIError],
      ['{"error":{"message":"Quota limit exceeded"}}', APIError],
      ['{"error":{"type":42,"message":null,"code":"800"}}', NotFoundError],
      ['{"error":{"code":"not-a-number"}}', APIError],
      ['{"error":{"unexpected":true}}', APIError],
      ['{"error":"something odd"}', APIError],
      ['{"error":[1,2]}', APIError],
    ];
    for (const [body, Class] of bodies) {
      const error = thrown(answer(body));
      assert.equal(error.constructor, Class, body);
      assert.equal(error.status, 200);
      assert.match(error.message, /^Deezer /, body);
      assert.ok(!error.message.includes("undefined"), `${body}: ${error.message}`);
    }
    const noType = thrown(answer('{"error":{"message":"Something happened"}}'));
    assert.equal(noType.type, undefined);
    assert.match(noType.message, /^Deezer error: Something happened/);
  });

  it("maps the string error of an unknown path to NotFoundError", () => {
    const error = thrown(answer('{"error":"Not Found"}', 404));
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.status, 404);
  });

  it("maps a real 404 carrying a Deezer error object by its code", () => {
    const error = thrown(answer(errorBody(800, "DataException", "no data"), 404));
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.status, 404);
    assert.equal(error.code, 800);
  });

  it("turns an HTML error page into a typed error with the status, not a JSON crash", () => {
    const page = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";
    const error = thrown(answer(page, 502, { "content-type": "text/html" }));
    assert.ok(error instanceof ServiceUnavailableError);
    assert.equal(error.status, 502);
    assert.match(error.message, /not JSON/);
    assert.ok(isRetryable(error, "GET"));

    const ok = thrown(answer("<html>maintenance</html>", 200, { "content-type": "text/html" }));
    assert.equal(ok.constructor, InvalidResponseError);
    assert.equal(ok.status, 200);
    assert.match(ok.message, /not JSON \(text\/html\)/);
  });

  it("fails an HTTP error status even when the body has no error member", () => {
    const error = thrown(answer('{"message":"oops"}', 503));
    assert.ok(error instanceof ServiceUnavailableError);
    assert.equal(error.status, 503);
  });

  it("takes Retry-After into account when the service sends it", () => {
    const error = thrown(
      answer(errorBody(4, "Exception", "Quota limit exceeded"), 200, { "retry-after": "2" }),
    );
    assert.equal(error.retryAfter, 2);
  });
});
