/**
 * API error codes (spec §3). `server` is the lower-case English description the service puts inside
 * `ERROR = N (…)` and the JSON `error` field; `ru` is the documentation's wording. `withId` marks the codes whose
 * send error response also carries the message id (3, 6, 7, 8; spec §2.5).
 */
export const SEND_ERRORS = {
  1: {
    name: "parameters",
    server: "parameters error",
    ru: "Ошибка в параметрах",
    en: "Error in parameters",
    withId: false,
  },
  2: {
    name: "auth",
    server: "authorise error",
    ru: "Неверный логин или пароль",
    en: "Invalid login or password (or the IP address is not allowed)",
    withId: false,
  },
  3: {
    name: "noMoney",
    server: "no money",
    ru: "Недостаточно средств на счете Клиента",
    en: "Insufficient funds on the account",
    withId: true,
  },
  4: {
    name: "ipBlocked",
    server: "ip is blocked",
    ru: "IP-адрес временно заблокирован из-за частых ошибок в запросах",
    en: "IP address temporarily blocked because of frequent errors in requests",
    withId: false,
  },
  // The service's English string for 5 was not found; "invalid date format" is our choice (docs/protocol.md).
  5: {
    name: "badDate",
    server: "invalid date format",
    ru: "Неверный формат даты",
    en: "Invalid date format",
    withId: false,
  },
  6: {
    name: "denied",
    server: "message is denied",
    ru: "Сообщение запрещено (по тексту или по имени отправителя)",
    en: "Message prohibited (by text or by sender name)",
    withId: true,
  },
  7: {
    name: "badPhone",
    server: "invalid number",
    ru: "Неверный формат номера телефона",
    en: "Invalid phone number format",
    withId: true,
  },
  8: {
    name: "undeliverable",
    server: "can't to deliver",
    ru: "Сообщение на указанный номер не может быть доставлено",
    en: "Message to this number cannot be delivered",
    withId: true,
  },
  9: {
    name: "duplicate",
    server: "duplicate request, wait a minute",
    ru: "Отправка более одного одинакового запроса на передачу SMS-сообщения либо более пяти одинаковых запросов на получение стоимости сообщения в течение минуты",
    en: "Duplicate request within a minute, or too many concurrent requests",
    withId: false,
  },
} as const;

/** status.php error codes (spec §3.4, §4.4): 1, 2, 4, 5 (delete failed), 9. */
export const STATUS_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  4: SEND_ERRORS[4],
  // Server string not found; our choice (docs/protocol.md).
  5: {
    name: "deleteFailed",
    server: "delete error",
    ru: "Ошибка удаления сообщения",
    en: "Error deleting the message",
    withId: false,
  },
  9: {
    name: "duplicate",
    server: "duplicate request, wait a minute",
    ru: "Более пяти запросов статуса одного сообщения или более одного массового запроса в течение минуты",
    en: "Too many status requests for one message within a minute",
    withId: false,
  },
} as const;

/** balance.php error codes (spec §5): 1, 2, 4, 9 (more than ten balance requests per minute). */
export const BALANCE_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  4: SEND_ERRORS[4],
  9: {
    name: "duplicate",
    server: "duplicate request, wait a minute",
    ru: "Более 10 запросов баланса в течение минуты",
    en: "More than ten balance requests within a minute",
    withId: false,
  },
} as const;

/**
 * get.php error codes (spec §6.2; smsc-api-surface §1.2): 1, 2, 3 (nothing found), 4, 9. Code 3 is the get.php
 * table's "Сообщение не найдено"; the inbox page's copies list only 1, 2, 4, 9 (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Inbox").
 */
export const GET_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  // Server string not found; our choice (docs/protocol.md "Inbox").
  3: {
    name: "notFound",
    server: "messages not found",
    ru: "Сообщение не найдено",
    en: "No messages match the request",
    withId: false,
  },
  4: SEND_ERRORS[4],
  9: {
    name: "duplicate",
    server: "duplicate request, wait a minute",
    ru: "Попытка отправки более трех одинаковых запросов на получение списка входящих сообщений в течение минуты",
    en: "More than three identical requests (history, incoming messages, tariffs) within a minute",
    withId: false,
  },
} as const;

