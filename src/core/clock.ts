import { AbortedError } from "./errors.js";

/**
 * Time source for everything that waits or expires (cache TTLs, rate limiters, retry back-off, token expiry).
 * Injecting it lets tests advance time deterministically instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with {@link AbortedError} as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(AbortedError.from(signal));
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(AbortedError.from(signal));
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};

interface PendingSleep {
  wakeAt: number;
  resolve: () => void;
}

/**
 * A clock that only moves when told to. `advance()` wakes every sleeper whose deadline has passed, in deadline
 * order, letting promise continuations run between wake-ups so chained waits behave as they would in real time.
 */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: PendingSleep[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Number of sleeps not yet woken. */
  get pendingSleeps(): number {
    return this.sleepers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(AbortedError.from(signal));
        return;
      }
      const entry: PendingSleep = {
        wakeAt: this.current + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== entry);
        reject(AbortedError.from(signal));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.sleepers.push(entry);
    });
  }

  /** Moves time forward by `ms`, waking due sleepers one at a time. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await flushMicrotasks();
      const due = this.sleepers.filter((s) => s.wakeAt <= target).sort((a, b) => a.wakeAt - b.wakeAt)[0];
      if (!due) break;
      this.sleepers = this.sleepers.filter((s) => s !== due);
      this.current = Math.max(this.current, due.wakeAt);
      due.resolve();
    }
    this.current = target;
    await flushMicrotasks();
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise<void>((resolve) => setImmediate(resolve));
}
