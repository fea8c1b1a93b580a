// The codecs of the reading scripts (get.php, info.php, ping.php): every shape both ways, texts with commas and
// line breaks, unknown fields kept, errors and garbage recognised.
import { describe, expect, it } from "vitest";
import type { Fmt } from "../types.js";
import {
  decodeAnswers,
  decodeHistory,
  decodeNotifyReply,
  decodeOperators,
  decodeStats,
  decodeTariffs,
  encodeAnswers,
  encodeError,
  encodeHistory,
  encodeNotifyReply,
  encodeOperators,
  encodeStats,
  encodeTariffs,
  type HistoryRecord,
  type IncomingSms,
  type OperatorInfo,
  type TariffZone,
} from "./index.js";

const FMTS: Fmt[] = [0, 1, 2, 3];

const sms: IncomingSms[] = [
  {
    id: 7,
    received: "24.11.2026 15:00:00",
    phone: "77011234567",
    toPhone: "77001112233",
    sent: "24.11.2026 14:59:58",
    message: "Yes, please, a = b",
  },
  {
    id: 8,
    received: "24.11.2026 15:01:00",
    phone: "77017654321",
    toPhone: "",
    sent: "",
    message: "<No> & 'x'",
  },
];

const record: HistoryRecord = {
  status: 1,
  lastDate: "24.11.2026 15:00:02",
  lastTimestamp: 1_795_953_602,
  err: 0,
  sendDate: "24.11.2026 15:00:00",
  sendTimestamp: 1_795_953_600,
  phone: "77011234567",
  cost: 12.3,
  senderId: "SMSC.KZ",
  statusName: "Доставлено",
  message: "Hi, there, cost = 3",
  type: 0,
  country: "Казахстан",
  operator: "Kcell",
  region: "Алматы",
  id: 42,
  intId: 1001,
  smsCnt: 3,
  format: 0,
  crc: "123",
  mccmnc: "40102",
};

describe("incoming SMS (get_answers)", () => {
  it("writes the fields in the order a real fmt=1 poller reads them", () => {
    expect(encodeAnswers(sms.slice(0, 1), 1)).toBe(
      "7,24.11.2026 15:00:00,77011234567,77001112233,24.11.2026 14:59:58,Yes, please, a = b",
    );
    expect(encodeAnswers(sms.slice(0, 1), 0)).toBe(
      "id = 7, received = 24.11.2026 15:00:00, phone = 77011234567, to_phone = 77001112233, sent = 24.11.2026 14:59:58, message = Yes, please, a = b",
    );
    expect(encodeAnswers(sms.slice(1), 2)).toBe(
      "<result>\n<sms>\n<id>8</id>\n<received>24.11.2026 15:01:00</received>\n<phone>77017654321</phone>\n<to_phone></to_phone>\n<sent></sent>\n<message>&lt;No&gt; &amp; &apos;x&apos;</message>\n</sms>\n</result>",
    );
    expect(JSON.parse(encodeAnswers(sms, 3))[0]).toEqual({
      id: 7,
      received: "24.11.2026 15:00:00",
      phone: "77011234567",
      to_phone: "77001112233",
      sent: "24.11.2026 14:59:58",
      message: "Yes, please, a = b",
    });
  });

  it.each(FMTS)("reads back what it writes in fmt=%i, commas in the text included", (fmt) => {
    expect(decodeAnswers(encodeAnswers(sms, fmt), fmt)).toEqual(sms);
  });

  it("keeps a text's line breaks in fmt=0, 2 and 3", () => {
    const multi = [{ ...sms[0]!, message: "line one\nline two" }, sms[1]!];
    for (const fmt of [0, 2, 3] as Fmt[])
      expect(decodeAnswers(encodeAnswers(multi, fmt), fmt)).toEqual(multi);
  });

  it("keeps unknown fields in extra and leaves out none of the known ones", () => {
    const body = JSON.stringify([{ id: 1, phone: "7701", message: "x", sent: "s", to_phone: "t", flag: 8 }]);
    expect(decodeAnswers(body, 3)).toEqual([
      { id: 1, received: "", phone: "7701", toPhone: "t", sent: "s", message: "x", extra: { flag: 8 } },
    ]);
    expect(decodeAnswers("id = 1, phone = 7701, mccmnc = 40102, message = hi, a = b", 0)).toEqual([
      {
        id: 1,
        received: "",
        phone: "7701",
        toPhone: "",
        sent: "",
        message: "hi, a = b",
        extra: { mccmnc: "40102" },
      },
    ]);
    expect(decodeAnswers("<result>\n<sms>\n<id>3</id>\n<zone>1</zone>\n</sms>\n</result>", 2)).toEqual([
      { id: 3, received: "", phone: "", toPhone: "", sent: "", message: "", extra: { zone: "1" } },
    ]);
  });

  it.each(FMTS)("recognises error 3 in fmt=%i and a body that is no record", (fmt) => {
    expect(decodeAnswers(encodeError({ error: "messages not found", code: 3 }, fmt), fmt)).toMatchObject({
      code: 3,
    });
    expect(decodeAnswers("<html>oops</html>", fmt)).toMatchObject({ code: 0 });
  });
});

