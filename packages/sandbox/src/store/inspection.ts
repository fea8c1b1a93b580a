import type { IncomingMessage, StoredMessage } from "./records.js";
import {
  type Delays,
  MESSAGE_COLUMNS,
  type MessageRow,
  SEND_REQUESTS,
  sendRequests,
  statusSql,
  toStoredMessage,
} from "./rows.js";
import { FOLD_FUNCTION, fold, trigramQuery } from "./search.js";
import type { SearchIndexer } from "./search-index.js";
import type { SqliteDatabase, SqliteStatement } from "./sqlite.js";

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
  /** Any of these adapters ("http", "smtp", "smpp", "soap", "oms"). */
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

/** A stored message with what the inspection API shows beside it. */
export type InspectedRow = StoredMessage & { login: string };

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
  /** Deletes every message, send and incoming SMS. */
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

/** Sends taken from the search index in the first round while a page of messages fills, and at most per round. */
const FIRST_CANDIDATES = 8;
const MAX_CANDIDATES = 256;

// a send's request (all its numbers) is read once per send, not with each of its rows (rows.ts sendRequests)
const SELECT = `SELECT ${MESSAGE_COLUMNS}, a.login`;

/**
 * Prepares the inspection queries on an open store database; `accountChanged` is told of every account whose
 * row they change (the store keeps accounts in memory).
 */
