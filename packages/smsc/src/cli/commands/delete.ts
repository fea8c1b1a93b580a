import { type Command, str } from "../command.js";
import { UsageError } from "../errors.js";

/** `smsc delete`: deletes a sent message (status.php del=1). */
export const del: Command = {
  name: "delete",
  summary: "delete a sent message",
  usage: "<id> <phone>",
  flags: {
    id: { type: "string", arg: "id", help: "message id, or the first argument" },
    phone: { type: "string", arg: "phone", help: "its phone, or the second argument" },
  },
  fields: ["deleted", "id", "phone"],
  examples: ["smsc delete 42 77011234567"],
  async run({ values, positionals, client }) {
    const id = str(values, "id") ?? positionals[0];
    const phone = str(values, "phone") ?? positionals[1];
    if (id === undefined || phone === undefined) throw new UsageError("delete needs an id and a phone");
    await (await client()).delete({ id: /^\d+$/.test(id) ? Number(id) : id, phone });
    return { deleted: true, id, phone };
  },
  human: (r: { id: string; phone: string }, style) => `${style.green("deleted:")} id ${r.id}, ${r.phone}`,
};
