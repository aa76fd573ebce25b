import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ApiClient, type ServiceAdapter } from "../../src/core/api-client.js";
import { ValidationError } from "../../src/core/errors.js";
import { ServiceClient, type ClientAuthenticator } from "../../src/core/service-client.js";

const adapter: ServiceAdapter = {
  authorize: () => {},
  interpret: (response) => response.text,
  isInvalidToken: () => false,
};

/** An authenticator that counts closes and fails its login on demand. */
class FakeAuth implements ClientAuthenticator {
  closed = 0;
  constructor(readonly failure?: Error) {}
  async authenticate(): Promise<void> {
    if (this.failure) throw this.failure;
  }
  async close(): Promise<void> {
    this.closed++;
  }
}

/** A client that records what it was told to forget. */
class TestClient extends ServiceClient {
  readonly cleared: (string[] | "everything")[] = [];
  readonly pipeline: ApiClient;

  constructor(auth: ClientAuthenticator = new FakeAuth(), aliases: Record<string, string> = {}) {
    const api = new ApiClient({ baseUrl: "http://127.0.0.1:1", adapter });
    super(api, auth, aliases);
    this.pipeline = api;
  }

  static create(auth: ClientAuthenticator): Promise<TestClient> {
    return ServiceClient.authenticated(new TestClient(auth));
  }

  protected override cacheCleared(names: ReadonlySet<string> | undefined): void {
    this.cleared.push(names === undefined ? "everything" : [...names].sort());
  }

  fill(...methods: string[]): void {
    for (const method of methods) {
      this.pipeline.cache.set(method, {}, "static", { method, account: "anonymous", userScoped: false });
    }
  }

  cachedMethods(): string[] {
    return ["getAlbum", "getUserOptions", "getMe"].filter((m) => this.pipeline.cache.get(m) !== undefined);
  }
}

describe("ServiceClient", () => {
  it("clears the named methods and their alias targets, telling the client once per call", () => {
    const client = new TestClient(undefined, { getUserEntitlements: "getUserOptions" });
    client.fill("getAlbum", "getUserOptions", "getMe");
    function* names(): Generator<string> {
      yield "users.getUserEntitlements";
      yield "albums.getAlbum";
    }
    // A one-shot iterable is read once, so the client hears the same names the cache was cleared of.
    client.clearCache(names());
    assert.deepEqual(client.cachedMethods(), ["getMe"]);
    assert.deepEqual(client.cleared, [["getAlbum", "getUserEntitlements"]]);

    client.clearCache();
    assert.deepEqual(client.cachedMethods(), []);
    assert.deepEqual(client.cleared.at(-1), "everything");
  });

  it("turns the cache off (emptying it) and refuses a non-boolean", () => {
    const client = new TestClient();
    client.fill("getAlbum");
    client.setCacheEnabled(false);
    assert.equal(client.pipeline.cache.enabled, false);
    assert.equal(client.pipeline.cache.size, 0);
    assert.throws(
      () => client.setCacheEnabled("yes" as never),
      (error: unknown) => error instanceof ValidationError && error.parameter === "enable",
    );
  });

  it("closes the pool and the authenticator, also at the end of an await using block", async () => {
    const auth = new FakeAuth();
    {
      await using client = new TestClient(auth);
      client.open();
      assert.equal(client.pipeline.transport.isOpen, true);
      await client.close();
      assert.equal(client.pipeline.transport.isOpen, false);
      assert.equal(auth.closed, 1);
    }
    assert.equal(auth.closed, 2);
  });

  it("closes a client whose immediate login fails, and hands back one whose login succeeds", async () => {
    const failure = new Error("login refused");
    const refused = new FakeAuth(failure);
    await assert.rejects(TestClient.create(refused), (error: unknown) => error === failure);
    assert.equal(refused.closed, 1);

    const accepted = new FakeAuth();
    const client = await TestClient.create(accepted);
    assert.ok(client instanceof TestClient);
    assert.equal(accepted.closed, 0);
    await client.close();
  });
});
