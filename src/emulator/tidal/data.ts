/**
 * The emulator's invented TIDAL catalogue and accounts. Everything here is fictional and deterministic: IDs are
 * literals, artwork UUIDs and mix IDs are derived from labels. {@link createSeed} returns a fresh copy for every
 * emulator, so one run's edits never leak into another's.
 *
 * Shapes worth knowing when writing tests:
 * - album 4710001 "Tidewater" has 12 tracks and a video; tracks 6 and 11 are not available in the US, so its
 *   track list for `countryCode=US` holds 10 tracks (`numberOfTracks` stays 12), as real region-dependent lists do.
 * - album 4710003 "Paper Moons" spans two volumes; its track 7 is not available in GB.
 * - album 4710004 "Fern Sessions" is not available in DE at all.
 * - the main user (200100001) has a subscription, the second user (200100002) does not.
 */
import { stableMixId, stableNumber, stableUuid } from "./util.js";

export type ArtistRole = "MAIN" | "FEATURED";

export interface ArtistSeed {
  id: number;
  name: string;
  picture: string | null;
  popularity: number;
  artistTypes: string[];
  roles: { category: string; categoryId: number }[];
  /** TIDAL profile user id of the artist, when the artist has claimed one. */
  userId: number | null;
  bio: { text: string; summary: string; source: string; lastUpdated: string } | null;
  links: { siteName: string; url: string }[];
  similar: number[];
  mixId: string;
}

export interface CreditSeed {
  type: string;
  contributors: { name: string; id?: number }[];
}

export interface AlbumSeed {
  id: number;
  title: string;
  artists: { id: number; type: ArtistRole }[];
  type: "ALBUM" | "EP" | "SINGLE" | "COMPILATION";
  releaseDate: string;
  copyright: string;
  upc: string;
  cover: string;
  vibrantColor: string;
  videoCover: string | null;
  explicit: boolean;
  popularity: number;
  audioQuality: string;
  audioModes: string[];
  tags: string[];
  version: string | null;
  numberOfVolumes: number;
  unavailableIn: string[];
  review: { text: string; summary: string; source: string; lastUpdated: string } | null;
  credits: CreditSeed[];
  similar: number[];
}

export interface TrackSeed {
  id: number;
  albumId: number;
  title: string;
  trackNumber: number;
  volumeNumber: number;
  duration: number;
  artists: { id: number; type: ArtistRole }[];
  isrc: string;
  explicit: boolean;
  popularity: number;
  replayGain: number;
  peak: number;
  bpm: number;
  key: string;
  keyScale: string;
  version: string | null;
  unavailableIn: string[];
  lyrics: string | null;
  credits: CreditSeed[];
  mixId: string;
  /** Tracks of hi-res albums also have a "master" track mix (fixtures/tidal/yambs/tracks_58823194_US.json). */
  masterMixId: string | null;
}

export interface VideoSeed {
  id: number;
  title: string;
  albumId: number | null;
  trackNumber: number;
  volumeNumber: number;
  artists: { id: number; type: ArtistRole }[];
  releaseDate: string;
  duration: number;
  quality: string;
  imageId: string;
  vibrantColor: string;
  explicit: boolean;
  popularity: number;
  unavailableIn: string[];
  contributors: { name: string; role: string }[];
}

export interface MixSeed {
  id: string;
  title: string;
  subTitle: string;
  mixType: string;
  /** Square artwork UUID (served by the resources host under the `mix` sizes). */
  image: string;
  trackIds: number[];
  /** Personal mixes belong to one user; catalogue mixes (artist/track) have `null`. */
  ownerId: number | null;
}

export interface PlaylistItemSeed {
  type: "track" | "video";
  id: number;
  itemUuid: string;
  added: number;
}

export interface PlaylistSeed {
  uuid: string;
  title: string;
  description: string;
  /** `0` marks an editorial playlist. */
  ownerId: number;
  type: "USER" | "EDITORIAL";
  isPublic: boolean;
  created: number;
  lastUpdated: number;
  image: string;
  squareImage: string;
  popularity: number;
  items: PlaylistItemSeed[];
  /** Strictly increasing; the ETag is derived from it. */
  version: number;
}

export interface UserSeed {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  countryCode: string;
  created: number;
  picture: string | null;
  subscription: {
    type: string;
    premiumAccess: boolean;
    highestSoundQuality: string;
    status: string;
    startDate: number;
    validUntil: number;
  };
}

export interface FolderSeed {
  id: string;
  ownerId: number;
  name: string;
  /** `"root"` or another folder's id. */
  parent: string;
  created: number;
  lastModified: number;
}

/** Where a playlist sits in a user's v2 my-collection tree. */
export interface CollectionEntrySeed {
  uuid: string;
  parent: string;
  added: number;
}

export interface FavouriteSeed<T> {
  id: T;
  added: number;
}

