import type { MailingInput } from "../../client/index.js";
import { JOB_REPEATS, type JobRepeat, type Mailing } from "../../protocol/index.js";
import { type Command, num, str } from "../command.js";
import { UsageError } from "../errors.js";
import type { Style } from "../style.js";
import { actionOf, blocks, idArgument, lines } from "./action.js";
import { MESSAGE_FLAGS, messageOptionsFrom } from "./message-flags.js";

const ACTIONS = ["list", "create", "show", "cancel", "delete"] as const;
const REPEATS = Object.values(JOB_REPEATS);

/** `smsc mailings`: mailings the service runs on its clock (jobs.php): scheduled, repeating, with SMS fallbacks. */
export const mailings: Command = {
  name: "mailings",
  summary: "mailings run by the service's clock: list, create, show, cancel, delete",
  usage:
    "list [--start D] [--end D] | create --name N --to P (--message T | --template ID) | show|cancel|delete <id>",
  flags: {
    ...MESSAGE_FLAGS,
    name: { type: "string", arg: "name", help: "the mailing's name (create)", section: "Mailing:" },
    template: { type: "string", arg: "id", help: "a template whose text, format and sender the runs use" },
    repeat: { type: "string", arg: "period", help: REPEATS.join(", "), complete: REPEATS },
    repeats: { type: "string", arg: "n", help: "repeats at most after the first run (default: no limit)" },
    fallback: { type: "string", arg: "text", help: "SMS sent to the numbers a run did not reach (mes2)" },
    "fallback-sender": { type: "string", arg: "name", help: "sender of those SMS (sender2)" },
    "auto-repeat": { type: "boolean", help: "send undelivered messages again (fl[5])" },
    start: { type: "string", arg: "DD.MM.YYYY", help: "list: created on or after this day" },
    end: { type: "string", arg: "DD.MM.YYYY", help: "list: created on or before this day" },
  },
  notes:
    "A mailing without --time makes its first run at once; --time takes send's forms (+60 = in an hour).",
  fields: [
    "id",
    "name",
    "status",
    "statusName",
    "created",
    "time",
    "repeat",
    "repeats",
    "runs",
    "cnt",
    "cost",
    "sender",
    "phones",
    "message",
    "cancelled",
    "deleted",
  ],
  examples: [
    "smsc mailings create --name News --to 77011234567 -m 'Hello' --time '+60' --repeat daily --repeats 6",
    "smsc mailings list --json id,statusName,runs",
    "smsc mailings show 1000001",
    "smsc mailings cancel 1000001",
  ],
  completePositional: (typed) => (typed.length === 0 ? ACTIONS : []),
  async run({ values, positionals, client }) {
    const action = actionOf("mailings", positionals, ACTIONS);
    const smsc = await client();
    switch (action) {
      case "list":
        return smsc.mailings.list({
          ...(str(values, "start") !== undefined ? { start: str(values, "start")! } : {}),
          ...(str(values, "end") !== undefined ? { end: str(values, "end")! } : {}),
        });
      case "create": {
        const name = str(values, "name");
        const to = (values.to as string[] | undefined) ?? [];
        if (!name || to.length === 0) throw new UsageError("mailings create needs --name and --to");
        const repeat = str(values, "repeat");
        if (repeat !== undefined && !(REPEATS as string[]).includes(repeat))
          throw new UsageError(`--repeat must be one of: ${REPEATS.join(", ")}`);
        const input: MailingInput = { name, phones: to.join(","), ...messageOptionsFrom(values) };
        const message = str(values, "message");
        if (message !== undefined) input.message = message;
        const template = num(values, "template", Number.isInteger);
        if (template !== undefined) input.template = template;
        if (repeat !== undefined) input.repeat = repeat as JobRepeat;
        const repeats = num(values, "repeats", (n) => Number.isInteger(n) && n >= 0);
        if (repeats !== undefined) input.repeats = repeats;
        if (str(values, "fallback") !== undefined) input.fallbackMessage = str(values, "fallback")!;
        if (str(values, "fallback-sender") !== undefined)
          input.fallbackSender = str(values, "fallback-sender")!;
        if (values["auto-repeat"] === true) input.autoRepeat = true;
        return smsc.mailings.create(input);
      }
      case "show":
        return smsc.mailings.get(idArgument("mailings", positionals));
      case "cancel": {
        const id = idArgument("mailings", positionals);
        await smsc.mailings.cancel(id);
        return { cancelled: true, id };
      }
      case "delete": {
        const id = idArgument("mailings", positionals);
        await smsc.mailings.delete(id);
        return { deleted: true, id };
      }
    }
  },
  human: (r: Mailing[] | Record<string, unknown>, style: Style) =>
    Array.isArray(r)
      ? blocks(r, "no mailings")
      : "status" in r
        ? lines(r)
        : `${style.green("done:")}\n${lines(r)}`,
};
