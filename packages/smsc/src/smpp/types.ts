import type { Alphabet, ConcatMode, HlrFields, StatusCode } from "../protocol/index.js";
import type { SmppMessage, SmppReceipt } from "./inbound.js";

/** What submit() sends. */
export interface SmppSubmit {
  /** Recipient number, international, "+" optional. */
  to: string;
  text: string;
  /** Sender name or number; "" lets the service use the account's default. @default "" */
  from?: string;
  /** @default the client's `registeredDelivery` */
  registeredDelivery?: boolean;
  /** @default the client's `concat` */
  concat?: ConcatMode;
  /** @default GSM-7 when the text allows it, else UCS-2 */
  alphabet?: Alphabet;
  /** Flash SMS (message class 0). @default false */
  flash?: boolean;
  /** Minutes the message may wait for delivery (validity_period, relative). */
  validityMinutes?: number;
  /** Deliver at this time (schedule_delivery_time). */
  at?: Date;
}

/** What the server answered to a submit. */
export interface SmppSubmitResult {
  /** The message id: the last part's, which is the id its receipt carries. */
  messageId: string;
  /** The id of each part, in order (the service gives every part of a long message the same id). */
  partIds: string[];
  parts: number;
}

/** The answer to query_sm. */
export interface SmppQueryResult {
  messageId: string;
  /** message_state, 1–8. */
  messageState: number;
  /** The service status code it stands for. */
  status?: StatusCode;
  finalDate?: Date;
  errorCode: number;
}

/** The result of hlr(): the HLR record of the receipt, with its status. */
export interface SmppHlrResult extends HlrFields {
  messageId: string;
  stat: string;
  status?: StatusCode;
  err: number;
  receipt: SmppReceipt;
}

/** Events of SmppClient. */
export interface SmppClientEvents {
  /** A delivery receipt arrived (it has been acknowledged). */
  receipt: [SmppReceipt];
  /** A mobile-originated message arrived (it has been acknowledged). */
  message: [SmppMessage];
  /** The session is bound (again, after a reconnect). */
  bound: [];
  /** The connection dropped; the client reconnects unless `reconnect` is false. */
  disconnect: [Error];
  /** close() finished, or the client gave up (a refused bind during reconnect). */
  close: [];
}