export interface CollectionSeed {
  albums: FavouriteSeed<number>[];
  artists: FavouriteSeed<number>[];
  tracks: FavouriteSeed<number>[];
  videos: FavouriteSeed<number>[];
  /** Followed (favourite) playlists of other users or editors, with their folder placement. */
  playlists: CollectionEntrySeed[];
  /** Placement of the user's own playlists in the folder tree. */
  ownPlaylists: CollectionEntrySeed[];
  mixes: FavouriteSeed<string>[];
  blockedTracks: FavouriteSeed<number>[];
  blockedArtists: FavouriteSeed<number>[];
  blockedVideos: FavouriteSeed<number>[];
  blockedUsers: FavouriteSeed<number>[];
  following: FavouriteSeed<number>[];
}

export interface FeedActivitySeed {
  userId: number;
  albumId: number;
  occurredAt: number;
  seen: boolean;
}

export interface TidalSeed {
  artists: ArtistSeed[];
  albums: AlbumSeed[];
  tracks: TrackSeed[];
  videos: VideoSeed[];
  mixes: MixSeed[];
  playlists: PlaylistSeed[];
  users: UserSeed[];
  folders: FolderSeed[];
  collections: Map<number, CollectionSeed>;
  feed: FeedActivitySeed[];
}

export const MAIN_USER_ID = 200100001;
export const SECOND_USER_ID = 200100002;
export const THIRD_USER_ID = 200100003;

/** Artwork kinds, each with the sizes the resources host serves (spec §2.11; `mix`/`user` are this emulator's). */
export const ARTWORK_SIZES = {
  album: ["1280x1280", "1080x1080", "750x750", "640x640", "320x320", "160x160", "80x80"],
  artist: ["750x750", "480x480", "320x320", "160x160"],
  playlist: ["1280x1280", "480x480", "320x320", "160x160"],
  video: ["1280x720", "800x450", "640x360", "320x180", "160x90"],
  mix: ["1500x1500", "640x640", "320x320"],
  user: ["600x600", "210x210", "100x100"],
} as const;
export type ArtworkKind = keyof typeof ARTWORK_SIZES;

const ms = (iso: string): number => Date.parse(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso);

const art = (label: string): string => stableUuid(`artwork:${label}`);

interface AlbumPlan {
  id: number;
  title: string;
  artistId: number;
  type: AlbumSeed["type"];
  releaseDate: string;
  label: string;
  vibrantColor: string;
  audioQuality: string;
  tags: string[];
  audioModes?: string[];
  explicit?: boolean;
  popularity: number;
  volumes?: number[];
  /** Track titles; a `{ title, … }` entry adds details. */
  tracks: (string | TrackPlan)[];
  unavailableIn?: string[];
  animatedCover?: boolean;
  review?: string;
  similar: number[];
  producer: { name: string; id?: number };
  /** An album taken from the recordings keeps its recorded artwork, UPC and copyright line. */
  cover?: string;
  upc?: string;
  copyright?: string;
}

interface TrackPlan {
  /** A track taken from the recordings keeps TIDAL's own ID, length and ISRC; others are numbered from 5810001. */
  id?: number;
  duration?: number;
  isrc?: string;
  title: string;
  featuring?: number;
  explicit?: boolean;
  unavailableIn?: string[];
  version?: string;
  lyrics?: string;
}

const COMPOSERS = ["Jonah Pike", "Ines Carver", "Ruth Alvarez", "Oskar Wend", "Tamsin Hale"];

const ARTIST_ROLES = {
  artist: { category: "Artist", categoryId: -1 },
  songwriter: { category: "Songwriter", categoryId: 2 },
  producer: { category: "Producer", categoryId: 1 },
  engineer: { category: "Engineer", categoryId: 3 },
};

