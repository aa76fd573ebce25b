/**
 * What the Deezer and TIDAL clients share around their request pipeline: opening and closing it together with
 * the authenticator, authenticating a new client at once, and the response cache's switches. Each client keeps
 * its own options, endpoint groups and authorization members.
 */
import { methodNames, type ApiClient, type MethodRef } from "./api-client.js";
import { boolean } from "./validate.js";

/** The part of a service's authenticator the client's lifecycle needs. */
export interface ClientAuthenticator {
  /** Makes sure a token is held (given, stored or a new login); does nothing without a flow. */
  authenticate(signal?: AbortSignal): Promise<void>;
  /** Releases what the authenticator opened (its token transport and store). */
  close(): Promise<void>;
}

/** The per-call controls of `setAuthFlow`, beside the service's flow settings. */
export interface AuthFlowControls {
  /** Obtain a token at once (default true). */
  authenticate?: boolean | undefined;
  /** Cancels the authentication that follows the switch. */
  signal?: AbortSignal | undefined;
}

/** The base of both service clients. */
export abstract class ServiceClient implements AsyncDisposable {
  readonly #api: ApiClient;
  readonly #auth: ClientAuthenticator;
  readonly #cacheAliases: Readonly<Record<string, string>>;

  /**
   * `cacheAliases` maps a method that files its answers under another method's name to that name, so clearing
   * either clears the entries.
   */
  protected constructor(
    api: ApiClient,
    auth: ClientAuthenticator,
    cacheAliases: Readonly<Record<string, string>> = {},
  ) {
    this.#api = api;
    this.#auth = auth;
    this.#cacheAliases = cacheAliases;
  }

  /**
   * Authenticates `client` at once; a failed login closes it again, so a client the caller never receives
   * leaves no pool or token store open.
   */
  protected static async authenticated<Client extends ServiceClient>(
    client: Client,
    signal?: AbortSignal,
  ): Promise<Client> {
    try {
      await client.#auth.authenticate(signal);
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  /** The request pipeline, for the few requests a client makes around it. */
  protected get api(): ApiClient {
    return this.#api;
  }

  /**
   * Clears cached answers: all of them, or those of the named methods (`"getAlbum"`, `"albums.getAlbum"` or the
   * method itself). A wrapper and its target share entries, so either name clears both. What the client learnt
   * from the cleared answers goes with them: on TIDAL, clearing everything, `getCountryCode` or `getMe` also
   * forgets the resolved country code, and clearing `getUserSubscription` forgets the subscription checks.
   */
  clearCache(methods?: MethodRef | Iterable<MethodRef>): void {
    if (methods === undefined) {
      this.#api.clearCache();
      this.cacheCleared?.(undefined);
      return;
    }
    const names = methodNames(methods);
    const entries = new Set(names);
    for (const name of names) {
      const target = this.#cacheAliases[name];
      if (target !== undefined) entries.add(target);
    }
    this.#api.clearCache(entries);
    this.cacheCleared?.(names);
  }

  /** Turns the cache on or off; turning it off empties it. */
  setCacheEnabled(enable: boolean): void {
    this.#api.cache.enabled = boolean("enable", enable);
  }

  /** Opens the connection pool (requests open it on demand, so this is optional). */
  open(): void {
    this.#api.open();
  }

  /**
   * Closes the connection pools and the token store this client opened; a later request reopens what it needs.
   */
  async close(): Promise<void> {
    await this.#api.close();
    await this.#auth.close();
  }

  /** Closes the client at the end of an `await using` block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * Forgets what the client derived from cached answers once they are cleared: `undefined` after clearing
   * everything, else the bare names of the methods the caller named.
   */
  protected cacheCleared?(names: ReadonlySet<string> | undefined): void;
}
