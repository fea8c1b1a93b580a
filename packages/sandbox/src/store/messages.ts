import { STATUS } from "smsc/protocol";
import type { HeldRow, RecentSend, RecentSends } from "./recent-sends.js";
import type { Message, MessageState, StoredMessage } from "./records.js";
import {
  type Delays,
  formatTrail,
  type LifecycleStep,
  MESSAGE_COLUMNS,
  type MessageRow,
  SEND_REQUESTS,
  STATE_COLUMNS,
  type StateRow,
  sendRequests,
  stateAt,
  toMessage,
  toState,
  toStoredMessage,
  transitionTimes,
} from "./rows.js";
import type { SqliteDatabase } from "./sqlite.js";

/** Reads of stored messages, their lifecycle and the few writes a message gets after its send. */
export interface MessageQueries {
  /** The latest message of an account with this wire id (and phone, when given). */
  find(accountId: number, wireId: string, phone?: string): Message | undefined;
  /** The same message's state only: a lighter read, for status.php without `all`. */
  findState(accountId: number, wireId: string, phone?: string): MessageState | undefined;
  /** Marks messages deleted; they are no longer found, and their lifecycle reports nothing more. */
  delete(rowIds: number[], at: number): void;
  /** Sends whose lifecycle still moves after `after` (ms): their delivery time and rows. */
  inFlight(after: number): SendRows[];
  /** A send's recipients (not deleted, no outcome set) as they are right after one step of their lifecycle. */
  rowsAfter(rows: SendRows, step: LifecycleStep): Message[];
  /** Sets a message's status now, for good (its history so far is kept); undefined for an unknown or deleted row. */
  setOutcome(rowId: number, status: number, err: number): Message | undefined;
  /** Messages newest first, with their send's request. */
  list(filter?: { accountId?: number; limit?: number }): StoredMessage[];
}

/** A message's own state columns (STATE_COLUMNS without the send's). */
const RECENT_COLUMNS = "row_id, phone, final_status, final_err, fixed_status, fixed_err, fixed_at, trail";

type RecentRow = Omit<StateRow, "wire_id" | "format" | "created_at" | "send_at">;

/** A remembered send's message as the join would have read it. */
const withSend = (m: RecentRow, s: RecentSend): StateRow => ({
  row_id: m.row_id,
  phone: m.phone,
  final_status: m.final_status,
  final_err: m.final_err,
  fixed_status: m.fixed_status,
  fixed_err: m.fixed_err,
  fixed_at: m.fixed_at,
  trail: m.trail,
  wire_id: s.wireId,
  format: s.format,
  created_at: s.createdAt,
  send_at: s.sendAt,
});

/** A recipient held in memory as the join would have read its row (what send-writer.ts inserts). */
const heldRow = ({ rowId, recipient: r }: HeldRow, s: RecentSend): StateRow => ({
  row_id: rowId,
  phone: r.phone,
  final_status: r.finalStatus ?? null,
  final_err: r.finalErr || null,
  fixed_status: null,
  fixed_err: null,
  fixed_at: null,
  trail: null,
  wire_id: s.wireId,
  format: s.format,
  created_at: s.createdAt,
  send_at: s.sendAt,
});

/** A send's delivery time and the range of its recipients' rows. */
export interface SendRows {
  sendAt: number;
  firstRow: number;
  count: number;
}

/** The rows of a send, joined with it. */
const SEND_ROWS =
  "sends s CROSS JOIN messages m ON m.row_id BETWEEN s.first_row AND s.first_row + s.rows - 1";

