import { type AccountQueries, createAccountQueries, type FullAccountSeed } from "./accounts.js";
import { type BlacklistQueries, createBlacklistQueries } from "./blacklist.js";
import { type CallbackQueries, createCallbackQueries } from "./callbacks.js";
import { type ContactQueries, createContactQueries } from "./contacts.js";
import { createHistoryQueries, type HistoryQueries } from "./history.js";
import { createInspectionQueries, type InspectionQueries } from "./inspection.js";
import { createInvoiceQueries, type InvoiceQueries } from "./invoices.js";
import { createJobQueries, type JobQueries } from "./jobs.js";
import { createMessageQueries, type MessageQueries } from "./messages.js";
import { migrate } from "./migrate.js";
import { createNumberQueries, type NumberQueries } from "./numbers.js";
import { createOpTemplateQueries, type OpTemplateQueries } from "./op-templates.js";
import { RecentSends } from "./recent-sends.js";
import type { Account, Message, MessageState, StoredMessage } from "./records.js";
import { createRetentionQueries, type RetentionQueries } from "./retention.js";
import type { Delays } from "./rows.js";
import { FOLD_FUNCTION, fold } from "./search.js";
import { createSearchIndexer } from "./search-index.js";
import { createSendWriter, type SendWrite, undoPendingSends, type WrittenSend } from "./send-writer.js";
import { createSenderQueries, type SenderQueries } from "./senders.js";
import { createShortLinkQueries, type ShortLinkQueries } from "./short-links.js";
import { openDatabase, type SqliteDatabase } from "./sqlite.js";
import { createSubclientQueries, type SubclientQueries } from "./subclients.js";
import { createTaskGroupQueries, type TaskGroupQueries } from "./task-groups.js";
import { createTemplateQueries, type TemplateQueries } from "./templates.js";
import { createWaitCallQueries, type WaitCallQueries } from "./wait-calls.js";

export type { SendRows } from "./messages.js";
export type { Delays, LifecycleStep } from "./rows.js";
export type { NewRecipient, SendWrite, WrittenSend } from "./send-writer.js";

/** Default status delays in ms: -1 → 0 after `sentMs` (counted from the delivery time), 0 → final `deliveredMs` later. */
export const DEFAULT_DELAYS: Readonly<Delays> = { sentMs: 500, deliveredMs: 1500 };

/** Options of openStore. */
export interface StoreOptions {
  /** Current time in ms: where each message's lifecycle has got to. @default Date.now */
  clock?: () => number;
  /** The status delays. @default DEFAULT_DELAYS */
  delays?: Partial<Delays>;
}

/**
 * The SQLite repository of the sandbox: the only code that writes SQL. A message's status is not written as it
 * moves: every read derives it from its send's time, the delays and the clock, so the lifecycle costs no write.
 */
export interface Store {
  /** The database file. */
  readonly path: string;
  /** The clock messages are read on. */
  readonly clock: () => number;
  /** The status delays in use. */
  readonly delays: Readonly<Delays>;
  /** Creates an account unless its login exists; returns the stored account either way. */
  ensureAccount(seed: FullAccountSeed): Account;
  accountByLogin(login: string): Account | undefined;
  accountByApikey(apikey: string): Account | undefined;
  accountById(id: number): Account | undefined;
  /** Creating, changing and paying accounts: sub-clients (users.php) and rented numbers (store/accounts.ts). */
  readonly money: Pick<AccountQueries, "createChild" | "update" | "transfer" | "payer">;
  /** Message templates (store/templates.ts). */
  readonly templates: TemplateQueries;
  /** Mailings and their runs (store/jobs.ts). */
  readonly jobs: JobQueries;
  /** Sub-clients' settings, payments and per-account statistics (store/subclients.ts). */
  readonly subclients: SubclientQueries;
  /** Rented inbound numbers (store/numbers.ts). */
  readonly numbers: NumberQueries;
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
  /** The same message's state only: a lighter read, for status.php without `all`. */
  findMessageState(accountId: number, wireId: string, phone?: string): MessageState | undefined;
  /** Marks messages deleted; they are no longer found, and their lifecycle reports nothing more. */
  deleteMessages(rowIds: number[], at: number): void;
  /** Sends whose lifecycle still moves after a time (ms): their delivery time and rows. */
  inFlight: MessageQueries["inFlight"];
  /** A send's recipients (not deleted, no outcome set) as they are right after one step of their lifecycle. */
  rowsAfter: MessageQueries["rowsAfter"];
  /** Sets a message's status now, for good (its history so far is kept); undefined for an unknown or deleted row. */
  setOutcome(rowId: number, status: number, err: number): Message | undefined;
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
  /** History pages and send totals of get.php (store/history.ts). */
  readonly history: HistoryQueries;
  /** Task groups of ping.php (store/task-groups.ts). */
  readonly taskGroups: TaskGroupQueries;
  /** Requests to confirm a number by a call (store/wait-calls.ts). */
  readonly waitCalls: WaitCallQueries;
  /** Short links of tinyurl=1 sends and their clicks (store/short-links.ts). */
  readonly shortLinks: ShortLinkQueries;
  /** phones.php contacts and groups (store/contacts.ts). */
  readonly contacts: ContactQueries;
  /** phones.php black lists (store/blacklist.ts). */
  readonly blacklist: BlacklistQueries;
  /** senders.php sender names (store/senders.ts). */
  readonly senders: SenderQueries;
  /** op_templates.php operator templates (store/op-templates.ts). */
  readonly opTemplates: OpTemplateQueries;
  /** documents.php invoices (store/invoices.ts). */
  readonly invoices: InvoiceQueries;
  /** Commits what is queued, then closes the database. */
  close(): void;
}

