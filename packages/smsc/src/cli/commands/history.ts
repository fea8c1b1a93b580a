import type { HistoryRecord } from "../../protocol/index.js";
import { type Command, num, str } from "../command.js";
import { fieldList } from "../json-fields.js";

/** `smsc history`: sent messages, newest first, paged with prev_id (get.php?get_messages). */
export const history: Command = {
  name: "history",
  summary: "sent messages, newest first (get.php get_messages)",
  usage: "[--from DD.MM.YYYY] [--to DD.MM.YYYY] [--phone <phones>] [--limit N]",
  flags: {
    from: { type: "string", arg: "DD.MM.YYYY", help: "first day (default: six months before --to)" },
    to: { type: "string", arg: "DD.MM.YYYY", help: "last day (default: today)" },
    phone: { type: "string", arg: "phones", help: "only messages to these numbers (comma list)" },
    email: { type: "string", arg: "addresses", help: "e-mail messages to these addresses instead of SMS" },
    before: { type: "string", arg: "int-id", help: "only messages sent before this one (its intId)" },
    limit: { type: "string", arg: "N", help: "at most N messages (default 100; 0 for all)" },
    "page-size": { type: "string", arg: "N", help: "messages per request, 1–1000 (default 1000)" },
  },
  notes: "Reads page after page (prev_id) until --limit messages or the end of the period.",
  fields: fieldList<HistoryRecord>()([
    "status",
    "lastDate",
    "lastTimestamp",
    "err",
    "sendDate",
    "sendTimestamp",
    "phone",
    "cost",
    "senderId",
    "statusName",
    "message",
    "type",
    "country",
    "operator",
    "region",
    "id",
    "intId",
    "smsCnt",
    "format",
    "crc",
    "mccmnc",
    "extra",
  ]),
  examples: [
    "smsc history --from 01.11.2026",
    "smsc history --phone 77011234567 --limit 10",
    "smsc history --limit 0 --json intId,phone,status",
  ],
  async run({ values, client }) {
    const limit = num(values, "limit", (n) => Number.isSafeInteger(n) && n >= 0) ?? 100;
    const before = num(values, "before", (n) => Number.isSafeInteger(n) && n > 0);
    const pageSize = num(values, "page-size", (n) => Number.isSafeInteger(n) && n >= 1 && n <= 1000);
    const from = str(values, "from");
    const to = str(values, "to");
    const phone = str(values, "phone");
    const email = str(values, "email");
    const smsc = await client();
    const out: HistoryRecord[] = [];
    const query = {
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(phone !== undefined ? { phones: phone } : {}),
      ...(email !== undefined ? { emails: email } : {}),
      ...(before !== undefined ? { before } : {}),
      // no more per request than the limit needs
      pageSize: pageSize ?? (limit > 0 ? Math.min(limit, 1000) : 1000),
    };
    for await (const m of smsc.history(query)) {
      out.push(m);
      if (limit > 0 && out.length >= limit) break;
    }
    return out;
  },
  human: (list: HistoryRecord[], style) =>
    list.length === 0
      ? style.dim("no messages")
      : list
          .map(
            (m) =>
              `${style.dim(m.sendDate)}  ${m.phone.padEnd(14)} ${`${m.status} ${m.statusName}`.padEnd(24)} ${m.message.replace(/\s+/g, " ")}  ${style.dim(`#${m.intId}`)}`,
          )
          .join("\n"),
};
