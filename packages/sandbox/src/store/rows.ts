import { type MessageFormat, STATUS, toMessageId } from "smsc/protocol";
import type { Message, MessageState, Origin, StatusChange, StoredMessage } from "./records.js";
import type { SqliteStatement } from "./sqlite.js";

/** The sandbox's status delays: -1 → 0 `sentMs` after the delivery time, 0 → final `deliveredMs` later. */
export interface Delays {
  sentMs: number;
  deliveredMs: number;
}

/** The columns a message's state needs (MessageState): the few status.php reads without `all`. */
export const STATE_COLUMNS = `m.row_id, m.phone, m.final_status, m.final_err, m.fixed_status, m.fixed_err, m.fixed_at,
  m.trail, s.wire_id, s.format, s.created_at, s.send_at`;

/** The columns of a message joined with its send, as every message read selects them. */
export const MESSAGE_COLUMNS = `m.row_id, m.send_id, m.account_id, m.phone, coalesce(m.text, s.text) AS text, m.parts,
  m.cost_minor, m.final_status, m.final_err, m.fixed_status, m.fixed_err, m.fixed_at, m.trail, m.comment,
  s.wire_id, s.origin, s.sender, s.format, s.type, s.created_at, s.send_at`;

/**
 * The status of a message row in SQL at `now` (the outcome set from outside, else where the lifecycle has got to),
 * with its positional arguments.
 */
export function statusSql(now: number, d: Delays): { sql: string; args: number[] } {
  return {
    sql: `(CASE WHEN m.fixed_status IS NOT NULL THEN m.fixed_status WHEN ? < s.send_at + ? THEN -1
      WHEN ? < s.send_at + ? THEN 0 ELSE coalesce(m.final_status, 1) END)`,
    args: [now, d.sentMs, now, d.sentMs + d.deliveredMs],
  };
}

/** A row of STATE_COLUMNS. */
export type StateRow = Pick<
  MessageRow,
  | "row_id"
  | "phone"
  | "final_status"
  | "final_err"
  | "fixed_status"
  | "fixed_err"
  | "fixed_at"
  | "trail"
  | "wire_id"
  | "format"
  | "created_at"
  | "send_at"
>;

/** A message row joined with its send, as SQLite returns MESSAGE_COLUMNS. */
export interface MessageRow {
  row_id: number;
  send_id: number;
  account_id: number;
  phone: string;
  text: string;
  parts: number;
  cost_minor: number;
  final_status: number | null;
  final_err: number | null;
  fixed_status: number | null;
  fixed_err: number | null;
  fixed_at: number | null;
  trail: string | null;
  comment: string | null;
  wire_id: string;
  origin: string;
  sender: string;
  format: string;
  type: number;
  created_at: number;
  send_at: number;
}

/** Money is kept in minor units (hundredths) so sums never drift. */
export const toMinor = (n: number): number => Math.round(n * 100);
/** Minor units back to the account's currency. */
export const fromMinor = (n: number): number => n / 100;

/** A trail: every status change after creation, `status[:err]@ms` with ms after `createdAt`, `;`-separated. */
export function formatTrail(changes: StatusChange[], createdAt: number): string {
  return changes.map((c) => `${c.status}${c.err !== 0 ? `:${c.err}` : ""}@${c.at - createdAt}`).join(";");
}

function parseTrail(trail: string, createdAt: number): StatusChange[] {
  return trail.split(";").map((entry) => {
    const at = entry.indexOf("@");
    const colon = entry.indexOf(":");
    const end = colon >= 0 && colon < at ? colon : at;
    return {
      status: Number(entry.slice(0, end)),
      err: end === colon ? Number(entry.slice(colon + 1, at)) : 0,
      at: createdAt + Number(entry.slice(at + 1)),
    };
  });
}