function artists(): ArtistSeed[] {
  const make = (
    id: number,
    name: string,
    popularity: number,
    extra: Partial<ArtistSeed> & Pick<ArtistSeed, "similar">,
  ): ArtistSeed => ({
    id,
    name,
    picture: art(`artist:${id}`),
    popularity,
    artistTypes: ["ARTIST", "CONTRIBUTOR"],
    roles: [ARTIST_ROLES.artist, ARTIST_ROLES.songwriter],
    userId: null,
    bio: null,
    links: [],
    mixId: stableMixId(`artist-mix:${id}`),
    ...extra,
  });
  return [
    make(3850001, "Harbor Lights", 61, {
      userId: 190550001,
      bio: {
        text: 'Harbor Lights began as a four-track project recorded in a boathouse and grew into a five-piece band known for long, slowly building songs. Their album [wimpLink albumId="4710001"]Tidewater[/wimpLink] was made over a single winter.',
        summary: "Boathouse recordings turned into a five-piece band.",
        source: "Emulator Editorial",
        lastUpdated: "2023-09-14T08:30:00.000+0000",
      },
      links: [
        { siteName: "OFFICIAL_HOMEPAGE", url: "https://harbor-lights.example/" },
        { siteName: "INSTAGRAM", url: "https://social.example/harborlights" },
        { siteName: "WIKIPEDIA", url: "https://wiki.example/Harbor_Lights" },
      ],
      similar: [3850003, 3850002, 3850006],
    }),
    make(3850002, "Mira Okafor", 54, {
      bio: {
        text: 'Mira Okafor writes piano songs about cities at night. [wimpLink artistId="3850005"]Sol Varga[/wimpLink] sings on her second album.',
        summary: "Piano songs about cities at night.",
        source: "Emulator Editorial",
        lastUpdated: "2022-01-03T12:00:00.000+0000",
      },
      links: [{ siteName: "OFFICIAL_HOMEPAGE", url: "https://mira-okafor.example/" }],
      similar: [3850005, 3850001],
    }),
    make(3850003, "The Quiet Ferns", 37, { similar: [3850001] }),
    make(3850004, "DJ Kestrel", 48, {
      roles: [ARTIST_ROLES.artist, ARTIST_ROLES.producer],
      bio: {
        text: "DJ Kestrel plays long sets of slow house music and produces for other artists.",
        summary: "Slow house sets and production work.",
        source: "Emulator Editorial",
        lastUpdated: "2023-06-01T00:00:00.000+0000",
      },
      links: [{ siteName: "SOUNDCLOUD", url: "https://audio.example/djkestrel" }],
      similar: [3850002],
    }),
    make(3850005, "Sol Varga", 22, {
      picture: null,
      artistTypes: ["ARTIST", "CONTRIBUTOR"],
      roles: [ARTIST_ROLES.artist],
      similar: [3850002],
    }),
    make(3850006, "Northbound Brass", 12, {
      roles: [ARTIST_ROLES.artist, ARTIST_ROLES.engineer],
      similar: [3850001],
    }),
    // From the recordings (album 24700142), with TIDAL's own IDs, so the README's examples read as real ones.
    make(608, "Alice In Chains", 71, { picture: "d1891eaf-b367-4181-9775-e5a3940d97c7", similar: [] }),
  ];
}

