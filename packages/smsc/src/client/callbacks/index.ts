/**
 * Callbacks: the calls the service makes to a client's handler URL (spec §6.14). Parse, verify and answer them
 * on any runtime; the sandbox sends them with the same encoder.
 * @module
 */
export { CallbackError } from "./callback-error.js";
export {
  CALLBACK_HASHES,
  CALLBACK_KINDS,
  CALLBACK_NUMERIC_FIELDS,
  CALLBACK_URL_PARAMS,
  type CallbackHash,
  type CallbackKind,
} from "./callback-fields.js";
export {
  answerCallback,
  type CallbackAnswer,
  type CallbackHandlerOptions,
  callbackFetchHandler,
  createCallbackHandler,
  type NodeCallbackHandler,
  type NodeLikeRequest,
  type NodeLikeResponse,
} from "./callback-handler.js";
export {
  type CallbackTarget,
  callbackTarget,
  type EncodedCallback,
  encodeCallback,
} from "./encode-callback.js";
export { type CallbackInput, type ParseCallbackOptions, parseCallback } from "./parse-callback.js";
export { constantTimeEqual, signCallback } from "./sign-callback.js";
export type { Callback, IncomingCallback, StatusCallback, WaitCallCallback } from "./types.js";
export { verifyCallback } from "./verify-callback.js";
