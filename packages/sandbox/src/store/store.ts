import type { MessageFormat } from "smsc/protocol";
import { type CallbackQueries, createCallbackQueries } from "./callbacks.js";
import { createGroupCommit } from "./group-commit.js";
import { createInspectionQueries, type InspectionQueries } from "./inspection.js";
import { migrate } from "./migrate.js";
import type { Account, AccountSeed, Message, Origin, StoredMessage } from "./records.js";
import { createRetentionQueries, type RetentionQueries } from "./retention.js";
import {
  fromMinor,
  MESSAGE_COLUMNS,
  type MessageRow,
  toMessage,
  toMinor,
  toStoredMessage,
  trailPrefix,
} from "./rows.js";
import { FOLD_FUNCTION, fold, searchBody } from "./search.js";
import { openDatabase } from "./sqlite.js";

/** One recipient of a send about to be stored. */
export interface NewRecipient {
  phone: string;
  text: string;
  parts: number;
  cost: number;
  comment: string;
  /** The status it ends in, when not 1 (a magic number's failure). */
  finalStatus?: number;
  /** The delivery error that goes with finalStatus. */
  finalErr?: number;
}

/** What a send asks the store to write in one transaction: the send once, then its recipients. */
export interface SendWrite {
  accountId: number;
  /** The id to report: the client's own, or undefined to use the server id. */
  clientId?: string;
  origin: Origin;
  sender: string;
  format: MessageFormat;
  type: number;
  createdAt: number;
  sendAt: number;
  /** When the first status change (-1 → 0) is due. */
  nextAt: number;
  /** The send's wire parameters without credentials. */
  request: Record<string, string>;
  /** Total to debit. */
  cost: number;
  recipients: NewRecipient[];
}

/** A stored send. */
export interface WrittenSend {
  sendId: number;
  /** The id status.php knows. */
  wireId: string;
  /** Row id of the first recipient; the others follow in order. */
  firstRow: number;
  /** The balance after the debit. */
  balance: number;
}

/** The SQLite repository of the sandbox: the only code that writes SQL. */
export interface Store {
  /** The database file. */
  readonly path: string;
  /** Creates an account unless its login exists; returns the stored account either way. */
  ensureAccount(
    seed: AccountSeed & { balance: number; currency: string; credit: number; sender: string },
  ): Account;
  accountByLogin(login: string): Account | undefined;
  accountByApikey(apikey: string): Account | undefined;
  accountById(id: number): Account | undefined;
  /** Consumes and returns the next server id (error replies that carry an id use one). */
  nextMessageId(): number;
  /**
   * Debits the account and stores the send with its recipients. Sends submitted in the same turn of the event loop
   * share one transaction (group commit); the promise resolves after it committed, with undefined (nothing written)
   * when the balance plus credit does not cover the cost.
   */
  writeSend(w: SendWrite): Promise<WrittenSend | undefined>;
  /** The latest message of an account with this wire id (and phone, when given). */
  findMessage(accountId: number, wireId: string, phone?: string): Message | undefined;
  /** Marks messages deleted; they are no longer found nor advanced. */
  deleteMessages(rowIds: number[], at: number): void;
  /**
   * Applies every status change due by `now` in one transaction: -1 → 0 (then due `deliveredMs` later) and 0 → its
   * final status. Returns the changed messages when `collect` is set (someone listens), else an empty list.
   */
  advance(now: number, deliveredMs: number, collect: boolean): Message[];
  /** Moves a message to a final status now; undefined for an unknown or deleted row. */
  setOutcome(rowId: number, status: number, err: number, at: number): Message | undefined;
  /** The earliest pending status change, or undefined. */
  nextDueAt(): number | undefined;
  /** Names of the migrations the database has seen, in order. */
  appliedMigrations(): string[];
  /** Messages newest first, with their send's request. */
  listMessages(filter?: { accountId?: number; limit?: number }): StoredMessage[];
  /** The inspection API's queries (store/inspection.ts). */
  readonly inspection: InspectionQueries;
  /** Callback handler URLs and the delivery log (store/callbacks.ts). */
  readonly callbacks: CallbackQueries;
  /** Retention pruning (store/retention.ts). */
  readonly retention: RetentionQueries;
  /** Commits what is queued, then closes the database. */
  close(): void;
}

