import type { NewOpTemplate } from "../../client/index.js";
import { OP_TEMPLATE_OPERATORS, type OpTemplate } from "../../protocol/index.js";
import { type Command, str } from "../command.js";
import { UsageError } from "../errors.js";
import { fieldList } from "../json-fields.js";
import { actionOf, humanChange, recordLines } from "./book-actions.js";

const ACTIONS = ["list", "add"] as const;
/** Operator flag wire name → SDK field (mts_srv → mtsService). */
const OPERATORS = Object.fromEntries(
  Object.entries(OP_TEMPLATE_OPERATORS).map(([name, f]) => [f.wire, name]),
);

/** `smsc op-templates`: templates registered with the operators (op_templates.php). */
export const opTemplates: Command = {
  name: "op-templates",
  summary: "operator templates: register one with MTS, MegaFon, Beeline, Tele2; list them (op_templates.php)",
  usage: "list | add --sender NAME --message TEXT --operators mts_srv,bee_trn,…",
  flags: {
    sender: { type: "string", arg: "name", help: "the sender name the template is for" },
    message: { type: "string", short: "m", arg: "text", help: "the template text" },
    operators: {
      type: "string",
      arg: "list",
      help: `operators and classes: ${Object.keys(OPERATORS).join(", ")}`,
    },
  },
  fields: fieldList<OpTemplate>()([
    "id",
    "sender",
    "message",
    "mtsService",
    "mtsTransactional",
    "megafonService",
    "megafonTransactional",
    "beelineService",
    "beelineTransactional",
    "tele2Service",
    "tele2Transactional",
    "created",
  ]),
  examples: [
    'smsc op-templates add --sender Shop --message "Your code: %s" --operators mts_srv,mega_srv',
    "smsc op-templates list",
  ],
  completePositional: (typed) => (typed.length === 0 ? ACTIONS : []),
  async run({ values, positionals, client }) {
    const action = actionOf("op-templates", ACTIONS, positionals[0]);
    const smsc = await client();
    if (action === "list") return smsc.opTemplates.list();
    const sender = str(values, "sender");
    const message = str(values, "message");
    if (sender === undefined || message === undefined)
      throw new UsageError("op-templates add needs --sender and --message");
    const template: NewOpTemplate = { sender, message };
    for (const op of (str(values, "operators") ?? "").split(",").filter(Boolean)) {
      const field = OPERATORS[op.trim()];
      if (!field)
        throw new UsageError(`--operators: unknown "${op}"; one of ${Object.keys(OPERATORS).join(", ")}`);
      (template as unknown as Record<string, boolean>)[field] = true;
    }
    return { id: await smsc.opTemplates.add(template) };
  },
  human: (r: OpTemplate[] | { id: number }, style) =>
    Array.isArray(r) ? (r.length ? r.map(recordLines).join("\n\n") : "no templates") : humanChange(r, style),
};
