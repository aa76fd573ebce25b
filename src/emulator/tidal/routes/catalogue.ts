/**
 * The catalogue lookups, importable from beside the route modules as well as from ../lookup.ts, where they live
 * with the other lookups the route groups share.
 */
export { albumItems, findAlbum, findArtist, findTrack, findVideo, mixTracks } from "../lookup.js";
