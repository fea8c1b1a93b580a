import { describe, expect, it } from "vitest";
import { STATUS_CODE_LIST } from "../status-codes.js";
import { MESSAGE_STATES } from "./constants.js";
import {
  formatHlrReceipt,
  formatReceipt,
  isHlrReceipt,
  messageStateFromStatus,
  parseHlrReceipt,
  parseReceipt,
  parseReceiptDate,
  statFromStatus,
  statusFromMessageState,
  statusFromStat,
} from "./receipt.js";

// 2026-11-24 14:03:00 UTC is 17:03 in Moscow
const T = Date.UTC(2026, 10, 24, 14, 3) / 1000;

describe("delivery receipt text", () => {
  it("builds the full SMPP 3.4 Appendix B text in Moscow time, text cut at 20 characters", () => {
    expect(
      formatReceipt({
        id: "42",
        sub: 2,
        dlvrd: 2,
        submitDate: T,
        doneDate: T + 60,
        stat: "DELIVRD",
        err: 0,
        text: "Привет, мир! Это длинный текст",
      }),
    ).toBe(
      "id:42 sub:002 dlvrd:002 submit date:2611241703 done date:2611241704 stat:DELIVRD err:000 text:Привет, мир! Это дли",
    );
  });

  it("parses what it builds", () => {
    const text = formatReceipt({
      id: "a-1",
      sub: 1,
      dlvrd: 0,
      submitDate: T,
      doneDate: T,
      stat: "UNDELIV",
      err: 1,
      text: "x stat:DELIVRD",
    });
    expect(parseReceipt(text)).toEqual({
      id: "a-1",
      sub: 1,
      dlvrd: 0,
      submitDate: T,
      doneDate: T,
      stat: "UNDELIV",
      err: 1,
      text: "x stat:DELIVRD",
    });
  });

  it("parses foreign variants: capitalised Text:, dates with seconds, UTC", () => {
    const r = parseReceipt(
      "id:m1 sub:001 dlvrd:001 submit date:261124140312 done date:2611241403 stat:delivrd err:0 Text:Hi",
      { offsetHours: 0 },
    );
    expect(r).toMatchObject({
      id: "m1",
      stat: "DELIVRD",
      err: 0,
      text: "Hi",
      submitDate: T + 12,
      doneDate: T,
    });
    expect(parseReceipt("hello world")).toBeUndefined();
    expect(parseReceiptDate("2613241403")).toBeUndefined();
  });

  it("refuses an id with a space", () => {
    expect(() =>
      formatReceipt({
        id: "4 2",
        sub: 1,
        dlvrd: 1,
        submitDate: T,
        doneDate: T,
        stat: "DELIVRD",
        err: 0,
        text: "",
      }),
    ).toThrow(RangeError);
  });
});

describe("status ↔ stat ↔ message_state", () => {
  it("maps every service status to a stat word and a message_state", () => {
    for (const s of STATUS_CODE_LIST) {
      expect(statFromStatus(s)).toMatch(/^[A-Z]{7}$/);
      expect(messageStateFromStatus(s)).toBeGreaterThanOrEqual(1);
    }
    expect(statFromStatus(1)).toBe("DELIVRD");
    expect(messageStateFromStatus(1)).toBe(MESSAGE_STATES.DELIVERED);
    expect(statFromStatus(3)).toBe("EXPIRED");
    expect(statFromStatus(20)).toBe("UNDELIV");
    expect(statFromStatus(23)).toBe("REJECTD");
    expect(statFromStatus(0)).toBe("ENROUTE");
    expect(statFromStatus(999)).toBe("UNKNOWN");
  });

  it("reads stat words and message states back as service statuses", () => {
    expect(statusFromStat("delivrd")).toBe(1);
    expect(statusFromStat("UNDELIV")).toBe(20);
    expect(statusFromStat("EXPIRED")).toBe(3);
    expect(statusFromStat("NOPE")).toBeUndefined();
    expect(statusFromMessageState(2)).toBe(1);
    expect(statusFromMessageState(8)).toBe(23);
    expect(statusFromMessageState(0)).toBeUndefined();
    // every final status survives status → stat → status where the stat word is specific to it
    for (const s of [1, 3, 20, 23] as const) expect(statusFromStat(statFromStatus(s))).toBe(s);
  });
});

describe("HLR receipt text", () => {
  const SPEC =
    "id:855469 stat:DELIVRD err:000 imsi:250023012345678 msc:79232510066 mcc:250 mnc:02 cn:Russian+Federation net:MegaFON+open+Joint+Stock+Company rcn: rnet:";

  it("parses the service's example (spec §8)", () => {
    expect(parseHlrReceipt(SPEC)).toEqual({
      id: "855469",
      stat: "DELIVRD",
      err: 0,
      imsi: "250023012345678",
      msc: "79232510066",
      mcc: "250",
      mnc: "02",
      cn: "Russian Federation",
      net: "MegaFON open Joint Stock Company",
      rcn: "",
      rnet: "",
    });
    expect(isHlrReceipt(SPEC)).toBe(true);
  });

  it("builds URL-encoded values and reads them back", () => {
    const r = {
      id: "7",
      stat: "DELIVRD",
      err: 0,
      imsi: "401771234567890",
      msc: "77010000000",
      mcc: "401",
      mnc: "77",
      cn: "Казахстан",
      net: "Tele2 (Altel)",
      rcn: "",
      rnet: "",
    };
    const text = formatHlrReceipt(r);
    expect(text).toBe(
      "id:7 stat:DELIVRD err:0 imsi:401771234567890 msc:77010000000 mcc:401 mnc:77 cn:%D0%9A%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD net:Tele2+%28Altel%29 rcn: rnet:",
    );
    expect(parseHlrReceipt(text)).toEqual(r);
    expect(parseHlrReceipt("id:1 stat:DELIVRD")).toBeUndefined();
    expect(isHlrReceipt("id:1 sub:001 text:imsi:1")).toBe(false);
  });
});
