import { fromMinor, toMinor } from "./rows.js";
import type { SqliteDatabase } from "./sqlite.js";

/** An invoice an account issued to one of its sub-clients (documents.php); its act shares its number. */
export interface InvoiceRecord {
  id: number;
  accountId: number;
  /** Its number among the issuer's invoices, from 1. */
  num: number;
  /** The sub-client's account. */
  userId: number;
  sum: number;
  service: string;
  createdAt: number;
}

/** The invoices' storage (migration 0042). */
export interface InvoiceQueries {
  /** Issues an invoice with the issuer's next number. */
  insert(r: Omit<InvoiceRecord, "id" | "num">): InvoiceRecord;
  /** An invoice of the issuer, by id or by number. */
  find(accountId: number, by: { id: number } | { num: number }): InvoiceRecord | undefined;
}

interface Row {
  id: number;
  account_id: number;
  num: number;
  user_id: number;
  sum_minor: number;
  service: string;
  created_at: number;
}

const toRecord = (r: Row): InvoiceRecord => ({
  id: r.id,
  accountId: r.account_id,
  num: r.num,
  userId: r.user_id,
  sum: fromMinor(r.sum_minor),
  service: r.service,
  createdAt: r.created_at,
});

/** Prepares the invoice statements on an open database. */
export function createInvoiceQueries(db: SqliteDatabase): InvoiceQueries {
  const q = {
    insert: db.prepare(
      `INSERT INTO invoices (account_id, num, user_id, sum_minor, service, created_at)
       VALUES (@accountId, (SELECT coalesce(max(num), 0) + 1 FROM invoices WHERE account_id = @accountId),
               @userId, @sum, @service, @createdAt) RETURNING *`,
    ),
    byId: db.prepare("SELECT * FROM invoices WHERE account_id = ? AND id = ?"),
    byNum: db.prepare("SELECT * FROM invoices WHERE account_id = ? AND num = ?"),
  };
  return {
    insert: (r) =>
      toRecord(
        q.insert.get({
          accountId: r.accountId,
          userId: r.userId,
          sum: toMinor(r.sum),
          service: r.service,
          createdAt: r.createdAt,
        }) as Row,
      ),
    find(accountId, by) {
      const r = ("id" in by ? q.byId.get(accountId, by.id) : q.byNum.get(accountId, by.num)) as
        | Row
        | undefined;
      return r ? toRecord(r) : undefined;
    },
  };
}
