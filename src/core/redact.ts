/**
 * Secrets must never reach an error message, a log line or CLI output. Every URL, header set or free text that
 * could carry one passes through here first.
 */

const SECRET_PARAMS = new Set([
  "access_token",
  "refresh_token",
  "code",
  "client_secret",
  "secret",
  "code_verifier",
  "device_code",
  "id_token",
]);

const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-tidal-token",
]);

/** Members of a JSON body that hold credentials (`code` is left out: in error bodies it is an error code). */
const SECRET_MEMBERS = new Set([
  "access_token",
  "refresh_token",
  "client_secret",
  "code_verifier",
  "device_code",
  "id_token",
  "accesstoken",
  "refreshtoken",
  "devicecode",
  "clientsecret",
]);

export const REDACTED = "[REDACTED]";

/** Shorter values would match ordinary words; no real token, secret or verifier is this short. */
const MIN_SECRET_LENGTH = 8;
/** Token rotation keeps adding values; the oldest are dropped past this many. */
const MAX_KNOWN_SECRETS = 1024;

/**
 * The process-wide register of secret values the library has seen (access and refresh tokens, client secrets,
 * authorization codes, PKCE verifiers). Anything that writes them, or learns them from an answer, records them
 * here; every redaction function then removes them wherever they appear, including places no pattern can
 * recognise (a token echoed inside a service's error message, or written into a path segment).
 */
export const knownSecrets = {
  /** Records secret values (values shorter than 8 characters, `null` and `undefined` are ignored). */
  add(...values: readonly (string | null | undefined)[]): void {
    for (const value of values) {
      if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) continue;
      // Re-adding moves a value to the young end, so a token in use is never the one evicted.
      if (registry.delete(value)) {
        registry.add(value);
        continue;
      }
      registry.add(value);
      if (registry.size > MAX_KNOWN_SECRETS) registry.delete(registry.values().next().value as string);
      pattern = undefined;
    }
  },
  /** Forgets values (a revoked token, a closed client's secret). */
  delete(...values: readonly (string | null | undefined)[]): void {
    for (const value of values) if (typeof value === "string" && registry.delete(value)) pattern = undefined;
  },
  /** Whether a value is recorded. */
  has(value: string): boolean {
    return registry.has(value);
  },
  /** How many values are recorded. */
  get size(): number {
    return registry.size;
  },
  /** Forgets every value. */
  clear(): void {
    registry.clear();
    pattern = undefined;
  },
};

const registry = new Set<string>();
/** One alternation of every known secret (and its URL-encoded form), rebuilt only after the register changes. */
let pattern: RegExp | null | undefined;

function knownPattern(): RegExp | null {
  if (pattern !== undefined) return pattern;
  const forms = new Set<string>();
  for (const value of registry) {
    forms.add(value);
    forms.add(encodeURIComponent(value));
  }
  // Longest first, so a secret that contains another is removed whole.
  const sorted = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  pattern = sorted.length === 0 ? null : new RegExp(sorted.join("|"), "g");
  return pattern;
}

function removeKnown(text: string, extra: Iterable<string | null | undefined>): string {
  let out = text;
  const known = knownPattern();
  if (known) out = out.replace(known, REDACTED);
  for (const secret of extra) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * Replaces secret query, matrix (`;name=value`) and fragment parameter values of a URL (absolute or relative)
 * with a marker, and every known secret wherever it appears (a token written into a path segment).
 */
export function redactUrl(url: string): string {
  const out = url.replace(
    /([?&#;])([^=&#;\s/]+)=([^&#;\s]*)/g,
    (match: string, sep: string, name: string, value: string) =>
      SECRET_PARAMS.has(decodeSafe(name).toLowerCase()) && value !== "" ? `${sep}${name}=${REDACTED}` : match,
  );
  return registry.size === 0 ? out : removeKnown(out, []);
}

/**
 * Copies headers, hiding credentials: the headers that carry them whole, and every known secret wherever else it
 * appears (a server that echoes what it received into a header of its own).
 */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const scrub = registry.size !== 0;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (SECRET_HEADERS.has(name.toLowerCase())) {
      out[name] = REDACTED;
      continue;
    }
    const text = Array.isArray(value) ? value.join(", ") : value;
    out[name] = scrub ? removeKnown(text, []) : text;
  }
  return out;
}

/** Whether a query or form parameter of this name carries a credential (`code`, `refresh_token`, …). */
export function isSecretParam(name: string): boolean {
  return SECRET_PARAMS.has(name.toLowerCase());
}

/**
 * Scrubs free text: secret parameters written as `name=value` (form bodies, URLs inside messages), bearer/basic
 * credentials, JSON token fields, every value in the `knownSecrets` registry, and any literal secret values the caller
 * passes.
 */
export function redactText(text: string, knownSecrets: Iterable<string | null | undefined> = []): string {
  let out = redactUrl(text.replace(/^([^=&\s]+)=/, "&$1=")).replace(/^&/, "");
  out = out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]+/gi, `$1 ${REDACTED}`);
  out = out.replace(
    /"(access_token|refresh_token|client_secret|code_verifier|device_code|deviceCode|accessToken|refreshToken|id_token)"\s*:\s*"[^"]*"/g,
    `"$1":"${REDACTED}"`,
  );
  return removeKnown(out, knownSecrets);
}

/**
 * A copy of a parsed JSON value with every string passed through {@link redactText} (secret-named members
 * included), for error bodies a service may have echoed a request into. Values without strings come back as
 * they are.
 */
export function redactValue(value: unknown, extra: readonly string[] = [], depth = 0): unknown {
  if (typeof value === "string") return redactText(value, extra);
  if (depth > 32 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, extra, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SECRET_MEMBERS.has(key.toLowerCase()) && typeof item === "string" && item !== ""
        ? REDACTED
        : redactValue(item, extra, depth + 1);
  }
  return out;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
