import { parseWireDay, SERVICE_LIMITS } from "smsc/protocol";
import type { Limits } from "./limits.js";
import { identityKey } from "./plan-send.js";
import { RateLimiter } from "./rate-limiter.js";

/** A non-negative integer parameter: undefined when absent or empty, null when malformed. */
export function intParam(v: string | undefined): number | undefined | null {
  if (v === undefined || v.trim() === "") return undefined;
  return /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : null;
}

/**
 * The `start`/`end` days of a report (`DD.MM.YYYY`, Moscow time) as ms: `from` the start's midnight, `to` the
 * midnight after the end (exclusive). Absent days are undefined; null when either is malformed or end < start.
 */
export function dayRange(
  start: string | undefined,
  end: string | undefined,
): { from?: number; to?: number } | null {
  const s = start?.trim() ? parseWireDay(start) : undefined;
  const e = end?.trim() ? parseWireDay(end) : undefined;
  if ((start?.trim() && s === undefined) || (end?.trim() && e === undefined)) return null;
  if (s !== undefined && e !== undefined && e < s) return null;
  return {
    ...(s !== undefined ? { from: s * 1000 } : {}),
    ...(e !== undefined ? { to: (e + 86_400) * 1000 } : {}),
  };
}

/**
 * Counts identical requests of a script within the service's one-minute window: the same account and the same
 * parameters, credentials and reply format aside (as for sends, https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Sandbox").
 */
export class IdenticalRequests {
  readonly #window: RateLimiter;
  constructor(
    clock: () => number,
    private readonly limits: Limits,
  ) {
    this.#window = new RateLimiter(clock, SERVICE_LIMITS.windowMs);
  }

  /** Counts a request; false (error 9) when more than `max` identical ones came within the minute. */
  allow(scope: string, accountId: number, params: Record<string, string>, max: number): boolean {
    if (!this.limits.enabled) return true;
    return this.#window.hit(`${scope}:${identityKey(accountId, params)}`) <= max;
  }

  /** Counts any request under a key; false when more than `max` came within the minute. */
  allowAny(key: string, max: number): boolean {
    return !this.limits.enabled || this.#window.hit(key) <= max;
  }
}
