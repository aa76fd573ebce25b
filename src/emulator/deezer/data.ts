/**
 * The Deezer emulator's seed: an invented catalogue (artists, albums, tracks, genres, editorials, radios, podcasts),
 * five accounts and their libraries. Everything is deterministic so tests can name IDs; derived values (ISRCs,
 * UPCs, ranks, image hashes) come from stable hashes of labels, never from randomness.
 *
 * {@link createSeed} builds fresh objects on every call, so the mutable state of one emulator never leaks into
 * another.
 */
import { DEEZER_PERMISSIONS, type DeezerPermission } from "../../core/services.js";
import { imageHash, stableNumber } from "./util.js";

/** The emulated service knows the same permission names as the client. */
export type Permission = DeezerPermission;

export const ALL_PERMISSIONS: readonly Permission[] = DEEZER_PERMISSIONS;

export type ContributorRole = "Main" | "Featured";
export type RecordType = "album" | "ep" | "single" | "compile";

export interface Contributor {
  artistId: number;
  role: ContributorRole;
}

export interface GenreSeed {
  id: number;
  name: string;
}

export interface EditorialSeed {
  id: number;
  name: string;
}

export interface ArtistSeed {
  id: number;
  name: string;
  genreId: number;
  nbFan: number;
  /** Similar artists, most similar first. */
  related: number[];
}

export interface AlbumSeed {
  id: number;
  title: string;
  artistId: number;
  contributors: Contributor[];
  upc: string;
  label: string;
  genreId: number;
  releaseDate: string;
  recordType: RecordType;
  explicitLyrics: boolean;
  explicitContentLyrics: number;
  explicitContentCover: number;
  fans: number;
  /** `false` for a release that is not streamable in the emulated country: listed, but filtered from some pages. */
  available: boolean;
  trackIds: number[];
}

export interface TrackSeed {
  id: number;
  title: string;
  titleShort: string;
  titleVersion: string;
  albumId: number;
  artistId: number;
  contributors: Contributor[];
  isrc: string;
  duration: number;
  trackPosition: number;
  diskNumber: number;
  rank: number;
  bpm: number;
  gain: number;
  explicitLyrics: boolean;
  explicitContentLyrics: number;
  explicitContentCover: number;
  readable: boolean;
  availableCountries: string[];
  releaseDate: string;
}

export interface UserSeed {
  id: number;
  name: string;
  firstname: string;
  lastname: string;
  email: string;
  country: string;
  lang: string;
  birthday: string;
  inscriptionDate: string;
  gender: string;
  isKid: boolean;
  status: number;
}

export interface PlaylistTrackSeed {
  trackId: number;
  /** Unix seconds. */
  addedAt: number;
}

export interface PlaylistSeed {
  id: number;
  title: string;
  description: string;
  ownerId: number;
  public: boolean;
  collaborative: boolean;
  isLovedTrack: boolean;
  /** Unix milliseconds. */
  createdAt: number;
  modifiedAt: number;
  fans: number;
  tracks: PlaylistTrackSeed[];
  /** The genre whose charts and editorial pages list this playlist, if any. */
  genreId: number | null;
}

export interface PodcastSeed {
  id: number;
  title: string;
  description: string;
  genreId: number;
  fans: number;
  available: boolean;
  episodeIds: number[];
}

export interface EpisodeSeed {
  id: number;
  podcastId: number;
  title: string;
  description: string;
  releaseDate: string;
  duration: number;
  available: boolean;
}

export interface RadioSeed {
  id: number;
  title: string;
  description: string;
  genreId: number;
  /** Listed by `GET /radio/top`. */
  top: boolean;
}

/** A file the user uploaded ("personal song"): negative ID, visible only to its owner. */
export interface PersonalSongSeed {
  id: number;
  ownerId: number;
  title: string;
  artist: string;
  album: string;
  duration: number;
}

/** A comment on an album, artist or playlist. */
export interface CommentSeed {
  id: number;
  text: string;
  /** Unix seconds. */
  date: number;
  authorId: number;
  object: { type: "album" | "artist" | "playlist"; id: number };
}

/** `[id, unix seconds added]` */
export type Added = [number, number];

export interface LibrarySeed {
  userId: number;
  albums: Added[];
  artists: Added[];
  tracks: Added[];
  /** Playlists of other users the account follows (its own playlists are found through `ownerId`). */
  playlists: Added[];
  podcasts: Added[];
  radios: Added[];
  followings: Added[];
  /** `[trackId, unix seconds]`, newest first. */
  history: Added[];
  flow: number[];
  charts: { tracks: number[]; albums: number[]; artists: number[]; playlists: number[] };
  recommendations: {
    albums: number[];
    releases: number[];
    artists: number[];
    playlists: number[];
    radios: number[];
    tracks: number[];
  };
}

export interface DeezerSeed {
  mainUserId: number;
  genres: GenreSeed[];
  editorials: EditorialSeed[];
  artists: ArtistSeed[];
  albums: AlbumSeed[];
  tracks: TrackSeed[];
  users: UserSeed[];
  playlists: PlaylistSeed[];
  podcasts: PodcastSeed[];
  episodes: EpisodeSeed[];
  radios: RadioSeed[];
  personalSongs: PersonalSongSeed[];
  libraries: LibrarySeed[];
  comments: CommentSeed[];
}

// Genre IDs are Deezer's own (0 = all genres), so code written against the real service reads naturally.
export const GENRE = { all: 0, pop: 132, rap: 116, rock: 152, dance: 113, electro: 106, jazz: 129 } as const;

export const ARTIST = {
  velvetHarbor: 410001,
  miraSolenne: 410002,
  kaitoBrandt: 410003,
  lanternChoir: 410004,
  nadiaReyes: 410005,
  djQuillfeather: 410006,
  lowtideSyndicate: 410007,
  orlaComets: 410008,
  /** Deezer's own ID, so the README's examples read as they would against the real service. */
  daftPunk: 27,
} as const;

export const ALBUM = {
  saltInTheEngine: 720001,
  northernStatic: 720002,
  breakwater: 720003,
  liveAtTheLighthouse: 720004,
  paperSatellites: 720005,
  glasshouse: 720006,
  neonCartography: 720007,
  pulseTheory: 720008,
  midnightRemixes: 720009,
  hollowPines: 720010,
  blueHourSessions: 720011,
  featherweight: 720012,
  concreteTides: 720013,
  /** Not streamable in the emulated country (`available: false`, tracks not readable). */
  cometSeason: 720014,
  /** From the recordings (TestClient.test_get_album), with Deezer's own album and track IDs. */
  discovery: 302127,
} as const;

export const USER = {
  main: 2000001,
  tomasz: 2000002,
  aiko: 2000003,
  rafael: 2000004,
  editors: 2000005,
} as const;

