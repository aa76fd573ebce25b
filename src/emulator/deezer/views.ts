/**
 * Turns seed records into the JSON objects Deezer sends. The same entity comes in many cuts (an album inside a
 * track has six fields, the album page thirty): each cut is a list of keys picked, in order, from one complete
 * object, with the cut taken from the recorded responses under `fixtures/deezer/deezer-python/` (noted per cut).
 *
 * URLs Deezer points at its API host (`tracklist`, `picture`, `cover`) point at the emulator's `deezerApi` base, so
 * a client following them stays offline; web (`www.deezer.com`) and CDN links keep their real shape.
 */
import { pictureHash } from "./data.js";
import type {
  AlbumSeed,
  ArtistSeed,
  CommentSeed,
  EpisodeSeed,
  PodcastSeed,
  RadioSeed,
  TrackSeed,
  UserSeed,
} from "./data.js";
import type { DeezerState, PlaylistState, PersonalSongState } from "./state.js";
import { dateTime, imageHash, md5Hex, seconds, sha256Hex } from "./util.js";

type Json = Record<string, unknown>;

const PIC = ["picture", "picture_small", "picture_medium", "picture_big", "picture_xl"];
const COVER = ["cover", "cover_small", "cover_medium", "cover_big", "cover_xl"];
const CDN = "https://e-cdns-images.dzcdn.net/images";
// Fixed so answers are identical across runs; real share links carry the time of the request.
const SHARE_TERM = "0_1727913600";

export type ArtistCut = keyof typeof ARTIST_CUTS;
const ARTIST_CUTS = {
  // GET /artist/{id} (test_get_artist)
  full: ["id", "name", "link", "share", ...PIC, "nb_album", "nb_fan", "radio", "tracklist", "type"],
  // artist inside an album's embedded tracks and /album/{id}/tracks (test_get_album)
  ref: ["id", "name", "tracklist", "type"],
  // playlist's embedded tracks (test_get_playlist)
  refLink: ["id", "name", "link", "tracklist", "type"],
  // album page, favourites, history (test_get_album, test_get_user_tracks)
  pic: ["id", "name", ...PIC, "tracklist", "type"],
  // search results, playlist track pages (test_search_simple, TestPlaylist.test_get_tracks)
  picLink: ["id", "name", "link", ...PIC, "tracklist", "type"],
  // charts (test_get_chart)
  chart: ["id", "name", "link", ...PIC, "radio", "tracklist", "type"],
  // GET /track/{id} (test_get_track)
  fullLink: ["id", "name", "link", "share", ...PIC, "radio", "tracklist", "type"],
  // contributors (test_get_track, TestArtist.test_get_top)
  contributor: ["id", "name", "link", "share", ...PIC, "radio", "tracklist", "type", "role"],
  // search, related, favourites (test_search_artists, TestArtist.test_get_related, TestUser.test_get_artists)
  listed: ["id", "name", "link", ...PIC, "nb_album", "nb_fan", "radio", "tracklist", "type"],
  // genre artists, recommendations (TestGenre.test_get_artists, test_get_user_recommended_artists)
  genre: ["id", "name", ...PIC, "radio", "tracklist", "type"],
} satisfies Record<string, string[]>;