/** When a row's lifecycle moves: -1 → 0 at `sentAt`, 0 → final at `doneAt` (ms). */
export function transitionTimes(
  r: Pick<MessageRow, "send_at">,
  d: Delays,
): { sentAt: number; doneAt: number } {
  const sentAt = r.send_at + d.sentMs;
  return { sentAt, doneAt: sentAt + d.deliveredMs };
}

/** A step of the lifecycle: -1 → 0 ("sent") or 0 → final ("done"). */
export type LifecycleStep = "sent" | "done";

/**
 * Where a row's status is at `now`: its timeline so far and, while it is on its way, when it moves next (a row whose
 * final status is 0 never arrives: it stops after -1 → 0). With
 * `upTo: "sent"` it stops after -1 → 0 even when both steps fall at the same moment (zero delays).
 */
export function stateAt(
  r: StateRow,
  now: number,
  d: Delays,
  upTo: LifecycleStep = "done",
): { timeline: StatusChange[]; nextAt: number | null } {
  const created: StatusChange = { status: STATUS.pending, err: 0, at: r.created_at };
  if (r.trail !== null && r.fixed_status !== null)
    return { timeline: [created, ...parseTrail(r.trail, r.created_at)], nextAt: null };
  const { sentAt, doneAt } = transitionTimes(r, d);
  const timeline = [created];
  if (now >= sentAt) timeline.push({ status: STATUS.sent, err: 0, at: sentAt });
  // a message that never arrives (final status 0) has no second step
  const stuck = r.final_status === STATUS.sent;
  const done = now >= doneAt && upTo === "done" && !stuck;
  if (done) timeline.push({ status: r.final_status ?? STATUS.delivered, err: r.final_err ?? 0, at: doneAt });
  return { timeline, nextAt: now < sentAt ? sentAt : done || stuck ? null : doneAt };
}

/** Maps a row of STATE_COLUMNS to the state its message is in at `now`. */
export function toState(r: StateRow, now: number, d: Delays): MessageState {
  const last = stateAt(r, now, d).timeline.at(-1)!;
  return {
    rowId: r.row_id,
    id: toMessageId(r.wire_id),
    phone: r.phone,
    format: r.format as MessageFormat,
    status: last.status,
    err: last.err,
    sendAt: r.send_at,
    statusAt: last.at,
  };
}

/** Maps a row to the Message it is at `now` (stopping after `upTo`, see stateAt). */
export function toMessage(r: MessageRow, now: number, d: Delays, upTo: LifecycleStep = "done"): Message {
  const { timeline, nextAt } = stateAt(r, now, d, upTo);
  const last = timeline.at(-1)!;
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
    status: last.status,
    err: last.err,
    createdAt: r.created_at,
    sendAt: r.send_at,
    statusAt: last.at,
    nextAt,
    comment: r.comment ?? "",
    timeline,
  };
}

/** Maps a row and its send's request parameters to a StoredMessage at `now`. */
export function toStoredMessage(
  r: MessageRow,
  params: Record<string, string>,
  now: number,
  d: Delays,
): StoredMessage {
  return { ...toMessage(r, now, d), params: { ...params } };
}

/** Selects sends' requests by id: `SELECT id, request FROM sends WHERE id IN (SELECT value FROM json_each(?))`. */
export const SEND_REQUESTS = "SELECT id, request FROM sends WHERE id IN (SELECT value FROM json_each(?))";

/**
 * The request parameters of the sends some rows belong to, each read and parsed once: a 10,000-recipient send's
 * request holds all its numbers, so reading it with every one of its rows would copy it 10,000 times.
 */
export function sendRequests(
  statement: SqliteStatement,
  rows: ReadonlyArray<{ send_id: number }>,
): Map<number, Record<string, string>> {
  const ids = [...new Set(rows.map((r) => r.send_id))];
  const out = new Map<number, Record<string, string>>();
  if (ids.length === 0) return out;
  for (const r of statement.all(JSON.stringify(ids)) as Array<{ id: number; request: string }>)
    out.set(r.id, JSON.parse(r.request) as Record<string, string>);
  return out;
}
