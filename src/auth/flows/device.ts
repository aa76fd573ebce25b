/**
 * The device authorization grant (RFC 8628) as TIDAL's auth server runs it: camelCase answer from
 * `device_authorization`, then polling the token endpoint with HTTP Basic client credentials. Each `slow_down`
 * lengthens the interval, and polling stops when the code expires.
 */
import { redactText } from "../../core/redact.js";
import { AbortedError, AuthorizationError } from "../../core/errors.js";
import type { AuthorizationPrompt, OnAuthorization, TokenSet } from "../types.js";
import { parseJsonObject } from "../../core/json.js";
import type { FlowContext } from "./context.js";
import { basicAuthorization, parseTokenAnswer, postForm } from "./token-endpoint.js";
import { isTransientFailure, tokenEndpointFailure } from "./token-errors.js";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** Seconds between polls when the server names no interval. */
const DEFAULT_INTERVAL_S = 2;
/** RFC 8628 §3.5: each `slow_down` adds five seconds. */
const SLOW_DOWN_STEP_S = 5;
/** Consecutive transient failures (5xx, network) tolerated while polling before giving up. */
const MAX_TRANSIENT_POLL_FAILURES = 3;

/** Settings of {@link runDeviceFlow}. */
export interface DeviceFlowParams {
  clientId: string;
  clientSecret: string;
  deviceAuthUrl: string;
  tokenUrl: string;
  scopes: readonly string[];
  onAuthorization?: OnAuthorization | undefined;
  /** Opens the verification page in the default browser instead of printing it. */
  openBrowser?: boolean | undefined;
  /** Where the verification instructions are written when there is no `onAuthorization` (default stderr). */
  output?: NodeJS.WritableStream | undefined;
  /** Opens a URL; defaults to the `open` package. */
  openUrl?: ((url: string) => Promise<void>) | undefined;
}

/** The device authorization answer, in the names the rest of the code uses. */
export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | undefined;
  expiresIn: number;
  interval: number;
}

/** Asks for a device code. */
export async function requestDeviceAuthorization(
  ctx: FlowContext,
  params: DeviceFlowParams,
): Promise<DeviceAuthorization> {
  const response = await postForm(
    ctx,
    params.deviceAuthUrl,
    { client_id: params.clientId, scope: [...params.scopes].sort().join(" ") },
    {},
    "oauth.deviceAuthorization",
  );
  const secrets = [params.clientSecret];
  if (response.status < 200 || response.status >= 300) throw tokenEndpointFailure(ctx, response, secrets);
  const body = parseJsonObject(response.text);
  const deviceCode = body?.["deviceCode"] ?? body?.["device_code"];
  const userCode = body?.["userCode"] ?? body?.["user_code"];
  const verificationUri = body?.["verificationUri"] ?? body?.["verification_uri"];
  if (body === undefined || typeof deviceCode !== "string" || typeof userCode !== "string") {
    throw new AuthorizationError({
      error: typeof body?.["error"] === "string" ? redactText(body["error"], secrets) : "invalid_response",
      description: "the device authorization endpoint answered without a device code",
      status: response.status,
    });
  }
  const complete = body["verificationUriComplete"] ?? body["verification_uri_complete"];
  return {
    deviceCode,
    userCode,
    verificationUri: typeof verificationUri === "string" ? verificationUri : "",
    verificationUriComplete: typeof complete === "string" && complete !== "" ? complete : undefined,
    expiresIn: positiveNumber(body["expiresIn"] ?? body["expires_in"]) ?? 300,
    interval: positiveNumber(body["interval"]) ?? DEFAULT_INTERVAL_S,
  };
}

/** The URL a person opens: TIDAL sends `link.tidal.com/XXXXX` without a scheme. */
export function withScheme(uri: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) ? uri : `https://${uri}`;
}

/** Runs the whole device flow: request a code, show it, poll until the user approves. */
export async function runDeviceFlow(ctx: FlowContext, params: DeviceFlowParams): Promise<TokenSet> {
  const device = await requestDeviceAuthorization(ctx, params);
  await presentDeviceCode(ctx, params, device);
  return pollDeviceToken(ctx, params, device);
}

async function presentDeviceCode(
  ctx: FlowContext,
  params: DeviceFlowParams,
  device: DeviceAuthorization,
): Promise<void> {
  const url = withScheme(device.verificationUriComplete ?? device.verificationUri);
  const prompt: AuthorizationPrompt = {
    url,
    userCode: device.userCode,
    verificationUri: device.verificationUri ? withScheme(device.verificationUri) : undefined,
    expiresIn: device.expiresIn,
  };
  if (params.onAuthorization) {
    await params.onAuthorization(prompt);
    return;
  }
  const output = params.output ?? process.stderr;
  if (params.openBrowser) {
    try {
      await (params.openUrl ?? openWithDefaultBrowser)(url);
      output.write(`Opened ${url} in your browser; confirm the code ${device.userCode} there.\n`);
      return;
    } catch {
      ctx.warn("Could not open a browser; open the verification page yourself.");
    }
  }
  output.write(
    `To authorize, open ${url} and confirm the code ${device.userCode} ` +
      `(valid for ${Math.round(device.expiresIn / 60)} min).\n`,
  );
}

async function openWithDefaultBrowser(url: string): Promise<void> {
  const { default: open } = await import("open");
  await open(url);
}

/** Polls the token endpoint until the user approves, denies, or the code expires. */
export async function pollDeviceToken(
  ctx: FlowContext,
  params: DeviceFlowParams,
  device: DeviceAuthorization,
): Promise<TokenSet> {
  const deadline = ctx.clock.now() + device.expiresIn * 1000;
  const secrets = [device.deviceCode, params.clientSecret];
  let interval = device.interval;
  let transientFailures = 0;
  for (;;) {
    await ctx.clock.sleep(interval * 1000, ctx.signal);
    if (ctx.signal?.aborted) throw AbortedError.from(ctx.signal);
    if (ctx.clock.now() >= deadline) {
      throw new AuthorizationError({
        error: "expired_token",
        description: "the device code expired before the user approved it",
      });
    }
    let token: TokenSet;
    try {
      const response = await postForm(
        ctx,
        params.tokenUrl,
        {
          client_id: params.clientId,
          scope: [...params.scopes].sort().join(" "),
          device_code: device.deviceCode,
          grant_type: DEVICE_CODE_GRANT,
        },
        { authorization: basicAuthorization(params.clientId, params.clientSecret) },
      );
      token = parseTokenAnswer(ctx, response, secrets, undefined, params.scopes);
    } catch (error) {
      if (error instanceof AuthorizationError && error.error === "authorization_pending") {
        transientFailures = 0;
        continue;
      }
      if (error instanceof AuthorizationError && error.error === "slow_down") {
        transientFailures = 0;
        interval += SLOW_DOWN_STEP_S;
        continue;
      }
      if (isTransientFailure(error) && ++transientFailures <= MAX_TRANSIENT_POLL_FAILURES) {
        // A quota answer is the server's way of saying "slower" too.
        if ((error as { status?: unknown }).status === 429) interval += SLOW_DOWN_STEP_S;
        continue;
      }
      throw error;
    }
    return token;
  }
}

function positiveNumber(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : undefined;
}
