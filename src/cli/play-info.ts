/**
 * `minim tidal play-info TRACK_ID`: asks TIDAL how a track would play and prints the decoded stream description
 * (codec, rate, depth, segment count). The segment URLs carry short-lived access tokens, so they are never
 * printed.
 */
import type { AudioQuality, StreamDescription } from "../tidal/index.js";
import { decodePlaybackManifest, PrivateTIDALAPIClient } from "../tidal/index.js";
import { makeClient, type CallCommand } from "./call.js";
import { resolveEndpoints } from "./endpoints.js";

export interface PlayInfoCommand extends Omit<CallCommand, "service" | "args" | "opt"> {
  trackId: string;
  quality?: string | undefined;
  preview?: boolean | undefined;
}

/** What the command prints, without anything secret. */
export interface PlayInfoSummary {
  trackId: number;
  audioQuality: string | undefined;
  assetPresentation: string | undefined;
  manifestType: StreamDescription["manifestType"];
  mimeType: string;
  codec: string | undefined;
  protected: boolean;
  sampleRate: number | undefined;
  bitDepth: number | undefined;
  bandwidth: number | undefined;
  durationSeconds: number | undefined;
  /** Requests that make up the file: for DASH the initialization segment and every media segment. */
  segments: number;
}

export async function runPlayInfo(command: PlayInfoCommand): Promise<void> {
  const endpoints = resolveEndpoints(command.url ?? [], process.env, {
    role: "tidalApi",
    url: command.baseUrl,
  });
  await using client = makeClient({ ...command, service: "tidal", args: [], opt: [] }, "tidal", endpoints);
  if (!(client instanceof PrivateTIDALAPIClient)) throw new TypeError("expected a TIDAL client");
  const info = await client.tracks.getTrackPlaybackInfo(command.trackId, {
    quality: command.quality as AudioQuality | undefined,
    presentation: command.preview ? "PREVIEW" : undefined,
  });
  const description = decodePlaybackManifest(info);
  const summary: PlayInfoSummary = {
    trackId: info.trackId,
    audioQuality: info.audioQuality,
    assetPresentation: info.assetPresentation,
    manifestType: description.manifestType,
    mimeType: description.mimeType,
    codec: description.codec,
    protected: description.protected,
    sampleRate: description.manifestType === "emu" ? undefined : description.sampleRate,
    bitDepth: description.manifestType === "emu" ? undefined : description.bitDepth,
    bandwidth: description.manifestType === "dash" ? description.bandwidth : undefined,
    durationSeconds: description.manifestType === "dash" ? description.durationSeconds : undefined,
    segments: description.urls.length,
  };
  process.stdout.write(command.json ? `${JSON.stringify(summary, null, 2)}\n` : describe(summary));
}

function describe(summary: PlayInfoSummary): string {
  const format = [
    summary.codec ?? summary.mimeType,
    summary.sampleRate === undefined ? undefined : `${summary.sampleRate / 1000} kHz`,
    summary.bitDepth === undefined ? undefined : `${summary.bitDepth} bit`,
    summary.bandwidth === undefined ? undefined : `${Math.round(summary.bandwidth / 1000)} kbit/s`,
  ].filter((part) => part !== undefined);
  const lines = [
    `Track ${summary.trackId}: ${summary.audioQuality ?? "?"} (${summary.assetPresentation ?? "?"})`,
    `Stream: ${summary.manifestType.toUpperCase()}, ${format.join(", ")}`,
    `Protected: ${summary.protected ? "yes (this library does not play protected streams)" : "no"}`,
  ];
  if (summary.durationSeconds !== undefined) lines.push(`Duration: ${summary.durationSeconds.toFixed(1)} s`);
  lines.push(
    summary.manifestType === "dash"
      ? `Segments: ${summary.segments} (initialization + ${summary.segments - 1} media)`
      : `Files: ${summary.segments}`,
  );
  return `${lines.join("\n")}\n`;
}
