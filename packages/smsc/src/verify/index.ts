/**
 * smsc/verify: phone verification with one-time codes over the SDK: SMS, voice call and the user's own call
 * (wait_call.php); HMAC-kept codes in a shared store (memory, SQLite, Redis, PostgreSQL) with atomic attempt
 * counting, resend cooldown, channel fallback and anti-pumping limits. Runs wherever the SDK runs.
 * @module
 */
export {
  type Channel,
  type ChannelOptions,
  type ChannelRequest,
  callChannel,
  type Delivery,
  inboundCallChannel,
  smsChannel,
} from "./channels.js";
export { DIGITS, generateCode, normalizeCode } from "./code.js";
export { createDigester, type Digester, digestsEqual, MIN_SECRET_BYTES } from "./digest.js";
export type { Listener } from "./events.js";
export { DEFAULT_LIMITS, ipGroup, type LimitOptions, type RateLimit, startCounters } from "./limits.js";
export { parseVerifyMessageId, verifyMessageId } from "./message-id.js";
export type { VerifyOptions } from "./options.js";
export { type MemorySnapshot, type MemoryStore, memoryStore } from "./stores/memory-store.js";
export { type PgQueryable, type PostgresStoreOptions, postgresStore } from "./stores/postgres-store.js";
export { type RedisLike, type RedisStoreOptions, redisStore } from "./stores/redis-store.js";
export type { SqlVerifyStore } from "./stores/sql-schema.js";
export {
  type SqliteHandle,
  type SqliteStatementLike,
  type SqliteStoreOptions,
  sqliteStore,
} from "./stores/sqlite-store.js";
export { type Locale, renderText, TEMPLATES, type TemplateOptions } from "./templates.js";
export {
  type AttemptOutcome,
  CHANNELS,
  type ChannelName,
  type CheckResult,
  type Counter,
  type LimitScope,
  type StartResult,
  type TakeResult,
  type VerificationRecord,
  type VerifyEvents,
  type VerifyStore,
} from "./types.js";
export { KEEP_AFTER_EXPIRY_MS, type StartOptions, Verify } from "./verify.js";
