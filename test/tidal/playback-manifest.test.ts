import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../../src/core/errors.js";
import {
  decodePlaybackManifest,
  ManifestError,
  parseHlsMasterPlaylist,
} from "../../src/tidal/playback/index.js";
import type {
  BtsStreamDescription,
  DashStreamDescription,
  EmuStreamDescription,
  StreamDescription,
} from "../../src/tidal/types/playback.js";
import type { TrackPlaybackInfo } from "../../src/tidal/types/track.js";

// Manifests here are written from the field lists of the TIDAL wire facts (BTS JSON members; the MPD layout
// MPD > Period > AdaptationSet > Representation > SegmentTemplate > SegmentTimeline) and ISO/IEC 23009-1.

const TOKEN = "tok3n-SECRET-value";
const CDN = "https://cdn.example/media/77646170";

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

function trackInfo(manifestMimeType: string, document: string, extra: Partial<TrackPlaybackInfo> = {}) {
  return {
    trackId: 77646170,
    assetPresentation: "FULL",
    audioMode: "STEREO",
    audioQuality: "LOSSLESS",
    manifestMimeType,
    manifestHash: "q1w2e3=",
    manifest: base64(document),
    bitDepth: 16,
    sampleRate: 44100,
    licenseSecurityToken: null,
    ...extra,
  } satisfies TrackPlaybackInfo;
}

function bts(manifest: Record<string, unknown>, extra: Partial<TrackPlaybackInfo> = {}) {
  return trackInfo("application/vnd.tidal.bts", JSON.stringify(manifest), extra);
}

function decodeDash(xml: string, options?: { baseUrl?: string }): DashStreamDescription {
  const description = decodePlaybackManifest(trackInfo("application/dash+xml", xml), options);
  assert.equal(description.manifestType, "dash");
  return description as DashStreamDescription;
}

interface MpdParts {
  mpdAttributes?: string;
  mpdChildren?: string;
  periodAttributes?: string;
  adaptationChildren?: string;
  representationAttributes?: string;
  template?: string;
  representations?: string;
}

/** An MPD shaped like TIDAL's, with the parts a test varies. */
function mpd(parts: MpdParts): string {
  const representation =
    parts.representations ??
    `<Representation id="FLAC_HIRES,44100,24" codecs="flac" bandwidth="1411200" audioSamplingRate="44100" ${parts.representationAttributes ?? ""}>
        ${parts.template ?? ""}
      </Representation>`;
  return `<?xml version='1.0' encoding='UTF-8'?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:cenc="urn:mpeg:cenc:2013" profiles="urn:mpeg:dash:profile:isoff-main:2011" type="static" minBufferTime="PT3.993S" ${parts.mpdAttributes ?? 'mediaPresentationDuration="PT3M37.055S"'}>
  ${parts.mpdChildren ?? ""}
  <Period id="0" ${parts.periodAttributes ?? ""}>
    <AdaptationSet id="0" contentType="audio" mimeType="audio/mp4" segmentAlignment="true">
      ${parts.adaptationChildren ?? ""}
      ${representation}
    </AdaptationSet>
  </Period>
</MPD>`;
}

function template(attributes: string, timeline?: string): string {
  return `<SegmentTemplate ${attributes}>${timeline === undefined ? "" : `<SegmentTimeline>${timeline}</SegmentTimeline>`}</SegmentTemplate>`;
}

const TIDAL_TEMPLATE = `timescale="44100" initialization="${CDN}/0.mp4?token=${TOKEN}&amp;x=1" media="${CDN}/$Number$.mp4?token=${TOKEN}" startNumber="1"`;

