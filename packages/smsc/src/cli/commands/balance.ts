import type { BalanceReply } from "../../protocol/index.js";
import type { Command } from "../command.js";

/** `smsc balance`: the account's balance with its currency. */
export const balance: Command = {
  name: "balance",
  summary: "account balance",
  usage: "",
  examples: ["smsc balance", "smsc balance --json --profile prod"],
  options: {},
  run: async ({ client }) => client().balance(),
  human: (r: BalanceReply) =>
    `${r.balance}${r.currency ? ` ${r.currency}` : ""}${r.credit ? ` (credit ${r.credit})` : ""}`,
};
