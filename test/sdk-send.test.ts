// Every send option of the seed library (and the SDK's extras), through the SDK against a real sandbox.

import { type FormatIndex, type SendParams, Smsc } from "smsc";
import { MESSAGE_FORMATS, type MessageFormat, MOSCOW_OFFSET_HOURS } from "smsc/protocol";
import { type Sandbox, type StoredMessage, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let sb: Sandbox;
let smsc: Smsc;
beforeEach(async () => {
  sb = await startSandbox({ port: 0 });
  smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
});
afterEach(async () => {
  await sb.close();
});

const PHONE = "77011234567";

/** The stored messages of the latest send, oldest recipient first. */
function stored(): StoredMessage[] {
  const all = sb.control.messages();
  const last = all[0]?.sendId;
  return all.filter((m) => m.sendId === last).reverse();
}

describe("send", () => {
  it("sends to one phone and returns id, parts, cost and the new balance", async () => {
    const r = await smsc.send({ phones: PHONE, message: "Hello" });
    expect(r).toMatchObject({ cnt: 1, cost: 10, balance: 990, recovered: false });
    expect(typeof r.id).toBe("string");
    const [m] = stored();
    expect(m).toMatchObject({ id: r.id, phone: PHONE, text: "Hello" });
  });

  it("sends to a phone list given as an array or as a ',' / ';' string", async () => {
    const a = await smsc.send({ phones: [PHONE, "77017654321"], message: "a" });
    expect(a.cnt).toBe(2);
    expect(stored().map((m) => m.phone)).toEqual([PHONE, "77017654321"]);
    const b = await smsc.send({ phones: `${PHONE};77017654321,77020000001`, message: "b" });
    expect(b.cnt).toBe(3);
  });

  it("always sends a client id: the caller's, or a generated one", async () => {
    const mine = await smsc.send({ phones: PHONE, message: "x", id: "order-42" });
    expect(mine.id).toBe("order-42");
    const numeric = await smsc.send({ phones: PHONE, message: "y", id: 777 });
    expect(numeric.id).toBe(777);
    const gen = await new Smsc({ login: "demo", password: "demo", baseUrl: sb.url, random: () => 0.5 }).send({
      phones: PHONE,
      message: "z",
    });
    expect(gen.id).toBe("i".repeat(20));
    expect(stored()[0]!.params.id).toBe("i".repeat(20));
  });

  it("transliterates with translit 0, 1 and 2", async () => {
    const texts: string[] = [];
    for (const translit of [0, 1, 2] as const) {
      await smsc.send({ phones: PHONE, message: "Привет, мир", translit });
      texts.push(stored()[0]!.text);
    }
    expect(texts[0]).toBe("Привет, мир");
    expect(texts[1]).toBe("Privet, mir");
    expect(texts[2]).not.toBe(texts[0]);
    expect(texts[2]).not.toBe(texts[1]);
  });

  it("sends all twelve library formats by index, and tg and whatsapp by name", async () => {
    const cases: Array<[MessageFormat | FormatIndex, SendParams]> = [
      [0, { phones: PHONE, message: "sms" }],
      [1, { phones: PHONE, message: "flash" }],
      [2, { phones: PHONE, message: "http://smsc.kz\nSMSC.KZ" }],
      [3, { phones: PHONE, message: "" }],
      [4, { phones: PHONE, message: "\u0000bytes" }],
      [
        5,
        {
          phones: PHONE,
          message: "0605040B8423F0DC0601AE02056A0045C60C036D79736974652E72750001036D7973697465000101",
        },
      ],
      [6, { phones: PHONE, message: "" }],
      [7, { phones: PHONE, message: "mms text", subject: "Pic" }],
      [
        8,
        {
          phones: "dest@example.com",
          message: "mail body",
          subject: "Confirmation",
          sender: "src@example.com",
        },
      ],
      [9, { phones: PHONE, message: "call text" }],
      [10, { phones: PHONE, message: "viber" }],
      [11, { phones: PHONE, message: "soc" }],
      ["tg", { phones: "@smsc_user", message: "telegram" }],
      ["whatsapp", { phones: PHONE, message: "whatsapp" }],
    ];
    for (const [format, params] of cases) {
      const r = await smsc.send({ ...params, format });
      const name =
        typeof format === "number" ? (Object.keys(MESSAGE_FORMATS) as MessageFormat[])[format]! : format;
      const [m] = stored();
      expect(m, String(format)).toMatchObject({ id: r.id, format: name, type: MESSAGE_FORMATS[name].type });
      const st = await smsc.status({ id: r.id, phone: m!.phone, all: 1 });
      expect(st.type, String(format)).toBe(MESSAGE_FORMATS[name].type);
    }
  });

  it("accepts the time in all four documented forms and as a Date", async () => {
    const before = Date.now();
    const sendAt = async (time: string | Date) => {
      await smsc.send({ phones: PHONE, message: `t ${String(time)}`, time });
      return stored()[0]!.sendAt;
    };
    // 01.01.2030 12:00 Moscow time
    const jan2030 = Date.UTC(2030, 0, 1, 12 - MOSCOW_OFFSET_HOURS, 0);
    expect(await sendAt("0101301200")).toBe(jan2030);
    expect(await sendAt("01.01.30 12:00")).toBe(jan2030);
    expect(await sendAt(`0${jan2030 / 1000}`)).toBe(jan2030);
    expect(await sendAt(new Date(jan2030 + 60_000))).toBe(jan2030 + 60_000);
    const plus = await sendAt("+60");
    // "+m" counts from the current second
    expect(plus).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3_600_000);
    expect(plus).toBeLessThanOrEqual(Date.now() + 3_600_000);
    const windowed = await sendAt("9-18");
    const moscowHour = new Date(windowed + MOSCOW_OFFSET_HOURS * 3_600_000).getUTCHours();
    expect(moscowHour).toBeGreaterThanOrEqual(9);
    expect(moscowHour).toBeLessThan(18);
    expect(windowed).toBeGreaterThanOrEqual(before);
  });

  it("sends sender '' and '.' instead of dropping them (both disable the default sender)", async () => {
    await smsc.send({ phones: PHONE, message: "default sender" });
    expect(stored()[0]!.sender).toBe("SMSC.KZ");
    await smsc.send({ phones: PHONE, message: "empty sender", sender: "" });
    expect(stored()[0]!).toMatchObject({ sender: "", params: { sender: "" } });
    await smsc.send({ phones: PHONE, message: "dot sender", sender: "." });
    expect(stored()[0]!).toMatchObject({ sender: "", params: { sender: "." } });
    await smsc.send({ phones: PHONE, message: "named", sender: "Shop" });
    expect(stored()[0]!.sender).toBe("Shop");
  });

  it("adds extra parameters given as the seed's query string or as a record", async () => {
    const long = "x".repeat(400);
    const r = await smsc.send({ phones: PHONE, message: long, extra: "valid=01:00&maxsms=1&tz=2" });
    expect(r.cnt).toBe(1);
    expect(stored()[0]!.params).toMatchObject({ valid: "01:00", maxsms: "1", tz: "2" });
    await smsc.send({ phones: PHONE, message: "rec", extra: { valid: 3 } });
    expect(stored()[0]!.params.valid).toBe("3");
  });

  it("maps valid, maxSms, tz and subject to their wire names", async () => {
    const r = await smsc.send({
      phones: PHONE,
      message: "y".repeat(400),
      valid: "02:00",
      maxSms: 2,
      tz: 1,
      subject: "S",
    });
    expect(r.cnt).toBe(2);
    expect(stored()[0]!.params).toMatchObject({ valid: "02:00", maxsms: "2", tz: "1", subj: "S" });
  });

  it("sends a text per phone with list, as an array or a record", async () => {
    await smsc.send({
      list: [
        { phones: PHONE, message: "Ваш пароль: 123" },
        { phones: ["77017654321"], message: "Ваш пароль: 456" },
      ],
    });
    expect(stored().map((m) => [m.phone, m.text])).toEqual([
      [PHONE, "Ваш пароль: 123"],
      ["77017654321", "Ваш пароль: 456"],
    ]);
    await smsc.send({ list: { [PHONE]: "one", "77017654321": "two" } });
    expect(stored().map((m) => m.text)).toEqual(["one", "two"]);
  });

  it("returns per-phone details with op and err", async () => {
    const op = await smsc.send({ phones: [PHONE, "123"], message: "op", op: true });
    expect(op.phones).toEqual([
      expect.objectContaining({ phone: PHONE, cost: 10 }),
      expect.objectContaining({ phone: "123", status: 22, error: 7 }),
    ]);
    const err = await smsc.send({ phones: [PHONE, "456"], message: "err", err: true });
    expect(err.phones).toEqual([expect.objectContaining({ phone: "456", error: 7 })]);
  });

  it("answers a voice call with mes=code with the voiced code", async () => {
    const r = await smsc.send({ phones: PHONE, message: "code", format: "call" });
    expect(r.code).toMatch(/^\d{4}$/);
  });
});

describe("cost", () => {
  it("prices without sending, with the send parameters", async () => {
    const c = await smsc.cost({ phones: [PHONE, "77017654321"], message: "z".repeat(200) });
    expect(c).toEqual({ cost: 40, cnt: 4 });
    expect(sb.control.messages()).toEqual([]);
    const hlr = await smsc.cost({ phones: PHONE, format: 3, message: "" });
    expect(hlr).toEqual({ cost: 5, cnt: 1 });
    const withSender = await smsc.cost({ phones: PHONE, message: "Привет", translit: 1, sender: "." });
    expect(withSender.cnt).toBe(1);
    expect(sb.control.messages()).toEqual([]);
  });
});
