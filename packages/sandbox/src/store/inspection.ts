import type { IncomingMessage, Message } from "../core/types.js";
import type { SqliteDatabase, SqliteStatement } from "./sqlite.js";
import { type MessageRow, toMessage } from "./store.js";

/** Which messages an inspection query selects; every field narrows the selection (AND). */
export interface MessageFilter {
  /** Account login. */
  login?: string;
  /** The number as stored (digits only), matched exactly. */
  phone?: string;
  /** A substring of the text, case-insensitive. */
  text?: string;
  /** The sender name, case-insensitive. */
  sender?: string;
  /** Any of these statuses. */
  status?: number[];
  /** Any of these message formats ("sms", "flash", …). */
  format?: string[];
  /** Any of these adapters ("http", "smtp", "smpp"). */
  origin?: string[];
  /** A substring of the number as stored (digits, or part of an address). */
  phoneContains?: string;
  /** Free search: a substring of the text or sender (case-insensitive), or digits contained in the number. */
  q?: string;
  /** Only ids (row ids) below this one. */
  before?: number;
  /** Only ids (row ids) above this one. */
  after?: number;
  /** @default 50 */
  limit?: number;
  /** "desc" = newest first. @default "desc" */
  order?: "asc" | "desc";
}

/** One status change of a message. */
export interface StatusChange {
  status: number;
  err: number;
  /** ms */
  at: number;
}

/** A stored message with what the inspection API shows beside it. */
export type InspectedRow = Message & { login: string; timeline: StatusChange[] };

/** Which incoming SMS a query selects. */
export interface IncomingFilter {
  login?: string;
  accountId?: number;
  phone?: string;
  /** The account's number that received it. */
  to?: string;
  /** Only ids above this one. */
  after?: number;
  /** Only ids below this one (paging back). */
  before?: number;
  /** Only SMS received at or after this time (ms). */
  since?: number;
  /** @default 50 */
  limit?: number;
  /** "desc" = newest first; with "asc" and no `after`, the newest `limit` in ascending order. @default "desc" */
  order?: "asc" | "desc";
}

/** An account as the inspection API lists it. */
export interface AccountSummary {
  id: number;
  login: string;
  balance: number;
  credit: number;
  currency: string;
}

/** The inspection queries: filters, deletes, incoming SMS, balances and reset. The only SQL of the inspection API. */
export interface InspectionQueries {
  messages(filter: MessageFilter): InspectedRow[];
  message(rowId: number): InspectedRow | undefined;
  /** Marks the matching messages deleted (as status.php del=1 does); returns their ids. */
  deleteMessages(filter: MessageFilter, at: number): number[];
  insertIncoming(m: Omit<IncomingMessage, "id" | "login">): IncomingMessage;
  incoming(filter: IncomingFilter): IncomingMessage[];
  accounts(): AccountSummary[];
  /** Sets an account's balance; false when the login is unknown. */
  setBalance(login: string, balance: number): boolean;
  /** Deletes every message, status change and incoming SMS. */
  reset(): void;
}

interface IncomingRow {
  id: number;
  account_id: number;
  login: string;
  phone: string;
  to_phone: string;
  text: string;
  received_at: number;
}

const toIncoming = (r: IncomingRow): IncomingMessage => ({
  id: r.id,
  accountId: r.account_id,
  login: r.login,
  phone: r.phone,
  to: r.to_phone,
  text: r.text,
  receivedAt: r.received_at,
});

/** A case-insensitive fold that, unlike SQLite's lower(), knows Cyrillic. */
const FOLD = "smsc_fold";

