/**
 * `PUT /v2/my-collection/playlists/folders/rename?trn=trn:folder:{id}&name=…`: renames one of the caller's
 * playlist folders in the same per-user folder state the other folder routes use, so the listing shows the new
 * name at once. No body is sent or read. The answer's body is not known, so it answers 204 like move/remove:
 * clients check for 2xx and list the folders again.
 */
import type { RoleRouter } from "../../types.js";
import { addRoute, noContent, requireUser } from "../context.js";
import { invalidParameter, missingParameter, notFound } from "../errors.js";
import type { TidalService } from "../service.js";

const FOLDER_TRN = /^trn:folder:([0-9a-f-]+)$/i;

/** Folder names are kept to this length (an emulator limit, so an overlong name is refused, not stored). */
const MAX_NAME_LENGTH = 255;

export function folderRenameRoutes(router: RoleRouter, svc: () => TidalService): void {
  addRoute(router, svc, "tidalApi", "PUT", "/v2/my-collection/playlists/folders/rename", (req, s) => {
    const caller = requireUser(s, req);
    const trn = req.query.get("trn");
    if (trn === null || trn.trim() === "") throw missingParameter("trn");
    const id = FOLDER_TRN.exec(trn.trim())?.[1];
    if (id === undefined) throw invalidParameter("trn", trn);
    const name = req.query.get("name")?.trim() ?? "";
    if (name === "") throw missingParameter("name");
    if (name.length > MAX_NAME_LENGTH)
      throw invalidParameter("name", `longer than ${MAX_NAME_LENGTH} characters`);
    const folder = s.state.folders.get(id.toLowerCase());
    if (!folder || folder.ownerId !== caller.user.id) throw notFound("Folder");
    folder.name = name;
    folder.lastModified = s.now();
    return noContent();
  });
}
