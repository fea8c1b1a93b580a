import type { CallbackLogEntry } from "./records.js";
import type { SqliteDatabase } from "./sqlite.js";

/** The callbacks' storage: handler URLs per account and the delivery log. */
export interface CallbackQueries {
  /** Sets (or with null removes) an account's handler URL. */
  setUrl(accountId: number, url: string | null): void;
  /** An account's handler URL. */
  url(accountId: number): string | undefined;
  /** Every account's handler URL. */
  urls(): Array<{ accountId: number; url: string }>;
  /** Appends one attempt to the log. */
  log(entry: Omit<CallbackLogEntry, "id" | "login">): CallbackLogEntry;
  /** Log entries newest first, optionally of one account. */
  list(filter?: { accountId?: number; limit?: number }): CallbackLogEntry[];
}

interface LogRow {
  id: number;
  account_id: number;
  login: string;
  event: "status" | "incoming" | "waitcall";
  ref: string;
  url: string;
  attempt: number;
  http_status: number | null;
  error: string | null;
  ok: number;
  final: number;
  at: number;
}

function toEntry(r: LogRow): CallbackLogEntry {
  return {
    id: r.id,
    accountId: r.account_id,
    login: r.login,
    event: r.event,
    ref: r.ref,
    url: r.url,
    attempt: r.attempt,
    ...(r.http_status !== null ? { httpStatus: r.http_status } : {}),
    ...(r.error !== null ? { error: r.error } : {}),
    ok: r.ok === 1,
    final: r.final === 1,
    at: r.at,
  };
}

/** The callback log keeps this many newest attempts; older rows are dropped as new ones arrive. */
export const CALLBACK_LOG_LIMIT = 10_000;

/** Prepares the callback statements on an open database (migration 0003). */
export function createCallbackQueries(db: SqliteDatabase): CallbackQueries {
  const q = {
    upsert: db.prepare(
      "INSERT INTO callback_urls (account_id, url) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET url = excluded.url",
    ),
    remove: db.prepare("DELETE FROM callback_urls WHERE account_id = ?"),
    url: db.prepare("SELECT url FROM callback_urls WHERE account_id = ?"),
    urls: db.prepare("SELECT account_id AS accountId, url FROM callback_urls ORDER BY account_id"),
    insert: db.prepare(
      `INSERT INTO callback_log (account_id, event, ref, url, attempt, http_status, error, ok, final, at)
       VALUES (@accountId, @event, @ref, @url, @attempt, @httpStatus, @error, @ok, @final, @at) RETURNING id`,
    ),
    byId: db.prepare(
      "SELECT l.*, a.login FROM callback_log l JOIN accounts a ON a.id = l.account_id WHERE l.id = ?",
    ),
    all: db.prepare(
      "SELECT l.*, a.login FROM callback_log l JOIN accounts a ON a.id = l.account_id ORDER BY l.id DESC LIMIT ?",
    ),
    trim: db.prepare("DELETE FROM callback_log WHERE id <= ?"),
    byAccount: db.prepare(
      `SELECT l.*, a.login FROM callback_log l JOIN accounts a ON a.id = l.account_id
       WHERE l.account_id = ? ORDER BY l.id DESC LIMIT ?`,
    ),
  };
  return {
    setUrl(accountId, url) {
      if (url === null) q.remove.run(accountId);
      else q.upsert.run(accountId, url);
    },
    url: (accountId) => (q.url.get(accountId) as { url: string } | undefined)?.url,
    urls: () => q.urls.all() as Array<{ accountId: number; url: string }>,
    log(e) {
      const { id } = q.insert.get({
        ...e,
        httpStatus: e.httpStatus ?? null,
        error: e.error ?? null,
        ok: e.ok ? 1 : 0,
        final: e.final ? 1 : 0,
      }) as { id: number };
      // ids are dense (AUTOINCREMENT, no other deletes), so the cut-off is a subtraction
      if (id % 100 === 0 && id > CALLBACK_LOG_LIMIT) q.trim.run(id - CALLBACK_LOG_LIMIT);
      return toEntry(q.byId.get(id) as LogRow);
    },
    list(filter = {}) {
      const limit = filter.limit ?? 100;
      const rows =
        filter.accountId === undefined ? q.all.all(limit) : q.byAccount.all(filter.accountId, limit);
      return (rows as LogRow[]).map(toEntry);
    },
  };
}
