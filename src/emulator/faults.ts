/**
 * Fault injection: tests make the emulator misbehave the way the real services do (rate limits, outages, dropped
 * connections, proxy error pages) for chosen requests, then check how a client copes.
 */
import { STATUS_CODES } from "node:http";
import type { EmulatorReply, FaultRequest, FaultSpec } from "./types.js";

/** A fault that was added with {@link FaultInjector.inject}. */
export interface FaultHandle {
  /** A copy of the spec as it was injected. */
  readonly spec: Readonly<FaultSpec>;
  /** How many requests this fault has been applied to. */
  readonly hits: number;
  /** How many requests matched its filters since it was added, whether or not it was applied to them. */
  readonly seen: number;
  /** False once removed, cleared or used up. */
  readonly active: boolean;
  /** Stops the fault from applying to further requests. */
  remove(): void;
}

/** Adds and removes faults; shared by every role of one emulator. */
export interface FaultInjector {
  /**
   * Makes matching requests fail as described by `spec`. When several active faults apply to the same request, the
   * one added first wins; the others still count the request towards their `nth`.
   */
  inject(spec: FaultSpec): FaultHandle;
  /** Removes every fault. */
  clear(): void;
  /** The faults that can still apply, oldest first. */
  readonly active: readonly FaultHandle[];
}

/** What the server must do for a faulted request once any delay has passed. */
export type FaultAction =
  | { readonly kind: "pass" }
  | { readonly kind: "reply"; readonly reply: EmulatorReply }
  | { readonly kind: "reset" }
  | {
      readonly kind: "truncate";
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: Buffer;
    };

/** A fault chosen for one request. */
export interface SelectedFault {
  readonly delayMs: number;
  readonly action: FaultAction;
  /** Send the answer in pieces, one every `intervalMs`. */
  readonly drip?: { readonly bytes: number; readonly intervalMs: number } | undefined;
}

/** The parts of a request that fault filters look at. */
export type FaultTarget = FaultRequest;

/** An injector plus the server-side hook that consumes matching requests. */
export interface FaultController {
  readonly injector: FaultInjector;
  /** Counts the request against every matching fault and returns the one to apply, if any. */
  select(target: FaultTarget): SelectedFault | undefined;
}

class Fault implements FaultHandle {
  readonly spec: Readonly<FaultSpec>;
  readonly selected: SelectedFault;
  hits = 0;
  seen = 0;
  active = true;
  readonly #method: string | undefined;
  readonly #times: number;
  readonly #onRemove: (fault: Fault) => void;

  constructor(spec: FaultSpec, onRemove: (fault: Fault) => void) {
    validate(spec);
    this.spec = Object.freeze({ ...spec, headers: spec.headers ? { ...spec.headers } : undefined });
    const drip = spec.drip && { bytes: spec.drip.bytes ?? 16, intervalMs: spec.drip.intervalMs };
    this.selected = { delayMs: spec.delayMs ?? 0, action: actionFor(spec), drip };
    this.#method = spec.method === undefined || spec.method === "*" ? undefined : spec.method.toUpperCase();
    this.#times = spec.times ?? 1;
    this.#onRemove = onRemove;
  }

