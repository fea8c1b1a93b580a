import { type Clock, cryptoRandom, InvalidOptionError, type Smsc, systemClock } from "../client/index.js";
import { type Channel, callChannel, inboundCallChannel, smsChannel } from "./channels.js";
import { alphabetProblem, DIGITS } from "./code.js";
import { MIN_SECRET_BYTES } from "./digest.js";
import { type LimitOptions, limitsProblem } from "./limits.js";
import { type TemplateOptions, templateProblem } from "./templates.js";
import { CHANNELS, type ChannelName, type VerifyStore } from "./types.js";

/** Options of `new Verify(options)`. */
export interface VerifyOptions extends TemplateOptions {
  /** Where codes and counters live: memoryStore(), sqliteStore(db), redisStore(client), postgresStore(pool). */
  store: VerifyStore;
  /**
   * The HMAC key codes are kept under, at least 16 bytes (e.g. 32 random bytes in hex from a secret manager).
   * Every server of the app uses the same one. Never logged nor shown by inspecting the object.
   */
  secret: string | Uint8Array;
  /** The SDK client of the built-in `sms`, `call` and `inbound-call` channels. Needed unless `channels` provides every channel used. */
  smsc?: Smsc;
  /** Channels by name, replacing the built-in ones. @default sms, call and inbound-call (wait_call.php) over `smsc` */
  channels?: Partial<Record<ChannelName, Channel>>;
  /**
   * Channel order: the first send uses the first, every resend the next one (the last one repeats). A send the
   * service refuses for the channel (errors 6 and 8) falls over to the next at once; `inbound-call` may be in it.
   * @default ["sms", "call"]
   */
  fallback?: readonly ChannelName[];
  /** Length of the codes verify makes (the `call` channel's code is the service's, 4 digits). @default 6 */
  codeLength?: number;
  /** Characters of the codes. @default "0123456789" */
  alphabet?: string;
  /** How long a code works, in ms. @default 600000 (10 minutes) */
  ttlMs?: number;
  /** Checks allowed per verification; resends do not add more. @default 5 */
  maxAttempts?: number;
  /** Minimum time between two sends to one phone, in ms. @default 30000 */
  resendAfterMs?: number;
  /** Send limits per phone, IP, country and number range (anti-pumping). @default DEFAULT_LIMITS */
  limits?: LimitOptions;
  /** Countries (ISO codes, from the number) that may receive codes; numbers of other or unknown countries are refused. @default any */
  countries?: readonly string[];
  /** Number prefixes (digits, e.g. premium ranges) that never receive codes. @default none */
  blockedPrefixes?: readonly string[];
  /** Sender name of the SMS. @default the account's */
  sender?: string;
  /** Voice of the `call` channel. @default the service's */
  voice?: string;
  /** The time. @default Date.now */
  clock?: Pick<Clock, "now">;
  /** Uniform numbers in [0, 1) for codes and ids. @default crypto.getRandomValues */
  random?: () => number;
  /** Web Crypto's SubtleCrypto, for HMAC. @default globalThis.crypto.subtle */
  subtle?: SubtleCrypto;
}

/** Options after defaults. */
export interface ResolvedVerifyOptions {
  store: VerifyStore;
  secret: Uint8Array;
  channels: Partial<Record<ChannelName, Channel>>;
  fallback: readonly ChannelName[];
  codeLength: number;
  alphabet: string;
  ttlMs: number;
  maxAttempts: number;
  resendAfterMs: number;
  limits: LimitOptions;
  countries?: ReadonlySet<string>;
  blockedPrefixes: readonly string[];
  template: TemplateOptions;
  clock: Pick<Clock, "now">;
  random: () => number;
  subtle: SubtleCrypto;
}

const fail = (option: string, problem: string): never => {
  throw new InvalidOptionError(`verify.${option}`, problem);
};

const positiveInt = (v: unknown, option: string, min = 1, max = Number.MAX_SAFE_INTEGER) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
    fail(option, `must be an integer from ${min} to ${max}`);
  return v as number;
};

