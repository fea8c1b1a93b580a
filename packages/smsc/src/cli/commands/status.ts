import type { StatusRecord } from "../../protocol/index.js";
import { type Command, str } from "../command.js";
import { UsageError } from "../exit-codes.js";

/** `smsc status`: status of one message, or of several with comma lists. */
export const status: Command = {
  name: "status",
  summary: "status of a message (comma lists of ids and phones for several)",
  usage: `<id> <phone> [--all 0|1|2]
  --id <id[,id]>          message id(s), or the first argument
  --phone <phone[,phone]> phone(s) in the order of the ids, or the second argument
  --all <0|1|2>           detail: 0 short, 1 full, 2 with country, operator and region`,
  options: { id: { type: "string" }, phone: { type: "string" }, all: { type: "string" } },
  examples: ["smsc status 42 77011234567 --all 1", "smsc status --id 42,43 --phone 77011234567,77017654321"],
  async run({ values, positionals, client }) {
    const id = str(values, "id") ?? positionals[0];
    const phone = str(values, "phone") ?? positionals[1];
    if (id === undefined || phone === undefined) throw new UsageError("status needs an id and a phone");
    const all = Number(str(values, "all") ?? 0) as 0 | 1 | 2;
    const toId = (s: string) => (/^\d+$/.test(s) ? Number(s) : s);
    if (!id.includes(",")) return client().status({ id: toId(id), phone, all });
    const ids = id.split(",").filter(Boolean).map(toId);
    return client().status({ ids, phones: phone.split(",").filter(Boolean), all });
  },
  human: (r: StatusRecord | StatusRecord[]) => (Array.isArray(r) ? r : [r]).map(describe).join("\n\n"),
};

function describe(r: StatusRecord): string {
  const { hlr, ...rest } = r;
  const lines = Object.entries(rest).map(([k, v]) => `${k}: ${v}`);
  if (hlr) lines.push(...Object.entries(hlr).map(([k, v]) => `hlr.${k}: ${v}`));
  return lines.join("\n");
}
