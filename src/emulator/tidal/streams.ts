/**
 * What the emulated CDN streams: for a track, quality and presentation, the stream's layout (BTS single file or
 * DASH init + numbered segments), its manifest, and its bytes; for a video, an HLS master playlist, one media
 * playlist per rendition and `.ts` segments. Everything is derived from the seed, so the playback answer, the CDN
 * and {@link TidalEmulator.mediaBytes} agree without storing anything.
 *
 * The bytes are well-formed ISO-BMFF boxes (or MPEG-TS packets for video) around deterministic filler; they are
 * not decodable audio, which no test needs.
 */
import { createHash } from "node:crypto";
import type { TrackSeed, VideoSeed } from "./data.js";
import { box } from "./media.js";
import { stableNumber, stableUuid } from "./util.js";

export const AUDIO_QUALITIES = ["LOW", "HIGH", "LOSSLESS", "HI_RES", "HI_RES_LOSSLESS"] as const;
export type AudioQuality = (typeof AUDIO_QUALITIES)[number];
export const VIDEO_QUALITIES = ["AUDIO_ONLY", "LOW", "MEDIUM", "HIGH"] as const;
export type VideoQuality = (typeof VIDEO_QUALITIES)[number];
export type AssetPresentation = "FULL" | "PREVIEW";

export function isAudioQuality(value: string): value is AudioQuality {
  return (AUDIO_QUALITIES as readonly string[]).includes(value);
}

export function isVideoQuality(value: string): value is VideoQuality {
  return (VIDEO_QUALITIES as readonly string[]).includes(value);
}

/** A preview is the first 30 seconds (or the whole track when it is shorter). */
export const PREVIEW_SECONDS = 30;

/**
 * Tracks whose streams are DRM-protected: DASH answers carry `ContentProtection` elements and a
 * `licenseSecurityToken`, BTS answers `encryptionType: "OLD_AES"` with a `keyId`. "Hover" (Kestrel Nights).
 */
export const PROTECTED_TRACK_IDS: ReadonlySet<number> = new Set([5810030]);

// The system IDs a protected MPD names (CENC common scheme, then Widevine and PlayReady).
const CENC_SCHEME = "urn:mpeg:dash:mp4protection:2011";
const WIDEVINE_SYSTEM_ID = "edef8ba9-79d6-4ace-a3c8-27dcd51d21ed";
const PLAYREADY_SYSTEM_ID = "9a04f079-9840-4286-ab92-e65be0885f95";

export interface AudioStream {
  trackId: number;
  quality: AudioQuality;
  presentation: AssetPresentation;
  protected: boolean;
  /** LOW and HIGH are one file behind a BTS manifest; the lossless qualities are DASH segments. */
  format: "bts" | "dash";
  codecs: string;
  /** `null` for the lossy qualities, as the service reports them. */
  sampleRate: number | null;
  bitDepth: number | null;
  durationSeconds: number;
  /** DASH only: samples per second of the segment timeline. */
  timescale: number;
  /** DASH only: the length of each media segment in `timescale` units, segment 1 first. */
  segmentDurations: number[];
  bandwidth: number;
}

/** The stream the CDN serves for a track in one quality and presentation. */
export function audioStream(
  track: TrackSeed,
  quality: AudioQuality,
  presentation: AssetPresentation,
): AudioStream {
  const durationSeconds =
    presentation === "PREVIEW" ? Math.min(PREVIEW_SECONDS, track.duration) : track.duration;
  const base = {
    trackId: track.id,
    quality,
    presentation,
    protected: PROTECTED_TRACK_IDS.has(track.id),
    durationSeconds,
  };
  if (quality === "LOW" || quality === "HIGH") {
    return {
      ...base,
      format: "bts",
      // HE-AAC for LOW and AAC-LC for HIGH, the codec strings the web player's manifest parser maps.
      codecs: quality === "LOW" ? "mp4a.40.5" : "mp4a.40.2",
      sampleRate: null,
      bitDepth: null,
      timescale: 44_100,
      segmentDurations: [],
      bandwidth: quality === "LOW" ? 96_000 : 320_000,
    };
  }
  const hiRes = quality !== "LOSSLESS";
  const sampleRate = hiRes ? 96_000 : 44_100;
  const bitDepth = hiRes ? 24 : 16;
  // About four seconds in whole 4096-sample frames: 176128 at 44.1 kHz, the figure of the recorded MPDs.
  const segment = 4096 * Math.round((4 * sampleRate) / 4096);
  const total = durationSeconds * sampleRate;
  const full = Math.floor(total / segment);
  const segmentDurations = new Array<number>(full).fill(segment);
  if (total % segment > 0) segmentDurations.push(total % segment);
  return {
    ...base,
    format: "dash",
    codecs: "flac",
    sampleRate,
    bitDepth,
    timescale: sampleRate,
    segmentDurations,
    // FLAC typically compresses to about 60 % of PCM.
    bandwidth: Math.round(sampleRate * bitDepth * 2 * 0.6),
  };
}

