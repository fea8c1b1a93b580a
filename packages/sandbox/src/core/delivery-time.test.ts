import { describe, expect, it } from "vitest";
import { resolveSendAt } from "./delivery-time.js";

// 15.01.2026 09:00 UTC = 12:00 in Moscow
const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);
const HOUR = 3_600_000;

describe("resolveSendAt", () => {
  it("sends now without a time, for 0, and for a moment in the past", () => {
    expect(resolveSendAt(undefined, 0, NOW)).toBe(NOW);
    expect(resolveSendAt("0", 0, NOW)).toBe(NOW);
    expect(resolveSendAt("0101001000", 0, NOW)).toBe(NOW);
  });

  it("reads +minutes, 0<unix> and Moscow dates shifted by tz", () => {
    expect(resolveSendAt("+90", 0, NOW)).toBe(NOW + 90 * 60_000);
    expect(resolveSendAt(`0${NOW / 1000 + 60}`, 0, NOW)).toBe(NOW + 60_000);
    expect(resolveSendAt("15.01.26 15:00", 0, NOW)).toBe(NOW + 3 * HOUR);
    expect(resolveSendAt("1501261500", 2, NOW)).toBe(NOW + HOUR);
  });

  it("moves into an h1-h2 window of Moscow hours", () => {
    expect(resolveSendAt("10-18", 0, NOW)).toBe(NOW);
    expect(resolveSendAt("14-18", 0, NOW)).toBe(NOW + 2 * HOUR);
    expect(resolveSendAt("8-11", 0, NOW)).toBe(NOW + 20 * HOUR);
    expect(resolveSendAt("22-6", 0, NOW)).toBe(NOW + 10 * HOUR);
    expect(resolveSendAt("22-13", 0, NOW)).toBe(NOW);
  });

  it("returns undefined for what the service answers with error 5", () => {
    for (const bad of ["tomorrow", "32.01.26 10:00", "25-30", "+", "15.13.26 10:00"]) {
      expect(resolveSendAt(bad, 0, NOW)).toBeUndefined();
    }
  });
});
