/**
 * Replays recorded exchanges (cassettes) verbatim, so contract tests check the SDK against what the real services
 * once answered rather than against the emulator's own model of them.
 */
import type {
  EmulatorReply,
  EmulatorRequest,
  RecordedRequest,
  ReplayInteraction,
  RoleName,
} from "./types.js";

/** Options of {@link ReplaySession}. */
export interface ReplayOptions {
  /** Query parameters left out of the comparison, e.g. `access_token`, whose recorded value was scrubbed. */
  ignoreParams?: readonly string[];
  /**
   * When every interaction matching a request has been used, answer with the last of them again instead of
   * failing. Off by default: a client that repeats a request the recording holds once is usually a bug.
   */
  allowRepeats?: boolean;
}

/** A replay installed on one role. */
export interface ReplayHandle {
  readonly role: RoleName;
  /** Requests no interaction matched (each was answered with status 599). */
  readonly unmatched: RecordedRequest[];
  /** Interactions not yet used. */
  readonly remaining: number;
  /** False once removed or replaced by another replay on the same role. */
  readonly active: boolean;
  /** Puts the role's normal routes back in charge. */
  remove(): void;
}

/** Status of the answer to a request the recording does not hold; outside the range real services use. */
export const REPLAY_MISMATCH_STATUS = 599;

// Headers describing the recorded connection or encoding, not the payload: the body is resent as decoded text
// over a new connection, so keeping them would make clients misread it.
const DROPPED_HEADERS = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "content-encoding",
  "content-length",
]);

const MAX_LISTED = 5;

interface PreparedInteraction {
  readonly index: number;
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly reply: EmulatorReply;
  used: boolean;
}

/** The outcome of offering a request to a replay. */
export interface ReplayAnswer {
  readonly reply: EmulatorReply;
  readonly matched: boolean;
}

/** Matches requests on one role against a recording; the server consults it before the role's routes. */
export class ReplaySession implements ReplayHandle {
  readonly role: RoleName;
  readonly unmatched: RecordedRequest[] = [];
  active = true;
  readonly #ignored: ReadonlySet<string>;
  readonly #allowRepeats: boolean;
  readonly #interactions: PreparedInteraction[];
  /** Interactions by method, path and compared query, in recording order. */
  readonly #byKey = new Map<string, PreparedInteraction[]>();
  readonly #onRemove: (session: ReplaySession) => void;
  #remaining: number;

  constructor(
    role: RoleName,
    interactions: readonly ReplayInteraction[],
    options: ReplayOptions,
    onRemove: (session: ReplaySession) => void,
  ) {
    this.role = role;
    this.#ignored = new Set(options.ignoreParams ?? []);
    this.#allowRepeats = options.allowRepeats ?? false;
    this.#onRemove = onRemove;
    this.#interactions = interactions.map((interaction, index) => {
      const prepared: PreparedInteraction = {
        index,
        method: interaction.method.toUpperCase(),
        path: decodePath(interaction.path),
        query: this.#compared(Object.entries(interaction.query)),
        reply: replyFor(interaction.response),
        used: false,
      };
      const key = keyOf(prepared.method, prepared.path, prepared.query);
      const list = this.#byKey.get(key);
      if (list) list.push(prepared);
      else this.#byKey.set(key, [prepared]);
      return prepared;
    });
    this.#remaining = this.#interactions.length;
  }

  get remaining(): number {
    return this.#remaining;
  }

  remove(): void {
    if (!this.active) return;
    this.active = false;
    this.#onRemove(this);
  }

  /** Answers from the recording, or with a 599 explaining why nothing matched. */
  answer(req: EmulatorRequest): ReplayAnswer {
    const query = this.#compared(req.query.entries());
    const candidates = this.#byKey.get(keyOf(req.method, req.path, query));
    if (candidates) {
      const next = candidates.find((c) => !c.used);
      if (next) {
        next.used = true;
        this.#remaining -= 1;
        return { reply: next.reply, matched: true };
      }
      const last = candidates[candidates.length - 1];
      if (this.#allowRepeats && last) return { reply: last.reply, matched: true };
    }
    return { reply: this.#mismatch(req, query, candidates !== undefined), matched: false };
  }

  #compared(entries: Iterable<[string, string]>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of entries) if (!this.#ignored.has(name)) out[name] = value;
    return out;
  }

  #mismatch(req: EmulatorRequest, query: Record<string, string>, allUsed: boolean): EmulatorReply {
    const samePath = this.#interactions.filter((i) => i.method === req.method && i.path === req.path);
    let reason: string;
    let listed: PreparedInteraction[];
    if (allUsed) {
      reason = "every recorded interaction matching this request was already used";
      listed = samePath;
    } else if (samePath.length > 0) {
      reason = "recorded interactions with this method and path expect a different query";
      listed = samePath;
    } else {
      reason = "no recorded interaction has this method and path";
      listed = this.#interactions.filter((i) => !i.used);
    }
    return {
      status: REPLAY_MISMATCH_STATUS,
      json: {
        error: "replay mismatch",
        reason,
        role: this.role,
        request: { method: req.method, path: req.path, query },
        ignoredParams: [...this.#ignored],
        remaining: this.#remaining,
        candidates: listed.slice(0, MAX_LISTED).map((i) => ({
          index: i.index,
          method: i.method,
          path: i.path,
          query: i.query,
          used: i.used,
        })),
      },
    };
  }
}

function replyFor(response: ReplayInteraction["response"]): EmulatorReply {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    const lower = name.toLowerCase();
    if (!DROPPED_HEADERS.has(lower)) headers[lower] = value;
  }
  return { status: response.status, headers, body: Buffer.from(response.body, "utf8") };
}

function keyOf(method: string, path: string, query: Record<string, string>): string {
  const names = Object.keys(query).sort();
  // JSON keeps names and values containing separators from colliding.
  return JSON.stringify([method, path, names.map((n) => [n, query[n]])]);
}

function decodePath(path: string): string {
  if (!path.includes("%")) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