/** Prepares the message statements; messages are read as they are at `clock()` under `delays`. */
export function createMessageQueries(
  db: SqliteDatabase,
  clock: () => number,
  delays: Delays,
  recent?: RecentSends,
): MessageQueries {
  const q = {
    // a remembered send's message: one row by phone (messages_phone) or the last live one of its rows
    recentWithPhone: db.prepare(
      `SELECT ${RECENT_COLUMNS} FROM messages
       WHERE phone = ? AND row_id BETWEEN ? AND ? AND deleted_at IS NULL ORDER BY row_id DESC LIMIT 1`,
    ),
    recentAnyPhone: db.prepare(
      `SELECT ${RECENT_COLUMNS} FROM messages
       WHERE row_id BETWEEN ? AND ? AND deleted_at IS NULL ORDER BY row_id DESC LIMIT 1`,
    ),
    findWithPhone: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM ${SEND_ROWS}
       WHERE s.account_id = ? AND s.wire_id = ? AND m.phone = ? AND m.deleted_at IS NULL
       ORDER BY m.row_id DESC LIMIT 1`,
    ),
    findAnyPhone: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM ${SEND_ROWS}
       WHERE s.account_id = ? AND s.wire_id = ? AND m.deleted_at IS NULL
       ORDER BY m.row_id DESC LIMIT 1`,
    ),
    // a later send has later rows, so ordering by send first walks sends_wire backwards and needs no sort
    stateWithPhone: db.prepare(
      `SELECT ${STATE_COLUMNS} FROM ${SEND_ROWS}
       WHERE s.account_id = ? AND s.wire_id = ? AND m.phone = ? AND m.deleted_at IS NULL
       ORDER BY s.id DESC, m.row_id DESC LIMIT 1`,
    ),
    stateAnyPhone: db.prepare(
      `SELECT ${STATE_COLUMNS} FROM ${SEND_ROWS}
       WHERE s.account_id = ? AND s.wire_id = ? AND m.deleted_at IS NULL
       ORDER BY m.row_id DESC LIMIT 1`,
    ),
    del: db.prepare("UPDATE messages SET deleted_at = ? WHERE row_id = ? AND deleted_at IS NULL"),
    inFlight: db.prepare(
      "SELECT send_at AS sendAt, first_row AS firstRow, rows AS count FROM sends WHERE send_at > ? ORDER BY send_at",
    ),
    rows: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN sends s ON s.id = m.send_id
       WHERE m.row_id BETWEEN ? AND ? AND m.deleted_at IS NULL AND m.fixed_status IS NULL ORDER BY m.row_id`,
    ),
    setOutcome: db.prepare(
      "UPDATE messages SET fixed_status = ?, fixed_err = ?, fixed_at = ?, trail = ? WHERE row_id = ?",
    ),
    one: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN sends s ON s.id = m.send_id
       WHERE m.row_id = ? AND m.deleted_at IS NULL`,
    ),
    listAll: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN sends s ON s.id = m.send_id
       WHERE m.deleted_at IS NULL ORDER BY m.row_id DESC LIMIT ?`,
    ),
    requests: db.prepare(SEND_REQUESTS),
    listByAccount: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN sends s ON s.id = m.send_id
       WHERE m.deleted_at IS NULL AND m.account_id = ? ORDER BY m.row_id DESC LIMIT ?`,
    ),
  };
  const message = (row: unknown) => (row ? toMessage(row as MessageRow, clock(), delays) : undefined);
  const remove = db.transaction((rowIds: number[], at: number) => {
    for (const id of rowIds) q.del.run(at, id);
  });

  return {
    find: (accountId, wireId, phone) =>
      message(
        phone === undefined
          ? q.findAnyPhone.get(accountId, wireId)
          : q.findWithPhone.get(accountId, wireId, phone),
      ),
    findState(accountId, wireId, phone) {
      const sent = recent?.get(accountId, wireId);
      if (sent) {
        const held = recent!.row(accountId, wireId, phone);
        if (held) return toState(heldRow(held, sent), clock(), delays);
        const last = sent.firstRow + sent.rows - 1;
        const m = (
          phone === undefined
            ? q.recentAnyPhone.get(sent.firstRow, last)
            : q.recentWithPhone.get(phone, sent.firstRow, last)
        ) as RecentRow | undefined;
        if (m) return toState(withSend(m, sent), clock(), delays);
      }
      const row =
        phone === undefined
          ? q.stateAnyPhone.get(accountId, wireId)
          : q.stateWithPhone.get(accountId, wireId, phone);
      return row ? toState(row as StateRow, clock(), delays) : undefined;
    },
    delete: (rowIds, at) => remove(rowIds, at),
    inFlight: (after) => q.inFlight.all(after - delays.sentMs - delays.deliveredMs) as SendRows[],
    rowsAfter(r, step) {
      const { sentAt, doneAt } = transitionTimes({ send_at: r.sendAt }, delays);
      const at = step === "sent" ? sentAt : doneAt;
      const rows = q.rows.all(r.firstRow, r.firstRow + r.count - 1) as MessageRow[];
      // a message that never arrives (final status 0) makes no "done" step, so no status event or callback
      return rows
        .filter((row) => step === "sent" || row.final_status !== STATUS.sent)
        .map((row) => toMessage(row, at, delays, step));
    },
    setOutcome(rowId, status, err) {
      const row = q.one.get(rowId) as MessageRow | undefined;
      if (!row) return undefined;
      const at = clock();
      const { timeline } = stateAt(row, at, delays);
      q.setOutcome.run(
        status,
        err,
        at,
        formatTrail([...timeline.slice(1), { status, err, at }], row.created_at),
        rowId,
      );
      return message(q.one.get(rowId));
    },
    list(filter = {}) {
      const limit = filter.limit ?? 100;
      const rows =
        filter.accountId === undefined ? q.listAll.all(limit) : q.listByAccount.all(filter.accountId, limit);
      const now = clock();
      const requests = sendRequests(q.requests, rows as MessageRow[]);
      return (rows as MessageRow[]).map((r) =>
        toStoredMessage(r, requests.get(r.send_id) ?? {}, now, delays),
      );
    },
  };
}
