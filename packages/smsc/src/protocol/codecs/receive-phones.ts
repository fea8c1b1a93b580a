import type { ErrorReply, Fmt } from "../types.js";
import { decodeWireRecords, mapRecord, type WireRecordShape } from "./wire-records.js";

/** receive_phones.php?get=1 records **[INF]**: the number, its monthly price, whether it is yours, until when, renewal. */
export const RECEIVE_PHONE_SHAPE: WireRecordShape = {
  tag: "number",
  fields: ["phone", "cost", "status", "till", "noprolong"],
};

/** A dedicated inbound number (receive_phones.php). Fields the service adds are kept under their wire names. */
export interface RentedNumber {
  /** Digits. */
  phone: string;
  /** Price of a month. */
  cost: number;
  /** 0 available to rent, 1 rented by this account **[INF]**. */
  status: number;
  /** Paid until, "DD.MM.YYYY hh:mm:ss"; "" when not rented. */
  till?: string;
  /** 1 when it will not be renewed at the end of the paid period. */
  noprolong?: number;
  [field: string]: unknown;
}

const MAP = {
  phone: ["phone", "string"],
  cost: ["cost", "number"],
  status: ["status", "number"],
  till: ["till", "string"],
  noprolong: ["noprolong", "number"],
} as const;

/** Reads a receive_phones.php?get=1 reply (any format), or the error. */
export function decodeRentedNumbers(body: string, fmt: Fmt): RentedNumber[] | ErrorReply {
  const list = decodeWireRecords(body, RECEIVE_PHONE_SHAPE, fmt);
  if (!Array.isArray(list)) return list;
  return list.map((r) => ({ phone: "", cost: 0, status: 0, ...mapRecord<RentedNumber>(r, MAP) }));
}