function numbers(urls: readonly string[]): string[] {
  return urls.map((url) => new URL(url).pathname.split("/").pop() ?? "");
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

describe("decodePlaybackManifest: BTS", () => {
  it("describes a plain stream with its codec, MIME type, URLs and the playback info's format", () => {
    const url = `${CDN}/abc.flac?token=${TOKEN}`;
    const description = decodePlaybackManifest(
      bts({ mimeType: "audio/flac", codecs: "flac", encryptionType: "NONE", urls: [url] }),
    );
    assert.deepEqual(description, {
      manifestType: "bts",
      manifestMimeType: "application/vnd.tidal.bts",
      protected: false,
      protection: [],
      mimeType: "audio/flac",
      codec: "flac",
      urls: [url],
      encryptionType: "NONE",
      keyId: undefined,
      bitDepth: 16,
      sampleRate: 44100,
    } satisfies BtsStreamDescription);
  });

  it("keeps several URLs in manifest order and leaves null bit depth and sample rate unknown", () => {
    const urls = [`${CDN}/a.mp4`, `${CDN}/b.mp4`];
    const description = decodePlaybackManifest(
      bts(
        { mimeType: "audio/mp4", codecs: "mp4a.40.2", encryptionType: "NONE", urls },
        { bitDepth: null, sampleRate: null },
      ),
    ) as BtsStreamDescription;
    assert.deepEqual(description.urls, urls);
    assert.equal(description.bitDepth, undefined);
    assert.equal(description.sampleRate, undefined);
  });

  it("marks an encryptionType other than NONE as protected", () => {
    const description = decodePlaybackManifest(
      bts({ mimeType: "audio/mp4", codecs: "mp4a.40.2", encryptionType: "OLD_AES", urls: [`${CDN}/a.mp4`] }),
    );
    assert.equal(description.protected, true);
    assert.deepEqual(description.protection, [{ source: "encryptionType", value: "OLD_AES" }]);
  });

  it("marks a keyId as protected even when encryptionType says NONE", () => {
    const description = decodePlaybackManifest(
      bts({
        mimeType: "audio/flac",
        codecs: "flac",
        encryptionType: "NONE",
        keyId: "a2V5",
        urls: [`${CDN}/a`],
      }),
    ) as BtsStreamDescription;
    assert.equal(description.protected, true);
    assert.equal(description.keyId, "a2V5");
    assert.deepEqual(description.protection, [{ source: "keyId" }]);
  });

  it("does not assume a BTS manifest without encryptionType is plain", () => {
    const description = decodePlaybackManifest(bts({ mimeType: "audio/flac", urls: [`${CDN}/a`] }));
    assert.equal(description.protected, true);
    assert.deepEqual(description.protection, [{ source: "encryptionType", value: "" }]);
  });

  it("marks a licence token or URL in the playback info as protected, but not a null one", () => {
    const manifest = { mimeType: "audio/flac", codecs: "flac", encryptionType: "NONE", urls: [`${CDN}/a`] };
    assert.equal(decodePlaybackManifest(bts(manifest, { licenseSecurityToken: null })).protected, false);
    const licensed = decodePlaybackManifest(
      bts(manifest, { licenseSecurityToken: "lst", licenseUrl: "https://licence.example/" }),
    );
    assert.equal(licensed.protected, true);
    assert.deepEqual(licensed.protection, [{ source: "licenseSecurityToken" }, { source: "licenseUrl" }]);
  });

  it("resolves relative URLs only against a given baseUrl", () => {
    const info = bts({ mimeType: "audio/flac", codecs: "flac", encryptionType: "NONE", urls: ["a.flac"] });
    assert.throws(() => decodePlaybackManifest(info), ManifestError);
    assert.deepEqual(decodePlaybackManifest(info, { baseUrl: `${CDN}/` }).urls, [`${CDN}/a.flac`]);
    assert.throws(() => decodePlaybackManifest(info, { baseUrl: "cdn.example" }), ValidationError);
  });

  it("rejects manifests that do not decode, without quoting them", () => {
    const cases: [string, ReturnType<typeof bts>][] = [
      ["not base64", { ...bts({}), manifest: `{"urls":["${CDN}?token=${TOKEN}"]}` }],
      ["not JSON", { ...bts({}), manifest: base64(`urls: ${CDN}?token=${TOKEN}`) }],
      ["a JSON array", { ...bts({}), manifest: base64(`["${CDN}?token=${TOKEN}"]`) }],
      ["no urls", bts({ mimeType: "audio/flac", encryptionType: "NONE" })],
      ["empty urls", bts({ mimeType: "audio/flac", encryptionType: "NONE", urls: [] })],
      ["a non-string URL", bts({ mimeType: "audio/flac", encryptionType: "NONE", urls: [42] })],
      ["no mimeType", bts({ encryptionType: "NONE", urls: [`${CDN}?token=${TOKEN}`] })],
      ["no manifest", { ...bts({}), manifest: "" }],
      ["not UTF-8", { ...bts({}), manifest: Buffer.from([0xff, 0xfe, 0x7b]).toString("base64") }],
    ];
    for (const [name, info] of cases) {
      assert.throws(
        () => decodePlaybackManifest(info),
        (error: unknown) =>
          error instanceof ManifestError &&
          error.manifestMimeType === "application/vnd.tidal.bts" &&
          !error.message.includes(TOKEN),
        name,
      );
    }
  });

  it("rejects an unknown manifest type with the type named, and non-objects with a ValidationError", () => {
    assert.throws(
      () => decodePlaybackManifest(trackInfo("application/vnd.tidal.future", "{}")),
      (error: unknown) =>
        error instanceof ManifestError && error.manifestMimeType === "application/vnd.tidal.future",
    );
    assert.throws(
      () => decodePlaybackManifest(null as unknown as TrackPlaybackInfo),
      (error: unknown) => error instanceof ValidationError && error.parameter === "playbackInfo",
    );
  });

  it("reads the MIME type without case or parameters", () => {
    const info = trackInfo(
      "Application/Vnd.Tidal.BTS; charset=utf-8",
      JSON.stringify({ mimeType: "audio/flac", codecs: "flac", encryptionType: "NONE", urls: [`${CDN}/a`] }),
    );
    assert.equal(decodePlaybackManifest(info).manifestType, "bts");
  });
});

describe("decodePlaybackManifest: DASH", () => {
  it("reads TIDAL's [S r=N][S] timeline into the init segment and every numbered segment", () => {
    const description = decodeDash(
      mpd({ template: template(TIDAL_TEMPLATE, `<S d="176128" r="53"/><S d="61227"/>`) }),
    );
    assert.equal(description.protected, false);
    assert.equal(description.mimeType, "audio/mp4");
    assert.equal(description.codec, "flac");
    assert.equal(description.sampleRate, 44100);
    assert.equal(description.bitDepth, 24);
    assert.equal(description.bandwidth, 1411200);
    assert.equal(description.representationId, "FLAC_HIRES,44100,24");
    assert.equal(description.durationSeconds, 217.055);
    // Entities in attributes are decoded: the URL is the one the CDN expects.
    assert.equal(description.initializationUrl, `${CDN}/0.mp4?token=${TOKEN}&x=1`);
    assert.equal(description.segmentUrls.length, 55);
    assert.deepEqual(
      numbers(description.segmentUrls),
      range(1, 55).map((n) => `${n}.mp4`),
    );
    assert.equal(description.segmentUrls[0], `${CDN}/1.mp4?token=${TOKEN}`);
    assert.deepEqual(description.urls, [description.initializationUrl, ...description.segmentUrls]);
  });

  it("counts a single S without r as one segment", () => {
    const description = decodeDash(mpd({ template: template(TIDAL_TEMPLATE, `<S d="176128"/>`) }));
    assert.deepEqual(numbers(description.segmentUrls), ["1.mp4"]);
    assert.equal(description.urls.length, 2);
  });

  it("numbers segments from startNumber", () => {
    const description = decodeDash(
      mpd({
        template: template(
          `timescale="1000" media="${CDN}/$Number$.m4s" startNumber="7"`,
          `<S d="2000" r="2"/>`,
        ),
      }),
    );
    assert.deepEqual(numbers(description.segmentUrls), ["7.m4s", "8.m4s", "9.m4s"]);
    assert.equal(description.initializationUrl, undefined);
    assert.deepEqual(description.urls, description.segmentUrls);
  });

  it("repeats an S with r=-1 up to the period's end, exactly", () => {
    const ends: [string, number][] = [
      ['mediaPresentationDuration="PT10S"', 5],
      ['mediaPresentationDuration="PT10.5S"', 6],
      ['mediaPresentationDuration="PT10.001S"', 6],
    ];
    for (const [attributes, count] of ends) {
      const description = decodeDash(
        mpd({
          mpdAttributes: attributes,
          template: template(`timescale="1000" media="${CDN}/$Number$.m4s"`, `<S d="2000" r="-1"/>`),
        }),
      );
      assert.equal(description.segmentUrls.length, count, attributes);
    }
  });

  it("repeats an S with r=-1 up to the next S@t", () => {
    const description = decodeDash(
      mpd({
        template: template(
          `timescale="10" media="${CDN}/$Time$.m4s"`,
          `<S t="0" d="10" r="-1"/><S t="35" d="5" r="1"/>`,
        ),
      }),
    );
    assert.deepEqual(numbers(description.segmentUrls), [
      "0.m4s",
      "10.m4s",
      "20.m4s",
      "30.m4s",
      "35.m4s",
      "40.m4s",
    ]);
  });

  it("uses Period@duration, and MPD duration minus Period@start, for the period's end", () => {
    const withPeriodDuration = decodeDash(
      mpd({
        periodAttributes: 'duration="PT1M"',
        template: template(`timescale="1" media="${CDN}/$Number$.m4s"`, `<S d="7" r="-1"/>`),
      }),
    );
    assert.equal(withPeriodDuration.segmentUrls.length, 9);
    const withStart = decodeDash(
      mpd({
        mpdAttributes: 'mediaPresentationDuration="PT1H"',
        periodAttributes: 'start="PT59M30S"',
        template: template(`timescale="1" media="${CDN}/$Number$.m4s"`, `<S d="10" r="-1"/>`),
      }),
    );
    assert.equal(withStart.segmentUrls.length, 3);
  });

  it("does not round a duration times a timescale into an extra segment", () => {
    // 71.68 × 44100 / 1024 is exactly 3087; in floating point it is a hair above, and ceil() would give 3088.
    assert.ok(Math.ceil((71.68 * 44100) / 1024) === 3088);
    const timeline = decodeDash(
      mpd({
        mpdAttributes: 'mediaPresentationDuration="PT1M11.68S"',
        template: template(`timescale="44100" media="${CDN}/$Number$.m4s"`, `<S d="1024" r="-1"/>`),
      }),
    );
    assert.equal(timeline.segmentUrls.length, 3087);
    const fixed = decodeDash(
      mpd({
        mpdAttributes: 'mediaPresentationDuration="PT1M11.68S"',
        template: template(`timescale="44100" duration="1024" media="${CDN}/$Number$.m4s"`),
      }),
    );
    assert.equal(fixed.segmentUrls.length, 3087);
  });

  it("places S@t gaps on the timeline for $Time$", () => {
    const description = decodeDash(
      mpd({
        template: template(
          `timescale="1000" media="${CDN}/t$Time$.m4s"`,
          `<S t="1000" d="500" r="1"/><S t="3000" d="700"/><S d="700"/>`,
        ),
      }),
    );
    assert.deepEqual(numbers(description.segmentUrls), ["t1000.m4s", "t1500.m4s", "t3000.m4s", "t3700.m4s"]);
  });

  it("counts ceil(duration × timescale / @duration) segments without a timeline", () => {
    const exact = decodeDash(
      mpd({
        mpdAttributes: 'mediaPresentationDuration="PT10S"',
        template: template(`timescale="48000" duration="96000" startNumber="0" media="${CDN}/$Number$.m4s"`),
      }),
    );
    assert.deepEqual(numbers(exact.segmentUrls), ["0.m4s", "1.m4s", "2.m4s", "3.m4s", "4.m4s"]);
    const partial = decodeDash(
      mpd({
        mpdAttributes: 'mediaPresentationDuration="PT10.01S"',
        template: template(`timescale="48000" duration="96000" media="${CDN}/$Number$.m4s"`),
      }),
    );
    assert.deepEqual(numbers(partial.segmentUrls), ["1.m4s", "2.m4s", "3.m4s", "4.m4s", "5.m4s", "6.m4s"]);
  });

  it("expands width formats, $RepresentationID$, $Bandwidth$ and $$", () => {
    const formatted = template(
      `timescale="1" startNumber="9" initialization="${CDN}/$RepresentationID$/init-$Bandwidth%08d$.mp4" media="${CDN}/$RepresentationID$/$Bandwidth$/seg$$-$Number%05d$.m4s"`,
      `<S d="4" r="1"/>`,
    );
    const description = decodeDash(
      mpd({
        representations: `<Representation id="AACLC" codecs="mp4a.40.2" bandwidth="320000" audioSamplingRate="44100">${formatted}</Representation>`,
      }),
    );
    assert.equal(description.initializationUrl, `${CDN}/AACLC/init-00320000.mp4`);
    assert.deepEqual(description.segmentUrls, [
      `${CDN}/AACLC/320000/seg$-00009.m4s`,
      `${CDN}/AACLC/320000/seg$-00010.m4s`,
    ]);
    assert.equal(description.bitDepth, 16, "no depth in the id: the playback info's");
  });

  it("inherits SegmentTemplate attributes from the AdaptationSet and lets the Representation override them", () => {
    const description = decodeDash(
      mpd({
        adaptationChildren: `<SegmentTemplate timescale="1000" startNumber="3" media="${CDN}/$Number$.m4s"><SegmentTimeline><S d="1000" r="2"/></SegmentTimeline></SegmentTemplate>`,
        template: `<SegmentTemplate startNumber="100"/>`,
      }),
    );
    assert.deepEqual(numbers(description.segmentUrls), ["100.m4s", "101.m4s", "102.m4s"]);
  });

  it("resolves relative segment URLs through the BaseURL chain, or a given baseUrl", () => {
    const relative = mpd({
      mpdChildren: "<BaseURL>https://cdn.example/a/</BaseURL>",
      adaptationChildren: "<BaseURL>b/</BaseURL>",
      template: template(
        `timescale="1" initialization="init.mp4" media="seg-$Number$.m4s"`,
        `<S d="1" r="1"/>`,
      ),
    });
    assert.deepEqual(decodeDash(relative).urls, [
      "https://cdn.example/a/b/init.mp4",
      "https://cdn.example/a/b/seg-1.m4s",
      "https://cdn.example/a/b/seg-2.m4s",
    ]);
    const unanchored = mpd({
      template: template(`timescale="1" media="seg-$Number$.m4s"`, `<S d="1"/>`),
    });
    assert.throws(() => decodeDash(unanchored), ManifestError);
    assert.deepEqual(decodeDash(unanchored, { baseUrl: "https://cdn.example/x/mpd" }).urls, [
      "https://cdn.example/x/seg-1.m4s",
    ]);
  });

  it("picks the representation with the highest bandwidth", () => {
    const description = decodeDash(
      mpd({
        representations: [
          `<Representation id="low" codecs="mp4a.40.5" bandwidth="96000" audioSamplingRate="22050"/>`,
          `<Representation id="high" codecs="mp4a.40.2" bandwidth="320000" audioSamplingRate="44100"/>`,
          `<Representation id="same" codecs="mp4a.40.2" bandwidth="320000" audioSamplingRate="48000"/>`,
        ].join(""),
        adaptationChildren: template(
          `timescale="1" media="${CDN}/$RepresentationID$/$Number$.m4s"`,
          `<S d="1"/>`,
        ),
      }),
    );
    assert.equal(description.representationId, "high");
    assert.equal(description.codec, "mp4a.40.2");
    assert.deepEqual(description.segmentUrls, [`${CDN}/high/1.m4s`]);
  });

  it("reads a SegmentList and a single-file BaseURL representation", () => {
    const list = decodeDash(
      mpd({
        template: `<BaseURL>${CDN}/</BaseURL><SegmentList><Initialization sourceURL="i.mp4"/><SegmentURL media="s1.m4s"/><SegmentURL media="s2.m4s"/></SegmentList>`,
      }),
    );
    assert.deepEqual(list.urls, [`${CDN}/i.mp4`, `${CDN}/s1.m4s`, `${CDN}/s2.m4s`]);
    const single = decodeDash(
      mpd({ template: `<BaseURL>${CDN}/whole.mp4</BaseURL><SegmentBase indexRange="0-99"/>` }),
    );
    assert.deepEqual(single.urls, [`${CDN}/whole.mp4`]);
    assert.equal(single.initializationUrl, undefined);
  });

  it("marks ContentProtection anywhere as protected, with each scheme", () => {
    const widevine = "urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed";
    const description = decodeDash(
      mpd({
        adaptationChildren: `<ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" value="cbcs" cenc:default_KID="0a0b0c0d-0000-0000-0000-000000000000"/>`,
        template: `<ContentProtection schemeIdUri="${widevine}"><cenc:pssh>AAAA</cenc:pssh></ContentProtection>${template(TIDAL_TEMPLATE, `<S d="176128"/>`)}`,
      }),
    );
    assert.equal(description.protected, true);
    assert.deepEqual(description.protection, [
      { source: "ContentProtection", schemeIdUri: "urn:mpeg:dash:mp4protection:2011" },
      { source: "ContentProtection", schemeIdUri: widevine },
    ]);
    const prefixed = decodeDash(
      mpd({
        template: `<cenc:ContentProtection schemeIdUri="urn:uuid:9a04f079-9840-4286-ab92-e65be0885f95"/>${template(TIDAL_TEMPLATE, `<S d="1"/>`)}`,
      }),
    );
    assert.equal(prefixed.protected, true);
  });

  it("adds the playback info's licence fields to a DASH stream's protection", () => {
    const description = decodePlaybackManifest(
      trackInfo("application/dash+xml", mpd({ template: template(TIDAL_TEMPLATE, `<S d="1"/>`) }), {
        licenseSecurityToken: "lst",
      }),
    );
    assert.equal(description.protected, true);
    assert.deepEqual(description.protection, [{ source: "licenseSecurityToken" }]);
  });

  it("rejects MPDs it cannot read exactly, without quoting their URLs", () => {
    const cases: [string, string][] = [
      ["malformed XML", `<MPD><Period></MPD>?token=${TOKEN}`],
      ["no MPD root", `<Manifest token="${TOKEN}"/>`],
      [
        "a live manifest",
        mpd({ mpdAttributes: 'type="dynamic"', template: template(TIDAL_TEMPLATE, "<S d='1'/>") }),
      ],
      [
        "two periods",
        mpd({ template: template(TIDAL_TEMPLATE, "<S d='1'/>") }).replace("</MPD>", '<Period id="1"/></MPD>'),
      ],
      ["an unknown identifier", mpd({ template: template(`media="${CDN}/$Segment$.m4s"`, "<S d='1'/>") })],
      ["$Time$ without a timeline", mpd({ template: template(`duration="1" media="${CDN}/$Time$.m4s"`) })],
      [
        "a format on $RepresentationID$",
        mpd({ template: template(`media="${CDN}/$RepresentationID%02d$"`, "<S d='1'/>") }),
      ],
      [
        "r=-1 without an end",
        mpd({ mpdAttributes: "", template: template(`media="${CDN}/$Number$.m4s"`, "<S d='1' r='-1'/>") }),
      ],
      ["no timeline and no @duration", mpd({ template: template(`media="${CDN}/$Number$.m4s"`) })],
      [
        "an S@t going back in time",
        mpd({ template: template(`media="${CDN}/$Number$.m4s"`, "<S t='10' d='5'/><S t='10' d='5'/>") }),
      ],
      ["an S without @d", mpd({ template: template(`media="${CDN}/$Number$.m4s"`, "<S r='2'/>") })],
      ["a non-integer @r", mpd({ template: template(`media="${CDN}/$Number$.m4s"`, "<S d='1' r='x'/>") })],
      [
        "a duration in months",
        mpd({
          mpdAttributes: 'mediaPresentationDuration="P1M"',
          template: template(`media="${CDN}/$Number$.m4s"`, "<S d='1'/>"),
        }),
      ],
      [
        "an absurd segment count",
        mpd({ template: template(`media="${CDN}/$Number$.m4s"`, "<S d='1' r='100000000'/>") }),
      ],
    ];
    for (const [name, xml] of cases) {
      assert.throws(
        () => decodeDash(xml),
        (error: unknown) =>
          error instanceof ManifestError &&
          error.manifestMimeType === "application/dash+xml" &&
          !error.message.includes(TOKEN),
        name,
      );
    }
  });
});

describe("decodePlaybackManifest: EMU (video)", () => {
  function videoInfo(manifest: Record<string, unknown>) {
    return {
      videoId: 1,
      streamType: "ON_DEMAND",
      assetPresentation: "FULL",
      videoQuality: "HIGH",
      manifestMimeType: "application/vnd.tidal.emu",
      manifest: base64(JSON.stringify(manifest)),
      licenseSecurityToken: null,
    };
  }

  it("reports the HLS master playlist", () => {
    const master = `https://video.example/1/master.m3u8?token=${TOKEN}`;
    const description = decodePlaybackManifest(
      videoInfo({ mimeType: "application/vnd.apple.mpegurl", urls: [master] }),
    ) as EmuStreamDescription;
    assert.deepEqual(description, {
      manifestType: "emu",
      manifestMimeType: "application/vnd.tidal.emu",
      protected: false,
      protection: [],
      mimeType: "application/vnd.apple.mpegurl",
      codec: undefined,
      urls: [master],
      masterPlaylistUrl: master,
    } satisfies StreamDescription);
  });

  it("leaves masterPlaylistUrl unset when the manifest names a plain file", () => {
    const description = decodePlaybackManifest(
      videoInfo({ mimeType: "video/mp4", urls: ["https://video.example/1/HIGH.mp4"] }),
    ) as EmuStreamDescription;
    assert.equal(description.masterPlaylistUrl, undefined);
    assert.deepEqual(description.urls, ["https://video.example/1/HIGH.mp4"]);
    assert.equal(description.protected, false);
  });
});

describe("parseHlsMasterPlaylist", () => {
  const MASTER = "https://video.example/v/1/master.m3u8?token=abc";

  it("lists every variant with bandwidth, resolution, codecs and an absolute URI", () => {
    const text = [
      "#EXTM3U",
      "#EXT-X-VERSION:3",
      '#EXT-X-STREAM-INF:BANDWIDTH=1280000,AVERAGE-BANDWIDTH=1000000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2",FRAME-RATE=25.000',
      "360p/index.m3u8",
      "",
      '#EXT-X-STREAM-INF:CODECS="avc1.640028,mp4a.40.2",RESOLUTION=1920x1080,BANDWIDTH=6221600',
      "https://other.example/1080p.m3u8?token=def",
      "#EXT-X-STREAM-INF:BANDWIDTH=64000",
      "/audio.m3u8",
    ].join("\r\n");
    assert.deepEqual(parseHlsMasterPlaylist(text, MASTER), {
      protected: false,
      variants: [
        {
          bandwidth: 1280000,
          averageBandwidth: 1000000,
          resolution: { width: 640, height: 360 },
          codecs: ["avc1.4d401e", "mp4a.40.2"],
          frameRate: 25,
          uri: "https://video.example/v/1/360p/index.m3u8",
        },
        {
          bandwidth: 6221600,
          averageBandwidth: undefined,
          resolution: { width: 1920, height: 1080 },
          codecs: ["avc1.640028", "mp4a.40.2"],
          frameRate: undefined,
          uri: "https://other.example/1080p.m3u8?token=def",
        },
        {
          bandwidth: 64000,
          averageBandwidth: undefined,
          resolution: undefined,
          codecs: [],
          frameRate: undefined,
          uri: "https://video.example/audio.m3u8",
        },
      ],
    });
  });

  it("marks an encrypted session key as protected", () => {
    const text = [
      "#EXTM3U",
      '#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES,URI="skd://key",KEYFORMAT="com.apple.streamingkeydelivery"',
      "#EXT-X-STREAM-INF:BANDWIDTH=1",
      "a.m3u8",
    ].join("\n");
    assert.equal(parseHlsMasterPlaylist(text, MASTER).protected, true);
  });

  it("rejects media playlists and broken master playlists", () => {
    const cases: [string, string][] = [
      ["no #EXTM3U", "#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8"],
      ["a media playlist", "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nseg0.ts"],
      ["no variants", "#EXTM3U\n#EXT-X-VERSION:3"],
      ["a variant without BANDWIDTH", '#EXTM3U\n#EXT-X-STREAM-INF:CODECS="avc1"\na.m3u8'],
      ["a variant without URI", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1"],
    ];
    for (const [name, text] of cases) {
      assert.throws(() => parseHlsMasterPlaylist(text, MASTER), ManifestError, name);
    }
  });

  it("needs the absolute http(s) URL the playlist came from", () => {
    const text = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8";
    assert.throws(() => parseHlsMasterPlaylist(text, "master.m3u8"), ValidationError);
    assert.throws(() => parseHlsMasterPlaylist(text, "file:///tmp/master.m3u8"), ValidationError);
  });
});
