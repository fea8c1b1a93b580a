import { describe, expect, it } from "vitest";
import type { Fmt } from "../types.js";
import { encodeError } from "./error.js";
import { decodeMailing, decodeMailings, JOB_SHAPE } from "./jobs.js";
import { decodeRentedNumbers, RECEIVE_PHONE_SHAPE } from "./receive-phones.js";
import { decodeTemplates, renderTemplate, TEMPLATE_SHAPE, templateRecord } from "./templates.js";
import { decodeSubclientStats, SUBCLIENT_STAT_SHAPE } from "./users.js";
import {
  decodeWireRecord,
  decodeWireRecords,
  encodeWireRecord,
  encodeWireRecords,
  parseCsv,
} from "./wire-records.js";

const FMTS: Fmt[] = [0, 1, 2, 3];

describe("records codec", () => {
  const tricky = templateRecord({
    id: 7,
    name: "Promo, spring",
    msg: 'Hi %1, "sale" = 50%\nsecond line, with = sign',
    format: "sms",
    sender: "Shop",
  });
  const plain = templateRecord({ id: 8, name: "OTP", msg: "Code %1", format: "", sender: "" });

  it.each(FMTS)("round-trips a list with commas, quotes, = and line breaks in fmt=%i", (fmt) => {
    const body = encodeWireRecords([tricky, plain], TEMPLATE_SHAPE, fmt);
    expect(decodeTemplates(body, fmt)).toEqual([
      { id: 7, name: "Promo, spring", message: tricky.msg, format: "sms", sender: "Shop" },
      { id: 8, name: "OTP", message: "Code %1", format: "", sender: "" },
    ]);
  });

  it("writes the documented-style layouts", () => {
    expect(encodeWireRecords([plain], TEMPLATE_SHAPE, 0)).toBe(
      "id = 8, format = , sender = , name = OTP, msg = Code %1",
    );
    expect(encodeWireRecords([plain], TEMPLATE_SHAPE, 1)).toBe("8,,,OTP,Code %1");
    expect(encodeWireRecords([plain], TEMPLATE_SHAPE, 2)).toBe(
      "<result>\n<template>\n<id>8</id>\n<format></format>\n<sender></sender>\n<name>OTP</name>\n<msg>Code %1</msg>\n</template>\n</result>",
    );
    expect(encodeWireRecords([plain], TEMPLATE_SHAPE, 3)).toBe(
      '[{"id":8,"format":"","sender":"","name":"OTP","msg":"Code %1"}]',
    );
  });

  it.each(FMTS)("reads an empty list and errors in fmt=%i", (fmt) => {
    expect(decodeWireRecords(encodeWireRecords([], TEMPLATE_SHAPE, fmt), TEMPLATE_SHAPE, fmt)).toEqual([]);
    expect(decodeTemplates(encodeError({ error: "record not found", code: 3 }, fmt), fmt)).toMatchObject({
      code: 3,
    });
  });

  it("keeps unknown fields and accepts a JSON object holding the list", () => {
    expect(decodeTemplates('{"list":[{"id":"3","name":"a","msg":"b","extra":1}]}', 3)).toEqual([
      { id: 3, name: "a", message: "b", format: "", sender: "", extra: 1 },
    ]);
    expect(decodeWireRecord("<result>\n<id>5</id>\n<x>y</x>\n</result>", TEMPLATE_SHAPE, 2)).toEqual({
      record: { id: "5", x: "y" },
    });
  });

  it("parses RFC 4180 CSV", () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\ny",z')).toEqual([
      ["a", "b,c", 'd"e'],
      ["x\ny", "z"],
    ]);
  });

  it.each(FMTS)("round-trips mailings, stats and numbers in fmt=%i", (fmt) => {
    const job = {
      id: 1000001,
      status: 0,
      status_name: "waiting",
      created: "15.01.2026 12:00:00",
      time: "15.01.2026 13:00:00",
      rpt: 1,
      rptn: 3,
      runs: 1,
      cnt: 2,
      cost: "20",
      sender: "Shop",
      name: "Hourly, test",
      phones: "77011234567,77017654321",
      mes: "Hello, world",
    };
    const list = decodeMailings(encodeWireRecords([job], JOB_SHAPE, fmt), fmt);
    const expected = {
      id: 1000001,
      status: 0,
      statusName: "waiting",
      created: job.created,
      time: job.time,
      repeat: 1,
      repeats: 3,
      runs: 1,
      cnt: 2,
      cost: 20,
      sender: "Shop",
      name: job.name,
      phones: job.phones,
      message: job.mes,
    };
    expect(list).toEqual([expected]);
    expect(decodeMailing(encodeWireRecord(job, JOB_SHAPE, fmt), fmt)).toEqual(expected);
    const stat = {
      login: "sub1",
      type: 0,
      sms: 3,
      credit: "30",
      debit: "100",
      balance: "70",
      currency: "KZT",
    };
    expect(decodeSubclientStats(encodeWireRecords([stat], SUBCLIENT_STAT_SHAPE, fmt), fmt)).toEqual([
      { login: "sub1", type: 0, sms: 3, credit: 30, debit: 100, balance: 70, currency: "KZT" },
    ]);
    const num = { phone: "77009000001", cost: "500", status: 1, till: "31.01.2026 23:59:59", noprolong: 0 };
    expect(decodeRentedNumbers(encodeWireRecords([num], RECEIVE_PHONE_SHAPE, fmt), fmt)).toEqual([
      { phone: "77009000001", cost: 500, status: 1, till: num.till, noprolong: 0 },
    ]);
  });

  it("begins each fmt=0 mailing line with its id, as a public client reads it", () => {
    const line = encodeWireRecords([{ id: 1000001, name: "x" }], JOB_SHAPE, 0);
    expect(line.slice(0, 7)).toBe("1000001");
  });
});

describe("renderTemplate", () => {
  it("fills %1, %2… in order, keeps %% as a percent sign and unknown placeholders as they are", () => {
    expect(renderTemplate("Code %1 for %2, 100%% sure, %3", ["1234", "Shop"])).toBe(
      "Code 1234 for Shop, 100% sure, %3",
    );
    expect(
      renderTemplate(
        "%10 and %1",
        Array.from({ length: 10 }, (_, i) => i + 1),
      ),
    ).toBe("10 and 1");
  });
});
