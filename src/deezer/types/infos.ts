/** `GET /infos`: what Deezer offers in the country of the caller's connection. */
export interface Infos {
  country_iso: string;
  country: string;
  /** Whether Deezer is available in that country. */
  open: boolean;
  pop?: string;
  upload_token?: string;
  upload_token_lifetime?: number;
  user_token?: string | null;
  hosts?: { stream?: string; images?: string };
  ads?: Record<string, unknown>;
  has_podcasts?: boolean;
  lyrics_available?: boolean;
  offers?: unknown[];
}
