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

/** Error 9 of the scripts whose rule is more than three identical requests a minute (documented or not for them). */
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

/** The "records not found" row of the address-book scripts (spec §3.4). */
const NOT_FOUND_RECORDS = {
  name: "notFound",
  server: "records not found",
  ru: "Записи не найдены",
  en: "No records match the request",
  withId: false,
} as const;

/**
 * phones.php error codes (spec §3.4; api-surface §4): 1, 2, 3 (no records), 4, 5 (operation failed), 9 (more than
 * three identical requests on groups, contacts or black-list entries per minute). Server strings of 3 and 5 were not
 * found; ours (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Address book").
 */
export const PHONES_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  3: NOT_FOUND_RECORDS,
  4: SEND_ERRORS[4],
  5: {
    name: "operationFailed",
    server: "operation error",
    ru: "Ошибка выполнения операции",
    en: "The operation could not be carried out",
    withId: false,
  },
  9: {
    name: "duplicate",
    server: "duplicate request, wait a minute",
    ru: "Попытка отправки более трех одинаковых запросов на операции с группами, контактами или записями черного списка в течение минуты",
    en: "More than three identical requests on groups, contacts or black-list entries within a minute",
    withId: false,
  },
} as const;

/**
 * senders.php error codes (spec §3.4): 1, 2, 3 (no such sender name), 4, 5 (save or delete failed), 7 (bad number),
 * 8 (the code cannot be delivered), 9, 10 (a code was already sent; again after 8 hours), 11 (wrong code). Server
 * strings of 3, 5, 8, 10 and 11 were not found; ours (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Sender names").
 */
export const SENDERS_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  3: {
    name: "notFound",
    server: "sender not found",
    ru: "Имя отправителя не найдено",
    en: "No such sender name",
    withId: false,
  },
  4: SEND_ERRORS[4],
  5: {
    name: "operationFailed",
    server: "save error",
    ru: "Ошибка сохранения или удаления имени отправителя",
    en: "The sender name could not be saved or deleted",
    withId: false,
  },
  7: { ...SEND_ERRORS[7], withId: false },
  8: {
    name: "undeliverable",
    server: "can't to deliver",
    ru: "Код подтверждения на указанный номер не может быть доставлен",
    en: "The confirmation code cannot be delivered to this number",
    withId: false,
  },
  9: {
    name: "duplicate",
    server: "duplicate request, wait a minute",
    ru: "Более трех одинаковых запросов списка или более пяти запросов на создание имени отправителя в течение минуты",
    en: "More than three identical list requests, or five requests to add a sender name, within a minute",
    withId: false,
  },
  10: {
    name: "codeAlreadySent",
    server: "code already sent",
    ru: "Код уже был отправлен на указанный номер. Повторная попытка возможна через 8 часов",
    en: "A code was already sent to this number; try again in 8 hours",
    withId: false,
  },
  11: {
    name: "wrongCode",
    server: "wrong code",
    ru: "Неверный код подтверждения",
    en: "Wrong confirmation code",
    withId: false,
  },
} as const;

/**
 * op_templates.php error codes. The service documents none (api-surface §6); the sandbox answers with the table of
 * its neighbour templates.php: 1, 2, 3 (no such template), 4, 5 (save failed), 9 (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Operator
 * templates").
 */
export const OP_TEMPLATES_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  3: NOT_FOUND_RECORDS,
  4: SEND_ERRORS[4],
  5: {
    name: "operationFailed",
    server: "save error",
    ru: "Ошибка сохранения записи",
    en: "The template could not be saved",
    withId: false,
  },
  9: THREE_IDENTICAL_PER_MINUTE,
} as const;

/**
 * documents.php error codes. The service documents none (api-surface §7); the sandbox answers with users.php's
 * codes that apply: 1, 2, 3 (no such document), 4, 5, 6 (no such sub-client), 9 (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Documents").
 */
export const DOCUMENTS_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  3: NOT_FOUND_RECORDS,
  4: SEND_ERRORS[4],
  5: PHONES_ERRORS[5],
  6: {
    name: "noSuchSubclient",
    server: "subclient not found",
    ru: "Субклиент с указанным логином не существует",
    en: "No sub-client with this login",
    withId: false,
  },
  9: OP_TEMPLATES_ERRORS[9],
} as const;

/**
 * templates.php error codes (spec §3.4): 1, 2, 3 (no such template), 4, 5 (save or delete error), 9 (more than three
 * identical requests per minute). The server strings of 3 and 5 were not found; ours (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Templates").
 */
