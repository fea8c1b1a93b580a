import type { SqliteDatabase } from "./sqlite.js";

/** A stored request to confirm a number by a call (wait_call.php). Times in ms. */
export interface WaitCallRow {
  id: number;
  accountId: number;
  login: string;
  /** The subscriber's number (digits). */
  phone: string;
  /** The number the subscriber was told to dial (digits). */
  number: string;
  createdAt: number;
  expiresAt: number;
  /** Calls that came while it was valid. */
  calls: number;
  /** The last of them. */
  calledAt?: number;
}

/** Which requests a listing returns, newest first. */
export interface WaitCallFilter {
  accountId?: number;
  phone?: string;
  limit: number;
}

/** The wait-call requests' storage (migration 0020). */
export interface WaitCallQueries {
  /** Stores a new request. */
  create(r: Omit<WaitCallRow, "id" | "login" | "calls" | "calledAt">): WaitCallRow;
  /** The newest request of an account for a number. */
  latest(accountId: number, phone: string): WaitCallRow | undefined;
  /** Moves a request's expiry. */
  extend(id: number, expiresAt: number): WaitCallRow;
  /** Every request for a number (of any account), newest first. */
  forPhone(phone: string): WaitCallRow[];
  /** Counts a call to a request. */
  called(id: number, at: number): WaitCallRow;
  list(filter: WaitCallFilter): WaitCallRow[];
  /** The highest id handed out so far (0 when none): where the pool's rotation continues after a restart. */
  lastId(): number;
  /** Deletes every request. */
  reset(): void;
}

interface Row {
  id: number;
  account_id: number;
  login: string;
  phone: string;
  number: string;
  created_at: number;
  expires_at: number;
  calls: number;
  called_at: number | null;
}

const toRecord = (r: Row): WaitCallRow => ({
  id: r.id,
  accountId: r.account_id,
  login: r.login,
  phone: r.phone,
  number: r.number,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  calls: r.calls,
  ...(r.called_at !== null ? { calledAt: r.called_at } : {}),
});

const SELECT = "SELECT w.*, a.login FROM wait_calls w JOIN accounts a ON a.id = w.account_id";

/** Prepares the wait-call statements on an open database. */
export function createWaitCallQueries(db: SqliteDatabase): WaitCallQueries {
  const q = {
    insert: db.prepare(
      "INSERT INTO wait_calls (account_id, phone, number, created_at, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
    ),
    byId: db.prepare(`${SELECT} WHERE w.id = ?`),
    latest: db.prepare(`${SELECT} WHERE w.account_id = ? AND w.phone = ? ORDER BY w.id DESC LIMIT 1`),
    extend: db.prepare("UPDATE wait_calls SET expires_at = ? WHERE id = ?"),
    forPhone: db.prepare(`${SELECT} WHERE w.phone = ? ORDER BY w.id DESC LIMIT 100`),
    called: db.prepare("UPDATE wait_calls SET calls = calls + 1, called_at = ? WHERE id = ?"),
    all: db.prepare(`${SELECT} ORDER BY w.id DESC LIMIT ?`),
    byAccount: db.prepare(`${SELECT} WHERE w.account_id = ? ORDER BY w.id DESC LIMIT ?`),
    byPhone: db.prepare(`${SELECT} WHERE w.phone = ? ORDER BY w.id DESC LIMIT ?`),
    byBoth: db.prepare(`${SELECT} WHERE w.account_id = ? AND w.phone = ? ORDER BY w.id DESC LIMIT ?`),
    lastId: db.prepare("SELECT coalesce(max(id), 0) AS id FROM wait_calls"),
    reset: db.prepare("DELETE FROM wait_calls"),
  };
  const one = (id: number) => toRecord(q.byId.get(id) as Row);
  return {
    create(r) {
      const { id } = q.insert.get(r.accountId, r.phone, r.number, r.createdAt, r.expiresAt) as { id: number };
      return one(id);
    },
    latest(accountId, phone) {
      const r = q.latest.get(accountId, phone) as Row | undefined;
      return r ? toRecord(r) : undefined;
    },
    extend(id, expiresAt) {
      q.extend.run(expiresAt, id);
      return one(id);
    },
    forPhone: (phone) => (q.forPhone.all(phone) as Row[]).map(toRecord),
    called(id, at) {
      q.called.run(at, id);
      return one(id);
    },
    list(f) {
      const rows =
        f.accountId !== undefined && f.phone !== undefined
          ? q.byBoth.all(f.accountId, f.phone, f.limit)
          : f.accountId !== undefined
            ? q.byAccount.all(f.accountId, f.limit)
            : f.phone !== undefined
              ? q.byPhone.all(f.phone, f.limit)
              : q.all.all(f.limit);
      return (rows as Row[]).map(toRecord);
    },
    lastId: () => (q.lastId.get() as { id: number }).id,
    reset: () => void q.reset.run(),
  };
}
