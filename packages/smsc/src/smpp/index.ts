/**
 * smsc/smpp: an SMPP 3.4 client for the service's `smpp.<domain>` (Node only: node:net and node:tls). The PDU
 * codec and tables it is built on are in `smsc/protocol`.
 * @module
 */
export {
  SmppBindError,
  SmppClosedError,
  SmppConnectionError,
  SmppError,
  SmppTimeoutError,
} from "./errors.js";
export { isReceipt, type SmppMessage, type SmppReceipt, toMessage, toReceipt } from "./inbound.js";
export { type ResolvedSmppOptions, resolveSmppOptions, type SmppClientOptions } from "./options.js";
export { SmppClient } from "./smpp-client.js";
export { submitPdus } from "./submit-pdus.js";
export type {
  SmppClientEvents,
  SmppHlrResult,
  SmppQueryResult,
  SmppSubmit,
  SmppSubmitResult,
} from "./types.js";
