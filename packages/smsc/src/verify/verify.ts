import { ApiError, type Callback, InvalidOptionError, type WaitCallCallback } from "../client/index.js";
import { type PhoneNumber, parsePhone, STATUS } from "../protocol/index.js";
import type { Delivery } from "./channels.js";
import { generateCode, normalizeCode, randomId } from "./code.js";
import { createDigester, type Digester, digestsEqual } from "./digest.js";
import { VerifyEmitter } from "./events.js";
import { scopeOf, startCounters } from "./limits.js";
import { parseVerifyMessageId, verifyMessageId } from "./message-id.js";
import { type ResolvedVerifyOptions, resolveVerifyOptions, type VerifyOptions } from "./options.js";
import { type Locale, renderText } from "./templates.js";
import {
  CHANNELS,
  type ChannelName,
  type CheckResult,
  type StartResult,
  type VerificationRecord,
  type VerifyEvents,
} from "./types.js";

/** Options of one `start`. */
export interface StartOptions {
  /** The channel of this send; its successors in `fallback` take over if the service refuses it. @default by `fallback` */
  channel?: ChannelName;
  /** The end user's IP, for the per-IP limit. */
  ip?: string;
  /** Language of this SMS. @default the `locale` option */
  locale?: Locale;
  /** Aborts the send. */
  signal?: AbortSignal;
}

/** How long a record outlives its code, so that a late check answers "expired" rather than "unknown". */
export const KEEP_AFTER_EXPIRY_MS = 3_600_000;

/** Send errors that refuse one channel (6 denied, 8 cannot deliver) but may let another through. */
const FALLOVER_CODES: ReadonlySet<number> = new Set([6, 8]);

/** Delivery statuses that mean the code reached the phone: delivered, read, link clicked. */
const DELIVERED: ReadonlySet<number> = new Set([STATUS.delivered, STATUS.read, STATUS.clicked]);

/** How far the service's clock may lag ours when a `waitcall` callback's `ts` is compared with a verification's start. */
const CALL_CLOCK_SKEW_MS = 60_000;

// Compared against when a check finds no code, so that an unknown phone costs the same HMAC as a wrong code.
const NO_DIGEST = "0".repeat(64);

/**
 * Phone verification with one-time codes: SMS, voice call, and (through a channel) confirmation by the user's
 * call. Codes are kept only as HMACs in a shared store, checked in constant time, with attempt limits, a resend
 * cooldown, channel fallback and anti-pumping limits. See https://github.com/smsc-kz/smsc/blob/main/docs/verify.md.
 *
 * @example
 * ```ts
 * import { Smsc } from "smsc";
 * import { memoryStore, Verify } from "smsc/verify";
 * const verify = new Verify({ smsc: new Smsc(), store: memoryStore(), secret: process.env.VERIFY_SECRET! });
 * await verify.start("+77011234567", { ip: req.ip });
 * const r = await verify.check("+77011234567", "123456");
 * if (r.status === "approved") signIn();
 * ```
 */
export class Verify {
  readonly #o: ResolvedVerifyOptions;
  readonly #digest: Digester;
  readonly #events = new VerifyEmitter();

  /** Validates the options eagerly; throws InvalidOptionError naming the bad one. */
  constructor(options: VerifyOptions) {
    this.#o = resolveVerifyOptions(options);
    this.#digest = createDigester(this.#o.secret, this.#o.subtle);
  }

  /** Subscribes to an event (for metrics); returns the function that unsubscribes. */
  on<E extends keyof VerifyEvents>(name: E, listener: (event: VerifyEvents[E]) => void): () => void {
    return this.#events.on(name, listener);
  }

