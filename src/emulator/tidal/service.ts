/**
 * Everything one emulated TIDAL instance holds: options, clock, state, tokens and logs. Route modules receive it;
 * {@link TidalEmulator} is the public face over it.
 */
import { MAIN_USER_ID } from "./data.js";
import { Formatter } from "./format.js";
import { TidalState } from "./state.js";
import { TokenStore } from "./tokens.js";

export interface TidalConfig {
  countryCode: string;
  accessTokenLifetimeSeconds: number;
  deviceIntervalSeconds: number;
  deviceCodeLifetimeSeconds: number;
  authorizationCodeLifetimeSeconds: number;
  deviceUriWithScheme: boolean;
}

/** One request to the API or login host, with what tests check about client behaviour. */
export interface ApiRequestRecord {
  role: "tidalApi" | "tidalLogin";
  method: string;
  path: string;
  /** Value of `x-tidal-client-version`, `undefined` when the client did not send it. */
  clientVersion: string | undefined;
  /** How the request authenticated itself. */
  credentials: "bearer" | "client" | "none";
  at: number;
}

export class TidalService {
  readonly state = new TidalState();
  readonly tokens = new TokenStore();
  readonly fmt = new Formatter(this.state);
  readonly apiLog: ApiRequestRecord[] = [];
  consentUserId = MAIN_USER_ID;

  constructor(
    readonly config: TidalConfig,
    readonly now: () => number,
  ) {}
}
