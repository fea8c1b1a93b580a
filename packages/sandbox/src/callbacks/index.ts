export { createCallbackRoutes } from "./callback-routes.js";
export {
  CALLBACK_RETRY_DEFAULTS,
  type CallbackRetryOptions,
  type CallbackService,
  type CallbackServiceOptions,
  startCallbacks,
} from "./callback-service.js";
export type { CallbackLogEntry } from "./types.js";
