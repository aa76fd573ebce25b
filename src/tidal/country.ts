/**
 * The country code sent as `countryCode` when the caller gives none: the account's profile country for a
 * signed-in user, else the country TIDAL places the caller's IP in (`GET /v1/country`). The fallback is asked
 * only when the profile has no country, and the answer is remembered per account, so switching accounts never
 * reuses the previous account's country.
 */
import { MinimError } from "../core/errors.js";
import type { TidalEndpoints } from "./endpoint.js";

const COUNTRY = /^[A-Za-z]{2}$/;

interface Lookup {
  promise: Promise<string>;
}

export class CountryResolver {
  readonly #core: TidalEndpoints;
  readonly #byAccount = new Map<string, Lookup>();

  constructor(core: TidalEndpoints) {
    this.#core = core;
  }

  /** The country code for the current account; looked up once per account, concurrent callers share it. */
  async resolve(signal: AbortSignal | undefined): Promise<string> {
    const auth = this.#core.auth;
    // Logging in first makes the account key final, so the answer is stored under the right account.
    if (auth.hasUserAuth) await auth.getCredential(signal);
    const account = auth.accountKey();
    let lookup = this.#byAccount.get(account);
    if (lookup === undefined) {
      lookup = { promise: this.#lookUp(signal) };
      this.#byAccount.set(account, lookup);
    }
    try {
      return await lookup.promise;
    } catch (error) {
      if (this.#byAccount.get(account) === lookup) this.#byAccount.delete(account);
      throw error;
    }
  }

  /** Forgets every remembered country. */
  forget(): void {
    this.#byAccount.clear();
  }

  async #lookUp(signal: AbortSignal | undefined): Promise<string> {
    const core = this.#core;
    const credential = core.auth.hasUserAuth ? await core.auth.getCredential(signal) : null;
    if (credential !== null) {
      const profile = await core.profileFor(credential, signal);
      const code = profile.countryCode;
      if (typeof code === "string" && COUNTRY.test(code)) return code.toUpperCase();
    }
    const answer = await core.api.call<{ countryCode?: unknown } | null>({
      name: "getCountryCode",
      method: "GET",
      path: "/v1/country",
      ttl: "static",
      options: { signal },
    });
    const code = answer?.countryCode;
    if (typeof code !== "string" || !COUNTRY.test(code)) {
      throw new MinimError(
        "TIDAL's GET /v1/country answer carries no country code; pass countryCode explicitly.",
      );
    }
    return code.toUpperCase();
  }
}
