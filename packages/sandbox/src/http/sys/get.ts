import { ANSWERS_LIMITS, ENDPOINTS, type Fmt, formatWireDate, xmlEscape } from "smsc/protocol";
import { apiError } from "../../core/api-error.js";
import { answer, refuse } from "../../core/fate.js";
import type { IncomingMessage } from "../../core/types.js";
import { normalisePhone } from "../../store/address.js";
import type { SysScript } from "./sys-script.js";

/** Field order of an incoming-SMS record; `message` is last so commas in it survive in fmt=1 **[INF]**. */
const FIELDS = ["id", "received", "sent", "phone", "to_phone", "message"] as const;

type Cells = Array<readonly [(typeof FIELDS)[number], string | number]>;

function cells(m: IncomingMessage): Cells {
  const date = formatWireDate(Math.floor(m.receivedAt / 1000));
  // the sandbox delivers instantly, so the subscriber's send time and the receipt time are the same moment
  return [
    ["id", m.id],
    ["received", date],
    ["sent", date],
    ["phone", m.phone],
    ["to_phone", m.to],
    ["message", m.text],
  ];
}

/** Writes incoming SMS in one of the four formats (choices in https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md, "Inbox"). */
function encodeAnswers(list: IncomingMessage[], fmt: Fmt): string {
  const rows = list.map(cells);
  switch (fmt) {
    case 0:
      return rows.map((c) => c.map(([k, v]) => `${k} = ${v}`).join(", ")).join("\n");
    case 1:
      return rows.map((c) => c.map(([, v]) => v).join(",")).join("\n");
    case 2: {
      const items = rows.map(
        (c) => `<sms>\n${c.map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`).join("\n")}\n</sms>`,
      );
      return `<result>\n${items.map((i) => `${i}\n`).join("")}</result>`;
    }
    case 3:
      return JSON.stringify(rows.map((c) => Object.fromEntries(c)));
  }
}

/**
 * `/sys/get.php`: `get_answers=1` lists the account's incoming SMS (spec §6.2) with `cnt`, `hour`, `after_id` and
 * `to_phone`; nothing found is error 3 (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Inbox"). Other `get.php` requests, and bad numbers in
 * these parameters, are error 1.
 */
export const getScript: SysScript<IncomingMessage[]> = {
  path: ENDPOINTS.get,
  table: "get",
  serve(core, { params, account }) {
    if (params.get_answers !== "1") return refuse(apiError(1, "get"));
    const cnt = int(params.cnt);
    const hour = int(params.hour);
    const afterId = int(params.after_id);
    if (cnt === null || hour === null || afterId === null) return refuse(apiError(1, "get"));
    const toPhone = params.to_phone?.trim() ? normalisePhone(params.to_phone) : undefined;
    const list = core.answers({
      account,
      cnt: Math.min(Math.max(cnt ?? ANSWERS_LIMITS.defaultCnt, 1), ANSWERS_LIMITS.maxCnt),
      ...(hour !== undefined ? { hour: Math.min(Math.max(hour, 1), ANSWERS_LIMITS.maxHour) } : {}),
      ...(afterId !== undefined ? { afterId } : {}),
      ...(toPhone !== undefined ? { toPhone } : {}),
    });
    // an empty list would be an empty fmt=0/1 body, which the libraries read as a failed request (spec §3.5)
    return list.length === 0 ? refuse(apiError(3, "get")) : answer(list);
  },
  encode: (list, { fmt }) => encodeAnswers(list, fmt),
};

/** A non-negative integer parameter: undefined when absent or empty, null when malformed. */
function int(v: string | undefined): number | undefined | null {
  if (v === undefined || v.trim() === "") return undefined;
  return /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : null;
}