const ALBUM_PLANS: AlbumPlan[] = [
  {
    id: 4710001,
    title: "Tidewater",
    artistId: 3850001,
    type: "ALBUM",
    releaseDate: "2018-08-10",
    label: "Boathouse Records",
    vibrantColor: "#4a8fb8",
    audioQuality: "LOSSLESS",
    tags: ["LOSSLESS", "HIRES_LOSSLESS"],
    popularity: 58,
    animatedCover: true,
    review:
      "Tidewater takes its time. Twelve songs that rise and fall like the water in the title, recorded over one winter in a boathouse.",
    similar: [4710002, 4710004, 4710003],
    producer: { name: "Ines Carver", id: 3859001 },
    tracks: [
      { title: "Low Water", lyrics: "Low water in the morning\nboats asleep along the line" },
      "Salt Lines",
      { title: "Harbor Song", featuring: 3850005 },
      "Ropes and Rails",
      "Lighthouse Keeper",
      { title: "Undertow", unavailableIn: ["US"] },
      "Spring Tide",
      { title: "Mooring", lyrics: "Tie it down, tie it down\nthe mooring holds" },
      "Nautical Dawn",
      "Fog Signal",
      { title: "Undertow", version: "Reprise", unavailableIn: ["US"] },
      "High Water",
    ],
  },
  {
    id: 4710002,
    title: "Night Ferry",
    artistId: 3850001,
    type: "EP",
    releaseDate: "2020-03-06",
    label: "Boathouse Records",
    vibrantColor: "#22334f",
    audioQuality: "LOSSLESS",
    tags: ["LOSSLESS"],
    popularity: 41,
    similar: [4710001],
    producer: { name: "Ines Carver", id: 3859001 },
    tracks: ["Last Crossing", "Deck Lights", "Engine Hum", "Pier Nine", "Arrival"],
  },
  {
    id: 4710003,
    title: "Paper Moons",
    artistId: 3850002,
    type: "ALBUM",
    releaseDate: "2021-10-22",
    label: "Okafor Songs",
    vibrantColor: "#d7b46a",
    audioQuality: "HI_RES_LOSSLESS",
    tags: ["LOSSLESS", "HIRES_LOSSLESS"],
    popularity: 52,
    volumes: [4, 4],
    review: "A two-sided record: four songs for the evening, four for the hours after midnight.",
    similar: [4710001, 4710005],
    producer: { name: "Mira Okafor", id: 3850002 },
    tracks: [
      { title: "Paper Moons", lyrics: "Paper moons on the window\nlight that isn't mine" },
      "Crosstown",
      { title: "Two Lanterns", featuring: 3850005 },
      { title: "Neon Vespers", explicit: true },
      "After Hours",
      "Streetcar",
      { title: "Quiet Avenue", unavailableIn: ["GB"] },
      "Dawn Bus",
    ],
  },
  {
    id: 4710004,
    title: "Fern Sessions",
    artistId: 3850003,
    type: "ALBUM",
    releaseDate: "2016-04-08",
    label: "Understory",
    vibrantColor: "#5f8a4c",
    audioQuality: "LOSSLESS",
    tags: ["LOSSLESS"],
    popularity: 30,
    unavailableIn: ["DE"],
    similar: [4710001],
    producer: { name: "Tomas Reed" },
    tracks: ["Frond", "Spores", "Canopy", "Forest Floor"],
  },
  {
    id: 4710005,
    title: "Kestrel Nights",
    artistId: 3850004,
    type: "ALBUM",
    releaseDate: "2023-05-19",
    label: "Hover",
    vibrantColor: "#8a3fd1",
    audioQuality: "HI_RES_LOSSLESS",
    tags: ["LOSSLESS", "HIRES_LOSSLESS", "DOLBY_ATMOS"],
    audioModes: ["STEREO", "DOLBY_ATMOS"],
    explicit: true,
    popularity: 49,
    similar: [4710003],
    producer: { name: "DJ Kestrel", id: 3850004 },
    tracks: [
      "Hover",
      { title: "Wingbeat", explicit: true },
      "Thermals",
      { title: "Stoop", featuring: 3850002 },
      "Night Field",
      "Roost",
    ],
  },
  {
    id: 4710006,
    title: "Lantern",
    artistId: 3850001,
    type: "SINGLE",
    releaseDate: "2024-01-12",
    label: "Boathouse Records",
    vibrantColor: "#f2b134",
    audioQuality: "LOSSLESS",
    tags: ["LOSSLESS"],
    popularity: 44,
    similar: [4710002],
    producer: { name: "Ines Carver", id: 3859001 },
    tracks: ["Lantern"],
  },
  {
    id: 4710007,
    title: "Brass Horizons",
    artistId: 3850006,
    type: "COMPILATION",
    releaseDate: "2012-11-02",
    label: "Northbound",
    vibrantColor: "#b8860b",
    audioQuality: "HIGH",
    tags: [],
    popularity: 11,
    similar: [],
    producer: { name: "Pat Lindqvist" },
    tracks: ["Horizon March", "Valve Oil", "Coda for Tubas"],
  },
  {
    // Recorded: fixtures/tidal/yambs/album_24700142_US.json and tracks_24700142_US.json.
    id: 24700142,
    title: "Sap",
    artistId: 608,
    type: "EP",
    releaseDate: "1992-02-01",
    label: "Columbia",
    vibrantColor: "#c7b06f",
    audioQuality: "HI_RES",
    tags: ["LOSSLESS", "HIRES_LOSSLESS"],
    popularity: 27,
    similar: [],
    producer: { name: "Rick Parashar" },
    cover: "d546be20-d268-46ab-874c-29364764407f",
    upc: "884977869965",
    copyright: "(P) 1992 Sony Music Entertainment",
    tracks: [
      { id: 24700143, title: "Brother", duration: 267, isrc: "USSM10024274" },
      { id: 24700144, title: "Got Me Wrong", duration: 250, isrc: "USSM19100538" },
      { id: 24700145, title: "Right Turn", duration: 194, isrc: "USSM19100555" },
      { id: 24700146, title: "Am I Inside", duration: 308, isrc: "USSM19100537" },
      { id: 24700147, title: "Love Song", duration: 225, isrc: "USSM10700075" },
    ],
  },
];

