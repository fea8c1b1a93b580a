import { SMSC } from "smsc/compat";
import { MESSAGE_FORMATS, MOSCOW_OFFSET_HOURS } from "smsc/protocol";
import { type Sandbox, type StoredMessage, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deadUrl } from "./net-helpers.js";

let sb: Sandbox;
let smsc: SMSC;
let logged: string[];
beforeEach(async () => {
  sb = await startSandbox({ port: 0 });
  logged = [];
  smsc = new SMSC({
    login: "demo",
    password: "demo",
    baseUrl: sb.url,
    debug: true,
    logger: (m) => logged.push(m),
  });
});
afterEach(async () => {
  await sb.close();
});

const PHONE = "77011234567";
const last = (): StoredMessage => sb.control.messages()[0]!;

describe("send_sms", () => {
  it("returns [id, cnt, cost, balance] as strings, and prints the seed's message", async () => {
    const r = await smsc.send_sms(PHONE, "Ваш пароль: 123", 1);
    expect(r).toEqual([String(last().id), "1", "10.00", "990.00"]);
    expect(last().text).toBe("Vash parol': 123");
    expect(logged).toEqual([
      `Сообщение отправлено успешно. ID: ${r[0]}, всего SMS: 1, стоимость: 10.00 руб., баланс: 990.00 руб.`,
    ]);
  });

  it("returns [id, -err] on error and prints the error number", async () => {
    const r = await smsc.send_sms("12", "hi", 0, "", 55);
    expect(r).toEqual(["55", "-7"]);
    expect(logged).toEqual(["Ошибка № 7, ID: 55"]);
    expect(await smsc.send_sms("", "hi")).toEqual(["0", "-1"]);
    expect(sb.control.messages()).toEqual([]);
  });

  it("sends translit 0, 1 and 2", async () => {
    const texts: string[] = [];
    for (const t of [0, 1, 2]) {
      await smsc.send_sms(PHONE, `Привет ${t}`, t);
      texts.push(last().text);
    }
    expect(texts).toEqual(["Привет 0", "Privet 1", "IIpuBem 2"]);
  });

  it("sends each of the twelve formats by library index", async () => {
    const args: Array<[string, string, string, string]> = [
      [PHONE, "sms", "", ""],
      [PHONE, "flash", "", ""],
      [PHONE, "http://smsc.kz\nSMSC.KZ", "", ""],
      [PHONE, "", "", ""],
      [PHONE, "\u0000raw", "", ""],
      [PHONE, "0605040B8423F0DC0601AE02056A0045C60C036D79736974652E72750001036D7973697465000101", "", ""],
      [PHONE, "", "", ""],
      [PHONE, "mms", "", "subj=Picture"],
      ["dest@mysite.com", "Письмо", "source@mysite.com", "subj=Confirmation"],
      [PHONE, "call", "", ""],
      [PHONE, "viber", "", ""],
      [PHONE, "soc", "", ""],
    ];
    for (const [format, [phones, mes, sender, query]] of args.entries()) {
      const r = await smsc.send_sms(phones, mes, 0, "", 0, format, sender, query);
      expect(Number(r[1]), `format ${format}`).toBeGreaterThan(0);
      const name = Object.keys(MESSAGE_FORMATS)[format]!;
      expect(last().format, `format ${format}`).toBe(name);
    }
  });

  it("sends the time in the four documented forms and as a Date", async () => {
    const jan2030 = Date.UTC(2030, 0, 1, 12 - MOSCOW_OFFSET_HOURS, 0);
    for (const time of ["0101301200", `0${jan2030 / 1000}`, new Date(jan2030)]) {
      await smsc.send_sms(PHONE, `t ${String(time)}`, 0, time);
      expect(last().sendAt).toBe(jan2030);
    }
    const before = Math.floor(Date.now() / 1000) * 1000;
    await smsc.send_sms(PHONE, "plus", 0, "+30");
    expect(last().sendAt).toBeGreaterThanOrEqual(before + 30 * 60_000);
    await smsc.send_sms(PHONE, "window", 0, "10-12");
    const h = new Date(last().sendAt + MOSCOW_OFFSET_HOURS * 3_600_000).getUTCHours();
    expect([10, 11]).toContain(h);
    expect(await smsc.send_sms(PHONE, "bad", 0, "99999999")).toEqual(["0", "-5"]);
  });

  it("sends the caller's id, and id=0 by default (server-assigned)", async () => {
    expect((await smsc.send_sms(PHONE, "with id", 0, "", "ord-7"))[0]).toBe("ord-7");
    expect(last().params.id).toBe("ord-7");
    const auto = await smsc.send_sms(PHONE, "auto id");
    expect(last().params.id).toBe("0");
    expect(auto[0]).toMatch(/^\d+$/);
  });

  it("omits an empty sender like the seed, and sends '.'", async () => {
    await smsc.send_sms(PHONE, "no sender", 0, "", 0, 0, "");
    expect(last().sender).toBe("SMSC.KZ");
    expect(last().params).not.toHaveProperty("sender");
    await smsc.send_sms(PHONE, "dot", 0, "", 0, 0, ".");
    expect(last()).toMatchObject({ sender: "", params: { sender: "." } });
  });

  it("appends the query string (ДопПараметры)", async () => {
    const r = await smsc.send_sms(PHONE, "q".repeat(300), 0, "", 0, 0, "", "valid=01:00&maxsms=1&tz=2");
    expect(r[1]).toBe("1");
    expect(last().params).toMatchObject({ valid: "01:00", maxsms: "1", tz: "2" });
    await smsc.send_sms(
      "",
      "",
      0,
      "",
      0,
      0,
      "",
      "list=77011234567:Ваш пароль: 123\n77017654321:Ваш пароль: 456",
    );
    expect(
      sb.control
        .messages()
        .slice(0, 2)
        .map((m) => m.text),
    ).toEqual(["Ваш пароль: 456", "Ваш пароль: 123"]);
  });
});

