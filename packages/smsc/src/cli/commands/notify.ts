import type { NotifyReply } from "../../protocol/index.js";
import { type Command, num, str } from "../command.js";
import { UsageError } from "../errors.js";
import { fieldList } from "../json-fields.js";

/** `smsc notify`: sends a task group's event notification (ping.php). */
export const notify: Command = {
  name: "notify",
  summary: "send a task group's event notification (ping.php)",
  usage: "<group-id> [--name N] [--host H] [--info I] [--recovered]",
  flags: {
    group: { type: "string", arg: "id", help: "the task group's id, or the first argument" },
    name: { type: "string", arg: "text", help: "replaces {NAME} in the group's text" },
    host: { type: "string", arg: "text", help: "replaces {HOST}" },
    info: { type: "string", arg: "text", help: "replaces {INFO}" },
    recovered: { type: "boolean", help: "send the recovery text (ok=1) instead of the failure text" },
  },
  notes: "Messages go out: the request is never retried once it may have reached the service.",
  fields: fieldList<NotifyReply>()(["id", "cnt", "extra"]),
  examples: [
    'smsc notify 1 --name web --host example.com --info "HTTP 502"',
    "smsc notify 1 --name web --recovered",
  ],
  async run({ values, positionals, client }) {
    const raw = str(values, "group") ?? positionals[0];
    if (raw === undefined) throw new UsageError("notify needs a task group id");
    const group = num({ group: raw }, "group", (n) => Number.isSafeInteger(n) && n > 0)!;
    const name = str(values, "name");
    const host = str(values, "host");
    const info = str(values, "info");
    return (await client()).notifications.send({
      group,
      ...(name !== undefined ? { name } : {}),
      ...(host !== undefined ? { host } : {}),
      ...(info !== undefined ? { info } : {}),
      recovered: values.recovered === true,
    });
  },
  human: (r: NotifyReply, style) =>
    `${style.green("sent:")} ${r.cnt ?? "?"} SMS${r.id !== undefined ? `, id ${r.id}` : ""}`,
};
