import { createHash } from "node:crypto";
import type { SendParams } from "../../client/index.js";
import { estimate, MAX_MESSAGE_LENGTH, parsePhone, splitPhones } from "../../protocol/index.js";
import { UsageError } from "../exit-codes.js";
import type { CsvTable } from "./csv.js";
import { columnIndex, compileTemplate } from "./template.js";

/** Phone column names tried, in order, when --phone-column is not given. */
export const PHONE_COLUMNS = ["phone", "phones", "телефон", "телефоны"] as const;
/** Text column names tried when neither --text-column nor --template is given. */
export const TEXT_COLUMNS = ["text", "message", "mes", "текст", "сообщение"] as const;
/** Rows per request by default; the service documents no limit on `list`, so this keeps bodies around 20 KB. */
export const DEFAULT_BATCH_SIZE = 100;
/** The most rows one request may carry here. */
export const MAX_BATCH_SIZE = 1000;

/** One data row of the CSV, resolved. */
export interface Row {
  /** 1-based data row number (the header is row 0). */
  row: number;
  /** Line of the file the row starts on. */
  line: number;
  phones: string[];
  text: string;
}

/** One request: rows sent together, with its deterministic client id. */
export interface Batch {
  index: number;
  id: string;
  rows: number[];
}

/** Everything a bulk send will do, derived only from the CSV bytes and the flags. */
export interface Plan {
  csvHash: string;
  flagsHash: string;
  rows: Row[];
  /** Rows refused before sending (no phone, no text, too long), with the reason. */
  invalid: Array<{ row: number; line: number; phone: string; reason: string }>;
  batches: Batch[];
}

/** What decides the plan besides the CSV. */
export interface PlanInput {
  csv: Buffer;
  table: CsvTable;
  phoneColumn?: string;
  textColumn?: string;
  template?: string;
  batchSize: number;
  /** The file's character encoding (it changes the texts, so it is part of the flags hash). @default "utf-8" */
  encoding?: string;
  /** The message flags (sender, translit, format, time …): part of the flags hash. */
  message: Omit<SendParams, "phones" | "message" | "list" | "id">;
}

/**
 * Turns a CSV into rows and batches. Deterministic: the same bytes and flags always give the same batches and ids,
 * which is what lets an interrupted run resume without re-batching (https://github.com/smsc-kz/smsc/blob/main/docs/cli.md "Exactly once").
 * Rows go in file order, at most batchSize per batch; a batch is closed early when the next row repeats one of its
 * phones (one message per phone per id keeps the status look-up unambiguous) or carries a multi-line text (that
 * row is sent alone with phones + mes, because `list` separates its lines with "\n").
 */
export function planBulk(input: PlanInput): Plan {
  const { table } = input;
  const phoneIdx = findColumn(table.header, input.phoneColumn, PHONE_COLUMNS, "phone", "--phone-column");
  let textOf: (fields: readonly string[]) => string;
  if (input.template !== undefined) {
    if (input.textColumn !== undefined) throw new UsageError("give --text-column or --template, not both");
    try {
      textOf = compileTemplate(input.template, table.header).fill;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  } else {
    const textIdx = findColumn(
      table.header,
      input.textColumn,
      TEXT_COLUMNS,
      "text",
      "--text-column or --template",
    );
    textOf = (f) => f[textIdx] ?? "";
  }
  const rows: Row[] = [];
  const invalid: Plan["invalid"] = [];
  table.records.forEach((rec, i) => {
    const row = i + 1;
    const phone = (rec.fields[phoneIdx] ?? "").trim();
    const text = textOf(rec.fields);
    const phones = splitPhones(phone);
    const reason =
      phones.length === 0
        ? "no phone"
        : text.trim() === ""
          ? "empty text"
          : estimate(text).tooLong
            ? `text longer than ${MAX_MESSAGE_LENGTH} characters`
            : undefined;
    if (reason) invalid.push({ row, line: rec.line, phone, reason });
    else rows.push({ row, line: rec.line, phones, text });
  });

  const csvHash = createHash("sha256").update(input.csv).digest("hex");
  const flagsHash = createHash("sha256")
    .update(
      JSON.stringify({
        v: 1,
        delimiter: table.delimiter,
        phoneColumn: table.header[phoneIdx],
        textColumn: input.textColumn ?? null,
        template: input.template ?? null,
        batchSize: input.batchSize,
        encoding: input.encoding ?? "utf-8",
        message: sortKeys(input.message),
      }),
    )
    .digest("hex");
  const idBase = createHash("sha256").update(`${csvHash}:${flagsHash}`).digest("hex").slice(0, 16);

  const batches: Batch[] = [];
  let current: number[] = [];
  let seen = new Set<string>();
  const close = () => {
    if (current.length)
      batches.push({ index: batches.length, id: `b${idBase}-${batches.length}`, rows: current });
    current = [];
    seen = new Set();
  };
  for (const r of rows) {
    const keys = r.phones.map(phoneKey);
    const multiline = /[\r\n]/.test(r.text);
    if (multiline || current.length >= input.batchSize || keys.some((k) => seen.has(k))) close();
    current.push(r.row);
    for (const k of keys) seen.add(k);
    if (multiline) close();
  }
  close();
  return { csvHash, flagsHash, rows, invalid, batches };
}

/** A phone's identity for de-duplication inside a batch: its digits. */
export function phoneKey(p: string): string {
  return parsePhone(p)?.digits ?? p.replace(/\D/g, "");
}

function findColumn(
  header: readonly string[],
  asked: string | undefined,
  defaults: readonly string[],
  what: string,
  flag: string,
): number {
  if (asked !== undefined) {
    const i = columnIndex(header, asked);
    if (i < 0) throw new UsageError(`no column "${asked}" in the CSV (columns: ${header.join(", ")})`);
    return i;
  }
  for (const name of defaults) {
    const i = columnIndex(header, name);
    if (i >= 0) return i;
  }
  throw new UsageError(
    `no ${what} column found (looked for ${defaults.join(", ")}; columns: ${header.join(", ")}): give ${flag}`,
  );
}

function sortKeys(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The SDK parameters of one batch: a `list` (rows with the same text share a line), or phones + mes for one multi-line row. */
export function batchParams(
  batch: Batch,
  rowsById: ReadonlyMap<number, Row>,
): Pick<SendParams, "list" | "phones" | "message"> {
  const rows = batch.rows.map((n) => rowsById.get(n)!);
  if (rows.length === 1 && /[\r\n]/.test(rows[0]!.text))
    return { phones: rows[0]!.phones, message: rows[0]!.text };
  const byText = new Map<string, string[]>();
  for (const r of rows) {
    const list = byText.get(r.text);
    if (list) list.push(...r.phones);
    else byText.set(r.text, [...r.phones]);
  }
  return { list: [...byText].map(([message, phones]) => ({ phones, message })) };
}