export type AlbumCut = keyof typeof ALBUM_CUTS;
// prettier-ignore
const ALBUM_CUTS = {
  // GET /album/{id} (test_get_album); `artist` and `tracks` are added by the caller
  full: [
    "id", "title", "upc", "link", "share", ...COVER, "md5_image", "genre_id", "genres", "label", "nb_tracks",
    "duration", "fans", "rating", "release_date", "record_type", "available", "tracklist", "explicit_lyrics",
    "explicit_content_lyrics", "explicit_content_cover", "contributors", "artist", "type",
  ],
  // album inside a track of a list (test_search_simple)
  trackRef: ["id", "title", ...COVER, "md5_image", "tracklist", "type"],
  // album inside a listening-history entry (test_get_user_history)
  trackRefLink: ["id", "title", "link", ...COVER, "md5_image", "tracklist", "type"],
  // album inside GET /track/{id} (test_get_track)
  trackFull: ["id", "title", "link", ...COVER, "md5_image", "release_date", "tracklist", "type"],
  // album inside playlist tracks: Deezer's documented sample adds the UPC
  playlistRef: ["id", "title", "upc", ...COVER, "md5_image", "tracklist", "type"],
  // GET /artist/{id}/albums (TestArtist.test_get_albums)
  artistAlbums: [
    "id", "title", "link", ...COVER, "md5_image", "genre_id", "fans", "release_date", "record_type", "tracklist",
    "explicit_lyrics", "type",
  ],
  // charts (test_get_albums_chart)
  chart: ["id", "title", "link", ...COVER, "md5_image", "record_type", "tracklist", "explicit_lyrics", "artist", "type"],
  // search (test_search_albums)
  search: [
    "id", "title", "link", ...COVER, "md5_image", "genre_id", "nb_tracks", "record_type", "tracklist",
    "explicit_lyrics", "artist", "type",
  ],
  // favourites, user charts, recommendations (TestUser.test_get_albums, test_get_user_recommended_albums)
  user: [
    "id", "title", "link", ...COVER, "md5_image", "nb_tracks", "release_date", "record_type", "available",
    "tracklist", "explicit_lyrics", "artist", "type",
  ],
  // editorial selection (TestEditorial.test_get_selection)
  selection: [
    "id", "title", ...COVER, "md5_image", "genre_id", "record_type", "tracklist", "explicit_lyrics", "artist", "type",
  ],
  // editorial releases (TestEditorial.test_get_releases)
  release: ["id", "title", ...COVER, "md5_image", "release_date", "tracklist", "artist", "type"],
} satisfies Record<string, string[]>;

const ALBUM_ARTIST: Record<AlbumCut, ArtistCut> = {
  full: "pic",
  trackRef: "ref",
  trackRefLink: "ref",
  trackFull: "ref",
  playlistRef: "ref",
  artistAlbums: "ref",
  chart: "chart",
  search: "picLink",
  user: "pic",
  selection: "refLink",
  release: "ref",
};

