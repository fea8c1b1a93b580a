export { ANSWER_KEYS, decodeAnswers, encodeAnswers, type IncomingSms } from "./answers.js";
export { decodeBalanceReply, encodeBalanceReply } from "./balance.js";
export {
  DOCUMENT_REF_FIELDS,
  DOCUMENT_SCHEMA,
  DOCUMENTS_COMMANDS,
  decodeDocument,
  encodeDocument,
  INVOICE_FIELDS,
  type SubclientDocument,
} from "./documents.js";
export { decodeError, encodeError } from "./error.js";
export {
  type DecodedRecord,
  decodeDoneReply,
  decodeFieldRecord,
  decodeFieldRecords,
  decodeIdReply,
  encodeDoneReply,
  encodeFieldRecord,
  encodeFieldRecords,
  encodeIdReply,
  type FieldKind,
  type FieldTable,
  fromWire,
  type RecordSchema,
  type WireField,
} from "./field-records.js";
export { decodeHistory, encodeHistory, HISTORY_KEYS, type HistoryRecord } from "./history.js";
export {
  decodeMailing,
  decodeMailings,
  JOB_REPEATS,
  JOB_SHAPE,
  JOB_STATUSES,
  type JobRepeat,
  jobRepeatCode,
  type Mailing,
} from "./jobs.js";
export {
  decodeOpTemplates,
  encodeOpTemplates,
  OP_TEMPLATE_FIELDS,
  OP_TEMPLATE_OPERATORS,
  OP_TEMPLATE_SCHEMA,
  OP_TEMPLATES_COMMANDS,
  type OpTemplate,
} from "./op-templates.js";
export { decodeOperators, encodeOperators, OPERATOR_KEYS, type OperatorInfo } from "./operator.js";
export {
  BLACKLIST_FIELDS,
  BLACKLIST_TYPES,
  type BlacklistType,
  CONTACT_CHANGE_FIELDS,
  CONTACT_FIELDS,
  CONTACT_PLACEHOLDERS,
  CONTACT_QUERY_FIELDS,
  CONTACT_SCHEMA,
  type Contact,
  type ContactGroup,
  decodeContacts,
  decodeGroups,
  encodeContacts,
  encodeGroups,
  GROUP_FIELDS,
  GROUP_ID_FIELDS,
  GROUP_SCHEMA,
  GROUP_TYPES,
  type GroupType,
  MOVE_MODES,
  PHONES_COMMANDS,
  type PhonesCommand,
} from "./phones.js";
export { decodeNotifyReply, encodeNotifyReply, type NotifyReply } from "./ping.js";
export { decodeRentedNumbers, RECEIVE_PHONE_SHAPE, type RentedNumber } from "./receive-phones.js";
export {
  type Cell,
  decodeRecords,
  encodeRecords,
  type RecordLayout,
  RecordReader,
  type RecordShape,
} from "./records.js";
export { decodeCostReply, decodeSendReply, encodeCostReply, encodeSendReply, malformed } from "./send.js";
export {
  decodeSenders,
  encodeSenders,
  SENDER_CODE_FIELDS,
  SENDER_FIELDS,
  SENDER_MAIL_FIELDS,
  SENDER_QUERY_FIELDS,
  SENDER_REF_FIELDS,
  SENDER_SCHEMA,
  SENDER_STATE,
  SENDER_STATES,
  SENDERS_COMMANDS,
  type SenderName,
  type SenderState,
  type SendersCommand,
} from "./senders.js";
export { moneyJson, moneyText, parseFmt, round2, toMessageId, xmlEscape } from "./shared.js";
export { decodeStats, encodeStats, STAT_KEYS, type StatRecord } from "./stats.js";
export { decodeStatusReply, encodeStatusReply, HLR_KEYS, type StatusShape } from "./status.js";
export { decodeTariffs, encodeTariffs, TARIFF_KEYS, type TariffZone } from "./tariffs.js";
export {
  decodeTemplates,
  renderTemplate,
  TEMPLATE_FORMATS,
  TEMPLATE_SHAPE,
  type Template,
  type TemplateFormat,
  templateRecord,
} from "./templates.js";
export { decodeTinyUrlStats, encodeTinyUrlStats, type TinyUrlStats } from "./tinyurls.js";
export {
  decodeSubclientStats,
  SUBCLIENT_STAT_SHAPE,
  SUBCLIENT_TYPES,
  type SubclientStat,
  sharesMainBalance,
  TEST_MODE_FLAG,
} from "./users.js";
export { decodeWaitCallReply, encodeWaitCallReply, type WaitCallReply } from "./wait-call.js";
export {
  decodeWireRecord,
  decodeWireRecords,
  encodeWireRecord,
  encodeWireRecords,
  mapRecord,
  parseCsv,
  type WireRecord,
  type WireRecordShape,
  wireNumber,
} from "./wire-records.js";
