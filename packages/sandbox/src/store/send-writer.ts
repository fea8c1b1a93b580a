import type { MessageFormat } from "smsc/protocol";
import type { AccountQueries } from "./accounts.js";
import { createGroupCommit } from "./group-commit.js";
import type { RecentSends } from "./recent-sends.js";
import type { Origin } from "./records.js";
import { fromMinor, toMinor } from "./rows.js";
import type { SearchIndexer } from "./search-index.js";
import { INSERT_SHORT_LINK, type NewShortLink } from "./short-links.js";
import type { SqliteDatabase } from "./sqlite.js";

/** One recipient of a send about to be stored. */
export interface NewRecipient {
  phone: string;
  text: string;
  parts: number;
  cost: number;
  comment: string;
  /** The status it ends in, when not 1 (a magic number's failure; 0: it never arrives and stays in 0). */
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
  /** Short links its text uses that were not stored yet (tinyurl=1): stored with it, or not at all. */
  links?: NewShortLink[];
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
  /** Queues a send; resolves after the transaction holding it (its last piece) committed (undefined: not enough money). */
  write(w: SendWrite): Promise<WrittenSend | undefined>;
  /** Consumes the next server id outside a send (error replies that carry an id use one), written at once. */
  nextId(): number;
  /** Commits whatever is queued now. */
  flush(): void;
}

/**
 * Recipients written by one transaction. A bigger send is written in pieces of this many rows, one per group-commit
 * batch, so that one transaction (and one turn of the event loop) stays a few milliseconds long.
 */
export const ROWS_PER_PIECE = 500;

/**
 * What one transaction may write, in rows (see pieceWeight): about 10 ms on the 2-core machine under load
 * (https://github.com/smsc-kz/smsc/blob/main/docs/reliability.md "Bounded work").
 */
export const MAX_BATCH_WEIGHT = 1000;

/** A send's own row weighs this many recipients' rows (it is indexed for search later, see search-index.ts). */
const SEND_WEIGHT = 10;

/**
 * A batch lighter than 32 one-recipient sends waits one more turn for more (group-commit.ts `gather`). Under 32
 * connections of send.php a turn used to commit about 17 sends; waiting a turn: 5–10% more sends a second for the
 * same CPU (4 alternating pairs of runs on the 2-core machine, docs/benchmarks.md).
 */
const GATHER_WEIGHT = 32 * (1 + SEND_WEIGHT);

/** A send on its way into the store: what its first piece decided, and how far it got. */
interface SendState {
  w: SendWrite;
  /** The account the send was debited from: its own, or a sub-client's main account. */
  payerId: number;
  sendId: number;
  wireId: string;
  firstRow: number;
  /** The balance right after the debit, in minor units. */
  balance: number;
  /** Rows written so far. */
  written: number;
}

/** Rows `from` … `to - 1` of a send; the first piece debits and numbers the send, the last makes it visible. */
interface Piece {
  w: SendWrite;
  state?: SendState;
  from: number;
  to: number;
}

/** What a piece costs to write, in rows: its rows, and for the last piece the `sends` row too. */
function pieceWeight(p: Piece): number {
  return p.to - p.from + (p.to < p.w.recipients.length ? 0 : SEND_WEIGHT);
}

/** What a piece's transaction did. */
type PieceResult = { state: SendState } | "no money";

/** Tells `recent` of the sends a committed batch completed (their last piece was in it). */
function remember(batch: Piece[], out: PieceResult[], recent: RecentSends): void {
  for (let i = 0; i < batch.length; i++) {
    const p = batch[i]!;
    const r = out[i]!;
    if (r === "no money" || p.to < p.w.recipients.length) continue;
    const { w } = p;
    recent.add(
      w.accountId,
      {
        wireId: r.state.wireId,
        format: w.format,
        createdAt: w.createdAt,
        sendAt: w.sendAt,
        firstRow: r.state.firstRow,
        rows: w.recipients.length,
      },
      w.recipients,
    );
  }
}

/**
 * Undoes the sends a crash (or a failed write) left half written (see migration 0090): gives their money back and
 * deletes their rows, which no read could see without the `sends` row. Runs when the store opens, before the
 * accounts are loaded.
 */
export function undoPendingSends(db: SqliteDatabase): number {
  const pending = db
    .prepare("SELECT send_id, account_id, first_row, rows, cost_minor FROM pending_sends")
    .all() as Array<{
    send_id: number;
    account_id: number;
    first_row: number;
    rows: number;
    cost_minor: number;
  }>;
  if (pending.length === 0) return 0;
  const refund = db.prepare("UPDATE accounts SET balance_minor = balance_minor + ? WHERE id = ?");
  const rows = db.prepare("DELETE FROM messages WHERE row_id BETWEEN ? AND ?");
  const done = db.prepare("DELETE FROM pending_sends WHERE send_id = ?");
  db.transaction(() => {
    for (const p of pending) {
      refund.run(p.cost_minor, p.account_id);
      rows.run(p.first_row, p.first_row + p.rows - 1);
      done.run(p.send_id);
    }
  })();
  return pending.length;
}

/**
 * Sends queued during one turn of the event loop are written in one transaction (group commit). Money is checked
 * against the balances in memory and each touched balance is written once per batch; ids come from counters kept
 * in memory and written in the same transaction, so an id is never handed out twice, even after a crash. A send of
 * more than ROWS_PER_PIECE recipients is written in pieces across turns: the first debits it and reserves its rows,
 * the last writes its `sends` row (only then can anything read it) and its search document; `pending_sends` knows
 * it meanwhile, and a send that fails half way is undone at once, or when the store next opens.
 */
