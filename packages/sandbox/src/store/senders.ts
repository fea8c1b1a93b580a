import type { SqliteDatabase } from "./sqlite.js";

/** A sender name of an account (senders.php), as stored; its state is derived when read (core/senders.ts). */
export interface SenderRecord {
  id: number;
  accountId: number;
  sender: string;
  /** A phone number: confirmed by a code instead of moderation. */
  digital: boolean;
  /** Comment and registration details by SDK name (protocol SENDER_FIELDS). */
  details: Record<string, string>;
  createdAt: number;
  /** Moderation approves it at this time; null: only a decision by hand does. */
  approveAt: number | null;
  /** 1 approved, 2 rejected: taken by hand or by a confirmed code. */
  decision: number | null;
  decidedAt: number | null;
  /** The last confirmation code sent, and when. */
  code: string | null;
  codeSentAt: number | null;
}

/** The sender names' storage (migration 0041). */
export interface SenderQueries {
  insert(
    r: Pick<SenderRecord, "accountId" | "sender" | "digital" | "details" | "createdAt" | "approveAt">,
  ): SenderRecord;
  /** A name of an account by id, or by its text. */
  find(accountId: number, by: { id: number } | { sender: string }): SenderRecord | undefined;
  /** A name of any account by id (the inspection API). */
  byId(id: number): SenderRecord | undefined;
  /** An account's names (every account's without one), by id. */
  list(accountId?: number): SenderRecord[];
  /** Replaces a name's text and details; a new text goes back to moderation (`approveAt`, no decision). */
  update(
    id: number,
    u: {
      sender: string;
      digital: boolean;
      details: Record<string, string>;
      approveAt: number | null;
      resetDecision: boolean;
    },
  ): void;
  decide(id: number, decision: number, at: number): void;
  setCode(id: number, code: string, at: number): void;
  remove(id: number): void;
}

interface Row {
  id: number;
  account_id: number;
  sender: string;
  digital: number;
  details: string;
  created_at: number;
  approve_at: number | null;
  decision: number | null;
  decided_at: number | null;
  code: string | null;
  code_sent_at: number | null;
}

const toRecord = (r: Row): SenderRecord => ({
  id: r.id,
  accountId: r.account_id,
  sender: r.sender,
  digital: r.digital === 1,
  details: JSON.parse(r.details) as Record<string, string>,
  createdAt: r.created_at,
  approveAt: r.approve_at,
  decision: r.decision,
  decidedAt: r.decided_at,
  code: r.code,
  codeSentAt: r.code_sent_at,
});

/** Prepares the sender-name statements on an open database. */
export function createSenderQueries(db: SqliteDatabase): SenderQueries {
  const q = {
    insert: db.prepare(
      `INSERT INTO senders (account_id, sender, digital, details, created_at, approve_at)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    ),
    byId: db.prepare("SELECT * FROM senders WHERE id = ?"),
    byAccountId: db.prepare("SELECT * FROM senders WHERE account_id = ? AND id = ?"),
    byName: db.prepare("SELECT * FROM senders WHERE account_id = ? AND sender = ?"),
    list: db.prepare("SELECT * FROM senders WHERE account_id = ? ORDER BY id"),
    listAll: db.prepare("SELECT * FROM senders ORDER BY id"),
    update: db.prepare(
      `UPDATE senders SET sender = ?, digital = ?, details = ?, approve_at = ?,
         decision = CASE WHEN ? THEN NULL ELSE decision END, decided_at = CASE WHEN ? THEN NULL ELSE decided_at END
       WHERE id = ?`,
    ),
    decide: db.prepare("UPDATE senders SET decision = ?, decided_at = ? WHERE id = ?"),
    setCode: db.prepare("UPDATE senders SET code = ?, code_sent_at = ? WHERE id = ?"),
    remove: db.prepare("DELETE FROM senders WHERE id = ?"),
  };
  const row = (r: unknown) => (r ? toRecord(r as Row) : undefined);
  return {
    insert: (r) =>
      toRecord(
        q.insert.get(
          r.accountId,
          r.sender,
          r.digital ? 1 : 0,
          JSON.stringify(r.details),
          r.createdAt,
          r.approveAt,
        ) as Row,
      ),
    find: (accountId, by) =>
      row("id" in by ? q.byAccountId.get(accountId, by.id) : q.byName.get(accountId, by.sender)),
    byId: (id) => row(q.byId.get(id)),
    list: (accountId) =>
      ((accountId === undefined ? q.listAll.all() : q.list.all(accountId)) as Row[]).map(toRecord),
    update(id, u) {
      const reset = u.resetDecision ? 1 : 0;
      q.update.run(u.sender, u.digital ? 1 : 0, JSON.stringify(u.details), u.approveAt, reset, reset, id);
    },
    decide(id, decision, at) {
      q.decide.run(decision, at, id);
    },
    setCode(id, code, at) {
      q.setCode.run(code, at, id);
    },
    remove(id) {
      q.remove.run(id);
    },
  };
}
