import type { ErrorReply, Fmt } from "../types.js";
import { decodeError } from "./error.js";
import { malformed } from "./send.js";
import { cleanBody, parseJson, xmlBlocks, xmlEscape, xmlFields } from "./shared.js";

/** One record on the wire: wire field names to values (numbers stay numbers in JSON). */
export type WireRecord = Record<string, string | number>;

/**
 * How the records of one script are laid out (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Records"): the XML element of each record, and the
 * field order of the text formats (free text last, so that commas and line breaks in it survive fmt=0).
 */
export interface WireRecordShape {
  /** XML element of one record in a list, e.g. "template". */
  tag: string;
  /** Field order in fmt 0 and 1. */
  fields: readonly string[];
  /** fmt=0 lines begin with the bare value of the first field (jobs.php get_all, spec §3 [OBS]). */
  bareFirst?: boolean;
}

/** The order of a record's fields: the shape's, then any others it carries. */
function ordered(r: WireRecord, shape: WireRecordShape): Array<[string, string | number]> {
  const known = shape.fields
    .filter((f) => r[f] !== undefined)
    .map((f) => [f, r[f]!] as [string, string | number]);
  const extra = Object.entries(r).filter(([k, v]) => !shape.fields.includes(k) && v !== undefined);
  return [...known, ...extra];
}

/** A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function textLine(r: WireRecord, shape: WireRecordShape, fmt: 0 | 1): string {
  const cells = ordered(r, shape);
  // CSV is positional: a field the record lacks is an empty cell
  if (fmt === 1)
    return [
      ...shape.fields.map((f) => r[f] ?? ""),
      ...cells.filter(([k]) => !shape.fields.includes(k)).map(([, v]) => v),
    ]
      .map(csvCell)
      .join(",")
      .replace(/,+$/, "");
  return cells.map(([k, v], i) => (i === 0 && shape.bareFirst ? String(v) : `${k} = ${v}`)).join(", ");
}

/** Writes a list of records in one of the four formats: lines, CSV lines, `<result><tag>…</tag></result>`, an array. */
export function encodeWireRecords(list: readonly WireRecord[], shape: WireRecordShape, fmt: Fmt): string {
  switch (fmt) {
    case 0:
    case 1:
      return list.map((r) => textLine(r, shape, fmt)).join("\n");
    case 2: {
      const items = list.map(
        (r) =>
          `<${shape.tag}>\n${ordered(r, shape)
            .map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`)
            .join("\n")}\n</${shape.tag}>\n`,
      );
      return `<result>\n${items.join("")}</result>`;
    }
    case 3:
      return JSON.stringify(list.map((r) => Object.fromEntries(ordered(r, shape))));
  }
}

/** Writes one record: a line, a CSV line, `<result>` with the fields as children, a JSON object. */
export function encodeWireRecord(r: WireRecord, shape: WireRecordShape, fmt: Fmt): string {
  switch (fmt) {
    case 0:
    case 1:
      return textLine(r, shape, fmt);
    case 2:
      return `<result>\n${ordered(r, shape)
        .map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`)
        .join("\n")}\n</result>`;
    case 3:
      return JSON.stringify(Object.fromEntries(ordered(r, shape)));
  }
}

/** Splits CSV text into rows of cells (RFC 4180; quoted cells may hold commas and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Reads fmt=0 lines: `key = value, …` pairs (a bare first value when the shape says so); a line that starts no record continues the last value. */
function parseTextLines(body: string, shape: WireRecordShape): WireRecord[] {
  const out: WireRecord[] = [];
  const starts = shape.bareFirst ? /^[^,=\s]+(, |$)/ : /^[a-z_][\w[\]]* = /i;
  let last: { r: WireRecord; key: string } | undefined;
  for (const line of body.split(/\r?\n/)) {
    if (!starts.test(line) && last) {
      last.r[last.key] = `${last.r[last.key]}\n${line}`;
      continue;
    }
    if (line.trim() === "") continue;
    const r: WireRecord = {};
    const chunks = line.split(/, (?=[a-z_][\w[\]]* = )/i);
    let key = shape.fields[0] ?? "id";
    chunks.forEach((chunk, i) => {
      const eq = chunk.indexOf(" = ");
      if (i === 0 && shape.bareFirst) r[key] = chunk.replace(/,$/, "");
      else if (eq < 0) r[key] = `${r[key] ?? ""}, ${chunk}`;
      else {
        key = chunk.slice(0, eq);
        r[key] = chunk.slice(eq + 3);
      }
    });
    out.push(r);
    last = { r, key };
  }
  return out;
}

function fromJson(v: unknown): WireRecord | undefined {
  if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
  const r: WireRecord = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>))
    if (x !== null && x !== undefined)
      r[k] = typeof x === "number" ? x : typeof x === "object" ? JSON.stringify(x) : String(x);
  return r;
}

