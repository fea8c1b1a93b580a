import type { MessageFormat } from "smsc/protocol";
import { toMessageId } from "../core/message-id.js";
import type { Account, AccountSeed, Message, Origin } from "../core/types.js";
import { type CallbackQueries, createCallbackQueries } from "./callbacks.js";
import { createInspectionQueries, type InspectionQueries } from "./inspection.js";
import { migrate } from "./migrate.js";
import { createRetentionQueries, type RetentionQueries } from "./retention.js";
import { openDatabase } from "./sqlite.js";

/** A message about to be stored (ids and money are filled in by the store), with its scripted outcome. */
export interface NewMessage
  extends Pick<
    Message,
    | "phone"
    | "text"
    | "sender"
    | "format"
    | "type"
    | "parts"
    | "cost"
    | "status"
    | "err"
    | "createdAt"
    | "sendAt"
    | "statusAt"
    | "nextAt"
    | "comment"
    | "params"
  > {
  /** How long after "sent" the message is delivered (ms). */
  deliveredDelay: number;
  /** The status it ends in (1, or a magic number's failure). */
  finalStatus: number;
  /** The delivery error that goes with finalStatus. */
  finalErr: number;
}

/** What a send asks the store to write in one transaction. */
export interface SendWrite {
  accountId: number;
  /** The id to report: the client's own, or undefined to use the server id. */
  clientId?: string;
  origin: Origin;
  /** Total to debit. */
  cost: number;
  messages: NewMessage[];
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
  /** Consumes and returns the next server message id. */
  nextMessageId(): number;
  /**
   * Debits the account and stores the messages in one transaction. Returns undefined (and writes nothing) when
   * the balance plus credit does not cover the cost.
   */
  writeSend(w: SendWrite): { messages: Message[]; sendId: number; balance: number } | undefined;
  /** The latest message of an account with this wire id (and phone, when given). */
  findMessage(accountId: number, wireId: string, phone?: string): Message | undefined;
  /** Marks messages deleted; they are no longer found nor advanced. */
  deleteMessages(rowIds: number[], at: number): void;
  /** Messages whose next status change is due by `now`, oldest first. */
  dueMessages(
    now: number,
  ): Array<Message & { deliveredDelay: number; finalStatus: number; finalErr: number }>;
  /** Writes a status change. */
  setStatus(rowId: number, status: number, err: number, at: number, nextAt: number | null): Message;
  /** The earliest pending status change, or undefined. */
  nextDueAt(): number | undefined;
  /** Names of the migrations the database has seen, in order. */
  appliedMigrations(): string[];
  /** Messages newest first. */
  listMessages(filter?: { accountId?: number; limit?: number }): Message[];
  /** The inspection API's queries (store/inspection.ts). */
  readonly inspection: InspectionQueries;
  /** Callback handler URLs and the delivery log (store/callbacks.ts). */
  readonly callbacks: CallbackQueries;
  /** Retention pruning (store/retention.ts). */
  readonly retention: RetentionQueries;
  close(): void;
}

const toMinor = (n: number) => Math.round(n * 100);
const fromMinor = (n: number) => n / 100;

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