export type TrackCut = keyof typeof TRACK_CUTS;
// prettier-ignore
const TRACK_CUTS = {
  // GET /track/{id} (test_get_track)
  full: {
    keys: [
      "id", "readable", "title", "title_short", "title_version", "isrc", "link", "share", "duration", "track_position",
      "disk_number", "rank", "release_date", "explicit_lyrics", "explicit_content_lyrics", "explicit_content_cover",
      "preview", "bpm", "gain", "available_countries", "contributors", "md5_image", "artist", "album", "type",
    ],
    artist: "fullLink",
    album: "trackFull",
  },
  // inside GET /album/{id} (test_get_album)
  albumEmbedded: {
    keys: [
      "id", "readable", "title", "title_short", "title_version", "link", "duration", "rank", "explicit_lyrics",
      "explicit_content_lyrics", "explicit_content_cover", "preview", "md5_image", "artist", "type",
    ],
    artist: "ref",
    album: null,
  },
  // GET /album/{id}/tracks (TestAlbum.test_get_tracks)
  albumTracks: {
    keys: [
      "id", "readable", "title", "title_short", "title_version", "isrc", "link", "duration", "track_position",
      "disk_number", "rank", "explicit_lyrics", "explicit_content_lyrics", "explicit_content_cover", "preview",
      "md5_image", "artist", "type",
    ],
    artist: "ref",
    album: null,
  },
  // search, radio, flow, favourites, history, recommendations (test_search_simple, test_get_user_flow)
  list: {
    keys: [
      "id", "readable", "title", "title_short", "title_version", "link", "duration", "rank", "explicit_lyrics",
      "explicit_content_lyrics", "explicit_content_cover", "preview", "md5_image", "artist", "album", "type",
    ],
    artist: "picLink",
    album: "trackRef",
  },
  // GET /user/{id}/history (test_get_user_history)
  history: {
    keys: [
      "id", "readable", "title", "title_short", "title_version", "link", "duration", "rank", "explicit_lyrics",
      "explicit_content_lyrics", "explicit_content_cover", "preview", "md5_image", "artist", "album", "type",
    ],
    artist: "refLink",
    album: "trackRefLink",
  },
  // GET /playlist/{id}/tracks (TestPlaylist.test_get_tracks; the documented sample adds isrc and the album UPC)
  playlist: {
    keys: [
      "id", "readable", "title", "title_short", "title_version", "isrc", "link", "duration", "rank",
      "explicit_lyrics", "explicit_content_lyrics", "explicit_content_cover", "preview", "md5_image", "artist",
      "album", "type",
    ],
    artist: "picLink",
    album: "playlistRef",
  },
  // inside GET /playlist/{id} (test_get_playlist)
  playlistEmbedded: {
    keys: [
      "id", "readable", "title", "title_short", "title_version", "link", "duration", "rank", "explicit_lyrics",
      "explicit_content_lyrics", "explicit_content_cover", "preview", "md5_image", "artist", "album", "type",
    ],
    artist: "refLink",
    album: "trackRef",
  },
  // charts: no `readable` (test_get_tracks_chart)
  chart: {
    keys: [
      "id", "title", "title_short", "title_version", "link", "duration", "rank", "explicit_lyrics",
      "explicit_content_lyrics", "explicit_content_cover", "preview", "md5_image", "artist", "album", "type",
    ],
    artist: "chart",
    album: "trackRef",
  },
  // GET /artist/{id}/top (TestArtist.test_get_top)
  top: {
    keys: [
      "id", "readable", "title", "title_short", "title_version", "link", "duration", "rank", "explicit_lyrics",
      "explicit_content_lyrics", "explicit_content_cover", "preview", "contributors", "md5_image", "artist",
      "album", "type",
    ],
    artist: "ref",
    album: "trackRef",
  },
} satisfies Record<string, { keys: string[]; artist: ArtistCut; album: AlbumCut | null }>;

export type PlaylistCut = keyof typeof PLAYLIST_CUTS;
// prettier-ignore
const PLAYLIST_CUTS = {
  // GET /playlist/{id} (test_get_playlist); `tracks` added by the caller
  full: [
    "id", "title", "description", "duration", "public", "is_loved_track", "collaborative", "nb_tracks", "fans",
    "link", "share", ...PIC, "checksum", "md5_image", "picture_type", "tracklist", "creation_date", "add_date",
    "mod_date", "creator", "type",
  ],
  // charts, search, artist playlists, recommendations (test_get_playlists_chart, test_search_playlists)
  summary: [
    "id", "title", "public", "nb_tracks", "link", ...PIC, "checksum", "tracklist", "creation_date", "add_date",
    "mod_date", "md5_image", "picture_type", "user", "type",
  ],
  // a user's playlists and top playlists (TestUser.test_get_playlists)
  user: [
    "id", "title", "duration", "public", "is_loved_track", "collaborative", "nb_tracks", "fans", "link", ...PIC,
    "checksum", "md5_image", "picture_type", "tracklist", "creation_date", "add_date", "mod_date", "creator", "type",
  ],
} satisfies Record<string, string[]>;

