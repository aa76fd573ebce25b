/**
 * `GET /v1/tracks/{id}/radio`: an offset page of bare tracks (as the artist radio answers), built from the
 * track's own mix followed by its artist's mix, the track itself left out, filtered by `countryCode`.
 *
 * A track without a radio answers 404 like an unknown one: the tracks of compilations have none here
 * ({@link TRACKS_WITHOUT_RADIO}). `offset` is honoured like on other v1 lists; the default `limit` is 100, the
 * value tidalapi sends.
 */
import type { RoleRouter } from "../../types.js";
import { addRoute, country, offsetEnvelope, offsetPage, ok, resolveCaller } from "../context.js";
import { notFound } from "../errors.js";
import type { TidalService } from "../service.js";
import { findTrack, mixTracks } from "./catalogue.js";

/** Seeded tracks whose radio answers 404: the three tracks of the compilation "Brass Horizons". */
export const TRACKS_WITHOUT_RADIO: ReadonlySet<number> = new Set([5810037, 5810038, 5810039]);

export function trackRadioRoutes(router: RoleRouter, svc: () => TidalService): void {
  addRoute(router, svc, "tidalApi", "GET", "/v1/tracks/:trackId/radio", (req, s) => {
    resolveCaller(s, req);
    const cc = country(req);
    const raw = req.params["trackId"] ?? "";
    const track = findTrack(s, /^\d+$/.test(raw) ? Number(raw) : NaN, cc);
    if (TRACKS_WITHOUT_RADIO.has(track.id)) throw notFound("Track radio");
    const artistMix = s.state.artists.get(track.artists[0]?.id ?? -1)?.mixId;
    const ids = [
      ...(s.state.mixes.get(track.mixId)?.trackIds ?? []),
      ...(artistMix ? (s.state.mixes.get(artistMix)?.trackIds ?? []) : []),
    ];
    const unique = [...new Set(ids)].filter((id) => id !== track.id);
    const tracks = mixTracks(s, unique, cc).map((t) => s.fmt.track(t));
    return ok(offsetEnvelope(tracks, offsetPage(req, 100, 1000)));
  });
}
