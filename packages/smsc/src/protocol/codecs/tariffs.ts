import type { ErrorReply, Fmt } from "../types.js";
import { type Cell, decodeRecords, encodeRecords, type RecordLayout, RecordReader } from "./records.js";
import { moneyJson, moneyText } from "./shared.js";

/** One tariff zone of get.php?get_price=1 (api-surface §1.4): prices of one unit, in the account's currency. */
export interface TariffZone {
  /** The zone's number. */
  zone: number;
  /** Its name (a country, an operator). */
  name: string;
  /** One SMS sent through the API. */
  api: number;
  /** One SMS sent from the personal account (mass mailings). */
  mass: number;
  mms: number;
  hlr: number;
  /** One voice message. */
  call: number;
  /** One Viber message; the documented column list ends before it (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md). */
  viber?: number;
  /** Fields of the reply this version does not know, by wire name. */
  extra?: Record<string, unknown>;
}

/** The fields of a tariff zone in wire order: the documented `zone … call`, then `viber` (inferred). */
export const TARIFF_KEYS = ["zone", "name", "api", "mass", "mms", "hlr", "call", "viber"] as const;

const LAYOUT: RecordLayout = { keys: TARIFF_KEYS, item: "tariff" };

/** Writes the tariff zones in one of the four formats: one line (fmt 0/1), `<tariff>` element or array item each. */
export function encodeTariffs(zones: readonly TariffZone[], fmt: Fmt): string {
  const money = fmt === 0 || fmt === 1 ? moneyText : moneyJson;
  const rows = zones.map((z): Cell[] => [
    ["zone", z.zone],
    ["name", z.name],
    ["api", money(z.api)],
    ["mass", money(z.mass)],
    ["mms", money(z.mms)],
    ["hlr", money(z.hlr)],
    ["call", money(z.call)],
    ["viber", money(z.viber ?? 0)],
  ]);
  return encodeRecords(rows, fmt, LAYOUT);
}

/** Reads a get_price reply into zones, or the error. */
export function decodeTariffs(body: string, fmt: Fmt): TariffZone[] | ErrorReply {
  const maps = decodeRecords(body, fmt, LAYOUT);
  if (!Array.isArray(maps)) return maps;
  return maps.map((m) => {
    const r = new RecordReader(m);
    const z: TariffZone = {
      zone: r.num("zone"),
      name: r.str("name"),
      api: r.num("api"),
      mass: r.num("mass"),
      mms: r.num("mms"),
      hlr: r.num("hlr"),
      call: r.num("call"),
    };
    if (r.has("viber")) z.viber = r.num("viber");
    const extra = r.extra();
    return extra ? { ...z, extra } : z;
  });
}
