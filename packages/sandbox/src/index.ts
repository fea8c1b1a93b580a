/**
 * smsc-sandbox: a local stand-in for the SMSC service. Its `/sys/*.php` HTTP API answers byte for byte like the
 * service's, backed by SQLite.
 * @module
 */
export {
  CALLBACK_RETRY_DEFAULTS,
  type CallbackRetryOptions,
  type CallbackService,
} from "./callbacks/callback-service.js";
export type { ListenerSet, ListenerState } from "./chaos/listeners.js";
export { DEFAULT_SENDER, DEMO_ACCOUNT } from "./core/accounts.js";
export {
  CHAOS_ENDPOINTS,
  type Chaos,
  type ChaosEndpoint,
  type ChaosError,
  type ChaosSettings,
  ChaosSettingsError,
  DEFAULT_SLOW_REPLY_MS,
} from "./core/chaos.js";
export { type CoreControl, type CoreOptions, createCore } from "./core/create-core.js";
export type { Fate, FateKind } from "./core/fate.js";
export { DEFAULT_DELAYS } from "./core/lifecycle.js";
export type { Logger } from "./core/logger.js";
export {
  MAGIC_NUMBERS,
  MAGIC_RANGES,
  type MagicBehaviour,
  magicNumber,
  PREMIUM_PRICE_FACTOR,
} from "./core/magic-numbers.js";
export { DEFAULT_MODERATION_MS, type SenderSettings } from "./core/senders.js";
export {
  moscowDay,
  SHORT_LINK_PATH,
  type ShortLinksControl,
  type ShortLinkView,
} from "./core/short-links.js";
export {
  createPriceTable,
  DEFAULT_PRICES,
  DEFAULT_ZONES,
  type Prices,
  PricesError,
  type PriceTable,
  type PriceZone,
  type PriceZoneInput,
  readPricesFile,
  type ZonePrices,
} from "./core/tariffs.js";
export type {
  Account,
  AccountSeed,
  Core,
  CoreEventSource,
  CoreEvents,
  Credentials,
  IncomingMessage,
  Message,
  Origin,
  SendInput,
  SendOutcome,
  StatusInput,
  StoredMessage,
} from "./core/types.js";
export {
  type CallRefusal,
  DEFAULT_CALL_NUMBERS,
  DEFAULT_WAIT_CALL_TTL_MS,
  type WaitCall,
  type WaitCallEvent,
  type WaitCallState,
  type WaitCallsControl,
} from "./core/wait-calls.js";
export type { MessageQuery } from "./http/api/create-inspection.js";
export type { InspectedShortLink, InspectedWaitCall } from "./http/api/wait-call-routes.js";
export type { HttpRequest, HttpResponse } from "./http/http-types.js";
export { Router } from "./http/router.js";
export { createSmppServer, type SmppServer, type SmppServerOptions } from "./smpp/server.js";
export { type Sandbox, type SandboxOptions, startSandbox } from "./start-sandbox.js";
export type { CallbackLogEntry } from "./store/records.js";
export type { RetentionPolicy } from "./store/retention.js";
export { openStore, type Store } from "./store/store.js";
export {
  type CallbackMatch,
  type CallbackReceiver,
  type ReceivedCallback,
  startCallbackReceiver,
} from "./testing/callback-receiver.js";
export { extractCode } from "./testing/extract-code.js";
export { type WaitForMessageOptions, WaitTimeoutError } from "./testing/message-waiter.js";
export type { InspectedIncoming, InspectedMessage } from "./testing/present.js";
