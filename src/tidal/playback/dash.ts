import { createRequire } from "node:module";
import type * as FastXmlParser from "fast-xml-parser";
import type { ProtectionMarker } from "../types/playback.js";
import { ManifestError } from "./errors.js";

const DASH = "application/dash+xml";
const ATTRIBUTES = "@";
const TEXT = "#text";
/** Far above any track or video (a 3-hour film in 2-second segments is 5 400); guards against absurd counts. */
const MAX_SEGMENTS = 100_000n;

// The XML parser is needed only by callers that decode DASH manifests, so it is loaded on first use rather than
// with the package (the same lazy, synchronous loading the transport uses for undici).
const requireLazy = createRequire(import.meta.url);
let parserModule: typeof FastXmlParser | undefined;
let parser: FastXmlParser.XMLParser | undefined;
function xmlParser(): { module: typeof FastXmlParser; parser: FastXmlParser.XMLParser } {
  parserModule ??= requireLazy("fast-xml-parser") as typeof FastXmlParser;
  parser ??= new parserModule.XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    // Attributes live under their own key, so an attribute can never collide with a child element's name.
    attributesGroupName: ATTRIBUTES,
    // `cenc:ContentProtection` and `ContentProtection` are the same element to this reader.
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    alwaysCreateTextNode: true,
    textNodeName: TEXT,
    isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
    ignoreDeclaration: true,
    ignorePiTags: true,
    htmlEntities: false,
  });
  return { module: parserModule, parser };
}

/** An element of the MPD, normalised from the parser's output. */
interface XmlElement {
  attributes: Readonly<Record<string, string>>;
  children: Readonly<Record<string, readonly XmlElement[]>>;
  text: string;
}

function toElement(raw: unknown): XmlElement {
  if (typeof raw !== "object" || raw === null) {
    return { attributes: {}, children: {}, text: typeof raw === "string" ? raw : "" };
  }
  const attributes: Record<string, string> = {};
  const children: Record<string, XmlElement[]> = {};
  let text = "";
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === ATTRIBUTES && typeof value === "object" && value !== null) {
      for (const [name, attr] of Object.entries(value as Record<string, unknown>)) {
        if (typeof attr === "string") attributes[name] = attr;
      }
    } else if (key === TEXT) {
      text = typeof value === "string" ? value : String(value);
    } else if (Array.isArray(value)) {
      children[key] = value.map(toElement);
    }
  }
  return { attributes, children, text };
}

function childrenOf(element: XmlElement | undefined, name: string): readonly XmlElement[] {
  return element?.children[name] ?? [];
}

function firstChild(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return childrenOf(element, name)[0];
}

/** An exact non-negative rational, so durations times timescales never round into an extra segment. */
interface Rational {
  num: bigint;
  den: bigint;
}

const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

function decimal(text: string): Rational {
  const [whole = "0", fraction = ""] = text.split(".");
  const den = 10n ** BigInt(fraction.length);
  return { num: BigInt(whole) * den + BigInt(fraction || "0"), den };
}

function add(a: Rational, b: Rational): Rational {
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

function scale(a: Rational, factor: bigint): Rational {
  return { num: a.num * factor, den: a.den };
}

function toSeconds(a: Rational): number {
  return Number(a.num) / Number(a.den);
}

/**
 * Parses an ISO-8601 / xs:duration such as `PT3M37.055S` into exact seconds. Years and months have no fixed
 * length, so a duration that uses them is rejected rather than guessed.
 */
function parseIsoDuration(text: string, attribute: string): Rational {
  const match = ISO_DURATION.exec(text.trim());
  if (!match || text.trim() === "P" || text.trim().endsWith("T")) {
    throw new ManifestError(DASH, `The MPD's ${attribute} is not an ISO-8601 duration.`);
  }
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  if ((years && decimal(years).num !== 0n) || (months && decimal(months).num !== 0n)) {
    throw new ManifestError(
      DASH,
      `The MPD's ${attribute} counts years or months, which have no fixed length.`,
    );
  }
  let total: Rational = { num: 0n, den: 1n };
  const parts: [string | undefined, bigint][] = [
    [weeks, 604_800n],
    [days, 86_400n],
    [hours, 3_600n],
    [minutes, 60n],
    [seconds, 1n],
  ];
  for (const [value, unit] of parts) if (value) total = add(total, scale(decimal(value), unit));
  return total;
}

function ceilDiv(num: bigint, den: bigint): bigint {
  if (num <= 0n) return 0n;
  return (num + den - 1n) / den;
}

function integerAttribute(
  element: XmlElement | undefined,
  name: string,
  options: { signed?: boolean } = {},
): bigint | undefined {
  const value = element?.attributes[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!(options.signed ? /^-?\d+$/ : /^\d+$/).test(trimmed)) {
    throw new ManifestError(DASH, `The MPD's @${name} (${JSON.stringify(trimmed)}) is not an integer.`);
  }
  return BigInt(trimmed);
}

function positiveNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // `audioSamplingRate` may be a range ("44100 48000"); the first value is the rate of the stream.
  const first = value.trim().split(/\s+/)[0] ?? "";
  if (!/^\d+$/.test(first)) return undefined;
  const parsed = Number(first);
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : undefined;
}

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;

