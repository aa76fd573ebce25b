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

export const REDACTED = "[REDACTED]";

/** Replaces secret query and fragment parameter values of a URL (absolute or relative) with a marker. */
export function redactUrl(url: string): string {
  return url.replace(
    /([?&#])([^=&#\s]+)=([^&#\s]*)/g,
    (match: string, sep: string, name: string, value: string) =>
      SECRET_PARAMS.has(decodeSafe(name).toLowerCase()) && value !== "" ? `${sep}${name}=${REDACTED}` : match,
  );
}

/** Copies headers, hiding credentials. */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADERS.has(name.toLowerCase())
      ? REDACTED
      : Array.isArray(value)
        ? value.join(", ")
        : value;
  }
  return out;
}

/**
 * Scrubs free text: secret parameters written as `name=value` (form bodies, URLs inside messages), bearer/basic
 * credentials, and any literal secret values the caller knows about.
 */
export function redactText(text: string, knownSecrets: Iterable<string | null | undefined> = []): string {
  let out = redactUrl(text.replace(/^([^=&\s]+)=/, "&$1=")).replace(/^&/, "");
  out = out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]+/gi, `$1 ${REDACTED}`);
  out = out.replace(
    /"(access_token|refresh_token|client_secret|code_verifier|device_code|deviceCode|accessToken|refreshToken|id_token)"\s*:\s*"[^"]*"/g,
    `"$1":"${REDACTED}"`,
  );
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
