import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitError,
  ServiceUnavailableError,
  InvalidResponseError,
  type ResponseShape,
} from "../../src/core/errors.js";
import type { HttpRequest, HttpResponse } from "../../src/core/transport.js";
import {
  bareEtag,
  PlaylistEtags,
  readErrorBody,
  TidalAdapter,
  TIDAL_CLIENT_VERSION,
} from "../../src/tidal/wire.js";

const PLAYLIST = "0ae80812-f8d6-4fc4-90ea-b2df4ecc3861";

function response(status: number, text: string, extra: Partial<HttpResponse> = {}): HttpResponse {
  return {
    status,
    text,
    headers: {},
    method: "GET",
    url: "https://api.tidal.com/v1/albums/1?countryCode=US",
    ...extra,
  };
}

function thrown(adapter: TidalAdapter, res: HttpResponse): APIError {
  try {
    adapter.interpret(res);
  } catch (error) {
    assert.ok(error instanceof APIError, `expected an APIError, got ${String(error)}`);
    return error;
  }
  throw new Error("interpret did not throw");
}

describe("TidalAdapter.authorize", () => {
  it("sends a user token as Bearer and leaves the client id out", () => {
    const adapter = new TidalAdapter(() => "client-id");
    const request: HttpRequest = {
      method: "GET",
      url: "/v1/albums/1",
      headers: { "x-tidal-token": "stale" },
    };
    adapter.authorize(request, { accessToken: "tok", tokenType: "bearer" });
    assert.equal(request.headers?.["authorization"], "Bearer tok");
    assert.equal(request.headers?.["x-tidal-token"], undefined);
    assert.equal(request.headers?.["x-tidal-client-version"], TIDAL_CLIENT_VERSION);
    assert.equal(TIDAL_CLIENT_VERSION, "2025.12.18");
  });

  it("identifies an anonymous client by its client id", () => {
    let id = "first";
    const adapter = new TidalAdapter(() => id);
    const request: HttpRequest = { method: "GET", url: "/v1/country" };
    adapter.authorize(request, null);
    assert.equal(request.headers?.["x-tidal-token"], "first");
    assert.equal(request.headers?.["authorization"], undefined);
    id = "second";
    adapter.authorize(request, null);
    assert.equal(request.headers?.["x-tidal-token"], "second");
  });
});

