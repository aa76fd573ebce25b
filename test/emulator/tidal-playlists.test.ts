import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { TIDAL_SEED, TIDAL_SUB_STATUS } from "../../src/emulator/tidal/index.js";
import { startTidalEmulator, type TidalHarness } from "./helpers.js";

type Body = Record<string, unknown>;
interface Reply {
  status: number;
  etag: string | null;
  body: unknown;
}

describe("TIDAL emulator: playlists, ETags and folders", () => {
  let h: TidalHarness;
  let token: string;
  let otherToken: string;
  const roadTrip = TIDAL_SEED.playlists.roadTrip;

  before(async () => {
    h = await startTidalEmulator();
  });
  beforeEach(() => {
    h.tidal.reset();
    token = h.tidal.issueToken().accessToken;
    otherToken = h.tidal.issueToken({ userId: h.tidal.secondUserId }).accessToken;
  });
  after(() => h.servers.close());

  async function call(
    method: string,
    path: string,
    options: { form?: Record<string, string>; headers?: Record<string, string>; as?: string } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {
      "x-tidal-client-version": "2025.12.18",
      authorization: `Bearer ${options.as ?? token}`,
      ...options.headers,
    };
    let body: string | undefined;
    if (options.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    }
    const res = await fetch(`${h.urls.tidalApi}${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, etag: res.headers.get("etag"), body: text === "" ? null : JSON.parse(text) };
  }

  async function etag(uuid: string): Promise<string> {
    const res = await call("GET", `/v1/playlists/${uuid}?countryCode=US`);
    assert.equal(res.status, 200);
    assert.ok(res.etag);
    return res.etag;
  }

  const itemIds = (uuid: string): number[] => (h.tidal.playlist(uuid)?.items ?? []).map((i) => i.id);
  const unquoted = (tag: string): string => tag.replace(/"/g, "");

  it("sends a quoted ETag with the playlist and its items", async () => {
    const tag = await etag(roadTrip);
    assert.match(tag, /^"\d+"$/);
    assert.equal(tag, h.tidal.playlistEtag(roadTrip));
    const items = await call("GET", `/v1/playlists/${roadTrip}/items?countryCode=US&limit=4&offset=8`);
    assert.equal(items.etag, tag);
    const page = items.body as { totalNumberOfItems: number; items: { type: string; item: Body }[] };
    assert.equal(page.totalNumberOfItems, 10);
    assert.equal(page.items.length, 2);
    assert.equal(typeof page.items[0]?.item.itemUuid, "string");
  });

  it("answers 412 to a stale or missing If-None-Match and changes nothing", async () => {
    const before = itemIds(roadTrip);
    const beforeTag = h.tidal.playlistEtag(roadTrip) ?? "";
    const stale = await call("POST", `/v1/playlists/${roadTrip}/items`, {
      form: { itemIds: "5810002" },
      headers: { "if-none-match": "12345" },
    });
    assert.equal(stale.status, 412);
    const body = stale.body as Body;
    assert.equal(body.status, 412);
    assert.equal(body.subStatus, TIDAL_SUB_STATUS.playlistModified);
    assert.match(body.userMessage as string, /^The playlist has been modified/);

    const missing = await call("DELETE", `/v1/playlists/${roadTrip}/items/0`);
    assert.equal(missing.status, 412);
    const reorder = await call("POST", `/v1/playlists/${roadTrip}/items/0?toIndex=3`, {
      headers: { "if-none-match": "*" },
    });
    assert.equal(reorder.status, 412);
    const replace = await call("POST", `/v1/playlists/${roadTrip}/items/1/replace`, {
      form: { itemId: "5810002" },
      headers: { "if-none-match": `"${Number(unquoted(beforeTag)) - 1}"` },
    });
    assert.equal(replace.status, 412);

    assert.deepEqual(itemIds(roadTrip), before);
    assert.equal(h.tidal.playlistEtag(roadTrip), beforeTag);
  });

  it("applies an add with the current ETag and issues a new one", async () => {
    const tag = await etag(roadTrip);
    const added = await call("POST", `/v1/playlists/${roadTrip}/items`, {
      form: { itemIds: "5810002,5810036", onDupes: "FAIL" },
      headers: { "if-none-match": unquoted(tag) },
    });
    assert.equal(added.status, 200);
    assert.deepEqual((added.body as Body).addedItemIds, [5810002, 5810036]);
    assert.notEqual(added.etag, tag);
    assert.deepEqual(itemIds(roadTrip).slice(-2), [5810002, 5810036]);
    assert.equal(await etag(roadTrip), added.etag);

    const reused = await call("DELETE", `/v1/playlists/${roadTrip}/items/0`, {
      headers: { "if-none-match": unquoted(tag) },
    });
    assert.equal(reused.status, 412, "the ETag before the edit is stale now");
    assert.equal(itemIds(roadTrip).length, 12);
  });

  it("reorders, replaces and removes items by index", async () => {
    const original = itemIds(roadTrip);
    const moved = await call("POST", `/v1/playlists/${roadTrip}/items/0,1?toIndex=4`, {
      headers: { "if-none-match": unquoted(await etag(roadTrip)) },
    });
    assert.equal(moved.status, 200);
    assert.deepEqual(itemIds(roadTrip).slice(0, 4), [original[2], original[3], original[0], original[1]]);

    const replaced = await call("POST", `/v1/playlists/${roadTrip}/items/2/replace`, {
      form: { itemId: "5810037" },
      headers: { "if-none-match": unquoted(await etag(roadTrip)) },
    });
    assert.equal(replaced.status, 200);
    assert.equal(itemIds(roadTrip)[2], 5810037);

    const removed = await call("DELETE", `/v1/playlists/${roadTrip}/items/0,2`, {
      headers: { "if-none-match": await etag(roadTrip) },
    });
    assert.equal(removed.status, 200, "a quoted ETag is accepted too");
    assert.equal(itemIds(roadTrip).length, original.length - 2);
    assert.equal(itemIds(roadTrip)[0], original[3]);

    const outOfRange = await call("DELETE", `/v1/playlists/${roadTrip}/items/99`, {
      headers: { "if-none-match": unquoted(await etag(roadTrip)) },
    });
    assert.equal(outOfRange.status, 400);
  });

  it("refuses duplicates with onDupes=FAIL and skips them with SKIP", async () => {
    const first = itemIds(roadTrip)[0] as number;
    const before = itemIds(roadTrip);
    const fail = await call("POST", `/v1/playlists/${roadTrip}/items`, {
      form: { itemIds: `5810002,${first}`, onDupes: "FAIL" },
      headers: { "if-none-match": unquoted(await etag(roadTrip)) },
    });
    assert.equal(fail.status, 409);
    assert.deepEqual(itemIds(roadTrip), before);
    const skip = await call("POST", `/v1/playlists/${roadTrip}/items`, {
      form: { itemIds: `5810002,${first}`, onDupes: "SKIP" },
      headers: { "if-none-match": unquoted(await etag(roadTrip)) },
    });
    assert.equal(skip.status, 200);
    assert.deepEqual((skip.body as Body).addedItemIds, [5810002]);
  });

  it("changes the ETag on update_playlist_details without needing one", async () => {
    const tag = await etag(roadTrip);
    const res = await call("POST", `/v1/playlists/${roadTrip}`, {
      form: { title: "Long Drives", description: "" },
    });
    assert.equal(res.status, 200);
    assert.notEqual(await etag(roadTrip), tag);
    const playlist = (await call("GET", `/v1/playlists/${roadTrip}?countryCode=US`)).body as Body;
    assert.equal(playlist.title, "Long Drives");
    assert.equal(playlist.description, "");
  });

  it("keeps other users' playlists read-only and private ones hidden", async () => {
    const edit = await call("POST", `/v1/playlists/${TIDAL_SEED.playlists.fernsAndFriends}`, {
      form: { title: "Mine" },
    });
    assert.equal(edit.status, 403);
    const hidden = await call("GET", `/v1/playlists/${TIDAL_SEED.playlists.secretStash}?countryCode=US`);
    assert.equal(hidden.status, 403);
    const own = await call("GET", `/v1/playlists/${TIDAL_SEED.playlists.secretStash}?countryCode=GB`, {
      as: otherToken,
    });
    assert.equal(own.status, 200);
    const v2 = (await call("GET", `/v2/user-playlists/${TIDAL_SEED.playlists.fernsAndFriends}`)).body as {
      playlist: Body;
      followInfo: Body;
      profile: Body;
    };
    assert.equal(v2.playlist.sharingLevel, "PUBLIC");
    assert.equal(v2.followInfo.followed, true);
    assert.equal(v2.profile.userId, h.tidal.secondUserId);
  });

  it("creates, lists, moves and removes folders and playlists", async () => {
    const folder = await call(
      "PUT",
      "/v2/my-collection/playlists/folders/create-folder?name=Workouts&folderId=root",
    );
    assert.equal(folder.status, 200);
    const folderData = (folder.body as { data: { id: string }; trn: string }).data;
    assert.equal((folder.body as Body).trn, `trn:folder:${folderData.id}`);

    const created = await call(
      "PUT",
      `/v2/my-collection/playlists/folders/create-playlist?name=Run&description=fast&isPublic=true&folderId=${folderData.id}`,
    );
    assert.equal(created.status, 200);
    const playlistUuid = (created.body as { data: { uuid: string; sharingLevel: string } }).data.uuid;
    assert.equal((created.body as { data: { sharingLevel: string } }).data.sharingLevel, "PUBLIC");
    assert.equal(h.tidal.playlist(playlistUuid)?.ownerId, h.tidal.mainUserId);

    const inFolder = (await call("GET", `/v2/my-collection/playlists/folders?folderId=${folderData.id}`))
      .body as {
      items: { name: string }[];
      totalNumberOfItems: number;
    };
    assert.deepEqual(
      inFolder.items.map((i) => i.name),
      ["Run"],
    );

    const follow = await call(
      "PUT",
      `/v2/my-collection/playlists/folders/add-favorites?uuids=${TIDAL_SEED.playlists.brassHour}&folderId=${folderData.id}`,
    );
    assert.equal(follow.status, 204);
    assert.ok(h.tidal.collection().playlists.some((e) => e.uuid === TIDAL_SEED.playlists.brassHour));

    const moved = await call(
      "PUT",
      `/v2/my-collection/playlists/folders/move?trns=trn:playlist:${playlistUuid}&folderId=root`,
    );
    assert.equal(moved.status, 204);
    const cycle = await call(
      "PUT",
      `/v2/my-collection/playlists/folders/move?trns=trn:folder:${TIDAL_SEED.folders.moods}&folderId=${TIDAL_SEED.folders.rainyDays}`,
    );
    assert.equal(cycle.status, 400, "a folder cannot move into its own sub-folder");

    const removed = await call(
      "PUT",
      `/v2/my-collection/playlists/folders/remove?trns=trn:folder:${folderData.id}`,
    );
    assert.equal(removed.status, 204);
    assert.ok(!h.tidal.folders().some((f) => f.id === folderData.id));
    assert.ok(
      !h.tidal.collection().playlists.some((e) => e.uuid === TIDAL_SEED.playlists.brassHour),
      "a followed playlist inside a removed folder is unfollowed",
    );
    assert.ok(h.tidal.playlist(playlistUuid), "the moved playlist was outside the folder");

    const deleted = await call(
      "PUT",
      `/v2/my-collection/playlists/folders/remove?trns=trn:playlist:${playlistUuid}`,
    );
    assert.equal(deleted.status, 204);
    assert.equal(h.tidal.playlist(playlistUuid), undefined, "removing an own playlist deletes it");

    const unknown = await call(
      "PUT",
      `/v2/my-collection/playlists/folders/remove?trns=trn:folder:${TIDAL_SEED.folders.moods},trn:playlist:00000000-0000-4000-8000-000000000000`,
    );
    assert.equal(unknown.status, 404);
    assert.ok(
      h.tidal.folders().some((f) => f.id === TIDAL_SEED.folders.moods),
      "nothing is removed on failure",
    );
  });

  it("filters my-collection lists with includeOnly and sorts them", async () => {
    const favourites = (
      await call("GET", "/v2/my-collection/playlists?includeOnly=FAVORITE_PLAYLIST&order=NAME")
    ).body as {
      items: { name: string; itemType: string }[];
    };
    assert.deepEqual(
      favourites.items.map((i) => i.name),
      ["Ferns & Friends", "Harbor Lights Essentials"],
    );
    const root = (
      await call(
        "GET",
        "/v2/my-collection/playlists/folders?includeOnly=FOLDER&includeOnly=USER_PLAYLIST&order=NAME&orderDirection=DESC",
      )
    ).body as {
      items: { name: string }[];
    };
    assert.deepEqual(
      root.items.map((i) => i.name),
      ["Road Trip", "Moods", "Focus", "Archive"],
    );
    assert.equal((await call("GET", "/v2/my-collection/playlists?includeOnly=ALBUM")).status, 400);
  });

  it("saves and removes favourites and toggles playlist visibility", async () => {
    const saved = await call("POST", `/v1/users/${h.tidal.mainUserId}/favorites/albums?countryCode=US`, {
      form: { albumIds: `${TIDAL_SEED.albums.nightFerry},${TIDAL_SEED.albums.lantern}` },
    });
    assert.equal(saved.status, 204);
    const ids = h.tidal.collection().albums.map((e) => e.id);
    assert.ok(ids.includes(TIDAL_SEED.albums.nightFerry) && ids.includes(TIDAL_SEED.albums.lantern));
    const failed = await call("POST", `/v1/users/${h.tidal.mainUserId}/favorites/tracks?countryCode=US`, {
      form: { trackIds: "5810004,1" },
    });
    assert.equal(failed.status, 404);
    assert.ok(!h.tidal.collection().tracks.some((e) => e.id === 5810004), "FAIL adds nothing");
    const skipped = await call("POST", `/v1/users/${h.tidal.mainUserId}/favorites/tracks?countryCode=US`, {
      form: { trackIds: "5810004,1", onArtifactNotFound: "SKIP" },
    });
    assert.equal(skipped.status, 204);
    assert.ok(h.tidal.collection().tracks.some((e) => e.id === 5810004));
    const removed = await call(
      "DELETE",
      `/v1/users/${h.tidal.mainUserId}/favorites/albums/${TIDAL_SEED.albums.nightFerry}`,
    );
    assert.equal(removed.status, 204);
    assert.ok(!h.tidal.collection().albums.some((e) => e.id === TIDAL_SEED.albums.nightFerry));

    const tag = await etag(roadTrip);
    assert.equal((await call("PUT", `/v2/playlists/${roadTrip}/set-private`)).status, 204);
    assert.equal(h.tidal.playlist(roadTrip)?.isPublic, false);
    assert.notEqual(await etag(roadTrip), tag);
    assert.equal(
      (await call("GET", `/v1/playlists/${roadTrip}?countryCode=GB`, { as: otherToken })).status,
      403,
    );
  });
});
