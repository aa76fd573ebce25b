/**
 * Checks of the per-call controls every endpoint method accepts in its options (`signal`, `timeout`,
 * `maxRetries`). The services' shared helpers run it first, because a call can send other requests (a login,
 * a permission or subscription lookup) before it reaches the pipeline.
 */
import type { RequestOptions } from "./api-client.js";
import { ValidationError } from "./errors.js";

function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** Throws a {@link ValidationError} unless the per-call controls of `options` are well formed. */
export function checkCallControls(options: RequestOptions | undefined): void {
  if (options === undefined || options === null) return;
  if (typeof options !== "object") {
    throw new ValidationError("options", `options must be an object; got ${shown(options)}.`);
  }
  const { signal, timeout, maxRetries } = options;
  if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal)) {
    throw new ValidationError("signal", `signal must be an AbortSignal; got ${shown(signal)}.`);
  }
  if (timeout !== undefined && timeout !== null) {
    if (typeof timeout !== "number" || !Number.isFinite(timeout) || timeout <= 0) {
      throw new ValidationError(
        "timeout",
        `timeout must be a positive number of milliseconds; got ${shown(timeout)}.`,
      );
    }
  }
  if (maxRetries !== undefined && maxRetries !== null) {
    if (typeof maxRetries !== "number" || !Number.isSafeInteger(maxRetries) || maxRetries < 0) {
      throw new ValidationError(
        "maxRetries",
        `maxRetries must be a non-negative integer; got ${shown(maxRetries)}.`,
      );
    }
  }
}
