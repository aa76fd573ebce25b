/**
 * The life of one capture: its deadline and the caller's signal, turned into one signal that tells the handler to
 * release what it holds, and the settle-once promise handlers resolve when the redirect arrives.
 */
import { AbortedError, AuthorizationError, ValidationError } from "../../core/errors.js";
import type { RedirectRequest } from "./types.js";

/** Five minutes: long enough to sign in and approve, short enough that a forgotten prompt ends. */
export const DEFAULT_REDIRECT_TIMEOUT_MS = 300_000;

const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs one capture under the request's deadline and signal. `work` receives a signal that fires with the error to
 * report (an {@link AuthorizationError} `timeout`, or an {@link AbortedError}); it must release what it holds
 * (servers, browsers, streams) and then reject, so that by the time the caller sees the failure nothing is left
 * behind. The signal also fires once `work` has settled, which lets pending listeners go.
 */
export async function runCapture<T>(
  req: RedirectRequest,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_REDIRECT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMER_MS) {
    throw new ValidationError(
      "timeoutMs",
      `timeoutMs must be a positive number of milliseconds up to ${MAX_TIMER_MS}.`,
    );
  }
  if (req.signal?.aborted) throw AbortedError.from(req.signal);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(AbortedError.from(req.signal));
  req.signal?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => {
    controller.abort(
      new AuthorizationError({
        error: "timeout",
        message: `No redirect to the redirect URI arrived within ${formatDuration(timeoutMs)}.`,
      }),
    );
  }, timeoutMs);
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener("abort", onAbort);
    if (!controller.signal.aborted) controller.abort(new AbortedError("The capture has finished."));
  }
}

/** A promise that rejects with the signal's reason once it aborts (at once if it already has). */
export function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/** A promise with its settle functions, settled at most once. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
  readonly settled: boolean;
}

/** Creates a {@link Deferred}: later calls to `resolve`/`reject` after the first are ignored. */
export function deferred<T>(): Deferred<T> {
  let resolveFn!: (value: T) => void;
  let rejectFn!: (error: unknown) => void;
  let settled = false;
  const promise = new Promise<T>((resolve, reject) => {
    resolveFn = resolve;
    rejectFn = reject;
  });
  return {
    promise,
    resolve(value) {
      if (settled) return;
      settled = true;
      resolveFn(value);
    },
    reject(error) {
      if (settled) return;
      settled = true;
      rejectFn(error);
    },
    get settled() {
      return settled;
    },
  };
}

function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
