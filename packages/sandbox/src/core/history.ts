import {
  addMonths,
  crc32,
  formatWireDate,
  HISTORY_LIMITS,
  type HistoryRecord,
  MESSAGE_FORMATS,
  MOSCOW_OFFSET_HOURS,
  statusName,
} from "smsc/protocol";
import { normalisePhone } from "../store/address.js";
import type { Store } from "../store/store.js";
import { apiError } from "./api-error.js";
import { answer, refuse } from "./fate.js";
import type { Limits } from "./limits.js";
import { mccmnc, phoneInfo } from "./phone-info.js";
import { dayRange, IdenticalRequests, intParam } from "./report-params.js";
import type { Core, Message } from "./types.js";

/**
 * Sent-message history: get.php?get_messages=1 (spec §6.1), answered from the sandbox's own messages. `page` is
 * one page, newest first: `cnt` messages sent before `prev_id`, in the period and to the numbers asked.
 */
export type History = Core["history"];

/** Creates the history module. */
export function createHistory(deps: { store: Store; clock: () => number; limits: Limits }): History {
  const { store, clock } = deps;
  const identical = new IdenticalRequests(clock, deps.limits);
  return {
    page({ account, params }) {
      const fail = (code: number) => refuse<HistoryRecord[]>(apiError(code, "get"));
      const range = dayRange(params.start, params.end);
      const cnt = intParam(params.cnt);
      const prevId = intParam(params.prev_id);
      const format = intParam(params.format);
      if (!range || cnt === null || prevId === null || format === null || (format ?? 0) > 11) return fail(1);
      // the period may span six months at most; without `end` it runs to today, without `start` six months back
      const endDay = range.to !== undefined ? range.to / 1000 - 86_400 : dayStart(clock());
      const startDay =
        range.from !== undefined ? range.from / 1000 : addMonths(endDay, -HISTORY_LIMITS.maxMonths);
      if (endDay > addMonths(startDay, HISTORY_LIMITS.maxMonths)) return fail(1);
      const phones = list(params.phone).map(normalisePhone);
      const emails = list(params.email);
      const mail = format === 8 || emails.length > 0;
      const recipients = mail ? emails : phones;
      if (!identical.allow("history", account.id, params, HISTORY_LIMITS.identicalPerMinute)) return fail(9);
      const page = store.history.page({
        accountId: account.id,
        from: startDay * 1000,
        to: range.to ?? Number.MAX_SAFE_INTEGER,
        ...(recipients.length ? { recipients } : {}),
        mail,
        ...(prevId ? { before: prevId } : {}),
        limit: Math.min(Math.max(cnt ?? HISTORY_LIMITS.defaultCnt, 1), HISTORY_LIMITS.maxCnt),
      });
      // nothing found is error 3, as for incoming SMS: an empty fmt=0/1 body reads as a failed request
      return page.length ? answer(page.map(historyRecord)) : fail(3);
    },
  };
}

/** A stored message as a history record (spec §6.1 fields). */
export function historyRecord(m: Message): HistoryRecord {
  const last = Math.floor(m.statusAt / 1000);
  const sent = Math.floor(m.sendAt / 1000);
  const info = phoneInfo(m.phone);
  return {
    status: m.status,
    lastDate: formatWireDate(last),
    lastTimestamp: last,
    err: m.err,
    sendDate: formatWireDate(sent),
    sendTimestamp: sent,
    phone: m.phone,
    cost: m.cost,
    senderId: m.sender,
    statusName: statusName(m.status),
    message: m.text,
    type: m.type,
    country: info.country,
    operator: info.operator,
    region: info.region,
    id: m.id,
    intId: m.rowId,
    smsCnt: m.parts,
    format: MESSAGE_FORMATS[m.format].index ?? m.type,
    crc: String(crc32(m.text)),
    mccmnc: mccmnc(m.phone),
  };
}

/** Midnight (Moscow) of the day a time (ms) falls on, as Unix seconds. */
function dayStart(ms: number): number {
  const local = Math.floor(ms / 1000) + MOSCOW_OFFSET_HOURS * 3600;
  return local - (local % 86_400) - MOSCOW_OFFSET_HOURS * 3600;
}

function list(v: string | undefined): string[] {
  return (v ?? "")
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