/** Prepares the inspection queries on an open store database. */
export function createInspectionQueries(db: SqliteDatabase): InspectionQueries {
  db.function(FOLD, { deterministic: true }, (s: string | null) =>
    s === null ? null : String(s).toLocaleLowerCase(),
  );
  const cache = new Map<string, SqliteStatement>();
  const prepare = (sql: string) => {
    let st = cache.get(sql);
    if (!st) {
      st = db.prepare(sql);
      cache.set(sql, st);
    }
    return st;
  };
  const q = {
    timeline: db.prepare("SELECT status, err, at FROM status_history WHERE row_id = ? ORDER BY id"),
    one: db.prepare(
      `SELECT m.*, a.login FROM messages m JOIN accounts a ON a.id = m.account_id
       WHERE m.row_id = ? AND m.deleted_at IS NULL`,
    ),
    del: db.prepare("UPDATE messages SET deleted_at = ?, next_at = NULL WHERE row_id = ?"),
    insertIncoming: db.prepare(
      `INSERT INTO incoming (account_id, phone, to_phone, text, received_at)
       VALUES (@accountId, @phone, @to, @text, @receivedAt) RETURNING id`,
    ),
    accounts: db.prepare("SELECT id, login, balance_minor, credit_minor, currency FROM accounts ORDER BY id"),
    setBalance: db.prepare("UPDATE accounts SET balance_minor = ? WHERE login = ?"),
    login: db.prepare("SELECT login FROM accounts WHERE id = ?"),
  };

  const withDetails = (r: MessageRow & { login: string }): InspectedRow => ({
    ...toMessage(r),
    login: r.login,
    timeline: q.timeline.all(r.row_id) as StatusChange[],
  });

  function where(f: MessageFilter): { sql: string; args: unknown[] } {
    const conds = ["m.deleted_at IS NULL"];
    const args: unknown[] = [];
    const add = (cond: string, ...values: unknown[]) => {
      conds.push(cond);
      args.push(...values);
    };
    if (f.login !== undefined) add("a.login = ?", f.login);
    if (f.phone !== undefined) add("m.phone = ?", f.phone);
    if (f.text !== undefined) add(`instr(${FOLD}(m.text), ?) > 0`, fold(f.text));
    if (f.sender !== undefined) add(`${FOLD}(m.sender) = ?`, fold(f.sender));
    if (f.status?.length) add(`m.status IN (${f.status.map(() => "?").join(",")})`, ...f.status);
    if (f.format?.length) add(`m.format IN (${f.format.map(() => "?").join(",")})`, ...f.format);
    if (f.origin?.length) add(`m.origin IN (${f.origin.map(() => "?").join(",")})`, ...f.origin);
    if (f.phoneContains !== undefined) add("instr(m.phone, ?) > 0", f.phoneContains);
    if (f.before !== undefined) add("m.row_id < ?", f.before);
    if (f.after !== undefined) add("m.row_id > ?", f.after);
    if (f.q !== undefined && f.q.trim() !== "") {
      const needle = fold(f.q.trim());
      const digits = f.q.replace(/\D/g, "");
      const alts = [`instr(${FOLD}(m.text), ?) > 0`, `instr(${FOLD}(m.sender), ?) > 0`];
      const values: unknown[] = [needle, needle];
      // a search that is only a number (with + ( ) - and spaces) also finds the numbers containing its digits
      if (digits !== "" && /^[\d\s()+-]+$/.test(f.q.trim())) {
        alts.push("instr(m.phone, ?) > 0");
        values.push(digits);
      }
      add(`(${alts.join(" OR ")})`, ...values);
    }
    return { sql: conds.join(" AND "), args };
  }

  function messages(f: MessageFilter): InspectedRow[] {
    const { sql, args } = where(f);
    const order = f.order === "asc" ? "ASC" : "DESC";
    const rows = prepare(
      `SELECT m.*, a.login FROM messages m JOIN accounts a ON a.id = m.account_id
       WHERE ${sql} ORDER BY m.row_id ${order} LIMIT ?`,
    ).all(...args, f.limit ?? 50) as Array<MessageRow & { login: string }>;
    return rows.map(withDetails);
  }

  const deleteMessages = db.transaction((f: MessageFilter, at: number) => {
    const { sql, args } = where(f);
    const ids = (
      prepare(`SELECT m.row_id FROM messages m JOIN accounts a ON a.id = m.account_id WHERE ${sql}`).all(
        ...args,
      ) as Array<{ row_id: number }>
    ).map((r) => r.row_id);
    for (const id of ids) q.del.run(at, id);
    return ids;
  });

  function incoming(f: IncomingFilter): IncomingMessage[] {
    const conds: string[] = [];
    const args: unknown[] = [];
    const add = (cond: string, value: unknown) => {
      if (value === undefined) return;
      conds.push(cond);
      args.push(value);
    };
    add("a.login = ?", f.login);
    add("i.account_id = ?", f.accountId);
    add("i.phone = ?", f.phone);
    add("i.to_phone = ?", f.to);
    add("i.id > ?", f.after);
    add("i.id < ?", f.before);
    add("i.received_at >= ?", f.since);
    const sql = conds.length ? `WHERE ${conds.join(" AND ")}` : "";
    // polling with `after` reads forward from it; otherwise the newest rows are the interesting ones
    const forward = f.order === "asc" && f.after !== undefined;
    const rows = prepare(
      `SELECT i.*, a.login FROM incoming i JOIN accounts a ON a.id = i.account_id ${sql}
       ORDER BY i.id ${forward ? "ASC" : "DESC"} LIMIT ?`,
    ).all(...args, f.limit ?? 50) as IncomingRow[];
    const list = rows.map(toIncoming);
    return f.order === "asc" && !forward ? list.reverse() : list;
  }

  return {
    messages,
    message(rowId) {
      const r = q.one.get(rowId) as (MessageRow & { login: string }) | undefined;
      return r ? withDetails(r) : undefined;
    },
    deleteMessages: (f, at) => deleteMessages(f, at),
    insertIncoming(m) {
      const { id } = q.insertIncoming.get(m) as { id: number };
      const { login } = q.login.get(m.accountId) as { login: string };
      return { id, login, ...m };
    },
    incoming,
    accounts: () =>
      (
        q.accounts.all() as Array<{
          id: number;
          login: string;
          balance_minor: number;
          credit_minor: number;
          currency: string;
        }>
      ).map((r) => ({
        id: r.id,
        login: r.login,
        balance: r.balance_minor / 100,
        credit: r.credit_minor / 100,
        currency: r.currency,
      })),
    setBalance: (login, balance) => Number(q.setBalance.run(Math.round(balance * 100), login).changes) > 0,
    reset: db.transaction(() => {
      db.exec("DELETE FROM status_history; DELETE FROM messages; DELETE FROM incoming;");
    }),
  };
}

function fold(s: string): string {
  return s.toLocaleLowerCase();
}
