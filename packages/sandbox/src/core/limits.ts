/**
 * The service's documented request limits (spec §3.3) as the sandbox applies them when rate limits are on.
 * "Identical" is not defined by the service; the sandbox's definition is in https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md ("Sandbox").
 */
export const LIMITS = {
  /** Window of the per-minute limits. */
  windowMs: 60_000,
  /** More than one identical send per minute → error 9. */
  identicalSends: 1,
  /** More than five identical cost requests per minute → error 9. */
  identicalCosts: 5,
  /** More than five status requests for the same message per minute → error 9. */
  statusPerMessage: 5,
  /** More than ten balance requests per minute → error 9. */
  balanceRequests: 10,
  /** This many authorisation errors from one IP within `authWindowMs` block it (error 4). */
  authErrors: 5,
  authWindowMs: 30 * 60_000,
  /** How long an IP stays blocked. */
  blockMs: 30 * 60_000,
} as const;

/** A client id: up to 40 of Latin letters, digits, ".", "_" and "-" (spec §2.1 `id`; numbers match too). */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9._-]{1,40}$/;
