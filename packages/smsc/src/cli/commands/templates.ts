import { TEMPLATE_FORMATS, type Template, type TemplateFormat } from "../../protocol/index.js";
import { type Command, str, type Values } from "../command.js";
import { UsageError } from "../errors.js";
import type { Style } from "../style.js";
import { actionOf, argument, blocks, idArgument, lines } from "./action.js";

const ACTIONS = ["list", "add", "update", "delete", "render", "send"] as const;

function inputOf(values: Values) {
  const format = str(values, "format");
  if (format !== undefined && !(TEMPLATE_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of: ${TEMPLATE_FORMATS.filter(Boolean).join(", ")}`);
  return {
    ...(str(values, "name") !== undefined ? { name: str(values, "name")! } : {}),
    ...(str(values, "text") !== undefined ? { text: str(values, "text")! } : {}),
    ...(format !== undefined ? { format: format as TemplateFormat } : {}),
    ...(str(values, "sender") !== undefined ? { sender: str(values, "sender")! } : {}),
    ...(values.autosign === true ? { autosign: true } : {}),
  };
}

/** `smsc templates`: the account's message templates (templates.php); send one with its placeholders filled. */
export const templates: Command = {
  name: "templates",
  summary: "message templates: list, add, update, delete, render, send",
  usage:
    "list | add --name N --text T | update <id> | delete <id> | render <id|name> | send <id|name> --to P",
  flags: {
    name: { type: "string", arg: "name", help: "template name (add, update)" },
    text: { type: "string", arg: "text", help: "template text, %1 %2 … for the arguments (add, update)" },
    format: {
      type: "string",
      arg: "name",
      help: `format the template is for: ${TEMPLATE_FORMATS.filter(Boolean).join(", ")}`,
      complete: TEMPLATE_FORMATS.filter(Boolean),
    },
    sender: { type: "string", arg: "name", help: "sender name the template is for" },
    autosign: { type: "boolean", help: "use it for the auto-signature (fl[1])" },
    arg: {
      type: "string",
      multiple: true,
      arg: "value",
      help: "a value for %1, %2 … in order (render, send; repeatable)",
    },
    to: { type: "string", multiple: true, arg: "phones", help: "recipients of send (repeatable)" },
  },
  notes: "send fills the placeholders here and sends through send.php (it has no template parameter).",
  fields: [
    "id",
    "name",
    "message",
    "format",
    "sender",
    "text",
    "deleted",
    "cnt",
    "cost",
    "balance",
    "recovered",
  ],
  examples: [
    "smsc templates add --name otp --text 'Your code: %1'",
    "smsc templates list --json id,name",
    "smsc templates send otp --to 77011234567 --arg 1234",
    "smsc templates delete 3",
  ],
  completePositional: (typed) => (typed.length === 0 ? ACTIONS : []),
  async run({ values, positionals, client }) {
    const action = actionOf("templates", positionals, ACTIONS);
    const smsc = await client();
    const args = (values.arg as string[] | undefined) ?? [];
    switch (action) {
      case "list":
        return smsc.templates.list();
      case "add": {
        const input = inputOf(values);
        if (input.name === undefined || input.text === undefined)
          throw new UsageError("templates add needs --name and --text");
        return smsc.templates.add({ ...input, name: input.name, text: input.text });
      }
      case "update":
        return smsc.templates.update(idArgument("templates", positionals), inputOf(values));
      case "delete": {
        const id = idArgument("templates", positionals);
        await smsc.templates.delete(id);
        return { deleted: true, id };
      }
      case "render":
        return {
          text: await smsc.templates.render(argument("templates", positionals, 1, "an id or a name"), args),
        };
      case "send": {
        const to = (values.to as string[] | undefined) ?? [];
        if (to.length === 0) throw new UsageError("templates send needs --to");
        return smsc.templates.send(argument("templates", positionals, 1, "an id or a name"), {
          phones: to.join(","),
          args,
        });
      }
    }
  },
  human: (r: Template[] | Record<string, unknown>, style: Style) =>
    Array.isArray(r)
      ? blocks(r, "no templates")
      : "text" in r
        ? String(r.text)
        : `${style.green("done:")}\n${lines(r)}`,
};
