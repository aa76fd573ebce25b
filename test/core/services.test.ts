/**
 * Each official host and Deezer's permission list are spelled once, in src/core/services.ts; the clients' and the
 * CLI's defaults are built from them.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { DeezerAuth } from "../../src/auth/deezer.js";
import { deezerUrls, tidalUrls } from "../../src/cli/endpoints.js";
import {
  DEEZER_PERMISSIONS,
  deezerAuthorizationUrl,
  deezerTokenUrl,
  SERVICE_ORIGINS,
  tidalAuthorizationUrl,
  tidalDeviceAuthorizationUrl,
  tidalTokenUrl,
  type DeezerPermission,
} from "../../src/core/services.js";
import type { DeezerPermission as ClientDeezerPermission } from "../../src/deezer/types/user.js";
import { DeezerAPIClient } from "../../src/deezer/client.js";
import { PrivateTIDALAPIClient } from "../../src/tidal/private-client.js";

const root = new URL("../../", import.meta.url).pathname;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
// The endpoint layer's permission type names exactly the permissions the auth layer accepts.
export const permissionTypesAgree: Equal<DeezerPermission, ClientDeezerPermission> = true;

/**
 * Files that still spell an official host as a string literal of their own. The endpoint layers own them; each
 * entry goes once its file imports the origin from src/core/services.ts.
 */
const SPELLED_ELSEWHERE = new Set<string>([]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("service origins", () => {
  it("are spelled as string literals only in src/core/services.ts", () => {
    const hosts = Object.values(SERVICE_ORIGINS).map((origin) => new URL(origin).host);
    // A quoted URL is a value the code uses; hosts in comments and backticked docs describe it.
    const literal = new RegExp(`["']https?://(?:${hosts.map((h) => h.replaceAll(".", "\\.")).join("|")})`);
    const offenders = sourceFiles(join(root, "src"))
      .map((file) => relative(root, file))
      .filter((name) => name !== "src/core/services.ts" && !SPELLED_ELSEWHERE.has(name))
      .filter((name) => literal.test(readFileSync(join(root, name), "utf8")));
    assert.deepEqual(offenders, []);
  });

  it("are the clients' defaults", () => {
    assert.equal(DeezerAPIClient.BASE_URL, SERVICE_ORIGINS.deezerApi);
    assert.equal(DeezerAPIClient.AUTH_URL, deezerAuthorizationUrl(SERVICE_ORIGINS.deezerConnect));
    assert.equal(DeezerAPIClient.TOKEN_URL, deezerTokenUrl(SERVICE_ORIGINS.deezerConnect));
    assert.equal(PrivateTIDALAPIClient.BASE_URL, SERVICE_ORIGINS.tidalApi);
    assert.equal(PrivateTIDALAPIClient.AUTH_URL, tidalAuthorizationUrl(SERVICE_ORIGINS.tidalLogin));
    assert.equal(PrivateTIDALAPIClient.TOKEN_URL, tidalTokenUrl(SERVICE_ORIGINS.tidalAuth));
    assert.equal(
      PrivateTIDALAPIClient.DEVICE_AUTH_URL,
      tidalDeviceAuthorizationUrl(SERVICE_ORIGINS.tidalAuth),
    );
    assert.equal(PrivateTIDALAPIClient.LOGIN_URL, SERVICE_ORIGINS.tidalLogin);
    assert.equal(PrivateTIDALAPIClient.RESOURCE_URL, SERVICE_ORIGINS.tidalResources);
    assert.equal(PrivateTIDALAPIClient.OPENAPI_URL, SERVICE_ORIGINS.tidalOpenApi);
  });

  it("lead the CLI to the same endpoints on any other server", () => {
    const other = Object.fromEntries(
      Object.keys(SERVICE_ORIGINS).map((role) => [role, `http://127.0.0.1:9000/${role}`]),
    ) as Record<keyof typeof SERVICE_ORIGINS, string>;
    assert.deepEqual(deezerUrls(other), {
      baseUrl: other.deezerApi,
      authUrl: `${other.deezerConnect}/oauth/auth.php`,
      tokenUrl: `${other.deezerConnect}/oauth/access_token.php`,
    });
    assert.deepEqual(tidalUrls(other), {
      baseUrl: other.tidalApi,
      authUrl: `${other.tidalLogin}/authorize`,
      tokenUrl: `${other.tidalAuth}/v1/oauth2/token`,
      deviceAuthUrl: `${other.tidalAuth}/v1/oauth2/device_authorization`,
      loginUrl: other.tidalLogin,
      resourceUrl: other.tidalResources,
      openApiUrl: other.tidalOpenApi,
    });
  });
});

describe("Deezer permissions", () => {
  it("are the list the auth layer checks requests against", () => {
    assert.deepEqual(DeezerAuth.PERMISSIONS, DEEZER_PERMISSIONS);
    assert.equal(new Set(DEEZER_PERMISSIONS).size, 7);
  });
});
