/** A user's v1 subscription and the clients their tokens were issued to; both are private (403 for others). */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, ok, pathUser, requireUser } from "../context.js";
import type { Json } from "../format.js";
import { offsetEnvelope, offsetPage } from "../paging.js";
import type { TidalService } from "../service.js";
import { v1DateTime } from "../util.js";

export function userRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/users/:userId/subscription", subscription);
  r.add("GET", "/v1/users/:userId/clients", clients);
}

const subscription: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const user = pathUser(s, req, caller, { privateData: true });
  const sub = user.subscription;
  return ok({
    startDate: v1DateTime(sub.startDate),
    validUntil: v1DateTime(sub.validUntil),
    status: sub.status,
    subscription: { type: sub.type, offlineGracePeriod: sub.premiumAccess ? 30 : 0 },
    highestSoundQuality: sub.highestSoundQuality,
    premiumAccess: sub.premiumAccess,
    canGetTrial: !sub.premiumAccess,
    paymentType: sub.premiumAccess ? "CREDIT_CARD" : "NONE",
    paymentOverdue: false,
  });
};

/** One entry per client the user holds an access token of, last login = its newest token. */
const clients: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const user = pathUser(s, req, caller, { privateData: true });
  const used = new Map<string, number>();
  for (const token of s.tokens.accessTokens.values()) {
    if (token.userId === user.id)
      used.set(token.clientId, Math.max(used.get(token.clientId) ?? 0, token.issuedAt));
  }
  const clients: Json[] = [];
  for (const [clientId, lastLogin] of used) {
    const client = s.tokens.clients.get(clientId);
    if (!client) continue;
    clients.push({
      id: client.numericId,
      name: client.name,
      application: { name: client.name, type: { name: "WEB" }, service: "TIDAL" },
      uniqueKey: client.clientId,
      authorizedForOffline: user.subscription.premiumAccess,
      authorizedForOfflineDate: null,
      lastLogin: v1DateTime(lastLogin),
      created: v1DateTime(lastLogin),
      numberOfOfflineAlbums: 0,
      numberOfOfflinePlaylists: 0,
    });
  }
  return ok(offsetEnvelope(clients, offsetPage(req, 100)));
};