describe("get_sms_cost", () => {
  it("returns [cost, cnt], or [_, -err], and sends nothing", async () => {
    expect(await smsc.get_sms_cost(`${PHONE},77017654321`, "price me")).toEqual(["20.00", "2"]);
    expect(await smsc.get_sms_cost(PHONE, "", 0, 3)).toEqual(["5.00", "1"]);
    expect(await smsc.get_sms_cost(PHONE, "Привет", 1, 0, ".")).toEqual(["10.00", "1"]);
    expect(logged[0]).toBe("Стоимость рассылки: 20.00 руб. Всего SMS: 2");
    const err = await smsc.get_sms_cost("", "x");
    expect(err).toEqual(["0", "-1"]);
    expect(logged.at(-1)).toBe("Ошибка № 1");
    expect(sb.control.messages()).toEqual([]);
  });
});

describe("get_status", () => {
  it("returns [status, time, err] for a message and prints it", async () => {
    const [id] = await smsc.send_sms(PHONE, "status me");
    const r = (await smsc.get_status(id!, PHONE)) as string[];
    expect(r).toHaveLength(3);
    expect(["-1", "0", "1"]).toContain(r[0]);
    expect(Number(r[1])).toBeGreaterThan(0);
    expect(r[2]).toBe("0");
    expect(logged.at(-1)).toMatch(
      /^Статус SMS = -?\d, время изменения статуса - \d\d\.\d\d\.\d{4} \d+:\d+:\d+$/,
    );
  });

  it("returns the eleven HLR fields for an HLR request", async () => {
    const [id] = await smsc.send_sms(PHONE, "", 0, "", 0, 3);
    const r = (await smsc.get_status(id!, PHONE)) as string[];
    expect(r).toHaveLength(11);
    // status, time, err, imsi, msc, mcc, mnc, cn, net, rcn, rnet
    expect(r.slice(5, 9)).toEqual(["401", "02", "Kazakhstan", "Kcell"]);
    const full = (await smsc.get_status(id!, PHONE, 1)) as string[];
    expect(full[14]).toBe("HLR");
  });

  it("keeps commas of the text in the last field with all=1 and all=2, as PHP re-splits", async () => {
    const [id] = await smsc.send_sms(PHONE, "a, b, c");
    const one = (await smsc.get_status(id!, PHONE, 1)) as string[];
    expect(one).toHaveLength(9);
    expect(one[4]).toBe(PHONE);
    expect(one[8]).toMatch(/^a, b, c,/);
    const two = (await smsc.get_status(id!, PHONE, 2)) as string[];
    expect(two).toHaveLength(12);
    expect(two[11]).toMatch(/^a, b, c,/);
  });

  it("returns an array per message when the id list has a comma", async () => {
    const [a] = await smsc.send_sms(PHONE, "multi a");
    const [b] = await smsc.send_sms("77017654321", "multi b");
    const r = (await smsc.get_status(`${a},${b}`, `${PHONE},77017654321`)) as string[][];
    expect(r).toHaveLength(2);
    expect(r[0]!.slice(-2)).toEqual([a, PHONE]);
    expect(r[1]!.slice(-2)).toEqual([b, "77017654321"]);
  });

  it("returns [0, -err] on error", async () => {
    const bad = new SMSC({
      login: "demo",
      password: "nope",
      baseUrl: sb.url,
      debug: true,
      logger: (m) => logged.push(m),
    });
    expect(await bad.get_status(1, PHONE)).toEqual(["0", "-2"]);
    expect(logged.at(-1)).toBe("Ошибка № 2");
    expect(await bad.get_status("1,2", `${PHONE},${PHONE}`)).toEqual(["0", "-2"]);
  });
});