export function createSendWriter(
  db: SqliteDatabase,
  accounts: AccountQueries,
  search: SearchIndexer,
  recent?: RecentSends,
): SendWriter {
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
    insertPending: db.prepare(
      "INSERT INTO pending_sends (send_id, account_id, first_row, rows, cost_minor) VALUES (?, ?, ?, ?, ?)",
    ),
    deletePending: db.prepare("DELETE FROM pending_sends WHERE send_id = ?"),
    deleteRows: db.prepare("DELETE FROM messages WHERE row_id BETWEEN ? AND ?"),
    insertLink: db.prepare(INSERT_SHORT_LINK),
  };
  const counter = (name: string) => (q.counter.get(name) as { value: number }).value;
  let lastSendId = counter("message_id");
  let lastRowId = counter("row_id");

  /** The first piece: the money check, the debit, the send's id and the range of its rows. */
  function begin(w: SendWrite, balances: Map<number, number>): SendState | undefined {
    // a sub-client of types 2-4 spends its main account's money
    const account = accounts.payer(w.accountId);
    if (!account) return undefined;
    const balance = balances.get(account.id) ?? toMinor(account.balance);
    const cost = toMinor(w.cost);
    if (balance + toMinor(account.credit) < cost) return undefined;
    balances.set(account.id, balance - cost);
    const sendId = ++lastSendId;
    const firstRow = lastRowId + 1;
    lastRowId += w.recipients.length;
    if (w.recipients.length > ROWS_PER_PIECE)
      q.insertPending.run(sendId, account.id, firstRow, w.recipients.length, cost);
    return {
      w,
      payerId: account.id,
      sendId,
      wireId: w.clientId ?? String(sendId),
      firstRow,
      balance: balance - cost,
      written: 0,
    };
  }

  function writePiece(piece: Piece, balances: Map<number, number>): PieceResult {
    const { w } = piece;
    const st = piece.state ?? begin(w, balances);
    if (!st) return "no money";
    const text = w.recipients[0]!.text;
    for (let i = piece.from; i < piece.to; i++) {
      const r = w.recipients[i]!;
      q.insertMessage.run(
        st.firstRow + i,
        st.sendId,
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
    st.written = piece.to;
    if (piece.to < w.recipients.length) return { state: st };
    q.insertSend.run(
      st.sendId,
      w.accountId,
      st.wireId,
      w.origin,
      w.sender,
      w.format,
      w.type,
      text,
      w.createdAt,
      w.sendAt,
      st.firstRow,
      w.recipients.length,
      JSON.stringify(w.request),
    );
    for (const l of w.links ?? []) q.insertLink.run(l.code, w.accountId, l.url, w.createdAt);
    if (w.recipients.length > ROWS_PER_PIECE) q.deletePending.run(st.sendId);
    return { state: st };
  }

  const writeBatch = db.transaction((batch: Piece[], balances: Map<number, number>) => {
    const out = batch.map((p) => writePiece(p, balances));
    accounts.writeBalances(balances);
    q.setCounter.run(lastSendId, "message_id");
    q.setCounter.run(lastRowId, "row_id");
    return out;
  });

  const commits = createGroupCommit<Piece, PieceResult>({
    write(batch) {
      const balances = new Map<number, number>();
      // a rolled-back batch hands out its ids again: nothing that used them was committed
      const ids = { send: lastSendId, row: lastRowId };
      try {
        const out = writeBatch(batch, balances);
        accounts.applied(balances);
        search.committed();
        if (recent) remember(batch, out, recent);
        return out;
      } catch (err) {
        lastSendId = ids.send;
        lastRowId = ids.row;
        throw err;
      }
    },
    weight: pieceWeight,
    maxWeight: MAX_BATCH_WEIGHT,
    gather: GATHER_WEIGHT,
  });

  /** Gives a send's money back and deletes what it wrote, after a piece failed; what fails here waits for the next open. */
  const abandon = db.transaction((st: SendState) => {
    const balance = toMinor(accounts.byId(st.payerId)?.balance ?? 0) + toMinor(st.w.cost);
    const balances = new Map([[st.payerId, balance]]);
    accounts.writeBalances(balances);
    q.deleteRows.run(st.firstRow, st.firstRow + st.w.recipients.length - 1);
    q.deletePending.run(st.sendId);
    return balances;
  });

  async function write(w: SendWrite): Promise<WrittenSend | undefined> {
    const n = w.recipients.length;
    let state: SendState | undefined;
    try {
      for (let from = 0; from < n; from += ROWS_PER_PIECE) {
        const r = await commits.submit({
          w,
          ...(state ? { state } : {}),
          from,
          to: Math.min(n, from + ROWS_PER_PIECE),
        });
        if (r === "no money") return undefined;
        state = r.state;
      }
    } catch (err) {
      if (state) {
        try {
          accounts.applied(abandon(state));
        } catch {
          // the database is gone (closed, broken): pending_sends undoes the send when it opens again
        }
      }
      throw err;
    }
    const st = state!;
    return { sendId: st.sendId, wireId: st.wireId, firstRow: st.firstRow, balance: fromMinor(st.balance) };
  }

  return {
    write,
    nextId() {
      q.setCounter.run(++lastSendId, "message_id");
      return lastSendId;
    },
    flush: () => commits.flush(),
  };
}