interface AccountRow {
  id: number;
  login: string;
  password: string;
  apikey: string | null;
  balance_minor: number;
  credit_minor: number;
  currency: string;
  sender: string;
}

function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    login: r.login,
    password: r.password,
    ...(r.apikey !== null ? { apikey: r.apikey } : {}),
    balance: fromMinor(r.balance_minor),
    credit: fromMinor(r.credit_minor),
    currency: r.currency,
    sender: r.sender,
  };
}

/**
 * Opens (creating if needed) the database file, applies pending migrations and prepares every statement once.
 * @param path a file path; the caller owns the file.
 */
export function openStore(path: string): Store {
  const db = openDatabase(path);
  db.pragma("journal_mode = WAL");
  // In WAL mode NORMAL skips the fsync per commit: a committed send still survives the process being killed
  // (the WAL is written before the reply), only an OS crash may lose the last ones — fine for a local test
  // double, and about 8x the commits per second of FULL on this machine (docs/sandbox.md "Storage").
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  // 16 MiB of page cache keeps the indexes of a million messages hot without a large resident set
  db.pragma("cache_size = -16000");
  db.function(FOLD_FUNCTION, { deterministic: true }, (s: string | null) => (s === null ? null : fold(s)));
  migrate(db);

  const q = {
    accountByLogin: db.prepare("SELECT * FROM accounts WHERE login = ?"),
    accountByApikey: db.prepare("SELECT * FROM accounts WHERE apikey = ?"),
    accountById: db.prepare("SELECT * FROM accounts WHERE id = ?"),
    insertAccount: db.prepare(
      `INSERT INTO accounts (login, password, apikey, balance_minor, credit_minor, currency, sender, created_at)
       VALUES (@login, @password, @apikey, @balance, @credit, @currency, @sender, @createdAt)
       ON CONFLICT (login) DO NOTHING`,
    ),
    counter: db.prepare("SELECT value FROM counters WHERE name = ?"),
    setCounter: db.prepare("UPDATE counters SET value = ? WHERE name = ?"),
    debit: db.prepare(
      `UPDATE accounts SET balance_minor = balance_minor - @cost
       WHERE id = @id AND balance_minor + credit_minor >= @cost RETURNING balance_minor`,
    ),
    insertSend: db.prepare(
      `INSERT INTO sends (id, account_id, wire_id, origin, sender, format, type, text, created_at, send_at,
         first_row, rows, request)
       VALUES (@id, @accountId, @wireId, @origin, @sender, @format, @type, @text, @createdAt, @sendAt,
         @firstRow, @rows, @request)`,
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages (row_id, send_id, account_id, phone, text, parts, cost_minor, status, err, created_at,
         status_at, next_at, final_status, final_err, comment)
       VALUES (?, ?, ?, ?, ?, ?, ?, -1, 0, ?, ?, ?, ?, ?, ?)`,
    ),
    insertSearch: db.prepare("INSERT INTO search (rowid, body) VALUES (?, ?)"),
    findWithPhone: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM sends s JOIN messages m ON m.row_id BETWEEN s.first_row AND s.first_row + s.rows - 1
       WHERE s.account_id = ? AND s.wire_id = ? AND m.phone = ? AND m.deleted_at IS NULL
       ORDER BY m.row_id DESC LIMIT 1`,
    ),
    findAnyPhone: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM sends s JOIN messages m ON m.row_id BETWEEN s.first_row AND s.first_row + s.rows - 1
       WHERE s.account_id = ? AND s.wire_id = ? AND m.deleted_at IS NULL
       ORDER BY m.row_id DESC LIMIT 1`,
    ),
    del: db.prepare(
      "UPDATE messages SET deleted_at = ?, next_at = NULL WHERE row_id = ? AND deleted_at IS NULL",
    ),
    toSent: db.prepare(
      `UPDATE messages SET status = 0, err = 0, status_at = next_at, next_at = next_at + @delivered,
         trail = coalesce(trail || ';', '') || '0@' || (next_at - created_at)
       WHERE next_at IS NOT NULL AND next_at <= @now AND status = -1 RETURNING row_id`,
    ),
    toFinal: db.prepare(
      `UPDATE messages SET status = coalesce(final_status, 1), err = coalesce(final_err, 0), status_at = next_at,
         next_at = NULL,
         trail = coalesce(trail || ';', '') || coalesce(final_status, 1) ||
           CASE WHEN coalesce(final_err, 0) != 0 THEN ':' || final_err ELSE '' END || '@' || (next_at - created_at)
       WHERE next_at IS NOT NULL AND next_at <= @now AND status = 0 RETURNING row_id`,
    ),
    byRows: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN sends s ON s.id = m.send_id
       WHERE m.row_id IN (SELECT value FROM json_each(?)) ORDER BY m.row_id`,
    ),
    setOutcome: db.prepare(
      `UPDATE messages SET status = @status, err = @err, status_at = @at, next_at = NULL,
         trail = coalesce(trail || ';', '') || @entry || (@at - created_at)
       WHERE row_id = @rowId AND deleted_at IS NULL`,
    ),
    one: db.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN sends s ON s.id = m.send_id
       WHERE m.row_id = ? AND m.deleted_at IS NULL`,
    ),
    nextDue: db.prepare("SELECT MIN(next_at) AS at FROM messages WHERE next_at IS NOT NULL"),
    migrations: db.prepare("SELECT name FROM schema_migrations ORDER BY name"),
    listAll: db.prepare(
      `SELECT ${MESSAGE_COLUMNS}, s.request FROM messages m JOIN sends s ON s.id = m.send_id
       WHERE m.deleted_at IS NULL ORDER BY m.row_id DESC LIMIT ?`,
    ),
    listByAccount: db.prepare(
      `SELECT ${MESSAGE_COLUMNS}, s.request FROM messages m JOIN sends s ON s.id = m.send_id
       WHERE m.deleted_at IS NULL AND m.account_id = ? ORDER BY m.row_id DESC LIMIT ?`,
    ),
  };

  const counter = (name: string) => (q.counter.get(name) as { value: number }).value;
  // ids live in memory and reach the counters table in the transaction that uses them
  let lastSendId = counter("message_id");
  let lastRowId = counter("row_id");

  const writeBatch = db.transaction((batch: SendWrite[]): Array<WrittenSend | undefined> => {
    const out = batch.map((w) => writeOne(w));
    q.setCounter.run(lastSendId, "message_id");
    q.setCounter.run(lastRowId, "row_id");
    return out;
  });

  function writeOne(w: SendWrite): WrittenSend | undefined {
    const debited = q.debit.get({ id: w.accountId, cost: toMinor(w.cost) }) as
      | { balance_minor: number }
      | undefined;
    if (!debited) return undefined;
    const sendId = ++lastSendId;
    const wireId = w.clientId ?? String(sendId);
    const firstRow = lastRowId + 1;
    const text = w.recipients[0]!.text;
    q.insertSend.run({
      id: sendId,
      accountId: w.accountId,
      wireId,
      origin: w.origin,
      sender: w.sender,
      format: w.format,
      type: w.type,
      text,
      createdAt: w.createdAt,
      sendAt: w.sendAt,
      firstRow,
      rows: w.recipients.length,
      request: JSON.stringify(w.request),
    });
    const texts = new Set<string>([text]);
    for (const r of w.recipients) {
      if (r.text !== text) texts.add(r.text);
      q.insertMessage.run(
        ++lastRowId,
        sendId,
        w.accountId,
        r.phone,
        r.text === text ? null : r.text,
        r.parts,
        toMinor(r.cost),
        w.createdAt,
        w.createdAt,
        w.nextAt,
        r.finalStatus ?? null,
        r.finalErr || null,
        r.comment || null,
      );
    }
    q.insertSearch.run(
      sendId,
      searchBody(
        w.sender,
        texts,
        w.recipients.map((r) => r.phone),
      ),
    );
    return { sendId, wireId, firstRow, balance: fromMinor(debited.balance_minor) };
  }

  const commits = createGroupCommit<SendWrite, WrittenSend | undefined>({
    write: (batch) => writeBatch(batch),
    weight: (w) => w.recipients.length,
  });

  const byRows = (ids: number[]) => (q.byRows.all(JSON.stringify(ids)) as MessageRow[]).map(toMessage);

  const advance = db.transaction((now: number, deliveredMs: number, collect: boolean): Message[] => {
    const sent = q.toSent.all({ now, delivered: deliveredMs }) as Array<{ row_id: number }>;
    // a jump of the clock can make both changes of one message due at once
    const final = q.toFinal.all({ now }) as Array<{ row_id: number }>;
    if (!collect || sent.length + final.length === 0) return [];
    const sentIds = new Set(sent.map((r) => r.row_id));
    const finalIds = new Set(final.map((r) => r.row_id));
    const changed = byRows([...new Set([...sentIds, ...finalIds])]);
    // a message that went through both changes reports both, in order
    return changed.flatMap((m) => {
      if (!finalIds.has(m.rowId) || !sentIds.has(m.rowId)) return [m];
      const atSent = m.timeline.at(-2)!;
      return [
        {
          ...m,
          status: 0,
          err: 0,
          statusAt: atSent.at,
          nextAt: m.statusAt,
          timeline: m.timeline.slice(0, -1),
        },
        m,
      ];
    });
  });

  const deleteMessages = db.transaction((rowIds: number[], at: number) => {
    for (const id of rowIds) q.del.run(at, id);
  });

  const account = (row: unknown) => (row ? toAccount(row as AccountRow) : undefined);

  return {
    path,
    ensureAccount(seed) {
      q.insertAccount.run({
        login: seed.login,
        password: seed.password,
        apikey: seed.apikey ?? null,
        balance: toMinor(seed.balance),
        credit: toMinor(seed.credit),
        currency: seed.currency,
        sender: seed.sender,
        createdAt: Date.now(),
      });
      return account(q.accountByLogin.get(seed.login))!;
    },
    accountByLogin: (login) => account(q.accountByLogin.get(login)),
    accountByApikey: (apikey) => account(q.accountByApikey.get(apikey)),
    accountById: (id) => account(q.accountById.get(id)),
    nextMessageId() {
      // written at once: an id handed out in an error reply is never handed out again, even after a crash
      q.setCounter.run(++lastSendId, "message_id");
      return lastSendId;
    },
    writeSend: (w) => commits.submit(w),
    findMessage(accountId, wireId, phone) {
      const row =
        phone === undefined
          ? q.findAnyPhone.get(accountId, wireId)
          : q.findWithPhone.get(accountId, wireId, phone);
      return row ? toMessage(row as MessageRow) : undefined;
    },
    deleteMessages: (rowIds, at) => deleteMessages(rowIds, at),
    advance: (now, deliveredMs, collect) => advance(now, deliveredMs, collect),
    setOutcome(rowId, status, err, at) {
      if (q.setOutcome.run({ rowId, status, err, at, entry: trailPrefix(status, err) }).changes === 0)
        return undefined;
      const row = q.one.get(rowId) as MessageRow | undefined;
      return row ? toMessage(row) : undefined;
    },
    nextDueAt() {
      const at = (q.nextDue.get() as { at: number | null }).at;
      return at ?? undefined;
    },
    appliedMigrations: () => (q.migrations.all() as Array<{ name: string }>).map((r) => r.name),
    listMessages(filter = {}) {
      const limit = filter.limit ?? 100;
      const rows =
        filter.accountId === undefined ? q.listAll.all(limit) : q.listByAccount.all(filter.accountId, limit);
      return (rows as Array<MessageRow & { request: string }>).map(toStoredMessage);
    },
    inspection: createInspectionQueries(db),
    callbacks: createCallbackQueries(db),
    retention: createRetentionQueries(db),
    close() {
      commits.flush();
      db.close();
    },
  };
}
