import type { BalanceReply, ErrorReply } from "smsc/protocol";
import type { Store } from "../store/store.js";
import { apiError } from "./api-error.js";
import { answer, type Fate, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import { md5Hex } from "./md5.js";
import type { Account, AccountSeed, Credentials } from "./types.js";

/** The account every sandbox has: login `demo`, password `demo`, API key `demo-apikey`, 1000.00 KZT. */
export const DEMO_ACCOUNT = {
  login: "demo",
  password: "demo",
  apikey: "demo-apikey",
  balance: 1000,
  currency: "KZT",
} as const satisfies AccountSeed;

/** The default sender name of new accounts. */
export const DEFAULT_SENDER = "SMSC.KZ";

/** Accounts and money: who a request is, and what it may spend. */
export interface Accounts {
  authenticate(creds: Credentials): Account | ErrorReply;
  /** balance.php: the account's money, or error 9 over the per-minute limit. */
  balance(account: Account): Fate<BalanceReply>;
  /** Puts the seed accounts' balances back (the sandbox's reset). */
  restoreSeeds(): void;
}

/** Creates the accounts module, making sure the demo account and the seeds exist. */
export function createAccounts(deps: { store: Store; limits: Limits; seeds: AccountSeed[] }): Accounts {
  const { store, limits } = deps;
  const seeds = [DEMO_ACCOUNT, ...deps.seeds] as AccountSeed[];
  for (const seed of seeds) {
    store.ensureAccount({
      ...seed,
      balance: seed.balance ?? 1000,
      currency: seed.currency ?? "KZT",
      credit: seed.credit ?? 0,
      sender: seed.sender ?? DEFAULT_SENDER,
    });
  }
  return {
    authenticate(creds) {
      if (limits.blocked(creds.ip)) return apiError(4);
      let account: Account | undefined;
      if (creds.apikey) account = store.accountByApikey(creds.apikey);
      else if (creds.login && creds.psw !== undefined) {
        const a = store.accountByLogin(creds.login);
        if (a && (creds.psw === a.password || creds.psw === md5Hex(a.password))) account = a;
      }
      if (account) return account;
      limits.authFailed(creds.ip);
      return apiError(2);
    },
    balance(account) {
      if (!limits.balance(account.id)) return refuse(apiError(9, "balance"));
      // a sub-client of types 2-4 spends (and so shows) its main account's balance
      const a = store.money.payer(account.id) ?? account;
      return answer({ balance: a.balance, ...(a.credit ? { credit: a.credit } : {}), currency: a.currency });
    },
    restoreSeeds() {
      for (const seed of seeds) store.inspection.setBalance(seed.login, seed.balance ?? 1000);
    },
  };
}
