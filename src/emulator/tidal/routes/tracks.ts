/**
 * Track routes: the track, contributors, credits, lyrics (a subscription only), mix, recommendations and playback
 * info. A track not available in the country asked for is answered 404.
 */
import type { RoleRouter } from "../../types.js";
import type { ApiHandler } from "../context.js";
import { apiRoutes, country, ok, requireSubscription, requireUser, resolveCaller } from "../context.js";
import { notFound } from "../errors.js";
import { creditsJson, findTrack, mixTracks } from "../lookup.js";
import { offsetEnvelope, offsetPage } from "../paging.js";
import { pathNumber } from "../params.js";
import type { TidalService } from "../service.js";
import { trackPlaybackInfo } from "./playback.js";

export function trackRoutes(router: RoleRouter, svc: () => TidalService): void {
  const r = apiRoutes(router, svc);
  r.add("GET", "/v1/tracks/:trackId", track);
  r.add("GET", "/v1/tracks/:trackId/contributors", trackContributors);
  r.add("GET", "/v1/tracks/:trackId/credits", trackCredits);
  r.add("GET", "/v1/tracks/:trackId/lyrics", trackLyrics);
  r.add("GET", "/v1/tracks/:trackId/mix", trackMix);
  r.add("GET", "/v1/tracks/:trackId/recommendations", trackRecommendations);
  r.add("GET", "/v1/tracks/:trackId/playbackinfo", trackPlaybackInfo);
}

const track: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  return ok(s.fmt.track(findTrack(s, pathNumber(req, "trackId"), country(req))));
};

const trackContributors: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  const track = findTrack(s, pathNumber(req, "trackId"), country(req));
  const people = track.credits.flatMap((c) => c.contributors.map((p) => ({ name: p.name, role: c.type })));
  return ok(offsetEnvelope(people, offsetPage(req)));
};

const trackCredits: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  return ok(creditsJson(findTrack(s, pathNumber(req, "trackId"), country(req)).credits));
};

const trackLyrics: ApiHandler = (req, s) => {
  const caller = requireUser(s, req);
  requireSubscription(caller);
  const track = findTrack(s, pathNumber(req, "trackId"), country(req, caller.user.countryCode));
  if (!track.lyrics) throw notFound("Lyrics");
  const lines = track.lyrics.split("\n");
  return ok({
    trackId: track.id,
    lyricsProvider: "Emulator Lyrics",
    providerCommontrackId: String(track.id * 7),
    providerLyricsId: String(track.id * 11),
    lyrics: track.lyrics,
    subtitles: lines.map((line, i) => `[00:${String(10 + i * 4).padStart(2, "0")}.00] ${line}`).join("\n"),
    isRightToLeft: false,
  });
};

const trackMix: ApiHandler = (req, s) => {
  resolveCaller(s, req);
  return ok({ id: findTrack(s, pathNumber(req, "trackId"), country(req)).mixId });
};

const trackRecommendations: ApiHandler = (req, s) => {
  requireUser(s, req);
  const cc = country(req);
  const track = findTrack(s, pathNumber(req, "trackId"), cc);
  const mix = s.state.mixes.get(track.mixId);
  const items = mixTracks(
    s,
    (mix?.trackIds ?? []).filter((id) => id !== track.id),
    cc,
  ).map((t) => ({
    track: s.fmt.track(t),
    sources: ["SUGGESTED_TRACKS"],
  }));
  return ok(offsetEnvelope(items, offsetPage(req)));
};
