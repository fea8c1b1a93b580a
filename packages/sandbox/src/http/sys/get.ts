import {
  ANSWERS_LIMITS,
  ENDPOINTS,
  encodeAnswers,
  encodeHistory,
  encodeStats,
  encodeTariffs,
  formatWireDate,
  type HistoryRecord,
  type IncomingSms,
  type StatRecord,
  type TariffZone,
} from "smsc/protocol";
import { apiError } from "../../core/api-error.js";
import { type Fate, refuse } from "../../core/fate.js";
import { intParam } from "../../core/report-params.js";
import type { Core, IncomingMessage } from "../../core/types.js";
import { normalisePhone } from "../../store/address.js";
import type { SysCall, SysScript } from "./sys-script.js";

/** What one get.php request answered: each mode has its own records. */
export type GetReply =
  | { mode: "answers"; list: IncomingSms[] }
  | { mode: "history"; list: HistoryRecord[] }
  | { mode: "stat"; stat: StatRecord }
  | { mode: "price"; zones: TariffZone[] };

/** An incoming SMS as the wire shows it: received and sent are one moment, the sandbox has no network between. */
export function incomingSms(m: IncomingMessage): IncomingSms {
  const date = formatWireDate(Math.floor(m.receivedAt / 1000));
  return { id: m.id, received: date, phone: m.phone, toPhone: m.to, sent: date, message: m.text };
}

/**
 * `/sys/get.php`, one script with a mode per flag (spec §6.1–6.4, api-surface §1): `get_messages=1` history,
 * `get_answers=1` incoming SMS, `get_stat=1` statistics, `get_price=1` tariffs; `get_mega_accounts=1` is error 3
 * (the sandbox has no MegaFon accounts), anything else error 1. Choices in https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md ("History", "Inbox",
 * "Statistics and tariffs").
 */
export const getScript: SysScript<GetReply> = {
  path: ENDPOINTS.get,
  table: "get",
  serve(core, call) {
    const { params, account } = call;
    const input = { account, params };
    if (flag(params.get_messages)) return as(core.history.page(input), (list) => ({ mode: "history", list }));
    if (flag(params.get_answers)) return answers(core, call);
    if (flag(params.get_stat)) return as(core.billing.stats(input), (stat) => ({ mode: "stat", stat }));
    if (flag(params.get_price)) return as(core.billing.tariffs(input), (zones) => ({ mode: "price", zones }));
    // the service's error 3 of this table reads "Лицевые счета не найдены" for this mode (spec §3.4)
    if (flag(params.get_mega_accounts)) return refuse({ error: "accounts not found", code: 3 });
    return refuse(apiError(1, "get"));
  },
  encode(reply, { fmt }) {
    switch (reply.mode) {
      case "answers":
        return encodeAnswers(reply.list, fmt);
      case "history":
        return encodeHistory(reply.list, fmt);
      case "stat":
        return encodeStats(reply.stat, fmt);
      case "price":
        return encodeTariffs(reply.zones, fmt);
    }
  },
};

/** get_answers=1: `cnt`, `hour`, `after_id`, `to_phone`; malformed numbers are error 1. */
function answers(core: Core, { params, account }: SysCall): Fate<GetReply> {
  const cnt = intParam(params.cnt);
  const hour = intParam(params.hour);
  const afterId = intParam(params.after_id);
  if (cnt === null || hour === null || afterId === null) return refuse(apiError(1, "get"));
  const toPhone = params.to_phone?.trim() ? normalisePhone(params.to_phone) : undefined;
  const fate = core.answers({
    account,
    cnt: Math.min(Math.max(cnt ?? ANSWERS_LIMITS.defaultCnt, 1), ANSWERS_LIMITS.maxCnt),
    ...(hour !== undefined ? { hour: Math.min(Math.max(hour, 1), ANSWERS_LIMITS.maxHour) } : {}),
    ...(afterId !== undefined ? { afterId } : {}),
    ...(toPhone !== undefined ? { toPhone } : {}),
  });
  return as(fate, (list) => ({ mode: "answers", list: list.map(incomingSms) }));
}

/** A mode flag: present and not "0". */
function flag(v: string | undefined): boolean {
  return v !== undefined && v.trim() !== "" && v.trim() !== "0";
}

/** The same fate with its value mapped. */
function as<T, U>(fate: Fate<T>, fn: (v: T) => U): Fate<U> {
  return fate.kind === "answer" || fate.kind === "lose-reply" ? { ...fate, value: fn(fate.value) } : fate;
}
