import {
  type BALANCE_ERRORS,
  type DOCUMENTS_ERRORS,
  type Endpoint,
  ERROR_TABLES,
  type ErrorReply,
  errorInfo,
  type GET_ERRORS,
  type INFO_ERRORS,
  type JOBS_ERRORS,
  type MessageId,
  type OP_TEMPLATES_ERRORS,
  type PHONES_ERRORS,
  type RECEIVE_PHONES_ERRORS,
  type SEND_ERRORS,
  type SENDERS_ERRORS,
  type STATUS_ERRORS,
  type TEMPLATES_ERRORS,
  type TINYURL_ERRORS,
  type USERS_ERRORS,
  type WAIT_CALL_ERRORS,
} from "../protocol/index.js";

// A brand shared by every copy of this library, so isSmscError() works across duplicated installs.
const BRAND = Symbol.for("smsc.error");

/** Base class of every error the SDK throws. */
export class SmscError extends Error {
  override name = "SmscError";
  /** @internal */
  readonly [BRAND] = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Whether a value is an error thrown by this library (any copy of it). */
export function isSmscError(value: unknown): value is SmscError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** A client option or call argument is invalid; thrown before any request is made. */
export class InvalidOptionError extends SmscError {
  override name = "InvalidOptionError";
  /** The option or argument at fault, e.g. "timeout" or "send.translit". */
  readonly option: string;
  constructor(option: string, problem: string) {
    super(`smsc: option "${option}" ${problem}`);
    this.option = option;
  }
}

/** What an ApiError was built from. */
export interface ApiErrorInit {
  /** The service's numeric error code (0 when the reply was not a documented shape). */
  code: number;
  /** The service's description ("invalid number"), or the documented meaning when the reply carried none. */
  description: string;
  /** The script that answered. */
  endpoint: Endpoint;
  /** The response body, with the client's secrets masked (a peer that echoes the request would show them). */
  body: string;
  /** The message id, present with send errors 3, 6, 7 and 8. */
  id?: MessageId;
  /** HTTP status of the reply. @default 200 */
  status?: number;
}

/** The service answered with an error. `code` is the service's own code (spec §3), not the HTTP status. */
export class ApiError extends SmscError {
  override name = "ApiError";
  readonly code: number;
  readonly description: string;
  readonly endpoint: Endpoint;
  readonly body: string;
  readonly id?: MessageId;
  readonly status: number;
  constructor(init: ApiErrorInit) {
    super(
      `SMSC ${init.endpoint} error ${init.code}: ${init.description}` +
        (init.id !== undefined ? ` (id ${init.id})` : ""),
    );
    this.code = init.code;
    this.description = init.description;
    this.endpoint = init.endpoint;
    this.body = init.body;
    if (init.id !== undefined) this.id = init.id;
    this.status = init.status ?? 200;
  }

  /** Builds the subclass for a decoded error reply (code → class through the endpoint's error table). */
  static from(reply: ErrorReply, endpoint: Endpoint, body: string, status = 200): ApiError {
    const table = endpoint in ERROR_TABLES ? (endpoint as keyof typeof ERROR_TABLES) : "send";
    const info = errorInfo(reply.code, table);
    const Ctor = info ? API_ERROR_CLASSES[info.name as ApiErrorName] : undefined;
    const init: ApiErrorInit = {
      code: reply.code,
      description: reply.error || info?.server || "unexpected response",
      endpoint,
      body,
      status,
      ...(reply.id !== undefined ? { id: reply.id } : {}),
    };
    return Ctor ? new Ctor(init) : new ApiError(init);
  }
}

/** Code 1: error in parameters (missing phones, unknown values…). */
export class ParametersError extends ApiError {
  override name = "ParametersError";
}
/** Code 2: wrong login, password or API key, or a request from an IP not on the allow-list. */
export class AuthError extends ApiError {
  override name = "AuthError";
}
/** Code 3: not enough money on the account. */
export class NoMoneyError extends ApiError {
  override name = "NoMoneyError";
}
/** Code 4: the IP is temporarily blocked after frequent errors. */
export class IpBlockedError extends ApiError {
  override name = "IpBlockedError";
}
/** Code 5 of send.php: the delivery time is not in a valid format. */
export class InvalidDateError extends ApiError {
  override name = "InvalidDateError";
}
/** Code 5 of status.php with del=1: the message could not be deleted. */
export class DeleteFailedError extends ApiError {
  override name = "DeleteFailedError";
}
/** Code 6: the message is prohibited (by its text or sender name). */
export class DeniedError extends ApiError {
  override name = "DeniedError";
}
/** Code 7: invalid phone number. */
export class InvalidPhoneError extends ApiError {
  override name = "InvalidPhoneError";
}
/** Code 8: the message cannot be delivered to this number. */
export class UndeliverableError extends ApiError {
  override name = "UndeliverableError";
}
/**
 * Code 3 of the scripts that look something up: nothing matches (get.php: no messages; info.php: the operator is
 * not known; tinyurls.php: no such short link; phones.php, senders.php, op_templates.php, documents.php: no record
 * matches, a contact, group or name; templates.php, users.php: an unknown template id, no sub-client).
 */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
/** Code 9: duplicate request within a minute, or too many requests / concurrent connections. */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
}
/** Code 5 of phones.php, senders.php, op_templates.php, documents.php and users.php: the change could not be made. */
export class OperationFailedError extends ApiError {
  override name = "OperationFailedError";
}
/** Code 10 of senders.php: a confirmation code was already sent to this number; a new one after 8 hours. */
export class CodeAlreadySentError extends ApiError {
  override name = "CodeAlreadySentError";
}
/** Code 11 of senders.php: the confirmation code is wrong. */
export class WrongCodeError extends ApiError {
  override name = "WrongCodeError";
}

