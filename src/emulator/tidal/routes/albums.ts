/**
 * Album routes: the album, its credits, items (tracks and videos), bare tracks, per-item credits, review and
 * similar albums. An album not available in `countryCode` is answered 404; its lists leave out what is not
 * available there.
 */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, country, ok, resolveCaller } from "../context.js";
import type { AlbumSeed } from "../data.js";
import { notFound } from "../errors.js";
import type { Json } from "../format.js";
import { albumItems, creditsJson, findAlbum } from "../lookup.js";
import { offsetEnvelope, offsetPage } from "../paging.js";
import { pathNumber } from "../params.js";
import type { TidalService } from "../service.js";

export function albumRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/albums/:albumId", album);
  r.add("GET", "/v1/albums/:albumId/credits", albumCredits);
  r.add("GET", "/v1/albums/:albumId/items", albumItemList);
  // Not a method of the spec, but the recorded bodies in fixtures/tidal/yambs come from this route.
  r.add("GET", "/v1/albums/:albumId/tracks", albumTracks);
  r.add("GET", "/v1/albums/:albumId/items/credits", albumItemCredits);
  r.add("GET", "/v1/albums/:albumId/review", albumReview);
  r.add("GET", "/v1/albums/:albumId/similar", similarAlbums);
}

const album: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  return ok(s.fmt.album(findAlbum(s, pathNumber(req, "albumId"), country(req))));
};

const albumCredits: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  return ok(creditsJson(findAlbum(s, pathNumber(req, "albumId"), country(req)).credits));
};

const albumItemList: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const cc = country(req);
  const album = findAlbum(s, pathNumber(req, "albumId"), cc);
  return ok(offsetEnvelope(albumItems(s, album, cc), offsetPage(req, 100)));
};

const albumTracks: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const cc = country(req);
  const album = findAlbum(s, pathNumber(req, "albumId"), cc);
  const tracks = s.state.albumTracks(album.id).filter((t) => s.state.trackAvailable(t, cc));
  return ok(
    offsetEnvelope(
      tracks.map((t) => s.fmt.track(t)),
      offsetPage(req, 100),
    ),
  );
};

const albumItemCredits: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const cc = country(req);
  const album = findAlbum(s, pathNumber(req, "albumId"), cc);
  const items = albumItems(s, album, cc).map((entry) => ({ ...entry, credits: itemCredits(s, entry) }));
  return ok(offsetEnvelope(items, offsetPage(req, 100)));
};

/** A track's credits by role, names only; a video's contributors as one-person credits. */
function itemCredits(s: TidalService, entry: Json): Json[] {
  const item = entry.item as Json;
  const track = entry.type === "track" ? s.state.tracks.get(item.id as number) : undefined;
  const video = entry.type === "video" ? s.state.videos.get(item.id as number) : undefined;
  return track
    ? track.credits.map((c) => ({
        type: c.type,
        contributors: c.contributors.map((p) => ({ name: p.name })),
      }))
    : (video?.contributors.map((c) => ({ type: c.role, contributors: [{ name: c.name }] })) ?? []);
}

const albumReview: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const album = findAlbum(s, pathNumber(req, "albumId"), country(req));
  if (!album.review) throw notFound("Review");
  return ok({ ...album.review });
};

const similarAlbums: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const cc = country(req);
  const album = findAlbum(s, pathNumber(req, "albumId"), cc);
  const similar = album.similar
    .map((id) => s.state.albums.get(id))
    .filter((a): a is AlbumSeed => a !== undefined && s.state.albumAvailable(a, cc))
    .map((a) => s.fmt.album(a));
  return ok(offsetEnvelope(similar, offsetPage(req), { source: "TIDAL" }));
};
