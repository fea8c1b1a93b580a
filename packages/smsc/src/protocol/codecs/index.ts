export { decodeBalanceReply, encodeBalanceReply } from "./balance.js";
export { decodeError, encodeError } from "./error.js";
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
export { decodeRentedNumbers, RECEIVE_PHONE_SHAPE, type RentedNumber } from "./receive-phones.js";
export {
  decodeRecord,
  decodeRecords,
  encodeRecord,
  encodeRecords,
  mapRecord,
  parseCsv,
  type RecordShape,
  type WireRecord,
  wireNumber,
} from "./records.js";
export { decodeCostReply, decodeSendReply, encodeCostReply, encodeSendReply, malformed } from "./send.js";
export { moneyJson, moneyText, parseFmt, round2, toMessageId, xmlEscape } from "./shared.js";
export { decodeStatusReply, encodeStatusReply, HLR_KEYS, type StatusShape } from "./status.js";
export {
  decodeTemplates,
  renderTemplate,
  TEMPLATE_FORMATS,
  TEMPLATE_SHAPE,
  type Template,
  type TemplateFormat,
  templateRecord,
} from "./templates.js";
export {
  decodeSubclientStats,
  SUBCLIENT_STAT_SHAPE,
  SUBCLIENT_TYPES,
  type SubclientStat,
  sharesMainBalance,
  TEST_MODE_FLAG,
} from "./users.js";
