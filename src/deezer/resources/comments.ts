import type { RequestOptions } from "../../core/api-client.js";
import type { DeepReadonly } from "../../core/readonly.js";
import { DeezerResource } from "../endpoint.js";
import { id } from "../params.js";
import type { Comment } from "../types/comment.js";
import type { DeezerId } from "../types/common.js";

/**
 * Comments on albums, artists and playlists. The lists of an object's comments are on its own group
 * (`albums.getAlbumComments`, `artists.getArtistComments`, `playlists.getPlaylistComments`).
 */
export class CommentsAPI extends DeezerResource {
  protected readonly group = "comments";

  /**
   * A comment, with its author and the object it was written on. An unknown id is a NotFoundError.
   * `GET /comment/{commentId}`. No permission. Cached: daily.
   */
  async getComment(commentId: DeezerId, options?: RequestOptions): Promise<DeepReadonly<Comment>> {
    return this.get("getComment", `/comment/${id("commentId", commentId)}`, options, { ttl: "daily" });
  }
}
