import type { ErrorReply, Fmt } from "../types.js";
import { decodeError } from "./error.js";
import { malformed } from "./send.js";
import { cleanBody, moneyText, num, parseJson, xmlBlocks, xmlElement, xmlFields } from "./shared.js";

/**
 * How a field travels: `number` a JSON number, `flag` 0 or 1 (a boolean in the SDK), `text` a string, `money` two
 * decimals (a JSON string), `list` and `numbers` comma lists of strings and of numbers (a JSON string too, as the
 * service's list parameters are).
 */
export type FieldKind = "number" | "flag" | "text" | "money" | "list" | "numbers";

/** One field of a record: its wire name, how it travels and what it is. */
export interface WireField {
  readonly wire: string;
  readonly kind: FieldKind;
  readonly doc: string;
}

/** The fields of a record type by SDK name, in wire order. */
export type FieldTable = Readonly<Record<string, WireField>>;

/**
 * How the records of one listing are written (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Address book"): the XML element of each record,
 * its fields, and the columns of fmt=1 (only the last may hold commas; lists there are `;`-joined).
 */
export interface RecordSchema {
  readonly item: string;
  readonly fields: FieldTable;
  readonly line: readonly string[];
}

/** A record as the SDK reads it: the table's fields by SDK name, plus any field the table does not know. */
export type DecodedRecord = Record<string, unknown>;

type Cell = readonly [wire: string, value: string | number];

function cells(schema: RecordSchema, record: Readonly<Record<string, unknown>>, listSep = ","): Cell[] {
  const out: Cell[] = [];
  for (const [name, f] of Object.entries(schema.fields)) {
    const v = record[name];
    switch (f.kind) {
      case "number":
        out.push([f.wire, typeof v === "number" ? v : num(v)]);
        break;
      case "flag":
        out.push([f.wire, v === true || v === 1 || v === "1" ? 1 : 0]);
        break;
      case "money":
        out.push([f.wire, moneyText(typeof v === "number" ? v : num(v))]);
        break;
      case "list":
      case "numbers":
        out.push([f.wire, Array.isArray(v) ? v.join(listSep) : String(v ?? "")]);
        break;
      default:
        out.push([f.wire, String(v ?? "")]);
    }
  }
  return out;
}

/** A text format keeps one record per line: a line break inside a value becomes a space. */
const oneLine = (v: string | number) => String(v).replace(/\r?\n/g, " ");

function line(schema: RecordSchema, record: Readonly<Record<string, unknown>>): string {
  const byWire = new Map(cells(schema, record, ";"));
  return schema.line.map((w) => oneLine(byWire.get(w) ?? "")).join(",");
}

/**
 * Writes a listing in one of the four formats: fmt=0 one `key = value, …` line per record, fmt=1 the schema's
 * columns, fmt=2 `<result>` with one element per record, fmt=3 a JSON array.
 */
export function encodeFieldRecords(
  schema: RecordSchema,
  records: ReadonlyArray<Readonly<Record<string, unknown>>>,
  fmt: Fmt,
): string {
  switch (fmt) {
    case 0:
      return records.map((r) => textLine(cells(schema, r))).join("\n");
    case 1:
      return records.map((r) => line(schema, r)).join("\n");
    case 2:
      return `<result>\n${records.map((r) => `${xmlElement(schema.item, cells(schema, r))}\n`).join("")}</result>`;
    case 3:
      return JSON.stringify(records.map((r) => Object.fromEntries(cells(schema, r))));
  }
}

/** Writes one record (not a listing): fmt=2 its fields directly under `<result>`, fmt=3 one object. */
export function encodeFieldRecord(
  schema: RecordSchema,
  record: Readonly<Record<string, unknown>>,
  fmt: Fmt,
): string {
  switch (fmt) {
    case 0:
      return textLine(cells(schema, record));
    case 1:
      return line(schema, record);
    case 2:
      return xmlElement("result", cells(schema, record));
    case 3:
      return JSON.stringify(Object.fromEntries(cells(schema, record)));
  }
}

function textLine(c: Cell[]): string {
  return c.map(([k, v]) => `${k} = ${oneLine(v)}`).join(", ");
}

/** Reads a listing written by encodeFieldRecords (or the error), each record by SDK name, unknown fields kept. */
export function decodeFieldRecords(
  schema: RecordSchema,
  body: string,
  fmt: Fmt,
): DecodedRecord[] | ErrorReply {
  const b = cleanBody(body);
  const err = decodeError(b, fmt);
  if (err) return err;
  switch (fmt) {
    case 0:
      return b === "" ? [] : b.split(/\r?\n/).map((l) => fromWire(schema, readTextLine(l)));
    case 1:
      return b === "" ? [] : b.split(/\r?\n/).map((l) => fromWire(schema, readLine(schema, l)));
    case 2:
      if (!/^<result>[\s\S]*<\/result>$/.test(b)) return malformed(b);
      return xmlBlocks(b, schema.item).map((m) => fromWire(schema, Object.fromEntries(m)));
    case 3: {
      const j = parseJson(b);
      if (!Array.isArray(j)) return malformed(b);
      return j.map((o) => fromWire(schema, (o ?? {}) as Record<string, unknown>));
    }
  }
}