  /**
   * Sends a code, or a new one (a resend: same verification, attempts carried over, next channel of
   * `fallback`). Refuses without sending when a limit or the cooldown says no. Throws the SDK's error when the
   * send fails; nothing is stored then, and the cooldown still runs.
   */
  async start(phone: string, options: StartOptions = {}): Promise<StartResult> {
    const o = this.#o;
    const now = o.clock.now();
    const parsed = parsePhone(String(phone));
    if (!parsed)
      return this.#refuse(String(phone), { status: "invalid-phone", reason: "not a phone number" });
    const blocked = this.#screen(parsed);
    if (blocked) return this.#refuse(parsed.digits, { status: "blocked", reason: blocked });
    if (options.channel !== undefined && !o.channels[options.channel])
      throw new InvalidOptionError(
        "start.channel",
        CHANNELS.includes(options.channel)
          ? `"${options.channel}" has no channel (pass it in the channels option)`
          : `must be one of ${CHANNELS.join(", ")}`,
      );
    const taken = await o.store.take(startCounters(parsed, options.ip, o.limits, o.resendAfterMs), now);
    if (!taken.ok)
      return this.#refuse(parsed.digits, {
        status: "rate-limited",
        scope: scopeOf(taken.key),
        retryAt: taken.retryAt,
      });
    const prev = await o.store.current(parsed.digits, now);
    const id = randomId(o.random);
    const code = generateCode(o.codeLength, o.alphabet, o.random);
    const text = renderText(code, o.template, Math.ceil(o.ttlMs / 60_000), options.locale);
    const { channel, delivery } = await this.#deliver(this.#order(options.channel, prev), {
      phone: parsed,
      id,
      code,
      text,
      ...(options.ip ? { ip: options.ip } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    // a confirmation by call has no code to type: an unguessable one keeps check() from ever approving it
    const typed = "code" in delivery ? normalizeCode(delivery.code, o.alphabet) : randomId(o.random);
    const sends = (prev?.sends ?? 0) + 1;
    const record: VerificationRecord = {
      phone: parsed.digits,
      id,
      digest: await this.#digest(id, typed),
      channel,
      sends,
      attempts: 0,
      maxAttempts: o.maxAttempts,
      expiresAt: now + o.ttlMs,
      keepUntil: now + o.ttlMs + KEEP_AFTER_EXPIRY_MS,
    };
    await o.store.issue(record, now);
    const messageId = verifyMessageId(channel, id);
    this.#events.emit("started", {
      id,
      phone: parsed.digits,
      ...(parsed.country !== undefined ? { country: parsed.country } : {}),
      channel,
      messageId,
      sends,
    });
    return {
      status: "sent",
      id,
      to: parsed.e164,
      channel,
      messageId,
      sends,
      expiresAt: record.expiresAt,
      resendAt: now + o.resendAfterMs,
      ...("callTo" in delivery ? { callTo: delivery.callTo } : {}),
    };
  }

  /**
   * Checks a code. Every call counts one attempt, and costs the same work whether the phone has a code or not.
   * Only one of any number of concurrent checks of a right code is approved.
   */
  async check(phone: string, code: string): Promise<CheckResult> {
    const o = this.#o;
    const now = o.clock.now();
    const digits = parsePhone(String(phone))?.digits;
    const outcome =
      digits === undefined ? ({ kind: "unknown" } as const) : await o.store.attempt(digits, now);
    const counted = outcome.kind === "counted" ? outcome : undefined;
    // the same HMAC and comparison whether or not the phone has a code (see docs/verify.md "Timing")
    const digest = await this.#digest(counted?.id ?? "-", normalizeCode(String(code), o.alphabet));
    const match = digestsEqual(digest, counted?.digest ?? NO_DIGEST);
    const who = digits ?? String(phone);
    if (!counted) {
      const status =
        outcome.kind === "exhausted" ? "too-many-attempts" : (outcome.kind as "unknown" | "expired");
      this.#events.emit("failed", { phone: who, reason: status });
      return { status };
    }
    if (!match) {
      this.#events.emit("failed", { phone: who, reason: "wrong-code", channel: counted.channel });
      return { status: "wrong-code", attemptsLeft: Math.max(0, counted.maxAttempts - counted.attempts) };
    }
    if (!(await o.store.approve(digits!, counted.id))) {
      // another check approved it first, or a resend replaced it in between
      this.#events.emit("failed", { phone: who, reason: "unknown", channel: counted.channel });
      return { status: "unknown" };
    }
    const approved = {
      id: counted.id,
      phone: digits!,
      channel: counted.channel,
      attempts: counted.attempts,
    };
    this.#events.emit("approved", approved);
    return { status: "approved", ...approved };
  }

  /**
   * Feeds a parsed callback (SDK `parseCallback`, or a `createCallbackHandler` hook) to the metrics: a final
   * status of a code's message emits `delivered` or `failed` ("undelivered"). A `waitcall` callback approves a
   * pending `inbound-call` verification of its phone (emitting `approved`), as `check` would: one attempt, not when
   * expired or exhausted, and not for a call made before the verification started (a replay). Verify the callback's
   * signature before calling this (`createCallbackHandler({ secret })` or `verifyCallback`). Returns whether the
   * callback concerned verify; listen to `approved` to learn that the user is verified.
   */
  async handleCallback(cb: Callback): Promise<boolean> {
    if (cb.kind === "status") {
      const ours = parseVerifyMessageId(cb.id);
      if (!ours) return false;
      const phone = parsePhone(cb.phone)?.digits ?? cb.phone;
      const base = { phone, channel: ours.channel, messageId: cb.id, status: cb.status };
      if (DELIVERED.has(cb.status)) this.#events.emit("delivered", base);
      else if (isUndelivered(cb.status)) this.#events.emit("failed", { ...base, reason: "undelivered" });
      return true;
    }
    if (cb.kind === "waitcall") return this.#confirmByCall(cb);
    return false;
  }

  /**
   * The user's call approves the phone's pending `inbound-call` verification under the rules of `check`: it counts
   * one attempt, and an expired or exhausted verification is not approved. A callback whose call (`ts`) predates the
   * verification is a replay of an earlier one and approves nothing (nor costs an attempt).
   */
  async #confirmByCall(cb: WaitCallCallback): Promise<boolean> {
    const o = this.#o;
    const phone = parsePhone(cb.phone)?.digits;
    if (phone === undefined) return false;
    const now = o.clock.now();
    const rec = await o.store.current(phone, now);
    if (rec && rec.channel !== "inbound-call") return false;
    const fail = (reason: VerifyEvents["failed"]["reason"]) => {
      // without a pending record (expired) the channel is not known
      this.#events.emit("failed", { phone, reason, ...(rec ? { channel: rec.channel } : {}) });
      return true;
    };
    // ts is the call's time in whole seconds; the service's clock may be a little behind ours
    const issuedAt = rec ? rec.expiresAt - o.ttlMs : 0;
    if (rec && (cb.ts === undefined || cb.ts * 1000 + 1000 + CALL_CLOCK_SKEW_MS < issuedAt))
      return fail("replayed");
    const outcome = await o.store.attempt(phone, now);
    if (outcome.kind === "unknown") return false;
    if (outcome.kind === "expired") return fail("expired");
    if (outcome.kind === "exhausted") return fail("too-many-attempts");
    if (
      outcome.channel !== "inbound-call" ||
      outcome.id !== rec?.id ||
      !(await o.store.approve(phone, outcome.id))
    )
      // a resend replaced it in between, or another copy of the callback approved it first
      return fail("unknown");
    const approved = { id: outcome.id, phone, channel: outcome.channel, attempts: outcome.attempts };
    this.#events.emit("approved", approved);
    return true;
  }

  #refuse<R extends StartResult>(phone: string, result: R): R {
    const reason = result.status as "invalid-phone" | "blocked" | "rate-limited";
    this.#events.emit("failed", {
      phone,
      reason,
      ...(result.status === "rate-limited" ? { scope: result.scope } : {}),
    });
    return result;
  }

  /** Why a number may not get codes (country outside the allow-list, a blocked prefix), or undefined. */
  #screen(p: PhoneNumber): "country" | "prefix" | undefined {
    const { countries, blockedPrefixes } = this.#o;
    if (countries && (p.country === undefined || !countries.has(p.country))) return "country";
    if (blockedPrefixes.some((prefix) => p.digits.startsWith(prefix))) return "prefix";
    return undefined;
  }

  /** The channels to try, in order: the asked one, else the next after the previous send's, else the first. */
  #order(asked: ChannelName | undefined, prev: VerificationRecord | undefined): ChannelName[] {
    const { fallback } = this.#o;
    const at = (c: ChannelName) => fallback.indexOf(c);
    if (asked !== undefined) return [asked, ...(at(asked) >= 0 ? fallback.slice(at(asked) + 1) : [])];
    if (!prev) return [...fallback];
    return fallback.slice(Math.min(fallback.length - 1, at(prev.channel) + 1));
  }

  async #deliver(
    order: ChannelName[],
    r: { phone: PhoneNumber; id: string; code: string; text: string; ip?: string; signal?: AbortSignal },
  ): Promise<{ channel: ChannelName; delivery: Delivery }> {
    let last: unknown;
    for (const channel of order) {
      const ch = this.#o.channels[channel]!;
      try {
        const messageId = verifyMessageId(channel, r.id);
        return { channel, delivery: await ch.deliver({ ...r, messageId }) };
      } catch (err) {
        if (!(err instanceof ApiError && FALLOVER_CODES.has(err.code))) throw err;
        last = err;
      }
    }
    throw last;
  }
}

function isUndelivered(status: number): boolean {
  return status === STATUS.expired || status >= STATUS.undeliverable;
}