export const TEMPLATES_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  3: {
    name: "notFound",
    server: "record not found",
    ru: "Запись не найдена",
    en: "No such template",
    withId: false,
  },
  4: SEND_ERRORS[4],
  5: {
    name: "saveFailed",
    server: "save error",
    ru: "Ошибка сохранения или удаления",
    en: "The template could not be saved or deleted",
    withId: false,
  },
  9: THREE_IDENTICAL_PER_MINUTE,
} as const;

/**
 * jobs.php error codes (spec §3.4): 1, 2, 3 (save error; also an unknown mailing id), 4, 5 (date format), 9 (more
 * than one identical request per minute). Server string of 3 not found; ours (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Mailings").
 */
export const JOBS_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  3: {
    name: "saveFailed",
    server: "save error",
    ru: "Ошибка сохранения записи",
    en: "The mailing could not be saved (or there is no such mailing)",
    withId: false,
  },
  4: SEND_ERRORS[4],
  5: SEND_ERRORS[5],
  9: {
    name: "duplicate",
    server: "duplicate request, wait a minute",
    ru: "Более одного одинакового запроса в течение минуты",
    en: "More than one identical request within a minute",
    withId: false,
  },
} as const;

/**
 * users.php error codes (spec §3.4): 1, 2, 3 (nothing found), 4, 5 (operation error), 6 (no such sub-client), 7 (the
 * sub-login shares the main account's balance), 8 (save error), 9, 10 (not enough money to credit). Server strings
 * not found; ours (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Sub-clients").
 */
export const USERS_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  3: {
    name: "notFound",
    server: "records not found",
    ru: "Записи не найдены",
    en: "Nothing matches the request",
    withId: false,
  },
  4: SEND_ERRORS[4],
  5: {
    name: "operationFailed",
    server: "operation error",
    ru: "Ошибка выполнения операции",
    en: "The operation failed",
    withId: false,
  },
  6: {
    name: "noSuchSubclient",
    server: "subclient not found",
    ru: "Субклиент с указанным логином не существует",
    en: "No sub-client with this login",
    withId: false,
  },
  7: {
    name: "sharedBalance",
    server: "subclient shares the main balance",
    ru: "Указан сублогин имеющий общий баланс с главным аккаунтом",
    en: "The sub-login shares its balance with the main account",
    withId: false,
  },
  8: {
    name: "saveFailed",
    server: "save error",
    ru: "Ошибка при сохранении записи",
    en: "The sub-client could not be saved",
    withId: false,
  },
  9: {
    name: "duplicate",
    server: "duplicate request, wait a minute",
    ru: "Более трех запросов на добавление субклиентов или изменение одного субклиента в течение минуты",
    en: "More than three requests adding sub-clients or changing one sub-client within a minute",
    withId: false,
  },
  10: {
    name: "noMoney",
    server: "no money",
    ru: "Недостаточно средств для зачисления",
    en: "Not enough money to credit",
    withId: false,
  },
} as const;

/**
 * receive_phones.php error codes (spec §3.4): 1, 2, 3 (not enough money to rent the number), 4, 9 (more than two
 * identical requests per minute).
 */
export const RECEIVE_PHONES_ERRORS = {
  1: SEND_ERRORS[1],
  2: SEND_ERRORS[2],
  3: {
    name: "noMoney",
    server: "no money",
    ru: "Недостаточно средств на счете для аренды номера",
    en: "Not enough money to rent the number",
    withId: false,
  },
  4: SEND_ERRORS[4],
  9: {
    name: "duplicate",
    server: "duplicate request, wait a minute",
    ru: "Более двух одинаковых запросов в течение минуты",
    en: "More than two identical requests within a minute",
    withId: false,
  },
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
  phones: PHONES_ERRORS,
  senders: SENDERS_ERRORS,
  opTemplates: OP_TEMPLATES_ERRORS,
  documents: DOCUMENTS_ERRORS,
  templates: TEMPLATES_ERRORS,
  jobs: JOBS_ERRORS,
  users: USERS_ERRORS,
  receivePhones: RECEIVE_PHONES_ERRORS,
} as const satisfies Record<string, Record<number, ErrorInfo>>;

/** Looks up an error code in an endpoint's table, falling back to the send table. */
export function errorInfo(code: number, endpoint: keyof typeof ERROR_TABLES = "send"): ErrorInfo | undefined {
  const table: Record<number, ErrorInfo> = ERROR_TABLES[endpoint];
  return table[code] ?? (SEND_ERRORS as Record<number, ErrorInfo>)[code];
}
