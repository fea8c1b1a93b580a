/**
 * The service's documented request limits (spec §3.3, §6.2). The sandbox applies them when its rate limits are on;
 * "identical" is not defined by the service, and the sandbox's definition is in docs/protocol.md ("Sandbox").
 */
export const SERVICE_LIMITS = {
  /** Window of the per-minute limits, ms. */
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
  /** Window of the authorisation-error count, ms. */
  authWindowMs: 30 * 60_000,
  /** How long an IP stays blocked, ms. */
  blockMs: 30 * 60_000,
} as const;

/** Limits of get.php?get_answers=1 (spec §6.2): at most 10000 records, a period of at most 168 hours. */
export const ANSWERS_LIMITS = { maxCnt: 10_000, defaultCnt: 100, maxHour: 168 } as const;

/** A client id: up to 40 of Latin letters, digits, ".", "_" and "-" (spec §2.1 `id`; numbers match too). */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9._-]{1,40}$/;

/**
 * Per-minute limits of the account-management scripts (spec §3.3), applied by the sandbox when its rate limits are
 * on; more requests than these within a minute get error 9.
 */
export const SCRIPT_LIMITS = {
  /** templates.php: more than three identical requests (window not stated; a minute by analogy [INF]). */
  identicalTemplates: 3,
  /** jobs.php: more than one identical request. */
  identicalJobs: 1,
  /** users.php: more than three requests adding sub-clients, or changing the same sub-client. */
  subclientChanges: 3,
  /** receive_phones.php: more than two identical requests. */
  identicalReceivePhones: 2,
} as const;

/** receive_phones.php prices and pool in the sandbox **[INF]**: what a month of a dedicated number costs. */
export const RECEIVE_PHONES_PRICE = 500 as const;