export const PLAYLIST = {
  morningCommute: 880001,
  lateNightCoding: 880002,
  lovedTracks: 880003,
  /** 30 tracks, one of them unavailable: its pages come back one item short (see routes/playlists.ts). */
  rainySunday: 880004,
  gymRotation: 880005,
  electroEssentials: 880006,
  popRadar: 880007,
  jazzAfterDark: 880008,
  secretDemos: 880009,
  rockAnthems: 880010,
  hipHopHeat: 880011,
} as const;

export const COMMENT = {
  /** The first of three comments on album saltInTheEngine. */
  onAlbum: 5300001,
  onArtist: 5300004,
  onPlaylist: 5300006,
  /** On the private playlist lateNightCoding: readable by its owner only. */
  onPrivatePlaylist: 5300008,
} as const;

export const PODCAST = {
  signalAndNoise: 60001,
  blueNoteHour: 60002,
  popAutopsy: 60003,
  backstagePass: 60004,
} as const;

export const RADIO = {
  popMix: 31001,
  rockMix: 31002,
  electroMix: 31003,
  jazzLounge: 31004,
  rapMix: 31005,
  danceFloor: 31006,
  chillEvenings: 31007,
  workoutEnergy: 31008,
  indieDiscoveries: 31009,
} as const;

// prettier-ignore
const COUNTRIES = [
  "AT", "AU", "BE", "BR", "CA", "CH", "CZ", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IT", "JP",
  "LU", "MX", "NL", "NO", "NZ", "PL", "PT", "SE", "SG", "US", "ZA",
];

interface TrackSpec {
  /** Deezer's own ID for a track taken from the recordings; others are numbered from 9100001. */
  id?: number;
  title: string;
  duration: number;
  bpm: number;
  version?: string;
  featuring?: number[];
  /** Replaces the album artist as the track's main artist(s). */
  mains?: number[];
  explicit?: boolean;
}

interface AlbumSpec {
  id: number;
  title: string;
  artist: number;
  alsoMain?: number[];
  type: RecordType;
  date: string;
  label: string;
  genre: number;
  explicit?: boolean;
  available?: boolean;
  fans: number;
  /** ISRC country + registrant, e.g. `GBVHR`. */
  isrcPrefix: string;
  /** The recorded UPC of an album taken from the recordings; others get one derived from the ID. */
  upc?: string;
  tracks: TrackSpec[];
}

function t(
  title: string,
  duration: number,
  bpm: number,
  extra: Omit<TrackSpec, "title" | "duration" | "bpm"> = {},
): TrackSpec {
  return { title, duration, bpm, ...extra };
}

