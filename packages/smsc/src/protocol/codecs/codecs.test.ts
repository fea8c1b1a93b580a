import { describe, expect, it } from "vitest";
import type { Fmt, StatusRecord } from "../types.js";
import {
  decodeBalanceReply,
  decodeCostReply,
  decodeError,
  decodeSendReply,
  decodeStatusReply,
  encodeBalanceReply,
  encodeCostReply,
  encodeError,
  encodeSendReply,
  encodeStatusReply,
} from "./index.js";

const FMTS: Fmt[] = [0, 1, 2, 3];

describe("documented shapes", () => {
  it("writes errors exactly as spec §2.5 shows them", () => {
    expect(encodeError({ error: "no money", code: 3, id: 275 }, 0)).toBe("ERROR = 3 (no money), ID - 275");
    expect(encodeError({ error: "authorise error", code: 2 }, 1)).toBe("0,-2");
    expect(encodeError({ error: "invalid number", code: 7, id: 541 }, 1)).toBe("541,-7");
    expect(encodeError({ error: "invalid number", code: 7, id: 175 }, 3)).toBe(
      '{"error":"invalid number","error_code":7,"id":175}',
    );
    expect(encodeError({ error: "authorise error", code: 2 }, 2)).toBe(
      "<result>\n<error>authorise error</error>\n<error_code>2</error_code>\n</result>",
    );
  });

  it("writes send replies as spec §2.4 shows them", () => {
    const r = { id: 1234, cnt: 1, cost: 1.4, balance: 100.5 };
    expect(encodeSendReply(r, 0, 0)).toBe("OK - 1 SMS, ID - 1234");
    expect(encodeSendReply(r, 1, 0)).toBe("1234,1");
    expect(encodeSendReply(r, 1, 2)).toBe("1234,1,1.40");
    expect(encodeSendReply(r, 1, 3)).toBe("1234,1,1.40,100.50");
    expect(encodeSendReply({ id: 63, cnt: 1, cost: 3.8, balance: 286.55 }, 3, 3)).toBe(
      '{"id":63,"cnt":1,"cost":"3.8","balance":"286.55"}',
    );
    expect(encodeSendReply({ id: 9, cnt: 1 }, 3, 0)).toBe('{"id":9,"cnt":1}');
    expect(encodeCostReply({ cost: 1.4, cnt: 1 }, 1)).toBe("1.40,1");
  });

  it("writes status and balance as spec §4.4 and §5 show them", () => {
    const rec: StatusRecord = {
      status: 1,
      lastDate: "10.10.2010 10:10:10",
      lastTimestamp: 1286694610,
      err: 0,
    };
    expect(encodeStatusReply([rec], 0, { all: 0, multi: false })).toBe(
      "Status = 1, check_time = 10.10.2010 10:10:10, err = 0",
    );
    expect(encodeStatusReply([rec], 1, { all: 0, multi: false })).toBe("1,1286694610,0");
    expect(encodeBalanceReply({ balance: 250.8 }, 1, false)).toBe("250.80");
    expect(encodeBalanceReply({ balance: 100.01, currency: "RUR" }, 3, true)).toBe(
      '{"balance":"100.01","currency":"RUR"}',
    );
  });
});

describe("round trips in every format", () => {
  it.each(FMTS)("send and cost, fmt=%i", (fmt) => {
    const r = { id: 77, cnt: 2, cost: 8.2, balance: 991.8 };
    expect(decodeSendReply(encodeSendReply(r, fmt, 3), fmt)).toEqual(r);
    expect(decodeSendReply(encodeSendReply(r, fmt, 0), fmt)).toEqual({ id: 77, cnt: 2 });
    expect(decodeCostReply(encodeCostReply({ cost: 8.2, cnt: 2 }, fmt), fmt)).toEqual({ cost: 8.2, cnt: 2 });
  });

  it.each(FMTS)("errors with and without id, fmt=%i", (fmt) => {
    const withId = { error: "invalid number", code: 7, id: 541 };
    const noId = { error: "authorise error", code: 2 };
    const strip = (e: { error: string }) => (fmt === 1 ? { ...e, error: "" } : e);
    expect(decodeError(encodeError(withId, fmt), fmt)).toEqual(strip(withId));
    expect(decodeError(encodeError(noId, fmt), fmt)).toEqual(strip(noId));
    expect(decodeSendReply(encodeError(withId, fmt), fmt)).toEqual(strip(withId));
  });

  it.each(FMTS)("status single, multi, all=0/1/2 and HLR, fmt=%i", (fmt) => {
    const base: StatusRecord = {
      status: 1,
      lastDate: "15.08.2021 20:27:22",
      lastTimestamp: 1629048442,
      err: 0,
    };
    const full: StatusRecord = {
      ...base,
      sendDate: "15.08.2021 20:27:20",
      sendTimestamp: 1629048440,
      phone: "77011234567",
      cost: 12.5,
      senderId: "SMSC.KZ",
      statusName: "Доставлено",
      message: "Код: 1234, никому не говорите",
      comment: "",
      type: 0,
    };
    const hlr = {
      imsi: "401011234567890",
      msc: "77019999999",
      mcc: "401",
      mnc: "01",
      cn: "Kazakhstan",
      net: "Beeline",
      rcn: "",
      rnet: "",
    };
    for (const all of [0, 1, 2] as const) {
      for (const multi of [false, true]) {
        const shape = { all, multi };
        const rec: StatusRecord = all === 0 ? { ...base } : { ...full };
        if (all === 2) Object.assign(rec, { country: "Казахстан", operator: "Beeline", region: "Алматы" });
        if (multi) Object.assign(rec, { id: 182, phone: "77011234567" });
        const decoded = decodeStatusReply(
          encodeStatusReply(multi ? [rec, rec] : [rec], fmt, shape),
          fmt,
          shape,
        ) as StatusRecord[];
        expect(decoded).toHaveLength(multi ? 2 : 1);
        const d = decoded[0]!;
        expect(d.status).toBe(1);
        expect(d.err).toBe(0);
        if (fmt !== 1) expect(d.lastDate).toBe(base.lastDate);
        if (fmt !== 0) expect(d.lastTimestamp).toBe(base.lastTimestamp);
        if (all > 0) {
          expect(d.message).toBe(full.message);
          expect(d.phone).toBe("77011234567");
          expect(d.cost).toBe(12.5);
          expect(d.statusName).toBe("Доставлено");
        }
        if (all === 2) expect(d.region).toBe("Алматы");
        if (multi) expect(d.id).toBe(182);

        const h = { ...rec, hlr, message: "" };
        const dh = (decodeStatusReply(encodeStatusReply([h], fmt, shape), fmt, shape) as StatusRecord[])[0]!;
        expect(dh.hlr).toEqual(hlr);
      }
    }
  });

  it.each(FMTS)("balance with currency and credit, fmt=%i", (fmt) => {
    expect(decodeBalanceReply(encodeBalanceReply({ balance: 1000 }, fmt, false), fmt)).toEqual({
      balance: 1000,
    });
    const r = { balance: 250.8, credit: 500, currency: "KZT" };
    expect(decodeBalanceReply(encodeBalanceReply(r, fmt, true), fmt)).toEqual(r);
    expect(decodeBalanceReply(encodeError({ error: "authorise error", code: 2 }, fmt), fmt)).toMatchObject({
      code: 2,
    });
  });
});
