export { extractCode } from "./extract-code.js";
export {
  createMessageWaiter,
  DEFAULT_WAIT_MS,
  type MessageWaiter,
  type WaitForMessageOptions,
  WaitTimeoutError,
} from "./message-waiter.js";