/** info.php error codes (api-surface §2): 1, 2, 3 (operator not found), 4, 9. */
export const INFO_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  // Server string not found; our choice (docs/protocol.md "Operator look-up").
  3: {
    name: "notFound",
    server: "operator not found",
    ru: "Оператор не найден",
    en: "The number's operator is not known",
    withId: false,
  },
  4: SEND_ERRORS[4],
  9: {
    name: "duplicate",
    server: "duplicate request, wait a minute",
    ru: "Более трех одинаковых запросов или любых 100 запросов информации об операторе абонента в течение минуты",
    en: "More than three identical, or any hundred, operator requests within a minute",
    withId: false,
  },
} as const;

/**
 * ping.php error codes. The service documents none for this script; the sandbox sends the notification through
 * send.php's rules, so it answers with send.php's codes (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Notifications").
 */
export const PING_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  3: SEND_ERRORS[3],
  4: SEND_ERRORS[4],
  9: SEND_ERRORS[9],
} as const;

/** Error 9 of the scripts whose rule (undocumented for them) is more than three identical requests a minute. */
const THREE_IDENTICAL_PER_MINUTE = {
  name: "duplicate",
  server: "duplicate request, wait a minute",
  ru: "Более трех одинаковых запросов в течение минуты",
  en: "More than three identical requests within a minute",
  withId: false,
} as const;

/**
 * wait_call.php error codes: the standard 1, 2, 4 and 9 (spec §6.13; api-surface §10, §21: nothing beyond them is
 * documented). An invalid subscriber number is error 1 (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Confirmation by call").
 */
export const WAIT_CALL_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  4: SEND_ERRORS[4],
  // The rule is not documented; our choice, as for the other scripts (docs/protocol.md "Confirmation by call").
  9: THREE_IDENTICAL_PER_MINUTE,
} as const;

/** tinyurls.php error codes (api-surface §8): 1, 2, 3 (link not found), 4, 9. */
export const TINYURL_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  // Server string not found; our choice (docs/protocol.md "Short links").
  3: {
    name: "notFound",
    server: "link not found",
    ru: "Ссылка не найдена",
    en: "No short link matches the request",
    withId: false,
  },
  4: SEND_ERRORS[4],
  9: THREE_IDENTICAL_PER_MINUTE,
} as const;

/** The second error-9 string: too many simultaneous requests under one login (spec §3.2). */
export const TOO_MANY_CONCURRENT = "too many concurrent requests" as const;

/** A send.php error code. */
export type SendErrorCode = keyof typeof SEND_ERRORS;
/** A status.php error code. */
export type StatusErrorCode = keyof typeof STATUS_ERRORS;
/** A balance.php error code. */
export type BalanceErrorCode = keyof typeof BALANCE_ERRORS;
/** Any API error code the service returns. */
export type ApiErrorCode = SendErrorCode | StatusErrorCode | BalanceErrorCode;

/** One row of an error table. */
export interface ErrorInfo {
  readonly name: string;
  readonly server: string;
  readonly ru: string;
  readonly en: string;
  readonly withId: boolean;
}

/** The error table of each endpoint that has one. */
export const ERROR_TABLES = {
  send: SEND_ERRORS,
  status: STATUS_ERRORS,
  balance: BALANCE_ERRORS,
  get: GET_ERRORS,
  info: INFO_ERRORS,
  ping: PING_ERRORS,
  waitCall: WAIT_CALL_ERRORS,
  tinyUrls: TINYURL_ERRORS,
} as const satisfies Record<string, Record<number, ErrorInfo>>;

/** Looks up an error code in an endpoint's table, falling back to the send table. */
export function errorInfo(code: number, endpoint: keyof typeof ERROR_TABLES = "send"): ErrorInfo | undefined {
  const table: Record<number, ErrorInfo> = ERROR_TABLES[endpoint];
  return table[code] ?? (SEND_ERRORS as Record<number, ErrorInfo>)[code];
}
