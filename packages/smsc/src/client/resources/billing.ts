import { decodeStats, decodeTariffs, type StatRecord, type TariffZone } from "../../protocol/index.js";
import type { RequestOptions } from "../options.js";
import type { Transport } from "../transport.js";
import { day } from "./history.js";
import type { DayInput } from "./read-list.js";

/** The period of `smsc.billing.stats()` (get.php?get_stat=1, spec §6.3). */
export interface StatsQuery {
  /** First day, inclusive: a Date (its Moscow day) or "DD.MM.YYYY". */
  from?: DayInput;
  /** Last day, inclusive. */
  to?: DayInput;
}

/** Statistics and tariffs of the account. */
export interface BillingResource {
  /** What the account sent and spent over a period, in its own currency (`mycur=1`). */
  stats(query?: StatsQuery, options?: RequestOptions): Promise<StatRecord>;
  /** The account's prices, one record per tariff zone (get.php?get_price=1). */
  tariffs(options?: RequestOptions): Promise<TariffZone[]>;
}

/** The billing resource over a transport. */
export function billingResource(transport: Transport): BillingResource {
  return {
    async stats(q = {}, options) {
      const f: Array<[string, string]> = [
        ["get_stat", "1"],
        ["mycur", "1"],
      ];
      if (q.from !== undefined) f.push(["start", day(q.from, "stats.from")]);
      if (q.to !== undefined) f.push(["end", day(q.to, "stats.to")]);
      return transport.read("get", f, (b) => decodeStats(b, 3), options);
    },
    tariffs: (options) => transport.read("get", [["get_price", "1"]], (b) => decodeTariffs(b, 3), options),
  };
}