describe("get_balance", () => {
  it("returns the balance as a string, or false on error", async () => {
    expect(await smsc.get_balance()).toBe("1000.00");
    expect(logged).toEqual(["Сумма на счете: 1000.00 руб."]);
    const bad = new SMSC({ login: "demo", password: "nope", baseUrl: sb.url });
    expect(await bad.get_balance()).toBe(false);
  });
});

describe("charsets", () => {
  it("round-trips Cyrillic in windows-1251 and koi8-r, as SMSC_CHARSET does", async () => {
    for (const charset of ["windows-1251", "koi8-r"] as const) {
      const c = new SMSC({ login: "demo", password: "demo", baseUrl: sb.url, charset });
      const text = `Съешь ещё этих булок (${charset})`;
      const [id] = await c.send_sms(PHONE, text);
      expect(last().text).toBe(text);
      const full = (await c.get_status(id!, PHONE, 1)) as string[];
      expect(full[8]).toMatch(new RegExp(`^Съешь ещё этих булок \\(${charset}\\)`));
    }
  });
});

describe("network failures", () => {
  it("tries the next host, and on total failure returns the seed's fictive answer without leaking the password", async () => {
    const dead = await deadUrl();
    const viaMirror = new SMSC({ login: "demo", password: "demo", baseUrl: [dead, sb.url] });
    expect(await viaMirror.get_balance()).toBe("1000.00");
    const lines: string[] = [];
    const down = new SMSC({
      login: "demo",
      password: "Top-Secret",
      baseUrl: [dead],
      debug: true,
      logger: (m) => lines.push(m),
    });
    expect(await down.send_sms(PHONE, "x")).toEqual(["", ""]);
    expect(await down.get_sms_cost(PHONE, "x")).toEqual(["", ""]);
    expect(await down.get_status(1, PHONE)).toEqual(["", ""]);
    expect(await down.get_balance()).toBe(false);
    expect(lines[0]).toMatch(
      /^Ошибка чтения адреса: http:\/\/127\.0\.0\.1:\d+\/sys\/send\.php\?login=demo&psw=\*\*\*&fmt=1/,
    );
    expect(lines.join("\n")).not.toContain("Top-Secret");
  });

  it("does not repeat a send that may have gone out on the next mirror", async () => {
    const c = new SMSC({ login: "demo", password: "demo", baseUrl: [sb.url, sb.url] });
    expect(await c.send_sms("77000000099", "lost reply")).toEqual(["", ""]);
    expect(sb.control.messages()).toHaveLength(1);
  });
});
