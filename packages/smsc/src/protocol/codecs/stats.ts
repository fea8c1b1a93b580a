import type { ErrorReply, Fmt } from "../types.js";
import { type Cell, decodeRecords, encodeRecords, type RecordLayout, RecordReader } from "./records.js";
import { malformed } from "./send.js";
import { moneyJson, moneyText } from "./shared.js";

/** The statistics of one login for a period (get.php?get_stat=1, spec §6.3). */
export interface StatRecord {
  login: string;
  /** Messages (SMS parts) sent in the period. */
  sms: number;
  /** Money spent in the period. */
  credit: number;
  /** Money received (payments) in the period. */
  debit: number;
  /** Three-letter currency of the figures. */
  currency: string;
  /** Fields of the reply this version does not know, by wire name. */
  extra?: Record<string, unknown>;
}

/** The documented fields of a statistics record in wire order (spec §6.3). */
export const STAT_KEYS = ["login", "sms", "credit", "debit", "currency"] as const;

const LAYOUT: RecordLayout = { keys: STAT_KEYS, item: "stat", single: true };

/** Writes the statistics of the asking login: one record, fmt=2 fields in `<result>`, fmt=3 an object. */
export function encodeStats(s: StatRecord, fmt: Fmt): string {
  const money = fmt === 0 || fmt === 1 ? moneyText : moneyJson;
  const row: Cell[] = [
    ["login", s.login],
    ["sms", s.sms],
    ["credit", money(s.credit)],
    ["debit", money(s.debit)],
    ["currency", s.currency],
  ];
  return encodeRecords([row], fmt, LAYOUT);
}

/** Reads a get_stat reply (the first record when the service lists several logins), or the error. */
export function decodeStats(body: string, fmt: Fmt): StatRecord | ErrorReply {
  const maps = decodeRecords(body, fmt, LAYOUT);
  if (!Array.isArray(maps)) return maps;
  if (maps.length === 0) return malformed(body);
  const r = new RecordReader(maps[0]!);
  const rec: StatRecord = {
    login: r.str("login"),
    sms: r.num("sms"),
    credit: r.num("credit"),
    debit: r.num("debit"),
    currency: r.str("currency"),
  };
  const extra = r.extra();
  return extra ? { ...rec, extra } : rec;
}