/** Resolves a reference against a base; a relative reference without a base stays relative (checked later). */
function resolve(reference: string, base: string | undefined): string {
  const trimmed = reference.trim();
  if (ABSOLUTE_URL.test(trimmed) || base === undefined) return trimmed;
  try {
    return new URL(trimmed, base).href;
  } catch (error) {
    throw new ManifestError(DASH, "The MPD holds a URL that cannot be resolved against its base.", {
      cause: error,
    });
  }
}

function baseUrlOf(element: XmlElement | undefined, inherited: string | undefined): string | undefined {
  // Several BaseURL elements on one level are alternatives (mirrors); the first is used.
  const own = firstChild(element, "BaseURL")?.text.trim();
  return own ? resolve(own, inherited) : inherited;
}

interface TemplateValues {
  representationId: string;
  bandwidth: bigint | undefined;
  number?: bigint;
  time?: bigint;
}

/**
 * Expands a DASH URL template: `$RepresentationID$`, `$Number$`, `$Bandwidth$`, `$Time$` (the last three with an
 * optional `%0<width>d` format), and `$$` for a literal dollar sign.
 */
function expandTemplate(template: string, values: TemplateValues): string {
  return template.replace(
    /\$([A-Za-z]*)(%0(\d+)d)?\$/g,
    (_match, name: string, format?: string, width?: string) => {
      if (name === "" && format === undefined) return "$";
      let value: bigint | string | undefined;
      switch (name) {
        case "RepresentationID":
          if (format !== undefined) {
            throw new ManifestError(DASH, "$RepresentationID$ takes no width format in a DASH template.");
          }
          return values.representationId;
        case "Number":
          value = values.number;
          break;
        case "Bandwidth":
          value = values.bandwidth;
          break;
        case "Time":
          value = values.time;
          break;
        default:
          throw new ManifestError(DASH, `The MPD's URL template uses an unknown identifier $${name}$.`);
      }
      if (value === undefined) {
        throw new ManifestError(
          DASH,
          `The MPD's URL template uses $${name}$, which has no value here` +
            (name === "Time" ? " (it needs a SegmentTimeline)." : "."),
        );
      }
      const digits = value.toString();
      return width === undefined ? digits : digits.padStart(Number(width), "0");
    },
  );
}

/**
 * A SegmentTemplate's or SegmentList's attributes and children, inherited Period → AdaptationSet → Representation
 * (the lower level wins).
 */
interface SegmentInfo {
  attributes: Record<string, string>;
  timeline: XmlElement | undefined;
  initialization: XmlElement | undefined;
  segmentUrls: readonly XmlElement[] | undefined;
}

function mergeSegmentInfo(
  levels: readonly (XmlElement | undefined)[],
  name: string,
): SegmentInfo | undefined {
  let merged: SegmentInfo | undefined;
  for (const level of levels) {
    const element = firstChild(level, name);
    if (!element) continue;
    merged ??= { attributes: {}, timeline: undefined, initialization: undefined, segmentUrls: undefined };
    Object.assign(merged.attributes, element.attributes);
    merged.timeline = firstChild(element, "SegmentTimeline") ?? merged.timeline;
    merged.initialization = firstChild(element, "Initialization") ?? merged.initialization;
    const urls = childrenOf(element, "SegmentURL");
    if (urls.length > 0) merged.segmentUrls = urls;
  }
  return merged;
}