/**
 * Reads a list of records in any format, or the error. Tolerant: unknown fields are kept, an empty body is an empty
 * list, JSON may be an array or an object holding one (any key).
 */
export function decodeWireRecords(body: string, shape: WireRecordShape, fmt: Fmt): WireRecord[] | ErrorReply {
  const b = cleanBody(body);
  const err = decodeError(b, fmt);
  if (err) return err;
  if (b === "") return [];
  switch (fmt) {
    case 0:
      return parseTextLines(b, shape);
    case 1:
      return parseCsv(b).map((cells) => {
        const r: WireRecord = {};
        cells.forEach((c, i) => {
          r[shape.fields[i] ?? `field${i}`] = c;
        });
        return r;
      });
    case 2: {
      const blocks = xmlBlocks(b, shape.tag);
      if (blocks.length === 0 && !/^<result>\s*<\/result>$|^<result\s*\/>$/.test(b)) {
        const single = xmlFields(b);
        return single.size ? [Object.fromEntries(single)] : malformed(b);
      }
      return blocks.map((m) => Object.fromEntries(m));
    }
    case 3: {
      const j = parseJson(b);
      const arr = Array.isArray(j)
        ? j
        : j && typeof j === "object"
          ? (Object.values(j).find(Array.isArray) ?? [j])
          : undefined;
      if (!arr) return malformed(b);
      const list = (arr as unknown[]).map(fromJson);
      return list.every((r) => r !== undefined) ? (list as WireRecord[]) : malformed(b);
    }
  }
}

/** Reads one record in any format (a list of one is that record): `{ record }`, or `{ error }`. */
export function decodeWireRecord(
  body: string,
  shape: WireRecordShape,
  fmt: Fmt,
): { record: WireRecord } | { error: ErrorReply } {
  const b = cleanBody(body);
  const err = decodeError(b, fmt);
  if (err) return { error: err };
  if (fmt === 2 && !b.includes(`<${shape.tag}>`)) {
    const f = xmlFields(b);
    return f.size ? { record: Object.fromEntries(f) } : { error: malformed(b) };
  }
  if (fmt === 3) {
    const r = fromJson(parseJson(b));
    if (r) return { record: r };
  }
  const list = decodeWireRecords(b, shape, fmt);
  if (!Array.isArray(list)) return { error: list };
  return list[0] ? { record: list[0] } : { error: malformed(b) };
}

/** A wire value as a number ("" and garbage: undefined). */
export function wireNumber(v: string | number | undefined): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (v === undefined || v.trim() === "") return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Maps a wire record to the SDK's names: each `wire: [name, kind]` pair renames and converts one field ("number":
 * a number, "string": text); fields the map does not name are kept under their wire names.
 */
export function mapRecord<T>(
  r: WireRecord,
  map: Record<string, readonly [string, "number" | "string"]>,
): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    const m = map[k];
    if (!m) out[k] = v;
    else if (m[1] === "number") {
      const n = wireNumber(v);
      if (n !== undefined) out[m[0]] = n;
    } else out[m[0]] = String(v);
  }
  return out as Partial<T>;
}
