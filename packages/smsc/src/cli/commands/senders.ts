import type { SenderRef } from "../../client/index.js";
import { SENDER_STATES, type SenderName } from "../../protocol/index.js";
import { type Command, str } from "../command.js";
import { fieldList } from "../json-fields.js";
import { actionOf, fieldFlags, humanChange, intFlag, needArg, recordLines } from "./book-actions.js";

const ACTIONS = ["list", "add", "change", "delete", "send-code", "check-code"] as const;

/** Flags that set a sender name's detail, and the detail. */
const DETAIL_FLAGS = {
  comment: "comment",
  "legal-name": "legalName",
  inn: "inn",
  site: "site",
  email: "email",
  address: "address",
  description: "description",
  purpose: "purpose",
} as const;

/** `smsc senders`: sender names of senders.php. */
export const senders: Command = {
  name: "senders",
  summary:
    "sender names: register, list with their moderation state, confirm digital ones by code (senders.php)",
  usage:
    "list [--all] | add <name> [--comment T …] | change <name>|--id N [--rename NAME …] | delete <name>|--id N | send-code <number> [--site-name S] | check-code <number> <code>",
  flags: {
    all: { type: "boolean", help: "list: every name with its state, not only the approved ones" },
    "from-date": { type: "string", arg: "dd.mm.yyyy", help: "list: only names whose state changed since" },
    id: { type: "string", arg: "id", help: "the name by its id instead of its text" },
    rename: { type: "string", arg: "name", help: "change (with --id): the new text, moderated again" },
    "site-name": { type: "string", arg: "site", help: "send-code: the site the SMS names" },
    comment: { type: "string", arg: "text", help: "comment", section: "Details:" },
    "legal-name": { type: "string", arg: "name", help: "legal name of the owner" },
    inn: { type: "string", arg: "n", help: "tax number (INN, EDRPOU)" },
    site: { type: "string", arg: "url", help: "web site" },
    email: { type: "string", arg: "addr", help: "contact e-mail" },
    address: { type: "string", arg: "text", help: "postal address" },
    description: { type: "string", arg: "text", help: "what the services are" },
    purpose: { type: "string", arg: "text", help: "what the messages are for" },
  },
  notes: `States: ${Object.entries(SENDER_STATES)
    .map(([n, s]) => `${n} ${s.en}`)
    .join(", ")}. A phone number as the name is confirmed with send-code and check-code.`,
  fields: fieldList<SenderName & { ok: boolean }>()([
    "id",
    "sender",
    "state",
    "comment",
    "legalName",
    "inn",
    "site",
    "email",
    "address",
    "description",
    "purpose",
    "created",
    "ok",
  ]),
  examples: [
    "smsc senders add Shop --comment 'online shop'",
    "smsc senders list --all",
    "smsc senders send-code +77011234567",
    "smsc senders check-code +77011234567 1234",
  ],
  completePositional: (typed) => (typed.length === 0 ? ACTIONS : []),
  async run({ values, positionals, client }) {
    const action = actionOf("senders", ACTIONS, positionals[0]);
    const smsc = await client();
    const details = fieldFlags(values, DETAIL_FLAGS);
    if (action === "list") {
      const fromDate = str(values, "from-date");
      return smsc.senders.list({
        ...(values.all ? { all: true } : {}),
        ...(fromDate !== undefined ? { fromDate } : {}),
      });
    }
    if (action === "add")
      return {
        id: await smsc.senders.add({ ...details, sender: needArg(positionals, 1, "senders add: the name") }),
      };
    const ref: SenderRef =
      intFlag(values, "id") ?? needArg(positionals, 1, `senders ${action}: the name (or --id)`);
    const rename = str(values, "rename");
    if (action === "change")
      await smsc.senders.change(ref, { ...details, ...(rename !== undefined ? { sender: rename } : {}) });
    else if (action === "delete") await smsc.senders.delete(ref);
    else if (action === "send-code") {
      const siteName = str(values, "site-name");
      await smsc.senders.sendCode(ref, siteName !== undefined ? { siteName } : {});
    } else
      await smsc.senders.checkCode(
        ref,
        needArg(positionals, typeof ref === "number" ? 1 : 2, "check-code: the code"),
      );
    return { ok: true };
  },
  human: (r: SenderName[] | { id?: number; ok?: boolean }, style) =>
    Array.isArray(r)
      ? r.length
        ? r
            .map((s) =>
              recordLines({ ...s, state: `${s.state} (${SENDER_STATES[s.state as 0]?.en ?? "?"})` }),
            )
            .join("\n\n")
        : "no sender names"
      : humanChange(r, style),
};