function albumsAndTracks(): { albums: AlbumSeed[]; tracks: TrackSeed[] } {
  const albums: AlbumSeed[] = [];
  const tracks: TrackSeed[] = [];
  let nextTrackId = 5810001;
  for (const plan of ALBUM_PLANS) {
    const volumes = plan.volumes ?? [plan.tracks.length];
    let index = 0;
    for (let volume = 1; volume <= volumes.length; volume++) {
      const count = volumes[volume - 1] ?? 0;
      for (let number = 1; number <= count; number++) {
        const entry = plan.tracks[index++];
        const details: TrackPlan =
          typeof entry === "string" ? { title: entry } : (entry ?? { title: "Untitled" });
        const id = details.id ?? nextTrackId++;
        const trackArtists: TrackSeed["artists"] = [{ id: plan.artistId, type: "MAIN" }];
        if (details.featuring !== undefined) trackArtists.push({ id: details.featuring, type: "FEATURED" });
        const credits: CreditSeed[] = [
          { type: "Producer", contributors: [plan.producer] },
          {
            type: "Composer",
            contributors: [
              { name: COMPOSERS[stableNumber(`composer:${id}`, COMPOSERS.length)] ?? "Jonah Pike" },
            ],
          },
        ];
        if (details.featuring !== undefined) {
          credits.push({ type: "Vocal", contributors: [{ name: "Sol Varga", id: details.featuring }] });
        }
        tracks.push({
          id,
          albumId: plan.id,
          title: details.title,
          trackNumber: number,
          volumeNumber: volume,
          duration: details.duration ?? 150 + stableNumber(`duration:${id}`, 240),
          artists: trackArtists,
          isrc: details.isrc ?? `QZEMU${String(plan.releaseDate.slice(2, 4))}${String(id).slice(-5)}`,
          explicit: details.explicit ?? false,
          popularity: Math.max(1, plan.popularity - stableNumber(`pop:${id}`, 20)),
          replayGain: -(6 + stableNumber(`gain:${id}`, 600) / 100),
          peak: 0.9 + stableNumber(`peak:${id}`, 99) / 1000,
          bpm: 70 + stableNumber(`bpm:${id}`, 80),
          key: ["C", "D", "E", "F", "G", "A", "B"][stableNumber(`key:${id}`, 7)] ?? "C",
          keyScale: stableNumber(`scale:${id}`, 2) === 0 ? "MAJOR" : "MINOR",
          version: details.version ?? null,
          unavailableIn: details.unavailableIn ?? [],
          lyrics: details.lyrics ?? null,
          credits,
          mixId: stableMixId(`track-mix:${id}`),
          masterMixId: plan.tags.includes("HIRES_LOSSLESS") ? stableMixId(`master-track-mix:${id}`) : null,
        });
      }
    }
    const year = plan.releaseDate.slice(0, 4);
    const credits: CreditSeed[] = [
      { type: "Producer", contributors: [plan.producer] },
      { type: "Mastering Engineer", contributors: [{ name: "Dana Holm" }] },
      { type: "Record Label", contributors: [{ name: plan.label }] },
    ];
    if (plan.id === 4710001) {
      credits.push({ type: "Photography", contributors: [{ name: "Lee Marsh" }] });
    }
    albums.push({
      id: plan.id,
      title: plan.title,
      artists: [{ id: plan.artistId, type: "MAIN" }],
      type: plan.type,
      releaseDate: plan.releaseDate,
      copyright: plan.copyright ?? `${year} ${plan.label}`,
      upc: plan.upc ?? `00${String(plan.id)}${String(plan.id).slice(-4)}`,
      cover: plan.cover ?? art(`album:${plan.id}`),
      vibrantColor: plan.vibrantColor,
      videoCover: plan.animatedCover ? art(`album-video:${plan.id}`) : null,
      explicit: plan.explicit ?? false,
      popularity: plan.popularity,
      audioQuality: plan.audioQuality,
      audioModes: plan.audioModes ?? ["STEREO"],
      tags: plan.tags,
      version: null,
      numberOfVolumes: volumes.length,
      unavailableIn: plan.unavailableIn ?? [],
      review: plan.review
        ? {
            text: plan.review,
            summary: plan.review.split(".")[0] ?? plan.review,
            source: "Emulator Reviews",
            lastUpdated: `${plan.releaseDate}T09:00:00.000+0000`,
          }
        : null,
      credits,
      similar: plan.similar,
    });
  }
  return { albums, tracks };
}

function videos(): VideoSeed[] {
  const make = (
    id: number,
    title: string,
    artistId: number,
    extra: Partial<VideoSeed> & Pick<VideoSeed, "releaseDate" | "duration">,
  ): VideoSeed => ({
    id,
    title,
    albumId: null,
    trackNumber: 0,
    volumeNumber: 0,
    artists: [{ id: artistId, type: "MAIN" }],
    quality: "MP4_1080P",
    imageId: art(`video:${id}`),
    vibrantColor: "#3c6e71",
    explicit: false,
    popularity: 30,
    unavailableIn: [],
    contributors: [
      { name: "Rowan Ash", role: "Director" },
      { name: "Pia Lund", role: "Video Producer" },
    ],
    ...extra,
  });
  return [
    make(6290001, "Tidewater (Official Video)", 3850001, {
      albumId: 4710001,
      trackNumber: 13,
      volumeNumber: 1,
      releaseDate: "2018-08-10",
      duration: 245,
      popularity: 40,
    }),
    make(6290002, "Paper Moons (Live at Lantern Hall)", 3850002, {
      releaseDate: "2022-02-14",
      duration: 312,
      quality: "MP4_720P",
      popularity: 25,
    }),
    make(6290003, "Kestrel Nights (Visualizer)", 3850004, {
      releaseDate: "2023-05-19",
      duration: 1820,
      explicit: true,
      unavailableIn: ["GB"],
      popularity: 33,
    }),
  ];
}

