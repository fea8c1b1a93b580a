import type { MessageId } from "smsc/protocol";

/** A wire id as replies print it: canonical decimal numbers as numbers (JSON `"id":63`), anything else as text. */
export function toMessageId(s: string): MessageId {
  return /^[1-9]\d{0,14}$/.test(s) ? Number(s) : s;
}
