import type { SqliteDatabase } from "./sqlite.js";

/** A stored message template (templates.php). */
export interface StoredTemplate {
  id: number;
  accountId: number;
  name: string;
  msg: string;
  /** "" when not specified. */
  format: string;
  sender: string;
  /** fl[1]: used for the auto-signature. */
  autosign: boolean;
  createdAt: number;
}

/** The fields of a template that add and chg set. */
export type TemplateFields = Pick<StoredTemplate, "name" | "msg" | "format" | "sender" | "autosign">;

/** The templates' SQL. */
export interface TemplateQueries {
  /** An account's templates, oldest first. */
  list(accountId: number): StoredTemplate[];
  /** One of an account's templates. */
  get(accountId: number, id: number): StoredTemplate | undefined;
  /** Creates a template; undefined when the account already has one of that name. */
  add(accountId: number, t: TemplateFields, at: number): StoredTemplate | undefined;
  /** Changes a template; "missing" for an unknown id, "taken" when another template has the new name. */
  change(accountId: number, id: number, t: Partial<TemplateFields>): StoredTemplate | "missing" | "taken";
  /** Deletes a template; false for an unknown id. */
  remove(accountId: number, id: number): boolean;
}

interface Row {
  id: number;
  account_id: number;
  name: string;
  msg: string;
  format: string;
  sender: string;
  autosign: number;
  created_at: number;
}

const toTemplate = (r: Row): StoredTemplate => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  msg: r.msg,
  format: r.format,
  sender: r.sender,
  autosign: r.autosign === 1,
  createdAt: r.created_at,
});

/** Prepares the templates' statements. */
export function createTemplateQueries(db: SqliteDatabase): TemplateQueries {
  const q = {
    list: db.prepare("SELECT * FROM templates WHERE account_id = ? ORDER BY id"),
    get: db.prepare("SELECT * FROM templates WHERE account_id = ? AND id = ?"),
    byName: db.prepare("SELECT id FROM templates WHERE account_id = ? AND name = ?"),
    add: db.prepare(
      `INSERT INTO templates (account_id, name, msg, format, sender, autosign, created_at)
       VALUES (@accountId, @name, @msg, @format, @sender, @autosign, @at)
       ON CONFLICT (account_id, name) DO NOTHING RETURNING *`,
    ),
    change: db.prepare(
      `UPDATE templates SET name = @name, msg = @msg, format = @format, sender = @sender, autosign = @autosign
       WHERE account_id = @accountId AND id = @id`,
    ),
    remove: db.prepare("DELETE FROM templates WHERE account_id = ? AND id = ?"),
  };
  const get = (accountId: number, id: number) => {
    const r = q.get.get(accountId, id) as Row | undefined;
    return r ? toTemplate(r) : undefined;
  };
  return {
    list: (accountId) => (q.list.all(accountId) as Row[]).map(toTemplate),
    get,
    add(accountId, t, at) {
      const r = q.add.get({ accountId, ...t, autosign: t.autosign ? 1 : 0, at }) as Row | undefined;
      return r ? toTemplate(r) : undefined;
    },
    change(accountId, id, t) {
      const old = get(accountId, id);
      if (!old) return "missing";
      const next = { ...old, ...t };
      const other = q.byName.get(accountId, next.name) as { id: number } | undefined;
      if (other && other.id !== id) return "taken";
      // exactly the statement's parameters: node:sqlite (Node 24) refuses a named parameter it does not know
      const { name, msg, format, sender } = next;
      q.change.run({ name, msg, format, sender, autosign: next.autosign ? 1 : 0, accountId, id });
      return get(accountId, id)!;
    },
    remove: (accountId, id) => Number(q.remove.run(accountId, id).changes) > 0,
  };
}
