import { TARIFF_LIMITS } from "smsc/protocol";
import { fromMinor } from "../store/rows.js";
import type { Store } from "../store/store.js";
import { apiError } from "./api-error.js";
import { answer, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import { dayRange, IdenticalRequests } from "./report-params.js";
import type { PriceTable } from "./tariffs.js";
import type { Core } from "./types.js";

/**
 * Statistics and tariffs (get.php?get_stat=1, get_price=1), from the sandbox's own sends and its price table:
 * `stats` is what the account sent and spent between `start` and `end` (spec §6.3), `tariffs` the price table, one
 * record per zone (api-surface §1.4), the same table that prices every send.
 */
export type Billing = Core["billing"];

/** Creates the billing module over the store and the sandbox's price table. */
export function createBilling(deps: {
  store: Store;
  clock: () => number;
  limits: Limits;
  prices: PriceTable;
}): Billing {
  const identical = new IdenticalRequests(deps.clock, deps.limits);
  const max = TARIFF_LIMITS.identicalPerMinute;
  return {
    stats({ account, params }) {
      const range = dayRange(params.start, params.end);
      if (!range) return refuse(apiError(1, "get"));
      if (!identical.allow("stat", account.id, params, max)) return refuse(apiError(9, "get"));
      // `mycur` and `balance2` change nothing: an account has one balance, kept in its own currency
      const t = deps.store.history.totals(account.id, range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER);
      return answer({
        login: account.login,
        sms: t.parts,
        credit: fromMinor(t.costMinor),
        debit: 0,
        currency: account.currency,
      });
    },
    tariffs({ account, params }) {
      if (!identical.allow("price", account.id, params, max)) return refuse(apiError(9, "get"));
      return answer(deps.prices.tariffs());
    },
  };
}
