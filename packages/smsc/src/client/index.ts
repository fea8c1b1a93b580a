/**
 * The SDK: the `Smsc` client, its options, results and typed errors.
 * @module
 */
export { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, backoffDelay, parseRetryAfter } from "./backoff.js";
export * from "./callbacks/index.js";
export {
  API_ERROR_CLASSES,
  ApiError,
  type ApiErrorInit,
  AuthError,
  ConnectionError,
  DeleteFailedError,
  DeniedError,
  InvalidDateError,
  InvalidOptionError,
  InvalidPhoneError,
  IpBlockedError,
  isSmscError,
  NoMoneyError,
  NoSuchSubclientError,
  NotFoundError,
  OperationFailedError,
  ParametersError,
  RateLimitError,
  SaveFailedError,
  SendOutcomeUnknownError,
  SharedBalanceError,
  SmscError,
  TimeoutError,
  UndeliverableError,
} from "./errors.js";
export { NOT_SENT_CODES, provesNotSent } from "./failure.js";
export { REDACTED, redactFields, SECRET_FIELDS, type SmscLogger } from "./logger.js";
export { GENERATED_ID_LENGTH, generateMessageId } from "./message-id.js";
export { type RequestOptions, type ResolvedOptions, resolveOptions, type SmscOptions } from "./options.js";
export { hideSecrets, INSPECT, MIN_SECRET_LENGTH, Redactor } from "./redact.js";
export type { MailingInput, Mailings } from "./resources/mailings.js";
export type { BoughtNumber, Numbers } from "./resources/numbers.js";
export type { SubclientSettings, Subclients } from "./resources/subclients.js";
export type { TemplateInput, TemplateSendParams, Templates } from "./resources/templates.js";
export { type Clock, cryptoRandom, systemClock } from "./runtime.js";
export {
  buildSendFields,
  checkId,
  extraFields,
  type ListItem,
  phonesOf,
  RESERVED_PARAMS,
  type SendParams,
} from "./send-fields.js";
export { Smsc } from "./smsc.js";
export { type CallSettings, type Exchange, isErrorReply, Transport } from "./transport.js";
export type { CostResult, SendResult, StatusDetail, StatusManyQuery, StatusQuery } from "./types.js";