/** WAL, and the file's exclusive lock taken now (waiting out a sandbox that is still closing it), or says who holds it. */
function takeFile(db: SqliteDatabase, path: string): void {
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("journal_mode = WAL");
    db.exec("BEGIN EXCLUSIVE; COMMIT");
  } catch (err) {
    db.close();
    if (!/locked|busy/i.test((err as Error).message)) throw err;
    throw new Error(`${path} is in use by another sandbox: give each sandbox its own --db file`, {
      cause: err,
    });
  }
}

/**
 * Tells `recent` of every row of `messages` updated or deleted, whatever statement does it: temporary triggers of
 * this connection only (not in the file, so another tool opening it needs no function of ours).
 */
function watchMessageChanges(db: SqliteDatabase, recent: RecentSends): void {
  db.function("smsc_message_changed", { deterministic: false }, (rowId: number) => {
    recent.changed(Number(rowId));
    return null;
  });
  db.exec(`CREATE TEMP TRIGGER messages_updated AFTER UPDATE ON main.messages
             BEGIN SELECT smsc_message_changed(OLD.row_id); END;
           CREATE TEMP TRIGGER messages_deleted AFTER DELETE ON main.messages
             BEGIN SELECT smsc_message_changed(OLD.row_id); END;`);
}

/**
 * Opens (creating if needed) the database file, applies pending migrations and prepares every statement once.
 * @param path a file path; the caller owns the file.
 */
export function openStore(path: string, options: StoreOptions = {}): Store {
  const clock = options.clock ?? Date.now;
  const delays: Delays = { ...DEFAULT_DELAYS, ...options.delays };
  const db = openDatabase(path);
  // One sandbox owns its file: without the shared-memory locks of WAL every statement (a status.php read above
  // all) skips about 2 µs of lock calls, and a second sandbox on the same --db is refused instead of racing it.
  takeFile(db, path);
  // In WAL mode NORMAL skips the fsync per commit: a committed send still survives the process being killed
  // (the WAL is written before the reply), only an OS crash may lose the last ones — fine for a local test
  // double, and about 8x the commits per second of FULL on this machine (docs/sandbox.md "Storage").
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  // 16 MiB of page cache keeps the indexes of a million messages hot without a large resident set
  db.pragma("cache_size = -16000");
  db.function(FOLD_FUNCTION, { deterministic: true }, (s: string | null) => (s === null ? null : fold(s)));
  migrate(db);
  // before the accounts are read: a send cut short gives its money back
  undoPendingSends(db);

  const accounts: AccountQueries = createAccountQueries(db);
  const search = createSearchIndexer(db);
  const recent = new RecentSends();
  watchMessageChanges(db, recent);
  const sends = createSendWriter(db, accounts, search, recent);
  const messages = createMessageQueries(db, clock, delays, recent);
  const migrations = db.prepare("SELECT name FROM schema_migrations ORDER BY name");

  return {
    path,
    clock,
    delays,
    ensureAccount: (seed) => accounts.ensure(seed),
    accountByLogin: (login) => accounts.byLogin(login),
    accountByApikey: (apikey) => accounts.byApikey(apikey),
    accountById: (id) => accounts.byId(id),
    money: accounts,
    templates: createTemplateQueries(db),
    jobs: createJobQueries(db, clock, delays),
    subclients: createSubclientQueries(db, () => accounts.all()),
    numbers: createNumberQueries(db),
    nextMessageId: () => sends.nextId(),
    writeSend: (w) => sends.write(w),
    findMessage: (accountId, wireId, phone) => messages.find(accountId, wireId, phone),
    findMessageState: (accountId, wireId, phone) => messages.findState(accountId, wireId, phone),
    deleteMessages: (rowIds, at) => messages.delete(rowIds, at),
    inFlight: (after) => messages.inFlight(after),
    rowsAfter: (rows, step) => messages.rowsAfter(rows, step),
    setOutcome: (rowId, status, err) => messages.setOutcome(rowId, status, err),
    appliedMigrations: () => (migrations.all() as Array<{ name: string }>).map((r) => r.name),
    listMessages: (filter) => messages.list(filter),
    inspection: createInspectionQueries(db, {
      clock,
      delays,
      search,
      accountChanged: (login) => accounts.refresh(login),
    }),
    callbacks: createCallbackQueries(db),
    retention: createRetentionQueries(db),
    history: createHistoryQueries(db, clock, delays),
    taskGroups: createTaskGroupQueries(db),
    waitCalls: createWaitCallQueries(db),
    shortLinks: createShortLinkQueries(db),
    contacts: createContactQueries(db, FOLD_FUNCTION),
    blacklist: createBlacklistQueries(db),
    senders: createSenderQueries(db),
    opTemplates: createOpTemplateQueries(db),
    invoices: createInvoiceQueries(db),
    close() {
      sends.flush();
      search.close();
      db.close();
    },
  };
}
