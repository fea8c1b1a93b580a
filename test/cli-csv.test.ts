// The bulk send's pure parts, in process: CSV parser, template, batching plan, journal, progress bar.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CsvError, detectDelimiter, parseCsv } from "../packages/smsc/src/cli/bulk/csv.js";
import { Journal } from "../packages/smsc/src/cli/bulk/journal.js";
import { batchParams, planBulk } from "../packages/smsc/src/cli/bulk/plan.js";
import { duration, ProgressBar } from "../packages/smsc/src/cli/bulk/progress.js";
import { compileTemplate, TemplateError } from "../packages/smsc/src/cli/bulk/template.js";

const fields = (text: string, d?: string) => parseCsv(text, d).records.map((r) => r.fields);

describe("CSV", () => {
  it("parses quotes, escaped quotes, delimiters and line breaks inside quotes, CRLF, CR and a BOM", () => {
    const t = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\r3,\n');
    expect(t.header).toEqual(["a", "b"]);
    expect(t.records).toEqual([
      { line: 2, fields: ["x, y", 'say "hi"'] },
      { line: 3, fields: ["multi\nline", "2"] },
      { line: 5, fields: ["3", ""] },
    ]);
    expect(fields('h\n""\n"a""b"')).toEqual([[""], ['a"b']]);
    expect(fields("a,b\n\n\n1,2\n\n")).toEqual([["1", "2"]]);
    expect(fields("a;b\n1;2,5", ";")).toEqual([["1", "2,5"]]);
  });

  it("detects ; , and tab from the header, ignoring quoted ones", () => {
    expect(detectDelimiter("phone;name\n1,2,3")).toBe(";");
    expect(detectDelimiter('"a;b;c",d\n')).toBe(",");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter("single")).toBe(",");
    expect(parseCsv("Телефон;Текст\n7701;Привет, мир").records[0]!.fields).toEqual(["7701", "Привет, мир"]);
  });

  it("refuses what it cannot read unambiguously, naming the line", () => {
    expect(() => parseCsv('a\n1\n"open')).toThrow(new CsvError("line 3: unterminated quoted field"));
    expect(() => parseCsv('a\nx"y')).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('a,b\n"x"y,2')).toThrow(/line 2: text after a closing quote/);
    expect(() => parseCsv("")).toThrow(/empty/);
  });
});

describe("template", () => {
  it("fills {column} from the row, case-insensitively, with {{ }} for braces", () => {
    const t = compileTemplate("Hi {Name}, {{code}}: {code}}}", ["phone", "name", "code"]);
    expect(t.fill(["7701", "Ann", "42"])).toBe("Hi Ann, {code}: 42}");
    expect(t.columns).toEqual(["name", "code"]);
    expect(() => compileTemplate("{a} {b} {c}", ["a"])).toThrow(
      new TemplateError("template uses columns {b}, {c} that the CSV does not have (columns: a)"),
    );
    expect(() => compileTemplate("Hi {name", ["name"])).toThrow(/unclosed/);
    expect(() => compileTemplate("Hi name}", ["name"])).toThrow(/unmatched/);
  });
});

describe("plan", () => {
  const make = (csv: string, batchSize = 3, extra: object = {}) =>
    planBulk({ csv: Buffer.from(csv), table: parseCsv(csv), batchSize, message: {}, ...extra });

  it("batches deterministically, closing a batch on a repeated phone or a multi-line text", () => {
    const csv =
      'phone,text\n77010000001,a\n77010000002,b\n+7 701 000 0001,c\n77010000003,"x\ny"\n77010000004,a\n77010000005,a\n';
    const p = make(csv);
    expect(p.batches.map((b) => b.rows)).toEqual([[1, 2], [3], [4], [5, 6]]);
    expect(make(csv)).toEqual(p);
    expect(p.batches.every((b) => /^b[0-9a-f]{16}-\d+$/.test(b.id) && b.id.length <= 40)).toBe(true);
    const rows = new Map(p.rows.map((r) => [r.row, r]));
    // rows with the same text share one list line; a multi-line text goes alone as phones + mes
    expect(batchParams(p.batches[3]!, rows)).toEqual({
      list: [{ phones: ["77010000004", "77010000005"], message: "a" }],
    });
    expect(batchParams(p.batches[2]!, rows)).toEqual({ phones: ["77010000003"], message: "x\ny" });
  });

  it("ids and the flags hash change with the bytes or the flags, not with anything else", () => {
    const csv = "phone,text\n77010000001,a\n";
    const base = make(csv);
    expect(make(`${csv}77010000002,b\n`).batches[0]!.id).not.toBe(base.batches[0]!.id);
    expect(make(csv, 3, { message: { sender: "Shop" } }).flagsHash).not.toBe(base.flagsHash);
    expect(make(csv, 4).flagsHash).not.toBe(base.flagsHash);
    expect(make(csv).flagsHash).toBe(base.flagsHash);
  });

  it("refuses rows without phone or text, or too long, before sending", () => {
    const p = make(`phone,text\n,a\n77010000001,\n77010000002,${"x".repeat(1001)}\n77010000003,ok\n`);
    expect(p.invalid.map((f) => [f.row, f.reason])).toEqual([
      [1, "no phone"],
      [2, "empty text"],
      [3, "text longer than 1000 characters"],
    ]);
    expect(p.rows.map((r) => r.row)).toEqual([4]);
  });
});

describe("journal", () => {
  it("appends records, reads the last word per batch, and cuts a torn last line", () => {
    const dir = mkdtempSync(join(tmpdir(), "smsc-journal-"));
    try {
      const path = join(dir, "j");
      const j = Journal.open(path);
      j.append({ type: "header", v: 1, csv: "c", flags: "f", rows: 2, batches: 1, created: "now" });
      j.append({ type: "pending", batch: 0, id: "b-0", rows: [1, 2] });
      j.close();
      writeFileSync(path, `${readFileSync(path, "utf8")}{"type":"done","ba`);
      expect(Journal.read(path).batches.get(0)).toMatchObject({ type: "pending" });
      const again = Journal.open(path);
      again.append({ type: "done", batch: 0, id: "b-0", cnt: 2, cost: 20, recovered: true, refused: [] });
      again.close();
      expect(readFileSync(path, "utf8").split("\n").filter(Boolean)).toHaveLength(3);
      const state = Journal.read(path);
      expect(state.header?.csv).toBe("c");
      expect(state.batches.get(0)).toMatchObject({ type: "done", cnt: 2 });
      writeFileSync(path, "garbage\n");
      expect(() => Journal.read(path)).toThrow(/not written by smsc/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("progress bar", () => {
  it("shows done/total, percent, rate and ETA on an injected clock", () => {
    let t = 0;
    let out = "";
    const bar = new ProgressBar({ write: (s: string) => (out = s), columns: 80 }, 1000, {
      now: () => t,
      intervalMs: 0,
    });
    t = 2000;
    bar.tick(250);
    expect(out).toContain("250/1000 rows 25% 125 rows/s ETA 6s");
    expect(duration(3725)).toBe("1h02m");
    expect(duration(187)).toBe("3m07s");
    expect(duration(Number.NaN)).toBe("?");
  });
});
