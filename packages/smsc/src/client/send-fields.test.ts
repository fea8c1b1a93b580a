import { describe, expect, it } from "vitest";
import { OPTION_TO_PARAM } from "../protocol/index.js";
import { InvalidOptionError } from "./errors.js";
import { buildSendFields, checkId, extraFields, phonesOf } from "./send-fields.js";

describe("buildSendFields", () => {
  it("maps every option through OPTION_TO_PARAM, keeping values as the wire wants them", () => {
    const fields = buildSendFields({
      phones: ["77011234567", "77017654321"],
      message: "Привет",
      translit: 2,
      id: "order-1",
      sender: "",
      valid: "01:00",
      maxSms: 3,
      tz: -3,
      subject: "Subj",
      op: true,
      err: false,
    });
    expect(fields).toEqual([
      ["phones", "77011234567,77017654321"],
      ["mes", "Привет"],
      ["translit", "2"],
      ["id", "order-1"],
      ["sender", ""],
      ["valid", "01:00"],
      ["maxsms", "3"],
      ["tz", "-3"],
      ["subj", "Subj"],
      ["op", "1"],
      ["err", "0"],
    ]);
    for (const [option, wire] of [
      ["maxSms", "maxsms"],
      ["subject", "subj"],
    ])
      expect(OPTION_TO_PARAM[option!]).toBe(wire);
  });

  it("sends sender '.' and '' rather than dropping them", () => {
    expect(buildSendFields({ sender: "." })).toEqual([["sender", "."]]);
    expect(buildSendFields({ sender: "" })).toEqual([["sender", ""]]);
  });

  it("writes a Date as 0<unix> and passes time strings through", () => {
    const at = Date.UTC(2030, 0, 2, 3, 4, 5);
    expect(buildSendFields({ time: new Date(at) })).toEqual([["time", `0${at / 1000}`]]);
    for (const t of ["0101301200", "01.01.30 12:00", "9-18", "+60", "01893553045"])
      expect(buildSendFields({ time: t })).toEqual([["time", t]]);
  });

  it("turns formats given by name or library index into their flag", () => {
    expect(buildSendFields({ format: 0 })).toEqual([]);
    expect(buildSendFields({ format: "sms" })).toEqual([]);
    expect(buildSendFields({ format: 5 })).toEqual([["bin", "2"]]);
    expect(buildSendFields({ format: "binHex" })).toEqual([["bin", "2"]]);
    expect(buildSendFields({ format: 11 })).toEqual([["soc", "1"]]);
    expect(buildSendFields({ format: "tg" })).toEqual([["tg", "1"]]);
    expect(buildSendFields({ format: "whatsapp" })).toEqual([["whatsapp", "1"]]);
    expect(() => buildSendFields({ format: 12 as never })).toThrow(InvalidOptionError);
  });

  it("writes list as phones:message lines, from an array or a record", () => {
    const expected = [["list", "77011234567,77017654321:Ваш пароль: 123\n77020000000:Ваш пароль: 456"]];
    expect(
      buildSendFields({
        list: [
          { phones: ["77011234567", "77017654321"], message: "Ваш пароль: 123" },
          { phones: "77020000000", message: "Ваш пароль: 456" },
        ],
      }),
    ).toEqual(expected);
    expect(
      buildSendFields({
        list: { "77011234567,77017654321": "Ваш пароль: 123", "77020000000": "Ваш пароль: 456" },
      }),
    ).toEqual(expected);
  });

  it("appends extra parameters from a record or a raw query string", () => {
    expect(buildSendFields({ extra: { valid: "01:00", maxsms: 3 } })).toEqual([
      ["valid", "01:00"],
      ["maxsms", "3"],
    ]);
    expect(extraFields("valid=01:00&maxsms=3&tz=2")).toEqual([
      ["valid", "01:00"],
      ["maxsms", "3"],
      ["tz", "2"],
    ]);
    expect(extraFields("list=79999999999:Ваш пароль: 123\n78888888888:Ваш пароль: 456&time=%2B60")).toEqual([
      ["list", "79999999999:Ваш пароль: 123\n78888888888:Ваш пароль: 456"],
      ["time", "+60"],
    ]);
  });

  it("refuses extra parameters that would override the SDK's own", () => {
    for (const bad of ["psw=x", "fmt=1", "login=a", "apikey=k", "charset=koi8-r", "cost=0"])
      expect(() => extraFields(bad, "send.extra")).toThrow(/send\.extra/);
  });

  it("names the bad option", () => {
    expect(() => buildSendFields({ translit: 3 as never })).toThrow(/"send.translit"/);
    expect(() => buildSendFields({ phones: 5 as never })).toThrow(/"send.phones"/);
    expect(() => buildSendFields({ nope: 1 } as never)).toThrow(/"send.nope" is not a send parameter/);
    expect(() => buildSendFields({ time: new Date(Number.NaN) })).toThrow(/"send.time"/);
  });
});

describe("checkId", () => {
  it("accepts the two documented id forms and nothing else", () => {
    expect(checkId(1)).toBe("1");
    expect(checkId(2_147_483_647)).toBe("2147483647");
    expect(checkId("a.B_c-9")).toBe("a.B_c-9");
    expect(checkId("x".repeat(40))).toBe("x".repeat(40));
    for (const bad of [0, -1, 2_147_483_648, 1.5, "", "x".repeat(41), "a b", "é"])
      expect(() => checkId(bad as never)).toThrow(InvalidOptionError);
  });
});

describe("phonesOf", () => {
  it("collects the phones of phones and list, for the status look-up", () => {
    expect(phonesOf({ phones: "77011234567; 77017654321" })).toEqual(["77011234567", "77017654321"]);
    expect(phonesOf({ phones: ["1", "2"], list: [{ phones: "3,4", message: "m" }] })).toEqual([
      "1",
      "2",
      "3",
      "4",
    ]);
    expect(phonesOf({})).toEqual([]);
  });
});
