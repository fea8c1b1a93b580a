/** The ways a code reaches the user; with `inbound-call` (wait_call.php) the user calls a number and types nothing. */
export const CHANNELS = ["sms", "call", "inbound-call"] as const;

/** A delivery channel's name. */
export type ChannelName = (typeof CHANNELS)[number];

/** One pending code of a phone, as a store keeps it. Only its HMAC is kept, never the code. */
export interface VerificationRecord {
  /** The phone, digits only ("77011234567"): the record's key. */
  phone: string;
  /** Id of this code; a resend issues a new one, so a check can only approve the code it counted an attempt for. */
  id: string;
  /** Hex HMAC-SHA-256 of the code, bound to `id`. */
  digest: string;
  channel: ChannelName;
  /** How many codes this verification has sent (1 for the first). */
  sends: number;
  /** Checks counted so far (carried over by a resend, so resending gives no fresh guesses). */
  attempts: number;
  maxAttempts: number;
  /** When the code stops working, ms since the epoch. */
  expiresAt: number;
  /** When the store may forget the record (after `expiresAt`, so that a late check still answers "expired"). */
  keepUntil: number;
}

/** What one counted check found, before the code is compared. */
export type AttemptOutcome =
  | {
      kind: "counted";
      id: string;
      digest: string;
      attempts: number;
      maxAttempts: number;
      channel: ChannelName;
    }
  | { kind: "unknown" }
  | { kind: "expired" }
  | { kind: "exhausted" };

/** A rate counter: at most `limit` hits in `windowMs` from the first hit of the window. */
export interface Counter {
  key: string;
  limit: number;
  windowMs: number;
}

/** The result of taking a set of counters: all counted, or none and the first that is full. */
export type TakeResult = { ok: true } | { ok: false; key: string; retryAt: number };

/**
 * Where verifications and rate counters live. Every method is atomic on its own: a store must never let two
 * concurrent `attempt`s pass `maxAttempts` between them, nor two `approve`s of one id both succeed, nor a full
 * counter count one more hit.
 */
export interface VerifyStore {
  /** Counts one hit in every counter, or, when any is full, none; all or nothing. */
  take(counters: readonly Counter[], now: number): Promise<TakeResult>;
  /**
   * Saves a code for its phone, replacing any earlier one. The attempts of an earlier code that is still pending
   * and unexpired carry over (the record's own `attempts` is used otherwise).
   */
  issue(record: VerificationRecord, now: number): Promise<void>;
  /** The pending record of a phone, if any (for resends: which channel, how many sends). */
  current(phone: string, now: number): Promise<VerificationRecord | undefined>;
  /** Counts one check of the phone's code: unknown, expired, exhausted, or counted with the digest to compare. */
  attempt(phone: string, now: number): Promise<AttemptOutcome>;
  /** Uses up the code `id` of the phone; true for exactly one caller, false when it is gone or replaced. */
  approve(phone: string, id: string): Promise<boolean>;
}

/** What `start` answers. */
export type StartResult =
  | {
      status: "sent";
      /** Id of the code sent (a resend sends a new one). */
      id: string;
      /** The phone in E.164. */
      to: string;
      channel: ChannelName;
      /** The message id of the send (SDK `send` id), also in the status callbacks. */
      messageId: string;
      /** 1 for the first code, 2 for the first resend, … */
      sends: number;
      expiresAt: number;
      /** Earliest time of a resend. */
      resendAt: number;
      /** For `inbound-call`: the number the user must call. */
      callTo?: string;
    }
  | {
      /** A limit is full (or the resend cooldown runs): nothing was sent. */
      status: "rate-limited";
      scope: LimitScope;
      retryAt: number;
    }
  | {
      /** The number may not receive codes (country not allowed, blocked prefix): nothing was sent. */
      status: "blocked";
      reason: "country" | "prefix";
    }
  | { status: "invalid-phone"; reason: string };

/** Which limit refused a start. */
export type LimitScope = "cooldown" | "phone" | "ip" | "country" | "prefix";

/** What `check` answers. Tell the user apart only "approved" and not: see https://github.com/smsc-kz/smsc/blob/main/docs/verify.md "Enumeration". */
export type CheckResult =
  | { status: "approved"; id: string; phone: string; channel: ChannelName; attempts: number }
  | { status: "wrong-code"; attemptsLeft: number }
  | { status: "expired" }
  | { status: "too-many-attempts" }
  /** No pending code for the phone: never started, already approved, or forgotten. */
  | { status: "unknown" };

/** Events for metrics. */
export interface VerifyEvents {
  /** A code went out. */
  started: {
    id: string;
    phone: string;
    country?: string;
    channel: ChannelName;
    messageId: string;
    sends: number;
  };
  /** A status callback reported the code's message delivered. */
  delivered: { phone: string; channel: ChannelName; messageId: string; status: number };
  /** A code was approved. */
  approved: { id: string; phone: string; channel: ChannelName; attempts: number };
  /**
   * A start was refused, a delivery failed, or a check or a `waitcall` callback did not approve ("replayed": the
   * callback's call predates the verification).
   */
  failed: {
    phone: string;
    reason:
      | "wrong-code"
      | "expired"
      | "too-many-attempts"
      | "unknown"
      | "undelivered"
      | "rate-limited"
      | "blocked"
      | "invalid-phone"
      | "replayed";
    channel?: ChannelName;
    messageId?: string;
    /** The delivery status (for "undelivered"). */
    status?: number;
    /** The limit (for "rate-limited"). */
    scope?: LimitScope;
  };
}
