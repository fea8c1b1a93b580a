// Every magic number behaves as its table entry says, over real HTTP; and docs/magic-numbers.md lists them all.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MAGIC_NUMBERS, type MagicBehaviour, type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

let sb: Sandbox;
let now = 1_700_000_000_000;
beforeEach(async () => {
  now = 1_700_000_000_000;
  sb = await startSandbox({
    clock: () => now,
    delays: { sentMs: 1000, deliveredMs: 1000 },
    chaos: { slowReplyMs: 60_000 },
  });
});
afterEach(async () => {
  await sb.close();
});

const send = (phone: string, extra = "") =>
  fetch(`${sb.url}/sys/send.php?login=demo&psw=demo&phones=${phone}&mes=magic&fmt=3${extra}`);
const status = async (id: number | string, phone: string) =>
  (await (
    await fetch(`${sb.url}/sys/status.php?login=demo&psw=demo&id=${id}&phone=${phone}&fmt=3`)
  ).json()) as {
    status: number;
    err: number;
  };
const balance = async () =>
  (await (await fetch(`${sb.url}/sys/balance.php?login=demo&psw=demo&fmt=3`)).json()) as { balance: string };

const table = Object.entries(MAGIC_NUMBERS as Record<string, MagicBehaviour>);

describe("magic numbers", () => {
  it.each(table)("+%s", async (phone, m) => {
    if (m.sendError !== undefined) {
      const r = (await (await send(phone)).json()) as Record<string, unknown>;
      expect(r).toMatchObject({ error_code: m.sendError });
      expect(typeof r.id).toBe("number");
      expect(sb.control.messages()).toHaveLength(0);
      expect((await balance()).balance).toBe("1000.00");
    } else if (m.finalStatus !== undefined) {
      const r = (await (await send(phone)).json()) as { id: number };
      expect(await status(r.id, phone)).toMatchObject({ status: -1 });
      now += 1000;
      expect(await status(r.id, phone)).toMatchObject({ status: 0 });
      now += 1000;
      expect(await status(r.id, phone)).toMatchObject({ status: m.finalStatus, err: m.finalErr });
    } else if (m.dropBeforeStore) {
      await expect(send(phone)).rejects.toThrow();
      expect(sb.control.messages()).toHaveLength(0);
      expect((await balance()).balance).toBe("1000.00");
    } else if (m.dropReply) {
      await expect(send(phone)).rejects.toThrow();
      expect(sb.control.messages()).toHaveLength(1);
      expect((await balance()).balance).toBe("990.00");
    } else if (m.slowReply) {
      const controller = new AbortController();
      let answered = false;
      const pending = fetch(`${sb.url}/sys/send.php?login=demo&psw=demo&phones=${phone}&mes=slow&fmt=3`, {
        signal: controller.signal,
      }).then(() => {
        answered = true;
      });
      await vi.waitFor(() => expect(sb.control.messages()).toHaveLength(1));
      // stored, and the reply is still 60 s away
      expect(answered).toBe(false);
      controller.abort();
      await expect(pending).rejects.toThrow();
    } else throw new Error(`untested magic number ${phone}`);
  });

  it("answers a slow number once slowReplyMs has passed, with a normal reply", async () => {
    sb.chaos.set({ slowReplyMs: 1 });
    const r = (await (await send("77000000090")).json()) as { id: number; cnt: number };
    expect(r).toMatchObject({ cnt: 1 });
  });

  it("refuses a whole multi-recipient send that contains a send-error number", async () => {
    const r = (await (await send("77011234567,77000000006")).json()) as Record<string, unknown>;
    expect(r).toMatchObject({ error_code: 6 });
    expect(sb.control.messages()).toHaveLength(0);
  });
});

describe("docs/magic-numbers.md", () => {
  const doc = readFileSync(fileURLToPath(new URL("../docs/magic-numbers.md", import.meta.url)), "utf8");
  it.each(table)("lists +%s with its behaviour", (phone, m) => {
    const row = doc.split("\n").find((l) => l.includes(`+${phone}`));
    expect(row, `no row for +${phone}`).toBeDefined();
    if (m.sendError !== undefined) expect(row).toContain(`error ${m.sendError}`);
    if (m.finalStatus !== undefined) expect(row).toContain(`status ${m.finalStatus}, err ${m.finalErr}`);
  });

  it("lists no number the table lacks", () => {
    const listed = [...doc.matchAll(/\+(7700000\d{4})/g)].map((x) => x[1]);
    for (const n of listed) expect(Object.keys(MAGIC_NUMBERS)).toContain(n);
  });
});
