import {
  decodeRentedNumbers,
  decodeWireRecord,
  mapRecord,
  parsePhone,
  RECEIVE_PHONE_SHAPE,
  type RentedNumber,
  wireNumber,
} from "../../protocol/index.js";
import type { RequestOptions } from "../options.js";
import type { Transport } from "../transport.js";
import { writeCall } from "./write-call.js";

export type { RentedNumber } from "../../protocol/index.js";

/** What `buy` did: the number, what the rest of the month cost, until when it is paid, and the new balance. */
export interface BoughtNumber {
  phone: string;
  cost: number;
  till?: string;
  /** 1 when it will not be renewed. */
  noprolong?: number;
  balance?: number;
  [field: string]: unknown;
}

/** receive_phones.php: dedicated numbers that receive SMS for this account (https://github.com/smsc-kz/smsc/blob/main/docs/sdk.md "Numbers"). */
export interface Numbers {
  /** The numbers available to rent, and those this account rents (`status` 1). */
  list(options?: RequestOptions): Promise<RentedNumber[]>;
  /** Rents a number for the rest of the month (debited now). NoMoneyError (code 3) when the money is short. Not retried. */
  buy(phone: string, settings?: { autoRenew?: boolean }, options?: RequestOptions): Promise<BoughtNumber>;
  /** Whether the number is renewed for the next month (`noprolong` = !autoRenew). */
  setAutoRenew(phone: string, autoRenew: boolean, options?: RequestOptions): Promise<void>;
}

const digits = (phone: string) => parsePhone(phone)?.digits ?? phone;

/** The numbers resource over the transport. */
export function numbersResource(t: Transport): Numbers {
  return {
    list: (options) => t.read("receivePhones", [["get", "1"]], (b) => decodeRentedNumbers(b, 3), options),
    buy: (phone, settings = {}, options) =>
      writeCall(
        t,
        "receivePhones",
        [
          ["buy", "1"],
          ["phone", digits(phone)],
          ...(settings.autoRenew !== undefined
            ? [["noprolong", settings.autoRenew ? "0" : "1"] as [string, string]]
            : []),
        ],
        (b) => {
          const r = decodeWireRecord(b, RECEIVE_PHONE_SHAPE, 3);
          if ("error" in r) return r.error;
          const { balance, ...rest } = r.record;
          const n = mapRecord<BoughtNumber>(rest, {
            phone: ["phone", "string"],
            cost: ["cost", "number"],
            status: ["status", "number"],
            till: ["till", "string"],
            noprolong: ["noprolong", "number"],
          });
          const bal = wireNumber(balance);
          return { phone: "", cost: 0, ...n, ...(bal !== undefined ? { balance: bal } : {}) };
        },
        options,
      ),
    async setAutoRenew(phone, autoRenew, options) {
      await writeCall(
        t,
        "receivePhones",
        [
          ["chg", "1"],
          ["phone", digits(phone)],
          ["noprolong", autoRenew ? "0" : "1"],
        ],
        (b) => {
          const r = decodeWireRecord(b, RECEIVE_PHONE_SHAPE, 3);
          return "error" in r ? r.error : true;
        },
        options,
      );
    },
  };
}
