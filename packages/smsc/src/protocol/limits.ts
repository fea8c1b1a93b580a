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
 * Limits of the address-book and sender-name scripts (spec §3.3): phones.php answers error 9 after three identical
 * requests a minute; senders.php after three identical list requests or five requests adding a name a minute, and
 * error 10 to a second confirmation code for one number within eight hours. op_templates.php and documents.php
 * document none; the sandbox gives them phones.php's rule (docs/protocol.md "Address book").
 */
export const BOOK_LIMITS = {
  /** Identical phones.php (and op_templates.php, documents.php) requests allowed per minute. */
  identicalRequests: 3,
  /** Identical senders.php list requests allowed per minute. */
  identicalSenderLists: 3,
  /** senders.php `add=1` requests allowed per minute and account. */
  senderAdds: 5,
  /** How long a confirmation code blocks a new one for the same number, ms. */
  codeRetryMs: 8 * 3_600_000,
  /** Records in one page of a phones.php `get=1` listing (continue with `after_id`). */
  pageSize: 1000,
} as const;
