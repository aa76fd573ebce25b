import type { Pictures } from "./common.js";

/** A Deezer user. Private fields (email, birthday, …) appear only for the token's own account. */
export interface User extends Pictures {
  id: number;
  name: string;
  type: "user";
  lastname?: string;
  firstname?: string;
  /** Needs the `email` permission. */
  email?: string;
  status?: number;
  birthday?: string;
  inscription_date?: string;
  gender?: string;
  link?: string;
  country?: string;
  lang?: string;
  is_kid?: boolean;
  explicit_content_level?: string;
  explicit_content_levels_available?: string[];
  tracklist?: string;
}

/** The Deezer permission names an application can ask for. */
import type { DeezerPermission } from "../../core/services.js";

export type { DeezerPermission };

/** `GET /user/me/permissions`: what the token was granted. */
export interface Permissions {
  permissions: Partial<Record<DeezerPermission, boolean>> & Record<string, boolean>;
}

/** `GET /options`: what the account's subscription allows. */
export interface Options {
  type: "options";
  streaming?: boolean;
  streaming_duration?: number;
  offline?: boolean;
  hq?: boolean;
  lossless?: boolean;
  ads_display?: boolean;
  ads_audio?: boolean;
  too_many_devices?: boolean;
  can_subscribe?: boolean;
  radio_skips?: number;
  preview?: boolean;
  radio?: boolean;
}

/** `POST /user/{id}/notifications`. */
export interface NotificationResult {
  success: boolean;
}