/** Applies defaults and validates eagerly; throws InvalidOptionError naming the bad option. */
export function resolveVerifyOptions(o: VerifyOptions): ResolvedVerifyOptions {
  if (!o || typeof o.store?.attempt !== "function")
    fail("store", "must be a VerifyStore (e.g. memoryStore())");
  const secret = typeof o.secret === "string" ? new TextEncoder().encode(o.secret) : o.secret;
  if (!(secret instanceof Uint8Array) || secret.length < MIN_SECRET_BYTES)
    fail("secret", `must be a string or bytes of at least ${MIN_SECRET_BYTES} bytes`);
  const channels: Partial<Record<ChannelName, Channel>> = {};
  if (o.smsc) {
    const co = {
      ...(o.sender !== undefined ? { sender: o.sender } : {}),
      ...(o.voice !== undefined ? { voice: o.voice } : {}),
    };
    channels.sms = smsChannel(o.smsc, co);
    channels.call = callChannel(o.smsc, co);
    channels["inbound-call"] = inboundCallChannel(o.smsc);
  }
  Object.assign(channels, o.channels);
  const fallback = o.fallback ?? ["sms", "call"];
  if (!Array.isArray(fallback) || fallback.length === 0)
    fail("fallback", "must be a non-empty list of channels");
  for (const c of fallback as readonly ChannelName[]) {
    if (!CHANNELS.includes(c)) fail("fallback", `has an unknown channel "${c}" (${CHANNELS.join(", ")})`);
    if (!channels[c]) fail("fallback", `names "${c}", which has no channel (pass smsc, or channels.${c})`);
  }
  const alphabet = o.alphabet ?? DIGITS;
  const alphabetBad = alphabetProblem(alphabet);
  if (alphabetBad) fail("alphabet", alphabetBad);
  const codeLength = positiveInt(o.codeLength ?? 6, "codeLength", 4, 12);
  // fewer than 10^4 codes makes guessing within maxAttempts too likely
  if ([...alphabet].length ** codeLength < 10_000)
    fail("codeLength", "gives fewer than 10000 possible codes");
  const limits = o.limits ?? {};
  const limitsBad = limitsProblem(limits);
  if (limitsBad) fail(limitsBad[0], limitsBad[1]);
  const template: TemplateOptions = {
    ...(o.locale !== undefined ? { locale: o.locale } : {}),
    ...(o.templates !== undefined ? { templates: o.templates } : {}),
    ...(o.appHash !== undefined ? { appHash: o.appHash } : {}),
    ...(o.domain !== undefined ? { domain: o.domain } : {}),
  };
  const templateBad = templateProblem(template);
  if (templateBad) fail(templateBad[0], templateBad[1]);
  for (const p of o.blockedPrefixes ?? [])
    if (!/^\d{1,15}$/.test(p)) fail("blockedPrefixes", `has "${p}", which is not 1 to 15 digits`);
  const subtle = o.subtle ?? globalThis.crypto?.subtle;
  if (!subtle) fail("subtle", "is needed: this runtime has no globalThis.crypto.subtle");
  return {
    store: o.store,
    secret,
    channels,
    fallback,
    codeLength,
    alphabet,
    ttlMs: positiveInt(o.ttlMs ?? 600_000, "ttlMs"),
    maxAttempts: positiveInt(o.maxAttempts ?? 5, "maxAttempts", 1, 1000),
    resendAfterMs: positiveInt(o.resendAfterMs ?? 30_000, "resendAfterMs", 0),
    limits,
    ...(o.countries !== undefined ? { countries: new Set(o.countries.map((c) => c.toUpperCase())) } : {}),
    blockedPrefixes: o.blockedPrefixes ?? [],
    template,
    clock: o.clock ?? systemClock,
    random: o.random ?? cryptoRandom,
    subtle: subtle!,
  };
}
