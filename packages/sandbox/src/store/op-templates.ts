import type { SqliteDatabase } from "./sqlite.js";

/** An operator template of an account (op_templates.php). */
export interface OpTemplateRecord {
  id: number;
  accountId: number;
  sender: string;
  message: string;
  /** The operator flags set, by SDK name (protocol OP_TEMPLATE_OPERATORS). */
  operators: string[];
  createdAt: number;
}

/** The operator templates' storage (migration 0042). */
export interface OpTemplateQueries {
  insert(r: Omit<OpTemplateRecord, "id">): number;
  list(accountId: number): OpTemplateRecord[];
}

interface Row {
  id: number;
  account_id: number;
  sender: string;
  message: string;
  operators: string;
  created_at: number;
}

/** Prepares the operator-template statements on an open database. */
export function createOpTemplateQueries(db: SqliteDatabase): OpTemplateQueries {
  const q = {
    insert: db.prepare(
      "INSERT INTO op_templates (account_id, sender, message, operators, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
    ),
    list: db.prepare("SELECT * FROM op_templates WHERE account_id = ? ORDER BY id"),
  };
  return {
    insert: (r) =>
      (
        q.insert.get(r.accountId, r.sender, r.message, JSON.stringify(r.operators), r.createdAt) as {
          id: number;
        }
      ).id,
    list: (accountId) =>
      (q.list.all(accountId) as Row[]).map((r) => ({
        id: r.id,
        accountId: r.account_id,
        sender: r.sender,
        message: r.message,
        operators: JSON.parse(r.operators) as string[],
        createdAt: r.created_at,
      })),
  };
}