/** Path of the stream on the resources host, without the file name. */
export function audioStreamPath(stream: AudioStream): string {
  return `/media/tracks/${stream.trackId}/${stream.quality}/${stream.presentation.toLowerCase()}`;
}

/**
 * The `token` query parameter the CDN requires on every URL of a stream. Real CDN URLs carry one too, so a client
 * that drops the query string when it fills in `$Number$` fails here as it would there.
 */
export function streamToken(label: string): string {
  return createHash("sha256").update(`minim-tidal-cdn:${label}`).digest("base64url").slice(0, 24);
}

export function audioStreamToken(stream: AudioStream): string {
  return streamToken(audioStreamPath(stream));
}

/** The number of DASH media segments (the init segment not counted); 0 for BTS. */
export function mediaSegmentCount(stream: AudioStream): number {
  return stream.segmentDurations.length;
}

function filler(label: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let offset = 0, block = 0; offset < length; block++) {
    const digest = createHash("sha256").update(`${label}#${block}`).digest();
    offset += digest.copy(out, offset);
  }
  return out;
}

function streamLabel(stream: AudioStream): string {
  return `${audioStreamPath(stream)}${stream.protected ? ":protected" : ""}`;
}

function ftyp(major: string, compatible: string[]): Buffer {
  return box(
    "ftyp",
    Buffer.concat([
      Buffer.from(major, "latin1"),
      Buffer.from([0, 0, 0, 0]),
      ...compatible.map((c) => Buffer.from(c, "latin1")),
    ]),
  );
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0, 0);
  return out;
}

/** DASH segment 0: `ftyp` + `moov` naming the stream. */
export function initSegment(stream: AudioStream): Buffer {
  return Buffer.concat([
    ftyp("iso6", ["iso6", "dash", "mp41"]),
    box("moov", box("free", Buffer.from(`minim emulator ${streamLabel(stream)} init`, "utf8"))),
  ]);
}

/** DASH media segment `number` (1-based): `moof` with its sequence number + `mdat`; `undefined` past the end. */
export function mediaSegment(stream: AudioStream, number: number): Buffer | undefined {
  if (!Number.isInteger(number) || number < 1 || number > mediaSegmentCount(stream)) return undefined;
  const label = `${streamLabel(stream)}#${number}`;
  const moof = box("moof", box("mfhd", Buffer.concat([Buffer.from([0, 0, 0, 0]), uint32(number)])));
  return Buffer.concat([moof, box("mdat", filler(label, 256 + stableNumber(label, 512)))]);
}

/** The single file behind a BTS manifest. */
export function btsFile(stream: AudioStream): Buffer {
  const label = streamLabel(stream);
  return Buffer.concat([
    ftyp("M4A ", ["M4A ", "mp42", "isom"]),
    box("moov", box("free", Buffer.from(`minim emulator ${label}`, "utf8"))),
    box("mdat", filler(label, 24 * stream.durationSeconds)),
  ]);
}

/** What a client that follows the manifest ends up with: the BTS file, or init + every media segment in order. */
export function audioStreamBytes(stream: AudioStream): Buffer {
  if (stream.format === "bts") return btsFile(stream);
  const parts = [initSegment(stream)];
  for (let n = 1; n <= mediaSegmentCount(stream); n++) parts.push(mediaSegment(stream, n) as Buffer);
  return Buffer.concat(parts);
}

function keyId(stream: AudioStream): string {
  return stableUuid(`stream-key:${stream.trackId}`);
}

/** The decoded BTS manifest (`application/vnd.tidal.bts`). */
export function btsManifest(stream: AudioStream, resourcesUrl: string): Record<string, unknown> {
  const url = `${resourcesUrl}${audioStreamPath(stream)}/stream.m4a?token=${audioStreamToken(stream)}`;
  return {
    mimeType: "audio/mp4",
    codecs: stream.codecs,
    encryptionType: stream.protected ? "OLD_AES" : "NONE",
    ...(stream.protected
      ? { keyId: Buffer.from(keyId(stream).replace(/-/g, ""), "hex").toString("base64") }
      : {}),
    urls: [url],
  };
}

function xmlAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** `PT3M37.055S`, the form of `mediaPresentationDuration`. */
function isoDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = (seconds - minutes * 60).toFixed(3);
  return minutes > 0 ? `PT${minutes}M${rest}S` : `PT${rest}S`;
}

/** A `pssh` box (version 0) for a DRM system, as carried base64-encoded in `cenc:pssh`. */
function psshBox(systemId: string, data: Buffer): Buffer {
  return box(
    "pssh",
    Buffer.concat([
      Buffer.from([0, 0, 0, 0]),
      Buffer.from(systemId.replace(/-/g, ""), "hex"),
      uint32(data.length),
      data,
    ]),
  );
}

function contentProtection(stream: AudioStream): string[] {
  const kid = keyId(stream);
  const data = Buffer.from(kid.replace(/-/g, ""), "hex");
  return [
    `      <ContentProtection schemeIdUri="${CENC_SCHEME}" value="cbcs" cenc:default_KID="${kid}"/>`,
    `      <ContentProtection schemeIdUri="urn:uuid:${WIDEVINE_SYSTEM_ID}">`,
    `        <cenc:pssh>${psshBox(WIDEVINE_SYSTEM_ID, data).toString("base64")}</cenc:pssh>`,
    "      </ContentProtection>",
    `      <ContentProtection schemeIdUri="urn:uuid:${PLAYREADY_SYSTEM_ID}">`,
    `        <cenc:pssh>${psshBox(PLAYREADY_SYSTEM_ID, data).toString("base64")}</cenc:pssh>`,
    "      </ContentProtection>",
  ];
}

/**
 * The decoded DASH manifest (`application/dash+xml`). The declaration uses single quotes, the exact text
 * tidalapi splits on; `audioSamplingRate` is always present because it calls `int()` on it.
 */
