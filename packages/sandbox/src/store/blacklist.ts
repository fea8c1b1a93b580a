import type { SqliteDatabase } from "./sqlite.js";

/** One number on an account's black list (phones.php add_black). */
export interface BlacklistEntry {
  id: number;
  accountId: number;
  /** Digits. */
  phone: string;
  /** 0 all messages, 1 mass mailings, 2 single messages. */
  type: number;
  comment: string;
  createdAt: number;
}

/** The black lists' storage (migration 0040). */
export interface BlacklistQueries {
  /** Lists a number (a listed one gets the new type and comment); returns the entry. */
  upsert(accountId: number, phone: string, type: number, comment: string, at: number): BlacklistEntry;
  /** Takes numbers off an account's list; returns how many were on it. */
  remove(accountId: number, phones: string[]): number;
  /** Every entry of every account (the core keeps them in memory). */
  all(): BlacklistEntry[];
}

interface Row {
  id: number;
  account_id: number;
  phone: string;
  type: number;
  comment: string;
  created_at: number;
}

const toEntry = (r: Row): BlacklistEntry => ({
  id: r.id,
  accountId: r.account_id,
  phone: r.phone,
  type: r.type,
  comment: r.comment,
  createdAt: r.created_at,
});

/** Prepares the black-list statements on an open database. */
export function createBlacklistQueries(db: SqliteDatabase): BlacklistQueries {
  const q = {
    upsert: db.prepare(
      `INSERT INTO blacklist (account_id, phone, type, comment, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, phone) DO UPDATE SET type = excluded.type, comment = excluded.comment
       RETURNING *`,
    ),
    remove: db.prepare("DELETE FROM blacklist WHERE account_id = ? AND phone = ?"),
    all: db.prepare("SELECT * FROM blacklist ORDER BY id"),
  };
  return {
    upsert: (accountId, phone, type, comment, at) =>
      toEntry(q.upsert.get(accountId, phone, type, comment, at) as Row),
    remove: db.transaction((accountId: number, phones: string[]) =>
      phones.reduce((n, p) => n + q.remove.run(accountId, p).changes, 0),
    ),
    all: () => (q.all.all() as Row[]).map(toEntry),
  };
}
