/**
 * The records the store keeps: accounts, messages and incoming SMS. The core works with them; defining them here
 * keeps the store free of imports from the core.
 */
import type { MessageFormat, MessageId } from "smsc/protocol";

/** Which adapter a request came through. */
export type Origin = "http" | "smtp" | "smpp" | "rest" | "soap" | "oms";

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
  /** The main account of a sub-client (users.php); absent for a main account. */
  parentId?: number;
  /** A sub-client's `type` (0…4; 2, 3 and 4 spend the main account's balance). @default 0 */
  type?: number;
  /** Test mode (`fl2[27]`): sends are virtual and cost nothing. */
  testMode?: boolean;
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

/** One status a message went through. */
export interface StatusChange {
  status: number;
  err: number;
  /** ms */
  at: number;
}

/** Where a stored message is: what status.php tells without `all` (and the SMPP query_sm). */
export interface MessageState {
  /** Internal row id, unique per recipient. */
  rowId: number;
  /** The id the client sees: its own `id` when it gave one, otherwise the server id. */
  id: MessageId;
  /** Digits only ("77011234567"), or the address for e-mail / Telegram. */
  phone: string;
  format: MessageFormat;
  status: number;
  err: number;
  /** When the message leaves (ms): the send's time or the requested delivery time. */
  sendAt: number;
  /** Time of the last status change (ms). */
  statusAt: number;
}

/** One stored message: one recipient of one send. */
export interface Message extends MessageState {
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
  /** Every status the message went through, oldest first (the first is -1 at `createdAt`). */
  timeline: StatusChange[];
}

/** A stored message with its send's request: the wire parameters without credentials. */
export interface StoredMessage extends Message {
  params: Record<string, string>;
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

/** One delivery attempt of a callback to an account's handler URL, as logged. */
export interface CallbackLogEntry {
  /** Log row id, monotonic. */
  id: number;
  accountId: number;
  login: string;
  /** What was reported. */
  event: "status" | "incoming" | "waitcall";
  /** The message id (status) or incoming SMS id. */
  ref: string;
  /** The handler URL with its secret replaced by `***`. */
  url: string;
  /** 1 for the first try. */
  attempt: number;
  /** The handler's HTTP status, when it answered. */
  httpStatus?: number;
  /** Why the attempt failed (network error, timeout, non-2xx). */
  error?: string;
  /** Whether the handler answered 2xx. */
  ok: boolean;
  /** Whether no further attempt will be made (success, or the last attempt). */
  final: boolean;
  /** ms, on the sandbox clock. */
  at: number;
}