const ALBUM_SPECS: AlbumSpec[] = [
  {
    id: ALBUM.saltInTheEngine,
    title: "Salt in the Engine",
    artist: ARTIST.velvetHarbor,
    type: "album",
    date: "2019-04-12",
    label: "Harbor Lights Records",
    genre: GENRE.rock,
    fans: 48211,
    isrcPrefix: "GBVHR",
    tracks: [
      t("Salt in the Engine", 236, 128),
      t("Harbor Lights", 211, 118),
      t("Rust & Radio", 198, 134),
      t("Tidewater", 254, 96),
      t("Anchor Song", 187, 122),
      t("Gulls Over Leith", 229, 110),
      t("Paper Lanterns", 243, 104),
      t("The Long Crossing", 301, 88),
      t("Engine Room Lullaby", 276, 72),
    ],
  },
  {
    id: ALBUM.northernStatic,
    title: "Northern Static",
    artist: ARTIST.velvetHarbor,
    type: "album",
    date: "2022-09-30",
    label: "Harbor Lights Records",
    genre: GENRE.rock,
    fans: 36904,
    isrcPrefix: "GBVHR",
    tracks: [
      t("Northern Static", 219, 126),
      t("Signal Fires", 205, 132),
      t("Aurora Switchboard", 262, 100),
      t("Cold Front", 193, 140),
      t("Low Orbit", 240, 92),
      t("Frost on the Antenna", 228, 114),
      t("Static Bloom", 315, 84),
    ],
  },
  {
    id: ALBUM.breakwater,
    title: "Breakwater",
    artist: ARTIST.velvetHarbor,
    type: "single",
    date: "2023-06-02",
    label: "Harbor Lights Records",
    genre: GENRE.rock,
    fans: 5120,
    isrcPrefix: "GBVHR",
    tracks: [t("Breakwater", 214, 124)],
  },
  {
    id: ALBUM.liveAtTheLighthouse,
    title: "Live at the Lighthouse",
    artist: ARTIST.velvetHarbor,
    type: "album",
    date: "2024-02-16",
    label: "Harbor Lights Records",
    genre: GENRE.rock,
    fans: 2890,
    isrcPrefix: "GBVHR",
    tracks: [
      t("Harbor Lights", 248, 116, { version: "(Live)" }),
      t("Signal Fires", 233, 130, { version: "(Live)" }),
      t("Salt in the Engine", 262, 126, { version: "(Live)" }),
    ],
  },
  {
    id: ALBUM.paperSatellites,
    title: "Paper Satellites",
    artist: ARTIST.miraSolenne,
    type: "album",
    date: "2021-03-19",
    label: "Solenne Music",
    genre: GENRE.pop,
    fans: 301877,
    isrcPrefix: "FRMSL",
    tracks: [
      t("Paper Satellites", 201, 118),
      t("Golden Hour Static", 188, 104),
      t("Velvet Weather", 214, 96),
      t("Lightyears", 196, 122, { featuring: [ARTIST.kaitoBrandt] }),
      t("Satellite Heart", 209, 110),
      t("Orbiting You", 223, 100),
      t("Midnight Telephone", 191, 126),
      t("Soft Landing", 240, 84),
    ],
  },
  {
    id: ALBUM.glasshouse,
    title: "Glasshouse",
    artist: ARTIST.miraSolenne,
    type: "ep",
    date: "2023-11-10",
    label: "Solenne Music",
    genre: GENRE.pop,
    fans: 88450,
    isrcPrefix: "FRMSL",
    tracks: [
      t("Glasshouse", 205, 112),
      t("Fragile Things", 217, 98),
      t("Mirror Maze", 199, 120),
      t("Glasshouse", 226, 90, { version: "(Acoustic)" }),
    ],
  },
  {
    id: ALBUM.neonCartography,
    title: "Neon Cartography",
    artist: ARTIST.kaitoBrandt,
    type: "album",
    date: "2020-10-23",
    label: "Gridline Audio",
    genre: GENRE.electro,
    fans: 120334,
    isrcPrefix: "DEKBR",
    tracks: [
      t("Neon Cartography", 312, 124),
      t("Gridlines", 287, 126),
      t("Vector Rain", 295, 128),
      t("Subway Aurora", 268, 122),
      t("Night Bus to Nowhere", 334, 118),
      t("Pixel Tide", 276, 130),
      t("Afterglow Protocol", 359, 120),
    ],
  },
  {
    id: ALBUM.pulseTheory,
    title: "Pulse Theory",
    artist: ARTIST.kaitoBrandt,
    type: "ep",
    date: "2024-05-24",
    label: "Gridline Audio",
    genre: GENRE.electro,
    fans: 21778,
    isrcPrefix: "DEKBR",
    tracks: [t("Pulse Theory", 254, 128), t("Heartbeat Algorithm", 241, 130), t("Quiet Voltage", 289, 100)],
  },
  {
    id: ALBUM.midnightRemixes,
    title: "Midnight Remixes",
    artist: ARTIST.kaitoBrandt,
    alsoMain: [ARTIST.djQuillfeather],
    type: "ep",
    date: "2024-09-13",
    label: "Gridline Audio",
    genre: GENRE.dance,
    fans: 9031,
    isrcPrefix: "DEKBR",
    tracks: [
      t("Gridlines", 318, 124, {
        version: "(Quillfeather Remix)",
        mains: [ARTIST.kaitoBrandt, ARTIST.djQuillfeather],
      }),
      t("Featherweight", 296, 126, {
        version: "(Kaito Brandt Remix)",
        mains: [ARTIST.djQuillfeather, ARTIST.kaitoBrandt],
      }),
    ],
  },
  {
    id: ALBUM.hollowPines,
    title: "Hollow Pines",
    artist: ARTIST.lanternChoir,
    type: "album",
    date: "2018-01-26",
    label: "Timberline",
    genre: GENRE.rock,
    fans: 17342,
    isrcPrefix: "IELCH",
    tracks: [
      t("Hollow Pines", 247, 88),
      t("Candle in the Rafters", 262, 76),
      t("Woodsmoke Hymn", 281, 70),
      t("The Ferryman's Daughter", 233, 96),
      t("Winter Orchard", 305, 64),
    ],
  },
  {
    id: ALBUM.blueHourSessions,
    title: "Blue Hour Sessions",
    artist: ARTIST.nadiaReyes,
    type: "album",
    date: "2017-06-09",
    label: "Quiet Room Jazz",
    genre: GENRE.jazz,
    fans: 26510,
    isrcPrefix: "USNRJ",
    tracks: [
      t("Blue Hour", 386, 82),
      t("Smoke Rings", 342, 96),
      t("Velvet Weather", 401, 74),
      t("Last Tram Home", 364, 88),
    ],
  },
  {
    id: ALBUM.featherweight,
    title: "Featherweight",
    artist: ARTIST.djQuillfeather,
    type: "single",
    date: "2022-07-15",
    label: "Plume Records",
    genre: GENRE.dance,
    fans: 64012,
    isrcPrefix: "NLQFR",
    tracks: [t("Featherweight", 203, 124), t("Featherweight", 372, 124, { version: "(Extended Mix)" })],
  },
  {
    id: ALBUM.concreteTides,
    title: "Concrete Tides",
    artist: ARTIST.lowtideSyndicate,
    type: "album",
    date: "2023-03-03",
    label: "Undertow Collective",
    genre: GENRE.rap,
    explicit: true,
    fans: 142687,
    isrcPrefix: "USLTS",
    tracks: [
      t("Concrete Tides", 198, 92, { explicit: true }),
      t("Undertow", 214, 88, { explicit: true, featuring: [ARTIST.miraSolenne] }),
      t("Streetlight Sermon", 187, 95, { explicit: true }),
      t("Rooftop Ciphers", 226, 90, { explicit: true }),
      t("High Water Mark", 241, 86),
    ],
  },
  {
    id: ALBUM.cometSeason,
    title: "Comet Season",
    artist: ARTIST.orlaComets,
    type: "album",
    date: "2020-08-07",
    label: "Orbit Sounds",
    genre: GENRE.pop,
    available: false,
    fans: 7604,
    isrcPrefix: "AUOTC",
    tracks: [
      t("Comet Season", 192, 120),
      t("Tailspin", 204, 134),
      t("Stardust Postcard", 218, 110),
      t("Meteor Shower Motel", 236, 102),
    ],
  },
  {
    id: ALBUM.discovery,
    title: "Discovery",
    artist: ARTIST.daftPunk,
    type: "album",
    date: "2001-03-07",
    label: "Parlophone France",
    genre: GENRE.dance,
    fans: 191086,
    isrcPrefix: "GBDUW",
    upc: "724384960650",
    tracks: [
      t("One More Time", 320, 123, { id: 3135553 }),
      t("Aerodynamic", 212, 123, { id: 3135554 }),
      t("Digital Love", 301, 125, { id: 3135555 }),
      t("Harder Better Faster Stronger", 224, 123, { id: 3135556 }),
      t("Crescendolls", 211, 123, { id: 3135557 }),
      t("Nightvision", 104, 80, { id: 3135558 }),
      t("Superheroes", 237, 125, { id: 3135559 }),
      t("High Life", 201, 125, { id: 3135560 }),
      t("Something About Us", 232, 100, { id: 3135561 }),
      t("Voyager", 227, 117, { id: 3135562 }),
      t("Veridis Quo", 345, 107, { id: 3135563 }),
      t("Short Circuit", 206, 115, { id: 3135564 }),
      t("Face To Face", 240, 120, { id: 3135565 }),
      t("Too Long", 600, 118, { id: 3135566 }),
    ],
  },
];