describe("TidalAdapter.interpret", () => {
  const adapter = new TidalAdapter(() => "c");

  it("returns parsed JSON, and null for an empty success of a write", () => {
    assert.deepEqual(adapter.interpret(response(200, '{"id":1}'), "object"), { id: 1 });
    assert.deepEqual(adapter.interpret(response(200, "[1,2]"), "array"), [1, 2]);
    assert.equal(adapter.interpret(response(204, "", { method: "DELETE" }), "any"), null);
    assert.equal(adapter.interpret(response(204, "", { method: "PUT" }), "none"), null);
    assert.equal(adapter.interpret(response(204, "", { method: "PUT" }), "empty-or-object"), null);
    const edit = response(200, '{"lastUpdated":1,"addedItemIds":[]}', { method: "POST" });
    assert.deepEqual(adapter.interpret(edit, "empty-or-object"), { lastUpdated: 1, addedItemIds: [] });
    assert.deepEqual(adapter.interpret(edit, "object with lastUpdated, addedItemIds"), {
      lastUpdated: 1,
      addedItemIds: [],
    });
  });

  it("refuses a write's success that is not its confirmation", () => {
    const cases: [string, ResponseShape, string][] = [
      ["OK", "none", "a body that is not JSON"],
      ["{}", "none", "an object"],
      ["OK", "empty-or-object", "a body that is not JSON"],
      ["[]", "empty-or-object", "an array"],
      ["null", "empty-or-object", "null"],
      ["", "object with lastUpdated", "an empty body"],
      ["{}", "object with lastUpdated", "an object without `lastUpdated`"],
      ['{"lastUpdated":1}', "object with lastUpdated, addedItemIds", "an object without `addedItemIds`"],
    ];
    for (const [text, expect, received] of cases) {
      assert.throws(
        () => adapter.interpret(response(200, text, { method: "POST" }), expect),
        (error: unknown) => {
          assert.ok(error instanceof InvalidResponseError, `${text} as ${expect}: ${String(error)}`);
          assert.equal(error.received, received);
          assert.equal(error.expected, expect);
          return true;
        },
      );
    }
  });

  it("refuses a read's success whose body is empty, not JSON or of the wrong shape", () => {
    const cases: [string, string, Record<string, string>][] = [
      ["", "an empty body", {}],
      ["<html>maintenance</html>", "a body that is not JSON (text/html)", { "content-type": "text/html" }],
      ["null", "null", {}],
      ['"x"', "a string", {}],
      ["[]", "an array", {}],
    ];
    for (const [text, received, headers] of cases) {
      let caught: unknown;
      try {
        adapter.interpret(response(200, text, { headers }), "object");
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof InvalidResponseError, `${JSON.stringify(text)}: ${String(caught)}`);
      assert.equal(caught.received, received);
      assert.equal(caught.service, "tidal");
    }
    assert.throws(() => adapter.interpret(response(200, "{}"), "array"), InvalidResponseError);
  });

  it("reads the classic {status, subStatus, userMessage} body", () => {
    const error = thrown(
      adapter,
      response(404, '{"status":404,"subStatus":2001,"userMessage":"Album not found"}'),
    );
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.status, 404);
    assert.equal(error.subStatus, 2001);
    assert.equal(error.service, "tidal");
    assert.match(error.message, /subStatus 2001.*Album not found/);
  });

  it("reads the auth server's {error, error_description, sub_status} body", () => {
    const error = thrown(
      adapter,
      response(
        400,
        '{"status":400,"error":"invalid_grant","sub_status":11101,"error_description":"Refresh token expired"}',
      ),
    );
    assert.ok(error instanceof BadRequestError);
    assert.equal(error.code, "invalid_grant");
    assert.equal(error.subStatus, 11101);
    assert.match(error.message, /invalid_grant.*Refresh token expired/);
  });

  it("reads Spring and problem+json bodies", () => {
    const spring = thrown(
      adapter,
      response(
        404,
        '{"timestamp":"2024-01-01T00:00:00Z","status":404,"error":"Not Found","path":"/v2/unknown"}',
      ),
    );
    assert.ok(spring instanceof NotFoundError);
    assert.equal(spring.type, "Not Found");
    assert.match(spring.message, /Not Found.*\/v2\/unknown/);

    const problem = thrown(
      adapter,
      response(400, '{"type":"about:blank","title":"Bad Request","status":400,"detail":"limit too large"}'),
    );
    assert.ok(problem instanceof BadRequestError);
    assert.equal(problem.type, "Bad Request");
    assert.match(problem.message, /limit too large/);

    const legacy = thrown(
      adapter,
      response(403, '{"httpStatus":403,"subStatus":4005,"error":"Forbidden","description":"No plan"}'),
    );
    assert.equal(legacy.subStatus, 4005);
    assert.match(legacy.message, /No plan/);
  });

  it("reads a bare JSON string and a JSON:API errors list", () => {
    assert.match(
      thrown(adapter, response(400, '"Invalid countryCode"')).message,
      /HTTP 400: Invalid countryCode/,
    );
    const list = thrown(adapter, response(422, '{"errors":[{"code":"INVALID","detail":"bad cursor"}]}'));
    assert.ok(list instanceof BadRequestError);
    assert.match(list.message, /bad cursor/);
  });

  it("never crashes on a body that is not JSON", () => {
    const error = thrown(
      adapter,
      response(502, "<html><body>Bad gateway</body></html>", { headers: { "content-type": "text/html" } }),
    );
    assert.ok(error instanceof ServiceUnavailableError);
    assert.equal(error.status, 502);
    assert.match(error.message, /not JSON \(text\/html\)/);
    assert.equal(adapter.interpret(response(200, "OK", { method: "POST" }), "any"), null);
  });

  it("turns 429 into RateLimitError carrying Retry-After", () => {
    const error = thrown(
      adapter,
      response(429, '{"status":429,"subStatus":9001,"userMessage":"Too many requests"}', {
        headers: { "retry-after": "3" },
      }),
    );
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.retryAfter, 3);
  });

  it("turns 412 into PreconditionFailedError", () => {
    const error = thrown(
      adapter,
      response(412, '{"status":412,"subStatus":4201,"userMessage":"modified"}', {
        method: "DELETE",
        url: `https://api.tidal.com/v1/playlists/${PLAYLIST}/items/0`,
      }),
    );
    assert.ok(error instanceof PreconditionFailedError);
    assert.equal(error.subStatus, 4201);
  });

  it("keeps secrets out of messages", () => {
    const error = thrown(
      adapter,
      response(400, '{"status":400,"userMessage":"bad Authorization: Bearer abc.def.ghi"}'),
    );
    assert.ok(!error.message.includes("abc.def.ghi"));
  });
});

