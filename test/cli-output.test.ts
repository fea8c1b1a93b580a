// The CLI's human output (only shown on a terminal), run in process with a terminal-like stdout.
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
    stderr: { write: (s: string) => (out.err += s) },
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
});
