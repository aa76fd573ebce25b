/** What the request pipeline needs from an auth engine; the services' auth code implements it. */

export interface Credential {
  accessToken: string;
  /** `Bearer` for TIDAL; Deezer tokens travel as a query parameter and have none. */
  tokenType?: string | undefined;
}

export interface Authenticator {
  /** True when an authorization flow is configured, i.e. requests act on behalf of a user. */
  readonly hasUserAuth: boolean;
  /**
   * A credential valid for the next request, obtaining or refreshing one first when needed (concurrent callers
   * share one refresh). `null` for anonymous clients.
   */
  getCredential(signal?: AbortSignal): Promise<Credential | null>;
  /**
   * Called once when the service rejected `rejected` as invalid or expired. Returns a fresh credential to resend
   * with, or `null` when none can be had (the original error is then thrown).
   */
  renewAfterRejection(rejected: Credential, signal?: AbortSignal): Promise<Credential | null>;
  /**
   * Identity of the account requests act as, for cache keys. Stable across token refreshes of the same account.
   */
  accountKey(): string;
}

/** The authenticator of a client created without an authorization flow. */
export const anonymous: Authenticator = {
  hasUserAuth: false,
  getCredential: () => Promise.resolve(null),
  renewAfterRejection: () => Promise.resolve(null),
  accountKey: () => "anonymous",
};
