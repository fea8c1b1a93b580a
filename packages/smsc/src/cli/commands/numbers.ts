import type { RentedNumber } from "../../protocol/index.js";
import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
import type { Style } from "../style.js";
import { actionOf, argument, blocks, lines } from "./action.js";

const ACTIONS = ["list", "buy", "renew"] as const;

/** `smsc numbers`: dedicated numbers that receive SMS (receive_phones.php): list, rent, renewal. */
export const numbers: Command = {
  name: "numbers",
  summary: "dedicated inbound numbers: list, buy (rent), renew on|off",
  usage: "list | buy <phone> [--no-renew] | renew <phone> on|off",
  flags: {
    "no-renew": { type: "boolean", help: "buy: do not renew it for the next month (noprolong=1)" },
  },
  notes: "buy pays for the rest of the month now; a renewed number is paid for a month at each month's end.",
  fields: ["phone", "cost", "status", "till", "noprolong", "balance", "autoRenew"],
  examples: ["smsc numbers list", "smsc numbers buy 77009000001", "smsc numbers renew 77009000001 off"],
  completePositional: (typed) =>
    typed.length === 0 ? ACTIONS : typed[0] === "renew" && typed.length === 2 ? ["on", "off"] : [],
  async run({ values, positionals, client }) {
    const action = actionOf("numbers", positionals, ACTIONS);
    const smsc = await client();
    if (action === "list") return smsc.numbers.list();
    const phone = argument("numbers", positionals, 1, "a phone");
    if (action === "buy")
      return smsc.numbers.buy(phone, values["no-renew"] === true ? { autoRenew: false } : {});
    const on = argument("numbers", positionals, 2, "on or off");
    if (on !== "on" && on !== "off") throw new UsageError(`numbers renew takes on or off, got "${on}"`);
    await smsc.numbers.setAutoRenew(phone, on === "on");
    return { phone, autoRenew: on === "on" };
  },
  human: (r: RentedNumber[] | Record<string, unknown>, style: Style) =>
    Array.isArray(r)
      ? blocks(
          r.map((n) => ({ ...n, status: n.status === 1 ? "rented by you" : "available" })),
          "no numbers",
        )
      : `${style.green("done:")}\n${lines(r)}`,
};
