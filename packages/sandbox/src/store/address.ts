import { parsePhone } from "smsc/protocol";

/** A recipient as the store keeps it: the digits of a phone number, or the text itself (e-mail, Telegram). */
export function normalisePhone(v: string): string {
  return parsePhone(v)?.digits ?? v.trim();
}