function segmentInfoElement(info: SegmentInfo): XmlElement {
  return { attributes: info.attributes, children: {}, text: "" };
}

interface Timing {
  timescale: bigint;
  presentationTimeOffset: bigint;
  /** The period's length in seconds, when the MPD says. */
  periodDuration: Rational | undefined;
}

/**
 * Start times of every segment a SegmentTimeline lists. Each `S` stands for `r + 1` segments of length `d`; a
 * negative `r` repeats until the next `S@t`, or the period's end when it is the last entry.
 */
function timelineStarts(timeline: XmlElement, timing: Timing): bigint[] {
  const entries = childrenOf(timeline, "S");
  const starts: bigint[] = [];
  let time = 0n;
  entries.forEach((entry, index) => {
    const explicitStart = integerAttribute(entry, "t");
    if (explicitStart !== undefined) {
      // After an open repeat the last segment may run past the next S@t (it is cut short there), so only a start
      // at or before the previous segment's start is out of order.
      const previousStart = starts[starts.length - 1];
      if (previousStart !== undefined && explicitStart <= previousStart) {
        throw new ManifestError(
          DASH,
          "The MPD's SegmentTimeline goes back in time (an S@t before the previous S).",
        );
      }
      time = explicitStart;
    }
    const duration = integerAttribute(entry, "d");
    if (duration === undefined || duration === 0n) {
      throw new ManifestError(DASH, "An S element of the MPD's SegmentTimeline has no positive @d.");
    }
    const repeat = integerAttribute(entry, "r", { signed: true }) ?? 0n;
    let count: bigint;
    if (repeat >= 0n) {
      count = repeat + 1n;
    } else {
      const next = entries[index + 1];
      const nextStart = next === undefined ? undefined : integerAttribute(next, "t");
      if (nextStart !== undefined) {
        count = ceilDiv(nextStart - time, duration);
      } else if (next === undefined && timing.periodDuration !== undefined) {
        // Period end on the media timeline, kept as a fraction: offset + duration × timescale.
        const end = timing.periodDuration;
        const endNum = timing.presentationTimeOffset * end.den + end.num * timing.timescale;
        count = ceilDiv(endNum - time * end.den, duration * end.den);
      } else {
        throw new ManifestError(
          DASH,
          "The MPD's SegmentTimeline repeats an S until an end it does not state (no next S@t, no period duration).",
        );
      }
    }
    if (BigInt(starts.length) + count > MAX_SEGMENTS) throw tooManySegments();
    for (let k = 0n; k < count; k++) {
      starts.push(time);
      time += duration;
    }
  });
  return starts;
}

export interface DecodedDash {
  representationId: string | undefined;
  mimeType: string;
  codec: string | undefined;
  bandwidth: number | undefined;
  sampleRate: number | undefined;
  bitDepth: number | undefined;
  durationSeconds: number | undefined;
  initializationUrl: string | undefined;
  segmentUrls: string[];
  protection: ProtectionMarker[];
}

/**
 * Reads a static DASH MPD into the URLs of one representation, in playback order, following ISO/IEC 23009-1:
 * SegmentTemplate (with or without a SegmentTimeline), SegmentList, or a single BaseURL file. Live (`dynamic`)
 * and multi-period manifests are refused rather than half-read.
 */