describe("history (get_messages)", () => {
  const two = [record, { ...record, intId: 1000, id: "c-17", message: "plain", cost: 10 }];

  it("writes the documented fields in the documented order, money as each format writes it", () => {
    const line = encodeHistory([record], 1);
    expect(
      line.startsWith("1,24.11.2026 15:00:02,1795953602,0,24.11.2026 15:00:00,1795953600,77011234567,12.30,"),
    ).toBe(true);
    expect(line.endsWith(",Hi, there, cost = 3,0,Казахстан,Kcell,Алматы,42,1001,3,0,123,40102")).toBe(true);
    expect(Object.keys(JSON.parse(encodeHistory([record], 3))[0])).toEqual([
      "status",
      "last_date",
      "last_timestamp",
      "err",
      "send_date",
      "send_timestamp",
      "phone",
      "cost",
      "sender_id",
      "status_name",
      "message",
      "type",
      "country",
      "operator",
      "region",
      "id",
      "int_id",
      "sms_cnt",
      "format",
      "crc",
      "mccmnc",
    ]);
    expect(JSON.parse(encodeHistory([record], 3))[0]).toMatchObject({ cost: "12.3", id: 42, int_id: 1001 });
    expect(encodeHistory([record], 2)).toContain("<sms>\n<status>1</status>\n");
  });

  it.each(FMTS)(
    "reads back what it writes in fmt=%i, a text with commas in the middle of the line",
    (fmt) => {
      expect(decodeHistory(encodeHistory(two, fmt), fmt)).toEqual(two);
    },
  );
});

describe("statistics (get_stat) and tariffs (get_price)", () => {
  const stat = { login: "demo", sms: 12, credit: 120.5, debit: 0, currency: "KZT" };
  const zones: TariffZone[] = [
    { zone: 1, name: "Казахстан", api: 10, mass: 9.5, mms: 30, hlr: 5, call: 20, viber: 4.25 },
    { zone: 2, name: "Прочие направления", api: 12, mass: 12, mms: 12, hlr: 5, call: 12, viber: 12 },
  ];

  it("writes the statistics record as one line, one <result> or one object", () => {
    expect(encodeStats(stat, 0)).toBe(
      "login = demo, sms = 12, credit = 120.50, debit = 0.00, currency = KZT",
    );
    expect(encodeStats(stat, 1)).toBe("demo,12,120.50,0.00,KZT");
    expect(encodeStats(stat, 2)).toBe(
      "<result>\n<login>demo</login>\n<sms>12</sms>\n<credit>120.5</credit>\n<debit>0</debit>\n<currency>KZT</currency>\n</result>",
    );
    expect(encodeStats(stat, 3)).toBe(
      '{"login":"demo","sms":12,"credit":"120.5","debit":"0","currency":"KZT"}',
    );
  });

  it("reads the SMS count where a real fmt=0 reader finds it: the second comma-separated item", () => {
    expect(Number.parseInt(encodeStats(stat, 0).split(",")[1]!.replace(/\D/g, ""), 10)).toBe(12);
  });

  it.each(FMTS)("reads back statistics and tariffs in fmt=%i", (fmt) => {
    expect(decodeStats(encodeStats(stat, fmt), fmt)).toEqual(stat);
    expect(decodeTariffs(encodeTariffs(zones, fmt), fmt)).toEqual(zones);
  });

  it("takes the first login of a list and treats the undocumented viber column as optional", () => {
    expect(decodeStats(JSON.stringify([stat, { ...stat, login: "sub" }]), 3)).toEqual(stat);
    const [z] = decodeTariffs(
      '[{"zone":1,"name":"x","api":"1","mass":"1","mms":"2","hlr":"3","call":"4"}]',
      3,
    ) as TariffZone[];
    expect(z).toEqual({ zone: 1, name: "x", api: 1, mass: 1, mms: 2, hlr: 3, call: 4 });
  });
});

describe("operator look-up (info.php)", () => {
  const one: OperatorInfo = {
    phone: "77011234567",
    country: "Казахстан",
    operator: "Kcell",
    region: "",
    mcc: "401",
    mnc: "02",
    tz: 2,
  };

  it("puts country, operator, region, mcc, mnc where real fmt=0 parsers take them (positions 1–5)", () => {
    const pairs = encodeOperators([one], 0, false).split(", ");
    expect(pairs.slice(1, 6).map((p) => p.split(" = ")[0])).toEqual([
      "country",
      "operator",
      "region",
      "mcc",
      "mnc",
    ]);
    expect(pairs[3]).toBe("region = ");
    expect(encodeOperators([one], 3, false)).toBe(
      '{"phone":"77011234567","country":"Казахстан","operator":"Kcell","region":"","mcc":"401","mnc":"02","tz":2}',
    );
    expect(encodeOperators([one, one], 2, true)).toContain("<result>\n<item>\n<phone>77011234567</phone>");
  });

  it.each(FMTS)("reads back one number and a list in fmt=%i, an empty region included", (fmt) => {
    expect(decodeOperators(encodeOperators([one], fmt, false), fmt)).toEqual([one]);
    const list = [one, { ...one, phone: "79161234567", operator: "МТС", tz: 0 }];
    expect(decodeOperators(encodeOperators(list, fmt, true), fmt)).toEqual(list);
  });
});

describe("notifications (ping.php)", () => {
  it.each(FMTS)("reads back the send-like reply in fmt=%i", (fmt) => {
    expect(decodeNotifyReply(encodeNotifyReply({ id: 15, cnt: 2 }, fmt), fmt)).toEqual({ id: 15, cnt: 2 });
    expect(decodeNotifyReply(encodeError({ error: "parameters error", code: 1 }, fmt), fmt)).toMatchObject({
      code: 1,
    });
  });

  it("keeps a reply of another shape instead of failing on it", () => {
    expect(decodeNotifyReply("OK", 0)).toEqual({ extra: { body: "OK" } });
    expect(decodeNotifyReply('{"result":"ok"}', 3)).toEqual({ extra: { result: "ok" } });
  });
});
