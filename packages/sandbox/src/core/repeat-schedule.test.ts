import { describe, expect, it } from "vitest";
import { monthEnd, monthStart, parseDay, repeatRunAt } from "./repeat-schedule.js";

const MSK = 3 * 3_600_000;
/** A Moscow wall time as ms. */
const at = (y: number, m: number, d: number, h = 12) => Date.UTC(y, m - 1, d, h) - MSK;

describe("repeatRunAt", () => {
  const first = at(2026, 1, 31); // Saturday 31 Jan 2026, 12:00 Moscow
  it("counts hourly, daily, weekly, monthly and yearly runs from the first one", () => {
    expect(repeatRunAt(1, first, 3, 0)).toBe(first + 3 * 3_600_000);
    expect(repeatRunAt(2, first, 2, 0)).toBe(at(2026, 2, 2));
    expect(repeatRunAt(5, first, 1, 0)).toBe(at(2026, 2, 7));
    // the 31st clamps to the month's last day and comes back where it can
    expect(repeatRunAt(6, first, 1, 0)).toBe(at(2026, 2, 28));
    expect(repeatRunAt(6, first, 2, 0)).toBe(at(2026, 3, 31));
    expect(repeatRunAt(7, at(2028, 2, 29), 1, 0)).toBe(at(2029, 2, 28));
    expect(repeatRunAt(0, first, 1, first)).toBeUndefined();
  });
  it("steps to the next working day or weekend day in Moscow", () => {
    expect(repeatRunAt(3, first, 1, first)).toBe(at(2026, 2, 2)); // Saturday → Monday
    expect(repeatRunAt(3, first, 2, at(2026, 2, 6))).toBe(at(2026, 2, 9)); // Friday → Monday
    expect(repeatRunAt(4, first, 1, first)).toBe(at(2026, 2, 1)); // Saturday → Sunday
    expect(repeatRunAt(4, first, 2, at(2026, 2, 1))).toBe(at(2026, 2, 7)); // Sunday → Saturday
    // 23:30 Moscow on a Friday is still Friday, though it is Friday 20:30 UTC
    expect(repeatRunAt(3, at(2026, 2, 5, 23), 1, at(2026, 2, 5, 23))).toBe(at(2026, 2, 6, 23));
  });
});

describe("Moscow months and days", () => {
  it("finds the start and end of a month and reads DD.MM.YYYY", () => {
    expect(monthStart(at(2026, 1, 16))).toBe(at(2026, 1, 1, 0));
    expect(monthEnd(at(2026, 12, 31, 23))).toBe(at(2027, 1, 1, 0));
    expect(parseDay("05.02.2026")).toBe(at(2026, 2, 5, 0));
    expect(parseDay("31.02.2026")).toBeUndefined();
    expect(parseDay("2026-02-05")).toBeUndefined();
  });
});
