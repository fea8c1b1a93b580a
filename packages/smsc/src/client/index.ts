/**
 * The SDK: the `Smsc` client, its options, results and typed errors.
 * @module
 */
export { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, backoffDelay, parseRetryAfter } from "./backoff.js";
export {
  answerCallback,
  CALLBACK_HASHES,
  CALLBACK_KINDS,
  CALLBACK_NUMERIC_FIELDS,
  CALLBACK_URL_PARAMS,
  type Callback,
  type CallbackAnswer,
  CallbackError,
  type CallbackHandlerOptions,
  type CallbackHash,
  type CallbackInput,
  type CallbackKind,
  type CallbackTarget,
  callbackFetchHandler,
  callbackTarget,
  constantTimeEqual,
  createCallbackHandler,
  type EncodedCallback,
  encodeCallback,
  type IncomingCallback,
  type NodeCallbackHandler,
  type NodeLikeRequest,
  type NodeLikeResponse,
  type ParseCallbackOptions,
  parseCallback,
  type StatusCallback,
  signCallback,
  verifyCallback,
  type WaitCallCallback,
} from "./callbacks/index.js";
export {
  API_ERROR_CLASSES,
  ApiError,
  type ApiErrorInit,
  AuthError,
  CodeAlreadySentError,
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
  WrongCodeError,
} from "./errors.js";
export { NOT_SENT_CODES, provesNotSent } from "./failure.js";
export { REDACTED, redactFields, SECRET_FIELDS, type SmscLogger } from "./logger.js";
export { GENERATED_ID_LENGTH, generateMessageId } from "./message-id.js";
export {
  type ApiTransport,
  type RequestOptions,
  type ResolvedOptions,
  resolveOptions,
  type SmscOptions,
} from "./options.js";
export { hideSecrets, INSPECT, MIN_SECRET_LENGTH, Redactor } from "./redact.js";
export type { Blacklist, ContactChanges, ContactQuery, Contacts, NewContact } from "./resources/contacts.js";
export type { Documents, NewInvoice } from "./resources/documents.js";
export type { Groups, NewGroup } from "./resources/groups.js";
export {
  type BillingResource,
  billingResource,
  type DayInput,
  type HistoryQuery,
  type HistoryResource,
  historyResource,
  type InboxQuery,
  type InboxResource,
  inboxResource,
  type NotificationsResource,
  type NotifyParams,
  notificationsResource,
  type OperatorsResource,
  operatorsResource,
  type PollOptions,
  type StatsQuery,
} from "./resources/index.js";
export type { MailingInput, Mailings } from "./resources/mailings.js";
export type { BoughtNumber, Numbers } from "./resources/numbers.js";
export type { NewOpTemplate, OpTemplates } from "./resources/op-templates.js";
export type { NewSender, SenderDetails, SenderQuery, SenderRef, Senders } from "./resources/senders.js";
export type { SubclientSettings, Subclients } from "./resources/subclients.js";
export type { TemplateInput, TemplateSendParams, Templates } from "./resources/templates.js";
export { type TinyUrlQuery, TinyUrls } from "./resources/tiny-urls.js";
export { requestWaitCall, type WaitCallQuery, type WaitCallResult } from "./resources/wait-call.js";
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