export type UserCut = keyof typeof USER_CUTS;
// prettier-ignore
const USER_CUTS = {
  // GET /user/me (test_get_current_user)
  self: [
    "id", "name", "lastname", "firstname", "email", "status", "birthday", "inscription_date", "gender", "link",
    ...PIC, "country", "lang", "is_kid", "explicit_content_level", "explicit_content_levels_available",
    "tracklist", "type",
  ],
  // GET /user/{someone else} (test_get_user)
  public: ["id", "name", "link", ...PIC, "country", "tracklist", "type"],
  // fans, followers, followings, search (TestPlaylist.test_get_fans)
  list: ["id", "name", "link", ...PIC, "tracklist", "type"],
  // playlist creators (test_get_playlist)
  ref: ["id", "name", "tracklist", "type"],
} satisfies Record<string, string[]>;

/** Puts contextual fields (`position`, `time_add`, `timestamp`) where Deezer does: before the nested objects. */
export function withExtras(object: Json, extras: Json): Json {
  const anchor = ["artist", "creator", "user", "type"].find((k) => k in object);
  const result: Json = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === anchor) Object.assign(result, extras);
    result[key] = value;
  }
  if (anchor === undefined) Object.assign(result, extras);
  return result;
}

function pick(full: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) if (key in full) out[key] = full[key];
  return out;
}

function sizes(prefix: "picture" | "cover", kind: string, hash: string, first: string): Json {
  const size = (px: number): string => `${CDN}/${kind}/${hash}/${px}x${px}-000000-80-0-0.jpg`;
  return {
    [prefix]: first,
    [`${prefix}_small`]: size(56),
    [`${prefix}_medium`]: size(250),
    [`${prefix}_big`]: size(500),
    [`${prefix}_xl`]: size(1000),
  };
}

function share(kind: string, id: number, path = kind): string {
  return `https://www.deezer.com/${path}/${id}?utm_source=deezer&utm_content=${kind}-${id}&utm_term=${SHARE_TERM}&utm_medium=web`;
}

export class Views {
  constructor(
    readonly state: DeezerState,
    /** The emulator's `deezerApi` base URL, without a trailing slash. */
    readonly api: string,
  ) {}

  artist(artist: ArtistSeed, cut: ArtistCut, role?: string): Json {
    const hash = pictureHash("artist", artist.id);
    const full: Json = {
      id: artist.id,
      name: artist.name,
      link: `https://www.deezer.com/artist/${artist.id}`,
      share: share("artist", artist.id),
      ...sizes("picture", "artist", hash, `${this.api}/artist/${artist.id}/image`),
      nb_album: this.state.albumsOfArtist(artist.id).length,
      nb_fan: artist.nbFan,
      radio: true,
      tracklist: `${this.api}/artist/${artist.id}/top?limit=50`,
      type: "artist",
      role: role ?? "Main",
    };
    return pick(full, ARTIST_CUTS[cut]);
  }

  artistById(id: number, cut: ArtistCut): Json {
    const artist = this.state.artists.get(id);
    if (!artist) throw new Error(`emulator seed: unknown artist ${id}`);
    return this.artist(artist, cut);
  }

  album(album: AlbumSeed, cut: AlbumCut): Json {
    const hash = pictureHash("cover", album.id);
    const genre = this.state.genres.get(album.genreId);
    const tracks = album.trackIds.map((id) => this.state.tracks.get(id)).filter((t) => t !== undefined);
    const full: Json = {
      id: album.id,
      title: album.title,
      upc: album.upc,
      link: `https://www.deezer.com/album/${album.id}`,
      share: share("album", album.id),
      ...sizes("cover", "cover", hash, `${this.api}/album/${album.id}/image`),
      md5_image: hash,
      genre_id: album.genreId,
      genres: {
        data: genre
          ? [
              {
                id: genre.id,
                name: genre.name,
                picture: `${this.api}/genre/${genre.id}/image`,
                type: "genre",
              },
            ]
          : [],
      },
      label: album.label,
      nb_tracks: album.trackIds.length,
      duration: tracks.reduce((sum, t) => sum + t.duration, 0),
      fans: album.fans + this.state.fansOf("albums", album.id).length,
      rating: 0,
      release_date: album.releaseDate,
      record_type: album.recordType,
      available: album.available,
      tracklist: `${this.api}/album/${album.id}/tracks`,
      explicit_lyrics: album.explicitLyrics,
      explicit_content_lyrics: album.explicitContentLyrics,
      explicit_content_cover: album.explicitContentCover,
      contributors: album.contributors.map((c) => this.contributor(c.artistId, c.role)),
      artist: this.artistById(album.artistId, ALBUM_ARTIST[cut]),
      type: "album",
    };
    return pick(full, ALBUM_CUTS[cut]);
  }

