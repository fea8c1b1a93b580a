export { decodeBalanceReply, encodeBalanceReply } from "./balance.js";
export { decodeError, encodeError } from "./error.js";
export { decodeCostReply, decodeSendReply, encodeCostReply, encodeSendReply, malformed } from "./send.js";
export { moneyJson, moneyText, parseFmt, round2, toMessageId, xmlEscape } from "./shared.js";
export { decodeStatusReply, encodeStatusReply, HLR_KEYS, type StatusShape } from "./status.js";
export { decodeTinyUrlStats, encodeTinyUrlStats, type TinyUrlStats } from "./tinyurls.js";
export { decodeWaitCallReply, encodeWaitCallReply, type WaitCallReply } from "./wait-call.js";
