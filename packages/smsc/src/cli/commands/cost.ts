import type { CostResult } from "../../client/index.js";
import type { Command } from "../command.js";
import { MESSAGE_HELP, MESSAGE_OPTIONS, sendParamsFrom } from "./message-flags.js";

/** `smsc cost`: prices a message without sending it. */
export const cost: Command = {
  name: "cost",
  summary: "price a message without sending it",
  usage: `[<phones> <message…>] [flags]\n${MESSAGE_HELP}`,
  options: MESSAGE_OPTIONS,
  run: async ({ values, positionals, client }) => client().cost(sendParamsFrom(values, positionals)),
  human: (r: CostResult) => `cost ${r.cost} for ${r.cnt} SMS`,
};
