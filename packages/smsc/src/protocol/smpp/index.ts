/**
 * SMPP 3.4: wire tables, the PDU codec, the frame reader, GSM-7 packing, data_coding, UDH concatenation and
 * delivery receipt texts. No I/O; the SDK's SmppClient and the sandbox's SMPP server are built on it.
 * @module
 */
export * from "./concat.js";
export * from "./constants.js";
export * from "./data-coding.js";
export * from "./frame-reader.js";
export * from "./gsm-packing.js";
export * from "./pdu.js";
export type { FieldSpec, PduBody } from "./pdu-fields.js";
export { PDU_FIELDS } from "./pdu-fields.js";
export * from "./receipt.js";
export * from "./service-errors.js";
export * from "./smpp-time.js";
export * from "./udh.js";