export function dashManifest(stream: AudioStream, resourcesUrl: string): string {
  const base = `${resourcesUrl}${audioStreamPath(stream)}`;
  const token = audioStreamToken(stream);
  const [first = 0] = stream.segmentDurations;
  const full = stream.segmentDurations.filter((d) => d === first).length;
  const last = stream.segmentDurations.length > full ? stream.segmentDurations.at(-1) : undefined;
  const timeline = [
    `            <S d="${first}"${full > 1 ? ` r="${full - 1}"` : ""}/>`,
    ...(last !== undefined ? [`            <S d="${last}"/>`] : []),
  ];
  const representationId = `${stream.quality === "LOSSLESS" ? "FLAC" : "FLAC_HIRES"},${stream.sampleRate ?? 0},${stream.bitDepth ?? 0}`;
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:cenc="urn:mpeg:cenc:2013" profiles="urn:mpeg:dash:profile:isoff-main:2011" type="static" minBufferTime="${isoDuration(first / stream.timescale)}" mediaPresentationDuration="${isoDuration(stream.durationSeconds)}">`,
    '  <Period id="0">',
    '    <AdaptationSet id="0" contentType="audio" mimeType="audio/mp4" segmentAlignment="true">',
    ...(stream.protected ? contentProtection(stream) : []),
    `      <Representation id="${representationId}" codecs="${stream.codecs}" bandwidth="${stream.bandwidth}" audioSamplingRate="${stream.sampleRate ?? 0}">`,
    `        <SegmentTemplate timescale="${stream.timescale}" initialization="${xmlAttribute(`${base}/0.mp4?token=${token}`)}" media="${xmlAttribute(`${base}/$Number$.mp4?token=${token}`)}" startNumber="1">`,
    "          <SegmentTimeline>",
    ...timeline,
    "          </SegmentTimeline>",
    "        </SegmentTemplate>",
    "      </Representation>",
    "    </AdaptationSet>",
    "  </Period>",
    "</MPD>",
    "",
  ].join("\n");
}

// Video: an HLS master playlist with one variant per rendition up to the granted quality.

export interface VideoRendition {
  quality: Exclude<VideoQuality, "AUDIO_ONLY">;
  width: number;
  height: number;
  bandwidth: number;
}

/** The renditions by quality (640x360, 1280x720, 1920x1080, as the service's LOW/MEDIUM/HIGH). */
export const VIDEO_RENDITIONS: readonly VideoRendition[] = [
  { quality: "LOW", width: 640, height: 360, bandwidth: 900_000 },
  { quality: "MEDIUM", width: 1280, height: 720, bandwidth: 2_600_000 },
  { quality: "HIGH", width: 1920, height: 1080, bandwidth: 5_200_000 },
];

/** Seconds per `.ts` segment. */
export const VIDEO_SEGMENT_SECONDS = 10;

/** The best quality a video exists in: its seed `quality` (`MP4_1080P`, `MP4_720P`, …). */
export function videoCeiling(video: VideoSeed): VideoQuality {
  const height = Number(/(\d+)P$/i.exec(video.quality)?.[1] ?? 1080);
  const fitting = VIDEO_RENDITIONS.filter((r) => r.height <= height).at(-1);
  return fitting?.quality ?? "LOW";
}

/** Renditions listed in the master playlist for a granted quality (AUDIO_ONLY: none, only the audio variant). */
export function videoRenditions(quality: VideoQuality): VideoRendition[] {
  const rank = VIDEO_QUALITIES.indexOf(quality);
  return VIDEO_RENDITIONS.filter((r) => VIDEO_QUALITIES.indexOf(r.quality) <= rank);
}

export function videoMasterPath(videoId: number, quality: VideoQuality): string {
  return `/media/videos/${videoId}/master/${quality}.m3u8`;
}

/** Rendition folder name: `360p`, `720p`, `1080p`, or `audio`. */
export function renditionName(rendition: VideoRendition | undefined): string {
  return rendition ? `${rendition.height}p` : "audio";
}

/** The number of `.ts` segments in each media playlist of a video. */
export function videoSegmentCount(video: VideoSeed): number {
  return Math.max(1, Math.ceil(video.duration / VIDEO_SEGMENT_SECONDS));
}

export function videoMasterPlaylist(video: VideoSeed, quality: VideoQuality, resourcesUrl: string): string {
  const lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"];
  const renditions = videoRenditions(quality);
  const variants: { info: string; name: string }[] =
    renditions.length > 0
      ? renditions.map((r) => ({
          info: `BANDWIDTH=${r.bandwidth},AVERAGE-BANDWIDTH=${Math.round(r.bandwidth * 0.8)},CODECS="avc1.640028,mp4a.40.2",RESOLUTION=${r.width}x${r.height}`,
          name: renditionName(r),
        }))
      : [{ info: 'BANDWIDTH=160000,CODECS="mp4a.40.2"', name: renditionName(undefined) }];
  for (const variant of variants) {
    const path = `/media/videos/${video.id}/${variant.name}/index.m3u8`;
    lines.push(`#EXT-X-STREAM-INF:${variant.info}`, `${resourcesUrl}${path}?token=${streamToken(path)}`);
  }
  return `${lines.join("\n")}\n`;
}

export function videoMediaPlaylist(video: VideoSeed, rendition: string, resourcesUrl: string): string {
  const count = videoSegmentCount(video);
  const folder = `/media/videos/${video.id}/${rendition}`;
  const token = streamToken(`${folder}/index.m3u8`);
  const lines = [
    "#EXTM3U",
    "#EXT-X-VERSION:3",
    `#EXT-X-TARGETDURATION:${VIDEO_SEGMENT_SECONDS}`,
    "#EXT-X-MEDIA-SEQUENCE:0",
    "#EXT-X-PLAYLIST-TYPE:VOD",
  ];
  for (let n = 0; n < count; n++) {
    const seconds = Math.min(VIDEO_SEGMENT_SECONDS, video.duration - n * VIDEO_SEGMENT_SECONDS);
    lines.push(
      `#EXTINF:${Math.max(seconds, 1).toFixed(3)},`,
      `${resourcesUrl}${folder}/${n}.ts?token=${token}`,
    );
  }
  lines.push("#EXT-X-ENDLIST");
  return `${lines.join("\n")}\n`;
}

/** An MPEG-TS segment: two 188-byte packets (sync byte 0x47) of filler; `undefined` past the end. */
export function videoSegment(video: VideoSeed, rendition: string, number: number): Buffer | undefined {
  if (!Number.isInteger(number) || number < 0 || number >= videoSegmentCount(video)) return undefined;
  const packets: Buffer[] = [];
  for (let p = 0; p < 2; p++) {
    const packet = filler(`/media/videos/${video.id}/${rendition}/${number}#${p}`, 188);
    packet[0] = 0x47;
    packets.push(packet);
  }
  return Buffer.concat(packets);
}
