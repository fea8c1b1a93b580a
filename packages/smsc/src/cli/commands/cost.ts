import type { CostResult } from "../../client/index.js";
import type { Command } from "../command.js";
import { fieldList } from "../json-fields.js";
import { MESSAGE_FLAGS, messageClient, sendParamsFrom } from "./message-flags.js";

/** `smsc cost`: prices a message without sending it. */
export const cost: Command = {
  name: "cost",
  summary: "price a message without sending it",
  usage: "[<phones> <message…>] [flags]",
  flags: MESSAGE_FLAGS,
  fields: fieldList<CostResult>()(["cost", "cnt", "phones"]),
  examples: [
    'smsc cost 77011234567 "How much is this?"',
    'smsc cost --to 77011234567,77017654321 -m "Привет" --translit 1',
    'smsc cost 77011234567 "How much?" --json cost',
    'smsc cost 77011234567 "Sale: https://shop.example/winter-sale-2026" --tinyurl',
  ],
  run: async ({ values, positionals, client }) =>
    (await messageClient(values, client)).cost(sendParamsFrom(values, positionals)),
  human: (r: CostResult) => `cost ${r.cost} for ${r.cnt} SMS`,
};