/** Reads one record written by encodeFieldRecord (or the error). */
export function decodeFieldRecord(schema: RecordSchema, body: string, fmt: Fmt): DecodedRecord | ErrorReply {
  const b = cleanBody(body);
  const err = decodeError(b, fmt);
  if (err) return err;
  switch (fmt) {
    case 0:
      return fromWire(schema, readTextLine(b));
    case 1:
      return fromWire(schema, readLine(schema, b));
    case 2:
      if (!/^<result>[\s\S]*<\/result>$/.test(b)) return malformed(b);
      return fromWire(schema, Object.fromEntries(xmlFields(b)));
    case 3: {
      const j = parseJson(b);
      if (typeof j !== "object" || j === null || Array.isArray(j)) return malformed(b);
      return fromWire(schema, j as Record<string, unknown>);
    }
  }
}

/**
 * `key = value, key = value`: a value runs up to the next `, key = ` (commas inside lists survive); an empty last
 * value may have lost its space to trimming.
 */
function readTextLine(l: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of l.split(/, (?=[a-z_][a-z0-9_]* =(?: |$))/i)) {
    const m = /^([a-z_][a-z0-9_]*) =(?: ([\s\S]*))?$/i.exec(part);
    if (m) out[m[1]!] = m[2] ?? "";
  }
  return out;
}

/** The fmt=1 columns; the last one takes the rest of the line, and `;` in list columns is a comma again. */
function readLine(schema: RecordSchema, l: string): Record<string, string> {
  const values = l.split(",");
  const n = schema.line.length;
  const head = values.slice(0, n - 1);
  const last = values.slice(n - 1).join(",");
  const listWires = new Set(
    Object.values(schema.fields)
      .filter((f) => f.kind === "list" || f.kind === "numbers")
      .map((f) => f.wire),
  );
  return Object.fromEntries(
    [...head, last].map((v, i) => {
      const w = schema.line[i]!;
      return [w, listWires.has(w) ? v.replaceAll(";", ",") : v];
    }),
  );
}

/** Wire fields to SDK names through the table; a field the table does not know keeps its wire name. */
export function fromWire(schema: RecordSchema, wire: Record<string, unknown>): DecodedRecord {
  const byWire = new Map(Object.entries(schema.fields).map(([name, f]) => [f.wire, [name, f] as const]));
  const out: DecodedRecord = {};
  for (const [w, raw] of Object.entries(wire)) {
    const known = byWire.get(w);
    if (!known) {
      out[w] = raw;
      continue;
    }
    const [name, f] = known;
    const text = raw;
    switch (f.kind) {
      case "number":
      case "money":
        out[name] = num(text);
        break;
      case "flag":
        out[name] = num(text) !== 0;
        break;
      case "list":
        out[name] = splitList(text);
        break;
      case "numbers":
        out[name] = splitList(text).map(Number).filter(Number.isFinite);
        break;
      default:
        out[name] = text === undefined || text === null ? "" : String(text);
    }
  }
  return out;
}

function splitList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  return String(v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Writes the reply to a request that created a record (phones.php add, add_group, add_black; senders.php add). */
export function encodeIdReply(id: number, fmt: Fmt): string {
  switch (fmt) {
    case 0:
      return `ID = ${id}`;
    case 1:
      return String(id);
    case 2:
      return xmlElement("result", [["id", id]]);
    case 3:
      return JSON.stringify({ id });
  }
}

/** Reads the reply of a request that created a record: its id (or the error). */
export function decodeIdReply(body: string, fmt: Fmt): { id: number } | ErrorReply {
  const b = cleanBody(body);
  const err = decodeError(b, fmt);
  if (err) return err;
  const m =
    fmt === 0
      ? /^ID\s*=\s*(\d+)/.exec(b)?.[1]
      : fmt === 1
        ? /^(\d+)$/.exec(b)?.[1]
        : fmt === 2
          ? xmlFields(b).get("id")
          : (parseJson(b) as { id?: unknown } | undefined)?.id;
  const id = num(m, Number.NaN);
  return Number.isFinite(id) ? { id } : malformed(b);
}

/** Writes the reply to a request that changed or deleted records: `OK`, `1`, `<result>OK</result>`, `{"result":"OK"}`. */
export function encodeDoneReply(fmt: Fmt): string {
  switch (fmt) {
    case 0:
      return "OK";
    case 1:
      return "1";
    case 2:
      return "<result>OK</result>";
    case 3:
      return JSON.stringify({ result: "OK" });
  }
}

/** Reads the reply of a request that changed records: true (or the error). */
export function decodeDoneReply(body: string, fmt: Fmt): true | ErrorReply {
  const b = cleanBody(body);
  const err = decodeError(b, fmt);
  if (err) return err;
  const ok =
    fmt === 0
      ? /^OK\b/.test(b)
      : fmt === 1
        ? b === "1"
        : fmt === 2
          ? /^<result>\s*OK\s*<\/result>$/.test(b)
          : (parseJson(b) as { result?: unknown } | undefined)?.result === "OK";
  return ok ? true : malformed(b);
}
