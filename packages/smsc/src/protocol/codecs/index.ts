export { decodeBalanceReply, encodeBalanceReply } from "./balance.js";
export * from "./documents.js";
export { decodeError, encodeError } from "./error.js";
export * from "./op-templates.js";
export * from "./phones.js";
export {
  type DecodedRecord,
  decodeDoneReply,
  decodeIdReply,
  decodeRecord,
  decodeRecords,
  encodeDoneReply,
  encodeIdReply,
  encodeRecord,
  encodeRecords,
  type FieldKind,
  type FieldTable,
  fromWire,
  type RecordSchema,
  type WireField,
} from "./records.js";
export { decodeCostReply, decodeSendReply, encodeCostReply, encodeSendReply, malformed } from "./send.js";
export * from "./senders.js";
export { moneyJson, moneyText, parseFmt, round2, toMessageId, xmlEscape } from "./shared.js";
export { decodeStatusReply, encodeStatusReply, HLR_KEYS, type StatusShape } from "./status.js";