  albumById(id: number, cut: AlbumCut): Json {
    const album = this.state.albums.get(id);
    if (!album) throw new Error(`emulator seed: unknown album ${id}`);
    return this.album(album, cut);
  }

  private contributor(artistId: number, role: string): Json {
    const artist = this.state.artists.get(artistId);
    if (!artist) throw new Error(`emulator seed: unknown artist ${artistId}`);
    return this.artist(artist, "contributor", role);
  }

  track(track: TrackSeed, cut: TrackCut): Json {
    const spec = TRACK_CUTS[cut];
    const album = this.state.albums.get(track.albumId);
    const hash = pictureHash("cover", track.albumId);
    const full: Json = {
      id: track.id,
      readable: track.readable,
      title: track.title,
      title_short: track.titleShort,
      title_version: track.titleVersion,
      isrc: track.isrc,
      link: `https://www.deezer.com/track/${track.id}`,
      share: share("track", track.id),
      duration: track.duration,
      track_position: track.trackPosition,
      disk_number: track.diskNumber,
      rank: track.rank,
      release_date: track.releaseDate,
      explicit_lyrics: track.explicitLyrics,
      explicit_content_lyrics: track.explicitContentLyrics,
      explicit_content_cover: track.explicitContentCover,
      preview: `https://cdnt-preview.dzcdn.net/api/1/1/${imageHash(`preview:${track.id}`).slice(0, 1)}/${imageHash(`preview:${track.id}`)}.mp3`,
      bpm: track.bpm,
      gain: track.gain,
      available_countries: [...track.availableCountries],
      contributors: track.contributors.map((c) => this.contributor(c.artistId, c.role)),
      md5_image: hash,
      artist: this.artistById(track.artistId, spec.artist),
      type: "track",
    };
    if (spec.album !== null && album) full["album"] = this.album(album, spec.album);
    return pick(full, spec.keys);
  }

  trackById(id: number, cut: TrackCut): Json {
    const track = this.state.tracks.get(id);
    if (!track) throw new Error(`emulator seed: unknown track ${id}`);
    return this.track(track, cut);
  }

  /** A personal song has no catalogue artist or album: Deezer shows the names typed at upload, with ID 0. */
  personalSong(song: PersonalSongState): Json {
    return {
      id: song.id,
      readable: true,
      title: song.title,
      title_short: song.title,
      title_version: "",
      link: `https://www.deezer.com/track/${song.id}`,
      duration: song.duration,
      rank: 0,
      explicit_lyrics: false,
      explicit_content_lyrics: 0,
      explicit_content_cover: 0,
      preview: "",
      md5_image: "",
      artist: { id: 0, name: song.artist, tracklist: `${this.api}/artist/0/top?limit=50`, type: "artist" },
      album: {
        id: 0,
        title: song.album,
        md5_image: "",
        tracklist: `${this.api}/album/0/tracks`,
        type: "album",
      },
      type: "track",
    };
  }

  /** `checksum` of a list of IDs, the way Deezer signals "this list changed" (an MD5 of the content). */
  checksum(ids: readonly number[]): string {
    return md5Hex(ids.join(","));
  }

  /** User playlist lists carry a longer checksum (TestUser.test_get_playlists: 64 hex digits). */
  longChecksum(ids: readonly number[]): string {
    return sha256Hex(ids.join(","));
  }

