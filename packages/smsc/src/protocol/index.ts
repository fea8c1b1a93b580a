/**
 * Pure wire knowledge of the SMSC service, shared by the SDK and the sandbox: parameter names, code tables,
 * response codecs, charsets, dates and the text engine. No I/O.
 * @module
 */
export * from "./charset.js";
export * from "./codecs/index.js";
export * from "./cost-modes.js";
export * from "./dates.js";
export * from "./delivery-errors.js";
export * from "./error-codes.js";
export * from "./form.js";
export * from "./hash/index.js";
export * from "./hosts.js";
export * from "./limits.js";
export * from "./mail/index.js";
export * from "./message-formats.js";
export * from "./rest.js";
export * from "./send-params.js";
export * from "./smpp/index.js";
export * from "./status-codes.js";
export * from "./text/index.js";
export * from "./types.js";
