import type { ErrorReply, Fmt } from "../types.js";
import { decodeError } from "./error.js";
import { malformed } from "./send.js";
import { cleanBody, num, parseJson, xmlElement, xmlFields } from "./shared.js";
import { textPairs } from "./wait-call.js";

/** The click counters of one short link (tinyurls.php?get=1; api-surface §8). */
export interface TinyUrlStats {
  /** The short link's id: the code at the end of its URL. */
  id: string;
  /** Every click (`cnt`). */
  cnt: number;
  /** Clicks this month (`cnt_mon`). */
  cntMon: number;
  /** Clicks today (`cnt_day`). */
  cntDay: number;
  /** Clicks yesterday (`cnt_yes`). */
  cntYes: number;
  /** The short link as it went out in the message (undocumented: the sandbox's addition). */
  url?: string;
  /** The original link (undocumented: the sandbox's addition). */
  link?: string;
  /** Fields of the reply this library does not know, as they came. */
  extra?: Record<string, unknown>;
}

/** Wire names in the order every format writes them; `link` is last, so commas in it survive fmt=0 and fmt=1. */
const WIRE = [
  ["id", "id"],
  ["cnt", "cnt"],
  ["cnt_mon", "cntMon"],
  ["cnt_day", "cntDay"],
  ["cnt_yes", "cntYes"],
  ["url", "url"],
  ["link", "link"],
] as const;

const COUNTERS = new Set(["cnt", "cnt_mon", "cnt_day", "cnt_yes"]);

function cells(r: TinyUrlStats): Array<[string, string | number]> {
  return WIRE.flatMap(([wire, key]) =>
    r[key] === undefined ? [] : [[wire, r[key]] as [string, string | number]],
  );
}

/**
 * Writes a tinyurls.php reply. The documented fields are `id, cnt, cnt_mon, cnt_day, cnt_yes` ("further fields cut");
 * the layouts and the added `url` and `link` are our inference (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Short links").
 */
export function encodeTinyUrlStats(r: TinyUrlStats, fmt: Fmt): string {
  const c = cells(r);
  switch (fmt) {
    case 0:
      return c.map(([k, v]) => `${k} = ${v}`).join(", ");
    case 1:
      return c.map(([, v]) => v).join(",");
    case 2:
      return xmlElement("result", c);
    case 3:
      return JSON.stringify(Object.fromEntries(c));
  }
}

/** Reads a tinyurls.php reply in any format, or its error; unknown fields are kept in `extra`. */
export function decodeTinyUrlStats(body: string, fmt: Fmt): TinyUrlStats | ErrorReply {
  const b = cleanBody(body);
  const err = decodeError(b, fmt);
  if (err) return err;
  switch (fmt) {
    case 0:
      return fromFields(textPairs(b, "link"), b);
    case 1: {
      const f = b.split(",");
      if (f.length < 5) return malformed(b);
      const values = [...f.slice(0, 6), ...(f.length > 6 ? [f.slice(6).join(",")] : [])];
      return fromFields(new Map(values.map((v, i) => [WIRE[i]![0], v.trim()])), b);
    }
    case 2:
      return fromFields(xmlFields(b), b);
    case 3: {
      const j = parseJson(b);
      if (!j || typeof j !== "object" || Array.isArray(j)) return malformed(b);
      return fromFields(new Map(Object.entries(j as Record<string, unknown>)), b);
    }
  }
}

function fromFields(f: Map<string, unknown>, body: string): TinyUrlStats | ErrorReply {
  if (f.get("id") === undefined || f.get("cnt") === undefined) return malformed(body);
  const out: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  const known = new Map<string, string>(WIRE);
  for (const [k, v] of f) {
    const key = known.get(k);
    if (key === undefined) extra[k] = v;
    else out[key] = COUNTERS.has(k) ? num(v) : String(v);
  }
  for (const k of COUNTERS) out[known.get(k)!] ??= 0;
  return { ...(out as unknown as TinyUrlStats), ...(Object.keys(extra).length ? { extra } : {}) };
}
