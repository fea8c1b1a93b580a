import { CHARSETS, type Charset, decodeText, normalizeCharset } from "../../protocol/index.js";

/** Delimiters the parser detects on its own. */
const CSV_DELIMITERS = [",", ";", "\t"] as const;

/** A parsed CSV file: the header row and the data records (each with the line it starts on). */
export interface CsvTable {
  delimiter: string;
  header: string[];
  records: Array<{ line: number; fields: string[] }>;
}

/** Thrown for CSV that cannot be read unambiguously; the message names the line. */
export class CsvError extends Error {
  override name = "CsvError";
}

/**
 * The delimiter of a CSV text: the one of `,` `;` TAB that occurs most often in the first record outside quotes
 * (spreadsheets in ru/kz locales write `;`). A tie goes to the earlier one in CSV_DELIMITERS.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: string = CSV_DELIMITERS[0];
  for (const d of CSV_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Parses CSV (RFC 4180): a leading BOM is dropped; fields may be quoted, with `""` for a quote inside; quoted
 * fields may hold delimiters and line breaks; records end with CRLF, LF or CR. Blank lines are skipped. The first
 * record is the header.
 * @throws CsvError on an unterminated quote or a quote inside an unquoted field's text.
 */
export function parseCsv(input: string, delimiter?: string): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const d = delimiter ?? detectDelimiter(text);
  if (d.length !== 1 || d === '"' || d === "\n" || d === "\r")
    throw new CsvError(`bad delimiter ${JSON.stringify(d)}`);
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let line = 1;
  let start = 1;
  let i = 0;
  const n = text.length;
  let atRecordStart = true;
  while (i <= n) {
    if (atRecordStart) {
      // skip blank lines between records
      if (i < n && (text[i] === "\n" || text[i] === "\r")) {
        if (text[i] === "\r" && text[i + 1] === "\n") i++;
        i++;
        line++;
        continue;
      }
      if (i === n) break;
      start = line;
      atRecordStart = false;
    }
    let value: string;
    if (text[i] === '"') {
      let j = i + 1;
      let out = "";
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new CsvError(`line ${start}: unterminated quoted field`);
        out += text.slice(j, q);
        for (let k = j; k < q; k++)
          if (text[k] === "\n" || (text[k] === "\r" && text[k + 1] !== "\n")) line++;
        if (text[q + 1] === '"') {
          out += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      value = out;
      if (i < n && text[i] !== d && text[i] !== "\n" && text[i] !== "\r")
        throw new CsvError(`line ${line}: text after a closing quote (quotes inside a field are written "")`);
    } else {
      let j = i;
      while (j < n && text[j] !== d && text[j] !== "\n" && text[j] !== "\r") j++;
      value = text.slice(i, j);
      if (value.includes('"'))
        throw new CsvError(
          `line ${line}: a quote inside an unquoted field (quote the whole field and write "")`,
        );
      i = j;
    }
    fields.push(value);
    if (i < n && text[i] === d) {
      i++;
      continue;
    }
    // end of record: a line break or the end of the text
    records.push({ line: start, fields });
    fields = [];
    atRecordStart = true;
    if (i >= n) break;
    if (text[i] === "\r" && text[i + 1] === "\n") i++;
    i++;
    line++;
  }
  const [head, ...rest] = records;
  if (!head) throw new CsvError("the file is empty (a header row is needed)");
  return { delimiter: d, header: head.fields.map((h) => h.trim()), records: rest };
}

/**
 * Decodes a CSV file's bytes. UTF-8 is checked strictly: Excel in a Russian or Kazakh locale saves "CSV" in
 * windows-1251, which would otherwise turn every Cyrillic letter into U+FFFD and send garbage.
 * @throws CsvError for bytes that are not valid in the encoding, or an encoding the protocol does not know.
 */
export function decodeCsv(bytes: Uint8Array, encoding = "utf-8"): string {
  const charset: Charset | undefined = normalizeCharset(encoding);
  if (!charset) throw new CsvError(`unknown encoding "${encoding}" (${CHARSETS.join(", ")})`);
  if (charset !== "utf-8") return decodeText(bytes, charset);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CsvError(
      "the file is not valid UTF-8; if a spreadsheet saved it in a Cyrillic locale, pass --encoding windows-1251",
    );
  }
}
