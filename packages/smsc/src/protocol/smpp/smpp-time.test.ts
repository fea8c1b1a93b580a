import { describe, expect, it } from "vitest";
import { SEND_ERRORS } from "../error-codes.js";
import { SMPP_STATUS } from "./constants.js";
import { SEND_ERROR_STATUS, sendErrorFromStatus, sendErrorStatus } from "./service-errors.js";
import { formatRelativeSmppTime, formatSmppTime, parseSmppTime, smppTimeToUnix } from "./smpp-time.js";

const T = Date.UTC(2026, 10, 24, 14, 3, 9) / 1000;

describe("SMPP time fields (§7.1.1)", () => {
  it("reads absolute times with their quarter-hour offset and tenths", () => {
    expect(parseSmppTime("261124140309000+")).toEqual({ kind: "absolute", unix: T });
    // 17:03:09 at +3 h (12 quarter hours) is 14:03:09 UTC
    expect(parseSmppTime("261124170309012+")).toEqual({ kind: "absolute", unix: T });
    expect(parseSmppTime("261124100309016-")).toEqual({ kind: "absolute", unix: T });
    expect(parseSmppTime("261124140309500+")).toEqual({ kind: "absolute", unix: T + 0.5 });
  });

  it("reads relative times, as the service's PHP client writes validity", () => {
    expect(parseSmppTime("000001020304000R")).toEqual({
      kind: "relative",
      seconds: 86400 + 2 * 3600 + 3 * 60 + 4,
    });
    expect(smppTimeToUnix("000000001000000R", T)).toBe(T + 600);
    expect(smppTimeToUnix("", T)).toBeUndefined();
  });

  it("writes what it reads", () => {
    expect(formatSmppTime(T)).toBe("261124140309000+");
    expect(formatRelativeSmppTime(86400 + 3723)).toBe("000001010203000R");
    expect(parseSmppTime(formatRelativeSmppTime(90_061))).toEqual({ kind: "relative", seconds: 90_061 });
  });

  it("rejects malformed times", () => {
    expect(() => parseSmppTime("2611241403")).toThrow(RangeError);
    expect(() => parseSmppTime("261324140309000+")).toThrow(RangeError);
    expect(() => parseSmppTime("261124140309000X")).toThrow(RangeError);
  });
});

describe("send errors ↔ command_status", () => {
  it("maps every send.php error and back", () => {
    for (const code of Object.keys(SEND_ERRORS).map(Number)) {
      const status = sendErrorStatus(code);
      expect(sendErrorFromStatus(status)).toBe(code);
    }
    expect(SEND_ERROR_STATUS[7]).toBe(SMPP_STATUS.ESME_RINVDSTADR);
    expect(SEND_ERROR_STATUS[3]).toBe(0x403);
    expect(sendErrorStatus(42)).toBe(SMPP_STATUS.ESME_RSUBMITFAIL);
    expect(sendErrorFromStatus(SMPP_STATUS.ESME_RSUBMITFAIL)).toBeUndefined();
  });
});
