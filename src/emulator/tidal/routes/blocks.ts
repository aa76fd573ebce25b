/**
 * A user's v1 blocks of tracks, artists and videos: list, block (one ID, which must exist) and unblock (a comma
 * list). Another user's blocks are private (403).
 */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, noContent, ok, pathUser, requireUser } from "../context.js";
import { BLOCKS, FAVOURITES } from "../collection-kinds.js";
import type { BlockKind } from "../collection-kinds.js";
import { notFound } from "../errors.js";
import { offsetEnvelope, offsetPage } from "../paging.js";
import { parseIds } from "../params.js";
import type { TidalService } from "../service.js";
import { v1DateTime } from "../util.js";

export function blockRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  for (const [path, kind] of Object.entries(BLOCKS)) {
    r.add("GET", `/v1/users/:userId/blocks/${path}`, listBlocks(kind));
    r.add("POST", `/v1/users/:userId/blocks/${path}`, block(kind));
    r.add("DELETE", `/v1/users/:userId/blocks/${path}/:${kind.param}`, unblock(kind));
  }
}

/** Blocked entries that no longer exist are left out. */
function listBlocks(kind: BlockKind): ApiHandler {
  const favourite = FAVOURITES[kind.favourite];
  return (req, s) => {
    const caller = requireUser(s, req);
    const user = pathUser(s, req, caller, { privateData: true });
    const entries = s.state.collection(user.id)[kind.list].filter((e) => favourite.exists(s, e.id));
    const items = entries.map((e) => ({
      created: v1DateTime(e.added),
      item: favourite.json(s, e.id),
      type: kind.type,
    }));
    return ok(offsetEnvelope(items, offsetPage(req)));
  };
}

function block(kind: BlockKind): ApiHandler {
  const favourite = FAVOURITES[kind.favourite];
  return (req, s) => {
    const caller = requireUser(s, req);
    const user = pathUser(s, req, caller, { privateData: true });
    const [id] = parseIds(req.form.get(kind.field), kind.field);
    if (id === undefined || !favourite.exists(s, id))
      throw notFound(kind.type.charAt(0) + kind.type.slice(1).toLowerCase());
    const list = s.state.collection(user.id)[kind.list];
    if (!list.some((e) => e.id === id)) list.push({ id, added: s.now() });
    return noContent();
  };
}

function unblock(kind: BlockKind): ApiHandler {
  return (req, s) => {
    const caller = requireUser(s, req);
    const user = pathUser(s, req, caller, { privateData: true });
    const ids = new Set(parseIds(req.params[kind.param] ?? null, kind.param));
    const collection = s.state.collection(user.id);
    collection[kind.list] = collection[kind.list].filter((e) => !ids.has(e.id));
    return noContent();
  };
}
