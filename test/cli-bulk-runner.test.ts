// The bulk runner in process against a real sandbox: the error-9 path (an identical send within a minute).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCsv } from "../packages/smsc/src/cli/bulk/csv.js";
import { batchParams, planBulk } from "../packages/smsc/src/cli/bulk/plan.js";
import { runBulk } from "../packages/smsc/src/cli/bulk/run-bulk.js";

let sb: Sandbox;
let dir: string;
beforeEach(async () => {
  sb = await startSandbox({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), "smsc-runner-"));
});
afterEach(async () => {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("runBulk", () => {
  it("answered with error 9 (our batch already went out under its id), it looks the batch up and does not resend", async () => {
    const text = "phone,text\n77010000001,one\n77010000002,two\n77010000003,three\n";
    const plan = planBulk({ csv: Buffer.from(text), table: parseCsv(text), batchSize: 2, message: {} });
    const client = new Smsc({ baseUrl: sb.url, login: "demo", password: "demo" });
    const rows = new Map(plan.rows.map((r) => [r.row, r]));
    // a previous run sent batch 0 and died before journaling even `pending` (the journal was lost)
    const first = plan.batches[0]!;
    await client.send({ ...batchParams(first, rows), id: first.id, err: true });
    expect(sb.control.messages({ limit: 10 })).toHaveLength(2);

    const waits: number[] = [];
    const { report, exitCode } = await runBulk({
      client,
      plan,
      file: "mem.csv",
      journalPath: join(dir, "j"),
      message: {},
      concurrency: 1,
      rate: 0,
      dryRun: false,
      signal: new AbortController().signal,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(exitCode).toBe(0);
    expect(report).toMatchObject({ sent: 3, complete: true, batches: { done: 2, recovered: 1 } });
    expect(waits).toEqual([]);
    const phones = sb.control
      .messages({ limit: 10 })
      .map((m) => m.phone)
      .sort();
    expect(phones).toEqual(["77010000001", "77010000002", "77010000003"]);
  });
});
