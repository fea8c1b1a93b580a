import { SERVICE_LIMITS } from "smsc/protocol";
import type { Logger } from "./logger.js";
import { RateLimiter } from "./rate-limiter.js";

/**
 * The service's request limits as the sandbox applies them (spec §3.3): error 9 for identical sends, identical
 * cost requests, repeated status requests and balance requests within a minute, and error 4 for an address that
 * made too many authorisation errors. `enabled` switches all of them at run time (chaos API, `--no-rate-limits`).
 */
export interface Limits {
  enabled: boolean;
  /** Reserves an identical send's place; false (error 9) when one already went out within the minute. */
  reserveSend(key: string): boolean;
  /** Gives a reserved place back: the send did not happen. */
  releaseSend(key: string): void;
  /** Counts a cost request; false (error 9) when over the limit. */
  cost(key: string): boolean;
  /** Counts one status request per asked message; false (error 9) when any is over the limit. */
  status(keys: string[]): boolean;
  /** Counts a request of a script with an "N identical requests a minute" rule; false (error 9) past `max`. */
  identical(key: string, max: number): boolean;
  /** Counts a balance request; false (error 9) when over the limit. */
  balance(accountId: number): boolean;
  /** Counts a request of a per-minute limit; false (error 9) when `key` was counted more than `max` times. */
  perMinute(key: string, max: number): boolean;
  /** Whether an address is blocked now. */
  blocked(ip: string | undefined): boolean;
  /** Counts an authorisation error of an address, blocking it at the limit. */
  authFailed(ip: string | undefined): void;
}

/** Creates the limits on the core's clock. */
export function createLimits(clock: () => number, logger: Logger, enabled = true): Limits {
  const L = SERVICE_LIMITS;
  const perMinute = new RateLimiter(clock, L.windowMs);
  const authFailures = new RateLimiter(clock, L.authWindowMs);
  const blockedUntil = new Map<string, number>();
  const limits: Limits = {
    enabled,
    reserveSend(key) {
      if (!limits.enabled) return true;
      if (perMinute.count(key) >= L.identicalSends) return false;
      perMinute.hit(key);
      return true;
    },
    releaseSend(key) {
      if (limits.enabled) perMinute.undo(key);
    },
    cost: (key) => !limits.enabled || perMinute.hit(key) <= L.identicalCosts,
    status(keys) {
      if (!limits.enabled) return true;
      // every asked message counts, even when an earlier one is already over
      return keys.map((k) => perMinute.hit(k)).every((n) => n <= L.statusPerMessage);
    },
    identical: (key, max) => !limits.enabled || perMinute.hit(key) <= max,
    balance: (accountId) => !limits.enabled || perMinute.hit(`balance:${accountId}`) <= L.balanceRequests,
    perMinute: (key, max) => !limits.enabled || perMinute.hit(key) <= max,
    blocked: (ip) => limits.enabled && ip !== undefined && (blockedUntil.get(ip) ?? 0) > clock(),
    authFailed(ip) {
      if (!limits.enabled || ip === undefined || authFailures.hit(ip) < L.authErrors) return;
      blockedUntil.set(ip, clock() + L.blockMs);
      logger.warn(`ip ${ip} blocked after ${L.authErrors} authorisation errors`);
    },
  };
  return limits;
}
