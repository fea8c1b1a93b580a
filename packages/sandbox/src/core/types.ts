import type {
  BalanceReply,
  CostReply,
  ErrorReply,
  MessageFormat,
  MessageId,
  SendReply,
  StatusRecord,
} from "smsc/protocol";
import type { CallbackLogEntry } from "../callbacks/types.js";

/** Which adapter a request came through. */
export type Origin = "http" | "smtp" | "smpp";

/** A sandbox account. Money is in the account's currency, rounded to hundredths. */
export interface Account {
  /** Internal numeric id. */
  id: number;
  login: string;
  /** The plain password; `psw` may carry it or its lower-case hex MD5. */
  password: string;
  /** API key accepted instead of login + psw, when set. */
  apikey?: string;
  balance: number;
  /** Credit limit: the balance may go down to `-credit`. */
  credit: number;
  /** Three-letter currency, e.g. "KZT". */
  currency: string;
  /** Sender name used when a send names none. */
  sender: string;
}

/** An account to create at start-up (kept as it is when the database already has the login). */
export interface AccountSeed {
  login: string;
  password: string;
  /** @default 1000 */
  balance?: number;
  /** @default "KZT" */
  currency?: string;
  apikey?: string;
  /** @default 0 */
  credit?: number;
  /** @default "SMSC.KZ" */
  sender?: string;
}

/** One stored message: one recipient of one send. */
export interface Message {
  /** Internal row id, unique per recipient. */
  rowId: number;
  /** The id the client sees: its own `id` when it gave one, otherwise the server id. */
  id: MessageId;
  /** The server id of the send (global, monotonic); shared by every recipient of one send. */
  sendId: number;
  accountId: number;
  origin: Origin;
  /** Digits only ("77011234567"), or the address for e-mail / Telegram. */
  phone: string;
  /** The text as sent: after transliteration and `maxsms` truncation. */
  text: string;
  sender: string;
  format: MessageFormat;
  /** Server message type reported by status.php. */
  type: number;
  parts: number;
  cost: number;
  status: number;
  err: number;
  /** When the send was accepted (ms). */
  createdAt: number;
  /** When the message leaves (ms): `createdAt` or the requested delivery time. */
  sendAt: number;
  /** Time of the last status change (ms). */
  statusAt: number;
  /** When the next status change is due (ms), or null once final. */
  nextAt: number | null;
  comment: string;
  /** The send's wire parameters without credentials. */
  params: Record<string, string>;
}

/** Credentials of a request, and where it came from (for the per-IP block). */
export interface Credentials {
  login?: string;
  psw?: string;
  apikey?: string;
  /** Remote address; auth failures are counted per address (spec §3.3). */
  ip?: string;
}

/** A send or cost request in send.php's wire vocabulary. */
export interface SubmitInput {
  account: Account;
  /** send.php wire parameters with decoded text values; unknown names are ignored. */
  params: Record<string, string>;
  origin: Origin;
}

/** The outcome of a send. */
export type SubmitResult =
  | {
      reply: SendReply;
      messages: Message[];
      /** Set for a magic number whose reply must be lost after the send was stored. */
      dropReply?: boolean;
      /** Set for a magic number whose reply is held back (HTTP: the chaos `slowReplyMs`). */
      slowReply?: boolean;
    }
  | {
      error: ErrorReply;
      /** Set for a magic number whose request is lost before anything is stored (adapters that can drop do). */
      dropReply?: boolean;
    };

/** A status.php lookup. `ids` and `phones` are in the same order; a missing phone matches any number. */
export interface StatusInput {
  account: Account;
  ids: string[];
  phones: string[];
  all: 0 | 1 | 2;
  /** Delete the found messages (error 5 when none is found). */
  del: boolean;
}

/** An incoming (MO) SMS: a subscriber's message to one of the account's numbers (get.php?get_answers=1). */
export interface IncomingMessage {
  /** Incoming id, global and monotonic. */
  id: number;
  accountId: number;
  login: string;
  /** The subscriber's number (digits). */
  phone: string;
  /** The account's number that received it (digits), or "". */
  to: string;
  text: string;
  /** ms */
  receivedAt: number;
}

/** A get.php?get_answers=1 query (spec §6.2). */
export interface AnswersInput {
  account: Account;
  /** At most this many. */
  cnt: number;
  /** Only the last `hour` hours. */
  hour?: number;
  /** Only ids above this one, oldest first. */
  afterId?: number;
  /** Only SMS to this number of the account. */
  toPhone?: string;
}

/** The core's events and their payloads. */
export interface CoreEvents {
  /** A message was stored. */
  message: Message;
  /** A message's status changed. */
  status: Message;
  /** An incoming SMS was stored. */
  incoming: IncomingMessage;
  /** A callback to an account's handler URL was attempted (src/callbacks). */
  callback: CallbackLogEntry;
}

/** The domain core every adapter calls (https://github.com/smsc-kz/smsc/blob/main/docs/architecture.md "Sandbox core contract"). */
export interface Core {
  authenticate(creds: Credentials): Account | ErrorReply;
  submit(input: SubmitInput): SubmitResult;
  price(input: SubmitInput): CostReply | ErrorReply;
  status(input: StatusInput): StatusRecord[] | ErrorReply;
  balance(account: Account): BalanceReply | ErrorReply;
  /** Messages of an account (or of all accounts), newest first. */
  messages(filter?: { accountId?: number; limit?: number }): Message[];
  /** Applies every status change that is due by the clock; reads call it, timers call it. */
  tick(): void;
  /** Stores an incoming SMS from a subscriber and emits "incoming". */
  receive(input: { account: Account; phone: string; to: string; text: string }): IncomingMessage;
  /** Incoming SMS of an account, oldest first (get.php?get_answers=1). */
  answers(input: AnswersInput): IncomingMessage[];
  /** Moves a message to a status now (no further changes) and emits "status"; undefined for an unknown row. */
  setOutcome(rowId: number, status: number, err: number): Message | undefined;
  /** Deletes every message and incoming SMS and restores the seed accounts' balances. */
  reset(): void;
  events: {
    on<K extends keyof CoreEvents>(event: K, fn: (payload: CoreEvents[K]) => void): () => void;
    /** Emits an event; for services around the core (callbacks). */
    emit<K extends keyof CoreEvents>(event: K, payload: CoreEvents[K]): void;
  };
  /** The error-9 limits and the per-IP block (spec §3.3); `enabled` can be switched at run time. */
  rateLimits: { enabled: boolean };
  /** Stops the status timers. */
  close(): void;
}
