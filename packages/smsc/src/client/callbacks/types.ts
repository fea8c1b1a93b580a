import type { Charset } from "../../protocol/index.js";
import type { CallbackHash } from "./callback-fields.js";

/** Fields every parsed callback has. */
interface CallbackBase {
  /** Every field as received (decoded text), the hash field included. */
  raw: Record<string, string>;
  /** The charset the values were decoded from (and are hashed in). */
  charset: Charset;
  /** The signature the callback carried, if any. */
  signature?: { algorithm: CallbackHash; value: string };
}

/** A delivery status change of a sent message (spec §6.14). */
export interface StatusCallback extends CallbackBase {
  kind: "status";
  /** The message id (the one send.php returned, or the client's own `id`). */
  id: string;
  phone: string;
  /** Status code (spec §4.2), e.g. 1 delivered, 20 impossible to deliver. */
  status: number;
  /** Delivery error code (spec §4.3); 0 when none. */
  err: number;
  /** Message type code, when sent. */
  type?: number;
  /** Undocumented `flag` field, when sent. */
  flag?: number;
  /** Time of the status change, Unix seconds. */
  ts?: number;
  /** Number of parts, when sent. */
  cnt?: number;
  /** Cost of the message, when sent. */
  cost?: number;
  sender?: string;
}

/** An incoming SMS to one of the account's numbers (spec §6.14). */
export interface IncomingCallback extends CallbackBase {
  kind: "incoming";
  id?: string;
  /** The sender of the incoming SMS. */
  phone: string;
  /** Its text. */
  mes: string;
  /** The number it was sent to. */
  to: string;
  /** When the subscriber sent it, Unix seconds. */
  sent?: number;
  /** When the service received it, Unix seconds. */
  ts?: number;
}

/** The result of a "confirm the number by a call" request (spec §6.13). */
export interface WaitCallCallback extends CallbackBase {
  kind: "waitcall";
  phone: string;
  ts?: number;
  waitcall: string;
}

/** Any callback the service sends. */
export type Callback = StatusCallback | IncomingCallback | WaitCallCallback;
