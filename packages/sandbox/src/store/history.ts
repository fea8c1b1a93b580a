import type { Message } from "./records.js";
import { type Delays, MESSAGE_COLUMNS, type MessageRow, toMessage } from "./rows.js";
import type { SqliteDatabase } from "./sqlite.js";

/** Which sent messages a history page selects (get.php?get_messages=1). */
export interface HistoryFilter {
  accountId: number;
  /** Sent at or after this time (ms). */
  from: number;
  /** Sent before this time (ms). */
  to: number;
  /** Only these recipients (digits, or addresses); all when undefined. */
  recipients?: readonly string[];
  /** E-mail messages only (format=8), or every other kind. */
  mail: boolean;
  /** Only messages whose row id (`int_id`) is below this one: the page before it. */
  before?: number;
  limit: number;
}

/** What an account sent and spent over a period (get.php?get_stat=1). */
export interface SendTotals {
  /** SMS parts (units) sent. */
  parts: number;
  /** Money spent, in minor units. */
  costMinor: number;
}

/** The history and statistics queries: reads of the sends/messages tables only. */
export interface HistoryQueries {
  /** Messages newest first (by row id, so `before` pages backwards without gaps or repeats); deleted ones excluded. */
  page(f: HistoryFilter): Message[];
  /** Parts and money of the messages accepted in [from, to) ms, deleted ones included (they were paid for). */
  totals(accountId: number, from: number, to: number): SendTotals;
}

/** Prepares the history statements; messages are read as they are at `clock()` under `delays`. */
export function createHistoryQueries(
  db: SqliteDatabase,
  clock: () => number,
  delays: Delays,
): HistoryQueries {
  const page = db.prepare(
    `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN sends s ON s.id = m.send_id
     WHERE m.account_id = ? AND m.deleted_at IS NULL AND m.row_id < ?
       AND s.send_at >= ? AND s.send_at < ?
       AND (? IS NULL OR m.phone IN (SELECT value FROM json_each(?)))
       AND (s.format = 'mail') = ?
     ORDER BY m.row_id DESC LIMIT ?`,
  );
  const totals = db.prepare(
    `SELECT coalesce(sum(m.parts), 0) AS parts, coalesce(sum(m.cost_minor), 0) AS costMinor
     FROM messages m JOIN sends s ON s.id = m.send_id
     WHERE m.account_id = ? AND s.created_at >= ? AND s.created_at < ?`,
  );
  return {
    page(f) {
      const list = f.recipients === undefined ? null : JSON.stringify(f.recipients);
      const rows = page.all(
        f.accountId,
        f.before ?? Number.MAX_SAFE_INTEGER,
        f.from,
        f.to,
        list,
        list,
        f.mail ? 1 : 0,
        f.limit,
      ) as MessageRow[];
      const now = clock();
      return rows.map((r) => toMessage(r, now, delays));
    },
    totals: (accountId, from, to) => totals.get(accountId, from, to) as SendTotals,
  };
}