export function createInspectionQueries(
  db: SqliteDatabase,
  deps: {
    clock: () => number;
    delays: Delays;
    search: SearchIndexer;
    accountChanged: (login: string) => void;
  },
): InspectionQueries {
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
    one: db.prepare(
      `${SELECT} FROM messages m JOIN sends s ON s.id = m.send_id JOIN accounts a ON a.id = m.account_id
       WHERE m.row_id = ? AND m.deleted_at IS NULL`,
    ),
    del: db.prepare("UPDATE messages SET deleted_at = ? WHERE row_id = ?"),
    sendOf: db.prepare("SELECT send_id FROM messages WHERE row_id = ?"),
    requests: db.prepare(SEND_REQUESTS),
    insertIncoming: db.prepare(
      `INSERT INTO incoming (account_id, phone, to_phone, text, received_at)
       VALUES (@accountId, @phone, @to, @text, @receivedAt) RETURNING id`,
    ),
    accounts: db.prepare("SELECT id, login, balance_minor, credit_minor, currency FROM accounts ORDER BY id"),
    setBalance: db.prepare("UPDATE accounts SET balance_minor = ? WHERE login = ?"),
    login: db.prepare("SELECT login FROM accounts WHERE id = ?"),
  };

  /** The row conditions of a filter; text conditions check the rows themselves, the index only narrows. */
  function where(f: MessageFilter): { sql: string; args: unknown[] } {
    const conds = ["m.deleted_at IS NULL"];
    const args: unknown[] = [];
    const add = (cond: string, ...values: unknown[]) => {
      conds.push(cond);
      args.push(...values);
    };
    if (f.login !== undefined) add("m.account_id = (SELECT id FROM accounts WHERE login = ?)", f.login);
    if (f.phone !== undefined) add("m.phone = ?", f.phone);
    if (f.text !== undefined) add(`instr(${FOLD_FUNCTION}(coalesce(m.text, s.text)), ?) > 0`, fold(f.text));
    if (f.sender !== undefined) add(`${FOLD_FUNCTION}(s.sender) = ?`, fold(f.sender));
    if (f.status?.length) {
      const status = statusSql(deps.clock(), deps.delays);
      add(`${status.sql} IN (${f.status.map(() => "?").join(",")})`, ...status.args, ...f.status);
    }
    if (f.format?.length) add(`s.format IN (${f.format.map(() => "?").join(",")})`, ...f.format);
    if (f.origin?.length) add(`s.origin IN (${f.origin.map(() => "?").join(",")})`, ...f.origin);
    if (f.phoneContains !== undefined) add("instr(m.phone, ?) > 0", f.phoneContains);
    if (f.before !== undefined) add("m.row_id < ?", f.before);
    if (f.after !== undefined) add("m.row_id > ?", f.after);
    const search = freeSearch(f.q);
    if (search) {
      const alts = [
        `instr(${FOLD_FUNCTION}(coalesce(m.text, s.text)), ?) > 0`,
        `instr(${FOLD_FUNCTION}(s.sender), ?) > 0`,
      ];
      const values: unknown[] = [search.needle, search.needle];
      if (search.digits !== undefined) {
        alts.push("instr(m.phone, ?) > 0");
        values.push(search.digits);
      }
      add(`(${alts.join(" OR ")})`, ...values);
    }
    return { sql: conds.join(" AND "), args };
  }

  /** The search-index query that narrows a filter to candidate sends, when its texts are long enough. */
  function indexQuery(f: MessageFilter): string | undefined {
    const clauses: string[] = [];
    const clause = (alternatives: string[]) => {
      const parts = alternatives.map((a) => trigramQuery([a]));
      if (parts.every((p) => p !== undefined)) clauses.push(`(${parts.map((p) => `(${p})`).join(" OR ")})`);
    };
    if (f.text !== undefined) clause([f.text]);
    if (f.sender !== undefined) clause([f.sender]);
    const search = freeSearch(f.q);
    if (search) clause(search.digits !== undefined ? [search.needle, search.digits] : [search.needle]);
    return clauses.length ? clauses.join(" AND ") : undefined;
  }

  /** Matching rows in order, at most `limit`; through the search index when it can narrow the filter. */
  function select(f: MessageFilter, limit: number): Array<MessageRow & { login: string }> {
    const { sql, args } = where(f);
    const desc = f.order !== "asc";
    const order = desc ? "DESC" : "ASC";
    const from = `FROM sends s CROSS JOIN messages m ON m.row_id BETWEEN s.first_row AND s.first_row + s.rows - 1
      JOIN accounts a ON a.id = m.account_id`;
    const match = indexQuery(f);
    if (match !== undefined) deps.search.catchUp();
    if (match === undefined) {
      return prepare(
        `${SELECT} FROM messages m JOIN sends s ON s.id = m.send_id JOIN accounts a ON a.id = m.account_id
         WHERE ${sql} ORDER BY m.row_id ${order} LIMIT ?`,
      ).all(...args, limit) as Array<MessageRow & { login: string }>;
    }
    // Candidate sends come from the index newest (or oldest) first, a round at a time, each round twice the last:
    // a common word fills a page from a few sends (each of its rows is checked, the text folded, before the page is
    // sorted), and a rare one is found without reading every row.
    const candidates = prepare(
      `SELECT rowid AS id FROM search WHERE search MATCH ? AND rowid ${desc ? "<=" : ">="} ?
       ORDER BY rowid ${order} LIMIT ?`,
    );
    const rows = prepare(
      `${SELECT} ${from} WHERE s.id IN (SELECT value FROM json_each(?)) AND ${sql}
       ORDER BY m.row_id ${order} LIMIT ?`,
    );
    let cursor = startSend(f, desc);
    const out: Array<MessageRow & { login: string }> = [];
    let round = FIRST_CANDIDATES;
    while (out.length < limit) {
      const ids = (candidates.all(match, cursor, round) as Array<{ id: number }>).map((r) => r.id);
      if (ids.length === 0) break;
      out.push(
        ...(rows.all(JSON.stringify(ids), ...args, limit - out.length) as Array<
          MessageRow & { login: string }
        >),
      );
      if (ids.length < round) break;
      cursor = ids.at(-1)! + (desc ? -1 : 1);
      round = Math.min(round * 2, MAX_CANDIDATES);
    }
    return out;
  }

  /** The send to start reading the index at: the one holding the row next to the `before`/`after` cursor. */
  function startSend(f: MessageFilter, desc: boolean): number {
    const edge = desc ? f.before : f.after;
    if (edge === undefined) return desc ? Number.MAX_SAFE_INTEGER : 0;
    const row = q.sendOf.get(desc ? edge - 1 : edge + 1) as { send_id: number } | undefined;
    if (row) return row.send_id;
    // the neighbour row is gone: fall back to the widest start, the row conditions still hold
    return desc ? Number.MAX_SAFE_INTEGER : 0;
  }

  const deleteMessages = db.transaction((f: MessageFilter, at: number) => {
    const ids = select({ ...f, limit: undefined }, Number.MAX_SAFE_INTEGER).map((r) => r.row_id);
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

  const present = (rows: Array<MessageRow & { login: string }>): InspectedRow[] => {
    const requests = sendRequests(q.requests, rows);
    const now = deps.clock();
    return rows.map((r) => ({
      ...toStoredMessage(r, requests.get(r.send_id) ?? {}, now, deps.delays),
      login: r.login,
    }));
  };

  return {
    messages: (f) => present(select(f, f.limit ?? 50)),
    message(rowId) {
      const r = q.one.get(rowId) as (MessageRow & { login: string }) | undefined;
      return r ? present([r])[0] : undefined;
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
    setBalance(login, balance) {
      if (Number(q.setBalance.run(Math.round(balance * 100), login).changes) === 0) return false;
      deps.accountChanged(login);
      return true;
    },
    reset: db.transaction(() => {
      db.exec(
        "DELETE FROM messages; INSERT INTO search (search) VALUES ('delete-all'); DELETE FROM sends; DELETE FROM incoming;",
      );
      deps.search.reset();
    }),
  };
}

/** A free search: the folded text, and the digits when the search is only a number (+, (, ), - and spaces). */
function freeSearch(q: string | undefined): { needle: string; digits?: string } | undefined {
  if (q === undefined || q.trim() === "") return undefined;
  const needle = fold(q.trim());
  const digits = q.replace(/\D/g, "");
  return digits !== "" && /^[\d\s()+-]+$/.test(q.trim()) ? { needle, digits } : { needle };
}
