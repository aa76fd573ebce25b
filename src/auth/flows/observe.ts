/**
 * OAuth requests reported to the application's `onRequest`/`onResponse` hooks and logger, in the events and log
 * lines API calls produce, so the requests that carry the most secrets are as visible, and as redacted, as the
 * rest.
 */
import {
  debugEnabled,
  type MinimLogger,
  type ObservabilityOptions,
  type RequestEvent,
  type ResponseEvent,
} from "../../core/api-client.js";
import { ValidationError } from "../../core/errors.js";
import { redactHeaders, redactUrl } from "../../core/redact.js";
import type { HttpRequest, HttpResponse, Transport } from "../../core/transport.js";

/**
 * The `name` an OAuth request is reported under: every grant at the token endpoint (authorization code, PKCE,
 * refresh, device code polls) is `oauth.token`; TIDAL's device code request is `oauth.deviceAuthorization`. No API
 * method has a dotted name, so the prefix tells them apart.
 */
export type OAuthEndpoint = "oauth.token" | "oauth.deviceAuthorization";

/** The observers of one authenticator, checked and with `DEBUG=minim` already resolved to a logger. */
export interface AuthObservers {
  readonly onRequest: ((event: RequestEvent) => void) | undefined;
  readonly onResponse: ((event: ResponseEvent) => void) | undefined;
  readonly logger: MinimLogger | undefined;
}

const stderrLogger: MinimLogger = {
  debug: (message) => process.stderr.write(`${message}\n`),
};

/**
 * Reads the observability options as the request pipeline does: the same checks, and the same `DEBUG` fallback,
 * decided once at construction.
 *
 * @throws ValidationError when a hook is not a function or the logger has no `debug` method.
 */
export function authObservers(options: ObservabilityOptions): AuthObservers {
  for (const hook of ["onRequest", "onResponse"] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== "function") {
      throw new ValidationError(hook, `${hook} must be a function.`);
    }
  }
  if (options.logger !== undefined && typeof options.logger?.debug !== "function") {
    throw new ValidationError("logger", "logger must have a debug(message) method.");
  }
  return {
    onRequest: options.onRequest,
    onResponse: options.onResponse,
    logger: options.logger ?? (debugEnabled() ? stderrLogger : undefined),
  };
}

/**
 * Sends one OAuth request, reporting it when anyone listens. Only the URL (secret parameters and every known
 * secret removed) and the response headers (credentials removed) are reported; the form body and the request
 * headers, where the client secret, codes, verifiers and tokens travel, never are.
 */
export async function observedRequest(
  transport: Transport,
  observers: AuthObservers | undefined,
  name: OAuthEndpoint,
  request: HttpRequest,
): Promise<HttpResponse> {
  if (!observers || (!observers.onRequest && !observers.onResponse && !observers.logger)) {
    return transport.request(request);
  }
  const { onRequest, onResponse, logger } = observers;
  const url = redactUrl(transport.resolveUrl(request.url, request.query));
  // An OAuth request is never resent as is: a device code poll or a second refresh is a request of its own.
  const base: RequestEvent = { name, method: request.method, url, attempt: 1 };
  notify(onRequest, base);
  const started = performance.now();
  let response: HttpResponse;
  try {
    response = await transport.request(request);
  } catch (error) {
    const durationMs = performance.now() - started;
    const failure = error instanceof Error ? error : new Error(String(error));
    notify(onResponse, { ...base, status: undefined, headers: {}, durationMs, error: failure });
    logger?.debug(
      `minim ${request.method} ${url} failed after ${Math.round(durationMs)} ms: ${failure.name} (${name})`,
    );
    throw error;
  }
  const durationMs = response.durationMs ?? performance.now() - started;
  notify(onResponse, {
    ...base,
    status: response.status,
    headers: redactHeaders(response.headers),
    durationMs,
  });
  logger?.debug(
    `minim ${request.method} ${url} -> ${response.status} in ${Math.round(durationMs)} ms (${name})`,
  );
  return response;
}

/** An observer that throws must not fail the login it watches. */
function notify<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return;
  try {
    hook(event);
  } catch {
    // Deliberately ignored (see above).
  }
}
