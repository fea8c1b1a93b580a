// Every magic number behaves as its table entry says, over real HTTP, SMTP and SMPP; and docs/magic-numbers.md
// lists them all.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sendMail } from "smsc/mail";
import { SmppClient } from "smsc/smpp";
import {
  MAGIC_NUMBERS,
  MAGIC_RANGES,
  type MagicBehaviour,
  PREMIUM_PRICE_FACTOR,
  type Sandbox,
  startCallbackReceiver,
  startSandbox,
} from "smsc-sandbox";
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
/** Every number to send to: the table's, and the first of each magic range. */
const sendable = [
  ...table,
  ...Object.entries(MAGIC_RANGES as Record<string, MagicBehaviour>).map(
    ([prefix, m]) => [`${prefix}00`, m] as [string, MagicBehaviour],
  ),
];

describe("magic numbers", () => {
  it.each(sendable)("+%s", async (phone, m) => {
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
    } else if (m.neverFinal) {
      const r = (await (await send(phone)).json()) as { id: number };
      expect(await status(r.id, phone)).toMatchObject({ status: -1 });
      now += 1000;
      expect(await status(r.id, phone)).toMatchObject({ status: 0 });
      // a day later it is still on its way, and debited
      now += 86_400_000;
      expect(await status(r.id, phone)).toMatchObject({ status: 0, err: 0 });
      expect(sb.control.messages()[0]).toMatchObject({ status: 0, nextAt: null });
      expect((await balance()).balance).toBe("990.00");
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
    } else if (m.premium !== undefined) {
      const r = (await (await send(phone, "&cost=2")).json()) as { cost: string };
      expect(Number(r.cost)).toBe(10 * m.premium);
      expect(Number((await balance()).balance)).toBe(1000 - 10 * m.premium);
    } else throw new Error(`untested magic number ${phone}`);
  });

  it("answers a slow number once slowReplyMs has passed, with a normal reply", async () => {
    sb.chaos.set({ slowReplyMs: 1 });
    const r = (await (await send("77000000090")).json()) as { id: number; cnt: number };
    expect(r).toMatchObject({ cnt: 1 });
  });

  it("sends no final status callback for a number that never arrives, only its move to 0", async () => {
    const receiver = await startCallbackReceiver();
    const live = await startSandbox({
      delays: { sentMs: 10, deliveredMs: 10 },
      callbacks: { demo: receiver.url },
    });
    try {
      const go = (phone: string) =>
        fetch(`${live.url}/sys/send.php?login=demo&psw=demo&phones=${phone}&mes=x&fmt=3`).then(
          (r) => r.json() as Promise<{ id: number }>,
        );
      const lost = await go("77000000030");
      const ok = await go("77000000010");
      // the normal message was sent after the lost one: once its final callback is in, the lost one's would be too
      await receiver.waitFor({ kind: "status", id: String(ok.id) });
      await receiver.waitFor({ kind: "status", id: String(ok.id) });
      await live.callbacks.idle();
      const statuses = (id: number) =>
        receiver.received
          .map((x) => x.callback)
          .filter((c) => c.kind === "status" && c.id === String(id))
          .map((c) => (c.kind === "status" ? c.status : NaN));
      expect(statuses(ok.id)).toEqual([0, 1]);
      expect(statuses(lost.id)).toEqual([0]);
    } finally {
      await live.close();
      await receiver.close();
    }
  });

  it("bills the premium range at a multiple of the price, in sends and cost=1 answers alike", async () => {
    const [prefix] = Object.keys(MAGIC_RANGES);
    for (const phone of [`${prefix}00`, `${prefix}57`, `${prefix}99`]) {
      sb.reset();
      const priced = (await (await send(phone, "&cost=1")).json()) as { cost: string };
      expect(Number(priced.cost)).toBe(10 * PREMIUM_PRICE_FACTOR);
      const r = (await (await send(phone, "&cost=2")).json()) as { id: number; cost: string };
      expect(Number(r.cost)).toBe(10 * PREMIUM_PRICE_FACTOR);
      expect(Number((await balance()).balance)).toBe(1000 - 10 * PREMIUM_PRICE_FACTOR);
      now += 2000;
      expect(await status(r.id, phone)).toMatchObject({ status: 1 });
    }
    // the number after the range is not premium
    sb.reset();
    const plain = (await (await send("77000000200", "&cost=1")).json()) as { cost: string };
    expect(Number(plain.cost)).toBe(10);
  });

  it("refuses a whole multi-recipient send that contains a send-error number", async () => {
    const r = (await (await send("77011234567,77000000006")).json()) as Record<string, unknown>;
    expect(r).toMatchObject({ error_code: 6 });
    expect(sb.control.messages()).toHaveLength(0);
  });
});

