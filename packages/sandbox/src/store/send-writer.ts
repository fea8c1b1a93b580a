import type { MessageFormat } from "smsc/protocol";
import type { AccountQueries } from "./accounts.js";
import { createGroupCommit } from "./group-commit.js";
import type { Origin } from "./records.js";
import { fromMinor, toMinor } from "./rows.js";
import { searchBody } from "./search.js";
import type { SqliteDatabase } from "./sqlite.js";

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

/** What a send asks the store to write: the send once, then its recipients. */
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

/** The write path of sends. */
export interface SendWriter {
  /** Queues a send; resolves after the transaction holding it committed (undefined: not enough money). */
  write(w: SendWrite): Promise<WrittenSend | undefined>;
  /** Consumes the next server id outside a send (error replies that carry an id use one), written at once. */
  nextId(): number;
  /** Commits whatever is queued now. */
  flush(): void;
}

/**
 * Sends queued during one turn of the event loop are written in one transaction (group commit). Money is checked
 * against the balances in memory and each touched balance is written once per batch; ids come from counters kept
 * in memory and written in the same transaction, so an id is never handed out twice, even after a crash.
 */
export function createSendWriter(db: SqliteDatabase, accounts: AccountQueries): SendWriter {
  const q = {
    counter: db.prepare("SELECT value FROM counters WHERE name = ?"),
    setCounter: db.prepare("UPDATE counters SET value = ? WHERE name = ?"),
    insertSend: db.prepare(
      `INSERT INTO sends (id, account_id, wire_id, origin, sender, format, type, text, created_at, send_at,
         first_row, rows, request)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages (row_id, send_id, account_id, phone, text, parts, cost_minor, final_status, final_err,
         comment)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertSearch: db.prepare("INSERT INTO search (rowid, body) VALUES (?, ?)"),
  };
  const counter = (name: string) => (q.counter.get(name) as { value: number }).value;
  let lastSendId = counter("message_id");
  let lastRowId = counter("row_id");

  function writeOne(w: SendWrite, balances: Map<number, number>): WrittenSend | undefined {
    // a sub-client of types 2-4 spends its main account's money
    const account = accounts.payer(w.accountId);
    if (!account) return undefined;
    const balance = balances.get(account.id) ?? toMinor(account.balance);
    const cost = toMinor(w.cost);
    if (balance + toMinor(account.credit) < cost) return undefined;
    balances.set(account.id, balance - cost);
    const sendId = ++lastSendId;
    const wireId = w.clientId ?? String(sendId);
    const firstRow = lastRowId + 1;
    const text = w.recipients[0]!.text;
    q.insertSend.run(
      sendId,
      w.accountId,
      wireId,
      w.origin,
      w.sender,
      w.format,
      w.type,
      text,
      w.createdAt,
      w.sendAt,
      firstRow,
      w.recipients.length,
      JSON.stringify(w.request),
    );
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
    return { sendId, wireId, firstRow, balance: fromMinor(balance - cost) };
  }

  const writeBatch = db.transaction((batch: SendWrite[], balances: Map<number, number>) => {
    const out = batch.map((w) => writeOne(w, balances));
    accounts.writeBalances(balances);
    q.setCounter.run(lastSendId, "message_id");
    q.setCounter.run(lastRowId, "row_id");
    return out;
  });

  const commits = createGroupCommit<SendWrite, WrittenSend | undefined>({
    write(batch) {
      const balances = new Map<number, number>();
      const out = writeBatch(batch, balances);
      accounts.applied(balances);
      return out;
    },
    weight: (w) => w.recipients.length,
  });

  return {
    write: (w) => commits.submit(w),
    nextId() {
      q.setCounter.run(++lastSendId, "message_id");
      return lastSendId;
    },
    flush: () => commits.flush(),
  };
}
