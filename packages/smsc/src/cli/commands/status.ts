import { isFinalStatus, STATUS, STATUS_CODES, type StatusRecord } from "../../protocol/index.js";
import { type Command, str } from "../command.js";
import { UsageError } from "../errors.js";
import { EXIT_CODES } from "../exit-codes.js";
import { fieldList } from "../json-fields.js";
import type { Style } from "../style.js";

/** `smsc status`: status of one message, or of several with comma lists. A message not found exits 9. */
export const status: Command = {
  name: "status",
  summary: "status of a message (comma lists of ids and phones for several)",
  usage: "<id> <phone> [--all 0|1|2]",
  flags: {
    id: { type: "string", arg: "id[,id]", help: "message id(s), or the first argument" },
    phone: {
      type: "string",
      arg: "phone[,phone]",
      help: "phone(s) in the order of the ids, or the second argument",
    },
    all: {
      type: "string",
      arg: "0|1|2",
      help: "detail: 0 short, 1 full, 2 with country, operator and region",
      complete: ["0", "1", "2"],
    },
  },
  notes: `A message the service does not know (status ${STATUS.notFound}) exits ${EXIT_CODES.notFound}, its record still printed.`,
  fields: fieldList<StatusRecord>()([
    "status",
    "lastDate",
    "lastTimestamp",
    "err",
    "flag",
    "id",
    "phone",
    "sendDate",
    "sendTimestamp",
    "cost",
    "senderId",
    "statusName",
    "message",
    "comment",
    "type",
    "smsCnt",
    "country",
    "operator",
    "region",
    "mccmnc",
    "hlr",
  ]),
  examples: [
    "smsc status 42 77011234567 --all 1",
    "smsc status --id 42,43 --phone 77011234567,77017654321",
    "smsc status 42 77011234567 --json status,lastDate",
  ],
  async run({ values, positionals, client, io, json, style, setExitCode }) {
    const id = str(values, "id") ?? positionals[0];
    const phone = str(values, "phone") ?? positionals[1];
    if (id === undefined || phone === undefined) throw new UsageError("status needs an id and a phone");
    const all = Number(str(values, "all") ?? 0) as 0 | 1 | 2;
    const toId = (s: string) => (/^\d+$/.test(s) ? Number(s) : s);
    const ids = id.split(",").filter(Boolean);
    const phones = phone.split(",").filter(Boolean);
    const smsc = await client();
    const records = id.includes(",")
      ? await smsc.status({ ids: ids.map(toId), phones, all })
      : [await smsc.status({ id: toId(id), phone, all })];
    const missing = records.flatMap((r, i) => (r.status === STATUS.notFound ? [i] : []));
    if (missing.length) {
      setExitCode(EXIT_CODES.notFound);
      if (!json)
        for (const i of missing)
          io.stderr.write(
            `${style.err.red("not found:")} the service has no message ${ids[i] ?? id} for ${phones[i] ?? phone} (status ${STATUS.notFound})\n`,
          );
    }
    return id.includes(",") ? records : records[0];
  },
  human: (r: StatusRecord | StatusRecord[], style) =>
    (Array.isArray(r) ? r : [r]).map((x) => describe(x, style)).join("\n\n"),
};

function describe(r: StatusRecord, style: Style): string {
  const { hlr, ...rest } = r;
  const lines = Object.entries(rest).map(([k, v]) =>
    k === "status" ? `status: ${statusText(Number(v), style)}` : `${k}: ${v}`,
  );
  if (hlr) lines.push(...Object.entries(hlr).map(([k, v]) => `hlr.${k}: ${v}`));
  return lines.join("\n");
}

/** "1 (delivered)": green when delivered or read, red when it ended otherwise, yellow while under way. */
function statusText(code: number, style: Style): string {
  const name = (STATUS_CODES as Record<string, { en: string }>)[String(code)]?.en;
  const text = name ? `${code} (${name.toLowerCase()})` : String(code);
  if (code === STATUS.delivered || code === STATUS.read || code === STATUS.clicked) return style.green(text);
  return isFinalStatus(code) ? style.red(text) : style.yellow(text);
}