// The same fates over the other adapters: the core decides each number's fate once, and SMTP and SMPP render it
// (docs/architecture.md "Fates"): an error is a 550 / an error status, a lost reply or request is a dropped
// connection / no response, a slow reply is a late normal answer.
describe("magic numbers over SMTP and SMPP", () => {
  let mb: Sandbox;
  beforeEach(async () => {
    mb = await startSandbox({ smtpPort: 0, smppPort: 0, rateLimits: false, chaos: { slowReplyMs: 300 } });
  });
  afterEach(async () => {
    await mb.close();
  });
  const stored = () => mb.control.messages().length;
  const demoBalance = () => mb.store.accountByLogin("demo")!.balance;
  const mail = (phone: string) =>
    sendMail(
      { phones: phone, message: `magic ${phone}` },
      { login: "demo", password: "demo", relay: { host: "127.0.0.1", port: mb.smtpPort! }, timeout: 5000 },
    );
  const smpp = () => {
    const c = new SmppClient({
      host: "127.0.0.1",
      port: mb.smppPort!,
      systemId: "demo",
      password: "demo",
      timeoutMs: 2000,
    });
    return c;
  };

  it.each(sendable)("+%s over SMTP", async (phone, m) => {
    if (m.sendError !== undefined) {
      await expect(mail(phone)).rejects.toMatchObject({ code: m.sendError });
      expect([stored(), demoBalance()]).toEqual([0, 1000]);
    } else if (m.dropBeforeStore || m.dropReply) {
      await expect(mail(phone)).rejects.toThrow();
      expect([stored(), demoBalance()]).toEqual(m.dropReply ? [1, 990] : [0, 1000]);
    } else {
      const r = await mail(phone);
      expect(r.reply).toMatchObject({ cnt: 1 });
      expect(mb.control.messages()).toMatchObject([{ phone, origin: "smtp" }]);
      expect(demoBalance()).toBe(1000 - 10 * (m.premium ?? 1));
    }
  });

  it.each(sendable)("+%s over SMPP", async (phone, m) => {
    const c = smpp();
    try {
      if (m.sendError !== undefined) {
        await expect(c.submit({ to: phone, text: `magic ${phone}` })).rejects.toMatchObject({
          code: m.sendError,
        });
        expect([stored(), demoBalance()]).toEqual([0, 1000]);
      } else if (m.dropBeforeStore || m.dropReply) {
        // no response PDU: the client gives up after its timeout
        await expect(c.submit({ to: phone, text: `magic ${phone}` })).rejects.toThrow();
        expect([stored(), demoBalance()]).toEqual(m.dropReply ? [1, 990] : [0, 1000]);
      } else {
        const r = await c.submit({ to: phone, text: `magic ${phone}` });
        expect(mb.control.messages()).toMatchObject([{ phone, origin: "smpp", id: Number(r.messageId) }]);
        expect(demoBalance()).toBe(1000 - 10 * (m.premium ?? 1));
      }
    } finally {
      await c.close();
    }
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

  it.each(Object.entries(MAGIC_RANGES))("lists the range +%sNN", (prefix, m) => {
    const row = doc.split("\n").find((l) => l.includes(`+${prefix}NN`));
    expect(row, `no row for +${prefix}NN`).toBeDefined();
    if (m.premium !== undefined) expect(row).toContain(`${m.premium}×`);
  });

  it("lists no number the table lacks", () => {
    const listed = [...doc.matchAll(/\+(7700000\d{4})/g)].map((x) => x[1]);
    for (const n of listed) expect(Object.keys(MAGIC_NUMBERS)).toContain(n);
  });
});