function playlistItems(
  label: string,
  entries: ["track" | "video", number][],
  start: number,
): PlaylistItemSeed[] {
  return entries.map(([type, id], i) => ({
    type,
    id,
    itemUuid: stableUuid(`playlist-item:${label}:${i}`),
    added: start + i * 86_400_000,
  }));
}

function playlists(): PlaylistSeed[] {
  const make = (
    label: string,
    title: string,
    ownerId: number,
    entries: ["track" | "video", number][],
    extra: Partial<PlaylistSeed> & Pick<PlaylistSeed, "created">,
  ): PlaylistSeed => {
    const items = playlistItems(label, entries, extra.created);
    const last = items.at(-1)?.added ?? extra.created;
    return {
      uuid: stableUuid(`playlist:${label}`),
      title,
      description: "",
      ownerId,
      type: ownerId === 0 ? "EDITORIAL" : "USER",
      isPublic: true,
      lastUpdated: last,
      image: art(`playlist:${label}`),
      squareImage: art(`playlist-square:${label}`),
      popularity: 0,
      items,
      version: 1,
      ...extra,
    };
  };
  const t = (id: number): ["track", number] => ["track", id];
  return [
    make(
      "road-trip",
      "Road Trip",
      MAIN_USER_ID,
      [
        t(5810001),
        t(5810003),
        t(5810013),
        t(5810018),
        t(5810020),
        ["video", 6290001],
        t(5810026),
        t(5810029),
        t(5810034),
        t(5810014),
      ],
      { created: ms("2022-06-01T18:20:00.000Z"), description: "Songs for long drives.", popularity: 12 },
    ),
    make("focus", "Focus", MAIN_USER_ID, [t(5810019), t(5810022), t(5810028)], {
      created: ms("2023-01-09T07:45:00.000Z"),
      isPublic: false,
    }),
    make("late-night", "Late Night", MAIN_USER_ID, [t(5810021), t(5810024), t(5810031), t(5810033)], {
      created: ms("2023-03-02T23:10:00.000Z"),
      isPublic: false,
      description: "After midnight.",
    }),
    make(
      "essentials",
      "Harbor Lights Essentials",
      0,
      [t(5810001), t(5810003), t(5810008), t(5810012), t(5810013), t(5810036)],
      {
        created: ms("2021-05-05T10:00:00.000Z"),
        description: "The best of Harbor Lights, from the boathouse to the ferry.",
        popularity: 71,
      },
    ),
    make(
      "ferns-and-friends",
      "Ferns & Friends",
      SECOND_USER_ID,
      [t(5810026), t(5810027), t(5810028), t(5810029), t(5810002)],
      {
        created: ms("2022-11-20T16:00:00.000Z"),
        popularity: 4,
      },
    ),
    make("secret-stash", "Secret Stash", SECOND_USER_ID, [t(5810030), t(5810032)], {
      created: ms("2023-07-07T07:07:00.000Z"),
      isPublic: false,
    }),
    make("brass-hour", "Brass Hour", THIRD_USER_ID, [t(5810037), t(5810038)], {
      created: ms("2020-09-12T12:00:00.000Z"),
      popularity: 2,
    }),
  ];
}

/** UUID of a seeded playlist by its short label (`road-trip`, `focus`, `late-night`, `essentials`, …). */
export function seededPlaylistUuid(label: string): string {
  return stableUuid(`playlist:${label}`);
}

/** ID of a seeded folder by its short label (`moods`, `rainy-days`, `archive`). */
export function seededFolderId(label: string): string {
  return stableUuid(`folder:${label}`);
}

function users(): UserSeed[] {
  return [
    {
      id: MAIN_USER_ID,
      username: "alex.rivera",
      firstName: "Alex",
      lastName: "Rivera",
      email: "alex.rivera@example.com",
      countryCode: "US",
      created: ms("2019-04-02T09:15:00.000Z"),
      picture: art(`user:${MAIN_USER_ID}`),
      subscription: {
        type: "HIFI_PLUS",
        premiumAccess: true,
        highestSoundQuality: "HI_RES_LOSSLESS",
        status: "ACTIVE",
        startDate: ms("2021-01-15T00:00:00.000Z"),
        validUntil: ms("2030-01-15T00:00:00.000Z"),
      },
    },
    {
      id: SECOND_USER_ID,
      username: "sam.lee",
      firstName: "Sam",
      lastName: "Lee",
      email: "sam.lee@example.org",
      countryCode: "GB",
      created: ms("2021-08-30T19:00:00.000Z"),
      picture: null,
      subscription: {
        type: "FREE",
        premiumAccess: false,
        highestSoundQuality: "HIGH",
        status: "INACTIVE",
        startDate: ms("2021-08-30T19:00:00.000Z"),
        validUntil: ms("2021-09-30T19:00:00.000Z"),
      },
    },
    {
      id: THIRD_USER_ID,
      username: "kai.moreno",
      firstName: "Kai",
      lastName: "Moreno",
      email: "kai.moreno@example.net",
      countryCode: "DE",
      created: ms("2018-02-11T11:11:00.000Z"),
      picture: art(`user:${THIRD_USER_ID}`),
      subscription: {
        type: "HIFI",
        premiumAccess: true,
        highestSoundQuality: "LOSSLESS",
        status: "ACTIVE",
        startDate: ms("2018-02-11T11:11:00.000Z"),
        validUntil: ms("2030-02-11T11:11:00.000Z"),
      },
    },
  ];
}

