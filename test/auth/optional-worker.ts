// Child process of the optional-package test: uses both handlers that need an optional package (hidden by
// hide-optional-packages.mjs) and prints what each failed with.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BrowserRedirectHandler } from "../../src/auth/redirect/browser.js";
import { loadOrCreateCertificate } from "../../src/auth/redirect/http-server.js";

const outcome: Record<string, { name: string; message: string }> = {};
const record = (key: string, error: unknown): void => {
  outcome[key] = {
    name: error instanceof Error ? error.name : "unknown",
    message: error instanceof Error ? error.message : String(error),
  };
};
try {
  await new BrowserRedirectHandler({ executablePath: process.execPath, headless: true }).capture({
    authorizationUrl: "http://127.0.0.1:9/authorize",
    redirectUri: "http://127.0.0.1:9/callback",
    timeoutMs: 60_000,
  });
} catch (error) {
  record("browser", error);
}
const dir = mkdtempSync(join(tmpdir(), "minim-certs-"));
try {
  await loadOrCreateCertificate(dir);
} catch (error) {
  record("https", error);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(outcome)}\n`);
