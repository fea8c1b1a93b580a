export { ANSWER_KEYS, decodeAnswers, encodeAnswers, type IncomingSms } from "./answers.js";
export { decodeBalanceReply, encodeBalanceReply } from "./balance.js";
export { decodeError, encodeError } from "./error.js";
export { decodeHistory, encodeHistory, HISTORY_KEYS, type HistoryRecord } from "./history.js";
export { decodeOperators, encodeOperators, OPERATOR_KEYS, type OperatorInfo } from "./operator.js";
export { decodeNotifyReply, encodeNotifyReply, type NotifyReply } from "./ping.js";
export {
  type Cell,
  decodeRecords,
  encodeRecords,
  type RecordLayout,
  RecordReader,
  type RecordShape,
} from "./records.js";
export { decodeCostReply, decodeSendReply, encodeCostReply, encodeSendReply, malformed } from "./send.js";
export { moneyJson, moneyText, parseFmt, round2, toMessageId, xmlEscape } from "./shared.js";
export { decodeStats, encodeStats, STAT_KEYS, type StatRecord } from "./stats.js";
export { decodeStatusReply, encodeStatusReply, HLR_KEYS, type StatusShape } from "./status.js";
export { decodeTariffs, encodeTariffs, TARIFF_KEYS, type TariffZone } from "./tariffs.js";
export { decodeTinyUrlStats, encodeTinyUrlStats, type TinyUrlStats } from "./tinyurls.js";
export { decodeWaitCallReply, encodeWaitCallReply, type WaitCallReply } from "./wait-call.js";
