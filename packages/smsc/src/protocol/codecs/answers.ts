import type { ErrorReply, Fmt } from "../types.js";
import { type Cell, decodeRecords, encodeRecords, type RecordLayout, RecordReader } from "./records.js";

/**
 * One incoming SMS of get.php?get_answers=1 (spec §6.2; https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Inbox"). Every field is one that real
 * clients read from the service's replies.
 */
export interface IncomingSms {
  /** The incoming message's id, assigned by the service; `after_id` pages on it. */
  id: number;
  /** When the service received it, "DD.MM.YYYY hh:mm:ss" Moscow time. */
  received: string;
  /** The subscriber who sent it (digits). */
  phone: string;
  /** The account's number that received it (digits), "" when not known. */
  toPhone: string;
  /** When the subscriber sent it, "DD.MM.YYYY hh:mm:ss" Moscow time. */
  sent: string;
  /** The text. */
  message: string;
  /** Fields of the reply this version does not know, by wire name. */
  extra?: Record<string, unknown>;
}

/** The wire order of an incoming SMS: a real fmt=1 poller reads `id, received, phone, to_phone, sent, message`. */
export const ANSWER_KEYS = ["id", "received", "phone", "to_phone", "sent", "message"] as const;

const LAYOUT: RecordLayout = { keys: ANSWER_KEYS, item: "sms", free: "message" };

/** Writes incoming SMS in one of the four formats: one line (fmt 0/1), `<sms>` element or array item each. */
export function encodeAnswers(list: readonly IncomingSms[], fmt: Fmt): string {
  const rows = list.map((m): Cell[] => [
    ["id", m.id],
    ["received", m.received],
    ["phone", m.phone],
    ["to_phone", m.toPhone],
    ["sent", m.sent],
    ["message", m.message],
  ]);
  return encodeRecords(rows, fmt, LAYOUT);
}

/** Reads a get_answers reply into incoming SMS, or the error (error 3 when there are none, https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md). */
export function decodeAnswers(body: string, fmt: Fmt): IncomingSms[] | ErrorReply {
  const maps = decodeRecords(body, fmt, LAYOUT);
  if (!Array.isArray(maps)) return maps;
  return maps.map((m) => {
    const r = new RecordReader(m);
    const sms: IncomingSms = {
      id: r.num("id"),
      received: r.str("received"),
      phone: r.str("phone"),
      toPhone: r.str("to_phone"),
      sent: r.str("sent"),
      message: r.str("message"),
    };
    const extra = r.extra();
    return extra ? { ...sms, extra } : sms;
  });
}