export function decodeDashManifest(xml: string, baseUrl: string | undefined): DecodedDash {
  const { module, parser: reader } = xmlParser();
  const validity = module.XMLValidator.validate(xml);
  if (validity !== true) {
    throw new ManifestError(
      DASH,
      `The DASH manifest is not well-formed XML (${validity.err.code} at line ${validity.err.line}).`,
    );
  }
  let document: unknown;
  try {
    document = reader.parse(xml);
  } catch (error) {
    throw new ManifestError(DASH, "The DASH manifest could not be parsed as XML.", { cause: error });
  }
  const roots = childrenOf(toElement(document), "MPD");
  const mpd = roots[0];
  if (!mpd || roots.length !== 1) throw new ManifestError(DASH, "The DASH manifest has no MPD root element.");
  if ((mpd.attributes.type ?? "static") !== "static") {
    throw new ManifestError(
      DASH,
      "The DASH manifest describes a live (dynamic) stream; only static ones are read.",
    );
  }

  const protection = collectProtection(mpd);
  const periods = childrenOf(mpd, "Period");
  const period = periods[0];
  if (!period) throw new ManifestError(DASH, "The DASH manifest has no Period.");
  if (periods.length > 1) {
    throw new ManifestError(
      DASH,
      `The DASH manifest has ${periods.length} periods; only single-period ones are read.`,
    );
  }
  const adaptationSets = childrenOf(period, "AdaptationSet");
  const adaptationSet = adaptationSets[0];
  if (!adaptationSet) throw new ManifestError(DASH, "The DASH manifest has no AdaptationSet.");
  if (adaptationSets.length > 1) {
    // Separate audio and video sets do not concatenate into one file; picking one silently would drop the other.
    throw new ManifestError(
      DASH,
      `The DASH manifest has ${adaptationSets.length} adaptation sets; only single-set manifests are read.`,
    );
  }
  const representation = pickRepresentation(childrenOf(adaptationSet, "Representation"));

  const mpdDuration =
    mpd.attributes.mediaPresentationDuration !== undefined
      ? parseIsoDuration(mpd.attributes.mediaPresentationDuration, "@mediaPresentationDuration")
      : undefined;
  const periodDuration =
    period.attributes.duration !== undefined
      ? parseIsoDuration(period.attributes.duration, "Period@duration")
      : mpdDuration !== undefined
        ? subtract(
            mpdDuration,
            period.attributes.start !== undefined
              ? parseIsoDuration(period.attributes.start, "Period@start")
              : undefined,
          )
        : undefined;

  const levels = [period, adaptationSet, representation];
  let base = baseUrl;
  for (const level of [mpd, ...levels]) base = baseUrlOf(level, base);

  const representationId = representation.attributes.id;
  const bandwidth = integerAttribute(representation, "bandwidth");
  const template: TemplateValues = { representationId: representationId ?? "", bandwidth };
  let initializationUrl: string | undefined;
  let segmentUrls: string[];

  const segmentTemplate = mergeSegmentInfo(levels, "SegmentTemplate");
  const segmentList = mergeSegmentInfo(levels, "SegmentList");
  if (segmentTemplate) {
    const element = segmentInfoElement(segmentTemplate);
    const timing: Timing = {
      timescale: integerAttribute(element, "timescale") ?? 1n,
      presentationTimeOffset: integerAttribute(element, "presentationTimeOffset") ?? 0n,
      periodDuration,
    };
    if (timing.timescale === 0n) throw new ManifestError(DASH, "The MPD's SegmentTemplate@timescale is 0.");
    const startNumber = integerAttribute(element, "startNumber") ?? 1n;
    const initialization =
      segmentTemplate.attributes.initialization ?? segmentTemplate.initialization?.attributes.sourceURL;
    if (initialization !== undefined)
      initializationUrl = resolve(expandTemplate(initialization, template), base);
    const media = segmentTemplate.attributes.media;
    if (media === undefined) throw new ManifestError(DASH, "The MPD's SegmentTemplate has no @media.");
    let starts: (bigint | undefined)[];
    if (segmentTemplate.timeline) {
      starts = timelineStarts(segmentTemplate.timeline, timing);
    } else {
      const segmentDuration = integerAttribute(element, "duration");
      if (segmentDuration === undefined || segmentDuration === 0n) {
        throw new ManifestError(
          DASH,
          "The MPD's SegmentTemplate has neither a SegmentTimeline nor a @duration.",
        );
      }
      if (periodDuration === undefined) {
        throw new ManifestError(DASH, "The MPD states no duration, so its segment count is unknown.");
      }
      const count = ceilDiv(periodDuration.num * timing.timescale, periodDuration.den * segmentDuration);
      if (count > MAX_SEGMENTS) throw tooManySegments();
      starts = Array.from({ length: Number(count) }, () => undefined);
    }
    segmentUrls = starts.map((time, index) =>
      resolve(
        expandTemplate(media, {
          ...template,
          number: startNumber + BigInt(index),
          ...(time !== undefined ? { time } : {}),
        }),
        base,
      ),
    );
  } else if (segmentList) {
    const source = segmentList.initialization?.attributes.sourceURL;
    if (source !== undefined) initializationUrl = resolve(source, base);
    segmentUrls = (segmentList.segmentUrls ?? []).map((segment) => {
      const media = segment.attributes.media;
      if (media === undefined) {
        throw new ManifestError(
          DASH,
          "The MPD's SegmentList addresses segments by byte range, which is not read.",
        );
      }
      return resolve(media, base);
    });
  } else {
    // SegmentBase or nothing: the representation is one file at its BaseURL, initialization included.
    if (base === undefined) throw new ManifestError(DASH, "The MPD names no segments and no BaseURL.");
    segmentUrls = [base];
  }
  if (segmentUrls.length === 0) throw new ManifestError(DASH, "The MPD lists no media segments.");
  for (const url of [initializationUrl, ...segmentUrls]) {
    if (url !== undefined && !/^https?:\/\//i.test(url)) {
      throw new ManifestError(
        DASH,
        "The MPD's segment URLs are relative and it has no absolute BaseURL; pass `baseUrl` to resolve them.",
      );
    }
  }

  return {
    representationId,
    mimeType: representation.attributes.mimeType ?? adaptationSet.attributes.mimeType ?? "",
    codec: representation.attributes.codecs ?? adaptationSet.attributes.codecs,
    bandwidth: bandwidth === undefined ? undefined : Number(bandwidth),
    sampleRate: positiveNumber(
      representation.attributes.audioSamplingRate ?? adaptationSet.attributes.audioSamplingRate,
    ),
    bitDepth: bitDepthFromId(representationId),
    durationSeconds: mpdDuration === undefined ? undefined : toSeconds(mpdDuration),
    initializationUrl,
    segmentUrls,
    protection,
  };
}

