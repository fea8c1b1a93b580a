// The CLI's human output (only shown on a terminal), run in process with a terminal-like stdout.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../packages/smsc/src/cli/run.js";

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ port: 0 });
});
afterEach(async () => {
  await sb.close();
});

function terminal() {
  const out = { text: "", err: "" };
  const io = {
    stdout: { isTTY: true, write: (s: string) => (out.text += s) },
    stderr: { isTTY: true, columns: 100, write: (s: string) => (out.err += s) },
  };
  return { out, io };
}

describe("human output", () => {
  it("reads like text on a terminal, and JSON with --json", async () => {
    const auth = ["--base-url", sb.url, "--login", "demo", "--password", "demo"];
    const t = terminal();
    expect(await run(["send", ...auth, "77011234567", "hi", "--id", "h1"], t.io)).toBe(0);
    expect(t.out.text).toBe("sent: id h1, 1 SMS, cost 10, balance 990\n");
    const b = terminal();
    await run(["balance", ...auth], b.io);
    expect(b.out.text).toBe("990 KZT\n");
    const s = terminal();
    await run(["status", ...auth, "h1", "77011234567", "--all", "1"], s.io);
    expect(s.out.text).toContain("message: hi\n");
    const c = terminal();
    await run(["cost", ...auth, "77011234567", "x"], c.io);
    expect(c.out.text).toBe("cost 10 for 1 SMS\n");
    const e = terminal();
    expect(await run(["send", ...auth, "12", "x", "--id", "e1"], e.io)).toBe(17);
    expect(e.out.err).toBe("error 7 (invalid number), id e1\n");
    const j = terminal();
    await run(["balance", ...auth, "--json"], j.io);
    expect(JSON.parse(j.out.text)).toEqual({ balance: 990, currency: "KZT" });
  });

  it("segments reads as a short report", async () => {
    const t = terminal();
    expect(await run(["segments", "Привет, world €"], t.io)).toBe(0);
    expect(t.out.text).toBe(
      'encoding: UCS-2\nparts: 1 (70 UTF-16 units each)\nlength: 15 UTF-16 units, 55 left in the last part; 15 characters\nUCS-2 because of: "П" "р" "и" "в" "е" "т"\n',
    );
    const long = terminal();
    await run(["segments", "x".repeat(170)], long.io);
    expect(long.out.text).toContain("parts: 2 (153 septets each)");
    expect(long.out.text).toContain(`  2: "${"x".repeat(17)}"`);
  });

  it("a bulk send draws a progress bar on stderr and ends with a human report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "smsc-human-"));
    try {
      const csv = join(dir, "c.csv");
      writeFileSync(csv, "phone;name\n77010000001;Ann\n12;Bad\n77010000002;Bob\n");
      const auth = ["--base-url", sb.url, "--login", "demo", "--password", "demo"];
      const t = terminal();
      expect(
        await run(["send", "--csv", csv, "--template", "Hi {name}", "--batch-size", "1", ...auth], t.io),
      ).toBe(7);
      expect(t.out.err).toMatch(/\[#+\.*\] \d\/3 rows/);
      expect(t.out.err).toContain("3/3 rows 100%");
      expect(t.out.text).toBe(
        "done: sent 2 of 3 rows, 2 SMS, cost 20\nfailed: 1\n  row 2 (line 3) 12: error 7 (invalid number)\n",
      );
      const dry = terminal();
      await run(
        ["send", "--csv", csv, "--template", "Hi {name}", "--dry-run", "--journal", join(dir, "j2"), ...auth],
        dry.io,
      );
      expect(dry.out.text).toContain("dry run, nothing sent: 3 rows in 1 requests");
      expect(dry.out.text).toContain("offline estimate: 3 parts (3 rows GSM-7, 0 rows UCS-2)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
