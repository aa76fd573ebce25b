/** `GET /v1/country` (the client's default country) and `GET /v1/sessions` (the session behind a user token). */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, hasSubscription, ok, requireUser, resolveCaller } from "../context.js";
import type { TidalService } from "../service.js";

export function sessionRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/country", defaultCountry);
  r.add("GET", "/v1/sessions", session);
}

const defaultCountry: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  return ok({ countryCode: s.config.countryCode });
};

const session: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const client = s.tokens.clients.get(caller.token.clientId);
  return ok({
    sessionId: caller.token.sessionId,
    userId: caller.user.id,
    countryCode: caller.user.countryCode,
    channelId: 1,
    partnerId: 1,
    client: {
      id: client?.numericId ?? 0,
      name: client?.name ?? caller.token.clientId,
      authorizedForOffline: hasSubscription(caller),
      authorizedForOfflineDate: hasSubscription(caller) ? "2021-01-15T00:00:00.000+0000" : null,
    },
  });
};