function mixes(artistList: ArtistSeed[], trackList: TrackSeed[]): MixSeed[] {
  const result: MixSeed[] = [];
  for (const artist of artistList) {
    const own = trackList.filter((t) => t.artists.some((a) => a.id === artist.id)).map((t) => t.id);
    const similar = trackList.filter((t) => artist.similar.includes(t.artists[0]?.id ?? -1)).map((t) => t.id);
    result.push({
      id: artist.mixId,
      title: `${artist.name} Mix`,
      subTitle: `${artist.name} and similar artists`,
      mixType: "ARTIST_MIX",
      image: art(`mix:artist:${artist.id}`),
      trackIds: [...own.slice(0, 6), ...similar.slice(0, 6)],
      ownerId: null,
    });
  }
  for (const track of trackList) {
    const artistId = track.artists[0]?.id;
    const related = trackList
      .filter((t) => t.id !== track.id && t.artists[0]?.id === artistId)
      .map((t) => t.id);
    result.push({
      id: track.mixId,
      title: `${track.title} Mix`,
      subTitle: "Songs like this one",
      mixType: "TRACK_MIX",
      image: art(`mix:track:${track.id}`),
      trackIds: [track.id, ...related.slice(0, 7)],
      ownerId: null,
    });
    if (track.masterMixId !== null) {
      result.push({
        id: track.masterMixId,
        title: `${track.title} Master Mix`,
        subTitle: "Songs like this one, in master quality",
        mixType: "MASTER_TRACK_MIX",
        image: art(`mix:master-track:${track.id}`),
        trackIds: [track.id, ...related.slice(0, 7)],
        ownerId: null,
      });
    }
  }
  const personal = (
    label: string,
    title: string,
    subTitle: string,
    mixType: string,
    ids: number[],
  ): MixSeed => ({
    id: stableMixId(`personal-mix:${label}`),
    title,
    subTitle,
    mixType,
    image: art(`mix:personal:${label}`),
    trackIds: ids,
    ownerId: MAIN_USER_ID,
  });
  result.push(
    personal(
      "my-mix-1",
      "My Mix 1",
      "Harbor Lights, Mira Okafor, DJ Kestrel",
      "DAILY_MIX",
      [5810001, 5810018, 5810026, 5810008, 5810022],
    ),
    personal(
      "discovery",
      "My Daily Discovery",
      "New finds every day",
      "DISCOVERY_MIX",
      [5810030, 5810036, 5810037, 5810025],
    ),
    personal(
      "new-arrivals",
      "My New Arrivals",
      "Fresh releases from artists you follow",
      "NEW_RELEASE_MIX",
      [5810036, 5810031, 5810032],
    ),
  );
  return result;
}

/** ID of a seeded personal mix by label (`my-mix-1`, `discovery`, `new-arrivals`). */
export function seededPersonalMixId(label: string): string {
  return stableMixId(`personal-mix:${label}`);
}

/** A collection with nothing in it, for the seed's accounts to fill and for accounts seen first at runtime. */
export function emptyCollection(): CollectionSeed {
  return {
    albums: [],
    artists: [],
    tracks: [],
    videos: [],
    playlists: [],
    ownPlaylists: [],
    mixes: [],
    blockedTracks: [],
    blockedArtists: [],
    blockedVideos: [],
    blockedUsers: [],
    following: [],
  };
}

