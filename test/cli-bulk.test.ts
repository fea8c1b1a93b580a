// `smsc send --csv`: the built CLI against a real sandbox. Exactly once across SIGKILL, SIGINT and lost outcomes.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeText } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureBuilt, smsc, startSmsc, until } from "./cli-helpers.js";

beforeAll(ensureBuilt, 180_000);

let sb: Sandbox;
let dir: string;
beforeEach(async () => {
  sb = await startSandbox({
    port: 0,
    accounts: [{ login: "bulk", password: "bulk-pass", balance: 1_000_000 }],
  });
  dir = mkdtempSync(join(tmpdir(), "smsc-bulk-"));
});
afterEach(async () => {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = (s: Sandbox = sb) => ["--base-url", s.url, "--login", "bulk", "--password", "bulk-pass"];
const phoneOf = (i: number) => `7701${String(1_000_000 + i).padStart(7, "0")}`;

/** A CSV of n rows with unique phones; returns its path. */
function writeCsv(n: number, name = "list.csv"): string {
  const lines = ["phone,name"];
  for (let i = 0; i < n; i++) lines.push(`${phoneOf(i)},Client ${i}`);
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** Stored messages per phone. */
function countByPhone(s: Sandbox = sb): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of s.control.messages({ limit: 1_000_000 }))
    counts.set(m.phone, (counts.get(m.phone) ?? 0) + 1);
  return counts;
}

const journalLines = (path: string) =>
  existsSync(path)
    ? readFileSync(path, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { type: string; batch?: number; id?: string })
    : [];

describe("smsc send --csv", () => {
  it("killed with SIGKILL partway, resumes to completion and sends every row exactly once", async () => {
    const rows = 360;
    const csv = writeCsv(rows);
    const journal = `${csv}.journal`;
    const args = ["send", "--csv", csv, "--template", "Hello {name}", "--batch-size", "4", ...auth()];
    // slowed down so that the kill lands in the middle
    const first = startSmsc([...args, "--concurrency", "3", "--rate", "20"]);
    await until(
      () => journalLines(journal).filter((r) => r.type === "done").length >= 5,
      30_000,
      "5 done batches",
    );
    first.child.kill("SIGKILL");
    expect((await first.done).code).toBe(137);
    const afterKill = sb.control.messages({ limit: 1_000_000 }).length;
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(rows);

    const second = await smsc(args);
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report).toMatchObject({
      rows,
      sent: rows,
      failed: 0,
      remaining: 0,
      complete: true,
      parts: rows,
      cost: rows * 10,
    });
    expect(report.batches.total).toBe(rows / 4);
    expect(report.batches.skipped).toBeGreaterThanOrEqual(5);

    const counts = countByPhone();
    expect(counts.size).toBe(rows);
    for (let i = 0; i < rows; i++) expect(counts.get(phoneOf(i)), phoneOf(i)).toBe(1);
    const texts = new Map(sb.control.messages({ limit: 1_000_000 }).map((m) => [m.phone, m.text]));
    expect(texts.get(phoneOf(123))).toBe("Hello Client 123");

    // a third run has nothing left to do
    const third = await smsc(args);
    expect(JSON.parse(third.stdout)).toMatchObject({ sent: rows, complete: true });
    expect(JSON.parse(third.stdout).batches.skipped).toBe(rows / 4);
    expect(sb.control.messages({ limit: 1_000_000 })).toHaveLength(rows);
  }, 60_000);

  it("a batch journaled as pending is looked up by its id: found → not resent; not found → sent with that id", async () => {
    const csv = writeCsv(6);
    const journal = `${csv}.journal`;
    const args = (s: Sandbox) => [
      "send",
      "--csv",
      csv,
      "--template",
      "Hi {name}",
      "--batch-size",
      "2",
      "--concurrency",
      "1",
      ...auth(s),
    ];
    expect((await smsc(args(sb))).code).toBe(0);
    const full = journalLines(journal);
    const pendings = full.filter((r) => r.type === "pending");
    expect(pendings.map((p) => p.batch)).toEqual([0, 1, 2]);

    // the process died after batch 1's request went out, before its outcome was written
    const lostOutcome = full.filter((r) => !(r.type === "done" && r.batch === 1));
    writeFileSync(journal, `${lostOutcome.map((r) => JSON.stringify(r)).join("\n")}\n{"type":"done","bat`);
    // a look-up that fails (here: a wrong password) proves nothing: the batch stays pending
    const wrong = await smsc([...args(sb).slice(0, -1), "wrong-pass"]);
    expect(wrong.code).toBe(12);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ sent: 4, remaining: 2, stopped: { code: 2 } });
    expect(
      journalLines(journal)
        .filter((r) => r.batch === 1)
        .map((r) => r.type),
    ).toEqual(["pending"]);
    const resumed = await smsc(args(sb));
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      sent: 6,
      complete: true,
      parts: 6,
      cost: 60,
      batches: { recovered: 1, skipped: 2 },
    });
    expect(sb.control.messages({ limit: 100 })).toHaveLength(6);
    // the torn line was cut off and the recovered outcome appended
    expect(
      journalLines(journal)
        .filter((r) => r.type === "done")
        .map((r) => r.batch),
    ).toEqual([0, 2, 1]);

    // the process died after journaling every batch as pending, before any request went out
    const fresh = await startSandbox({
      port: 0,
      accounts: [{ login: "bulk", password: "bulk-pass", balance: 1000 }],
    });
    try {
      const header = full.filter((r) => r.type === "header");
      writeFileSync(journal, `${[...header, ...pendings].map((r) => JSON.stringify(r)).join("\n")}\n`);
      const r = await smsc(args(fresh));
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ sent: 6, complete: true, batches: { recovered: 0 } });
      const stored = fresh.control.messages({ limit: 100 });
      expect(stored).toHaveLength(6);
      // sent with the journaled ids
      expect(new Set(stored.map((m) => String(m.id)))).toEqual(new Set(pendings.map((p) => p.id)));
      expect([...countByPhone(fresh).values()].every((n) => n === 1)).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it("stops starting batches on SIGINT, finishes the ones in flight, exits 130 and resumes", async () => {
    const rows = 200;
    const csv = writeCsv(rows);
    const journal = `${csv}.journal`;
    const args = ["send", "--csv", csv, "--text-column", "name", "--batch-size", "2", ...auth()];
    const first = startSmsc([...args, "--rate", "20", "--concurrency", "4"]);
    await until(
      () => journalLines(journal).filter((r) => r.type === "done").length >= 3,
      30_000,
      "3 done batches",
    );
    first.child.kill("SIGINT");
    const end = await first.done;
    expect(end.code).toBe(130);
    const report = JSON.parse(end.stdout);
    expect(report).toMatchObject({ interrupted: true, complete: false });
    expect(report.remaining).toBeGreaterThan(0);
    // every batch that was started has its outcome on disk
    const recs = journalLines(journal);
    const pending = new Set(recs.filter((r) => r.type === "pending").map((r) => r.batch));
    const outcome = new Set(recs.filter((r) => r.type === "done").map((r) => r.batch));
    expect(outcome).toEqual(pending);
    expect(report.sent).toBe(sb.control.messages({ limit: 1000 }).length);

    const second = await smsc(args);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ sent: rows, complete: true });
    const counts = countByPhone();
    expect(counts.size).toBe(rows);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);

  it("refuses to resume with other flags or a changed file", async () => {
    const csv = writeCsv(4);
    const base = ["send", "--csv", csv, "--template", "A {name}", ...auth()];
    expect((await smsc(base)).code).toBe(0);
    const other = await smsc([...base, "--batch-size", "1"]);
    expect(other.code).toBe(2);
    expect(JSON.parse(other.stderr).error.message).toContain("other flags");
    expect((await smsc(["send", "--csv", csv, "--template", "B {name}", ...auth()])).code).toBe(2);
    writeFileSync(csv, `${readFileSync(csv, "utf8")}${phoneOf(99)},Late\n`);
    const changed = await smsc(base);
    expect(changed.code).toBe(2);
    expect(JSON.parse(changed.stderr).error.message).toContain("another version");
    // a new journal starts over
    const fresh = await smsc([...base, "--journal", join(dir, "second.journal")]);
    expect(JSON.parse(fresh.stdout)).toMatchObject({ sent: 5 });
  });

  it("fills the template from each row, and refuses a missing column before sending anything", async () => {
    const csv = join(dir, "t.csv");
    writeFileSync(csv, `Phone,First Name,code\n${phoneOf(1)},Ann,111\n${phoneOf(2)},Bob,222\n`);
    const r = await smsc([
      "send",
      "--csv",
      csv,
      "--template",
      "Hi {first name}, code {code} {{ok}}",
      ...auth(),
    ]);
    expect(r.code).toBe(0);
    expect(
      sb.control
        .messages({ limit: 10 })
        .map((m) => m.text)
        .sort(),
    ).toEqual(["Hi Ann, code 111 {ok}", "Hi Bob, code 222 {ok}"]);
    const csv2 = join(dir, "t2.csv");
    writeFileSync(csv2, `phone,name\n${phoneOf(3)},Cy\n`);
    const bad = await smsc(["send", "--csv", csv2, "--template", "Hi {name}, {order} {total}", ...auth()]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.message).toContain("{order}, {total}");
    expect(sb.control.messages({ limit: 10 })).toHaveLength(2);
    expect(existsSync(`${csv2}.journal`)).toBe(false);
    expect((await smsc(["send", "--csv", csv2, ...auth()])).code).toBe(2); // no text column, no template
    expect((await smsc(["send", "--csv", csv2, "--template", "x", "--translit", "7", ...auth()])).code).toBe(
      2,
    );
    expect((await smsc(["send", "--csv", csv2, "--template", "x", "--format", "fax", ...auth()])).code).toBe(
      2,
    );
    expect(existsSync(`${csv2}.journal`)).toBe(false);
    expect(
      (await smsc(["send", "--csv", csv2, "--phone-column", "tel", "--text-column", "name", ...auth()])).code,
    ).toBe(2);
  });

  it("reads RFC 4180 CSV: BOM, ';' delimiter, quotes, escaped quotes, CRLF and line breaks inside quotes", async () => {
    const csv = join(dir, "excel.csv");
    const body =
      "\uFEFFТелефон;Текст\r\n" +
      `${phoneOf(1)};"Скидка 10%; только сегодня"\r\n` +
      `${phoneOf(2)};"Say ""hi"""\r\n` +
      `${phoneOf(3)};"Line one\r\nline two"\r\n` +
      `${phoneOf(4)};plain, with comma\r\n`;
    writeFileSync(csv, body);
    const r = await smsc(["send", "--csv", csv, ...auth()]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 4, sent: 4 });
    const texts = new Map(sb.control.messages({ limit: 10 }).map((m) => [m.phone, m.text]));
    expect(texts).toEqual(
      new Map([
        [phoneOf(1), "Скидка 10%; только сегодня"],
        [phoneOf(2), 'Say "hi"'],
        [phoneOf(3), "Line one\r\nline two"],
        [phoneOf(4), "plain, with comma"],
      ]),
    );
    const broken = join(dir, "broken.csv");
    writeFileSync(broken, `phone,text\n${phoneOf(5)},"never closed\n`);
    const b = await smsc(["send", "--csv", broken, ...auth()]);
    expect(b.code).toBe(2);
    expect(JSON.parse(b.stderr).error.message).toContain("line 2: unterminated");
  });

  it("reads a windows-1251 export with --encoding, and refuses bytes that are not UTF-8 without it", async () => {
    const csv = join(dir, "cp1251.csv");
    writeFileSync(
      csv,
      Buffer.concat([
        Buffer.from(`phone;text\n${phoneOf(1)};`),
        encodeText("Привет, клиент", "windows-1251"),
        Buffer.from("\n"),
      ]),
    );
    const plain = await smsc(["send", "--csv", csv, ...auth()]);
    expect(plain.code).toBe(2);
    expect(JSON.parse(plain.stderr).error.message).toContain("--encoding windows-1251");
    const r = await smsc(["send", "--csv", csv, "--encoding", "windows-1251", ...auth()]);
    expect(r.code).toBe(0);
    expect(sb.control.messages({ limit: 10 }).map((m) => m.text)).toEqual(["Привет, клиент"]);
  });

  it("--dry-run prices with the service and the offline estimate, and sends and journals nothing", async () => {
    const csv = join(dir, "d.csv");
    writeFileSync(
      csv,
      `phone,text\n${phoneOf(1)},Hello\n${phoneOf(2)},Сәлем\n${phoneOf(3)},${"x".repeat(200)}\n`,
    );
    const r = await smsc(["send", "--csv", csv, "--dry-run", ...auth()]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      dryRun: true,
      rows: 3,
      sent: 0,
      estimate: { parts: 4, gsm7Rows: 2, ucs2Rows: 1, serviceParts: 4, serviceCost: 40 },
    });
    expect(sb.control.messages({ limit: 10 })).toEqual([]);
    expect(existsSync(`${csv}.journal`)).toBe(false);
  });

  it("reports refused rows with reasons (exit 7), and stops on no money (exit 13) leaving the rest for a resume", async () => {
    const csv = join(dir, "mixed.csv");
    writeFileSync(
      csv,
      `phone,text\n${phoneOf(1)},ok\n12,bad number\n,no phone\n${phoneOf(2)},   \n${phoneOf(3)},ok too\n`,
    );
    const r = await smsc(["send", "--csv", csv, ...auth()]);
    expect(r.code).toBe(7);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({ rows: 5, sent: 2, failed: 3, complete: true });
    expect(rep.failures).toEqual([
      { row: 2, line: 3, phone: "12", reason: "invalid number" },
      { row: 3, line: 4, phone: "", reason: "no phone" },
      { row: 4, line: 5, phone: phoneOf(2), reason: "empty text" },
    ]);

    const poor = await startSandbox({
      port: 0,
      accounts: [{ login: "bulk", password: "bulk-pass", balance: 30 }],
    });
    try {
      const csv2 = writeCsv(5, "poor.csv");
      const p = await smsc([
        "send",
        "--csv",
        csv2,
        "--text-column",
        "name",
        "--batch-size",
        "1",
        "--concurrency",
        "1",
        ...auth(poor),
      ]);
      expect(p.code).toBe(13);
      expect(JSON.parse(p.stdout)).toMatchObject({
        sent: 3,
        remaining: 2,
        complete: false,
        stopped: { code: 3 },
      });
      expect(poor.control.messages({ limit: 10 })).toHaveLength(3);
    } finally {
      await poor.close();
    }
  });
});
