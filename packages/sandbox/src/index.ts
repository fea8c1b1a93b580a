/**
 * smsc-sandbox: a local stand-in for the SMSC service. Its `/sys/*.php` HTTP API answers byte for byte like the
 * service's, backed by SQLite.
 * @module
 */
export {
  CALLBACK_RETRY_DEFAULTS,
  type CallbackLogEntry,
  type CallbackRetryOptions,
  type CallbackService,
} from "./callbacks/index.js";
export {
  CHAOS_ENDPOINTS,
  type Chaos,
  type ChaosEndpoint,
  type ChaosError,
  type ChaosSettings,
  ChaosSettingsError,
  DEFAULT_SLOW_REPLY_MS,
  type ListenerSet,
  type ListenerState,
} from "./chaos/index.js";
export { apiError } from "./core/api-error.js";
export {
  type CoreOptions,
  createCore,
  DEFAULT_DELAYS,
  DEFAULT_SENDER,
  DEMO_ACCOUNT,
} from "./core/create-core.js";
export { LIMITS } from "./core/limits.js";
export type { Logger } from "./core/logger.js";
export { MAGIC_NUMBERS, type MagicBehaviour, magicNumber } from "./core/magic-numbers.js";
export { DEFAULT_PRICES, type Prices } from "./core/plan-send.js";
export type {
  Account,
  AccountSeed,
  Core,
  CoreEvents,
  Credentials,
  IncomingMessage,
  Message,
  Origin,
  StatusInput,
  SubmitInput,
  SubmitResult,
} from "./core/types.js";
export {
  createInspection,
  type Inspection,
  type InspectionOptions,
  type MessageQuery,
} from "./http/api/create-inspection.js";
export type { InspectedIncoming, InspectedMessage } from "./http/api/present.js";
export { createHttpServer, type HttpRoute, type HttpServerOptions } from "./http/create-http-server.js";
export { createSmppServer, type SmppServer, type SmppServerOptions } from "./smpp/index.js";
export { type Sandbox, type SandboxOptions, startSandbox } from "./start-sandbox.js";
export type { RetentionPolicy } from "./store/retention.js";
export { openStore, type Store } from "./store/store.js";
export { extractCode, type WaitForMessageOptions, WaitTimeoutError } from "./testing/index.js";