describe("TidalAdapter.isInvalidToken", () => {
  const adapter = new TidalAdapter(() => "c");
  const of = (status: number, text: string) => thrown(adapter, response(status, text));

  it("is true for 401 with a token sub-status", () => {
    assert.equal(
      adapter.isInvalidToken(of(401, '{"status":401,"subStatus":11003,"userMessage":"expired"}')),
      true,
    );
    assert.equal(
      adapter.isInvalidToken(of(401, '{"status":401,"subStatus":11002,"userMessage":"invalid"}')),
      true,
    );
  });

  it("is false for other failures", () => {
    assert.equal(
      adapter.isInvalidToken(of(401, '{"status":401,"subStatus":6004,"userMessage":"bad client"}')),
      false,
    );
    assert.equal(
      adapter.isInvalidToken(of(403, '{"status":403,"subStatus":11003,"userMessage":"x"}')),
      false,
    );
    assert.equal(adapter.isInvalidToken(of(404, '{"status":404,"subStatus":2001,"userMessage":"x"}')), false);
    assert.ok(of(401, '{"status":401,"subStatus":11003}') instanceof AuthenticationError);
  });
});

describe("PlaylistEtags", () => {
  it("remembers the bare ETag of v1 playlist answers", () => {
    const etags = new PlaylistEtags();
    etags.observe(
      response(200, "{}", {
        url: `https://api.tidal.com/v1/playlists/${PLAYLIST.toUpperCase()}?countryCode=US`,
        headers: { etag: '"123"' },
      }),
    );
    assert.equal(etags.get(PLAYLIST), "123");
    etags.observe(
      response(200, "{}", {
        url: `https://api.tidal.com/v1/playlists/${PLAYLIST}/items`,
        headers: { etag: 'W/"456"' },
      }),
    );
    assert.equal(etags.get(PLAYLIST), "456");
  });

  it("forgets it after a write that did not report the new one, or a refused write", () => {
    const etags = new PlaylistEtags();
    etags.set(PLAYLIST, '"1"');
    etags.observe(
      response(412, "{}", { method: "POST", url: `https://api.tidal.com/v1/playlists/${PLAYLIST}/items` }),
    );
    assert.equal(etags.get(PLAYLIST), undefined);
    etags.set(PLAYLIST, "2");
    etags.observe(
      response(404, "{}", { method: "GET", url: `https://api.tidal.com/v1/playlists/${PLAYLIST}` }),
    );
    assert.equal(etags.get(PLAYLIST), "2");
    etags.observe(
      response(200, "{}", { url: "https://api.tidal.com/v1/albums/1", headers: { etag: '"9"' } }),
    );
    assert.equal(etags.get(PLAYLIST), "2");
  });

  it("strips quotes and the weak prefix", () => {
    assert.equal(bareEtag(' W/"abc" '), "abc");
    assert.equal(bareEtag('"1700000000000"'), "1700000000000");
  });
});

describe("readErrorBody", () => {
  it("describes an unrecognised or missing body by the status alone", () => {
    assert.deepEqual(readErrorBody(500, undefined), { message: "TIDAL answered HTTP 500." });
    assert.deepEqual(readErrorBody(500, { unexpected: true }), { message: "TIDAL answered HTTP 500." });
  });
});
