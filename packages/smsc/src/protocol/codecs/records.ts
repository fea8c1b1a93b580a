import type { ErrorReply, Fmt } from "../types.js";
import { decodeError } from "./error.js";
import { malformed } from "./send.js";
import { cleanBody, idValue, num, parseJson, xmlBlocks, xmlEscape, xmlFields } from "./shared.js";

/** One field of a record on the wire: its wire name and its value (numbers stay numbers in JSON). */
export type Cell = readonly [key: string, value: string | number];

/**
 * How a list of records is laid out. The service's multi-record replies (status.php with id lists, spec §4.4) are
 * the model: fmt=0 one `key = value, …` line per record, fmt=1 one line of values, fmt=2 one `<item>` element per
 * record inside `<result>`, fmt=3 a JSON array.
 */
export interface RecordShape {
  /** The element of one record in fmt=2 (`sms` for messages). */
  item: string;
  /** One record answered as itself: fmt=2 fields directly in `<result>`, fmt=3 an object instead of an array. */
  single?: boolean;
}

/** Writes records in one of the four formats (see RecordShape). */
export function encodeRecords(rows: ReadonlyArray<readonly Cell[]>, fmt: Fmt, shape: RecordShape): string {
  switch (fmt) {
    case 0:
      return rows.map((c) => c.map(([k, v]) => `${k} = ${v}`).join(", ")).join("\n");
    case 1:
      return rows.map((c) => c.map(([, v]) => v).join(",")).join("\n");
    case 2: {
      const fields = (c: readonly Cell[]) =>
        c.map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`).join("\n");
      if (shape.single && rows.length === 1) return `<result>\n${fields(rows[0]!)}\n</result>`;
      const items = rows.map((c) => `<${shape.item}>\n${fields(c)}\n</${shape.item}>\n`);
      return `<result>\n${items.join("")}</result>`;
    }
    case 3: {
      const objs = rows.map((c) => Object.fromEntries(c));
      return JSON.stringify(shape.single && objs.length === 1 ? objs[0] : objs);
    }
  }
}

/** What a decoder needs to know about a record's layout. */
export interface RecordLayout extends RecordShape {
  /** The documented wire names in wire order (fmt=1 is read by position). */
  keys: readonly string[];
  /** The one field that may contain commas and line breaks (the message text); fmt=0/1 read around it. */
  free?: string;
}

/**
 * Reads records in any format into maps of wire name → value (text values in fmt 0–2, JSON values as they came),
 * or the error reply. Unknown fields are kept in fmt 0, 2 and 3; fmt=1 carries no names and is read by position.
 */
export function decodeRecords(
  body: string,
  fmt: Fmt,
  layout: RecordLayout,
): Array<Map<string, unknown>> | ErrorReply {
  const b = cleanBody(body);
  const err = decodeError(b, fmt);
  if (err) return err;
  switch (fmt) {
    case 0: {
      const records = textLines(b, layout).map((line) => textPairs(line, layout));
      return records.some((r) => r.size === 0) ? malformed(b) : records;
    }
    case 1: {
      const lines = b.split("\n").filter((l) => l.trim() !== "");
      // a line of one value is no record of several fields (an HTML page, a bare word)
      if (layout.keys.length > 1 && lines.some((l) => !l.includes(","))) return malformed(b);
      return lines.map((line) => csvFields(line.split(","), layout));
    }
    case 2: {
      if (!/^<result>/.test(b)) return malformed(b);
      const blocks = xmlBlocks(b, layout.item);
      if (blocks.length) return blocks as Array<Map<string, unknown>>;
      const inner = /^<result>([\s\S]*)<\/result>$/.exec(b)?.[1] ?? "";
      return inner.trim() === "" ? [] : [xmlFields(inner) as Map<string, unknown>];
    }
    case 3: {
      const j = parseJson(b);
      if (j === null || typeof j !== "object") return malformed(b);
      const list: unknown[] = Array.isArray(j) ? j : [j];
      if (list.some((o) => o === null || typeof o !== "object" || Array.isArray(o))) return malformed(b);
      return list.map((o) => new Map(Object.entries(o as object)));
    }
  }
}

/** fmt=0 lines: a line that does not begin with the first key continues the previous record's free text. */
function textLines(b: string, layout: RecordLayout): string[] {
  const first = layout.keys[0];
  const lines: string[] = [];
  for (const line of b.split("\n")) {
    if (lines.length && layout.free && first && !line.startsWith(`${first} =`))
      lines[lines.length - 1] += `\n${line}`;
    else if (line.trim() !== "") lines.push(line);
  }
  return lines;
}

/**
 * Splits `key = value, key = value` on the keys. The free field (a text that may hold anything) runs to the last
 * `, <next documented key> = ` of the line, or to its end when it is the last documented field.
 */
function textPairs(line: string, layout: RecordLayout): Map<string, unknown> {
  const map = new Map<string, unknown>();
  const hits = [...line.matchAll(/(?:^|, )([A-Za-z_][A-Za-z0-9_]*) =(?: |$)/g)];
  const free = hits.find((h) => h[1] === layout.free);
  let cuts = hits;
  if (free && layout.free) {
    const next = layout.keys[layout.keys.indexOf(layout.free) + 1];
    let endAt = line.length;
    for (const h of hits) if (next !== undefined && h[1] === next && h.index! > free.index!) endAt = h.index!;
    cuts = hits.filter((h) => h.index! <= free.index! || h.index! >= endAt);
  }
  cuts.forEach((h, i) => {
    const start = h.index! + h[0].length;
    const end = i + 1 < cuts.length ? cuts[i + 1]!.index! : line.length;
    if (!map.has(h[1]!)) map.set(h[1]!, line.slice(start, end));
  });
  return map;
}

/** fmt=1 values by position; the free field takes whatever lies between the fields before and after it. */
function csvFields(f: string[], layout: RecordLayout): Map<string, unknown> {
  const map = new Map<string, unknown>();
  const at = layout.free === undefined ? -1 : layout.keys.indexOf(layout.free);
  if (at < 0) {
    layout.keys.forEach((k, i) => {
      if (i < f.length) map.set(k, f[i]);
    });
    return map;
  }
  const head = layout.keys.slice(0, at);
  const tail = layout.keys.slice(at + 1);
  head.forEach((k, i) => {
    if (i < f.length) map.set(k, f[i]);
  });
  const rest = f.slice(head.length);
  const after = rest.length > tail.length ? rest.splice(rest.length - tail.length) : [];
  tail.forEach((k, i) => {
    if (i < after.length) map.set(k, after[i]);
  });
  if (f.length > head.length) map.set(layout.free!, rest.join(","));
  return map;
}

/** Reads typed fields out of a decoded record; what is left over is `extra`. */
export class RecordReader {
  readonly #map: Map<string, unknown>;
  readonly #used = new Set<string>();
  constructor(map: Map<string, unknown>) {
    this.#map = map;
  }
  /** Whether the record has the field. */
  has(key: string): boolean {
    this.#used.add(key);
    return this.#map.has(key);
  }
  /** A text field ("" when absent). */
  str(key: string): string {
    this.#used.add(key);
    const v = this.#map.get(key);
    return v === undefined || v === null ? "" : String(v);
  }
  /** A numeric field (`fallback` when absent or not a number). */
  num(key: string, fallback = 0): number {
    this.#used.add(key);
    return num(this.#map.get(key), fallback);
  }
  /** An id: numbers for canonical decimals, text otherwise. */
  id(key: string): number | string {
    this.#used.add(key);
    return idValue(this.#map.get(key));
  }
  /** The fields no getter asked for, or undefined when there are none. */
  extra(): Record<string, unknown> | undefined {
    const rest = [...this.#map].filter(([k]) => !this.#used.has(k));
    return rest.length ? Object.fromEntries(rest) : undefined;
  }
}
