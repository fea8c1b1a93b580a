import type { BlacklistType } from "../../protocol/index.js";
import { type Command, str } from "../command.js";
import { UsageError } from "../errors.js";
import { actionOf, humanChange, needArg } from "./book-actions.js";

const ACTIONS = ["add", "remove"] as const;

/** `smsc blacklist`: the black list of phones.php. */
export const blacklist: Command = {
  name: "blacklist",
  summary: "the black list: numbers that receive nothing, no mailings or no single messages (phones.php)",
  usage: "add <phones> [--type 0|1|2] [--comment TEXT] | remove <phones>",
  flags: {
    type: {
      type: "string",
      arg: "0|1|2",
      help: "what it blocks: 0 every message (default), 1 mass mailings, 2 single messages",
      complete: ["0", "1", "2"],
    },
    comment: { type: "string", arg: "text", help: "comment" },
  },
  notes: "A black-listed number's messages end in status 23 (prohibited), err 250, and are not paid.",
  fields: ["id", "ok"],
  examples: [
    "smsc blacklist add +77011234567",
    "smsc blacklist add +77011234567 --type 1",
    "smsc blacklist remove +77011234567",
  ],
  completePositional: (typed) => (typed.length === 0 ? ACTIONS : []),
  async run({ values, positionals, client }) {
    const action = actionOf("blacklist", ACTIONS, positionals[0]);
    const phones = needArg(positionals, 1, `blacklist ${action}: the phone number(s)`);
    const smsc = await client();
    if (action === "remove") {
      await smsc.blacklist.remove(phones);
      return { ok: true };
    }
    const type = str(values, "type");
    if (type !== undefined && !["0", "1", "2"].includes(type))
      throw new UsageError(`--type must be 0, 1 or 2, got "${type}"`);
    const comment = str(values, "comment");
    const entry = {
      ...(type !== undefined ? { type: Number(type) as BlacklistType } : {}),
      ...(comment !== undefined ? { comment } : {}),
    };
    return { id: await smsc.blacklist.add(phones, entry) };
  },
  human: (r: { id?: number; ok?: boolean }, style) => humanChange(r, style),
};
