import type { ContactGroup, GroupType } from "../../protocol/index.js";
import { type Command, str } from "../command.js";
import { UsageError } from "../errors.js";
import { fieldList } from "../json-fields.js";
import { actionOf, humanChange, idList, intFlag, needArg } from "./book-actions.js";

const ACTIONS = ["list", "add", "change", "delete"] as const;

/** `smsc groups`: contact groups of phones.php. */
export const groups: Command = {
  name: "groups",
  summary: "contact groups: list, add, rename, delete (phones.php)",
  usage: "list | add <name> [--num N] [--type 0|1] | change <id> [--name N] [--num N] | delete <id[,id]>",
  flags: {
    name: { type: "string", arg: "name", help: "change: the new name" },
    num: { type: "string", arg: "n", help: "its number for mailings: smsc send G<n> …" },
    type: {
      type: "string",
      arg: "0|1",
      help: "add: 0 phone numbers (default), 1 e-mail addresses",
      complete: ["0", "1"],
    },
  },
  fields: fieldList<ContactGroup & { ok: boolean }>()(["id", "name", "num", "type", "members", "ok"]),
  examples: [
    "smsc groups add Customers --num 7",
    "smsc groups list",
    "smsc groups change 3 --name VIP",
    "smsc groups delete 3",
  ],
  completePositional: (typed) => (typed.length === 0 ? ACTIONS : []),
  async run({ values, positionals, client }) {
    const action = actionOf("groups", ACTIONS, positionals[0]);
    const smsc = await client();
    const num = intFlag(values, "num");
    const name = str(values, "name");
    switch (action) {
      case "list":
        return smsc.groups.list();
      case "add": {
        const type = str(values, "type");
        if (type !== undefined && type !== "0" && type !== "1")
          throw new UsageError(`--type must be 0 or 1, got "${type}"`);
        const group = {
          name: needArg(positionals, 1, "groups add: the name"),
          ...(num !== undefined ? { num } : {}),
          ...(type !== undefined ? { type: Number(type) as GroupType } : {}),
        };
        return { id: await smsc.groups.add(group) };
      }
      case "change": {
        const [id] = idList(needArg(positionals, 1, "groups change: the id"), "the id");
        await smsc.groups.change(id!, {
          ...(name !== undefined ? { name } : {}),
          ...(num !== undefined ? { num } : {}),
        });
        return { ok: true };
      }
      case "delete":
        await smsc.groups.delete(idList(needArg(positionals, 1, "groups delete: the id"), "the id"));
        return { ok: true };
    }
  },
  human: (r: ContactGroup[] | { id?: number; ok?: boolean }, style) =>
    Array.isArray(r)
      ? r.length
        ? r
            .map(
              (g) =>
                `${g.id}  G${g.num}  ${g.name}  (${g.members} contacts${g.type === 1 ? ", e-mail" : ""})`,
            )
            .join("\n")
        : "no groups"
      : humanChange(r, style),
};
