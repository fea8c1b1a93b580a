import type { Account } from "./records.js";
import { fromMinor } from "./rows.js";
import type { SqliteDatabase } from "./sqlite.js";

/** An account's figures over a period: what get_stat reports per login (spec §6.3). */
export interface AccountStats {
  /** SMS sent (parts of every message stored in the period). */
  sms: number;
  /** Money spent: messages, plus rented numbers. */
  credit: number;
  /** Money received through users.php pay=1 (net of money taken back). */
  debit: number;
}

/** A period, ms; either end may be open. */
export interface Period {
  from?: number;
  to?: number;
}

/**
 * Sub-clients' SQL beyond the accounts themselves (which live in the accounts table, store/accounts.ts): their
 * users.php settings, the payments between accounts, and per-account statistics. `accountStats` is the per-account
 * data that get.php?get_stat and users.php?get_stat both report.
 */
export interface SubclientQueries {
  /** The sub-clients of a main account, oldest first. */
  children(parentId: number): Account[];
  /** A sub-client's users.php settings (wire name → value). */
  settings(accountId: number): Record<string, string>;
  /** Merges settings into a sub-client's (inside the caller's transaction when there is one). */
  saveSettings(accountId: number, settings: Record<string, string>): void;
  /** Records money moved from one account to another (inside the caller's transaction). */
  recordPayment(fromId: number, toId: number, minor: number, at: number): void;
  /** What an account sent, spent and received in a period. */
  accountStats(accountId: number, period?: Period): AccountStats;
}

/** Prepares the statements; `accounts` lists the accounts in memory. */
export function createSubclientQueries(
  db: SqliteDatabase,
  accounts: () => Iterable<Account>,
): SubclientQueries {
  const q = {
    settings: db.prepare("SELECT settings FROM subclient_settings WHERE account_id = ?"),
    save: db.prepare(
      `INSERT INTO subclient_settings (account_id, settings) VALUES (?, ?)
       ON CONFLICT (account_id) DO UPDATE SET settings = excluded.settings`,
    ),
    pay: db.prepare("INSERT INTO payments (from_id, to_id, amount_minor, at) VALUES (?, ?, ?, ?)"),
    sent: db.prepare(
      `SELECT coalesce(sum(m.parts), 0) AS sms, coalesce(sum(m.cost_minor), 0) AS cost
       FROM sends s JOIN messages m ON m.row_id BETWEEN s.first_row AND s.first_row + s.rows - 1
       WHERE s.account_id = ? AND s.created_at >= ? AND s.created_at < ?`,
    ),
    charges: db.prepare(
      "SELECT coalesce(sum(amount_minor), 0) AS n FROM number_charges WHERE account_id = ? AND at >= ? AND at < ?",
    ),
    received: db.prepare(
      "SELECT coalesce(sum(amount_minor), 0) AS n FROM payments WHERE to_id = ? AND at >= ? AND at < ?",
    ),
  };
  const settings = (accountId: number): Record<string, string> => {
    const r = q.settings.get(accountId) as { settings: string } | undefined;
    return r ? (JSON.parse(r.settings) as Record<string, string>) : {};
  };
  return {
    children: (parentId) =>
      [...accounts()].filter((a) => a.parentId === parentId).sort((a, b) => a.id - b.id),
    settings,
    saveSettings(accountId, s) {
      q.save.run(accountId, JSON.stringify({ ...settings(accountId), ...s }));
    },
    recordPayment(fromId, toId, minor, at) {
      q.pay.run(fromId, toId, minor, at);
    },
    accountStats(accountId, period = {}) {
      const from = period.from ?? 0;
      const to = period.to ?? Number.MAX_SAFE_INTEGER;
      const sent = q.sent.get(accountId, from, to) as { sms: number; cost: number };
      const charges = (q.charges.get(accountId, from, to) as { n: number }).n;
      const received = (q.received.get(accountId, from, to) as { n: number }).n;
      return { sms: sent.sms, credit: fromMinor(sent.cost + charges), debit: fromMinor(received) };
    },
  };
}