  matches(target: FaultTarget): boolean {
    const { role, path } = this.spec;
    if (role !== undefined && role !== target.role) return false;
    if (this.#method !== undefined && this.#method !== target.method) return false;
    if (path !== undefined) {
      if (typeof path === "string") {
        if (path !== target.path) return false;
      } else {
        // A global or sticky RegExp remembers where it stopped; every request must be tested from the start.
        path.lastIndex = 0;
        if (!path.test(target.path)) return false;
      }
    }
    return this.spec.when === undefined || this.spec.when(target);
  }

  /** Registers one matching request; true when the fault applies to it. */
  count(): boolean {
    this.seen += 1;
    const nth = this.spec.nth;
    const due =
      nth === undefined ? this.hits < this.#times : this.seen >= nth && this.seen < nth + this.#times;
    const { probability, random = Math.random } = this.spec;
    return due && (probability === undefined || random() < probability);
  }

  get exhausted(): boolean {
    const nth = this.spec.nth;
    return nth === undefined ? this.hits >= this.#times : this.seen >= nth + this.#times - 1;
  }

  remove(): void {
    if (!this.active) return;
    this.active = false;
    this.#onRemove(this);
  }
}

/** Creates the fault registry of one emulator. */
export function createFaultController(): FaultController {
  let faults: Fault[] = [];
  const drop = (fault: Fault): void => {
    faults = faults.filter((f) => f !== fault);
  };

  const injector: FaultInjector = {
    inject(spec) {
      const fault = new Fault(spec, drop);
      faults = [...faults, fault];
      return fault;
    },
    clear() {
      const old = faults;
      faults = [];
      for (const fault of old) fault.active = false;
    },
    get active() {
      return faults;
    },
  };

  return {
    injector,
    select(target) {
      if (faults.length === 0) return undefined;
      let chosen: Fault | undefined;
      // Iterate over a snapshot: removing a used-up fault replaces the array.
      for (const fault of faults) {
        if (!fault.matches(target)) continue;
        if (fault.count() && chosen === undefined) {
          chosen = fault;
          fault.hits += 1;
        }
        if (fault.exhausted) fault.remove();
      }
      return chosen?.selected;
    },
  };
}

function validate(spec: FaultSpec): void {
  const { nth, times, delayMs } = spec;
  if (nth !== undefined && !(Number.isInteger(nth) && nth >= 1)) {
    throw new RangeError(`Fault nth must be an integer ≥ 1, got ${String(nth)}.`);
  }
  if (times !== undefined && !((Number.isInteger(times) && times >= 1) || times === Infinity)) {
    throw new RangeError(`Fault times must be an integer ≥ 1 or Infinity, got ${String(times)}.`);
  }
  if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) {
    throw new RangeError(`Fault delayMs must be a finite number ≥ 0, got ${String(delayMs)}.`);
  }
  if (
    spec.status !== undefined &&
    !(Number.isInteger(spec.status) && spec.status >= 200 && spec.status <= 999)
  ) {
    throw new RangeError(
      `Fault status must be an HTTP status between 200 and 999, got ${String(spec.status)}.`,
    );
  }
  if (spec.reset && spec.truncate) throw new TypeError("A fault cannot both reset and truncate.");
  const { probability, drip } = spec;
  if (probability !== undefined && !(probability > 0 && probability <= 1)) {
    throw new RangeError(`Fault probability must be in (0, 1], got ${String(probability)}.`);
  }
  if (drip !== undefined) {
    if (spec.reset || spec.truncate) throw new TypeError("A fault cannot both drip and reset or truncate.");
    const bytes = drip.bytes ?? 16;
    if (!(Number.isInteger(bytes) && bytes >= 1)) {
      throw new RangeError(`Fault drip.bytes must be an integer ≥ 1, got ${String(bytes)}.`);
    }
    if (!(Number.isFinite(drip.intervalMs) && drip.intervalMs >= 0)) {
      throw new RangeError(
        `Fault drip.intervalMs must be a finite number ≥ 0, got ${String(drip.intervalMs)}.`,
      );
    }
  }
}

function actionFor(spec: FaultSpec): FaultAction {
  if (spec.reset) return { kind: "reset" };
  if (spec.truncate) return truncateAction(spec);
  if (spec.html) {
    const status = spec.status ?? 502;
    return { kind: "reply", reply: { status, headers: spec.headers, html: spec.text ?? errorPage(status) } };
  }
  const answers =
    spec.status !== undefined ||
    spec.json !== undefined ||
    spec.text !== undefined ||
    spec.headers !== undefined;
  if (!answers) return { kind: "pass" };
  const reply: EmulatorReply = { status: spec.status ?? 200, headers: spec.headers };
  if (spec.json !== undefined) reply.json = spec.json;
  else if (spec.text !== undefined) reply.text = spec.text;
  return { kind: "reply", reply };
}

function truncateAction(spec: FaultSpec): FaultAction {
  let contentType = "application/json";
  let text: string;
  if (spec.json !== undefined) text = JSON.stringify(spec.json);
  else if (spec.text !== undefined) {
    text = spec.text;
    contentType = "text/plain; charset=utf-8";
  } else {
    // Long enough that half of it is still a partial JSON document a client might try to parse.
    text = JSON.stringify({
      data: Array.from({ length: 8 }, (_, i) => ({ id: i + 1, title: `Track ${i + 1}` })),
    });
  }
  const headers: Record<string, string> = { "content-type": contentType };
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = value;
  const body = Buffer.from(text.length >= 2 ? text : `${text}  `);
  return { kind: "truncate", status: spec.status ?? 200, headers, body };
}

function errorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><hr><p>nginx</p></body></html>\n`;
}