  playlist(playlist: PlaylistState, cut: PlaylistCut): Json {
    const hash = pictureHash("playlist", playlist.id);
    const owner = this.state.users.get(playlist.ownerId);
    const ownerRef = owner ? this.user(owner, "ref") : null;
    const trackIds = playlist.tracks.map((t) => t.trackId);
    const full: Json = {
      id: playlist.id,
      title: playlist.title,
      description: playlist.description,
      duration: trackIds.reduce((sum, id) => sum + (this.state.tracks.get(id)?.duration ?? 0), 0),
      public: playlist.public,
      is_loved_track: playlist.isLovedTrack,
      collaborative: playlist.collaborative,
      nb_tracks: trackIds.length,
      fans: playlist.fans + this.state.fansOf("playlists", playlist.id).length,
      link: `https://www.deezer.com/playlist/${playlist.id}`,
      share: share("playlist", playlist.id),
      ...sizes("picture", "playlist", hash, `${this.api}/playlist/${playlist.id}/image`),
      checksum: this.checksum(trackIds),
      md5_image: hash,
      picture_type: "playlist",
      tracklist: `${this.api}/playlist/${playlist.id}/tracks`,
      creation_date: dateTime(playlist.createdAt),
      add_date: dateTime(playlist.createdAt),
      mod_date: dateTime(playlist.modifiedAt),
      creator: ownerRef,
      user: ownerRef,
      type: "playlist",
    };
    return pick(full, PLAYLIST_CUTS[cut]);
  }

  playlistTime(playlist: PlaylistState): Json {
    return { time_add: seconds(playlist.createdAt), time_mod: seconds(playlist.modifiedAt) };
  }

  user(user: UserSeed, cut: UserCut, options: { email?: boolean } = {}): Json {
    const hash = pictureHash("user", user.id);
    const full: Json = {
      id: user.id,
      name: user.name,
      lastname: user.lastname,
      firstname: user.firstname,
      email: user.email,
      status: user.status,
      birthday: user.birthday,
      inscription_date: user.inscriptionDate,
      gender: user.gender,
      link: `https://www.deezer.com/profile/${user.id}`,
      ...sizes("picture", "user", hash, `${this.api}/user/${user.id}/image`),
      country: user.country,
      lang: user.lang,
      is_kid: user.isKid,
      explicit_content_level: "explicit_display",
      explicit_content_levels_available: ["explicit_display", "explicit_no_recommendation", "explicit_hide"],
      tracklist: `${this.api}/user/${user.id}/flow`,
      type: "user",
    };
    const keys = USER_CUTS[cut].filter((k) => k !== "email" || options.email === true);
    return pick(full, keys);
  }

  /** A comment as `GET /comment/{id}` sends it, the shape of Deezer's documented comment object. */
  comment(comment: CommentSeed): Json {
    return {
      id: comment.id,
      text: comment.text,
      date: comment.date,
      object: { id: comment.object.id, type: comment.object.type },
      author: this.userById(comment.authorId, "list"),
      type: "comment",
    };
  }

  userById(id: number, cut: UserCut): Json {
    const user = this.state.users.get(id);
    if (!user) throw new Error(`emulator seed: unknown user ${id}`);
    return this.user(user, cut);
  }

  playlistById(id: number, cut: PlaylistCut): Json {
    const playlist = this.state.playlists.get(id);
    if (!playlist) throw new Error(`emulator state: unknown playlist ${id}`);
    return this.playlist(playlist, cut);
  }

  podcastById(id: number): Json {
    const podcast = this.state.podcasts.get(id);
    if (!podcast) throw new Error(`emulator seed: unknown podcast ${id}`);
    return this.podcast(podcast, "full");
  }

  radioById(id: number, cut: "full" | "list"): Json {
    const radio = this.state.radios.get(id);
    if (!radio) throw new Error(`emulator seed: unknown radio ${id}`);
    return this.radio(radio, cut);
  }

