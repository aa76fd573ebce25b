/** Shared set-up of the TIDAL emulator tests: the servers with the TIDAL service, spoken to over plain HTTP. */
import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { TidalEmulator, type TidalEmulatorOptions } from "../../src/emulator/tidal/index.js";

export interface TidalHarness {
  tidal: TidalEmulator;
  servers: Emulator;
  urls: Emulator["urls"];
}

/** Starts the TIDAL servers; close them with `servers.close()`. */
export async function startTidalEmulator(options?: TidalEmulatorOptions): Promise<TidalHarness> {
  const servers = await startEmulator({ services: ["tidal"], tidal: options });
  const tidal = servers.tidal;
  assert.ok(tidal instanceof TidalEmulator);
  return { tidal, servers, urls: servers.urls };
}
