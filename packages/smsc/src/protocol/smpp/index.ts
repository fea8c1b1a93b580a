/**
 * SMPP 3.4: wire tables, the PDU codec, the frame reader, GSM-7 packing, data_coding, UDH concatenation and
 * delivery receipt texts. No I/O; the SDK's SmppClient and the sandbox's SMPP server are built on it.
 * @module
 */
export {
  ConcatAssembler,
  type ConcatMode,
  type SmSegment,
  type SplitOptions,
  splitMessage,
  type UserData,
  userData,
} from "./concat.js";
export {
  COMMAND_IDS,
  COMMAND_STATUS,
  type CommandName,
  type CommandStatusName,
  commandStatusName,
  commandStatusText,
  DATA_CODING,
  ESM_CLASS,
  INTERFACE_VERSION_34,
  MESSAGE_STATES,
  type MessageStateName,
  NETWORK_TYPES,
  NPI,
  REGISTERED_DELIVERY,
  RESPONSE_BIT,
  SMPP_STATUS,
  SMSC_CODING,
  SMSC_IDLE_TIMEOUT_MS,
  SMSC_SMPP,
  SMSC_SPECIAL_TEXTS,
  TLV_TAGS,
  type TlvName,
  TON,
} from "./constants.js";
export {
  type Alphabet,
  chooseAlphabet,
  type DataCodingConvention,
  type DataCodingInfo,
  type DataCodingOptions,
  dataCodingFor,
  decodeMessageText,
  describeDataCoding,
  encodeMessageText,
} from "./data-coding.js";
export {
  DEFAULT_MAX_PDU_LENGTH,
  SmppFrameReader,
} from "./frame-reader.js";
export {
  packGsm7,
  udhFillBits,
  unpackGsm7,
} from "./gsm-packing.js";
export {
  commandName,
  decodePdu,
  encodePdu,
  HEADER_LENGTH,
  isResponseId,
  MAX_SEQUENCE,
  type NetworkErrorCode,
  type Pdu,
  type PduInput,
  responseName,
  SmppDecodeError,
  type Tlvs,
} from "./pdu.js";
export type { FieldSpec, PduBody } from "./pdu-fields.js";
export { PDU_FIELDS } from "./pdu-fields.js";
export {
  formatHlrReceipt,
  formatReceipt,
  formatReceiptDate,
  type HlrReceiptText,
  isHlrReceipt,
  messageStateFromStatus,
  parseHlrReceipt,
  parseReceipt,
  parseReceiptDate,
  RECEIPT_STATS,
  RECEIPT_TEXT_LENGTH,
  type ReceiptDateOptions,
  type ReceiptText,
  STATUS_TO_STAT,
  type StatWord,
  statFromStatus,
  statusFromMessageState,
  statusFromStat,
} from "./receipt.js";
export {
  SEND_ERROR_STATUS,
  sendErrorFromStatus,
  sendErrorStatus,
  VENDOR_STATUS_BASE,
} from "./service-errors.js";
export {
  formatRelativeSmppTime,
  formatSmppTime,
  parseSmppTime,
  type SmppTime,
  smppTimeToUnix,
} from "./smpp-time.js";
export {
  type ConcatInfo,
  concatUdh,
  parseUdh,
  UDH_IE,
  type Udh,
  type UdhElement,
} from "./udh.js";
