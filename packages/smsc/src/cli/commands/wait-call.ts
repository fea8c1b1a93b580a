import type { WaitCallResult } from "../../client/index.js";
import { type Command, str } from "../command.js";
import { UsageError } from "../errors.js";
import { fieldList } from "../json-fields.js";

/** `smsc wait-call`: confirmation by call (wait_call.php): the number the subscriber has to call. */
export const waitCall: Command = {
  name: "wait-call",
  summary: "confirm a number by the subscriber's call: the number they have to call",
  usage: "<phone>",
  flags: {
    phone: { type: "string", arg: "phone", help: "the subscriber's number, or the first argument" },
  },
  notes:
    "The result of the call comes to the account's handler URL as a waitcall callback (docs/callbacks.md). In the " +
    "sandbox, play the call with POST /api/v1/wait-calls/<phone>/call or the inbox's Calls panel.",
  fields: fieldList<WaitCallResult>()(["phone", "allPhones", "extra"]),
  examples: ["smsc wait-call 77011234567", "smsc wait-call +77011234567 --json phone"],
  async run({ values, positionals, client }) {
    const phone = str(values, "phone") ?? positionals[0];
    if (phone === undefined) throw new UsageError("wait-call needs the subscriber's phone");
    return (await client()).waitCall({ phone });
  },
  human: (r: WaitCallResult, style) =>
    `${style.green("call:")} ${r.phone}` +
    (r.allPhones.length > 1 ? ` (the call may come to any of ${r.allPhones.join(", ")})` : ""),
};
