import type { Store } from "../store/store.js";
import type { Refusal } from "./plan-send.js";

/**
 * Where a black-listed number's messages end (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Address book", **[INF]**): status 23 (prohibited,
 * which the service's status table names for black lists) with err 250 ("number prohibited by the settings").
 */
export const BLACKLISTED: Refusal = { status: 23, err: 250 };

/** The black lists of phones.php: kept in memory (every send asks), written through to the store. */
export interface Blacklist {
  /** Lists a number with a type (0 all, 1 mass mailings, 2 single messages); returns the entry's id. */
  add(accountId: number, phone: string, type: number, comment: string): number;
  /** Takes numbers off the list; returns how many were on it. */
  remove(accountId: number, phones: string[]): number;
  /** BLACKLISTED when the number's type blocks a send of this kind; HLR requests reach no handset and pass. */
  refusal(accountId: number, phone: string, send: { mass: boolean; format: string }): Refusal | undefined;
}

/** Loads the black lists of every account from the store. */
export function createBlacklist(deps: { store: Store; clock: () => number }): Blacklist {
  const { store, clock } = deps;
  const lists = new Map<number, Map<string, number>>();
  const listOf = (accountId: number) => {
    const l = lists.get(accountId) ?? new Map<string, number>();
    lists.set(accountId, l);
    return l;
  };
  for (const e of store.blacklist.all()) listOf(e.accountId).set(e.phone, e.type);
  return {
    add(accountId, phone, type, comment) {
      const e = store.blacklist.upsert(accountId, phone, type, comment, clock());
      listOf(accountId).set(phone, type);
      return e.id;
    },
    remove(accountId, phones) {
      const n = store.blacklist.remove(accountId, phones);
      for (const p of phones) lists.get(accountId)?.delete(p);
      return n;
    },
    refusal(accountId, phone, send) {
      const type = lists.get(accountId)?.get(phone);
      if (type === undefined || send.format === "hlr") return undefined;
      const blocks = type === 0 || (type === 1 ? send.mass : !send.mass);
      return blocks ? BLACKLISTED : undefined;
    },
  };
}
