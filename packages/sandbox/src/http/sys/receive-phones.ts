import {
  ENDPOINTS,
  encodeWireRecord,
  encodeWireRecords,
  formatWireDate,
  moneyJson,
  moneyText,
  RECEIVE_PHONE_SHAPE,
  type WireRecord,
} from "smsc/protocol";
import type { NumbersOutcome, Rental } from "../../core/numbers.js";
import type { SysScript } from "./sys-script.js";

/** A rental's end as the replies write it: the last second of the paid period. */
const till = (r: Rental) => formatWireDate(Math.floor(r.paidUntil / 1000) - 1);

/** receive_phones.php (spec §6.12): list, rent and change the renewal of dedicated numbers. */
export const receivePhonesScript: SysScript<NumbersOutcome> = {
  path: ENDPOINTS.receivePhones,
  table: "receivePhones",
  serve: (core, { account, params }) => core.numbers.serve({ account, params }),
  encode(outcome, { fmt }) {
    const money = fmt === 3 ? moneyJson : moneyText;
    const line = (phone: string, cost: number, r: Rental | undefined): WireRecord => ({
      phone,
      cost: money(cost),
      status: r ? 1 : 0,
      till: r ? till(r) : "",
      noprolong: r?.noprolong ? 1 : 0,
    });
    switch (outcome.kind) {
      case "list":
        return encodeWireRecords(
          outcome.numbers.map((n) => line(n.phone, n.cost, n.rental)),
          RECEIVE_PHONE_SHAPE,
          fmt,
        );
      case "bought":
        return encodeWireRecord(
          { ...line(outcome.rental.phone, outcome.cost, outcome.rental), balance: money(outcome.balance) },
          RECEIVE_PHONE_SHAPE,
          fmt,
        );
      default:
        return encodeWireRecord(
          {
            phone: outcome.rental.phone,
            till: till(outcome.rental),
            noprolong: outcome.rental.noprolong ? 1 : 0,
          },
          RECEIVE_PHONE_SHAPE,
          fmt,
        );
    }
  },
};
