// One process of the cross-process limiter test: a shared sliding-window limiter that acquires when told, reports
// each grant, and keeps a slot it was told to hold until told to release it.
import { SharedSlidingWindowLimiter } from "../../../src/fleet/redis-limiter.js";
import { SharedRedis } from "../../../src/fleet/redis.js";
import type { ReleaseSlot } from "../../../src/fleet/contracts.js";

interface Job {
  redis: string;
  namespace: string;
  limit: number;
  windowMs: number;
}

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
const redis = await SharedRedis.connect({ url: job.redis, namespace: job.namespace, warn: () => undefined });
const limiter = new SharedSlidingWindowLimiter({
  redis,
  name: "deezer",
  limit: job.limit,
  windowMs: job.windowMs,
  // Free capacity waits for the oldest ticket however slowly its process wakes: the test asserts the strict order.
  graceMs: 60_000,
  fallback: {
    acquire: () => Promise.reject(new Error("the fallback was used while Redis was up")),
    pending: 0,
  },
});
const held = new Map<string, ReleaseSlot>();

process.on("message", (message: { type: string; label: string; hold?: boolean }) => {
  if (message.type === "stop") {
    void redis.close().then(() => process.disconnect());
  } else if (message.type === "release") {
    held.get(message.label)?.();
    held.delete(message.label);
  } else if (message.type === "acquire") {
    limiter.acquire().then(
      (release) => {
        process.send?.({ type: "granted", label: message.label });
        if (message.hold) held.set(message.label, release);
        else release();
      },
      (error: unknown) => process.send?.({ type: "failed", label: message.label, error: String(error) }),
    );
  }
});
process.send?.({ type: "ready" });
