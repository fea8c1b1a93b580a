import type { SendResult } from "../../client/index.js";
import { type Command, str } from "../command.js";
import { MESSAGE_HELP, MESSAGE_OPTIONS, sendParamsFrom } from "./message-flags.js";

/** `smsc send`: sends a message. */
export const send: Command = {
  name: "send",
  summary: "send a message",
  usage: `[<phones> <message…>] [flags]\n${MESSAGE_HELP}\n  --id <id>               your message id (one is generated otherwise)`,
  options: { ...MESSAGE_OPTIONS, id: { type: "string" } },
  async run({ values, positionals, client }) {
    const params = sendParamsFrom(values, positionals);
    const id = str(values, "id");
    if (id !== undefined) params.id = /^\d+$/.test(id) ? Number(id) : id;
    return client().send(params);
  },
  human: (r: SendResult) =>
    `sent: id ${r.id}, ${r.cnt} SMS` +
    (r.cost !== undefined ? `, cost ${r.cost}` : "") +
    (r.balance !== undefined ? `, balance ${r.balance}` : "") +
    (r.recovered ? " (reply was lost; confirmed through status)" : ""),
};