function upcFor(albumId: number): string {
  const body = `84${String(albumId).padStart(9, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (i % 2 === 0 ? 3 : 1);
  return body + String((10 - (sum % 10)) % 10);
}

function buildCatalogue(): { albums: AlbumSeed[]; tracks: TrackSeed[] } {
  const albums: AlbumSeed[] = [];
  const tracks: TrackSeed[] = [];
  let nextTrackId = 9100001;
  for (const spec of ALBUM_SPECS) {
    const available = spec.available ?? true;
    const year = spec.date.slice(2, 4);
    const album: AlbumSeed = {
      id: spec.id,
      title: spec.title,
      artistId: spec.artist,
      contributors: [spec.artist, ...(spec.alsoMain ?? [])].map((artistId) => ({ artistId, role: "Main" })),
      upc: spec.upc ?? upcFor(spec.id),
      label: spec.label,
      genreId: spec.genre,
      releaseDate: spec.date,
      recordType: spec.type,
      explicitLyrics: spec.explicit ?? false,
      explicitContentLyrics: spec.explicit ? 1 : 0,
      explicitContentCover: spec.explicit ? 1 : 0,
      fans: spec.fans,
      available,
      trackIds: [],
    };
    spec.tracks.forEach((ts, i) => {
      const id = ts.id ?? nextTrackId++;
      const mains = ts.mains ?? [spec.artist];
      const contributors: Contributor[] = [
        ...mains.map((artistId): Contributor => ({ artistId, role: "Main" })),
        ...(ts.featuring ?? []).map((artistId): Contributor => ({ artistId, role: "Featured" })),
      ];
      const version = ts.version ?? "";
      const designation = String(id % 100000).padStart(5, "0");
      tracks.push({
        id,
        title: version === "" ? ts.title : `${ts.title} ${version}`,
        titleShort: ts.title,
        titleVersion: version,
        albumId: spec.id,
        artistId: mains[0] as number,
        contributors,
        isrc: `${spec.isrcPrefix}${year}${designation}`,
        duration: ts.duration,
        trackPosition: i + 1,
        diskNumber: 1,
        rank: 180000 + stableNumber(`rank:${id}`, 790000),
        bpm: ts.bpm,
        gain: -Math.round((5 + stableNumber(`gain:${id}`, 90) / 10) * 10) / 10,
        explicitLyrics: ts.explicit ?? false,
        explicitContentLyrics: ts.explicit ? 1 : 0,
        explicitContentCover: spec.explicit ? 1 : 0,
        readable: available,
        availableCountries: available ? [...COUNTRIES] : [],
        releaseDate: spec.date,
      });
      album.trackIds.push(id);
    });
    albums.push(album);
  }
  return { albums, tracks };
}

/** Seconds of a `YYYY-MM-DD HH:MM:SS` UTC time, for the seed's time stamps. */
function at(text: string): number {
  return Math.floor(Date.parse(`${text.replace(" ", "T")}Z`) / 1000);
}

export function createSeed(): DeezerSeed {
  const { albums, tracks } = buildCatalogue();
  const track = (albumId: number, position: number): number => {
    const album = albums.find((a) => a.id === albumId);
    const id = album?.trackIds[position - 1];
    if (id === undefined) throw new Error(`seed: album ${albumId} has no track ${position}`);
    return id;
  };
  const allOf = (albumId: number): number[] => [...(albums.find((a) => a.id === albumId)?.trackIds ?? [])];
  const stamped = (ids: number[], start: string, stepSeconds: number): PlaylistTrackSeed[] =>
    ids.map((trackId, i) => ({ trackId, addedAt: at(start) + i * stepSeconds }));

  const genres: GenreSeed[] = [
    { id: GENRE.all, name: "All" },
    { id: GENRE.pop, name: "Pop" },
    { id: GENRE.rap, name: "Rap/Hip Hop" },
    { id: GENRE.rock, name: "Rock" },
    { id: GENRE.dance, name: "Dance" },
    { id: GENRE.electro, name: "Electro" },
    { id: GENRE.jazz, name: "Jazz" },
  ];
  const editorials: EditorialSeed[] = [
    { id: GENRE.all, name: "All" },
    { id: GENRE.pop, name: "Pop" },
    { id: GENRE.rap, name: "Rap/Hip Hop" },
    { id: GENRE.rock, name: "Rock" },
    { id: GENRE.electro, name: "Electro" },
    { id: GENRE.jazz, name: "Jazz" },
  ];
  const artists: ArtistSeed[] = [
    {
      id: ARTIST.velvetHarbor,
      name: "Velvet Harbor",
      genreId: GENRE.rock,
      nbFan: 182340,
      related: [ARTIST.lanternChoir, ARTIST.orlaComets, ARTIST.miraSolenne],
    },
    {
      id: ARTIST.miraSolenne,
      name: "Mira Solenne",
      genreId: GENRE.pop,
      nbFan: 1264071,
      related: [ARTIST.orlaComets, ARTIST.kaitoBrandt, ARTIST.lowtideSyndicate, ARTIST.velvetHarbor],
    },
    {
      id: ARTIST.kaitoBrandt,
      name: "Kaito Brandt",
      genreId: GENRE.electro,
      nbFan: 402118,
      related: [ARTIST.djQuillfeather, ARTIST.miraSolenne],
    },
    {
      id: ARTIST.lanternChoir,
      name: "The Lantern Choir",
      genreId: GENRE.rock,
      nbFan: 58220,
      related: [ARTIST.velvetHarbor, ARTIST.nadiaReyes],
    },
    {
      id: ARTIST.nadiaReyes,
      name: "Nadia Reyes",
      genreId: GENRE.jazz,
      nbFan: 91377,
      related: [ARTIST.lanternChoir],
    },
    {
      id: ARTIST.djQuillfeather,
      name: "DJ Quillfeather",
      genreId: GENRE.dance,
      nbFan: 233005,
      related: [ARTIST.kaitoBrandt, ARTIST.lowtideSyndicate],
    },
    {
      id: ARTIST.lowtideSyndicate,
      name: "Lowtide Syndicate",
      genreId: GENRE.rap,
      nbFan: 517862,
      related: [ARTIST.djQuillfeather, ARTIST.miraSolenne],
    },
    {
      id: ARTIST.orlaComets,
      name: "Orla & the Comets",
      genreId: GENRE.pop,
      nbFan: 34519,
      related: [ARTIST.miraSolenne, ARTIST.velvetHarbor],
    },
    {
      id: ARTIST.daftPunk,
      name: "Daft Punk",
      genreId: GENRE.dance,
      nbFan: 4791536,
      related: [ARTIST.djQuillfeather, ARTIST.kaitoBrandt],
    },
  ];
  const users: UserSeed[] = [
    {
      id: USER.main,
      name: "Ines Marlow",
      firstname: "Ines",
      lastname: "Marlow",
      email: "ines.marlow@example.com",
      country: "FR",
      lang: "en",
      birthday: "1991-05-14",
      inscriptionDate: "2012-03-08",
      gender: "F",
      isKid: false,
      status: 2,
    },
    {
      id: USER.tomasz,
      name: "Tomasz Weber",
      firstname: "Tomasz",
      lastname: "Weber",
      email: "tomasz.weber@example.com",
      country: "PL",
      lang: "pl",
      birthday: "1986-11-02",
      inscriptionDate: "2010-07-21",
      gender: "M",
      isKid: false,
      status: 0,
    },
    {
      id: USER.aiko,
      name: "Aiko Tanabe",
      firstname: "Aiko",
      lastname: "Tanabe",
      email: "aiko.tanabe@example.com",
      country: "JP",
      lang: "ja",
      birthday: "1998-02-27",
      inscriptionDate: "2019-01-15",
      gender: "F",
      isKid: false,
      status: 1,
    },
    {
      id: USER.rafael,
      name: "Rafael Dumont",
      firstname: "Rafael",
      lastname: "Dumont",
      email: "rafael.dumont@example.com",
      country: "BE",
      lang: "fr",
      birthday: "0000-00-00",
      inscriptionDate: "2016-09-30",
      gender: "",
      isKid: false,
      status: 0,
    },
    {
      id: USER.editors,
      name: "Harbor Editorial",
      firstname: "",
      lastname: "",
      email: "editorial@example.com",
      country: "FR",
      lang: "en",
      birthday: "0000-00-00",
      inscriptionDate: "2009-05-04",
      gender: "",
      isKid: false,
      status: 0,
    },
  ];

  const rainySunday = [
    track(ALBUM.hollowPines, 1),
    track(ALBUM.blueHourSessions, 1),
    track(ALBUM.saltInTheEngine, 4),
    track(ALBUM.paperSatellites, 8),
    track(ALBUM.hollowPines, 2),
    track(ALBUM.blueHourSessions, 2),
    track(ALBUM.northernStatic, 5),
    track(ALBUM.glasshouse, 2),
    track(ALBUM.saltInTheEngine, 9),
    track(ALBUM.paperSatellites, 3),
    // Not streamable here: counted in `total` and `nb_tracks`, left out of the `data` of its page.
    track(ALBUM.cometSeason, 3),
    track(ALBUM.hollowPines, 3),
    track(ALBUM.blueHourSessions, 3),
    track(ALBUM.northernStatic, 7),
    track(ALBUM.glasshouse, 4),
    track(ALBUM.neonCartography, 5),
    track(ALBUM.hollowPines, 4),
    track(ALBUM.blueHourSessions, 4),
    track(ALBUM.saltInTheEngine, 7),
    track(ALBUM.paperSatellites, 6),
    track(ALBUM.hollowPines, 5),
    track(ALBUM.pulseTheory, 3),
    track(ALBUM.saltInTheEngine, 8),
    track(ALBUM.northernStatic, 3),
    track(ALBUM.glasshouse, 1),
    track(ALBUM.neonCartography, 7),
    track(ALBUM.paperSatellites, 1),
    track(ALBUM.saltInTheEngine, 6),
    track(ALBUM.northernStatic, 6),
    track(ALBUM.concreteTides, 5),
  ];

  const playlists: PlaylistSeed[] = [
    {
      id: PLAYLIST.morningCommute,
      title: "Morning Commute",
      description: "Songs for the 8:12 train.",
      ownerId: USER.main,
      public: true,
      collaborative: false,
      isLovedTrack: false,
      createdAt: at("2021-09-01 07:45:12") * 1000,
      modifiedAt: at("2024-10-02 08:01:40") * 1000,
      fans: 3,
      genreId: null,
      tracks: stamped(
        [
          track(ALBUM.paperSatellites, 1),
          track(ALBUM.saltInTheEngine, 2),
          track(ALBUM.neonCartography, 2),
          track(ALBUM.glasshouse, 1),
          track(ALBUM.featherweight, 1),
          track(ALBUM.northernStatic, 2),
          track(ALBUM.concreteTides, 1),
          track(ALBUM.paperSatellites, 5),
          track(ALBUM.pulseTheory, 1),
          track(ALBUM.saltInTheEngine, 1),
          track(ALBUM.breakwater, 1),
          track(ALBUM.paperSatellites, 4),
        ],
        "2021-09-01 07:50:00",
        86400,
      ),
    },
    {
      id: PLAYLIST.lateNightCoding,
      title: "Late Night Coding",
      description: "",
      ownerId: USER.main,
      public: false,
      collaborative: false,
      isLovedTrack: false,
      createdAt: at("2022-01-17 23:12:05") * 1000,
      modifiedAt: at("2024-06-11 00:20:33") * 1000,
      fans: 0,
      genreId: null,
      tracks: stamped(
        [
          ...allOf(ALBUM.neonCartography).slice(0, 5),
          track(ALBUM.pulseTheory, 3),
          track(ALBUM.midnightRemixes, 1),
          track(ALBUM.blueHourSessions, 4),
        ],
        "2022-01-17 23:15:00",
        3600,
      ),
    },
    {
      id: PLAYLIST.lovedTracks,
      title: "Loved Tracks",
      description: "",
      ownerId: USER.main,
      public: true,
      collaborative: false,
      isLovedTrack: true,
      createdAt: at("2012-03-08 19:02:11") * 1000,
      modifiedAt: at("2024-08-19 18:30:00") * 1000,
      fans: 0,
      genreId: null,
      tracks: stamped(
        [track(ALBUM.saltInTheEngine, 1), track(ALBUM.paperSatellites, 4), track(ALBUM.blueHourSessions, 1)],
        "2019-05-02 20:00:00",
        172800,
      ),
    },
    {
      id: PLAYLIST.rainySunday,
      title: "Rainy Sunday",
      description: "Grey skies, warm tea, slow songs.",
      ownerId: USER.tomasz,
      public: true,
      collaborative: false,
      isLovedTrack: false,
      createdAt: at("2020-11-08 14:03:00") * 1000,
      modifiedAt: at("2024-03-10 16:44:21") * 1000,
      fans: 812,
      genreId: null,
      tracks: stamped(rainySunday, "2020-11-08 14:05:00", 600),
    },
    {
      id: PLAYLIST.gymRotation,
      title: "Gym Rotation",
      description: "Collaborative: add what gets you through leg day.",
      ownerId: USER.aiko,
      public: true,
      collaborative: true,
      isLovedTrack: false,
      createdAt: at("2023-02-01 06:30:00") * 1000,
      modifiedAt: at("2024-09-20 06:10:00") * 1000,
      fans: 57,
      genreId: null,
      tracks: stamped(
        [
          track(ALBUM.featherweight, 1),
          track(ALBUM.concreteTides, 1),
          track(ALBUM.pulseTheory, 2),
          track(ALBUM.northernStatic, 4),
          track(ALBUM.midnightRemixes, 2),
          track(ALBUM.concreteTides, 4),
          track(ALBUM.neonCartography, 6),
          track(ALBUM.saltInTheEngine, 3),
          track(ALBUM.glasshouse, 3),
          track(ALBUM.featherweight, 2),
        ],
        "2023-02-01 06:35:00",
        1800,
      ),
    },
    {
      id: PLAYLIST.electroEssentials,
      title: "Electro Essentials",
      description: "The producers shaping electronic music right now.",
      ownerId: USER.editors,
      public: true,
      collaborative: false,
      isLovedTrack: false,
      createdAt: at("2016-04-12 10:00:00") * 1000,
      modifiedAt: at("2024-09-16 09:00:00") * 1000,
      fans: 54210,
      genreId: GENRE.electro,
      tracks: stamped(
        [
          ...allOf(ALBUM.neonCartography),
          ...allOf(ALBUM.pulseTheory),
          ...allOf(ALBUM.midnightRemixes),
          track(ALBUM.featherweight, 1),
        ],
        "2024-09-16 09:00:00",
        0,
      ),
    },
    {
      id: PLAYLIST.popRadar,
      title: "Pop Radar",
      description: "New and rising pop, refreshed every Friday.",
      ownerId: USER.editors,
      public: true,
      collaborative: false,
      isLovedTrack: false,
      createdAt: at("2017-05-17 10:12:00") * 1000,
      modifiedAt: at("2024-09-13 08:00:00") * 1000,
      fans: 98341,
      genreId: GENRE.pop,
      tracks: stamped(
        [...allOf(ALBUM.glasshouse), ...allOf(ALBUM.paperSatellites), track(ALBUM.concreteTides, 2)],
        "2024-09-13 08:00:00",
        0,
      ),
    },
    {
      id: PLAYLIST.jazzAfterDark,
      title: "Jazz After Dark",
      description: "Low lights, brushed drums.",
      ownerId: USER.editors,
      public: true,
      collaborative: false,
      isLovedTrack: false,
      createdAt: at("2015-10-02 21:00:00") * 1000,
      modifiedAt: at("2023-12-01 21:00:00") * 1000,
      fans: 12874,
      genreId: GENRE.jazz,
      tracks: stamped(
        [...allOf(ALBUM.blueHourSessions), track(ALBUM.hollowPines, 3)],
        "2023-12-01 21:00:00",
        0,
      ),
    },
    {
      id: PLAYLIST.secretDemos,
      title: "Secret Demos",
      description: "Not for sharing yet.",
      ownerId: USER.rafael,
      public: false,
      collaborative: false,
      isLovedTrack: false,
      createdAt: at("2024-04-04 12:00:00") * 1000,
      modifiedAt: at("2024-04-05 12:00:00") * 1000,
      fans: 0,
      genreId: null,
      tracks: stamped(
        [track(ALBUM.concreteTides, 3), track(ALBUM.breakwater, 1), track(ALBUM.glasshouse, 4)],
        "2024-04-04 12:10:00",
        60,
      ),
    },
    {
      id: PLAYLIST.rockAnthems,
      title: "Rock Anthems",
      description: "Guitars up.",
      ownerId: USER.editors,
      public: true,
      collaborative: false,
      isLovedTrack: false,
      createdAt: at("2014-06-27 09:09:31") * 1000,
      modifiedAt: at("2024-08-30 09:00:00") * 1000,
      fans: 40233,
      genreId: GENRE.rock,
      tracks: stamped(
        [
          ...allOf(ALBUM.saltInTheEngine).slice(0, 4),
          ...allOf(ALBUM.northernStatic).slice(0, 4),
          track(ALBUM.breakwater, 1),
          track(ALBUM.hollowPines, 1),
          track(ALBUM.hollowPines, 4),
        ],
        "2024-08-30 09:00:00",
        0,
      ),
    },
    {
      id: PLAYLIST.hipHopHeat,
      title: "Hip-Hop Heat",
      description: "Bars only.",
      ownerId: USER.editors,
      public: true,
      collaborative: false,
      isLovedTrack: false,
      createdAt: at("2018-02-09 11:00:00") * 1000,
      modifiedAt: at("2024-09-06 11:00:00") * 1000,
      fans: 66102,
      genreId: GENRE.rap,
      tracks: stamped(
        [...allOf(ALBUM.concreteTides), track(ALBUM.featherweight, 1)],
        "2024-09-06 11:00:00",
        0,
      ),
    },
  ];

  const podcastSpecs: {
    podcast: Omit<PodcastSeed, "episodeIds">;
    episodes: [string, string, string, number][];
  }[] = [
    {
      podcast: {
        id: PODCAST.signalAndNoise,
        title: "Signal & Noise",
        description:
          "Producers take apart one track per episode: the synths, the samples, the mistakes they kept.",
        genreId: GENRE.electro,
        fans: 4210,
        available: true,
      },
      episodes: [
        [
          "Building 'Gridlines' from a broken arpeggiator",
          "Kaito Brandt on happy accidents.",
          "2024-06-03 06:00:00",
          2870,
        ],
        ["Sidechain, the honest way", "Why pumping is a choice, not a default.", "2024-06-17 06:00:00", 2412],
        [
          "Field recordings in the subway",
          "Turning train brakes into percussion.",
          "2024-07-01 06:00:00",
          3105,
        ],
        ["Remix etiquette", "DJ Quillfeather on stems, credits and trust.", "2024-09-16 06:00:00", 2698],
      ],
    },
    {
      podcast: {
        id: PODCAST.blueNoteHour,
        title: "The Blue Note Hour",
        description: "A weekly walk through jazz history, one record at a time.",
        genreId: GENRE.jazz,
        fans: 1877,
        available: true,
      },
      episodes: [
        ["The ballad as a workshop", "How slow tempos expose everything.", "2023-10-05 18:00:00", 3540],
        ["Smoke Rings and the late set", "Nadia Reyes remembers the sessions.", "2023-10-12 18:00:00", 3311],
        ["Brushes, not sticks", "A short history of quiet drumming.", "2023-10-19 18:00:00", 2987],
      ],
    },
    {
      podcast: {
        id: PODCAST.popAutopsy,
        title: "Pop Autopsy",
        description: "Two critics dissect the songs everybody is humming.",
        genreId: GENRE.pop,
        fans: 9630,
        available: true,
      },
      episodes: [
        ["Why 'Paper Satellites' works", "Verse, pre-chorus, lift-off.", "2024-01-08 05:00:00", 1988],
        [
          "The acoustic version trap",
          "When stripping a song down adds something.",
          "2024-01-15 05:00:00",
          2104,
        ],
        ["Features that feel earned", "Guest verses, good and bad.", "2024-01-22 05:00:00", 2230],
        [
          "Key changes are back",
          "A statistical look at the truck-driver modulation.",
          "2024-01-29 05:00:00",
          1875,
        ],
        ["Mailbag: your guilty pleasures", "Listener picks, no judgement.", "2024-02-05 05:00:00", 2466],
      ],
    },
    {
      podcast: {
        id: PODCAST.backstagePass,
        title: "Backstage Pass",
        description: "Tour stories from the people who carry the amps.",
        genreId: GENRE.rock,
        fans: 733,
        available: true,
      },
      episodes: [
        [
          "Lighthouse shows and salt air",
          "Velvet Harbor's crew on recording live by the sea.",
          "2024-02-20 12:00:00",
          2755,
        ],
        ["The van that would not start", "A winter tour, told by the driver.", "2024-03-05 12:00:00", 2321],
      ],
    },
  ];
  const podcasts: PodcastSeed[] = [];
  const episodes: EpisodeSeed[] = [];
  let nextEpisodeId = 6100001;
  for (const spec of podcastSpecs) {
    const episodeIds: number[] = [];
    for (const [title, description, releaseDate, duration] of spec.episodes) {
      const id = nextEpisodeId++;
      episodeIds.push(id);
      episodes.push({
        id,
        podcastId: spec.podcast.id,
        title,
        description,
        releaseDate,
        duration,
        available: true,
      });
    }
    podcasts.push({ ...spec.podcast, episodeIds });
  }

  const radios: RadioSeed[] = [
    { id: RADIO.popMix, title: "Pop Mix", description: "Pop Mix", genreId: GENRE.pop, top: true },
    { id: RADIO.rockMix, title: "Rock Mix", description: "Rock Mix", genreId: GENRE.rock, top: true },
    {
      id: RADIO.electroMix,
      title: "Electro Mix",
      description: "Electro Mix",
      genreId: GENRE.electro,
      top: true,
    },
    {
      id: RADIO.jazzLounge,
      title: "Jazz Lounge",
      description: "Jazz Lounge",
      genreId: GENRE.jazz,
      top: false,
    },
    { id: RADIO.rapMix, title: "Rap Mix", description: "Rap Mix", genreId: GENRE.rap, top: true },
    {
      id: RADIO.danceFloor,
      title: "Dance Floor",
      description: "Dance Floor",
      genreId: GENRE.dance,
      top: true,
    },
    {
      id: RADIO.chillEvenings,
      title: "Chill Evenings",
      description: "Slow songs for late hours",
      genreId: GENRE.jazz,
      top: false,
    },
    {
      id: RADIO.workoutEnergy,
      title: "Workout Energy",
      description: "High tempo, no breaks",
      genreId: GENRE.dance,
      top: true,
    },
    {
      id: RADIO.indieDiscoveries,
      title: "Indie Discoveries",
      description: "Guitar bands worth knowing",
      genreId: GENRE.rock,
      top: false,
    },
  ];

  const personalSongs: PersonalSongSeed[] = [
    {
      id: -1000001,
      ownerId: USER.main,
      title: "Voice Memo 14",
      artist: "Ines Marlow",
      album: "Voice Memos",
      duration: 94,
    },
    {
      id: -1000002,
      ownerId: USER.main,
      title: "Garage Jam (Rough Mix)",
      artist: "Ines Marlow & friends",
      album: "Garage Tapes",
      duration: 412,
    },
  ];

  const libraries: LibrarySeed[] = [
    {
      userId: USER.main,
      albums: [
        [ALBUM.paperSatellites, at("2021-03-20 09:14:00")],
        [ALBUM.neonCartography, at("2021-06-02 22:41:00")],
        [ALBUM.blueHourSessions, at("2022-12-24 17:05:00")],
      ],
      artists: [
        [ARTIST.velvetHarbor, at("2019-04-13 10:00:00")],
        [ARTIST.kaitoBrandt, at("2020-11-01 21:30:00")],
        [ARTIST.nadiaReyes, at("2021-02-14 19:45:00")],
        [ARTIST.lowtideSyndicate, at("2023-03-05 12:12:00")],
      ],
      tracks: [
        [track(ALBUM.saltInTheEngine, 1), at("2019-05-02 20:00:00")],
        [track(ALBUM.paperSatellites, 4), at("2021-03-21 08:30:00")],
        [track(ALBUM.neonCartography, 2), at("2021-06-02 22:45:00")],
        [track(ALBUM.blueHourSessions, 1), at("2022-12-24 17:10:00")],
        [track(ALBUM.featherweight, 1), at("2023-01-07 23:59:00")],
        [track(ALBUM.concreteTides, 2), at("2023-03-05 12:20:00")],
        [track(ALBUM.hollowPines, 3), at("2023-11-19 07:02:00")],
        [track(ALBUM.northernStatic, 1), at("2024-08-19 18:30:00")],
      ],
      playlists: [
        [PLAYLIST.electroEssentials, at("2021-06-05 21:00:00")],
        [PLAYLIST.rainySunday, at("2023-10-29 15:20:00")],
      ],
      podcasts: [
        [PODCAST.signalAndNoise, at("2024-06-04 07:30:00")],
        [PODCAST.blueNoteHour, at("2023-10-06 19:00:00")],
      ],
      radios: [
        [RADIO.electroMix, at("2022-02-02 20:20:00")],
        [RADIO.jazzLounge, at("2022-12-25 10:00:00")],
      ],
      followings: [
        [USER.tomasz, at("2018-04-01 12:00:00")],
        [USER.aiko, at("2023-02-02 07:00:00")],
      ],
      history: [
        [track(ALBUM.pulseTheory, 2), at("2024-10-03 08:21:40")],
        [track(ALBUM.paperSatellites, 1), at("2024-10-03 08:17:59")],
        [track(ALBUM.concreteTides, 2), at("2024-10-02 22:04:11")],
        [track(ALBUM.hollowPines, 3), at("2024-10-02 21:55:02")],
        [track(ALBUM.neonCartography, 2), at("2024-10-02 19:30:45")],
        [track(ALBUM.saltInTheEngine, 1), at("2024-10-01 07:58:13")],
      ],
      flow: [
        track(ALBUM.glasshouse, 1),
        track(ALBUM.northernStatic, 2),
        track(ALBUM.pulseTheory, 1),
        track(ALBUM.blueHourSessions, 2),
        track(ALBUM.midnightRemixes, 1),
        track(ALBUM.concreteTides, 4),
        track(ALBUM.hollowPines, 1),
        track(ALBUM.paperSatellites, 7),
      ],
      charts: {
        tracks: [
          track(ALBUM.paperSatellites, 4),
          track(ALBUM.neonCartography, 2),
          track(ALBUM.saltInTheEngine, 1),
          track(ALBUM.concreteTides, 2),
          track(ALBUM.pulseTheory, 2),
          track(ALBUM.blueHourSessions, 1),
        ],
        albums: [ALBUM.paperSatellites, ALBUM.neonCartography, ALBUM.saltInTheEngine, ALBUM.concreteTides],
        artists: [ARTIST.miraSolenne, ARTIST.kaitoBrandt, ARTIST.velvetHarbor, ARTIST.lowtideSyndicate],
        playlists: [PLAYLIST.morningCommute, PLAYLIST.electroEssentials, PLAYLIST.lateNightCoding],
      },
      recommendations: {
        albums: [
          ALBUM.northernStatic,
          ALBUM.glasshouse,
          ALBUM.pulseTheory,
          ALBUM.hollowPines,
          ALBUM.featherweight,
        ],
        releases: [ALBUM.midnightRemixes, ALBUM.pulseTheory, ALBUM.liveAtTheLighthouse],
        artists: [ARTIST.miraSolenne, ARTIST.djQuillfeather, ARTIST.lanternChoir, ARTIST.orlaComets],
        playlists: [PLAYLIST.popRadar, PLAYLIST.jazzAfterDark, PLAYLIST.gymRotation],
        radios: [RADIO.danceFloor, RADIO.chillEvenings, RADIO.indieDiscoveries],
        tracks: [
          track(ALBUM.glasshouse, 3),
          track(ALBUM.northernStatic, 3),
          track(ALBUM.pulseTheory, 1),
          track(ALBUM.featherweight, 2),
          track(ALBUM.hollowPines, 2),
          track(ALBUM.paperSatellites, 6),
          track(ALBUM.concreteTides, 5),
          track(ALBUM.neonCartography, 4),
        ],
      },
    },
    emptyLibrary(USER.tomasz, {
      albums: [
        [ALBUM.saltInTheEngine, at("2019-04-20 11:00:00")],
        [ALBUM.hollowPines, at("2018-02-01 09:00:00")],
      ],
      artists: [
        [ARTIST.velvetHarbor, at("2019-04-20 11:01:00")],
        [ARTIST.lanternChoir, at("2018-02-01 09:01:00")],
      ],
      tracks: [
        [track(ALBUM.hollowPines, 1), at("2018-02-01 09:05:00")],
        [track(ALBUM.saltInTheEngine, 4), at("2019-04-20 11:05:00")],
        [track(ALBUM.blueHourSessions, 3), at("2020-01-11 20:00:00")],
        [track(ALBUM.northernStatic, 5), at("2022-10-01 10:00:00")],
        [track(ALBUM.glasshouse, 2), at("2023-11-12 14:00:00")],
      ],
      playlists: [[PLAYLIST.jazzAfterDark, at("2020-01-11 20:10:00")]],
      podcasts: [[PODCAST.backstagePass, at("2024-02-21 08:00:00")]],
      radios: [[RADIO.rockMix, at("2019-05-01 10:00:00")]],
      followings: [
        [USER.main, at("2018-04-02 09:00:00")],
        [USER.editors, at("2015-01-01 00:00:00")],
      ],
    }),
    emptyLibrary(USER.aiko, {
      albums: [
        [ALBUM.paperSatellites, at("2021-04-01 12:00:00")],
        [ALBUM.featherweight, at("2022-07-16 08:00:00")],
      ],
      artists: [
        [ARTIST.miraSolenne, at("2021-04-01 12:01:00")],
        [ARTIST.djQuillfeather, at("2022-07-16 08:01:00")],
      ],
      tracks: [
        [track(ALBUM.featherweight, 1), at("2022-07-16 08:02:00")],
        [track(ALBUM.concreteTides, 1), at("2023-03-04 18:00:00")],
        [track(ALBUM.pulseTheory, 2), at("2024-05-25 07:00:00")],
        [track(ALBUM.paperSatellites, 5), at("2021-04-01 12:05:00")],
      ],
      playlists: [[PLAYLIST.electroEssentials, at("2023-02-01 06:00:00")]],
      followings: [[USER.tomasz, at("2023-02-03 08:00:00")]],
    }),
    emptyLibrary(USER.rafael, {
      albums: [
        [ALBUM.concreteTides, at("2023-03-03 23:00:00")],
        [ALBUM.discovery, at("2021-03-07 20:00:00")],
      ],
      artists: [[ARTIST.lowtideSyndicate, at("2023-03-03 23:01:00")]],
      tracks: [
        [track(ALBUM.concreteTides, 3), at("2023-03-03 23:05:00")],
        [track(ALBUM.breakwater, 1), at("2023-06-03 10:00:00")],
        [track(ALBUM.midnightRemixes, 2), at("2024-09-14 01:00:00")],
      ],
      followings: [[USER.main, at("2024-01-10 10:00:00")]],
    }),
    emptyLibrary(USER.editors),
  ];

  return {
    mainUserId: USER.main,
    genres,
    editorials,
    artists,
    albums,
    tracks,
    users,
    playlists,
    podcasts,
    episodes,
    radios,
    personalSongs,
    libraries,
    comments: seedComments(),
  };
}

/** A few comments by the seed's accounts, oldest first. */
function seedComments(): CommentSeed[] {
  const on = (type: CommentSeed["object"]["type"], id: number) => ({ type, id });
  // prettier-ignore
  return [
    { id: COMMENT.onAlbum, text: "The opening track still gives me chills.", date: at("2021-05-02 18:30:00"), authorId: USER.tomasz, object: on("album", ALBUM.saltInTheEngine) },
    { id: COMMENT.onAlbum + 1, text: "Best record of the year, no contest.", date: at("2021-06-11 09:12:00"), authorId: USER.aiko, object: on("album", ALBUM.saltInTheEngine) },
    { id: COMMENT.onAlbum + 2, text: "Side B grows on you.", date: at("2022-01-23 21:45:00"), authorId: USER.main, object: on("album", ALBUM.saltInTheEngine) },
    { id: COMMENT.onArtist, text: "Saw them live in Lisbon, unforgettable.", date: at("2022-08-14 23:05:00"), authorId: USER.rafael, object: on("artist", ARTIST.velvetHarbor) },
    { id: COMMENT.onArtist + 1, text: "Please tour Japan!", date: at("2023-03-02 04:20:00"), authorId: USER.aiko, object: on("artist", ARTIST.velvetHarbor) },
    { id: COMMENT.onPlaylist, text: "Perfect for the train.", date: at("2023-09-18 07:40:00"), authorId: USER.tomasz, object: on("playlist", PLAYLIST.morningCommute) },
    { id: COMMENT.onPlaylist + 1, text: "Added two of these to my own list.", date: at("2024-02-05 08:02:00"), authorId: USER.rafael, object: on("playlist", PLAYLIST.morningCommute) },
    { id: COMMENT.onPrivatePlaylist, text: "Note to self: more ambient.", date: at("2024-04-01 01:00:00"), authorId: USER.main, object: on("playlist", PLAYLIST.lateNightCoding) },
  ];
}

/** A library with nothing in it but `parts`: the seed's sparse accounts, and any account seen first at runtime. */
export function emptyLibrary(userId: number, parts: Partial<Omit<LibrarySeed, "userId">> = {}): LibrarySeed {
  return {
    userId,
    albums: [],
    artists: [],
    tracks: [],
    playlists: [],
    podcasts: [],
    radios: [],
    followings: [],
    history: [],
    flow: [],
    charts: { tracks: [], albums: [], artists: [], playlists: [] },
    recommendations: { albums: [], releases: [], artists: [], playlists: [], radios: [], tracks: [] },
    ...parts,
  };
}

/** Image hashes for every kind of picture, stable per entity. */
export function pictureHash(kind: string, id: number): string {
  // Genre 0 and editorial 0 have no artwork: Deezer leaves the hash empty (`images/misc//56x56-…`).
  if ((kind === "genre" || kind === "editorial") && id === 0) return "";
  return imageHash(`${kind}:${id}`);
}