/** A `messages` row as SQLite returns it. */
export interface MessageRow {
  row_id: number;
  send_id: number;
  wire_id: string;
  account_id: number;
  origin: string;
  phone: string;
  text: string;
  sender: string;
  format: string;
  type: number;
  parts: number;
  cost_minor: number;
  status: number;
  err: number;
  created_at: number;
  send_at: number;
  status_at: number;
  next_at: number | null;
  delivered_delay: number;
  final_status: number;
  final_err: number;
  comment: string;
  params: string;
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

/** Maps a `messages` row to a Message. */
export function toMessage(r: MessageRow): Message {
  return {
    rowId: r.row_id,
    id: toMessageId(r.wire_id),
    sendId: r.send_id,
    accountId: r.account_id,
    origin: r.origin as Origin,
    phone: r.phone,
    text: r.text,
    sender: r.sender,
    format: r.format as MessageFormat,
    type: r.type,
    parts: r.parts,
    cost: fromMinor(r.cost_minor),
    status: r.status,
    err: r.err,
    createdAt: r.created_at,
    sendAt: r.send_at,
    statusAt: r.status_at,
    nextAt: r.next_at,
    comment: r.comment,
    params: JSON.parse(r.params) as Record<string, string>,
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
    nextId: db.prepare("UPDATE counters SET value = value + 1 WHERE name = 'message_id' RETURNING value"),
    debit: db.prepare(
      "UPDATE accounts SET balance_minor = balance_minor - @cost WHERE id = @id AND balance_minor + credit_minor >= @cost",
    ),
    balance: db.prepare("SELECT balance_minor FROM accounts WHERE id = ?"),
    insertMessage: db.prepare(
      `INSERT INTO messages (send_id, wire_id, account_id, origin, phone, text, sender, format, type, parts,
         cost_minor, status, err, created_at, send_at, status_at, next_at, delivered_delay, final_status, final_err,
         comment, params)
       VALUES (@sendId, @wireId, @accountId, @origin, @phone, @text, @sender, @format, @type, @parts,
         @cost, @status, @err, @createdAt, @sendAt, @statusAt, @nextAt, @deliveredDelay, @finalStatus, @finalErr,
         @comment, @params)
       RETURNING *`,
    ),
    findWithPhone: db.prepare(
      `SELECT * FROM messages WHERE account_id = ? AND wire_id = ? AND phone = ? AND deleted_at IS NULL
       ORDER BY row_id DESC LIMIT 1`,
    ),
    findAnyPhone: db.prepare(
      `SELECT * FROM messages WHERE account_id = ? AND wire_id = ? AND deleted_at IS NULL
       ORDER BY row_id DESC LIMIT 1`,
    ),
    del: db.prepare("UPDATE messages SET deleted_at = ?, next_at = NULL WHERE row_id = ?"),
    due: db.prepare(
      `SELECT * FROM messages WHERE next_at IS NOT NULL AND deleted_at IS NULL AND next_at <= ?
       ORDER BY next_at, row_id`,
    ),
    setStatus: db.prepare(
      "UPDATE messages SET status = ?, err = ?, status_at = ?, next_at = ? WHERE row_id = ? RETURNING *",
    ),
    nextDue: db.prepare(
      "SELECT MIN(next_at) AS at FROM messages WHERE next_at IS NOT NULL AND deleted_at IS NULL",
    ),
    migrations: db.prepare("SELECT name FROM schema_migrations ORDER BY name"),
    listAll: db.prepare("SELECT * FROM messages WHERE deleted_at IS NULL ORDER BY row_id DESC LIMIT ?"),
    listByAccount: db.prepare(
      "SELECT * FROM messages WHERE deleted_at IS NULL AND account_id = ? ORDER BY row_id DESC LIMIT ?",
    ),
  };

  const nextMessageId = () => (q.nextId.get() as { value: number }).value;

  const writeSend = db.transaction((w: SendWrite) => {
    const cost = toMinor(w.cost);
    if (q.debit.run({ id: w.accountId, cost }).changes === 0) return undefined;
    const sendId = nextMessageId();
    const wireId = w.clientId ?? String(sendId);
    const messages = w.messages.map((m) =>
      toMessage(
        q.insertMessage.get({
          ...m,
          sendId,
          wireId,
          accountId: w.accountId,
          origin: w.origin,
          cost: toMinor(m.cost),
          params: JSON.stringify(m.params),
        }) as MessageRow,
      ),
    );
    const balance = fromMinor((q.balance.get(w.accountId) as { balance_minor: number }).balance_minor);
    return { messages, sendId, balance };
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
    nextMessageId,
    writeSend: (w) => writeSend(w),
    findMessage(accountId, wireId, phone) {
      const row =
        phone === undefined
          ? q.findAnyPhone.get(accountId, wireId)
          : q.findWithPhone.get(accountId, wireId, phone);
      return row ? toMessage(row as MessageRow) : undefined;
    },
    deleteMessages: (rowIds, at) => deleteMessages(rowIds, at),
    dueMessages: (now) =>
      (q.due.all(now) as MessageRow[]).map((r) => ({
        ...toMessage(r),
        deliveredDelay: r.delivered_delay,
        finalStatus: r.final_status,
        finalErr: r.final_err,
      })),
    setStatus: (rowId, status, err, at, nextAt) =>
      toMessage(q.setStatus.get(status, err, at, nextAt, rowId) as MessageRow),
    nextDueAt() {
      const at = (q.nextDue.get() as { at: number | null }).at;
      return at ?? undefined;
    },
    appliedMigrations: () => (q.migrations.all() as Array<{ name: string }>).map((r) => r.name),
    listMessages(filter = {}) {
      const limit = filter.limit ?? 100;
      const rows =
        filter.accountId === undefined ? q.listAll.all(limit) : q.listByAccount.all(filter.accountId, limit);
      return (rows as MessageRow[]).map(toMessage);
    },
    inspection: createInspectionQueries(db),
    callbacks: createCallbackQueries(db),
    retention: createRetentionQueries(db),
    close: () => db.close(),
  };
}
