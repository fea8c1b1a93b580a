import type { Account, AccountSeed } from "./records.js";
import { fromMinor, toMinor } from "./rows.js";
import type { SqliteDatabase } from "./sqlite.js";

/** An account to create, every field given. */
export type FullAccountSeed = AccountSeed & {
  balance: number;
  currency: string;
  credit: number;
  sender: string;
};

/** The accounts: few, and read on every request, so they live in memory, written through on every change. */
export interface AccountQueries {
  /** Creates an account unless its login exists; returns the stored account either way. */
  ensure(seed: FullAccountSeed): Account;
  byLogin(login: string): Account | undefined;
  byApikey(apikey: string): Account | undefined;
  byId(id: number): Account | undefined;
  /** Re-reads an account after its row changed elsewhere (a balance set by the inspection API). */
  refresh(login: string): void;
  /** Writes balances (in minor units) inside the caller's transaction; `applied` then updates memory. */
  writeBalances(balances: Map<number, number>): void;
  /** Brings the balances in memory up to what a committed transaction wrote. */
  applied(balances: Map<number, number>): void;
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

/** Loads the accounts and prepares their statements. */
export function createAccountQueries(db: SqliteDatabase): AccountQueries {
  const q = {
    byLogin: db.prepare("SELECT * FROM accounts WHERE login = ?"),
    all: db.prepare("SELECT * FROM accounts"),
    insert: db.prepare(
      `INSERT INTO accounts (login, password, apikey, balance_minor, credit_minor, currency, sender, created_at)
       VALUES (@login, @password, @apikey, @balance, @credit, @currency, @sender, @createdAt)
       ON CONFLICT (login) DO NOTHING`,
    ),
    setBalance: db.prepare("UPDATE accounts SET balance_minor = ? WHERE id = ?"),
  };
  const byId = new Map<number, Account>();
  const byLogin = new Map<string, Account>();
  const byApikey = new Map<string, Account>();
  const cache = (row: AccountRow | undefined): Account | undefined => {
    if (!row) return undefined;
    const a = toAccount(row);
    const old = byId.get(a.id);
    if (old?.apikey !== undefined) byApikey.delete(old.apikey);
    byId.set(a.id, a);
    byLogin.set(a.login, a);
    if (a.apikey !== undefined) byApikey.set(a.apikey, a);
    return a;
  };
  for (const row of q.all.all() as AccountRow[]) cache(row);
  const refresh = (login: string) => cache(q.byLogin.get(login) as AccountRow | undefined);
  return {
    ensure(seed) {
      q.insert.run({
        login: seed.login,
        password: seed.password,
        apikey: seed.apikey ?? null,
        balance: toMinor(seed.balance),
        credit: toMinor(seed.credit),
        currency: seed.currency,
        sender: seed.sender,
        createdAt: Date.now(),
      });
      return refresh(seed.login)!;
    },
    byLogin: (login) => byLogin.get(login),
    byApikey: (apikey) => byApikey.get(apikey),
    byId: (id) => byId.get(id),
    refresh(login) {
      refresh(login);
    },
    writeBalances(balances) {
      for (const [id, minor] of balances) q.setBalance.run(minor, id);
    },
    applied(balances) {
      for (const [id, minor] of balances) {
        const a = byId.get(id);
        // the object is shared with whoever holds the account, so they see the new balance too
        if (a) a.balance = fromMinor(minor);
      }
    },
  };
}