  podcast(podcast: PodcastSeed, cut: "full" | "ref"): Json {
    const hash = pictureHash("talk", podcast.id);
    const full: Json = {
      id: podcast.id,
      title: podcast.title,
      description: podcast.description,
      available: podcast.available,
      rating: 0,
      fans: podcast.fans + this.state.fansOf("podcasts", podcast.id).length,
      link: `https://www.deezer.com/show/${podcast.id}`,
      share: share("show", podcast.id),
      ...sizes("picture", "talk", hash, `${CDN}/talk/${hash}/180x180-000000-80-0-0.jpg`),
      type: "podcast",
    };
    // test_get_podcast, and the podcast inside test_get_episode
    const keys =
      cut === "full"
        ? ["id", "title", "description", "available", "rating", "fans", "link", "share", ...PIC, "type"]
        : ["id", "title", "link", ...PIC, "type"];
    return pick(full, keys);
  }

  episode(episode: EpisodeSeed, cut: "full" | "list"): Json {
    const podcast = this.state.podcasts.get(episode.podcastId);
    const hash = pictureHash("talk", episode.podcastId);
    const full: Json = {
      id: episode.id,
      title: episode.title,
      description: episode.description,
      available: episode.available,
      release_date: episode.releaseDate,
      duration: episode.duration,
      link: `https://www.deezer.com/episode/${episode.id}`,
      share: share("episode", episode.id),
      ...sizes("picture", "talk", hash, `${CDN}/talk/${hash}/180x180-000000-80-0-0.jpg`),
      podcast: podcast ? this.podcast(podcast, "ref") : null,
      type: "episode",
    };
    // test_get_episode; TestPodcast.test_get_episodes lists six fields only
    const keys =
      cut === "full"
        ? [
            "id",
            "title",
            "description",
            "available",
            "release_date",
            "duration",
            "link",
            "share",
            ...PIC,
            "podcast",
            "type",
          ]
        : ["id", "title", "release_date", "duration", "picture", "type"];
    return pick(full, keys);
  }

  radio(radio: RadioSeed, cut: "full" | "list"): Json {
    const hash = pictureHash("radio", radio.id);
    const full: Json = {
      id: radio.id,
      title: radio.title,
      description: radio.description,
      share: `https://www.deezer.com/mixes/genre/${radio.id}?utm_source=deezer&utm_content=mixes-genre-${radio.id}&utm_term=${SHARE_TERM}&utm_medium=web`,
      ...sizes("picture", "misc", hash, `${this.api}/radio/${radio.id}/image`),
      tracklist: `${this.api}/radio/${radio.id}/tracks`,
      md5_image: hash,
      type: "radio",
    };
    // test_get_radio; test_list_radios
    const keys =
      cut === "full"
        ? ["id", "title", "description", "share", ...PIC, "tracklist", "md5_image", "type"]
        : ["id", "title", ...PIC, "tracklist", "md5_image", "type"];
    return pick(full, keys);
  }

  genre(id: number, name: string): Json {
    const hash = pictureHash("genre", id);
    return { id, name, ...sizes("picture", "misc", hash, `${this.api}/genre/${id}/image`), type: "genre" };
  }

  /** Editorial pictures point straight at the CDN (test_get_editorial), unlike genre pictures. */
  editorial(id: number, name: string): Json {
    const hash = pictureHash("editorial", id);
    return {
      id,
      name,
      ...sizes("picture", "misc", hash, `${CDN}/misc/${hash}/180x180-000000-80-0-0.jpg`),
      type: "editorial",
    };
  }

  /** Where `GET /{kind}/{id}/image` redirects. */
  imageUrl(kind: string, id: number): string {
    const folder = kind === "album" ? "cover" : kind === "genre" || kind === "radio" ? "misc" : kind;
    const hash = pictureHash(kind === "album" ? "cover" : kind, id);
    return `${CDN}/${folder}/${hash}/500x500-000000-80-0-0.jpg`;
  }
}
