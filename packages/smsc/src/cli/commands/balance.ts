import type { BalanceReply } from "../../protocol/index.js";
import type { Command } from "../command.js";
import { fieldList } from "../json-fields.js";

/** `smsc balance`: the account's balance with its currency. */
export const balance: Command = {
  name: "balance",
  summary: "account balance",
  usage: "",
  examples: ["smsc balance", "smsc balance --json --profile prod", "smsc balance --json balance"],
  flags: {},
  fields: fieldList<BalanceReply>()(["balance", "currency", "credit"]),
  run: async ({ client }) => (await client()).balance(),
  human: (r: BalanceReply, style) =>
    `${style.bold(String(r.balance))}${r.currency ? ` ${r.currency}` : ""}${r.credit ? ` (credit ${r.credit})` : ""}`,
};