function tooManySegments(): ManifestError {
  return new ManifestError(DASH, `The MPD lists more than ${MAX_SEGMENTS} segments.`);
}

function subtract(a: Rational, b: Rational | undefined): Rational {
  if (b === undefined) return a;
  const num = a.num * b.den - b.num * a.den;
  if (num < 0n) throw new ManifestError(DASH, "The MPD's Period starts after the presentation ends.");
  return { num, den: a.den * b.den };
}

function pickRepresentation(representations: readonly XmlElement[]): XmlElement {
  // The highest bandwidth is the best quality; on a tie the first listed wins, as players do.
  let best: XmlElement | undefined;
  let bestBandwidth = -1n;
  for (const representation of representations) {
    const bandwidth = integerAttribute(representation, "bandwidth") ?? 0n;
    if (bandwidth > bestBandwidth) {
      best = representation;
      bestBandwidth = bandwidth;
    }
  }
  if (!best) throw new ManifestError(DASH, "The DASH manifest's AdaptationSet has no Representation.");
  return best;
}

/** TIDAL writes the bit depth as the last field of ids such as `FLAC_HIRES,44100,24`. */
function bitDepthFromId(id: string | undefined): number | undefined {
  if (id === undefined || !id.includes(",")) return undefined;
  const last = id.slice(id.lastIndexOf(",") + 1).trim();
  return /^\d{1,2}$/.test(last) && Number(last) > 0 ? Number(last) : undefined;
}

function collectProtection(root: XmlElement): ProtectionMarker[] {
  const markers: ProtectionMarker[] = [];
  const visit = (element: XmlElement): void => {
    for (const [name, children] of Object.entries(element.children)) {
      for (const child of children) {
        if (name === "ContentProtection") {
          markers.push({ source: "ContentProtection", schemeIdUri: child.attributes.schemeIdUri });
        }
        visit(child);
      }
    }
  };
  visit(root);
  return markers;
}
