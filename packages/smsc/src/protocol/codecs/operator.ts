import type { ErrorReply, Fmt } from "../types.js";
import { type Cell, decodeRecords, encodeRecords, type RecordLayout, RecordReader } from "./records.js";

/** What info.php?get_operator=1 says about one number (spec §6.5, api-surface §2). */
export interface OperatorInfo {
  /** The number asked about (digits); inferred from the position real parsers skip (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md). */
  phone?: string;
  /** Country, in Russian as the service writes it. */
  country: string;
  operator: string;
  /** Region; may be empty. */
  region: string;
  mcc: string;
  mnc: string;
  /** Time zone of the number's region, in hours relative to Moscow (as send.php's `tz`). */
  tz: number;
  /** Fields of the reply this version does not know, by wire name. */
  extra?: Record<string, unknown>;
}

/** The fields in wire order: real fmt=0 parsers find country, operator, region, mcc, mnc at positions 1–5. */
export const OPERATOR_KEYS = ["phone", "country", "operator", "region", "mcc", "mnc", "tz"] as const;

const LAYOUT: RecordLayout = { keys: OPERATOR_KEYS, item: "item" };

/**
 * Writes operator records. One number (`list` false) is one line, `<result>` with the fields, or an object; a list
 * is one line, `<item>` element or array entry per number.
 */
export function encodeOperators(infos: readonly OperatorInfo[], fmt: Fmt, list: boolean): string {
  const rows = infos.map((i): Cell[] => [
    ["phone", i.phone ?? ""],
    ["country", i.country],
    ["operator", i.operator],
    ["region", i.region],
    ["mcc", i.mcc],
    ["mnc", i.mnc],
    ["tz", i.tz],
  ]);
  return encodeRecords(rows, fmt, { ...LAYOUT, single: !list });
}

/** Reads an info.php reply (one number or a list) into records, or the error (3: operator not found). */
export function decodeOperators(body: string, fmt: Fmt): OperatorInfo[] | ErrorReply {
  const maps = decodeRecords(body, fmt, LAYOUT);
  if (!Array.isArray(maps)) return maps;
  return maps.map((m) => {
    const r = new RecordReader(m);
    const info: OperatorInfo = {
      country: r.str("country"),
      operator: r.str("operator"),
      region: r.str("region"),
      mcc: r.str("mcc"),
      mnc: r.str("mnc"),
      tz: r.num("tz"),
    };
    if (r.has("phone")) info.phone = r.str("phone");
    const extra = r.extra();
    return extra ? { ...info, extra } : info;
  });
}
