import type { IncomingSms } from "../../protocol/index.js";
import { type Command, num, str } from "../command.js";
import { fieldList } from "../json-fields.js";
import type { Style } from "../style.js";

const FIELDS = fieldList<IncomingSms>()(["id", "received", "phone", "toPhone", "sent", "message", "extra"]);

/** `smsc inbox`: incoming SMS (get.php?get_answers), or with --follow new ones as they arrive. */
export const inbox: Command = {
  name: "inbox",
  summary: "incoming SMS; --follow polls for new ones (get.php get_answers)",
  usage: "[--after <id>] [--hours N] [--to <phone>] [--follow]",
  flags: {
    after: { type: "string", arg: "id", help: "only SMS after this incoming id" },
    hours: { type: "string", arg: "N", help: "only the last N hours, 1–168" },
    to: { type: "string", arg: "phone", help: "only SMS to this number of the account" },
    limit: { type: "string", arg: "N", help: "at most N SMS (default 100; 0 for all)" },
    follow: {
      type: "boolean",
      short: "f",
      help: "keep polling for new SMS until Ctrl-C (NDJSON with --json)",
    },
    interval: { type: "string", arg: "seconds", help: "seconds between polls with --follow (default 30)" },
  },
  notes:
    "Without --follow: SMS oldest first, read page after page with after_id. With --follow: the SMS after --after\n(default: from now on), then new ones as they come, one line each; the service allows three identical requests a\nminute, so keep --interval at 20 seconds or more against it.",
  fields: FIELDS,
  examples: ["smsc inbox --hours 24", "smsc inbox --follow", "smsc inbox --follow --json phone,message"],
  handlesSignals: (values) => values.follow === true,
  async run({ values, client, io, json, select, style, signal }) {
    const after = num(values, "after", (n) => Number.isSafeInteger(n) && n >= 0);
    const hours = num(values, "hours", (n) => Number.isSafeInteger(n) && n >= 1 && n <= 168);
    const limit = num(values, "limit", (n) => Number.isSafeInteger(n) && n >= 0) ?? 100;
    const interval = num(values, "interval", (n) => n > 0) ?? 30;
    const to = str(values, "to");
    const smsc = await client();
    const query = {
      ...(after !== undefined ? { after } : {}),
      ...(to !== undefined ? { to } : {}),
    };
    if (values.follow === true) {
      for await (const sms of smsc.inbox.poll({ ...query, intervalMs: interval * 1000, signal }))
        io.stdout.write(json ? `${JSON.stringify(select(sms))}\n` : `${line(sms, style.out)}\n`);
      return undefined;
    }
    const out: IncomingSms[] = [];
    for await (const sms of smsc.inbox({ ...query, ...(hours !== undefined ? { hours } : {}) })) {
      out.push(sms);
      if (limit > 0 && out.length >= limit) break;
    }
    return out;
  },
  human: (list: IncomingSms[] | undefined, style) =>
    list === undefined
      ? undefined
      : list.length === 0
        ? style.dim("no incoming SMS")
        : list.map((m) => line(m, style)).join("\n"),
};

function line(m: IncomingSms, style: Style): string {
  return `${style.dim(m.received)}  ${m.phone.padEnd(14)} → ${(m.toPhone || "-").padEnd(14)} ${m.message.replace(/\s+/g, " ")}  ${style.dim(`#${m.id}`)}`;
}
