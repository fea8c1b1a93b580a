import type { MessageFormat } from "smsc/protocol";
import { toMessageId } from "smsc/protocol";
import type { Message, Origin, StatusChange, StoredMessage } from "./records.js";

/** The columns of a message joined with its send, as every message read selects them. */
export const MESSAGE_COLUMNS = `m.row_id, m.send_id, m.account_id, m.phone, coalesce(m.text, s.text) AS text, m.parts,
  m.cost_minor, m.status, m.err, m.created_at, m.status_at, m.next_at, m.trail, m.comment,
  s.wire_id, s.origin, s.sender, s.format, s.type, s.send_at`;

/** A message row joined with its send, as SQLite returns MESSAGE_COLUMNS. */
export interface MessageRow {
  row_id: number;
  send_id: number;
  account_id: number;
  phone: string;
  text: string;
  parts: number;
  cost_minor: number;
  status: number;
  err: number;
  created_at: number;
  status_at: number;
  next_at: number | null;
  trail: string | null;
  comment: string | null;
  wire_id: string;
  origin: string;
  sender: string;
  format: string;
  type: number;
  send_at: number;
}

/** Money is kept in minor units (hundredths) so sums never drift. */
export const toMinor = (n: number): number => Math.round(n * 100);
/** Minor units back to the account's currency. */
export const fromMinor = (n: number): number => n / 100;

/** The start of a trail entry, `status[:err]@`; the ms after the message's creation follow (written in SQL). */
export function trailPrefix(status: number, err: number): string {
  return `${status}${err !== 0 ? `:${err}` : ""}@`;
}

/** The timeline of a message: -1 at its creation, then every change its trail records. */
export function timeline(trail: string | null, createdAt: number): StatusChange[] {
  const list: StatusChange[] = [{ status: -1, err: 0, at: createdAt }];
  if (trail === null || trail === "") return list;
  for (const entry of trail.split(";")) {
    const at = entry.indexOf("@");
    const colon = entry.indexOf(":");
    const end = colon >= 0 && colon < at ? colon : at;
    list.push({
      status: Number(entry.slice(0, end)),
      err: end === colon ? Number(entry.slice(colon + 1, at)) : 0,
      at: createdAt + Number(entry.slice(at + 1)),
    });
  }
  return list;
}

/** Maps a row to a Message. */
export function toMessage(r: MessageRow): Message {
  return {
    rowId: r.row_id,
    id: toMessageId(r.wire_id),
    sendId: r.send_id,
    accountId: r.account_id,
    origin: r.origin as Origin,
    phone: r.phone,
    text: r.text,
    sender: r.sender,
    format: r.format as MessageFormat,
    type: r.type,
    parts: r.parts,
    cost: fromMinor(r.cost_minor),
    status: r.status,
    err: r.err,
    createdAt: r.created_at,
    sendAt: r.send_at,
    statusAt: r.status_at,
    nextAt: r.next_at,
    comment: r.comment ?? "",
    timeline: timeline(r.trail, r.created_at),
  };
}

/** Maps a row selected with its send's request (`request` column) to a StoredMessage. */
export function toStoredMessage(r: MessageRow & { request: string }): StoredMessage {
  return { ...toMessage(r), params: JSON.parse(r.request) as Record<string, string> };
}
