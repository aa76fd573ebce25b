/**
 * Artist routes: the artist, albums by release type, biography, links, mix, radio, top tracks, videos and similar
 * artists. Artists themselves are not country-bound, but `countryCode` is still required and filters the lists.
 */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, country, ok, resolveCaller } from "../context.js";
import type { ArtistSeed } from "../data.js";
import { invalidParameter, notFound } from "../errors.js";
import { artistTracksIn, findArtist, mixTracks } from "../lookup.js";
import { offsetEnvelope, offsetPage } from "../paging.js";
import { pathNumber } from "../params.js";
import type { TidalService } from "../service.js";

export function artistRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/artists/:artistId", artist);
  r.add("GET", "/v1/artists/:artistId/albums", artistAlbums);
  r.add("GET", "/v1/artists/:artistId/bio", artistBio);
  r.add("GET", "/v1/artists/:artistId/links", artistLinks);
  r.add("GET", "/v1/artists/:artistId/mix", artistMix);
  r.add("GET", "/v1/artists/:artistId/radio", artistRadio);
  r.add("GET", "/v1/artists/:artistId/toptracks", artistTopTracks);
  r.add("GET", "/v1/artists/:artistId/videos", artistVideos);
  r.add("GET", "/v1/artists/:artistId/similar", similarArtists);
}

const artist: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  country(req);
  return ok(s.fmt.artist(findArtist(s, pathNumber(req, "artistId"))));
};

/** `filter`: ALBUMS (default), EPSANDSINGLES or COMPILATIONS. */
function albumTypes(filter: string | null): string[] {
  if (filter === null || filter === "" || filter === "ALBUMS") return ["ALBUM"];
  if (filter === "EPSANDSINGLES") return ["EP", "SINGLE"];
  if (filter === "COMPILATIONS") return ["COMPILATION"];
  throw invalidParameter("filter", filter);
}

const artistAlbums: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const cc = country(req);
  const artist = findArtist(s, pathNumber(req, "artistId"));
  const types = albumTypes(req.query.get("filter"));
  const albums = s.state
    .artistAlbums(artist.id)
    .filter((a) => types.includes(a.type) && s.state.albumAvailable(a, cc))
    .map((a) => s.fmt.album(a));
  return ok(offsetEnvelope(albums, offsetPage(req)));
};

const artistBio: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  country(req);
  const artist = findArtist(s, pathNumber(req, "artistId"));
  if (!artist.bio) throw notFound("Biography");
  return ok({ ...artist.bio });
};

const artistLinks: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  country(req);
  const artist = findArtist(s, pathNumber(req, "artistId"));
  return ok(
    offsetEnvelope(
      artist.links.map((l) => ({ ...l })),
      offsetPage(req),
      { source: "Emulator" },
    ),
  );
};

const artistMix: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  country(req);
  return ok({ id: findArtist(s, pathNumber(req, "artistId")).mixId });
};

const artistRadio: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const cc = country(req);
  const artist = findArtist(s, pathNumber(req, "artistId"));
  const mix = s.state.mixes.get(artist.mixId);
  const tracks = mixTracks(s, mix?.trackIds ?? [], cc).map((t) => s.fmt.track(t));
  return ok(offsetEnvelope(tracks, offsetPage(req)));
};

const artistTopTracks: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const cc = country(req);
  const artist = findArtist(s, pathNumber(req, "artistId"));
  return ok(
    offsetEnvelope(
      artistTracksIn(s, artist.id, cc).map((t) => s.fmt.track(t)),
      offsetPage(req),
    ),
  );
};

const artistVideos: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const cc = country(req);
  const artist = findArtist(s, pathNumber(req, "artistId"));
  const videos = s.state
    .artistVideos(artist.id)
    .filter((v) => s.state.videoAvailable(v, cc))
    .map((v) => s.fmt.video(v));
  return ok(offsetEnvelope(videos, offsetPage(req)));
};

const similarArtists: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  country(req);
  const artist = findArtist(s, pathNumber(req, "artistId"));
  const similar = artist.similar
    .map((id) => s.state.artists.get(id))
    .filter((a): a is ArtistSeed => a !== undefined)
    .map((a) => ({
      ...s.fmt.artist(a),
      artistRoles: a.roles.map((r) => r.category),
      banner: a.picture,
      type: "ARTIST",
      relationType: "SIMILAR_ARTIST",
    }));
  return ok(offsetEnvelope(similar, offsetPage(req), { source: "TIDAL" }));
};