/** A record could not be saved: code 5 of templates.php, 3 of jobs.php (also an unknown mailing), 8 of users.php. */
export class SaveFailedError extends ApiError {
  override name = "SaveFailedError";
}
/** Code 6 of users.php and documents.php: no sub-client has this login (or id). */
export class NoSuchSubclientError extends ApiError {
  override name = "NoSuchSubclientError";
}
/** Code 7 of users.php: the sub-login shares its balance with the main account, so money cannot be moved to it. */
export class SharedBalanceError extends ApiError {
  override name = "SharedBalanceError";
}

type TableName<T> = T[keyof T] extends { name: infer N } ? N : never;
/** Every error name of the protocol's tables: each must have a class below (the compiler checks it). */
type ApiErrorName =
  | TableName<typeof SEND_ERRORS>
  | TableName<typeof STATUS_ERRORS>
  | TableName<typeof BALANCE_ERRORS>
  | TableName<typeof GET_ERRORS>
  | TableName<typeof INFO_ERRORS>
  | TableName<typeof WAIT_CALL_ERRORS>
  | TableName<typeof TINYURL_ERRORS>
  | TableName<typeof PHONES_ERRORS>
  | TableName<typeof SENDERS_ERRORS>
  | TableName<typeof OP_TEMPLATES_ERRORS>
  | TableName<typeof DOCUMENTS_ERRORS>
  | TableName<typeof TEMPLATES_ERRORS>
  | TableName<typeof JOBS_ERRORS>
  | TableName<typeof USERS_ERRORS>
  | TableName<typeof RECEIVE_PHONES_ERRORS>;

/** Error-table name → class: the factory behind ApiError.from(). */
export const API_ERROR_CLASSES: Record<ApiErrorName, new (init: ApiErrorInit) => ApiError> = {
  parameters: ParametersError,
  auth: AuthError,
  noMoney: NoMoneyError,
  ipBlocked: IpBlockedError,
  badDate: InvalidDateError,
  deleteFailed: DeleteFailedError,
  denied: DeniedError,
  badPhone: InvalidPhoneError,
  undeliverable: UndeliverableError,
  duplicate: RateLimitError,
  notFound: NotFoundError,
  operationFailed: OperationFailedError,
  codeAlreadySent: CodeAlreadySentError,
  wrongCode: WrongCodeError,
  saveFailed: SaveFailedError,
  noSuchSubclient: NoSuchSubclientError,
  sharedBalance: SharedBalanceError,
};

/** No usable reply came back from a host (refused, reset, DNS failure, HTTP 5xx/429 without an API body…). */
export class ConnectionError extends SmscError {
  override name = "ConnectionError";
  /** The origin that failed, e.g. "https://smsc.kz" (never carries credentials). */
  readonly host: string;
  /**
   * False when the failure proves the request never reached the service (connection refused, DNS failure,
   * connect timeout); true when it may have been processed (reset after sending, timeout, HTTP 5xx).
   */
  readonly maybeSent: boolean;
  /** HTTP status, when the failure was an HTTP error status. */
  readonly status?: number;
  /** Delay the server asked for (Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
  constructor(
    message: string,
    init: { host: string; maybeSent: boolean; status?: number; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { cause: init.cause });
    this.host = init.host;
    this.maybeSent = init.maybeSent;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

/** The request did not complete within `timeout`. It may have been processed (`maybeSent` is true). */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
  /** The timeout that expired, in milliseconds. */
  readonly timeout: number;
  /** `message` replaces the default text (the failover error names every host tried; `cause` is the last). */
  constructor(host: string, timeout: number, options: { message?: string; cause?: unknown } = {}) {
    super(options.message ?? `smsc: no reply from ${host} within ${timeout} ms`, {
      host,
      maybeSent: true,
      ...(options.cause !== undefined ? { cause: options.cause } : {}),
    });
    this.timeout = timeout;
  }
}

/**
 * A send may or may not have reached the service, and no host could prove either. Check with
 * `status({ id, phone })` before sending again: resending could deliver the message twice.
 */
export class SendOutcomeUnknownError extends SmscError {
  override name = "SendOutcomeUnknownError";
  /** The client-assigned id the message was sent with. */
  readonly id: MessageId;
  /** The phones to look up with that id. */
  readonly phones: string[];
  constructor(id: MessageId, phones: string[], cause?: unknown) {
    super(`smsc: outcome of send ${id} is unknown; check status.php with this id before resending`, {
      cause,
    });
    this.id = id;
    this.phones = phones;
  }
}
