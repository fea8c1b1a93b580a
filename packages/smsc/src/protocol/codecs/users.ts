import type { ErrorReply, Fmt } from "../types.js";
import { decodeWireRecords, mapRecord, type WireRecordShape } from "./wire-records.js";

/**
 * `type` of a sub-client (spec §7 users.php): 0 its own tariff and balance (default), 1 the main tariff and its own
 * balance, 2 the main tariff and balance, 3 the main balance and its own tariff, 4 an additional login of the main
 * account. Types 2, 3 and 4 spend the main account's money.
 */
export const SUBCLIENT_TYPES = {
  0: "own tariff and balance",
  1: "main tariff, own balance",
  2: "main tariff and balance",
  3: "main balance, own tariff",
  4: "additional login of the main account",
} as const;

/** Whether a sub-client of this type spends the main account's balance (so `pay` is error 7). */
export function sharesMainBalance(type: number): boolean {
  return type === 2 || type === 3 || type === 4;
}

/** The `fl2[27]` flag: test mode, virtual sends without payment (smsc-api-surface §7, §20.12). */
export const TEST_MODE_FLAG = "fl2[27]";

/** users.php?get_stat=1 records **[INF]**: per login, the fields of get.php?get_stat (spec §6.3) and the balance. */
export const SUBCLIENT_STAT_SHAPE: WireRecordShape = {
  tag: "user",
  fields: ["login", "type", "sms", "credit", "debit", "balance", "currency"],
};

/** One sub-client's statistics (users.php?get_stat=1). Fields the service adds are kept under their wire names. */
export interface SubclientStat {
  login: string;
  type?: number;
  /** Messages sent in the period. */
  sms: number;
  /** Money spent in the period. */
  credit: number;
  /** Money received (pay) in the period. */
  debit: number;
  balance?: number;
  currency?: string;
  [field: string]: unknown;
}

const MAP = {
  login: ["login", "string"],
  type: ["type", "number"],
  sms: ["sms", "number"],
  credit: ["credit", "number"],
  debit: ["debit", "number"],
  balance: ["balance", "number"],
  currency: ["currency", "string"],
} as const;

/** Reads a users.php?get_stat=1 reply (any format), or the error. */
export function decodeSubclientStats(body: string, fmt: Fmt): SubclientStat[] | ErrorReply {
  const list = decodeWireRecords(body, SUBCLIENT_STAT_SHAPE, fmt);
  if (!Array.isArray(list)) return list;
  return list.map((r) => ({ login: "", sms: 0, credit: 0, debit: 0, ...mapRecord<SubclientStat>(r, MAP) }));
}
