/**
 * smsc: a typed client for the SMSC messaging service, with zero dependencies.
 * The wire tables and codecs are also at `smsc/protocol`; the official libraries' API is at `smsc/compat`.
 * @module
 */
export * from "./client/index.js";
export {
  type BalanceReply,
  CHARSETS,
  type Charset,
  DOMAINS,
  type Domain,
  type ErrorReply,
  type Estimate,
  type EstimateOptions,
  estimate,
  type FormatIndex,
  type HistoryRecord,
  type HlrFields,
  type IncomingSms,
  isFinalStatus,
  MAX_MESSAGE_LENGTH,
  MESSAGE_FORMATS,
  type MessageFormat,
  type MessageId,
  type NotifyReply,
  normalizePhone,
  type OperatorInfo,
  type PhoneDetail,
  type PhoneNumber,
  PhoneNumberError,
  parsePhone,
  parsePhoneList,
  STATUS,
  STATUS_CODES,
  type StatRecord,
  type StatusCode,
  type StatusRecord,
  statusName,
  type TariffZone,
  type TranslitMode,
  transliterate,
} from "./protocol/index.js";
