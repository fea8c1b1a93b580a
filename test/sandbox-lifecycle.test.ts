// The status lifecycle (-1 → 0 → 1) on an injected clock and on real timers, scheduled sends, money (debit and
// error 3), persistence across a restart with the same database file, and the lost-reply magic number.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeSendReply, type SendReply } from "smsc/protocol";
import { type Message, type Sandbox, type SandboxOptions, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { callSys, DEMO } from "./sandbox-helpers.js";

const started: Sandbox[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(options: SandboxOptions): Promise<Sandbox> {
  const s = await startSandbox(options);
  started.push(s);
  return s;
}

const status = async (s: Sandbox, id: string, phone = "+77011234567") =>
  (await callSys(s.url, "status", [...DEMO, ["phone", phone], ["id", id], ["fmt", "1"]])).text;

describe("status lifecycle", () => {
  it("goes -1 → 0 → 1 as the injected clock passes the delays, firing status events", async () => {
    let now = Date.UTC(2026, 0, 15, 9, 0, 0);
    const s = await start({ clock: () => now, delays: { sentMs: 1000, deliveredMs: 4000 } });
    const events: Array<[string, number]> = [];
    s.core.events.on("message", (m) => events.push(["message", m.status]));
    const off = s.core.events.on("status", (m) => events.push(["status", m.status]));
    const id = (
      await callSys(s.url, "send", [...DEMO, ["phones", "+77011234567"], ["mes", "hi"], ["fmt", "1"]])
    ).text.split(",")[0]!;
    const t0 = now / 1000;
    expect(await status(s, id)).toBe(`-1,${t0},0`);
    now += 999;
    expect(await status(s, id)).toBe(`-1,${t0},0`);
    now += 1;
    expect(await status(s, id)).toBe(`0,${t0 + 1},0`);
    now += 4000;
    expect(await status(s, id)).toBe(`1,${t0 + 5},0`);
    expect(events).toEqual([
      ["message", -1],
      ["status", 0],
      ["status", 1],
    ]);
    off();
  });

  it("takes both steps at once when the clock jumps past them", async () => {
    let now = Date.UTC(2026, 0, 15, 9, 0, 0);
    const s = await start({ clock: () => now });
    const statuses: number[] = [];
    s.core.events.on("status", (m) => statuses.push(m.status));
    const id = (
      await callSys(s.url, "send", [...DEMO, ["phones", "+77011234567"], ["mes", "hi"], ["fmt", "1"]])
    ).text.split(",")[0]!;
    now += 3_600_000;
    expect((await status(s, id)).startsWith("1,")).toBe(true);
    expect(statuses).toEqual([0, 1]);
  });

  it("keeps a scheduled send at -1 until its time", async () => {
    let now = Date.UTC(2026, 0, 15, 9, 0, 0);
    const s = await start({ clock: () => now, delays: { sentMs: 0, deliveredMs: 0 } });
    const id = (
      await callSys(s.url, "send", [
        ...DEMO,
        ["phones", "+77011234567"],
        ["mes", "later"],
        ["time", "+10"],
        ["fmt", "1"],
      ])
    ).text.split(",")[0]!;
    now += 9 * 60_000;
    expect((await status(s, id)).startsWith("-1,")).toBe(true);
    now += 60_000;
    expect((await status(s, id)).startsWith("1,")).toBe(true);
  });

  it("runs on real timers: the delivered event arrives without any read", async () => {
    const s = await start({ delays: { sentMs: 20, deliveredMs: 20 } });
    const delivered = new Promise<Message>((resolve) => {
      s.core.events.on("status", (m) => {
        if (m.status === 1) resolve(m);
      });
    });
    await callSys(s.url, "send", [...DEMO, ["phones", "+77011234567"], ["mes", "real"], ["fmt", "1"]]);
    const m = await delivered;
    expect(m).toMatchObject({ phone: "77011234567", text: "real", status: 1, err: 0 });
  });
  it("stops changing statuses once closed", async () => {
    // the clock only moves after close, so any status event would come from a timer that outlived the sandbox
    let now = Date.UTC(2026, 0, 15, 9, 0, 0);
    const s = await startSandbox({ clock: () => now, delays: { sentMs: 20, deliveredMs: 20 } });
    const statuses: number[] = [];
    s.core.events.on("status", (m) => statuses.push(m.status));
    await callSys(s.url, "send", [...DEMO, ["phones", "+77011234567"], ["mes", "closing"], ["fmt", "1"]]);
    await s.close();
    now += 60_000;
    await new Promise((r) => setTimeout(r, 60));
    expect(statuses).toEqual([]);
  });
});

describe("money", () => {
  it("debits price × parts × recipients and answers error 3 with an id when the balance runs out", async () => {
    const s = await start({
      clock: () => Date.UTC(2026, 0, 15, 9),
      pricePerPart: 2.5,
      accounts: [{ login: "poor", password: "p", balance: 12 }],
    });
    const poor: Array<[string, string]> = [
      ["login", "poor"],
      ["psw", "p"],
    ];
    const first = await callSys(s.url, "send", [
      ...poor,
      ["phones", "+77011234567,+77021234567"],
      ["mes", "x"],
      ["fmt", "1"],
      ["cost", "3"],
    ]);
    expect(first.text).toMatch(/^\d+,2,5\.00,7\.00$/);
    const second = await callSys(s.url, "send", [
      ...poor,
      ["phones", "+77011234567"],
      ["mes", "y".repeat(200)],
      ["fmt", "1"],
      ["cost", "3"],
    ]);
    expect(second.text).toMatch(/^\d+,2,5\.00,2\.00$/);
    const third = await callSys(s.url, "send", [
      ...poor,
      ["phones", "+77011234567"],
      ["mes", "z"],
      ["fmt", "0"],
    ]);
    expect(third.text).toMatch(/^ERROR = 3 \(no money\), ID - \d+$/);
    expect(s.control.messages()).toHaveLength(3);
    expect((await callSys(s.url, "balance", [...poor, ["cur", "1"]])).text).toBe("2.00,KZT");
    // a price request is not a send and needs no money
    const cost = await callSys(s.url, "send", [
      ...poor,
      ["phones", "+77011234567"],
      ["mes", "z"],
      ["fmt", "1"],
      ["cost", "1"],
    ]);
    expect(cost.text).toBe("2.50,1");
  });
});

describe("persistence", () => {
  it("keeps what was acknowledged across a restart with the same --db file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-restart-"));
    dirs.push(dir);
    const db = join(dir, "keep.db");
    let now = Date.UTC(2026, 0, 15, 9, 0, 0);
    const first = await startSandbox({
      db,
      clock: () => now,
      accounts: [{ login: "kept", password: "k", balance: 50 }],
    });
    const r = await callSys(first.url, "send", [
      ["login", "kept"],
      ["psw", "k"],
      ["phones", "+77011234567"],
      ["mes", "durable"],
      ["fmt", "3"],
      ["cost", "3"],
    ]);
    const sent = decodeSendReply(r.text, 3) as SendReply;
    expect(sent.balance).toBe(40);
    await first.close();

    now += 10_000;
    // the seed's balance is ignored for an existing login: the stored balance wins
    const second = await start({
      db,
      clock: () => now,
      accounts: [{ login: "kept", password: "k", balance: 50 }],
    });
    const kept: Array<[string, string]> = [
      ["login", "kept"],
      ["psw", "k"],
    ];
    expect((await callSys(second.url, "balance", kept)).text).toBe("40.00");
    const s = await callSys(second.url, "status", [
      ...kept,
      ["phone", "77011234567"],
      ["id", String(sent.id)],
      ["fmt", "3"],
      ["all", "1"],
    ]);
    expect(JSON.parse(s.text)).toMatchObject({ status: 1, message: "durable" });
    const next = await callSys(second.url, "send", [
      ...kept,
      ["phones", "+77011234567"],
      ["mes", "again"],
      ["fmt", "1"],
    ]);
    expect(Number(next.text.split(",")[0])).toBe((sent.id as number) + 1);
  });

  it("records the applied migrations", async () => {
    const s = await start({});
    const applied = s.store.appliedMigrations();
    expect(applied[0]).toBe("0001_init.sql");
    // numbered, each once, in order; each developer numbers in a range of their own (0010–0019, …), so the
    // numbers may skip, but never repeat or go backwards
    const numbers = applied.map((name) => Number(/^(\d{4})_/.exec(name)?.[1]));
    expect(numbers.every((n, i) => Number.isInteger(n) && (i === 0 || n > numbers[i - 1]!))).toBe(true);
    expect(applied).toContain("0050_templates.sql");
  });
});

describe("magic numbers", () => {
  it("+77000000099: stores and debits the send, then loses the reply", async () => {
    const s = await start({ clock: () => Date.UTC(2026, 0, 15, 9) });
    await expect(
      callSys(s.url, "send", [
        ...DEMO,
        ["phones", "+77000000099"],
        ["mes", "lost reply"],
        ["fmt", "1"],
        ["id", "retry-me"],
      ]),
    ).rejects.toThrow();
    expect(s.store.accountByLogin("demo")!.balance).toBe(990);
    expect(await status(s, "retry-me", "+77000000099")).toMatch(/^-1,\d+,0$/);
  });
});
