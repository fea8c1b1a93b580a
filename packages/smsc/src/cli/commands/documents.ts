import type { NewInvoice } from "../../client/index.js";
import type { SubclientDocument } from "../../protocol/index.js";
import { type Command, str } from "../command.js";
import { UsageError } from "../errors.js";
import { fieldList } from "../json-fields.js";
import { actionOf, humanChange, idList, intFlag, needArg, recordLines } from "./book-actions.js";

const ACTIONS = ["invoice", "get", "act"] as const;

/** `smsc documents`: invoices for sub-clients and their acts (documents.php). */
export const documents: Command = {
  name: "documents",
  summary: "invoices for sub-clients and their acts (documents.php)",
  usage: "invoice --user LOGIN|--user-id N --sum AMOUNT [--service TEXT] | get <id> | act <id>|--num N",
  flags: {
    user: { type: "string", arg: "login", help: "invoice: the sub-client's login" },
    "user-id": { type: "string", arg: "id", help: "invoice: the sub-client's id instead" },
    sum: { type: "string", arg: "amount", help: "invoice: the amount" },
    service: { type: "string", arg: "text", help: "invoice: what it is for" },
    num: { type: "string", arg: "n", help: "act: by the invoice's number instead of its id" },
  },
  fields: fieldList<SubclientDocument & { ok: boolean }>()([
    "id",
    "num",
    "kind",
    "date",
    "user",
    "userId",
    "sum",
    "currency",
    "service",
    "ok",
  ]),
  examples: [
    "smsc documents invoice --user client1 --sum 5000 --service SMS",
    "smsc documents get 1",
    "smsc documents act --num 1",
  ],
  completePositional: (typed) => (typed.length === 0 ? ACTIONS : []),
  async run({ values, positionals, client }) {
    const action = actionOf("documents", ACTIONS, positionals[0]);
    const smsc = await client();
    if (action === "invoice") {
      const sum = Number(str(values, "sum"));
      if (!(sum > 0)) throw new UsageError("documents invoice needs --sum, a positive amount");
      const user = str(values, "user");
      const userId = intFlag(values, "user-id");
      const service = str(values, "service");
      if ((user === undefined) === (userId === undefined))
        throw new UsageError("documents invoice needs --user or --user-id");
      const invoice = {
        ...(user !== undefined ? { user } : { userId: userId! }),
        sum,
        ...(service !== undefined ? { service } : {}),
      };
      return { id: await smsc.documents.createInvoice(invoice as NewInvoice) };
    }
    const num = intFlag(values, "num");
    if (action === "act" && num !== undefined) return smsc.documents.act({ num });
    const [id] = idList(needArg(positionals, 1, `documents ${action}: the id`), "the id");
    return action === "get" ? smsc.documents.invoice(id!) : smsc.documents.act({ id: id! });
  },
  human: (r: SubclientDocument | { id: number }, style) =>
    "kind" in r ? recordLines(r) : humanChange(r, style),
};
