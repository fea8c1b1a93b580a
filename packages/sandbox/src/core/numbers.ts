import { RECEIVE_PHONES_PRICE, SCRIPT_LIMITS } from "smsc/protocol";
import { normalisePhone } from "../store/address.js";
import type { Rental } from "../store/numbers.js";
import type { Account } from "../store/records.js";
import { toMinor } from "../store/rows.js";
import type { Store } from "../store/store.js";
import { apiError } from "./api-error.js";
import { answer, type Fate, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import { monthEnd, monthStart } from "./repeat-schedule.js";
import { perMinuteLimit, requestKey } from "./request-limit.js";

export type { Rental } from "../store/numbers.js";

/**
 * The sandbox's dedicated inbound numbers **[INF]**: ten Kazakh numbers, 7700900000 0…9, each rented by one account
 * at a time for `RECEIVE_PHONES_PRICE` a month.
 */
export const NUMBER_POOL: readonly string[] = Array.from({ length: 10 }, (_, i) => `7700900000${i}`);

/** One number of receive_phones.php?get=1: free to rent, or rented by the asking account. */
export interface NumberLine {
  phone: string;
  /** A month's price. */
  cost: number;
  rental?: Rental;
}

/** What a receive_phones.php request did. */
export type NumbersOutcome =
  | { kind: "list"; numbers: NumberLine[] }
  | { kind: "bought"; rental: Rental; cost: number; balance: number }
  | { kind: "changed"; rental: Rental };

/** receive_phones.php (spec §6.12): renting dedicated numbers that receive SMS. */
export interface Numbers {
  /** `get=1` lists, `buy=1&phone=` rents for the rest of the month, `chg=1&phone=&noprolong=` (errors 1, 3, 9). */
  serve(input: { account: Account; params: Record<string, string> }): Fate<NumbersOutcome>;
}

/** The rentals' control surface: who receives the SMS sent to a number. */
export interface NumbersControl {
  /** The account renting a number (digits or any written form), after settling renewals due by the clock. */
  ownerOf(phone: string): Account | undefined;
}

/**
 * Creates the rentals module. Renewals are settled when the rentals are read: at the end of a paid month a number
 * is renewed for the next month (debited from its owner) unless `noprolong` is set or the money does not cover it,
 * in which case it is released.
 */
export function createNumbers(deps: { store: Store; clock: () => number; limits: Limits }): {
  numbers: Numbers;
  control: NumbersControl;
} {
  const { store, clock } = deps;
  const allow = perMinuteLimit(deps.limits, clock, SCRIPT_LIMITS.identicalReceivePhones);
  const refuseN = (code: number) => refuse<NumbersOutcome>(apiError(code, "receivePhones"));
  const price = toMinor(RECEIVE_PHONES_PRICE);

  function settle(): void {
    const now = clock();
    for (const r of store.numbers.all()) {
      let paidUntil = r.paidUntil;
      while (paidUntil <= now) {
        const end = monthEnd(paidUntil);
        const renewed =
          !r.noprolong &&
          store.money.transfer(store.money.payer(r.accountId)?.id ?? r.accountId, undefined, price, () =>
            store.numbers.renew(r.phone, end, price, paidUntil),
          );
        if (!renewed) {
          store.numbers.release(r.phone);
          break;
        }
        paidUntil = end;
      }
    }
  }

  /** The rest of this month's price: the share of the month left, rounded up to a cent. */
  function firstMonth(now: number): { cost: number; until: number } {
    const start = monthStart(now);
    const until = monthEnd(now);
    return { cost: Math.ceil((price * (until - now)) / (until - start)), until };
  }

  return {
    numbers: {
      serve({ account, params: p }) {
        const command = ["get", "buy", "chg"].find((c) => p[c] === "1");
        const phone = p.phone?.trim() ? normalisePhone(p.phone) : undefined;
        const noprolong = p.noprolong === undefined || p.noprolong === "" ? undefined : p.noprolong;
        if (command === undefined || (noprolong !== undefined && noprolong !== "0" && noprolong !== "1"))
          return refuseN(1);
        if (command !== "get" && (phone === undefined || !NUMBER_POOL.includes(phone))) return refuseN(1);
        if (command === "chg" && noprolong === undefined) return refuseN(1);
        if (!allow(requestKey("receive_phones", account.id, p))) return refuseN(9);
        settle();
        if (command === "get") {
          const rentals = new Map(store.numbers.all().map((r) => [r.phone, r]));
          const numbers = NUMBER_POOL.flatMap((n): NumberLine[] => {
            const r = rentals.get(n);
            if (r && r.accountId !== account.id) return [];
            return [{ phone: n, cost: RECEIVE_PHONES_PRICE, ...(r ? { rental: r } : {}) }];
          });
          return answer({ kind: "list", numbers });
        }
        const rented = store.numbers.byPhone(phone!);
        if (command === "chg") {
          if (rented?.accountId !== account.id) return refuseN(1);
          store.numbers.setNoprolong(account.id, phone!, noprolong === "1");
          return answer({ kind: "changed", rental: store.numbers.byPhone(phone!)! });
        }
        if (rented) return refuseN(1);
        const now = clock();
        const { cost, until } = firstMonth(now);
        const rental: Rental = {
          phone: phone!,
          accountId: account.id,
          rentedAt: now,
          paidUntil: until,
          noprolong: noprolong === "1",
        };
        // a sub-client of types 2-4 pays with its main account's money
        const payer = store.money.payer(account.id) ?? account;
        if (!store.money.transfer(payer.id, undefined, cost, () => store.numbers.rent(rental, cost)))
          return refuseN(3);
        const balance = payer.balance;
        return answer({ kind: "bought", rental, cost: cost / 100, balance });
      },
    },
    control: {
      ownerOf(phone) {
        settle();
        const r = store.numbers.byPhone(normalisePhone(phone));
        return r ? store.accountById(r.accountId) : undefined;
      },
    },
  };
}
