import { sharesMainBalance } from "smsc/protocol";
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
  /** Every account, in memory. */
  all(): Iterable<Account>;
  /** Re-reads an account after its row changed elsewhere (a balance set by the inspection API). */
  refresh(login: string): void;
  /** Writes balances (in minor units) inside the caller's transaction; `applied` then updates memory. */
  writeBalances(balances: Map<number, number>): void;
  /** Brings the balances in memory up to what a committed transaction wrote. */
  applied(balances: Map<number, number>): void;
  /** The account whose balance pays for an account's sends: its parent for sub-clients of types 2, 3 and 4. */
  payer(id: number): Account | undefined;
  /** Creates a sub-client under a parent, with `write` in the same transaction; undefined when the login is taken. */
  createChild(
    seed: FullAccountSeed & { parentId: number; type: number; testMode: boolean },
    write?: (id: number) => void,
  ): Account | undefined;
  /** Changes an account's login, password, type or test mode; undefined when the new login is taken. */
  update(
    id: number,
    changes: { login?: string; password?: string; type?: number; testMode?: boolean },
  ): Account | undefined;
  /**
   * Moves `minor` units from one account to another (the debit side may not go below minus its credit), with
   * `write` in the same transaction; `to` undefined only debits. False (nothing written) when it does not cover it.
   */
  transfer(fromId: number, toId: number | undefined, minor: number, write?: () => void): boolean;
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
  parent_id?: number | null;
  user_type?: number;
  test_mode?: number;
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
    ...(r.parent_id !== null && r.parent_id !== undefined ? { parentId: r.parent_id } : {}),
    ...(r.user_type ? { type: r.user_type } : {}),
    ...(r.test_mode ? { testMode: true } : {}),
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
    insertChild: db.prepare(
      `INSERT INTO accounts (login, password, apikey, balance_minor, credit_minor, currency, sender, created_at,
         parent_id, user_type, test_mode)
       VALUES (@login, @password, NULL, @balance, 0, @currency, @sender, @createdAt, @parentId, @type, @testMode)
       ON CONFLICT (login) DO NOTHING`,
    ),
    update: db.prepare(
      `UPDATE accounts SET login = coalesce(@login, login), password = coalesce(@password, password),
         user_type = coalesce(@type, user_type), test_mode = coalesce(@testMode, test_mode) WHERE id = @id`,
    ),
    byIdRow: db.prepare("SELECT * FROM accounts WHERE id = ?"),
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
  const minorOf = (id: number) => toMinor(byId.get(id)?.balance ?? 0);
  const setBalances = (balances: Map<number, number>) => {
    for (const [id, minor] of balances) q.setBalance.run(minor, id);
  };
  const applied = (balances: Map<number, number>) => {
    for (const [id, minor] of balances) {
      const a = byId.get(id);
      // the object is shared with whoever holds the account, so they see the new balance too
      if (a) a.balance = fromMinor(minor);
    }
  };
  const createChild = db.transaction(
    (
      seed: FullAccountSeed & { parentId: number; type: number; testMode: boolean },
      write?: (id: number) => void,
    ) => {
      const r = q.insertChild.run({
        login: seed.login,
        password: seed.password,
        balance: toMinor(seed.balance),
        currency: seed.currency,
        sender: seed.sender,
        createdAt: Date.now(),
        parentId: seed.parentId,
        type: seed.type,
        testMode: seed.testMode ? 1 : 0,
      });
      if (Number(r.changes) === 0) return undefined;
      const id = Number(r.lastInsertRowid);
      write?.(id);
      return id;
    },
  );
  const move = db.transaction((balances: Map<number, number>, write?: () => void) => {
    setBalances(balances);
    write?.();
  });
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
    all: () => byId.values(),
    refresh(login) {
      refresh(login);
    },
    writeBalances: setBalances,
    applied,
    payer(id) {
      const a = byId.get(id);
      if (a?.parentId !== undefined && sharesMainBalance(a.type ?? 0)) return byId.get(a.parentId) ?? a;
      return a;
    },
    createChild(seed, write) {
      const id = createChild(seed, write);
      return id === undefined ? undefined : cache(q.byIdRow.get(id) as AccountRow);
    },
    update(id, changes) {
      const before = byId.get(id);
      if (!before) return undefined;
      if (changes.login !== undefined && changes.login !== before.login && byLogin.has(changes.login))
        return undefined;
      q.update.run({
        id,
        login: changes.login ?? null,
        password: changes.password ?? null,
        type: changes.type ?? null,
        testMode: changes.testMode === undefined ? null : changes.testMode ? 1 : 0,
      });
      if (changes.login !== undefined && changes.login !== before.login) byLogin.delete(before.login);
      const row = q.byIdRow.get(id) as AccountRow;
      const a = toAccount(row);
      // keep the shared object: whoever holds the account sees the change
      for (const k of ["parentId", "type", "testMode"] as const) delete before[k];
      Object.assign(before, a);
      byLogin.set(before.login, before);
      return before;
    },
    transfer(fromId, toId, minor, write) {
      const from = byId.get(fromId);
      if (!from || (toId !== undefined && !byId.has(toId))) return false;
      if (minorOf(fromId) + toMinor(from.credit) < minor) return false;
      const balances = new Map([[fromId, minorOf(fromId) - minor]]);
      if (toId !== undefined) balances.set(toId, minorOf(toId) + minor);
      move(balances, write);
      applied(balances);
      return true;
    },
  };
}
