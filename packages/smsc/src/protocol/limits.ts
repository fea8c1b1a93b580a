/**
 * The service's documented request limits (spec §3.3, §6.2). The sandbox applies them when its rate limits are on;
 * "identical" is not defined by the service, and the sandbox's definition is in https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md ("Sandbox").
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

/**
 * Limits of get.php?get_answers=1 (spec §6.2): at most 10000 records, a period of at most 168 hours; more than
 * three identical requests a minute are error 9 (api-surface §1.2).
 */
export const ANSWERS_LIMITS = {
  maxCnt: 10_000,
  defaultCnt: 100,
  maxHour: 168,
  identicalPerMinute: 3,
} as const;

/** A client id: up to 40 of Latin letters, digits, ".", "_" and "-" (spec §2.1 `id`; numbers match too). */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9._-]{1,40}$/;

/**
 * Bounds on the work of one request. The service documents the text length (spec §2.1, `MAX_MESSAGE_LENGTH`), the
 * size of a letter (spec §7, `SMTP_INTERFACE.maxLetterBytes`) and the ranges of a few parameters, but no count of
 * recipients, parameters or bytes: those below are the sandbox's, inferred (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Request limits"), and
 * a request over any of them is error 1 ("parameters error"), in the script's own format.
 */
export const REQUEST_LIMITS = {
  /** Recipients of one send.php request: the items of `phones`, or of every line of `list`, as given. */
  maxRecipients: 10_000,
  /** Messages asked for in one status.php request (items of `id`). */
  maxStatusIds: 1_000,
  /** Parameters of one request, query and body together (PHP's `max_input_vars` default). */
  maxFields: 1_000,
  /** Bytes of one request body, files included. */
  maxBodyBytes: 16 * 1024 * 1024,
} as const;

/**
 * Documented ranges of send.php parameters the sandbox checks (spec §2.1); a value outside its range, or one that is
 * not a number, is error 1. `valid` is hours (`5`) or `hh:mm`.
 */
export const SEND_PARAM_RANGES = {
  /** Message lifetime at the operator, minutes: 1 minute to 24 hours. */
  validMinutes: { min: 1, max: 24 * 60 },
  /** Hours a mailing is spread over. */
  periodHours: { min: 0.1, max: 720 },
  /** Minutes between the batches of a spread mailing. */
  freqMinutes: { min: 1, max: 1440 },
} as const;

/**
 * Limits of get.php?get_messages=1 (spec §6.1, §3.3): at most 1000 records a page over a period of at most six
 * months; more than three identical requests a minute are error 9. The default page size is ours (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md).
 */
export const HISTORY_LIMITS = { maxCnt: 1000, defaultCnt: 100, maxMonths: 6, identicalPerMinute: 3 } as const;

/** More than three identical tariff (get_price) or statistics (get_stat) requests a minute are error 9 (spec §3.3). */
export const TARIFF_LIMITS = { identicalPerMinute: 3 } as const;

/** info.php?get_operator=1: more than three identical, or more than 100 of any, requests a minute are error 9. */
export const OPERATOR_LIMITS = { identicalPerMinute: 3, perMinute: 100 } as const;
/** wait_call.php: more than three identical requests a minute are error 9 (undocumented; https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md). */
export const WAIT_CALL_LIMITS = { identicalPerMinute: 3 } as const;

/** tinyurls.php: more than three identical requests a minute are error 9 (undocumented; https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md). */
export const TINYURL_LIMITS = { identicalPerMinute: 3 } as const;

/**
 * Limits of the address-book and sender-name scripts (spec §3.3): phones.php answers error 9 after three identical
 * requests a minute; senders.php after three identical list requests or five requests adding a name a minute, and
 * error 10 to a second confirmation code for one number within eight hours. op_templates.php and documents.php
 * document none; the sandbox gives them phones.php's rule (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Address book").
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