function collections(trackList: TrackSeed[], artistList: ArtistSeed[]): Map<number, CollectionSeed> {
  const day = 86_400_000;
  const base = ms("2023-01-05T10:00:00.000Z");
  const main = emptyCollection();
  main.albums = [4710001, 4710003, 4710005, 4710004].map((id, i) => ({ id, added: base + i * 9 * day }));
  main.artists = [3850001, 3850002, 3850004].map((id, i) => ({ id, added: base + i * 5 * day }));
  // Tracks 5810006 and 5810011 are not available in the US: the list for US holds 14 of these 16.
  main.tracks = [
    5810001, 5810002, 5810003, 5810006, 5810008, 5810011, 5810013, 5810014, 5810016, 5810018, 5810020,
    5810022, 5810026, 5810028, 5810031, 5810034,
  ].map((id, i) => ({ id, added: base + i * 2 * day }));
  main.videos = [6290001, 6290003].map((id, i) => ({ id, added: base + i * 30 * day }));
  main.playlists = [
    { uuid: seededPlaylistUuid("essentials"), parent: "root", added: ms("2022-07-01T12:00:00.000Z") },
    {
      uuid: seededPlaylistUuid("ferns-and-friends"),
      parent: seededFolderId("moods"),
      added: ms("2023-02-02T12:00:00.000Z"),
    },
  ];
  main.ownPlaylists = [
    { uuid: seededPlaylistUuid("road-trip"), parent: "root", added: ms("2022-06-01T18:20:00.000Z") },
    { uuid: seededPlaylistUuid("focus"), parent: "root", added: ms("2023-01-09T07:45:00.000Z") },
    {
      uuid: seededPlaylistUuid("late-night"),
      parent: seededFolderId("moods"),
      added: ms("2023-03-02T23:10:00.000Z"),
    },
  ];
  const mainArtistMix = artistList.find((a) => a.id === 3850001)?.mixId ?? "";
  const firstTrackMix = trackList.find((t) => t.id === 5810001)?.mixId ?? "";
  main.mixes = [
    { id: mainArtistMix, added: ms("2023-04-01T08:00:00.000Z") },
    { id: seededPersonalMixId("discovery"), added: ms("2023-04-08T08:00:00.000Z") },
    { id: firstTrackMix, added: ms("2023-05-01T08:00:00.000Z") },
  ];
  main.blockedTracks = [{ id: 5810039, added: ms("2023-02-14T20:00:00.000Z") }];
  main.blockedArtists = [{ id: 3850006, added: ms("2023-02-14T20:01:00.000Z") }];
  main.following = [{ id: SECOND_USER_ID, added: ms("2022-12-24T10:00:00.000Z") }];

  const second = emptyCollection();
  second.albums = [{ id: 4710002, added: ms("2022-01-01T00:00:00.000Z") }];
  second.tracks = [5810019, 5810020].map((id, i) => ({
    id,
    added: ms("2022-01-02T00:00:00.000Z") + i * day,
  }));
  second.ownPlaylists = [
    { uuid: seededPlaylistUuid("ferns-and-friends"), parent: "root", added: ms("2022-11-20T16:00:00.000Z") },
    { uuid: seededPlaylistUuid("secret-stash"), parent: "root", added: ms("2023-07-07T07:07:00.000Z") },
  ];
  second.following = [
    { id: MAIN_USER_ID, added: ms("2022-12-25T10:00:00.000Z") },
    { id: THIRD_USER_ID, added: ms("2023-01-25T10:00:00.000Z") },
  ];

  const third = emptyCollection();
  third.ownPlaylists = [
    { uuid: seededPlaylistUuid("brass-hour"), parent: "root", added: ms("2020-09-12T12:00:00.000Z") },
  ];
  third.following = [{ id: MAIN_USER_ID, added: ms("2023-03-03T10:00:00.000Z") }];

  return new Map([
    [MAIN_USER_ID, main],
    [SECOND_USER_ID, second],
    [THIRD_USER_ID, third],
  ]);
}

function folders(): FolderSeed[] {
  return [
    {
      id: seededFolderId("moods"),
      ownerId: MAIN_USER_ID,
      name: "Moods",
      parent: "root",
      created: ms("2023-02-01T10:00:00.000Z"),
      lastModified: ms("2023-03-02T23:10:00.000Z"),
    },
    {
      id: seededFolderId("rainy-days"),
      ownerId: MAIN_USER_ID,
      name: "Rainy Days",
      parent: seededFolderId("moods"),
      created: ms("2023-02-03T10:00:00.000Z"),
      lastModified: ms("2023-02-03T10:00:00.000Z"),
    },
    {
      id: seededFolderId("archive"),
      ownerId: MAIN_USER_ID,
      name: "Archive",
      parent: "root",
      created: ms("2023-05-05T10:00:00.000Z"),
      lastModified: ms("2023-05-05T10:00:00.000Z"),
    },
  ];
}

/** A fresh, independent copy of the whole seed. */
export function createSeed(): TidalSeed {
  const artistList = artists();
  const { albums, tracks } = albumsAndTracks();
  return {
    artists: artistList,
    albums,
    tracks,
    videos: videos(),
    mixes: mixes(artistList, tracks),
    playlists: playlists(),
    users: users(),
    folders: folders(),
    collections: collections(tracks, artistList),
    feed: [
      { userId: MAIN_USER_ID, albumId: 4710006, occurredAt: ms("2024-01-12T00:00:00.000Z"), seen: false },
      { userId: MAIN_USER_ID, albumId: 4710005, occurredAt: ms("2023-05-19T00:00:00.000Z"), seen: true },
      { userId: MAIN_USER_ID, albumId: 4710003, occurredAt: ms("2021-10-22T00:00:00.000Z"), seen: true },
    ],
  };
}
