import type { StatRecord } from "../../protocol/index.js";
import { type Command, str } from "../command.js";
import { fieldList } from "../json-fields.js";

/** `smsc usage`: what the account sent and spent over a period (get.php?get_stat). */
export const usage: Command = {
  name: "usage",
  summary: "messages sent and money spent over a period (get.php get_stat)",
  usage: "[--from DD.MM.YYYY] [--to DD.MM.YYYY]",
  flags: {
    from: { type: "string", arg: "DD.MM.YYYY", help: "first day" },
    to: { type: "string", arg: "DD.MM.YYYY", help: "last day" },
  },
  fields: fieldList<StatRecord>()(["login", "sms", "credit", "debit", "currency", "extra"]),
  examples: ["smsc usage --from 01.11.2026 --to 30.11.2026", "smsc usage --json sms,credit"],
  async run({ values, client }) {
    const from = str(values, "from");
    const to = str(values, "to");
    return (await client()).billing.stats({
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
    });
  },
  human: (s: StatRecord, style) =>
    `${style.bold(s.login)}: ${s.sms} SMS, spent ${s.credit} ${s.currency}, received ${s.debit} ${s.currency}`,
};
