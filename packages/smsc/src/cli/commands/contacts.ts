import type { NewContact } from "../../client/index.js";
import type { Contact } from "../../protocol/index.js";
import { type Command, str } from "../command.js";
import { UsageError } from "../errors.js";
import { fieldList } from "../json-fields.js";
import { actionOf, fieldFlags, humanChange, idList, intFlag, needArg, recordLines } from "./book-actions.js";

const ACTIONS = ["list", "add", "change", "delete", "move", "add-to", "remove-from"] as const;

/** Flags that set a contact field, and the field. */
const FIELD_FLAGS = {
  name: "name",
  mail: "mails",
  "other-phones": "otherPhones",
  "first-name": "firstName",
  "middle-name": "middleName",
  "last-name": "lastName",
  "full-name": "fullName",
  birthday: "birthday",
  "my-id": "myId",
  comment: "comment",
  tags: "tags",
  limit: "limit",
} as const;

/** `smsc contacts`: the address book of phones.php (list, add, change, delete, group moves). */
export const contacts: Command = {
  name: "contacts",
  summary: "the address book: contacts, their fields and groups (phones.php)",
  usage:
    "list [--group ID] [--search TEXT] [--after ID] | add <phones> [--name N …] | change <phones> [--new-phone P …] | delete <phones> | move|add-to|remove-from <phones> --group IDS",
  flags: {
    group: {
      type: "string",
      arg: "id[,id]",
      help: "group ids: of a new contact, to filter a list, or to move to",
    },
    search: {
      type: "string",
      arg: "text",
      help: "list: only contacts whose name, numbers or fields hold it",
    },
    after: { type: "string", arg: "id", help: "list: only contacts after this id (the next page)" },
    "new-phone": { type: "string", arg: "phones", help: "change: the contact's new numbers" },
    name: { type: "string", arg: "name", help: "contact name", section: "Contact fields:" },
    mail: { type: "string", arg: "addrs", help: "e-mail addresses" },
    "other-phones": { type: "string", arg: "phones", help: "other numbers" },
    "first-name": { type: "string", arg: "name", help: "first name" },
    "middle-name": { type: "string", arg: "name", help: "middle name" },
    "last-name": { type: "string", arg: "name", help: "last name" },
    "full-name": { type: "string", arg: "name", help: "full name" },
    birthday: { type: "string", arg: "dd.mm.yyyy", help: "birthday" },
    "my-id": { type: "string", arg: "id", help: "your own id of the contact" },
    comment: { type: "string", arg: "text", help: "comment" },
    tags: { type: "string", arg: "a,b", help: "tags" },
    limit: { type: "string", arg: "n", help: "per-contact limit" },
  },
  notes:
    'Send to a group with smsc send G<num> "text"; %name%, %fnm%, … in the text become each contact\'s fields.',
  fields: fieldList<Contact & { ok: boolean }>()([
    "id",
    "phones",
    "name",
    "groups",
    "mails",
    "otherPhones",
    "firstName",
    "middleName",
    "lastName",
    "fullName",
    "birthday",
    "myId",
    "comment",
    "tags",
    "limit",
    "ok",
  ]),
  examples: [
    "smsc contacts add +77011234567 --name Aigerim --group 1",
    "smsc contacts list --search Aig --json id,phones,name",
    "smsc contacts change +77011234567 --new-phone +77017654321 --comment VIP",
    "smsc contacts add-to +77011234567 --group 2",
    "smsc contacts delete +77011234567",
  ],
  completePositional: (typed) => (typed.length === 0 ? ACTIONS : []),
  async run({ values, positionals, client }) {
    const action = actionOf("contacts", ACTIONS, positionals[0]);
    const smsc = await client();
    const group = str(values, "group");
    const fields = fieldFlags(values, FIELD_FLAGS);
    if (action === "list") {
      const after = intFlag(values, "after");
      const search = str(values, "search");
      return smsc.contacts.list({
        ...(group !== undefined ? { group: idList(group, "--group")[0]! } : {}),
        ...(search !== undefined ? { search } : {}),
        ...(after !== undefined ? { afterId: after } : {}),
      });
    }
    const phones = needArg(positionals, 1, `contacts ${action}: the phone number(s)`);
    const groups = group === undefined ? undefined : idList(group, "--group");
    switch (action) {
      case "add": {
        const contact: NewContact = { ...fields, phones, ...(groups ? { groups } : {}) };
        return { id: await smsc.contacts.add(contact) };
      }
      case "change": {
        const newPhones = str(values, "new-phone");
        await smsc.contacts.change(phones, {
          ...fields,
          ...(groups ? { groups } : {}),
          ...(newPhones !== undefined ? { phones: newPhones } : {}),
        });
        break;
      }
      case "delete":
        await smsc.contacts.delete(phones);
        break;
      default: {
        if (!groups) throw new UsageError(`contacts ${action} needs --group`);
        const move = {
          move: "moveToGroup",
          "add-to": "addToGroup",
          "remove-from": "removeFromGroup",
        } as const;
        await smsc.contacts[move[action]](phones, groups);
      }
    }
    return { ok: true };
  },
  human: (r: Contact[] | { id?: number; ok?: boolean }, style) =>
    Array.isArray(r) ? (r.length ? r.map(recordLines).join("\n\n") : "no contacts") : humanChange(r, style),
};
