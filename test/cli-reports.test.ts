// The built `smsc` command's history, inbox, usage, tariffs, operator and notify against a real sandbox.
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureBuilt, smsc, startSmsc, until } from "./cli-helpers.js";

beforeAll(ensureBuilt, 180_000);

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({
    port: 0,
    rateLimits: false,
    taskGroups: { demo: [{ id: 3, phones: "77011234567" }] },
  });
});
afterEach(async () => {
  await sb.close();
});

const auth = () => ["--base-url", sb.url, "--login", "demo", "--password", "demo"];

async function sendSome(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await smsc(["send", ...auth(), `7701765432${i}`, `message ${i}`]);
    expect(r.code).toBe(0);
  }
}

describe("smsc history", () => {
  it("lists sent messages newest first as JSON, paging until --limit", async () => {
    await sendSome(3);
    const r = await smsc(["history", ...auth(), "--limit", "2", "--page-size", "1"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const list = JSON.parse(r.stdout);
    expect(list.map((m: { message: string; intId: number }) => [m.message, m.intId])).toEqual([
      ["message 2", 3],
      ["message 1", 2],
    ]);
    const picked = await smsc(["history", ...auth(), "--phone", "77017654320", "--json", "intId,phone"]);
    expect(JSON.parse(picked.stdout)).toEqual([{ intId: 1, phone: "77017654320" }]);
    const before = await smsc(["history", ...auth(), "--before", "2", "--limit", "0", "--json", "intId"]);
    expect(JSON.parse(before.stdout)).toEqual([{ intId: 1 }]);
  });

  it("prints an empty list when nothing matches and a usage error for a bad flag", async () => {
    expect(JSON.parse((await smsc(["history", ...auth()])).stdout)).toEqual([]);
    const bad = await smsc(["history", ...auth(), "--from", "2026-11-24"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("history.from");
    const period = await smsc(["history", ...auth(), "--from", "01.01.2020", "--to", "01.01.2021"]);
    expect(period.code).toBe(11);
  });
});

describe("smsc inbox", () => {
  it("lists incoming SMS, and with --follow prints new ones as they arrive until stopped", async () => {
    const account = sb.store.accountByLogin("demo")!;
    sb.control.receive({ account, phone: "77011234567", to: "77001112233", text: "first" });
    const list = await smsc(["inbox", ...auth(), "--json", "id,phone,toPhone,message"]);
    expect(JSON.parse(list.stdout)).toEqual([
      { id: 1, phone: "77011234567", toPhone: "77001112233", message: "first" },
    ]);
    const follow = startSmsc([
      "inbox",
      ...auth(),
      "--follow",
      "--after",
      "1",
      "--interval",
      "0.05",
      "--json",
    ]);
    sb.control.receive({ account, phone: "77017654321", to: "", text: "second, with a comma" });
    await until(() => follow.stdout().includes("second"));
    follow.child.kill("SIGINT");
    const run = await follow.done;
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ id: 2, phone: "77017654321", message: "second, with a comma" }),
    ]);
  });
});

describe("smsc usage, tariffs, operator, notify", () => {
  it("reports what was sent and spent, and the price per zone", async () => {
    await sendSome(2);
    expect(JSON.parse((await smsc(["usage", ...auth()])).stdout)).toEqual({
      login: "demo",
      sms: 2,
      credit: 20,
      debit: 0,
      currency: "KZT",
    });
    const zones = JSON.parse((await smsc(["tariffs", ...auth(), "--json", "zone,name,api"])).stdout);
    expect(zones[0]).toEqual({ zone: 1, name: "Казахстан", api: 10 });
    expect(zones).toHaveLength(8);
  });

  it("looks up one operator, a list, and exits 13 for an unknown one", async () => {
    expect(JSON.parse((await smsc(["operator", ...auth(), "77011234567"])).stdout)).toMatchObject({
      operator: "Kcell",
      country: "Казахстан",
    });
    const list = await smsc([
      "operator",
      ...auth(),
      "79161234567",
      "380671234567",
      "--json",
      "phone,operator",
    ]);
    expect(JSON.parse(list.stdout)).toEqual([
      { phone: "79161234567", operator: "МТС" },
      { phone: "380671234567", operator: "Kyivstar" },
    ]);
    const unknown = await smsc(["operator", ...auth(), "12025550123"]);
    expect(unknown.code).toBe(13);
    expect(unknown.stderr).toContain("operator not found");
    expect((await smsc(["operator", ...auth()])).code).toBe(2);
  });

  it("sends a task group's notification, and exits 11 for an unknown group", async () => {
    const r = await smsc(["notify", ...auth(), "3", "--name", "web", "--info", "down"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ id: 1, cnt: 1 });
    expect(sb.latest()!.text).toBe("Problem: web down");
    const back = await smsc(["notify", ...auth(), "--group", "3", "--name", "web", "--recovered"]);
    expect(JSON.parse(back.stdout)).toEqual({ id: 2, cnt: 1 });
    expect(sb.latest()!.text).toBe("Recovered: web");
    expect((await smsc(["notify", ...auth(), "9"])).code).toBe(11);
    expect((await smsc(["notify", ...auth()])).code).toBe(2);
  });
});
