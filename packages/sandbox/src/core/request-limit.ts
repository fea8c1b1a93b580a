import { SERVICE_LIMITS } from "smsc/protocol";
import type { Limits } from "./limits.js";
import { digest } from "./md5.js";
import { RateLimiter } from "./rate-limiter.js";

/** Parameters that do not make two requests different: credentials and the reply's shape. */
const NOT_IDENTITY = new Set(["login", "psw", "apikey", "fmt", "charset"]);

/** The identity of a request: the account and its parameters except credentials and reply shape, hashed. */
export function requestKey(scope: string, accountId: number, params: Record<string, string>): string {
  const entries = Object.entries(params)
    .filter(([k]) => !NOT_IDENTITY.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${scope}:${accountId}:${digest(JSON.stringify(entries))}`;
}

/**
 * A per-minute counter of an account-management script's requests (spec §3.3): `allow(key)` counts one and says
 * whether it is within `max`. Off while the sandbox's rate limits are off (`limits.enabled`).
 */
export function perMinuteLimit(limits: Limits, clock: () => number, max: number): (key: string) => boolean {
  const counter = new RateLimiter(clock, SERVICE_LIMITS.windowMs);
  return (key) => !limits.enabled || counter.hit(key) <= max;
}
