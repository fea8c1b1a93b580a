import type { ErrorReply, Fmt, MessageId } from "../types.js";
import { type Cell, decodeRecords, encodeRecords, type RecordLayout, RecordReader } from "./records.js";
import { idValue, moneyJson, moneyText } from "./shared.js";

/**
 * One sent message of get.php?get_messages=1 (spec §6.1): the documented field list, which is status.php's
 * vocabulary plus `int_id`, the message's own global id that `prev_id` pages on.
 */
export interface HistoryRecord {
  /** Status code (spec §4.2). */
  status: number;
  /** Time of the last status change, "DD.MM.YYYY hh:mm:ss" Moscow time. */
  lastDate: string;
  lastTimestamp: number;
  /** Delivery error code (spec §4.3). */
  err: number;
  /** When it was sent, "DD.MM.YYYY hh:mm:ss" Moscow time. */
  sendDate: string;
  sendTimestamp: number;
  /** The recipient (digits, or the address of an e-mail). */
  phone: string;
  cost: number;
  senderId: string;
  /** The status's name, in Russian as the service writes it. */
  statusName: string;
  message: string;
  /** Server message type (spec §4.4). */
  type: number;
  country: string;
  operator: string;
  region: string;
  /** The send's id, as send.php answered it (shared by the recipients of one send). */
  id: MessageId;
  /** This message's own global id; pass it as `prev_id` for the messages sent before it. */
  intId: number;
  /** Parts (or seconds of a call). */
  smsCnt: number;
  /** The libraries' format index (0 SMS … 8 e-mail …). */
  format: number;
  /** The service's checksum of the message (meaning undocumented). */
  crc: string;
  mccmnc: string;
  /** Fields of the reply this version does not know, by wire name. */
  extra?: Record<string, unknown>;
}

/** The documented fields of a history record in wire order (spec §6.1). */
export const HISTORY_KEYS = [
  "status",
  "last_date",
  "last_timestamp",
  "err",
  "send_date",
  "send_timestamp",
  "phone",
  "cost",
  "sender_id",
  "status_name",
  "message",
  "type",
  "country",
  "operator",
  "region",
  "id",
  "int_id",
  "sms_cnt",
  "format",
  "crc",
  "mccmnc",
] as const;

const LAYOUT: RecordLayout = { keys: HISTORY_KEYS, item: "sms", free: "message" };

/** Writes history records, newest first as given, in one of the four formats. */
export function encodeHistory(list: readonly HistoryRecord[], fmt: Fmt): string {
  const text = fmt === 0 || fmt === 1;
  const rows = list.map((r): Cell[] => [
    ["status", r.status],
    ["last_date", r.lastDate],
    ["last_timestamp", r.lastTimestamp],
    ["err", r.err],
    ["send_date", r.sendDate],
    ["send_timestamp", r.sendTimestamp],
    ["phone", r.phone],
    ["cost", text ? moneyText(r.cost) : moneyJson(r.cost)],
    ["sender_id", r.senderId],
    ["status_name", r.statusName],
    ["message", r.message],
    ["type", r.type],
    ["country", r.country],
    ["operator", r.operator],
    ["region", r.region],
    ["id", idValue(r.id)],
    ["int_id", r.intId],
    ["sms_cnt", r.smsCnt],
    ["format", r.format],
    ["crc", r.crc],
    ["mccmnc", r.mccmnc],
  ]);
  return encodeRecords(rows, fmt, LAYOUT);
}

/** Reads a get_messages reply into records, or the error (error 3 when nothing matches). */
export function decodeHistory(body: string, fmt: Fmt): HistoryRecord[] | ErrorReply {
  const maps = decodeRecords(body, fmt, LAYOUT);
  if (!Array.isArray(maps)) return maps;
  return maps.map((m) => {
    const r = new RecordReader(m);
    const rec: HistoryRecord = {
      status: r.num("status"),
      lastDate: r.str("last_date"),
      lastTimestamp: r.num("last_timestamp"),
      err: r.num("err"),
      sendDate: r.str("send_date"),
      sendTimestamp: r.num("send_timestamp"),
      phone: r.str("phone"),
      cost: r.num("cost"),
      senderId: r.str("sender_id"),
      statusName: r.str("status_name"),
      message: r.str("message"),
      type: r.num("type"),
      country: r.str("country"),
      operator: r.str("operator"),
      region: r.str("region"),
      id: r.id("id"),
      intId: r.num("int_id"),
      smsCnt: r.num("sms_cnt"),
      format: r.num("format"),
      crc: r.str("crc"),
      mccmnc: r.str("mccmnc"),
    };
    const extra = r.extra();
    return extra ? { ...rec, extra } : rec;
  });
}
