/**
 * v2 profiles: blocked profiles, a user's followers and followings, following (`trn:user:{id}`) and blocking
 * users. Blocking someone also stops following them.
 */
import type { EmulatorRequest, RoleRouter } from "../../types.js";
import type { ApiHandler, UserCaller } from "../context.js";
import { apiRoutes, noContent, ok, pathUser, requireUser } from "../context.js";
import type { UserSeed } from "../data.js";
import { TIDAL_SUB_STATUS, apiFailure, invalidParameter, missingParameter } from "../errors.js";
import type { Json } from "../format.js";
import { displayName } from "../format.js";
import { cursorPage, cursorSlice, offsetEnvelope, offsetPage } from "../paging.js";
import type { TidalService } from "../service.js";

export function profileRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v2/profiles/blocked-profiles", blockedProfiles);
  r.add("GET", "/v2/profiles/:userId/followers", followersOfUser);
  r.add("GET", "/v2/profiles/:userId/following", followingOfUser);
  r.add("PUT", "/v2/follow", follow);
  r.add("DELETE", "/v2/follow", unfollow);
  r.add("PUT", "/v2/profiles/block/:userId", blockUser);
  r.add("DELETE", "/v2/profiles/block/:userId", unblockUser);
}

function profile(svc: TidalService, user: UserSeed, viewer: number): Json {
  const following = svc.state.collection(viewer).following.some((f) => f.id === user.id);
  return {
    userId: user.id,
    name: displayName(user),
    handle: user.username,
    picture: user.picture,
    color: ["#7DB9E8"],
    trn: `trn:user:${user.id}`,
    imFollowing: following,
    numberOfFollowers: followersOf(svc, user.id).length,
  };
}

function followersOf(svc: TidalService, userId: number): UserSeed[] {
  const result: UserSeed[] = [];
  for (const [id, collection] of svc.state.collections) {
    if (collection.following.some((f) => f.id === userId)) {
      const user = svc.state.users.get(id);
      if (user) result.push(user);
    }
  }
  return result;
}

/** The user named by `trn` (query or form); `trn:user:me` is the caller. */
function trnUser(svc: TidalService, req: EmulatorRequest, caller: UserCaller): UserSeed {
  const trn = req.query.get("trn") ?? req.form.get("trn");
  if (trn === null || trn === "") throw missingParameter("trn");
  const match = /^trn:user:(\d+|me)$/.exec(trn.trim());
  if (!match) throw invalidParameter("trn", trn);
  const id = match[1] === "me" ? caller.user.id : Number(match[1]);
  const user = svc.state.users.get(id);
  if (!user) throw apiFailure(404, TIDAL_SUB_STATUS.notFound, "User not found");
  return user;
}

const blockedProfiles: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const blocked = s.state
    .collection(caller.user.id)
    .blockedUsers.map((e) => s.state.users.get(e.id))
    .filter((u): u is UserSeed => u !== undefined)
    .map((u) => profile(s, u, caller.user.id));
  return ok(offsetEnvelope(blocked, offsetPage(req)));
};

const followersOfUser: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const user = pathUser(s, req, caller, { privateData: false });
  const followers = followersOf(s, user.id).map((u) => profile(s, u, caller.user.id));
  return ok(cursorSlice(followers, cursorPage(req)));
};

const followingOfUser: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const user = pathUser(s, req, caller, { privateData: false });
  const following = s.state
    .collection(user.id)
    .following.map((e) => s.state.users.get(e.id))
    .filter((u): u is UserSeed => u !== undefined)
    .map((u) => profile(s, u, caller.user.id));
  return ok(cursorSlice(following, cursorPage(req)));
};

const follow: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const target = trnUser(s, req, caller);
  if (target.id === caller.user.id) throw invalidParameter("trn", "a user cannot follow themselves");
  const list = s.state.collection(caller.user.id).following;
  if (!list.some((e) => e.id === target.id)) list.push({ id: target.id, added: s.now() });
  return noContent();
};

const unfollow: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const target = trnUser(s, req, caller);
  const collection = s.state.collection(caller.user.id);
  collection.following = collection.following.filter((e) => e.id !== target.id);
  return noContent();
};

const blockUser: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const target = pathUser(s, req, caller, { privateData: false });
  if (target.id === caller.user.id) throw invalidParameter("user_id", "a user cannot block themselves");
  const collection = s.state.collection(caller.user.id);
  if (!collection.blockedUsers.some((e) => e.id === target.id)) {
    collection.blockedUsers.push({ id: target.id, added: s.now() });
  }
  collection.following = collection.following.filter((e) => e.id !== target.id);
  return noContent();
};

const unblockUser: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  const target = pathUser(s, req, caller, { privateData: false });
  const collection = s.state.collection(caller.user.id);
  collection.blockedUsers = collection.blockedUsers.filter((e) => e.id !== target.id);
  return noContent();
};
