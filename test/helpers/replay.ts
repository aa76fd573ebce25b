/** Replaying recordings on the emulator while a client makes the calls that should send them. */
import assert from "node:assert/strict";
import type { Emulator, ReplayOptions } from "../../src/emulator/index.js";
import type { RoleName } from "../../src/emulator/types.js";
import { toReplay, type CassetteInteraction } from "./cassettes.js";

/**
 * Serves `interactions` on `role` while `run` makes its calls, then checks the client sent exactly the recorded
 * requests: nothing the recording lacks, everything it holds, and nothing else to the emulator.
 */
export async function replayExactly(
  emulator: Emulator,
  role: RoleName,
  interactions: readonly CassetteInteraction[],
  run: () => Promise<void>,
  options: ReplayOptions = { ignoreParams: ["access_token"] },
): Promise<void> {
  const replay = emulator.replay(role, toReplay(interactions), options);
  emulator.clearRequests();
  try {
    await run();
  } finally {
    replay.remove();
  }
  assert.deepEqual(
    replay.unmatched.map((r) => `${r.method} ${r.url}`),
    [],
    "the client sent only requests the recording holds",
  );
  assert.equal(replay.remaining, 0, "every recorded request was sent");
  assert.equal(emulator.requests.length, interactions.length);
}
